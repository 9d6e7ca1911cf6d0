"""Which logins reach the access log: every accepted one, and refused ones at a bounded rate.

A refused hello is logged with its peer's address, what it claimed and why it
was refused, the message bounded (`scoreboard.limits.MAX_MESSAGE`). A peer that
keeps failing cannot fill the disk: at most `per_peer` refusals per host and
`total` refusals in all are logged per minute; the rest are counted and one
line per host says how many were left out. Sans I/O: the server asks `allow()`
and writes what `summaries()` returns.
"""

from __future__ import annotations

from collections import OrderedDict

PER_PEER = 10  # refusals logged per host per minute
TOTAL = 200  # refusals logged per minute, all hosts together
WINDOW = 60.0  # seconds
HOSTS = 4096  # hosts remembered (the oldest is forgotten first)


def host_of(peer: str) -> str:
    """The host part of "host:port" (IPv6 addresses keep their colons)."""
    host, sep, port = peer.rpartition(":")
    return host if sep and port.isdigit() else peer


class AccessLimiter:
    def __init__(self, per_peer: int = PER_PEER, total: int = TOTAL, window: float = WINDOW, hosts: int = HOSTS):
        self.per_peer, self.total, self.window, self.hosts = per_peer, total, window, hosts
        self.start = None  # the current window's start
        self.logged = 0  # refusals logged in this window
        self.by_host: OrderedDict[str, list[int]] = OrderedDict()  # host -> [logged, suppressed] this window
        self.pending: list[tuple[str, int]] = []  # (host, suppressed) of windows that ended

    def allow(self, peer: str, now: float) -> bool:
        """A refusal from `peer`: log it (True) or only count it (False)."""
        self._roll(now)
        host = host_of(peer)
        counts = self.by_host.get(host)
        if counts is None:
            if len(self.by_host) >= self.hosts:
                old, (_n, left_out) = self.by_host.popitem(last=False)
                if left_out:
                    self.pending.append((old, left_out))
            counts = self.by_host[host] = [0, 0]
        if counts[0] >= self.per_peer or self.logged >= self.total:
            counts[1] += 1
            return False
        counts[0] += 1
        self.logged += 1
        return True

    def summaries(self, now: float) -> list[tuple[str, int]]:
        """(host, refusals left out) for each host whose window has ended with refusals left out."""
        self._roll(now)
        out, self.pending = self.pending, []
        return out

    def _roll(self, now: float) -> None:
        if self.start is None or now - self.start >= self.window:
            self.pending += [(h, c[1]) for h, c in self.by_host.items() if c[1]]
            self.by_host.clear()
            self.logged = 0
            self.start = now
