"""Bounds on everything a client, a roster or a file can bring in.

Each bound is far beyond what a real exam needs and small enough that every
later step (the integer ranking key, SQLite's integers, a terminal line, a
printed page) can hold it. Input outside them is refused with a clear code,
never folded. docs/architecture.md ("Bounds") lists them with their reasons.
"""

from __future__ import annotations

import unicodedata

MAX_SEQ = 2**63 - 1  # a hall's seq: what SQLite stores as an INTEGER
MAX_ID = 64  # characters: exam numbers, item and section ids, hall sources, judges' and screens' names
MAX_NAME = 64  # characters of a contestant's name (the longest real ones, with a transliteration, are ~20)
MAX_TEXT = 128  # characters of a unit or a team's name
MAX_REASON = 500  # characters of a judge's reason
MAX_ITEM_POINTS = 1000  # an item's `max` (a whole paper sent as one item stays far below)
MAX_ITEMS = 1000  # distinct items graded per contestant (a paper has about 70)
MAX_TIME_USED = 86_400.0  # seconds: a contestant's time used is within one day
MAX_QUESTION = 9999  # an on-stage question's number within its round (a round has a few dozen)

MAX_MESSAGE = 300  # characters of a rejection's message (what is kept, shown and sent)
MAX_QUARANTINE_RAW = 4096  # bytes kept of a rejected record (its digest covers all of it)
MAX_COMMAND_DEPTH = 6  # nesting of a judge command's data
MAX_COMMAND_ITEMS = 2000  # values in a judge command's data, all levels together
MAX_COMMAND_BYTES = 64 * 1024  # a console's or screen's frame after the hello


def short(value, limit: int = 40) -> str:
    """`repr(value)` cut to `limit` characters, saying how long it was: for messages that echo input."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…({len(value)} characters)"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a repr that fails (too deep, say) is named by its type
        return f"<{type(value).__name__}>"
    return text if len(text) <= limit else f"{text[:limit]}…({type(value).__name__})"


def short_zh(value, limit: int = 40) -> str:
    """`short` for a Chinese message: the length said in Chinese."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}…（共{len(value)}个字符）"
    return short(value, limit)


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """A message cut to `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_NOT_TEXT = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))  # control, format, surrogate, private, unassigned,
# line and paragraph separators; spaces (Zs) are text: the ideographic space pads two-character names (张　三)


def plain_text_problem(text: str, limit: int) -> str | None:
    """Why `text` cannot be an id, a name or a label (None: it can): empty, too long, or holding
    control or format characters (a newline, an escape, a right-to-left override...)."""
    if not text:
        return "is empty"
    if len(text) > limit:
        return f"is {len(text)} characters long (at most {limit})"
    if not text.isprintable():  # the fast answer for nearly every text; then what isprintable refuses but is text
        bad = next((ch for ch in text if unicodedata.category(ch) in _NOT_TEXT), None)
        if bad is not None:
            return f"holds the control character U+{ord(bad):04X}"
    return None
