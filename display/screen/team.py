"""Team ranking: the leading teams in big digits and a bar chart of every team's score."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from .base import Ctx, View
from .state import PublicState, fmt_team_score, tr
from .widgets import Bar, BarChart, Leader, Leaders


class TeamView(View):
    def compose(self) -> ComposeResult:
        yield Leaders(3, id="team-leaders", classes="leaders")
        yield Static(id="team-empty", classes="empty", markup=False)
        yield BarChart(id="team-bars")

    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        teams = [t for t in state.teams if t.get("present", 1) > 0]

        def mark(team: str) -> str:  # a team certain of a team prize, when the judges have the screen mark it
            return tr("certain_team", lang) if state.marking and state.is_certain(team) else ""

        self.set_class(not teams, "-empty")
        self.query_one("#team-empty", Static).update(tr("waiting", lang) if not teams else "")
        self.query_one(Leaders).show([
            Leader(tr("place", lang, n=t["rank"]), t["team"],
                   f"{tr('members', lang)} {t.get('present', 0)}/{len(t.get('members', []))}",
                   fmt_team_score(t["score"]), ("t", t["team"]) in ctx.moved, mark(t["team"]))
            for t in teams[:3]
        ])
        chart = self.query_one(BarChart)
        chart.lang = lang
        chart.set_bars([Bar(t["rank"], t["team"], float(t["score"]), fmt_team_score(t["score"]),
                            ("t", t["team"]) in ctx.moved, mark(t["team"])) for t in teams])
