"""Individual ranking: the top three in big digits, everyone else on paged rows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import Ctx, View
from .state import PublicState, fmt_score, rank_text, tr
from .widgets import Col, Leader, Leaders, Line, PagedTable

LEADERS = 3


def section_columns(state: PublicState, lang: str) -> list[Col]:
    return [Col(label, "right", width=max(6, Text(label).cell_len)) for _sid, label in state.sections(lang)]


def name_text(state: PublicState, row: dict, lang: str) -> str:
    """The name, with 替补 beside a substitute who came in on stage."""
    return row["name"] + (tr("sub_in", lang) if state.came_in(row["exam_no"]) else "")


def certain_column(state: PublicState, lang: str) -> list[Col]:
    """The 确定获奖 column, beside the name, while the judges have the screen mark who is certain of a prize."""
    if not state.marking:
        return []
    title = tr("certain_col", lang)
    return [Col(title, "center", width=Text(title).cell_len)]


def certain_cells(state: PublicState, row: dict, lang: str) -> tuple:
    return (state.certain_cell(row["exam_no"], lang),) if state.marking else ()


def leader_mark(state: PublicState, row: dict, lang: str) -> str:
    return tr("certain_team", lang) if state.marking and state.is_certain(row["exam_no"]) else ""


def section_cells(state: PublicState, row: dict, lang: str) -> tuple:
    return tuple(fmt_score(row["sections"].get(sid)) for sid, _label in state.sections(lang))


class IndividualView(View):
    def compose(self) -> ComposeResult:
        yield Leaders(LEADERS, id="individual-leaders", classes="leaders")
        yield Static(id="individual-empty", classes="empty", markup=False)
        yield PagedTable(id="individual-table", classes="ranking")

    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        rows = state.rows
        self.query_one("#individual-empty", Static).update(tr("waiting", lang) if not rows else "")
        self.set_class(not rows, "-empty")
        leaders = [r for r in rows if not r.get("status")][:LEADERS]  # a voided row is never a leader
        self.query_one(Leaders).show([
            Leader(tr("place", lang, n=r["rank"]), name_text(state, r, lang), f"{r['team']} · {r['unit']}",
                   fmt_score(r["total"]), ("i", r["exam_no"]) in ctx.moved, leader_mark(state, r, lang))
            for r in leaders
        ])
        cols = [Col(tr("rank", lang), "right", width=5), Col(tr("name", lang), ratio=2), *certain_column(state, lang),
                Col(tr("team_col", lang), ratio=1), Col(tr("unit", lang), ratio=3),
                *section_columns(state, lang), Col(tr("total", lang), "right", width=7)]
        lines = [
            Line((rank_text(r, lang), name_text(state, r, lang), *certain_cells(state, r, lang), r["team"], r["unit"],
                  *section_cells(state, r, lang), fmt_score(r["total"])),
                 "moved" if ("i", r["exam_no"]) in ctx.moved else "")
            for r in rows[len(leaders):]
        ]
        table = self.query_one(PagedTable)
        table.lang = lang
        table.set_lines(cols, lines)
