"""The screens about the feed itself: quarantined input per hall, the halls'
health, and the audit of every judge decision."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Select, Static

from scoreboard.judge_text import describe
from scoreboard.codes import code_label

from ...plaintext import options
from ..columns import Col
from ..tablesync import FitTable, TableSync
from .base import ConsoleScreen, right
from .footer import ConsoleFooter

ALL = "*"


class QuarantineScreen(ConsoleScreen):
    CSS_PATH = "feedviews.tcss"
    AUTO_FOCUS = "DataTable"

    def __init__(self) -> None:
        super().__init__()
        self.hall = ALL
        self.sync: TableSync | None = None
        self.halls: list[str] = []
        self.count = -1

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Select([(self.m("q_all"), ALL)], value=ALL, allow_blank=False, id="hall")
            yield Static(id="q_summary", markup=False)
        yield FitTable(id="quarantine", cursor_type="row", zebra_stripes=True)
        yield Static(id="more", classes="more", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.sync = TableSync(self.query_one(DataTable), detail=self.query_one("#more", Static), colon=self.colon)
        self.sync.set_columns(self.columns())
        self.refresh_view(True)

    def columns(self) -> list:
        """The time column's header says the zone, which comes with the rules: set again on every refresh
        (a no-op unless it changed). Narrow, the seq goes first, then the id, the time and the hall."""
        m = self.m
        return [Col("id", "#", 6, keep=3), Col(*self.app.time_column(), keep=2), Col("hall", m("hall"), 10, keep=1),
                Col("seq", m("seq"), 7, keep=4), Col("code", m("code"), 20, min=12),
                Col("message", m("message"), 90, min=20, flex=True)]

    def refresh_view(self, changed: bool) -> None:
        rep = self.replica
        if rep is None or self.sync is None or (len(rep.quarantine) == self.count and not changed):
            return
        self.count = len(rep.quarantine)
        self.sync.set_columns(self.columns())
        items = rep.quarantine
        by_hall = Counter(q.get("source", "") for q in items)
        halls = sorted(by_hall)
        if halls != self.halls:
            self.halls = halls
            self.query_one("#hall", Select).set_options(
                options([(self.m("q_all"), ALL)] + [(f"{h} ({by_hall[h]})", h) for h in halls]))
            self.query_one("#hall", Select).value = self.hall if self.hall in halls else ALL
        shown = [q for q in items if self.hall == ALL or q.get("source") == self.hall]
        codes = Counter(code_label(q.get("code", ""), self.app.lang) for q in shown)
        summary = (self.m("q_summary", n=len(shown), detail="，".join(f"{c} {n}" for c, n in codes.most_common()))
                   if shown else self.m("q_none"))
        self.query_one("#q_summary", Static).update(summary)
        self.sync.sync([str(q.get("id")) for q in shown],
                       [(right(str(q.get("id", ""))), self.app.fmt_time(q.get("at")), q.get("source", ""),
                         right(str(q.get("seq") if q.get("seq") is not None else "—")),
                         code_label(q.get("code", ""), self.app.lang), self.app.reason_text(q)) for q in shown])

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.hall:
            self.hall = event.value
            self.count = -1
            self.refresh_view(True)


class HealthScreen(ConsoleScreen):
    CSS_PATH = "feedviews.tcss"
    AUTO_FOCUS = "DataTable"

    def __init__(self) -> None:
        super().__init__()
        self.sync: TableSync | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="health_source", classes="title", markup=False)
        yield FitTable(id="health", cursor_type="row")
        yield Static(id="more", classes="more", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        m = self.m
        self.sync = TableSync(self.query_one(DataTable), detail=self.query_one("#more", Static), colon=self.colon)
        # narrow, the peer's address goes first, then the acked seq, the rate and the last record's time
        self.sync.set_columns([Col("hall", m("hall"), 12, min=8), Col("connected", m("connected"), 6),
                               Col("peer", m("peer"), 18, keep=4, min=12), Col("acked", m("acked"), 10, keep=3),
                               Col("last_at", m("last_at"), 10, keep=2), Col("since", m("since"), 8, keep=1),
                               Col("per_minute", m("per_minute"), 8, keep=2), Col("lag", m("lag"), 8)])
        self.refresh_view(True)

    def refresh_view(self, changed: bool) -> None:
        """Every tick: 'time since the last record' moves even when nothing arrives."""
        rep, app, m = self.replica, self.app, self.m
        if rep is None or self.sync is None:
            return
        src = app.source
        health = rep.health
        self.query_one("#health_source", Static).update(
            m("health_source", source=src.label, role=self.app.role_label(src.role), name=src.name or "",
              at=app.stamp(health.at) if health else "—"))
        if not health or not health.halls:
            self.sync.sync(["-"], [(m("no_halls"), "", "", "", "", "", "", "")])
            return
        now = app.clock()
        rows = []
        for h in health.halls:
            conn = h.get("connected")
            last = h.get("last_at")
            since = f"{max(0, now - last):.0f}s" if last else "—"
            acked = h.get("acked") or 0
            lag = max(0, acked - rep.hall_seq.get(h["source"], 0))
            rows.append((h["source"], m("unknown") if conn is None else m("yes" if conn else "no"), h.get("peer") or "",
                         right(str(acked)), app.fmt_time(last), right(since), right(str(h.get("per_minute", 0))),
                         right(str(lag))))
        self.sync.sync([h["source"] for h in health.halls], rows)


class AuditScreen(ConsoleScreen):
    CSS_PATH = "feedviews.tcss"
    AUTO_FOCUS = "DataTable"

    def __init__(self) -> None:
        super().__init__()
        self.sync: TableSync | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="chain", classes="title", markup=False)
        yield FitTable(id="audit", cursor_type="row", zebra_stripes=True)
        yield Static(id="more", classes="more", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.sync = TableSync(self.query_one(DataTable), detail=self.query_one("#more", Static), colon=self.colon)
        self.sync.set_columns(self.columns())
        self.refresh_view(True)

    def columns(self) -> list:
        """Narrow, the event's id goes first, then the time; what and why share the rest."""
        m = self.m
        return [Col("id", "#", 6, keep=2), Col(*self.app.time_column(), keep=1), Col("kind", m("kind"), 10),
                Col("actor", m("actor"), 10, min=6), Col("what", m("what"), 72, min=16, flex=True),
                Col("why", m("why"), 40, min=16, flex=True)]

    def what(self, ev) -> str:
        board = self.replica.board
        names = {k: c.name for k, c in board.contestants.items()}
        return describe(self.replica.rules, names, ev.kind, ev.data, self.app.lang)

    def refresh_view(self, changed: bool) -> None:
        rep, m = self.replica, self.m
        if not changed or rep is None or self.sync is None:
            return
        self.sync.set_columns(self.columns())
        chain = rep.chain
        n = len(rep.judge_log)
        if chain is None or chain.ok is None:
            text = m("chain_remote", n=n)
        elif chain.ok:
            text = m("chain_ok", n=chain.count if chain.count >= 0 else n)
        else:
            text = m("chain_bad", message=chain.message)
        self.query_one("#chain", Static).update(text)
        log = rep.judge_log
        self.sync.sync([str(e.id) for e in log],
                       [(right(str(e.id)), self.app.fmt_time(e.at), m(f"k_{e.kind}"), e.actor, self.what(e), e.reason)
                        for e in log])
