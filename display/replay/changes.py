"""The whole day's award changes: every moment an award changed hands, with the event that caused
it, as a list (Enter goes to the moment) and as a chart of the changes accumulating over the day;
between them, when each award became certain (certain.py).

The scan (`Timeline.award_changes`) reads the whole log and can take a while at national scale: it
runs in a thread worker on a timeline of its own, with a progress bar; the list appears when done.
The chart's title and legend are drawn outside plotext, in terminal cells, as the history charts'
are (history.py): plotext lays text out one character to a cell, so Chinese award names ran past
their line and wrapped.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from ..plaintext import cell
from .bar import TimelineBar
from .catalogue import msg, translate_bindings
from .certain import CertainPanel
from .history import COLOURS, Legend


class Abandoned(Exception):
    """The screen went away while its scan was running."""


class ChangesScreen(Screen):
    CSS_PATH = ["changes.tcss", "bar.tcss"]
    AUTO_FOCUS = "#changes"

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.lang)
        self.changes = None
        self.elapsed = 0.0

    def m(self, key: str, **kw) -> str:
        return msg(key, self.app.lang, **kw)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.m("changes_title"), classes="title", markup=False)
        with Horizontal(id="progress_row"):
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="changes_status", markup=False)
        yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
        yield CertainPanel(id="certain_panel")
        yield Static(id="changes_chart_title", classes="chart-title", markup=False)
        yield Legend(id="changes_legend")
        yield PlotextPlot(id="changes_chart")
        yield TimelineBar()
        yield Footer()

    def on_mount(self) -> None:
        m = self.m
        table = self.query_one("#changes", DataTable)
        key, head, width = self.app.time_column(8)  # its header says the zone
        table.add_column(head, key=key, width=width)
        for key, width in (("event", 8), ("award", 14), ("gained", 18), ("lost", 18), ("cause", 60)):
            table.add_column(m(key), key=key, width=width)
        if self.changes is None:
            self.query_one("#changes_status", Static).update(m("changes_progress", done=0, of=len(self.app.player)))
            self.run_worker(self._scan, thread=True, group="award_changes", exclusive=True, exit_on_error=False)

    def _scan(self) -> None:
        app = self.app
        worker = get_current_worker()
        tl = app._scratch()

        def progress(done: int, of: int) -> None:
            if worker.is_cancelled:
                raise Abandoned
            app.call_from_thread(self._progress, done, of)

        t0 = time.perf_counter()
        try:
            changes = tl.award_changes(progress=progress)
        except Abandoned:
            return
        app.call_from_thread(self.show_changes, changes, time.perf_counter() - t0)

    def _progress(self, done: int, of: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=of, progress=done)
        self.query_one("#changes_status", Static).update(self.m("changes_progress", done=done, of=of))

    def show_changes(self, changes, seconds: float) -> None:
        app = self.app
        self.changes, self.elapsed = changes, seconds
        p = app.player
        self.query_one("#progress", ProgressBar).update(total=len(p), progress=len(p))
        self.query_one("#changes_status", Static).update(self.m("changes_done", n=len(changes), s=seconds))
        table = self.query_one("#changes", DataTable)
        table.clear()

        def names(ids) -> str:
            board = p.board
            out = []
            for x in ids:
                c = board.contestants.get(x)
                out.append(f"{x} {c.name}" if c else x)
            return "、".join(out)

        table.add_rows([tuple(map(cell, (app.fmt_time(c.at), f"#{c.event_id}", app.award_label(c.award_id),
                                          names(c.gained), names(c.lost), app.describe(c.index - 1))))
                         for c in changes])  # names and reasons as typed, never markup
        span = (p.timeline.end - p.timeline.start) or 1.0
        app.award_fractions = sorted({(c.at - p.timeline.start) / span for c in changes})
        for bar in app.query_bars():
            bar.set_marks(awards=app.award_fractions)
        self.query_one(TimelineBar).set_marks(awards=app.award_fractions)
        self._chart()
        self.query_one(CertainPanel).start()

    def _chart(self) -> None:
        app, p = self.app, self.app.player
        widget = self.query_one("#changes_chart", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        self.query_one("#changes_chart_title", Static).update(self.m("changes_chart", zone=app.zone_label()))
        start = p.timeline.start
        by_award: dict[str, list[float]] = {}
        for c in self.changes or []:
            by_award.setdefault(c.award_id, []).append((c.at - start) / 60)
        entries = []
        for award_id, minutes in by_award.items():
            colour = COLOURS[len(entries) % len(COLOURS)]
            plt.plot(minutes, list(range(1, len(minutes) + 1)), marker="braille", color=colour)
            entries.append((app.award_label(award_id), colour))
        self.query_one(Legend).set_entries(entries)
        if self.changes:
            plt.vline((p.clock - start) / 60)
            self._time_ticks(plt)
        widget.refresh()

    def _time_ticks(self, plt) -> None:
        app, tl = self.app, self.app.player.timeline
        span = (tl.end - tl.start) / 60
        ticks = [span * k / 4 for k in range(5)]
        plt.xticks(ticks, [app.fmt_time(tl.start + x * 60)[:5] for x in ticks])  # the zone is in the title

    def refresh_view(self, changed: bool) -> None:
        if self.changes is not None and changed:
            self._chart()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "changes":
            return
        if self.changes and 0 <= event.cursor_row < len(self.changes):
            c = self.changes[event.cursor_row]
            self.app.player.playing = False
            self.app.goto(c.index)
