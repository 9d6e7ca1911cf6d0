"""The award list as the screen may show it: the locked list (定榜), or the provisional one
marked as such; while frozen, the list at the freeze. Long lists page automatically."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import Ctx, View
from .individual import certain_column
from .state import PublicState, fmt_score, fmt_team_score, tr
from .widgets import Col, Line, PagedTable


def award_score(a: dict) -> str:
    if a.get("note") == "assigned":
        return ""
    if a.get("kind") == "team":
        return fmt_team_score(a.get("score"))
    return fmt_score(a.get("total"))


def award_place(a: dict) -> str:
    if a.get("note") == "assigned" or not a.get("rank"):
        return ""
    return f"{a['group']} {a['rank']}" if a.get("group") else str(a["rank"])


class AwardsView(View):
    def compose(self) -> ComposeResult:
        yield Static(id="awards-status", markup=False)
        yield PagedTable(id="awards-table", classes="ranking")

    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        doc = state.awards
        if doc.get("locked"):
            status, cls = tr("status_locked", lang), "-locked"
        elif doc.get("provisional"):
            status, cls = tr("status_provisional", lang), "-provisional"
        else:
            status, cls = tr("status_open", lang), "-provisional"
        if state.frozen:
            status = f"{status}    {tr('frozen_note', lang)}"
        if doc.get("lock_mismatch"):  # never shown as final while the file says otherwise
            status, cls = tr("lock_mismatch", lang), "-provisional"
        box = self.query_one("#awards-status", Static)
        box.update(status)
        box.set_classes(cls)
        cols = [Col(tr("award", lang), ratio=3), Col(tr("rank", lang), "right", width=14),
                Col(tr("name", lang), ratio=2), *certain_column(state, lang), Col(tr("team_col", lang), ratio=1),
                Col(tr("unit", lang), ratio=3), Col(tr("score", lang), "right", width=8)]
        mark = (lambda a: (state.certain_cell(a["recipient"], lang, a["id"]),)) if state.marking else (lambda a: ())
        lines: list[Line] = []
        last = None
        for a in doc.get("awards") or []:
            first = a["id"] != last
            last = a["id"]
            team_award = a.get("kind") == "team"
            name = a.get("name") or a["recipient"]
            lines.append(Line((a.get("label", a["id"]) if first else "", award_place(a), name, *mark(a),
                               "" if team_award else a.get("team", ""), a.get("unit", ""), award_score(a)),
                              "heading" if first else ""))
        if not lines:
            lines = [Line((tr("waiting", lang), "", "", "", "", "") + ("",) * len(certain_column(state, lang)))]
        table = self.query_one(PagedTable)
        table.lang = lang
        table.set_lines(cols, lines)
