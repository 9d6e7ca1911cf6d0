"""Reading a moment of the contest day from the command line, on the contest's clock (scoreboard/clock.py)."""

from __future__ import annotations

from scoreboard.clock import contest_zone, parse_moment, stamp

from .store import Store, StoreError


def first_event_at(store: Store) -> float | None:
    row = store.conn.execute("SELECT min(at) FROM events").fetchone()
    return row[0] if row else None


def parse_at(text: str | None, store: Store) -> float | None:
    """`HH:MM[:SS]` (what a screen shows: the contest's clock, on the day of the log's first event), an ISO
    date-time (without an offset: the contest's clock; with one: as it says), or epoch seconds."""
    if text is None:
        return None
    try:
        return parse_moment(text, contest_zone(store.rules()), first_event_at(store))
    except ValueError as exc:
        raise StoreError(f"--at {exc}") from None


def as_of(at: float, store: Store, lang: str) -> str:
    """The line that says which moment `--at` was read as, on the contest's clock with its zone."""
    text = stamp(at, contest_zone(store.rules()), lang)
    return f"As of {text}" if lang == "en" else f"截至{text}"
