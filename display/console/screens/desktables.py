"""The scorer's desk, what it shows: the team points by round, the panel's marks (the dropped ones
struck through) and the last entries. A mixin of `DeskScreen` (desk.py), which owns the state and
the keys; these methods only read the replica and fill the desk's widgets."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...plaintext import plain

ENTRY_LINES = 12


def fmt(hundredths) -> str:
    """Points from hundredths: whole numbers plainly, others with two decimals."""
    v = float(hundredths) / 100
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}"


class DeskTables:
    def _round_label(self, round_id: str | None) -> str:
        r = next((r for r in self.rounds() if r.id == round_id), None)
        return self.app.label(r.label, r.label_en) if r else (round_id or "")

    def _team_label(self, name: str) -> str:
        t = self.rules.team(name)
        return self.app.label(name, getattr(t, "name_en", "") or "") if t else name

    def _show_scores(self) -> None:
        m, rep = self.m, self.replica
        totals = rep.board.stage_totals()
        rounds = [r for r in self.rounds() if r.kind != "playoff"]
        table = Table(expand=True, box=None, pad_edge=False, header_style="bold")
        table.add_column(m("desk_key"), justify="right", width=3)
        table.add_column(m("team"))
        for r in rounds:
            table.add_column(plain(self.app.label(r.label, r.label_en)), justify="right")
        table.add_column(m("desk_playoff"), justify="right")
        table.add_column(m("desk_total"), justify="right")
        table.add_column(m("desk_this_q"), justify="center")
        rnd = self.rnd()
        this_q = {}
        if rnd is not None and rnd.kind != "panel":
            for e in self.live(rnd.id, self.question):
                this_q[e.data["team"]] = "✓" if e.data.get("correct") else "✗"
        for i, t in enumerate(self.teams()):
            tr = totals.team_rounds.get(t.name, {})
            cells = [str(i + 1), self._team_label(t.name)]
            cells += [fmt(tr[r.id]) if r.id in tr else "·" for r in rounds]
            cells += [str(totals.playoff.get(t.name, 0) or "·"), fmt(totals.team_score(t.name)),
                      this_q.get(t.name, "")]
            table.add_row(*map(plain, cells), style="reverse" if i == self.team_idx else None)
        self.query_one("#desk_scores", Static).update(table)

    def _show_marks(self) -> None:
        rnd, box = self.rnd(), self.query_one("#desk_marks", Static)
        if rnd is None or rnd.kind != "panel":
            box.update("")
            return
        totals = self.replica.board.stage_totals()
        out = Text(self.m("desk_marks", round=self._round_label(rnd.id)) + "\n", style="bold")
        for t in self.teams():
            res = totals.panels.get((t.name, rnd.id))
            out.append(f"{self._team_label(t.name)}: ", style="bold" if t.name == self.team() else "")
            if res is None:
                out.append("—\n", style="dim")
                continue
            for judge, mark in res.marks:
                style = "strike red" if judge in res.dropped else ""
                out.append(f"{mark:g}", style=style)
                out.append(" ")
            out.append(f"→ {fmt(res.score)}\n", style="bold")
        box.update(out)

    def describe(self, ev) -> str:
        """A logged entry in one line: #12 个人必答 陕西 第5题 ST0001 ✓ +10."""
        return self.describe_entry(ev.kind, ev.data, ev.id)

    def describe_entry(self, kind: str, d: dict, ev_id: int | None = None) -> str:
        """An entry, logged (with its event id) or about to be sent."""
        m = self.m
        head = f"{'#' + str(ev_id) + ' ' if ev_id is not None else ''}{self._round_label(d['round'])} " \
               f"{self._team_label(d['team'])}"
        if kind == "panel":
            return f"{head} {d['judge']} {d['mark']:g}"
        rnd = next((r for r in self.rounds() if r.id == d["round"]), None)
        who = f" {d['contestant']}" if d.get("contestant") else ""
        stake = f" ({d['stake']:g})" if d.get("stake") is not None else ""
        sign = "✓" if d["correct"] else "✗"
        pts = ""
        if rnd is not None and rnd.kind != "playoff":
            from scoreboard.stage import answer_points

            p = answer_points(rnd, d)
            pts = f" {'+' if p >= 0 else ''}{fmt(p)}"
        return f"{head} {m('desk_q', q=d.get('question'))}{who}{stake} {sign}{pts}"

    def _show_entries(self) -> None:
        st = self.replica.board.stage
        out = Text(self.m("desk_entries_struck") + "\n", style="bold")
        for ev in reversed(list(st.entries.values())[-ENTRY_LINES:]):
            out.append(self.describe(ev), style="strike dim" if ev.id in st.undone else "")
            if ev.data.get("replaces") is not None:
                out.append(self.m("desk_corrects", id=ev.data["replaces"]), style="yellow")
            out.append("\n")
        self.query_one("#desk_entries", Static).update(out)
