"""History charts: rank over the day for chosen contestants and teams, and how each section's
scores are spread at the moment shown.

The rank lines come from `Timeline.rank_history` (120 moments of the day), computed in a thread
worker on a timeline of its own whenever the list of names changes; a vertical line marks the
moment shown. The distributions are recomputed from the board on each move.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import Footer, Header, Input
from textual_plotext import PlotextPlot

from .bar import TimelineBar
from .catalogue import msg, translate_bindings

SAMPLES = 120


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
        yield PlotextPlot(id="rank_chart")
        with Grid(id="distributions"):
            for s in rules.sections:
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
        self.query_one("#rank_chart", PlotextPlot).plt.title(self.m("history_progress"))
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
        plt.title(self.m("rank_over_time"))
        start = tl.start
        for w, points in (self.history or {}).items():
            pts = [((t - start) / 60, r) for t, r in points if r is not None]
            if pts:
                plt.plot([x for x, _ in pts], [r for _, r in pts], label=self._label(w), marker="braille")
        plt.yreverse(True)
        span = (tl.end - tl.start) / 60
        if span > 0:
            ticks = [span * k / 4 for k in range(5)]
            plt.xticks(ticks, [app.fmt_time(tl.start + x * 60)[:5] for x in ticks])
            plt.xlabel(app.zone_label())
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
            plt.title(self.m("distribution", section=label))
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
