"""The awards board: the list's state, the ties awaiting the judges, and the
provisional (or locked) list with each award's reasons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from scoreboard.events import fmt_points

from ..columns import Col
from ..tablesync import FitTable, TableSync
from .base import ConsoleScreen
from .footer import ConsoleFooter


class AwardsScreen(ConsoleScreen):
    CSS_PATH = "awards.tcss"
    AUTO_FOCUS = "#ties"
    BINDINGS = [
        Binding("d", "app.decide", "decide"),
        Binding("c", "app.confirm", "confirm"),
        Binding("l", "app.lock", "lock"),
        Binding("u", "app.unlock", "unlock"),
        Binding("o", "app.assign", "assign"),
        Binding("r", "app.revoke", "revoke"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ties: TableSync | None = None
        self.list: TableSync | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="awards_state", classes="title", markup=False)
        yield Static(id="drift", classes="warn", markup=False)
        yield Static(self.m("pending_ties"), classes="title", markup=False)
        yield FitTable(id="ties", cursor_type="row")
        yield Static(id="ties_more", classes="more", markup=False)
        yield FitTable(id="list", cursor_type="row", zebra_stripes=True)
        yield Static(id="why_full", classes="more", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        m = self.m
        colon = self.colon
        self.ties = TableSync(self.query_one("#ties", DataTable), detail=self.query_one("#ties_more", Static),
                              colon=colon)
        self.ties.set_columns([Col("award", m("award"), 22, min=12), Col("group", m("group"), 12, keep=1, min=6),
                               Col("room", m("room"), 8, keep=2), Col("tied", m("tied"), 80, min=16, flex=True)])
        # the highlighted award's reason is always shown whole under the list; narrow, its column goes first
        self.list = TableSync(self.query_one("#list", DataTable), detail=self.query_one("#why_full", Static),
                              colon=colon, always=("why",))
        self.list.set_columns([Col("award", m("award"), 22, min=12), Col("recipient", m("recipient"), 10, keep=1),
                               Col("name", m("name"), 8), Col("team", m("team"), 8, keep=2),
                               Col("total", m("total"), 7), Col("why", m("why"), 90, keep=3, min=30, flex=True)])
        self.refresh_view(True)

    def refresh_view(self, changed: bool) -> None:
        rep = self.replica
        if not changed or rep is None or rep.st is None or self.ties is None:
            return
        app, m, rules, st = self.app, self.m, rep.rules, rep.st
        aw = rep.board.awards()
        state = m("awards_status", status=m(f"status_{aw.status}"), digest=aw.digest)
        if aw.locked:
            lk = aw.locked
            state += " · " + m("locked_by", actor=lk["actor"], at=app.stamp(lk["at"]), why=lk["why"])
        self.query_one("#awards_state", Static).update(state)
        warnings = []  # loud: what makes the list on screen doubtful
        if aw.lock_mismatch:
            warnings.append(m("lock_mismatch", recorded=aw.lock_mismatch, computed=aw.locked["digest"]))
        if rep.chain is not None and rep.chain.ok is False:
            warnings.append(m("chain_bad", message=rep.chain.message))
        if aw.drift:
            warnings.append(m("drift"))
        drift = self.query_one("#drift", Static)
        drift.update("\n".join(warnings))
        drift.display = bool(warnings)  # no blank line when all is well: a small terminal needs it
        label = {a.id: app.label(a.label, a.label_en) for a in rules.awards + rules.advancement}

        def who(x: str) -> str:
            r = st.by_exam.get(x)
            return f"{x} {r.name}（{r.team}）" if r else x

        tie_rows = [(label[t.award_id], t.group or "", str(t.room), "、".join(who(x) for x in t.tied))
                    for t in aw.ties]
        if not tie_rows:
            tie_rows = [(m("no_ties"), "", "", "")]
        self.ties.sync([str(i) for i in range(len(tie_rows))], tie_rows)
        rows, keys = [], []
        for a in aw.awards + aw.advancement:
            r = st.by_exam.get(a.recipient) if a.kind == "individual" else None
            if r:
                cells = (label[a.award_id], a.recipient, r.name, r.team, fmt_points(r.total))
            else:
                t = st.by_team.get(a.recipient)
                cells = (label[a.award_id], a.recipient, "", a.recipient, f"{float(t.score) / 100:.2f}" if t else "")
            rows.append((*cells, a.why(app.lang)))
            keys.append(f"{a.award_id}|{a.recipient}")
        self.list.sync(keys, rows)

    def selected_tie(self) -> int:
        return self.query_one("#ties", DataTable).cursor_row

    def selected_assigned(self):
        key = self.list.key_at_cursor() if self.list else None
        return tuple(key.split("|", 1)) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "ties":
            self.app.action_decide(event.cursor_row)
