"""The big screen's building blocks: a paged table, a bar chart of team scores, leader cards
with big digits, the ticker of latest results and the exam clock. Styles: widgets.tcss."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Digits, Static

from ..plaintext import plain
from scoreboard.clock import DEFAULT_ZONE, zone_label, zone_named

from .state import CERTAIN_STYLE, clock_text, tr


@dataclass(frozen=True)
class Col:
    title: str
    justify: str = "left"
    width: int | None = None
    ratio: int | None = None


@dataclass(frozen=True)
class Line:
    cells: tuple
    kind: str = ""  # "", "moved" (moved up: highlighted), "heading"


class Pager:
    """Paging by the widget's height; `next_page` wraps around (the app calls it on a timer)."""

    page = 0

    def per_page(self) -> int:
        return 1

    def count(self) -> int:
        return 0

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count() / max(1, self.per_page())))

    def next_page(self) -> bool:
        """Turn the page; False when everything fits on one page."""
        if self.pages <= 1:
            self.page = 0
            return False
        self.page = (self.page + 1) % self.pages
        self.refresh()
        return True

    def pager_text(self, lang: str, style) -> Text:
        if self.pages <= 1:
            return Text("")
        return Text(tr("page", lang, page=self.page + 1, pages=self.pages), style=style, justify="right")


class PagedTable(Pager, Widget):
    """A table of lines, one page at a time, sized to the widget's height."""

    COMPONENT_CLASSES = {"paged-table--header", "paged-table--odd", "paged-table--moved",
                         "paged-table--heading", "paged-table--pager"}

    def __init__(self, lang: str = "zh", **kw):
        super().__init__(**kw)
        self.lang = lang
        self.columns: list[Col] = []
        self.lines: list[Line] = []

    def set_lines(self, columns: list[Col], lines: list[Line]) -> None:
        self.columns, self.lines = columns, lines
        self.page = min(self.page, self.pages - 1)
        self.refresh()

    def per_page(self) -> int:
        return max(1, self.size.height - 2)  # the header line and the pager line

    def count(self) -> int:
        return len(self.lines)

    def render(self) -> RenderableType:
        per = self.per_page()
        self.page = min(self.page, self.pages - 1)
        shown = self.lines[self.page * per:(self.page + 1) * per]
        style = self.get_component_rich_style
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, padding=(0, 1),
                      header_style=style("paged-table--header"))
        for c in self.columns:
            table.add_column(plain(c.title), justify=c.justify, width=c.width, ratio=c.ratio, no_wrap=True,
                             overflow="ellipsis")
        for i, line in enumerate(shown):
            if line.kind == "moved":
                row_style = style("paged-table--moved")
            elif line.kind == "heading":
                row_style = style("paged-table--heading")
            else:
                row_style = style("paged-table--odd") if i % 2 else None
            table.add_row(*map(plain, line.cells), style=row_style)  # names as typed, never markup
        return Group(table, self.pager_text(self.lang, style("paged-table--pager")))


@dataclass(frozen=True)
class Bar:
    rank: int
    label: str
    value: float
    text: str
    moved: bool = False
    mark: str = ""  # ✔确定获奖 after the score, when the judges have the screen mark it


class BarChart(Pager, Widget):
    """Horizontal bars from zero (honest lengths), one per team, best first; paged when long."""

    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--top", "bar-chart--moved", "bar-chart--label",
                         "bar-chart--pager"}
    BLOCKS = " ▏▎▍▌▋▊▉█"

    def __init__(self, lang: str = "zh", **kw):
        super().__init__(**kw)
        self.lang = lang
        self.bars: list[Bar] = []

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.page = min(self.page, self.pages - 1)
        self.refresh()

    def per_page(self) -> int:
        return max(1, self.size.height - 1)

    def count(self) -> int:
        return len(self.bars)

    def render(self) -> RenderableType:
        style = self.get_component_rich_style
        per = self.per_page()
        self.page = min(self.page, self.pages - 1)
        shown = self.bars[self.page * per:(self.page + 1) * per]
        if not shown:
            return Text("")
        gap = 1 if len(shown) * 2 <= per else 0
        top = max((b.value for b in self.bars), default=0) or 1
        name_w = max(Text(b.label).cell_len for b in self.bars) + 1
        text_w = max(len(b.text) for b in self.bars) + 1
        mark_w = max(Text(b.mark).cell_len for b in self.bars)
        mark_w += 2 if mark_w else 0
        bar_w = max(4, self.size.width - name_w - text_w - mark_w - 6)
        out = Text()
        for b in shown:
            eighths = round(max(0.0, b.value) / top * bar_w * 8)
            full, part = divmod(eighths, 8)
            bar = "█" * full + (self.BLOCKS[part] if part else "")
            bar_style = style("bar-chart--moved") if b.moved else (
                style("bar-chart--top") if b.rank <= 3 else style("bar-chart--bar"))
            label = Text(b.label)
            label.pad_right(name_w - label.cell_len)
            out.append(f"{b.rank:>3} ", style=style("bar-chart--label"))
            out.append_text(Text.assemble((label.plain, style("bar-chart--label"))))
            out.append(bar.ljust(bar_w), style=bar_style)
            out.append(f" {b.text:>{text_w}}", style=style("bar-chart--label"))
            if mark_w:
                out.append("  ")
                out.append(b.mark, style=CERTAIN_STYLE)
            out.append("\n")
            if gap:
                out.append("\n")
        out.append_text(self.pager_text(self.lang, style("bar-chart--pager")))
        return out


