"""When each award became certain: a panel of the award-changes screen (5).

For every award and advancement list the marks decide, one row per moment its count of certain places
rose for the last time (`scoreboard.certain_since`: "第3–4个名额" became certain then, and who), then the
moment the award was settled (nobody left possible for it), or that it was not by the end of the log; the
status line says since when the whole list is settled. Enter on a row goes to that moment.

The computation reads the whole day and costs a certainty computation per moment it looks at (a few ms
each at national scale, a few hundred of them): it runs once, in a thread worker on a timeline of its own,
with 计算中…… and the count of moments looked at until it is done, after the screen's award-change scan. Without a declared paper it says why
nothing can be computed.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from scoreboard.certain_since import CertainHistory, certain_history

from ..plaintext import cell
from .catalogue import msg

PROGRESS_EVERY = 10  # looks between two progress lines


class Abandoned(Exception):
    """The screen went away while the computation was running."""


class CertainPanel(Vertical):
    """The title and status line, and the table of moments (filled once the worker is done)."""

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.history: CertainHistory | None = None
        self.elapsed = 0.0
        self.moments: list[int] = []  # the position each row goes to
        self.started = False

    def m(self, key: str, **kw) -> str:
        return msg(key, self.app.lang, **kw)

    def compose(self) -> ComposeResult:
        yield Static(id="certain_head", markup=False)
        yield DataTable(id="certain", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        app = self.app
        table = self.query_one("#certain", DataTable)
        table.add_column(self.m("certain_award"), key="award", width=22)
        table.add_column(self.m("certain_places"), key="places", width=18)
        key, head, width = app.time_column(8)  # its header says the zone
        table.add_column(head, key=key, width=width)
        table.add_column(self.m("event"), key="event", width=8)
        table.add_column(self.m("certain_who"), key="who", width=80)
        self._head(self.m("certain_waiting"))

    def start(self) -> None:
        """Compute, once. The screen starts it when its award-change scan is done: two day-long scans at once
        would each take as long as both (they share one interpreter lock) and slow every key meanwhile."""
        if self.history is None and not self.started:
            self.started = True
            self._head(self.m("certain_computing", n=0))
            self.run_worker(self._compute, thread=True, group="certain_history", exclusive=True, exit_on_error=False)

    def _head(self, status: str) -> None:
        gap = "" if self.app.lang != "en" else " "
        self.query_one("#certain_head", Static).update(f"{self.m('certain_title')}{gap}{status}")

    def _compute(self) -> None:
        app = self.app
        worker = get_current_worker()

        def progress(looks: int) -> None:
            if worker.is_cancelled:
                raise Abandoned
            if looks % PROGRESS_EVERY == 0:
                app.call_from_thread(self._head, self.m("certain_computing", n=looks))

        t0 = time.perf_counter()
        try:
            hist = certain_history(app._scratch(), progress=progress)
        except Abandoned:
            return
        app.call_from_thread(self.show_history, hist, time.perf_counter() - t0)

    def show_history(self, hist: CertainHistory, seconds: float) -> None:
        self.history, self.elapsed = hist, seconds
        table = self.query_one("#certain", DataTable)
        table.clear()
        self.moments = []
        if not hist.known:
            self._head(self.m("certain_stage") if hist.stage else
                       self.m("certain_unknown", why=hist.why if self.app.lang == "en" else hist.why_zh))
            return
        rows = []
        for h in hist.awards.values():
            for row, index in self._rows(h):
                rows.append(tuple(map(cell, row)))
                self.moments.append(index)
        table.add_rows(rows)  # names as typed, never markup
        self._head(self._summary(hist, seconds))

    def _rows(self, h):
        """(cells, position) for one award: each rise of its certain places, then its settling."""
        app, m = self.app, self.m
        label = app.award_label(h.award_id)
        first = True

        def name(cells, index):
            nonlocal first
            out = ((label if first else ""), *cells)
            first = False
            return out, index

        for s in h.steps:
            places = m("certain_place", k=s.first, of=h.places) if s.first == s.last else \
                m("certain_place_range", k=s.first, last=s.last, of=h.places)
            when = app.fmt_time(s.at) if s.index else m("certain_from_start")
            yield name((places, when, f"#{s.event_id}" if s.event_id else "", self._names(s.who)), s.index)
        if h.settled is not None:
            when = app.fmt_time(h.settled_at) if h.settled else m("certain_from_start")
            yield name((m("certain_settled"), when, f"#{h.settled_event}" if h.settled_event else "",
                        m("certain_settled_note", n=h.certain)), h.settled)
        else:
            unit = ("支代表队" if h.scope == "team" else "人") if app.lang != "en" else ""
            yield name((m("certain_open"), "", "", m("certain_open_note", n=h.certain, of=h.places,
                                                      possible=h.possible, unit=unit)), None)

    def _names(self, who) -> str:
        board = self.app.player.board
        out = []
        for x in who:
            c = board.contestants.get(x)
            out.append(f"{x} {c.name}" if c else x)
        return "、".join(out) if self.app.lang == "zh" else ", ".join(out)

    def _summary(self, hist: CertainHistory, seconds: float) -> str:
        if hist.settled is None:
            line = self.m("certain_list_open")
        elif hist.settled == 0:
            line = self.m("certain_list_from_start")
        else:
            line = self.m("certain_list_settled", at=self.app.fmt_time(hist.settled_at), event=hist.settled_event)
        return f"{line}{'' if self.app.lang != 'en' else ' '}{self.m('certain_done', looks=hist.looks, s=seconds)}"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.moments) and self.moments[event.cursor_row] is not None:
            self.app.player.playing = False
            self.app.goto(self.moments[event.cursor_row])
