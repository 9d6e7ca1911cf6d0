"""Changes on the day from the console: 取消成绩, 恢复成绩, 缺考/弃权, 更正, 替补上场 (scoreboard.changes).

Each opens a dialog about the selected contestant (the ranking's row, the detail's contestant, the team
screen's member; from the palette on another screen the dialog asks for the exam number), with a reason
required, and sends the judges' command; the answer (recorded, or the server's refusal) is a notice, as for
every command. Who may do what is the server's: `disqualify` and `reinstate` are the chief's (shown disabled
to a judge, like the lock), and a correction that makes a contestant ineligible is refused to a judge with
`forbidden`. Mixed into ConsoleApp before `Actions`.
"""

from __future__ import annotations

from textual.app import SystemCommand

DAY_ACTIONS = ("disqualify", "reinstate", "withdraw", "correct", "substitute")


class DayActions:
    """Mixed into ConsoleApp (before Actions, whose `_can`, `send` and `msg` it uses)."""

    def selected_contestant(self) -> str | None:
        """The contestant the visible screen has selected, if any."""
        pick = getattr(self.screen, "selected_contestant", None)
        exam_no = pick() if pick else None
        return exam_no if self.replica is not None and exam_no in self.replica.board.contestants else None

    def _day_dialog(self, kind: str) -> None:
        if not self._can(kind):
            return
        from .screens.daydialogs import ChangeDialog

        def done(answer) -> None:
            if answer:
                data, reason = answer
                self.send(kind, data, reason)

        self.push_screen(ChangeDialog(kind, self.selected_contestant()), done)

    def action_disqualify(self) -> None:
        self._day_dialog("disqualify")

    def action_reinstate(self) -> None:
        self._day_dialog("reinstate")

    def action_withdraw(self) -> None:
        self._day_dialog("withdraw")

    def action_correct(self) -> None:
        self._day_dialog("correct")

    def action_substitute(self) -> None:
        if not self._can("substitute"):
            return
        if not self.has_rounds():
            self.notify(self.msg("day_no_rounds"), severity="warning")
            return
        from .screens.daydialogs import SubstituteDialog

        def done(answer) -> None:
            if answer:
                data, reason = answer
                self.send("substitute", data, reason)

        self.push_screen(SubstituteDialog(self.selected_contestant()), done)

    # --- which keys show ------------------------------------------------------------
    def check_action(self, action: str, parameters) -> bool | None:
        if action in DAY_ACTIONS:
            if not self.source.can_command:
                return False  # offline or a replay: no key offers what cannot be done
            if action == "substitute" and not self.has_rounds():
                return False
        return super().check_action(action, parameters)

    # --- the command palette ----------------------------------------------------------
    def day_commands(self, screen):
        """The changes on the day, by name (in `ConsoleApp.palette_commands`)."""
        if not self.source.can_command:
            return
        m = self.msg
        for kind in DAY_ACTIONS:
            if kind in ("disqualify", "reinstate") and self.source.role != "chief":
                continue
            if kind == "substitute" and not self.has_rounds():
                continue
            yield SystemCommand(m(kind), m(f"p_{kind}"), getattr(self, f"action_{kind}"))
