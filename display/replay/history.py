"""History charts: rank over the day for chosen contestants and teams, and how each section's
scores are spread at the moment shown.

The rank lines come from `Timeline.rank_history` (120 moments of the day), computed in a thread
worker on a timeline of its own whenever the list of names changes; a vertical line marks the
moment shown. The distributions are recomputed from the board on each move.

No Chinese text goes into plotext: it lays text out one character to a cell, so a name, a title or
a legend of wide characters ran past its line, the row wrapped and the chart's border fell onto the
next line. The titles are rows of their own, and the legend is drawn here (`Legend`): each name in
its line's colour, in columns measured in cells (`Text.cell_len`), never in characters.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static
from textual_plotext import PlotextPlot

from .bar import TimelineBar
from .catalogue import msg, translate_bindings

SAMPLES = 120
# the lines' colours, in the legend's order (plotext takes RGB; the legend draws the same)
COLOURS = [(0, 215, 255), (255, 95, 135), (175, 255, 95), (255, 175, 0), (175, 135, 255), (95, 255, 215),
           (255, 255, 135), (255, 135, 255)]
SWATCH = "━━ "
GAP = 3  # cells between two legend entries


def legend_rows(entries: list[tuple[str, tuple[int, int, int]]], width: int) -> list[Text]:
    """The legend laid out in as many columns as `width` cells hold, each column as wide as its widest
    entry in cells (a Chinese name is two cells a character)."""
    items = [Text.assemble((SWATCH, "rgb({},{},{})".format(*colour)), label) for label, colour in entries]
    if not items:
        return []
    for cols in range(len(items), 0, -1):
        rows = -(-len(items) // cols)
        widths = [max(items[r * cols + c].cell_len for r in range(rows) if r * cols + c < len(items))
                  for c in range(cols)]
        if sum(widths) + GAP * (cols - 1) <= width or cols == 1:
            break
    out = []
    for r in range(rows):
        line = Text(no_wrap=True, overflow="ellipsis")
        for c in range(cols):
            i = r * cols + c
            if i >= len(items):
                break
            if c:
                line.append(" " * GAP)
            line.append_text(items[i])
            line.append(" " * (widths[c] - items[i].cell_len))
        out.append(line)
    return out


class Legend(Widget):
    """The rank chart's legend, above it: one entry per line drawn."""

    DEFAULT_CSS = "Legend { height: auto; }"

    def __init__(self, **kw):
        super().__init__(**kw)
        self.entries: list[tuple[str, tuple[int, int, int]]] = []

    def set_entries(self, entries: list[tuple[str, tuple[int, int, int]]]) -> None:
        self.entries = entries
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(legend_rows(self.entries, width)))

    def render(self) -> Text:
        return Text("\n").join(legend_rows(self.entries, self.size.width)) if self.entries else Text("")


class HistoryScreen(Screen):
    CSS_PATH = ["history.tcss", "bar.tcss"]
    AUTO_FOCUS = ""

    def __init__(self, who: list[str] | None = None) -> None:
        super().__init__()
        translate_bindings(self, self.app.lang)
        self.who = who
        self.history: dict | None = None

    def m(self, key: str, **kw) -> str:
        return msg(key, self.app.lang, **kw)

    def compose(self) -> ComposeResult:
        rules = self.app.player.timeline.rules
        yield Header()
        yield Input(placeholder=self.m("history_who"), id="who")
        yield Static(id="rank_title", classes="chart-title", markup=False)
        yield Legend(id="rank_legend")
        yield PlotextPlot(id="rank_chart")
        with Grid(id="distributions"):
            for s in rules.sections:
                with Vertical(classes="dist-box"):
                    yield Static(id=f"dist_title_{s.id}", classes="chart-title", markup=False)
                    yield PlotextPlot(id=f"dist_{s.id}", classes="dist")
        yield TimelineBar()
        yield Footer()

    def on_mount(self) -> None:
        if self.who is None:
            st = self.app.player.board.standings()
            self.who = [r.exam_no for r in st.rows[:3] if r.graded] + [t.name for t in st.teams[:1]]
        self.query_one("#who", Input).value = ",".join(self.who)
        self.load(self.who)
        self.refresh_view(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.load([w.strip() for w in event.value.replace("，", ",").split(",") if w.strip()])
        self.focus_next()

    def load(self, who: list[str]) -> None:
        self.who = who
        self.history = None
        self.query_one("#rank_title", Static).update(self.m("history_progress"))
        app = self.app

        def work() -> None:
            hist = app._scratch().rank_history(who, SAMPLES)
            app.call_from_thread(self.show_history, who, hist)

        self.run_worker(work, thread=True, group="rank_history", exclusive=True, exit_on_error=False)

    def show_history(self, who: list[str], hist: dict) -> None:
        if who != self.who:
            return
        self.history = hist
        self._rank_chart()

    # --- drawing ------------------------------------------------------------------------
    def _label(self, w: str) -> str:
        c = self.app.player.board.contestants.get(w)
        return f"{w} {c.name}" if c else w

    def _rank_chart(self) -> None:
        app, tl = self.app, self.app.player.timeline
        widget = self.query_one("#rank_chart", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        zh = app.lang != "en"
        title = self.m("rank_over_time")
        self.query_one("#rank_title", Static).update(
            f"{title}（{app.zone_label()}）" if zh else f"{title} ({app.zone_label()})")
        start = tl.start
        entries = []
        for w, points in (self.history or {}).items():
            pts = [((t - start) / 60, r) for t, r in points if r is not None]
            if pts:
                colour = COLOURS[len(entries) % len(COLOURS)]
                plt.plot([x for x, _ in pts], [r for _, r in pts], marker="braille", color=colour)
                entries.append((self._label(w), colour))
        self.query_one(Legend).set_entries(entries)
        plt.yreverse(True)
        span = (tl.end - tl.start) / 60
        if span > 0:
            ticks = [span * k / 4 for k in range(5)]
            plt.xticks(ticks, [app.fmt_time(tl.start + x * 60)[:5] for x in ticks])
            plt.vline((app.player.clock - start) / 60)
        widget.refresh()

    def _distributions(self) -> None:
        app = self.app
        board = app.player.board
        rules = board.rules
        graded = [e for e, m in board.marks.items() if m]
        for i, s in enumerate(rules.sections):
            widget = self.query_one(f"#dist_{s.id}", PlotextPlot)
            plt = widget.plt
            plt.clear_data()
            plt.clear_figure()
            label = s.label_en if app.lang == "en" and s.label_en else s.label
            self.query_one(f"#dist_title_{s.id}", Static).update(self.m("distribution", section=label))
            values = [board.sections[e][i] / 100 for e in graded]
            if values:
                plt.hist(values, bins=20)
            widget.refresh()

    def refresh_view(self, changed: bool) -> None:
        if not changed:
            return
        self._distributions()
        if self.history is not None:
            self._rank_chart()
