"""The live individual ranking: all, by team or by group, with search, and each contestant's prize
certainty (获奖: 确定/可能/无望, the first individual prize not out of reach: verdicts.py) with its filter.

The table holds one row per place and is updated in place: each tick the
visible list is rebuilt as plain tuples and only cells that differ are sent
to the DataTable (see tablesync)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Select, Static

from ...plaintext import options
from ..columns import Col
from ..tablesync import FitTable, TableSync
from ..verdicts import FILTERS, applies, ranking_verdicts, verdict_text
from .base import DAY_BINDINGS, ConsoleScreen, certainty_said, fmt_move, fmt_time_used, note_text, points_cell, \
    rank_cell, rank_value, right
from .footer import ConsoleFooter

VIEWS = ("all", "team", "group")


class RankingScreen(ConsoleScreen):
    CSS_PATH = "ranking.tcss"
    AUTO_FOCUS = "#ranking"
    BINDINGS = [
        Binding("slash", "search", "focus_search", key_display="/"),
        Binding("v", "cycle_view", "cycle_view"),
        Binding("right_square_bracket", "step(1)", "next_filter", key_display="]"),
        Binding("left_square_bracket", "step(-1)", "prev_filter", key_display="["),
        Binding("f", "cycle_certainty", "cert_filter"),
        Binding("escape", "leave_search", show=False),
        *DAY_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "all"
        self.choice: str | None = None
        self.query_text = ""
        self.cert_filter = "all"
        self.verdicts: dict | None = None  # exam number -> (verdict, award id); None: certainty unknown
        self.dirty = True
        self.sync: TableSync | None = None

    def compose(self) -> ComposeResult:
        m = self.m
        yield Header()
        with Horizontal(id="filters"):
            yield Select([(m(f"view_{v}"), v) for v in VIEWS], value="all", allow_blank=False, id="view")
            yield Select([], id="choice", prompt="—")
            yield Input(placeholder=m("search"), id="search")
        yield FitTable(id="ranking", cursor_type="row", zebra_stripes=True)
        yield Static(id="more", classes="more", markup=False)
        yield Static(m("waiting"), id="status", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        table = self.query_one("#ranking", DataTable)
        self.sync = TableSync(table, self._cell, detail=self.query_one("#more", Static), colon=self.colon)
        if self.replica is not None:
            self.refresh_view(True)

    # --- columns and cells --------------------------------------------------------
    def _columns(self):
        """Narrow, the prize's name and the section scores give way first (the rightmost first), then time,
        graded, move, note, team, the prize certainty and exam number; rank, name and total always stay. The
        certainty's two columns are there only when it is known (the paper declared)."""
        m, rules = self.m, self.replica.rules
        cols = [Col("rank", m("group_rank") if self.view == "group" else m("rank"), 5),
                Col("move", m("move"), 5, keep=4), Col("exam_no", m("exam_no"), 8, keep=1),
                Col("name", m("name"), 8), Col("team", m("team"), 8, keep=2)]
        cols += [Col(f"s_{s.id}", self.app.label(s.label, s.label_en), 7, keep=6) for s in rules.sections]
        cols += [Col("total", m("total"), 7)]
        if self.verdicts is not None:
            words = [verdict_text(v, self.app.lang).cell_len for v in ("certain", "possible", "out")]
            cols += [Col("cert", m("cert_col"), max(words), keep=1), Col("prize", m("award"), 18, keep=6, min=8)]
        cols += [Col("graded", m("graded"), 5, keep=5),
                 Col("time", m("time_used"), 8, keep=5), Col("note", m("note"), 20, keep=3, min=8, flex=True)]
        return cols

    def _cell(self, col: int, value):
        n_sec = len(self.replica.rules.sections)
        if col == 1:
            return fmt_move(value)
        if 5 <= col < 5 + n_sec + 1:
            return points_cell(value)
        if col == 0:
            return rank_cell(value)
        shift = 2 if self.verdicts is not None else 0
        if shift and col == 6 + n_sec:
            return verdict_text(value, self.app.lang) if value else ""
        if col == 6 + n_sec + shift:
            return right(str(value))
        if col == 7 + n_sec + shift:
            return right(fmt_time_used(value))
        return value

    def visible_rows(self):
        st = self.replica.st
        if self.view == "team" and self.choice:
            rows = [r for r in st.rows if r.team == self.choice]
        elif self.view == "group" and self.choice:
            rows = st.groups.get(self.choice, [])
        else:
            rows = st.rows
        q = self.query_text.strip().lower()
        if q:
            rows = [r for r in rows if q in r.exam_no.lower() or q in r.name.lower()]
        if self.cert_filter != "all" and self.verdicts is not None:
            rows = [r for r in rows if self.verdict_of(r)[0] == self.cert_filter]
        return rows

    def verdict_of(self, row) -> tuple[str, str | None]:
        return self.verdicts.get(row.exam_no, ("out", None))

    def refresh_view(self, changed: bool) -> None:
        if self.sync is None or self.replica is None or self.replica.st is None:
            return
        if not (changed or self.dirty):
            return
        self.dirty = False
        rep = self.replica
        cert = rep.certainty() if applies(rep.rules) else None
        self.verdicts = ranking_verdicts(rep.rules, cert) if cert is not None and cert.known else None
        self.sync.set_columns(self._columns())
        move = rep.move
        grp = self.view == "group"
        rows = self.visible_rows()
        st, lang = rep.st, self.app.lang
        label = {a.id: self.app.label(a.label, a.label_en) for a in rep.rules.awards}
        cells = []
        for r in rows:
            sure = ()
            if self.verdicts is not None:
                verdict, aid = self.verdict_of(r)
                sure = (verdict, label.get(aid, ""))
            cells.append((rank_value(r, lang, grp), move.get(r.exam_no, 0), r.exam_no, r.name, r.team, *r.sections,
                          r.total, *sure, r.graded, r.time_used, note_text(st, r, lang, short=True)))
        self.sync.sync([r.exam_no for r in rows], cells)
        counts = {"n": len(rows), "of": len(st.rows), "ev": st.event_id, "at": self.app.stamp(st.at)}
        if self.cert_filter != "all" and self.verdicts is not None:
            status = self.m("shown_cert", which=self.m(f"cert_f_{self.cert_filter}"), **counts)
        else:
            status = self.m("shown", **counts)
        said = certainty_said(self, cert)
        self.query_one("#status", Static).update(status + (" · " + said if said else ""))

    # --- filters ----------------------------------------------------------------
    def _choices(self) -> list[str]:
        rules = self.replica.rules if self.replica else None
        if rules is None:
            return []
        if self.view == "team":
            return [t.name for t in rules.teams]
        if self.view == "group":
            return list(rules.groups)
        return []

    def _set_view(self, view: str) -> None:
        self.view = view
        choices = self._choices()
        self.choice = choices[0] if choices else None
        sel = self.query_one("#choice", Select)
        sel.set_options(options((c, c) for c in choices))
        if self.choice:
            sel.value = self.choice
        sel.disabled = not choices
        self.dirty = True
        self.refresh_view(False)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "view" and event.value != self.view and event.value in VIEWS:
            self._set_view(event.value)
        elif event.select.id == "choice" and isinstance(event.value, str) and event.value != self.choice:
            self.choice = event.value
            self.dirty = True
            self.refresh_view(False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.dirty = True
        self.refresh_view(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#ranking", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        self.query_one("#ranking", DataTable).focus()

    def action_cycle_view(self) -> None:
        view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.query_one("#view", Select).value = view
        self._set_view(view)

    def action_step(self, delta: int) -> None:
        choices = self._choices()
        if not choices:
            return
        i = choices.index(self.choice) if self.choice in choices else 0
        self.choice = choices[(i + delta) % len(choices)]
        self.query_one("#choice", Select).value = self.choice
        self.dirty = True
        self.refresh_view(False)

    def action_cycle_certainty(self) -> None:
        """全部 → 确定 → 可能 → 无望 → 全部: only the rows of that verdict (with the view and the search)."""
        if self.verdicts is None:
            self.app.notify(self.m("cert_unknown"), severity="warning")
            return
        self.cert_filter = FILTERS[(FILTERS.index(self.cert_filter) + 1) % len(FILTERS)]
        self.dirty = True
        self.refresh_view(False)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "cycle_certainty" and self.replica is not None and not applies(self.replica.rules):
            return False  # an on-stage contest: no paper, no certainty, no key
        return True

    def selected_contestant(self) -> str | None:
        return self.sync.key_at_cursor() if self.sync else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        exam_no = self.sync.key_at_cursor() if self.sync else None
        if exam_no:
            from .detail import DetailScreen

            self.app.push_screen(DetailScreen(exam_no))
