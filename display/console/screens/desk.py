"""The scorer's desk (记分台) of the on-stage contest: keyboard-first entry of each answer and
each panel mark as a judge event, the undo of the last entry, and the running team points.

Keys: r / ⇧R round, ] / [ question, 1–8 team, c contestant (individual rounds), s stake (risk
rounds), y right, n wrong, m the panel's mark (panel rounds: Enter sends, Esc leaves the field),
a announces the round and question on the big screen, u undoes the last entry (with a reason),
? the desk's own help. The desk's line and its help read the keys from `BINDINGS`, so they name
what is bound. What it sends is deskentry.py's; what it shows, desktables.py's.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Label, Static

from .base import ConsoleScreen
from .deskentry import DeskEntries, next_judge  # noqa: F401 - next_judge: the desk's API, tested
from .desktables import DeskTables
from .help import HelpPage, bound_keys, palette_key
from .footer import ConsoleFooter

NARROW = 120  # columns: below it the desk stacks its panes (desk.tcss)


class DeskScreen(DeskEntries, DeskTables, ConsoleScreen):
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
        yield Static(self.key_line(), id="desk_help", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.mounted = True
        self.refresh_view(True)

    def on_resize(self, event) -> None:
        """Below NARROW columns the latest entries go under the team points, so that every round keeps
        its column and the team names are not cut to one character."""
        self.set_class(event.size.width < NARROW, "-narrow")

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
        keys = (m("desk_mark_keys", m=self.keys("mark"), esc=self.keys("leave"))
                if rnd is not None and rnd.kind == "panel" else
                f"{self.keys('answer(True)')} {m('desk_right')} · {self.keys('answer(False)')} {m('desk_wrong')}")
        line.append("  ·  " + keys, style="dim")
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

    def action_mark(self) -> None:
        rnd = self.rnd()
        if rnd is not None and rnd.kind == "panel":
            self.query_one("#mark", Input).focus()

    async def action_leave(self) -> None:
        if self.focused is not None:
            self.set_focus(None)
        else:
            await self.app.run_action("mode('ranking')")

    # --- its own keys: the line under the desk and its help (`?`) ---------------------------------
    def keys(self, *actions: str) -> str:
        """The keys bound to these actions, as the footer shows them; team digits as 1–N."""
        if actions == ("team",):
            return f"1–{min(9, len(self.teams()) if self.replica is not None else 8)}"
        if actions == ("help",):
            return bound_keys(self.app, self.app._bindings, "help")
        return bound_keys(self.app, self.BINDINGS, *actions)

    def key_line(self) -> str:
        m, k = self.m, self.keys
        parts = [(k("round(1)", "round(-1)"), m("desk_round")), (k("question(1)", "question(-1)"), m("dl_question")),
                 (k("team"), m("desk_team")), (k("contestant"), m("desk_contestant")), (k("stake"), m("desk_stake")),
                 (k("answer(True)"), m("desk_right")), (k("answer(False)"), m("desk_wrong")), (k("mark"), m("desk_mark")),
                 (k("announce"), m("desk_announce")), (k("undo"), m("desk_undo")), (k("help"), m("help")),
                 (k("leave"), m("dl_leave"))]
        return " · ".join(f"{keys} {what}" for keys, what in parts)

    def help_page(self) -> HelpPage:
        m, k, app = self.m, self.keys, self.app
        rows = [(k("round(1)", "round(-1)"), m("dh_round")), (k("question(1)", "question(-1)"), m("dh_question")),
                (k("team"), m("dh_team")), (k("contestant"), m("dh_contestant")), (k("stake"), m("dh_stake")),
                (k("answer(True)", "answer(False)"), m("dh_answer")), (k("mark"), m("dh_mark")),
                (k("announce"), m("dh_announce")), (k("undo"), m("dh_undo")), (k("leave"), m("dh_leave")),
                (k("help"), m("dh_help")), (palette_key(app), m("dh_palette")),
                (bound_keys(app, app._bindings, "quit"), m("dh_quit"))]
        return HelpPage(m("dh_title"), tuple(rows), m("dh_text", undo=k("undo")))
