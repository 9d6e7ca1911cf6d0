"""Exports are safe to open: no text from a roster, a judge or a hall becomes a live formula.

A spreadsheet reads a cell whose text starts with '=', '+', '-' or '@' (or a
tab or a carriage return before one) as a formula, whatever file it came
from: `=HYPERLINK(...)` as a name would be a link in the results, and
`=cmd|' /C calc'!A0` would ask to run a program. OWASP's guidance on CSV
injection: such a cell must reach the reader as text. `formula_like` is the
one rule; the CSV writer prefixes such a text with a single quote
(`safe_text`), the workbook stores it as a plain string cell marked
`quotePrefix`, so Excel keeps it text even when someone edits the cell.

Only text is neutralised: a score of -2.5 is a number, and stays one.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """True when `value` is a text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_text(value):
    """A value for a CSV cell: a formula-like text gets a leading single quote; anything else as it is."""
    return "'" + value if formula_like(value) else value
