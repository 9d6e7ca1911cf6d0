"""Which columns a table shows in the width it has, and how wide each one is.

Every console table declares its columns once, each with a priority (`keep`): 0 for the columns
the table is for (名次, 姓名, 总分 in a ranking), which are never given up; the higher the number, the
sooner a column gives way when the terminal is narrow. A column may also shrink (`min`), and a long
text column (a reason, a note) is `flex`: it takes what the others leave, after them.

`fit` is pure (no Textual): the table (tablesync.py) asks it on every resize, and what a column
gives up is not lost: the row's detail line shows the highlighted row's dropped and cut cells.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

PAD = 2  # a DataTable cell's padding, one cell each side


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    width: int  # what it asks for (its label's width at least)
    keep: int = 0  # 0: always shown; the highest gives way first
    min: int = 0  # narrowest it may be (0: it does not shrink)
    flex: bool = False  # a long text: grows last, to what is left

    @property
    def wide(self) -> int:
        return max(self.width, cell_len(self.label))

    @property
    def narrow(self) -> int:
        return min(self.min or self.width, self.wide)


def col(spec) -> Col:
    """A `Col`, or one from the old (key, label, width) triple: a fixed, essential column."""
    return spec if isinstance(spec, Col) else Col(*spec)


def fit(cols: list[Col], room: int | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(the indices shown, their widths) in `room` cells; `room` None (not laid out yet): all, as asked.

    Columns are given up from the highest `keep` (the rightmost first among equals) until the rest fit
    at their narrowest; the cells left over go back to the shrunk columns, the fixed ones in order of
    importance first, then the flexible ones."""
    if room is None:
        return tuple(range(len(cols))), tuple(c.wide for c in cols)
    shown = list(range(len(cols)))
    need = sum(c.narrow + PAD for c in cols)
    for i in sorted((i for i, c in enumerate(cols) if c.keep > 0), key=lambda i: (-cols[i].keep, -i)):
        if need <= room:
            break
        shown.remove(i)
        need -= cols[i].narrow + PAD
    widths = {i: cols[i].narrow for i in shown}
    spare = room - need
    for i in sorted(shown, key=lambda i: (cols[i].flex, cols[i].keep, i)):
        grow = max(0, min(spare, cols[i].wide - widths[i]))
        widths[i] += grow
        spare -= grow
    return tuple(shown), tuple(widths[i] for i in shown)
