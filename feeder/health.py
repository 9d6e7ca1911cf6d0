"""The halls' health for the judges' consoles: who is connected, from where,
how far acknowledged, when last heard, and how many frames in the last minute."""

from __future__ import annotations

import time
from collections import deque


class Rates:
    """New records per source (a batch counts each record), in one-second buckets over the last minute."""

    def __init__(self):
        self.last_at: dict[str, float] = {}
        self._buckets: dict[str, deque] = {}

    def count(self, source: str, n: int = 1) -> None:
        now = time.time()
        self.last_at[source] = now
        q = self._buckets.setdefault(source, deque())
        sec = int(now)
        if q and q[-1][0] == sec:
            q[-1][1] += n
        else:
            q.append([sec, n])
            while q and q[0][0] < sec - 60:
                q.popleft()

    def per_minute(self, source: str, now: float) -> int:
        return sum(n for sec, n in self._buckets.get(source, ()) if sec >= now - 60)


def health_message(sources, halls: dict, acked: dict[str, int], rates: Rates, storage_error: str | None,
                   commits: int, clients: int) -> dict:
    """`halls`: source -> a connection with `.peer`, for the connected ones."""
    now = time.time()
    rows = []
    for s in sorted(set(sources) | set(acked) | set(halls)):
        conn = halls.get(s)
        rows.append({"source": s, "connected": conn is not None, "peer": conn.peer if conn else None,
                     "acked": acked.get(s, 0), "last_at": rates.last_at.get(s),
                     "per_minute": rates.per_minute(s, now)})
    return {"type": "health", "at": now, "halls": rows, "storage": storage_error or "ok",
            "commits": commits, "clients": clients}
