"""An item named as people say it: its section's label and its number (简答题第4题, Short answer Q4).

A hall names items freely (docs/protocol.md); by convention an item's id is its section's id and a
number (`short-04`), and then the number is read from it. Any other id is shown as it is, after the
section's label.
"""

from __future__ import annotations

import re


def item_number(item: str, section: str) -> int | None:
    """The item's number when its id is the section's id and a number (`short-04`, `short_4`, `short4`)."""
    m = re.fullmatch(re.escape(section) + r"[-_. ]?(\d{1,6})", item or "")
    return int(m.group(1)) if m else None


def item_name(item: str, section: str, label: str | None = None, lang: str = "zh") -> str:
    """`简答题第4题` for `short-04` in the section labelled 简答题; `简答题（Q-17）` for an id without the
    section's number; `Short answer Q4` / `Short answer (Q-17)` in English. `label` defaults to the id."""
    label = label or section
    n = item_number(item, section)
    if lang == "en":
        return f"{label} Q{n}" if n is not None else f"{label} ({item})"
    return f"{label}第{n}题" if n is not None else f"{label}（{item}）"


def item_in_section(item: str, section: str, lang: str = "zh") -> str:
    """The item's name beside its section's label (a table with a section column): `第4题` / `Q4`, or the id
    as it is when it carries no number."""
    n = item_number(item, section)
    if n is None:
        return item
    return f"Q{n}" if lang == "en" else f"第{n}题"
