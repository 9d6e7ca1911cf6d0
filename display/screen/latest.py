"""The latest graded results, newest first, with each contestant's total and rank as the
screen may show them (while frozen: as at the freeze, and no result after it)."""

from __future__ import annotations

from textual.app import ComposeResult

from scoreboard.items import item_name

from .base import Ctx, View
from .state import SECTION_FALLBACK, PublicState, clock_text, fmt_score, rank_text, tr
from .widgets import Col, Line, PagedTable


def who(state: PublicState, r: dict) -> tuple[str, str, dict | None]:
    exam_no = r.get("exam_no") or r.get("contestant") or ""
    row = state.by_exam.get(exam_no)
    # the standings' name first: a name corrected on the day is what the hall reads, not the one the result
    # was recorded under
    name = (row or {}).get("name") or r.get("name") or exam_no
    team = (row or {}).get("team") or r.get("team") or ""
    return name, team, row


def mark_text(r: dict, lang: str) -> str:
    if r.get("kind") == "finish":
        return tr("handed_in", lang)
    mark = fmt_score(r.get("score"))
    return f"{mark}/{fmt_score(r['max'])}" if r.get("max") is not None else mark


def item_text(state: PublicState, r: dict, lang: str) -> str:
    """The item as the hall says it: its section's label and its number (简答题第4题); "" for a hand-in."""
    if r.get("kind") == "finish" or not r.get("item"):
        return ""
    section = str(r.get("section") or "")
    label = dict(state.sections(lang)).get(section) or SECTION_FALLBACK.get(section, ("", ""))[lang == "en"]
    return item_name(str(r["item"]), section, label, lang)


def ticker_items(state: PublicState, lang: str) -> list[str]:
    out = []
    for r in state.latest:
        name, team, _row = who(state, r)
        item = item_text(state, r, lang)
        body = f"{item} {mark_text(r, lang)}" if item else mark_text(r, lang)
        out.append(f"{name}（{team}）{body}" if lang == "zh" else f"{name} ({team}) {body}")
    return out


class LatestView(View):
    def compose(self) -> ComposeResult:
        yield PagedTable(id="latest-table", classes="ranking")

    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        cols = [Col(tr("time", lang), width=8), Col(tr("name", lang), ratio=2), Col(tr("team_col", lang), ratio=1),
                Col(tr("item", lang), ratio=1), Col(tr("mark", lang), "right", width=9),
                Col(tr("total", lang), "right", width=7), Col(tr("rank", lang), "right", width=5)]
        lines = []
        for r in state.latest:
            name, team, row = who(state, r)
            lines.append(Line((clock_text(r.get("at"), state.zone), name, team, item_text(state, r, lang),
                               mark_text(r, lang), fmt_score(row["total"]) if row else "",
                               rank_text(row, lang) if row else "")))
        if not lines:
            lines = [Line(("", tr("waiting", lang), "", "", "", "", ""))]
        table = self.query_one(PagedTable)
        table.lang = lang
        table.set_lines(cols, lines)
