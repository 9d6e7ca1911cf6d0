"""Team ranking with each team's members (the highlighted team's, on the right)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from scoreboard.explain import explain_team

from ..columns import Col
from ..tablesync import FitTable, TableSync
from .base import ConsoleScreen, fmt_move, fmt_time_used, note_text, points_cell, rank_cell, rank_value, right
from .footer import ConsoleFooter


class TeamsScreen(ConsoleScreen):
    CSS_PATH = "teams.tcss"
    AUTO_FOCUS = "#teams"

    def __init__(self) -> None:
        super().__init__()
        self.teams: TableSync | None = None
        self.members: TableSync | None = None
        self.shown_team: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield FitTable(id="teams", cursor_type="row", zebra_stripes=True)
            with Vertical(id="right"):
                yield Static(id="team_explain", classes="title", markup=False)
                yield FitTable(id="members", cursor_type="row", zebra_stripes=True)
                yield Static(id="members_more", classes="more", markup=False)
        yield Static(id="status", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        m = self.m
        self.teams = TableSync(self.query_one("#teams", DataTable), self._render_team)
        self.teams.set_columns([Col("rank", m("rank"), 5), Col("team", m("team"), 10, min=6),
                                Col("score", m("score"), 8), Col("present", m("present"), 9, keep=1)])
        # the members give way as the ranking does: time, graded, move, note, exam number
        self.members = TableSync(self.query_one("#members", DataTable), self._render_member,
                                 detail=self.query_one("#members_more", Static), colon=self.colon)
        self.members.set_columns([Col("rank", m("rank"), 5), Col("move", m("move"), 5, keep=4),
                                  Col("exam_no", m("exam_no"), 8, keep=1), Col("name", m("name"), 8),
                                  Col("total", m("total"), 7), Col("graded", m("graded"), 5, keep=5),
                                  Col("time", m("time_used"), 8, keep=5),
                                  Col("note", m("note"), 20, keep=3, min=8, flex=True)])
        self.refresh_view(True)

    @staticmethod
    def _render_team(col: int, v):
        if col == 0:
            return right(str(v))
        if col == 2:
            return right(f"{v / 100:.2f}")
        return v

    @staticmethod
    def _render_member(col: int, v):
        if col == 1:
            return fmt_move(v)
        if col == 4:
            return points_cell(v)
        if col == 0:
            return rank_cell(v)
        if col == 5:
            return right(str(v))
        if col == 6:
            return right(fmt_time_used(v))
        return v

    def refresh_view(self, changed: bool) -> None:
        rep = self.replica
        if not changed or rep is None or rep.st is None or self.teams is None:
            return
        st = rep.st
        self.teams.sync([t.name for t in st.teams],
                        [(t.rank, self.app.label(t.name, getattr(rep.rules.team(t.name), "name_en", "")),
                          float(t.score), f"{t.present}/{len(t.members)}") for t in st.teams])
        self._show_members(force=True)
        self.query_one("#status", Static).update(
            self.m("shown_teams", n=len(st.teams), ev=st.event_id, at=self.app.stamp(st.at)))

    def _show_members(self, force: bool = False) -> None:
        rep = self.replica
        name = self.teams.key_at_cursor() if self.teams else None
        if rep is None or rep.st is None or name is None or (name == self.shown_team and not force):
            return
        self.shown_team = name
        st, lang = rep.st, self.app.lang
        rows = [st.by_exam[e] for e in st.by_team[name].members]
        self.members.sync([r.exam_no for r in rows],
                          [(rank_value(r, lang), rep.move.get(r.exam_no, 0), r.exam_no, r.name, r.total, r.graded,
                            r.time_used, note_text(st, r, lang, short=True)) for r in rows])
        lines = explain_team(rep.rules, st, rep.board.awards(), name, self.app.lang)
        self.query_one("#team_explain", Static).update(Text("\n".join(lines)))

    def selected_contestant(self) -> str | None:
        """The highlighted member, when the members' table has the focus."""
        table = self.query_one("#members", DataTable)
        return self.members.key_at_cursor() if self.members and table.has_focus else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "teams":
            self._show_members()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "members" and self.members:
            exam_no = self.members.key_at_cursor()
            if exam_no:
                from .detail import DetailScreen

                self.app.push_screen(DetailScreen(exam_no))
