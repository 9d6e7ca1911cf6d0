"""The scorer's desk, what it sends: answers, panel marks, the announcement, the undo, and corrections.

A mixin of `DeskScreen` (desk.py), which owns the state and the other keys. Every entry is a command to
the source; what the desk shows is what the log says. An entry for what already counts (a question the
team has answered, a mark the judge has given the team: `StageState.holder`) is not sent as it is: a
dialog asks whether it is a correction, and a correction names the entry it replaces (`replaces`) with a
reason. The core refuses a second entry that does not (`already_entered`), so two desks cannot count a
question twice either; the desk only asks first.
"""

from __future__ import annotations

import re

from textual.widgets import Input


def next_judge(name: str) -> str:
    """评委3 → 评委4 (a name without a number stays as it is)."""
    m = re.match(r"^(.*?)(\d+)$", name)
    return f"{m.group(1)}{int(m.group(2)) + 1}" if m else name


class DeskEntries:
    # --- answers ----------------------------------------------------------------------------
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
        self.enter_or_correct("answer", data, after=lambda: self._answered(rnd, team),
                              corrected=lambda: self._resume(rnd))

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

    def _resume(self, rnd) -> None:
        """After correcting an earlier question: back to where the round stands (in an individual round the
        first team yet to answer its latest question; else the question after the latest)."""
        if rnd.id != self.round_id:
            return
        self.contestant = None
        latest = self.next_question(rnd.id) - 1
        if rnd.kind == "individual" and latest >= 1:
            self.question, self.team_idx = latest, 0
            if self._next_team_for_question():
                return
        self.question, self.team_idx = latest + 1, 0 if rnd.kind == "individual" else self.team_idx

    # --- panel marks ------------------------------------------------------------------------
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

        self.enter_or_correct("panel", {"round": rnd.id, "team": team, "judge": judge, "mark": mark}, after=after)

    # --- the stage and the undo --------------------------------------------------------------
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

    # --- sending ----------------------------------------------------------------------------
    def enter_or_correct(self, kind: str, data: dict, after=None, corrected=None) -> None:
        """Send a new entry; for what already counts, ask first whether this is a correction."""
        stage = self.replica.board.stage if self.replica is not None else None
        held = stage.holder(kind, data) if stage is not None else None
        if held is None:
            self.enter(kind, data, after=after)
            return
        if not self.app._can(kind):
            return
        from .deskdialogs import CorrectionDialog

        def done(reason) -> None:
            if reason:
                self.enter(kind, {**data, "replaces": held.id}, reason, after=corrected or after)

        title = self.m("desk_correct_title_panel" if kind == "panel" else "desk_correct_title")
        body = self.m("desk_correct_body", old=self.describe(held), new=self.describe_entry(kind, data))
        self.app.push_screen(CorrectionDialog(title, body, self.m("desk_undo_default")), done)

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
