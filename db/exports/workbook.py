"""The official workbook (openpyxl): one sheet per list, ready to print on A4.

Every sheet starts with the same three rows: the contest's title, the status
banner (PROVISIONAL, or the lock's time, who locked it and the judges' chain
hash) and the column headers; those rows are frozen and repeat on every
printed page, and the page header and footer say the status again.

Every row goes in through `_append`: a text that a spreadsheet would read as
a formula (safety.py) is stored as a plain string cell with the quote-prefix
style, never as a formula, whichever sheet and row it lands in.
"""

from __future__ import annotations

import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .safety import formula_like
from .snapshot import Snapshot
from .tables import Table

HEADER_ROWS = 3  # title, status banner, column headers
FORMATS = {"int": "0", "score": "0.00", "time": "[h]:mm:ss"}
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
BLOCK_FILL = PatternFill("solid", fgColor="F2F2F2")
PROVISIONAL_FILL = PatternFill("solid", fgColor="FFE699")
LOCKED_FILL = PatternFill("solid", fgColor="E2EFDA")


def cells(text) -> int:
    """Display width in character cells: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _escape(text: str) -> str:
    return text.replace("&", "&&")  # '&' starts a code in Excel's headers and footers


def _append(ws: Worksheet, values: list) -> None:
    """`ws.append`, with every formula-like text kept as text (openpyxl makes '=...' a formula)."""
    ws.append(values)
    for col, value in enumerate(values, 1):
        if formula_like(value):
            cell = ws.cell(ws.max_row, col)
            cell.data_type = "s"
            cell.quotePrefix = True  # Excel's own mark for "text, as typed": kept as text when edited


def write_workbook(snap: Snapshot, tables: list[Table], path: str) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        _sheet(wb.create_sheet(table.name[:31]), snap, table)
    wb.properties.title = f"{snap.title} — {snap.status_short()}"
    wb.properties.creator = "赛场计分台"
    wb.properties.description = snap.status_line()
    wb.save(path)


def _sheet(ws: Worksheet, snap: Snapshot, table: Table) -> None:
    ncols = len(table.columns)
    last = get_column_letter(ncols)
    _append(ws, [f"{snap.title} — {table.name}"])
    ws["A1"].font = Font(bold=True, size=14)
    _append(ws, [snap.status_line()])
    banner = ws["A2"]
    banner.font = Font(bold=True, color="C00000" if snap.provisional else "375623")
    banner.fill = PROVISIONAL_FILL if snap.provisional else LOCKED_FILL
    banner.alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[2].height = 33
    for row in (1, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
    _append(ws, [c.header for c in table.columns])
    for cell in ws[HEADER_ROWS]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [cells(c.header) for c in table.columns]
    if table.blocks is None:
        for values in table.rows:
            _data_row(ws, table, values, widths)
    else:
        for block in table.blocks:
            _append(ws, [block.title])
            r = ws.max_row
            ws.merge_cells(f"A{r}:{last}{r}")
            ws.cell(r, 1).font = Font(bold=True, size=12)
            ws.cell(r, 1).fill = BLOCK_FILL
            for values in block.rows:
                _data_row(ws, table, values, widths)
            for note in block.notes:
                _append(ws, [note])
                ws.cell(ws.max_row, 1).font = Font(italic=True, color="C00000")
            _append(ws, [])
    for i, c in enumerate(table.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(widths[i - 1], 4), c.cap) + 2
    ws.freeze_panes = "D4" if table.key == "results" else "A4"
    _print_setup(ws, snap, table)


def _data_row(ws: Worksheet, table: Table, values: list, widths: list[int]) -> None:
    out = []
    for c, v in zip(table.columns, values):
        if c.fmt == "time" and v is not None:
            v = v / 86400  # seconds to Excel's days
        out.append(None if v == "" else v)
    _append(ws, out)
    for i, (c, cell) in enumerate(zip(table.columns, ws[ws.max_row])):
        cell.border = BOX
        if c.fmt in FORMATS:
            cell.number_format = FORMATS[c.fmt]
        if c.fmt == "long":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        elif c.fmt == "hash":
            cell.font = Font(name="Consolas", size=9)
        width = 10 if c.fmt == "time" else cells(values[i] if values[i] is not None else "")
        widths[i] = max(widths[i], width)


def _print_setup(ws: Worksheet, snap: Snapshot, table: Table) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_title_rows = f"1:{HEADER_ROWS}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    head, foot = ws.oddHeader, ws.oddFooter
    head.left.text = _escape(snap.title)
    head.left.size = 9
    head.right.text = _escape(snap.status_short())
    head.right.size = 10
    head.right.font = "-,Bold"
    if snap.provisional:
        head.right.color = "C00000"
        head.center.text = _escape(snap.t("provisional"))
        head.center.font = "-,Bold"
        head.center.color = "C00000"
    foot.left.text = _escape(snap.t("chain_short", chain=snap.chain_head[:16]))
    foot.left.size = 8
    foot.center.text = snap.t("page")
    foot.center.size = 9
    foot.right.text = _escape(snap.t("made_at", at=snap.time_text(snap.made_at)))
    foot.right.size = 8
