"""Reading a moment of the contest day from the command line."""

from __future__ import annotations

import datetime as dt

from .store import Store, StoreError


def parse_at(text: str | None, store: Store) -> float | None:
    """`HH:MM[:SS]` (on the day of the log's first event, local time), an ISO date-time, or epoch seconds."""
    if text is None:
        return None
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        when = dt.datetime.fromisoformat(text)
        return when.timestamp()
    except ValueError:
        pass
    try:
        clock = dt.time.fromisoformat(text)
    except ValueError:
        raise StoreError(f"--at '{text}': use HH:MM[:SS], an ISO date-time or epoch seconds") from None
    row = store.conn.execute("SELECT min(at) FROM events").fetchone()
    if not row or row[0] is None:
        raise StoreError(f"--at '{text}': the log is empty, so there is no contest day to place it on")
    day = dt.datetime.fromtimestamp(row[0]).date()
    return dt.datetime.combine(day, clock).timestamp()
