"""The awards board: the list's state, the ties awaiting the judges, and the
provisional (or locked) list with each award's reasons and each holder's certainty (把握: 确定/可能).

The filter (`f`) cycles 全部/确定/可能/无望: 全部 is the list as it stands; the others list, award by award,
everyone with that verdict, holding the award now or not, each with the core's reason for it (so 可能 shows
who can still get each award, 无望 who cannot). The judges' own awards are not in the filtered lists: the
marks do not decide them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from scoreboard.certainty import Certainty
from scoreboard.certainty_text import certainty_lines
from scoreboard.events import fmt_points

from ..columns import Col
from ..tablesync import FitTable, TableSync
from ..verdicts import FILTERS, applies, verdict_text
from .base import ConsoleScreen, certainty_said
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
        Binding("f", "cycle_certainty", "cert_filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ties: TableSync | None = None
        self.list: TableSync | None = None
        self.cert_filter = "all"
        self.known = False  # certainty computed (the paper declared): the list has its 把握 column

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="awards_state", classes="title", markup=False)
        yield Static(id="drift", classes="warn", markup=False)
        yield Static(self.m("pending_ties"), classes="title", markup=False)
        yield FitTable(id="ties", cursor_type="row")
        yield Static(id="ties_more", classes="more", markup=False)
        yield FitTable(id="list", cursor_type="row", zebra_stripes=True)
        yield Static(id="why_full", classes="more", markup=False)
        yield Static(id="status", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        m = self.m
        colon = self.colon
        self.ties = TableSync(self.query_one("#ties", DataTable), detail=self.query_one("#ties_more", Static),
                              colon=colon)
        self.ties.set_columns([Col("award", m("award"), 22, min=12), Col("group", m("group"), 12, keep=1, min=6),
                               Col("room", m("room"), 8, keep=2), Col("tied", m("tied"), 80, min=16, flex=True)])
        # the highlighted award's reason is always shown whole under the list; narrow, its column goes first
        self.list = TableSync(self.query_one("#list", DataTable), self._cell,
                              detail=self.query_one("#why_full", Static), colon=colon, always=("why",))
        self.list.set_columns(self._list_columns())
        self.refresh_view(True)

    def _list_columns(self):
        m = self.m
        sure = []
        if self.known:
            words = [verdict_text(v, self.app.lang).cell_len for v in ("certain", "possible", "out")]
            sure = [Col("cert", m("cert_col_award"), max(words), keep=1)]
        return [Col("award", m("award"), 22, min=12), Col("recipient", m("recipient"), 10, keep=1),
                Col("name", m("name"), 8), Col("team", m("team"), 8, keep=2), Col("total", m("total"), 7), *sure,
                Col("why", m("why"), 90, keep=3, min=30, flex=True)]

    def _cell(self, col: int, value):
        if self.known and col == 5:
            return verdict_text(value, self.app.lang) if value else ""
        return value

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
        cert = rep.certainty() if applies(rules) else None
        known = cert is not None and cert.known
        if known != self.known:
            self.known = known
            self.list.set_columns(self._list_columns())
        if not known:
            self.cert_filter = "all"

        def cells(award_id: str, recipient: str, team: bool) -> tuple:
            r = None if team else st.by_exam.get(recipient)
            if r:
                return label[award_id], recipient, r.name, r.team, fmt_points(r.total)
            t = st.by_team.get(recipient)
            return label[award_id], recipient, "", recipient, f"{float(t.score) / 100:.2f}" if t else ""

        def sure(award_id: str, recipient: str) -> tuple:
            s = cert.detail.get((award_id, recipient)) if known else None
            return (s.verdict if s else "",) if known else ()

        rows, keys = [], []
        if self.cert_filter == "all":
            for a in aw.awards + aw.advancement:
                rows.append((*cells(a.award_id, a.recipient, a.kind != "individual"),
                             *sure(a.award_id, a.recipient), a.why(app.lang)))
                keys.append(f"{a.award_id}|{a.recipient}")
        else:
            rows, keys = self._with_verdict(cert, cells)
        self.list.sync(keys, rows)
        self._status(cert)

    def _with_verdict(self, cert, cells) -> tuple[list, list]:
        """Award by award, everyone (or every team) whose verdict is the filter's, best placed first, with the
        core's reason for the verdict."""
        rep, lang = self.replica, self.app.lang
        st, rules = rep.st, rep.rules
        rows, keys = [], []
        for spec in rules.awards + rules.advancement:
            ac = cert.awards.get(spec.id)
            if ac is None or ac.judges:
                continue
            team = ac.scope == "team"
            who = getattr(ac, self.cert_filter)
            order = (lambda x: st.by_team[x].rank) if team else (lambda x: st.by_exam[x].position)
            for x in sorted(who, key=order):
                s = cert.detail[(spec.id, x)]
                why = certainty_lines(rules, Certainty(True, detail={(spec.id, x): s}), x, lang, team=team)
                # without its mark (✔ ✘ …): the 把握 column says it, and … would read as a cut cell
                rows.append((*cells(spec.id, x, team), s.verdict, why[0].split("\u00a0", 1)[-1] if why else ""))
                keys.append(f"{spec.id}|{x}")
        if not rows:
            rows, keys = [(self.m("cert_nobody"), "", "", "", "", "", "")], ["-"]
        return rows, keys

    def _status(self, cert) -> None:
        """The filter and what is known of the whole list: settled (since when), or how many awards are still
        open; that it cannot be told without a paper. Hidden for an on-stage contest."""
        status = self.query_one("#status", Static)
        status.display = cert is not None
        if cert is None:
            return
        said = certainty_said(self, cert)
        if cert.known:
            open_ = sum(1 for ac in cert.awards.values() if not ac.judges and not ac.settled)
            parts = [self.m("cert_which", which=self.m(f"cert_f_{self.cert_filter}")),
                     said or self.m("cert_open", n=open_)]
        else:
            parts = [said]
        status.update(" · ".join(parts))

    def action_cycle_certainty(self) -> None:
        """全部 → 确定 → 可能 → 无望 → 全部."""
        if not self.known:
            self.app.notify(self.m("cert_unknown"), severity="warning")
            return
        self.cert_filter = FILTERS[(FILTERS.index(self.cert_filter) + 1) % len(FILTERS)]
        self.refresh_view(True)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "cycle_certainty" and self.replica is not None and not applies(self.replica.rules):
            return False  # an on-stage contest: no paper, no certainty, no key
        return True

    def selected_tie(self) -> int:
        return self.query_one("#ties", DataTable).cursor_row

    def selected_assigned(self):
        key = self.list.key_at_cursor() if self.list else None
        return tuple(key.split("|", 1)) if key else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "ties":
            self.app.action_decide(event.cursor_row)
