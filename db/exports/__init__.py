"""The official outputs: the results workbook, one-list CSV files, the certificate
list and the printed report. All of them are made from one `Snapshot` of the
database (see snapshot.py), so they always agree with `scoreboard awards --json`.
"""

from .snapshot import ExportError, Snapshot, take
from .tables import LISTS, ON_REQUEST, build

__all__ = ["ExportError", "LISTS", "ON_REQUEST", "Snapshot", "build", "take"]
