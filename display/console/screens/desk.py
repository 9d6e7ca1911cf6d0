"""The scorer's desk (记分台) of the on-stage contest: keyboard-first entry of each answer and
each panel mark as a judge event, the undo of the last entry, and the running team points.

Keys: R / ⇧R round, ] / [ question, 1–8 team, C contestant (individual rounds), S stake (risk
rounds), Y right, N wrong, M the panel's mark (panel rounds: Enter sends, Esc leaves the field),
A announces the round and question on the big screen, U undoes the last entry (with a reason).
Every entry is a command to the source; what the desk shows is what the log says.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, Label, Static

from .base import ConsoleScreen
from .desktables import DeskTables

def next_judge(name: str) -> str:
    """评委3 → 评委4 (a name without a number stays as it is)."""
    m = re.match(r"^(.*?)(\d+)$", name)
    return f"{m.group(1)}{int(m.group(2)) + 1}" if m else name


class DeskScreen(DeskTables, ConsoleScreen):
    CSS_PATH = "desk.tcss"
    AUTO_FOCUS = ""  # digits choose teams: nothing takes the keys until M opens the mark field
    BINDINGS = [
        Binding("r", "round(1)", "desk_round"),
        Binding("R", "round(-1)", "desk_round_prev", key_display="⇧R", show=False),
        Binding("right_square_bracket", "question(1)", "desk_next_q", key_display="]"),
        Binding("left_square_bracket", "question(-1)", "desk_prev_q", key_display="[", show=False),
        *[Binding(str(i), f"team({i - 1})", "desk_team", show=False) for i in range(1, 10)],
        Binding("c", "contestant", "desk_contestant"),
        Binding("s", "stake", "desk_stake"),
        Binding("y", "answer(True)", "desk_right"),
        Binding("n", "answer(False)", "desk_wrong"),
        Binding("m", "mark", "desk_mark"),
        Binding("a", "announce", "desk_announce"),
        Binding("u", "undo", "desk_undo"),
        Binding("escape", "leave", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.round_id: str | None = None
        self.question = 1
        self.team_idx = 0
        self.contestant: str | None = None  # chosen with C; None: the team's player for this question
        self.stake_idx = 0
        self.seen_stage: dict | None = None  # what was on stage when last looked
        self.mounted = False  # the app's tick may come before the widgets are composed

    def compose(self) -> ComposeResult:
        m = self.m
        yield Header()
        yield Static(id="desk_state", classes="title", markup=False)
        yield Static(id="desk_entry", markup=False)
        with Horizontal(id="desk_panel"):
            yield Label(m("desk_judge"), classes="label", markup=False)
            yield Input(id="judge")
            yield Label(m("desk_mark_label"), classes="label", markup=False)
            yield Input(id="mark", type="number")
        with Horizontal(id="desk_body"):
            yield Static(id="desk_scores", markup=False)
            with Vertical(id="desk_side"):
                yield Static(id="desk_marks", markup=False)
                yield Static(id="desk_entries", markup=False)
        yield Static(m("desk_help"), id="desk_help", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.mounted = True
        self.refresh_view(True)

    # --- what is chosen -----------------------------------------------------------------
    @property
    def rules(self):
        return self.replica.rules

    def rounds(self):
        return list(self.rules.rounds) if self.replica is not None else []

    def rnd(self):
        return next((r for r in self.rounds() if r.id == self.round_id), None)

    def teams(self):
        return list(self.rules.teams)

    def team(self) -> str | None:
        teams = self.teams()
        return teams[self.team_idx].name if teams and self.team_idx < len(teams) else None

    def members(self, team: str) -> list:
        """Who plays for the team in the chosen round, substitutions made (a substitute in the place of the
        member they replaced; the member replaced is no longer offered)."""
        board = self.replica.board
        return [board.contestants[e] for e in board.playing(team, self.round_id)]

    def chosen_contestant(self):
        team = self.team()
        if team is None:
            return None
        people = self.members(team)
        chosen = next((c for c in people if c.exam_no == self.contestant), None) if self.contestant else None
        return chosen or (people[(self.question - 1) % len(people)] if people else None)

    def came_in(self, exam_no: str) -> bool:
        """Whether the contestant plays as a substitute (替补上场)."""
        sub = self.replica.board.day.substitution(exam_no)
        return sub is not None and sub[1] == exam_no

    def stake(self) -> float | None:
        rnd = self.rnd()
        return rnd.stakes[self.stake_idx % len(rnd.stakes)] if rnd and rnd.stakes else None

    def live(self, round_id: str, question: int | None = None):
        st = self.replica.board.stage
        return [e for e in st.live_entries()
                if e.data.get("round") == round_id and (question is None or e.data.get("question") == question)]

    def next_question(self, round_id: str) -> int:
        qs = [e.data.get("question") or 0 for e in self.live(round_id)]
        return max(qs, default=0) + 1

    def marks_of(self, team: str, round_id: str) -> int:
        return len({e.data["judge"] for e in self.live(round_id) if e.kind == "panel" and e.data["team"] == team})

    # --- showing ------------------------------------------------------------------------
    def _start(self) -> None:
        """Once the log is known: begin where the stage is (or with the first round)."""
        cur = self.replica.board.stage.current if self.replica.board.stage else {}
        rounds = self.rounds()
        if cur.get("round") in {r.id for r in rounds}:
            if cur["round"] != self.round_id:
                self.team_idx = 0
            self.round_id = cur["round"]
            self.question = int(cur.get("question") or 1)
        elif rounds:
            self.round_id = rounds[0].id
            self.question = self.next_question(self.round_id)
        self._round_changed()

    def _round_changed(self) -> None:
        self.contestant = None
        rnd = self.rnd()
        if rnd is not None and rnd.kind == "individual":
            self._next_team_for_question()
        self.set_class(rnd is not None and rnd.kind == "panel", "-panel")
        self._reset_judge()
        self.refresh_bindings()

    def _reset_judge(self) -> None:
        team, rnd = self.team(), self.rnd()
        if team and rnd and rnd.kind == "panel":
            self.query_one("#judge", Input).value = f"{'评委' if self.app.lang == 'zh' else 'Judge '}" \
                                                    f"{self.marks_of(team, rnd.id) + 1}"

    def _next_team_for_question(self, just: str | None = None) -> bool:
        """Individual rounds: the next team without an answer to this question; False when all have one."""
        done = {e.data["team"] for e in self.live(self.round_id, self.question)} | ({just} if just else set())
        teams = [t.name for t in self.teams()]
        for k in range(len(teams)):
            i = (self.team_idx + k) % len(teams)
            if teams[i] not in done:
                self.team_idx = i
                return True
        return False

    def refresh_view(self, changed: bool) -> None:
        rep = self.replica
        if rep is None or not self.mounted:
            return
        if not rep.rules.rounds:
            self.query_one("#desk_state", Static).update(self.m("desk_no_rounds"))
            return
        current = rep.board.stage.current
        if self.round_id is None or current != self.seen_stage:
            self.seen_stage = dict(current)
            self._start()  # follow an announcement (ours, or another desk's)
        self._show_state()
        if changed:
            self._show_scores()
            self._show_marks()
            self._show_entries()

    def _show_state(self) -> None:
        m, rnd = self.m, self.rnd()
        cur = self.replica.board.stage.current
        now = (f"{self._round_label(cur.get('round'))} {m('desk_q', q=cur.get('question'))}"
               if cur.get("round") else m("desk_nothing_on_stage"))
        self.query_one("#desk_state", Static).update(
            m("desk_state", round=self._round_label(self.round_id), kind=m(f"round_{rnd.kind}") if rnd else "",
              q=self.question, now=now))
        team = self.team()
        line = Text()
        line.append(f"{m('team')} [{self.team_idx + 1}] {self._team_label(team) if team else '—'}", style="bold")
        if rnd is not None and rnd.kind == "individual":
            c = self.chosen_contestant()
            line.append("  ·  " + m("desk_contestant_line", exam_no=c.exam_no if c else "—",
                                     name=c.name if c else ""))
            if c is not None and self.came_in(c.exam_no):
                line.append(m("desk_sub"), style="bold yellow")
        if rnd is not None and rnd.kind == "risk":
            line.append("  ·  " + m("desk_stake_line", stake=f"{self.stake():g}"), style="bold yellow")
        line.append("  ·  " + (m("desk_mark_hint") if rnd is not None and rnd.kind == "panel" else m("desk_yn")),
                    style="dim")
        self.query_one("#desk_entry", Static).update(line)

    # --- which keys apply ------------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        rnd = self.rnd() if self.replica is not None else None
        kind = rnd.kind if rnd else None
        if action == "contestant":
            return kind == "individual"
        if action == "stake":
            return kind == "risk"
        if action == "mark":
            return kind == "panel"
        if action == "answer":
            return kind not in (None, "panel")
        return True

    # --- keys -----------------------------------------------------------------------------
    def action_round(self, delta: int) -> None:
        rounds = self.rounds()
        if not rounds:
            return
        i = next((k for k, r in enumerate(rounds) if r.id == self.round_id), 0)
        self.round_id = rounds[(i + delta) % len(rounds)].id
        self.question = self.next_question(self.round_id)
        self.team_idx = 0
        self._round_changed()
        self.refresh_view(True)

    def action_question(self, delta: int) -> None:
        self.question = max(1, self.question + delta)
        self.contestant = None
        self.refresh_view(True)

    def action_team(self, index: int) -> None:
        if self.replica is None or index >= len(self.teams()):
            return
        self.team_idx = index
        self.contestant = None
        self._reset_judge()
        self.refresh_view(True)

    def action_contestant(self) -> None:
        team = self.team()
        if team is None:
            return
        people = self.members(team)
        cur = self.chosen_contestant()
        i = next((k for k, c in enumerate(people) if cur and c.exam_no == cur.exam_no), -1)
        self.contestant = people[(i + 1) % len(people)].exam_no if people else None
        self.refresh_view(False)

    def action_stake(self) -> None:
        self.stake_idx += 1
        self.refresh_view(False)

    def action_answer(self, correct: bool) -> None:
        rnd, team = self.rnd(), self.team()
        if rnd is None or team is None or rnd.kind == "panel":
            return
        data = {"round": rnd.id, "question": self.question, "team": team, "correct": bool(correct)}
        if rnd.kind == "individual":
            c = self.chosen_contestant()
            data["contestant"] = c.exam_no if c else None
        if rnd.kind == "risk":
            data["stake"] = self.stake()
        self.enter("answer", data, after=lambda: self._answered(rnd, team))

    def _answered(self, rnd, team: str) -> None:
        """Auto-advance: the next team (individual rounds) or the next question."""
        if rnd.id != self.round_id:
            return
        self.contestant = None
        if rnd.kind == "individual":
            if not self._next_team_for_question(just=team):
                self.question += 1
                self.team_idx = 0
        else:
            self.question += 1

    def action_mark(self) -> None:
        rnd = self.rnd()
        if rnd is not None and rnd.kind == "panel":
            self.query_one("#mark", Input).focus()

    def action_leave(self) -> None:
        if self.focused is not None:
            self.set_focus(None)
        else:
            self.app.run_action("mode('ranking')")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "judge":
            self.query_one("#mark", Input).focus()
            return
        rnd, team = self.rnd(), self.team()
        if rnd is None or team is None or rnd.kind != "panel":
            return
        judge = self.query_one("#judge", Input).value.strip()
        try:
            mark = float(event.value)
        except ValueError:
            mark = None
        if not judge or mark is None or not 0 <= mark <= rnd.max:
            self.app.notify(self.m("desk_bad_mark", max=f"{rnd.max:g}"), severity="warning")
            return

        def after() -> None:
            box = self.query_one("#judge", Input)
            if box.value.strip() == judge:
                box.value = next_judge(judge)
            self.query_one("#mark", Input).value = ""

        self.enter("panel", {"round": rnd.id, "team": team, "judge": judge, "mark": mark}, after=after)

    def action_announce(self) -> None:
        rnd = self.rnd()
        if rnd is not None:
            self.enter("stage", {"round": rnd.id, "question": self.question})

    def action_undo(self) -> None:
        rep = self.replica
        if rep is None or rep.board.stage is None or not self.app._can("undo"):
            return
        live = rep.board.stage.live_entries()
        if not live:
            self.app.notify(self.m("desk_nothing_to_undo"))
            return
        ev = live[-1]
        from .dialogs import ReasonDialog

        def done(reason) -> None:
            if reason:
                self.enter("undo", {"event_id": ev.id}, reason, after=lambda: self._undone(ev))

        self.app.push_screen(ReasonDialog(self.m("desk_undo_title"), self.describe(ev), required=True,
                                          default=self.m("desk_undo_default")), done)

    def _undone(self, ev) -> None:
        """Back to the undone entry, ready to enter it again."""
        d = ev.data
        names = [t.name for t in self.teams()]
        self.round_id = d["round"]
        self.set_class(self.rnd() is not None and self.rnd().kind == "panel", "-panel")
        self.team_idx = names.index(d["team"]) if d["team"] in names else 0
        if ev.kind == "answer":
            self.question = d.get("question") or self.question
            self.contestant = d.get("contestant")
        else:
            self.query_one("#judge", Input).value = d["judge"]
        self.refresh_bindings()

    # --- sending --------------------------------------------------------------------------
    def enter(self, kind: str, data: dict, reason: str = "", after=None) -> None:
        """Send one entry through the source; `after` runs once it is in the log."""
        app = self.app
        if not app._can(kind):
            return

        async def go() -> None:
            result = await app._send(kind, data, reason)
            if result.get("ok") and after is not None:
                after()
            self.refresh_view(True)

        app.run_worker(go(), group="desk")
