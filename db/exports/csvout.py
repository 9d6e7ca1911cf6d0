"""One list as a CSV file: UTF-8 with a BOM, so that Excel opens the Chinese right.

The first line is the column headers (a mail merge needs that); every row
then ends with the status columns: the list's status (PROVISIONAL or locked),
the lock's time, who locked it and the judges' chain hash. A row copied out
of the file on its own still says whether it is official.

Every text cell goes through `safe_text` (safety.py): a name such as
`=HYPERLINK(...)` is written `'=HYPERLINK(...)`, so a spreadsheet shows it
and never runs it. Numbers are written as they are.
"""

from __future__ import annotations

import csv

from . import labels
from .safety import safe_text
from .snapshot import Snapshot
from .tables import Table, plain


def write_csv(snap: Snapshot, table: Table, path: str) -> int:
    """Write one table; returns the number of data rows."""
    cols, rows = table.flat(labels.head("award", snap.lang))
    status_heads = [labels.head(k, snap.lang) for k in ("status", "locked_at", "locked_by", "chain")]
    status = [safe_text(v) for v in snap.status_fields()]  # who locked it is a judge's name
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([safe_text(c.header) for c in cols] + status_heads)  # a section's label comes from the rules
        for r in rows:
            w.writerow([plain(c.fmt, safe_text(v)) for c, v in zip(cols, r)] + status)
    return len(rows)
