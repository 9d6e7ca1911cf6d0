"""Keep a DataTable equal to a list of rows by touching only what changed.

Rows are keyed by position ("p0", "p1", ...): a ranking is a list of places,
and when someone moves from 10th to 5th only places 5..10 change. Each tick
the new rows are compared with the old ones cell by cell; changed cells get
`update_cell`, extra places are added or removed at the end. The table is
never cleared and rebuilt on a tick, so 1,550 rows update at the cost of one repaint.

Columns follow the table's width (columns.py): a `FitTable` asks its TableSync to `refit` when it is
resized, and only when that changes which columns are shown, or their widths, is the table rebuilt
from the rows it holds. Rows always carry every declared column; the table shows some of them. What
a narrow table leaves out (a dropped column, a cut cell) is shown for the highlighted row in its
`detail` line, if the screen gives it one.

Every text cell and column label reaches the DataTable as plain text (display/plaintext.py): a
name such as "[bold]x[/bold]" is shown as typed, never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable, Static

from ..plaintext import cell, plain
from .columns import Col, col, fit


def cut(value):
    """A cell too long for its column ends in … (the detail line has all of it)."""
    if isinstance(value, Text) and value.overflow is None:
        value.overflow = "ellipsis"
    return value


class FitTable(DataTable):
    """A DataTable whose columns follow its width, with a detail line that follows its cursor.

    Its columns always fit, so it has no horizontal scrollbar (Textual keeps one that a wider layout
    showed when the columns narrow and the table's size stays the same)."""

    DEFAULT_CSS = """
    FitTable {
        overflow-x: hidden;
    }
    """
    sync: TableSync | None = None

    def on_resize(self) -> None:
        if self.sync is not None:
            self.sync.refit()
        if self.row_count:  # shorter now (a detail line grew, the terminal shrank): keep the highlighted row in view
            self.call_after_refresh(self.move_cursor, row=self.cursor_row, animate=False)

    def on_data_table_row_highlighted(self) -> None:  # the message goes on to the screen
        if self.sync is not None:
            self.sync.show_detail()


class TableSync:
    def __init__(self, table: DataTable, render: Callable[[int, object], object] | None = None,
                 detail: Static | None = None, colon: str = "：", always: tuple[str, ...] = ()):
        self.table = table
        self.rows: list[tuple] = []
        self.keys: list[str] = []  # what each place holds (an exam number, a team...)
        shown = render or (lambda col, v: v)
        self.render = lambda col, v: cut(cell(shown(col, v)))
        self.columns: list[Col] = []  # as declared
        self.shown: tuple[int, ...] = ()  # which of them the table has, and how wide
        self.widths: tuple[int, ...] = ()
        self.detail, self.colon = detail, colon
        self.always = always  # columns the detail line shows whole even when the table does too
        self.touched = 0  # cells updated by the last sync (for tests and measurements)
        if isinstance(table, FitTable):
            table.sync = self

    def set_columns(self, columns: Sequence) -> None:
        """A `Col` (or a (key, label, width) triple) for each column; resets the table only if they differ."""
        cols = [col(c) for c in columns]
        if cols == self.columns:
            return
        self.columns = cols
        self.rows, self.keys = [], []
        self._layout(*fit(cols, self.room()))

    # --- the width ------------------------------------------------------------------------
    def room(self) -> int | None:
        """The cells the columns may take: the table's width less a vertical scrollbar when the rows need
        one; None before the table is laid out (or for a plain DataTable, which does not follow its width)."""
        table = self.table
        if not isinstance(table, FitTable) or not table.size.width:
            return None
        width = table.size.width
        if len(self.rows) + (1 if table.show_header else 0) > table.size.height:
            width -= table.styles.scrollbar_size_vertical
        return width

    def refit(self) -> bool:
        """Show the columns the width allows; rebuild the table only if that changed anything."""
        shown, widths = fit(self.columns, self.room())
        if (shown, widths) == (self.shown, self.widths):
            return False
        self._layout(shown, widths)
        return True

    def _layout(self, shown: tuple[int, ...], widths: tuple[int, ...]) -> None:
        table = self.table
        cursor = table.cursor_row
        table.clear(columns=True)
        self.shown, self.widths = shown, widths
        for i, width in zip(shown, widths):
            table.add_column(plain(self.columns[i].label), key=self.columns[i].key, width=width)
        for i, row in enumerate(self.rows):
            table.add_row(*self._cells(row), key=f"p{i}")
        if 0 < cursor < len(self.rows):
            table.move_cursor(row=cursor, animate=False)
        self.show_detail()

    def _cells(self, row: tuple) -> list:
        return [self.render(c, row[c]) for c in self.shown]

    # --- the rows -------------------------------------------------------------------------
    def sync(self, keys: Sequence[str], rows: Sequence[tuple]) -> int:
        table = self.table
        render = self.render
        shown = self.shown
        col_keys = [self.columns[c].key for c in shown]
        old = self.rows
        room = self.room()
        touched = 0
        common = min(len(old), len(rows))
        for i in range(common):
            new, prev = rows[i], old[i]
            if new == prev:
                continue
            rk = f"p{i}"
            for j, c in enumerate(shown):
                if new[c] != prev[c]:
                    table.update_cell(rk, col_keys[j], render(c, new[c]))
                    touched += 1
        self.rows = [tuple(r) for r in rows]
        self.keys = list(keys)
        if len(rows) > len(old):
            for i in range(common, len(rows)):
                table.add_row(*self._cells(self.rows[i]), key=f"p{i}")
                touched += len(shown)
        elif len(rows) < len(old):
            for i in range(len(old) - 1, len(rows) - 1, -1):
                table.remove_row(f"p{i}")
        self.touched = touched
        if room != self.room():  # a scrollbar came or went with the rows
            self.refit()
        self.show_detail()
        return touched

    def key_at_cursor(self) -> str | None:
        row = self.table.cursor_row
        if 0 <= row < len(self.keys):
            return self.keys[row]
        return None

    # --- what the table leaves out ------------------------------------------------------------
    def left_out(self, row: int) -> list[tuple[str, str]]:
        """(label, text) of the row's cells that the table does not show whole (the dropped columns' and
        the cut ones'), and of the `always` columns."""
        if not 0 <= row < len(self.rows):
            return []
        width = dict(zip(self.shown, self.widths))
        out = []
        for c, column in enumerate(self.columns):
            value = self.render(c, self.rows[row][c])
            text = value.plain if isinstance(value, Text) else str(value)
            if text.strip() and (c not in width or cell_len(text) > width[c] or column.key in self.always):
                out.append((column.label, text.strip()))
        return out

    def show_detail(self) -> None:
        """The highlighted row's left-out cells in the detail line; the line is hidden when nothing is."""
        if self.detail is None:
            return
        parts = self.left_out(self.table.cursor_row)
        self.detail.update(Text(" · ".join(f"{label}{self.colon}{text}" for label, text in parts)))
        self.detail.display = bool(parts)
