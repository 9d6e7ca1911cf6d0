"""Reading a moment of the contest day from the command line, on the contest's clock (scoreboard/clock.py)."""

from __future__ import annotations

from scoreboard.clock import contest_zone, parse_moment, stamp, time_of_day, zone_label

from .store import Store, StoreError
from .words import say


def first_event_at(store: Store) -> float | None:
    row = store.conn.execute("SELECT min(at) FROM events").fetchone()
    return row[0] if row else None


def parse_at(text: str | None, store: Store) -> float | None:
    """`HH:MM[:SS]` (what a screen shows: the contest's clock, on the day of the log's first event), an ISO
    date-time (without an offset: the contest's clock; with one: as it says), or epoch seconds."""
    if text is None:
        return None
    zone, first = contest_zone(store.rules()), first_event_at(store)
    try:
        return parse_moment(text, zone, first)
    except ValueError:
        raise StoreError(*(moment_problem(text, zone, first, lang) for lang in ("en", "zh"))) from None


def moment_problem(text: str, zone, first_at: float | None, lang: str, option: str = "--at") -> str:
    """Why `text` is not a moment `parse_moment` takes, in `lang` (the core says it in English only)."""
    key = "at_empty_log" if first_at is None and time_of_day(text) is not None else "at_not_moment"
    return say(key, lang, text=text, zone=zone_label(zone, lang)).replace("--at", option, 1)


def as_of(at: float, store: Store, lang: str) -> str:
    """The line that says which moment `--at` was read as, on the contest's clock with its zone."""
    text = stamp(at, contest_zone(store.rules()), lang)
    return f"As of {text}" if lang == "en" else f"截至{text}"
