"""The halls' health for the judges' consoles: who is connected, from where,
how far acknowledged, when last heard, and how many records in the last minute."""

from __future__ import annotations

import time
from collections import deque


class Rates:
    """Records per source over the last minute, from samples of each source's running count.

    Nothing is done per record or per frame: the feeder samples the counts (the seqs staged so
    far) about once a second, and a rate is the difference with the sample of a minute before.
    """

    def __init__(self, counts: dict[str, int] | None = None, now: float | None = None):
        self._samples: deque[tuple[float, dict[str, int]]] = deque()
        self.sample(dict(counts or {}), time.time() if now is None else now)

    def sample(self, counts: dict[str, int], now: float) -> None:
        self._samples.append((now, dict(counts)))
        while len(self._samples) > 2 and self._samples[1][0] <= now - 60:
            self._samples.popleft()  # keep the newest sample at least a minute old

    def per_minute(self, source: str, count: int, now: float) -> int:
        base = self._samples[0][1]
        for at, counts in self._samples:
            if at > now - 60:
                break
            base = counts
        return max(0, count - base.get(source, 0))


def health_message(sources, halls: dict, acked: dict[str, int], counts: dict[str, int], rates: Rates,
                   last_heard: dict[str, float], storage_error: str | None, commits: int, clients: int) -> dict:
    """`halls`: source -> a connection with `.peer` and `.session.last_at`, for the connected ones;
    `counts`: each source's records so far (its next seq - 1); `last_heard`: the halls that left."""
    now = time.time()
    rates.sample(counts, now)
    rows = []
    for s in sorted(set(sources) | set(acked) | set(halls)):
        conn = halls.get(s)
        rows.append({"source": s, "connected": conn is not None, "peer": conn.peer if conn else None,
                     "acked": acked.get(s, 0),
                     "last_at": (conn.session.last_at or last_heard.get(s)) if conn else last_heard.get(s),
                     "per_minute": rates.per_minute(s, counts.get(s, 0), now)})
    return {"type": "health", "at": now, "halls": rows, "storage": storage_error or "ok",
            "commits": commits, "clients": clients}