@dataclass(frozen=True)
class Leader:
    place: str  # "第1名"
    name: str
    sub: str  # team · unit
    score: str  # for the big digits
    moved: bool = False
    mark: str = ""  # ✔确定获奖 beside the name, when the judges have the screen mark it


class LeaderCard(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(classes="leader-name", markup=False)
        yield Static(classes="leader-sub", markup=False)
        yield Digits(classes="leader-score")

    def show(self, leader: Leader | None) -> None:
        self.display = leader is not None
        if leader is None:
            return
        name = Text.assemble((leader.place, "bold"), "  ", leader.name)
        if leader.mark:
            name.append("  " + leader.mark, style=CERTAIN_STYLE)
        self.query_one(".leader-name", Static).update(name)
        self.query_one(".leader-sub", Static).update(leader.sub)
        self.query_one(".leader-score", Digits).update(leader.score)
        self.set_class(leader.moved, "-moved")


class Leaders(Horizontal):
    """The leading scores in big digits (Textual's `Digits`)."""

    def __init__(self, n: int = 3, **kw):
        super().__init__(**kw)
        self.n = n

    def compose(self) -> ComposeResult:
        for i in range(self.n):
            yield LeaderCard(classes=f"leader leader-{i + 1}")

    def show(self, leaders: list[Leader]) -> None:
        for i, card in enumerate(self.query(LeaderCard)):
            card.show(leaders[i] if i < len(leaders) else None)


class Ticker(Static):
    """The latest graded results on one line; rotates by one item on each `advance`."""

    def __init__(self, lang: str = "zh", **kw):
        super().__init__(**kw)
        self.lang = lang
        self.items: list[str] = []
        self.first = 0

    def set_items(self, items: list[str]) -> None:
        if items[:1] != self.items[:1]:
            self.first = 0
        self.items = items
        self._draw()

    def advance(self) -> None:
        if self.items:
            self.first = (self.first + 1) % len(self.items)
            self._draw()

    def _draw(self) -> None:
        text = Text.assemble((f" {tr('ticker', self.lang)} ", "reverse bold"), "  ")
        items = self.items[self.first:] + self.items[:self.first]
        for i, item in enumerate(items):
            if i:
                text.append("   ◆   ", style="bold")
            text.append(item)
        text.no_wrap = True
        text.overflow = "crop"
        self.update(text)


class ExamClock(Horizontal):
    """Wall time on the contest's clock, or with an exam window the time left (before: until the start).
    `zone`: a function giving the contest's clock (it arrives with the feeder's first message); `exam`:
    (start, end) in epoch seconds, or a window typed on the contest's clock (`span(zone, now)`)."""

    def __init__(self, lang: str = "zh", now=None, exam=None, zone=None, **kw):
        super().__init__(**kw)
        self.lang = lang
        self.now = now or time.time
        self.exam = exam
        self.zone = zone or (lambda: zone_named(DEFAULT_ZONE))

    def compose(self) -> ComposeResult:
        yield Static(classes="clock-label", markup=False)
        yield Digits(classes="clock-digits")

    def on_mount(self) -> None:
        self.tick()

    def window(self) -> tuple[float, float] | None:
        if self.exam is None or not hasattr(self.exam, "span"):
            return self.exam
        return self.exam.span(self.zone(), self.now())

    def reading(self) -> tuple[str, str]:
        now = self.now()
        window = self.window()
        if not window:
            zone = self.zone()
            return zone_label(zone, self.lang), clock_text(now, zone)
        start, end = window
        if now < start:
            return tr("before", self.lang), _hms(start - now)
        if now < end:
            return tr("remaining", self.lang), _hms(end - now)
        return tr("over", self.lang), "00:00:00"

    def tick(self) -> None:
        label, value = self.reading()
        self.query_one(".clock-label", Static).update(label)
        self.query_one(".clock-digits", Digits).update(value)
        window = self.window()
        if window:
            now = self.now()
            self.set_class(window[0] <= now < window[1] and window[1] - now <= 900, "-ending")


def _hms(seconds: float) -> str:
    s = max(0, int(math.ceil(seconds)))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
