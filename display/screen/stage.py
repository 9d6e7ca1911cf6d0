"""The on-stage contest (现场赛): the round and question now played, the team scores by round
(a changed score is highlighted with its change for a few seconds), the judges' panel with the
dropped highest and lowest marks struck through, and the latest entries.

Everything comes from the public message's `stage` (scoreboard.serialize.stage_json); while
frozen (封榜) it carries only what is on stage, and the scores wait.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ..plaintext import plain
from .base import Ctx, View
from .state import PublicState, fmt_score, tr
from .widgets import Col, Line, PagedTable

LATEST = 6


def signed(v: float) -> str:
    return ("+" if v > 0 else "−" if v < 0 else "±") + fmt_score(abs(v))


class StageView(View):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.last_scores: dict[str, float] = {}
        self.change: dict[str, float] = {}  # team -> its latest change (shown while highlighted)

    def compose(self) -> ComposeResult:
        yield Static(id="stage-now", markup=False)
        yield Static(id="stage-note", classes="empty", markup=False)
        yield PagedTable(id="stage-teams", classes="ranking")
        with Horizontal(id="stage-bottom"):
            yield Static(id="stage-panel", markup=False)
            yield Static(id="stage-latest", markup=False)

    # --- reading the message ------------------------------------------------------------
    @staticmethod
    def label(item: dict, lang: str) -> str:
        return (item.get("label_en") if lang == "en" else item.get("label")) or item.get("id") or item.get("round", "")

    def round_label(self, stage: dict, rid: str, lang: str) -> str:
        r = next((r for r in stage.get("rounds", []) if r["id"] == rid), {"id": rid})
        return self.label(r, lang)

    def panel_round(self, stage: dict) -> str | None:
        """The panel round to show: the one on stage, or the one whose marks came in last."""
        cur = stage.get("current") or {}
        if cur.get("kind") == "panel":
            return cur.get("round")
        entries = stage.get("entries") or []
        return entries[-1]["round"] if entries and entries[-1]["kind"] == "panel" else None

    # --- drawing ------------------------------------------------------------------------
    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        stage = state.stage or {}
        cur = stage.get("current") or {}
        now = Text()
        if cur.get("round"):
            now.append(self.label(cur, lang), style="bold #ffd700")
            if cur.get("kind") != "panel" and cur.get("question"):
                now.append("  ·  " + tr("stage_question", lang, q=cur["question"]), style="bold #ffffff")
        else:
            now.append(tr("stage_waiting", lang), style="bold #ffd700")
        self.query_one("#stage-now", Static).update(now)
        teams = stage.get("teams")
        self.set_class(teams is None, "-frozen")
        self.query_one("#stage-note", Static).update(tr("frozen_note", lang) if teams is None else "")
        if teams is None:
            return
        self._teams(stage, teams, ctx)
        self._panel(stage, lang)
        self._latest(stage, lang)

    def _teams(self, stage: dict, teams: list[dict], ctx: Ctx) -> None:
        lang = ctx.lang
        for t in teams:
            old = self.last_scores.get(t["team"])
            if old is not None and old != t["score"]:
                self.change[t["team"]] = t["score"] - old
            self.last_scores[t["team"]] = t["score"]
        rounds = [r for r in stage.get("rounds", []) if r["kind"] != "playoff"]
        has_playoff = any(t.get("playoff") for t in teams)
        cols = [Col(tr("rank", lang), "right", width=5), Col(tr("team_col", lang), ratio=2)]
        cols += [Col(self.label(r, lang), "right", ratio=1) for r in rounds]
        if has_playoff:
            cols.append(Col(tr("stage_playoff", lang), "right", width=6))
        cols += [Col(tr("total", lang), "right", width=9), Col(tr("stage_change", lang), "right", width=8)]
        ranked = sorted(teams, key=lambda t: (-t["score"], -t.get("playoff", 0)))
        lines = []
        for t in ranked:
            rank = 1 + sum(1 for o in teams if o["score"] > t["score"])
            moved = ("s", t["team"]) in ctx.moved
            cells = [str(rank), t["team"]]
            cells += [fmt_score(t["rounds"][r["id"]]) if r["id"] in t["rounds"] else "·" for r in rounds]
            if has_playoff:
                cells.append(str(t.get("playoff") or "·"))
            delta = self.change.get(t["team"]) if moved else None
            cells += [fmt_score(t["score"]), signed(delta) if delta is not None else ""]
            lines.append(Line(tuple(cells), "moved" if moved else ""))
        table = self.query_one("#stage-teams", PagedTable)
        table.lang = lang
        table.set_lines(cols, lines)

    def _panel(self, stage: dict, lang: str) -> None:
        box = self.query_one("#stage-panel", Static)
        rid = self.panel_round(stage)
        panels = [p for p in stage.get("panels", []) if p["round"] == rid] if rid else []
        self.set_class(not panels, "-no-panel")
        if not panels:
            box.update("")
            return
        width = max(len(p["marks"]) for p in panels)
        table = Table(box=None, expand=True, pad_edge=False, padding=(0, 1),
                      title=Text(tr("stage_panel", lang, round=self.round_label(stage, rid, lang)),
                                 style="bold #ffd700"), header_style="bold #ffd700")
        table.add_column(tr("team_col", lang), ratio=2, no_wrap=True)
        for j in range(width):
            table.add_column(str(j + 1), justify="right", width=6)
        table.add_column(tr("stage_average", lang), justify="right", width=8)
        for p in panels:
            dropped = set(p["dropped"])
            cells = [Text(fmt_score(m), style="strike #ff5555" if judge in dropped else "bold #ffffff")
                     for judge, m in p["marks"]]
            cells += [""] * (width - len(cells))
            table.add_row(plain(p["team"]), *cells, Text(f"{p['score']:.2f}", style="bold #ffd700"))
        box.update(table)

    def _latest(self, stage: dict, lang: str) -> None:
        out = Text(tr("stage_latest", lang) + "\n", style="bold #ffd700")
        for e in reversed((stage.get("entries") or [])[-LATEST:]):
            rnd = self.round_label(stage, e["round"], lang)
            if e["kind"] == "panel":
                line = f"{e['team']} {rnd} {e['judge']} {fmt_score(e['mark'])}"
            else:
                q = tr("stage_question", lang, q=e["question"]) if e.get("question") else ""
                line = f"{e['team']} {rnd} {q} {'✓' if e['correct'] else '✗'} {signed(e['points'])}"
            out.append(line + "\n", style="strike #808080" if e.get("undone") else "")
        self.query_one("#stage-latest", Static).update(out)
