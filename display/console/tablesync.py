"""Keep a DataTable equal to a list of rows by touching only what changed.

Rows are keyed by position ("p0", "p1", ...): a ranking is a list of places,
and when someone moves from 10th to 5th only places 5..10 change. Each tick
the new rows are compared with the old ones cell by cell; changed cells get
`update_cell`, extra places are added or removed at the end. The table is
never cleared and rebuilt, so 1,550 rows update at the cost of one repaint.

Every text cell and column label reaches the DataTable as plain text (display/plaintext.py): a
name such as "[bold]x[/bold]" is shown as typed, never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.widgets import DataTable

from ..plaintext import cell, plain


class TableSync:
    def __init__(self, table: DataTable, render: Callable[[int, object], object] | None = None):
        self.table = table
        self.rows: list[tuple] = []
        self.keys: list[str] = []  # what each place holds (an exam number, a team...)
        shown = render or (lambda col, v: v)
        self.render = lambda col, v: cell(shown(col, v))
        self.columns: list = []
        self.touched = 0  # cells updated by the last sync (for tests and measurements)

    def set_columns(self, columns: Sequence[tuple[str, str, int]]) -> None:
        """(key, label, width) for each column; resets the table only if they differ."""
        cols = [tuple(c) for c in columns]
        if cols == self.columns:
            return
        self.table.clear(columns=True)
        for key, label, width in cols:
            self.table.add_column(plain(label), key=key, width=width)
        self.columns = cols
        self.rows, self.keys = [], []

    def sync(self, keys: Sequence[str], rows: Sequence[tuple]) -> int:
        table = self.table
        render = self.render
        col_keys = [c[0] for c in self.columns]
        old = self.rows
        touched = 0
        common = min(len(old), len(rows))
        for i in range(common):
            new, prev = rows[i], old[i]
            if new == prev:
                continue
            rk = f"p{i}"
            for c, (a, b) in enumerate(zip(new, prev)):
                if a != b:
                    table.update_cell(rk, col_keys[c], render(c, a))
                    touched += 1
        if len(rows) > len(old):
            for i in range(common, len(rows)):
                table.add_row(*[render(c, v) for c, v in enumerate(rows[i])], key=f"p{i}")
                touched += len(rows[i])
        elif len(rows) < len(old):
            for i in range(len(old) - 1, len(rows) - 1, -1):
                table.remove_row(f"p{i}")
        self.rows = [tuple(r) for r in rows]
        self.keys = list(keys)
        self.touched = touched
        return touched

    def key_at_cursor(self) -> str | None:
        row = self.table.cursor_row
        if 0 <= row < len(self.keys):
            return self.keys[row]
        return None
