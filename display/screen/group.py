"""One award group's ranking (岗位练兵明星 are the top of each group): group leaders in big
digits, the rest paged, with the overall rank beside the group rank."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import Ctx, View
from .individual import certain_cells, certain_column, leader_mark, name_text, section_cells, section_columns
from .state import PublicState, fmt_score, rank_text, tr
from .widgets import Col, Leader, Leaders, Line, PagedTable

LEADERS = 3


class GroupView(View):
    def compose(self) -> ComposeResult:
        yield Leaders(LEADERS, id="group-leaders", classes="leaders")
        yield Static(id="group-empty", classes="empty", markup=False)
        yield PagedTable(id="group-table", classes="ranking")

    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        rows = state.group_rows(state.group)
        self.set_class(not rows, "-empty")
        self.query_one("#group-empty", Static).update(tr("waiting", lang) if not rows else "")
        leaders = [r for r in rows if not r.get("status")][:LEADERS]  # a voided row is never a leader
        self.query_one(Leaders).show([
            Leader(tr("place", lang, n=r["group_rank"]), name_text(state, r, lang), f"{r['team']} · {r['unit']}",
                   fmt_score(r["total"]), ("g", r["exam_no"]) in ctx.moved, leader_mark(state, r, lang))
            for r in leaders
        ])
        cols = [Col(tr("group_rank", lang), "right", width=5), Col(tr("name", lang), ratio=2),
                *certain_column(state, lang), Col(tr("team_col", lang), ratio=1), Col(tr("unit", lang), ratio=3),
                *section_columns(state, lang), Col(tr("total", lang), "right", width=7),
                Col(tr("overall", lang), "right", width=7)]
        lines = [
            Line((rank_text(r, lang, "group_rank"), name_text(state, r, lang), *certain_cells(state, r, lang),
                  r["team"], r["unit"],
                  *section_cells(state, r, lang), fmt_score(r["total"]), "—" if r.get("status") else str(r["rank"])),
                 "moved" if ("g", r["exam_no"]) in ctx.moved else "")
            for r in rows[len(leaders):]
        ]
        table = self.query_one(PagedTable)
        table.lang = lang
        table.set_lines(cols, lines)
