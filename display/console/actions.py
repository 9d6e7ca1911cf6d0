"""The judges' actions: each one a dialog (when it needs words from the
judge) and then a command to the source. Bound to keys on the screens where
they belong and offered everywhere through the command palette."""

from __future__ import annotations

import secrets

from textual.app import SystemCommand

CHIEF_ONLY = {"lock", "unlock", "disqualify", "reinstate"}
JUDGES_ACTIONS = {"decide", "confirm", "lock", "unlock", "assign", "revoke", "freeze", "unfreeze", "screen_view",
                  "ceremony", "mark_certain"}


class Actions:
    """Mixed into ConsoleApp."""

    # hook: whether this app sends judges' commands at all (the replay never does: no key offers one).
    # Not `COMMANDS`: that name is Textual's, the palette's providers, and a bool there breaks the palette.
    SENDS_COMMANDS = True

    # --- sending ------------------------------------------------------------------
    def send(self, kind: str, data: dict, reason: str = "") -> None:
        if not self.source.can_command:
            self.notify(self.msg("read_only"), severity="warning")
            return
        self.run_worker(self._send(kind, data, reason), group="commands")

    async def _send(self, kind: str, data: dict, reason: str) -> dict:
        try:
            result = await self.source.command(kind, data, reason)
        except Exception as exc:  # noqa: BLE001 - the link failed; the judge must know
            result = {"ok": False, "code": "link", "message": str(exc), "message_zh": f"连接故障：{exc}"}
        self.results.append({"kind": kind, **result})
        if result.get("ok"):
            self.notify(self.msg("sent", kind=self.msg(f"k_{kind}"), id=result.get("event_id", "?")))
        else:
            self.notify(self.msg("refused", message=self.refusal(result)), severity="error", timeout=8)
        return result

    def _can(self, kind: str) -> bool:
        if not self.source.can_command:
            self.notify(self.msg("read_only"), severity="warning")
            return False
        if kind in CHIEF_ONLY and self.source.role != "chief":
            self.notify(self.msg("chief_only"), severity="warning")
            return False
        return self.replica is not None

    # --- awards ---------------------------------------------------------------------
    def action_decide(self, index: int | None = None) -> None:
        if not self._can("decision"):
            return
        ties = self.replica.board.awards().ties
        if not ties:
            self.notify(self.msg("nothing_to_decide"))
            return
        if index is None:
            index = getattr(self.screen, "selected_tie", lambda: 0)()
        tie = ties[min(max(index, 0), len(ties) - 1)]
        from .screens.dialogs import TieDialog

        def done(answer) -> None:
            if answer:
                data, reason = answer
                self.send("decision", data, reason)

        self.push_screen(TieDialog(tie, secrets.token_hex(4)), done)

    def action_confirm(self) -> None:
        if not self._can("confirm"):
            return
        aw = self.replica.board.awards()
        digest = aw.digest
        from .screens.dialogs import ReasonDialog

        body = self.msg("confirm_body", digest=digest, n=len(aw.awards))
        self.push_screen(ReasonDialog(self.msg("confirm_title"), body, required=False),
                         lambda r: r is not None and self.send("confirm", {"digest": digest}, r))

    def action_lock(self) -> None:
        if not self._can("lock"):
            return
        digest = self.replica.board.awards().digest
        from .screens.dialogs import ReasonDialog

        self.push_screen(ReasonDialog(self.msg("lock_title"), self.msg("lock_body", digest=digest), required=False,
                                      default="定榜" if self.lang == "zh" else "final list"),
                         lambda r: r is not None and self.send("lock", {"digest": digest}, r))

    def action_unlock(self) -> None:
        if not self._can("unlock"):
            return
        from .screens.dialogs import ReasonDialog

        self.push_screen(ReasonDialog(self.msg("unlock_title"), self.msg("unlock_body"), required=True),
                         lambda r: r and self.send("unlock", {}, r))

    def judge_awards(self):
        return [a for a in self.replica.rules.awards if a.kind == "judge"] if self.replica else []

    def action_assign(self) -> None:
        if not self._can("assign"):
            return
        specs = self.judge_awards()
        if not specs:
            self.notify(self.msg("no_judge_award"))
            return
        from .screens.dialogs import AssignDialog

        def done(answer) -> None:
            if answer:
                award, recipient, reason = answer
                self.send("assign", {"award": award, "recipient": recipient}, reason)

        self.push_screen(AssignDialog(specs, self.replica), done)

    def action_revoke(self) -> None:
        if not self._can("revoke"):
            return
        assigned = list(self.replica.board.control.assigned)
        if not assigned:
            self.notify(self.msg("nothing_to_revoke"))
            return
        award, recipient = assigned[-1]
        pick = getattr(self.screen, "selected_assigned", lambda: None)()
        if pick in assigned:
            award, recipient = pick
        spec = self.replica.rules.award(award)
        from .screens.dialogs import ReasonDialog

        title = self.msg("revoke_title", award=self.label(spec.label, spec.label_en), recipient=recipient)
        self.push_screen(ReasonDialog(title, "", required=True),
                         lambda r: r and self.send("revoke", {"award": award, "recipient": recipient}, r))

    # --- the big screen -------------------------------------------------------------
    def action_freeze(self) -> None:
        if not self._can("freeze"):
            return
        from .screens.dialogs import ReasonDialog

        self.push_screen(ReasonDialog(self.msg("freeze_title"), self.msg("freeze_body"), required=False),
                         lambda r: r is not None and self.send("freeze", {}, r))

    def action_unfreeze(self) -> None:
        if self._can("unfreeze"):
            self.send("unfreeze", {}, "")

    def action_mark_certain(self) -> None:
        """The big screen's 确定获奖 marks, on or off. Turning them on asks first (it says prizes in public before
        the lock), and is refused while the screen is frozen (a frozen screen shows no marks: the judges would
        not see what they turned on) or without a paper (nobody can be certain); off is sent at once, frozen or
        not. The command is the judges' `mark_certain`, like every other."""
        if not self._can("mark_certain"):
            return
        board = self.replica.board
        if board.control.mark_certain:
            self.send("mark_certain", {"on": False}, "")
            return
        if board.control.frozen_at is not None:
            self.notify(self.msg("mark_frozen"), severity="warning")
            return
        if not self.replica.rules.paper_known:
            self.notify(self.msg("cert_unknown"), severity="warning")
            return
        from .screens.dialogs import ReasonDialog

        self.push_screen(ReasonDialog(self.msg("mark_title"), self.msg("mark_body"), required=False),
                         lambda r: r is not None and self.send("mark_certain", {"on": True}, r))

    def action_screen_view(self, view: str) -> None:
        if not self._can("view") or (view == "stage" and not self._on_stage()):
            return
        data = {"view": view}
        if view == "group":
            data["group"] = getattr(self.screen, "chosen_group", lambda: None)() or self.replica.rules.groups[0]
        self.send("view", data, "")

    def action_ceremony(self, delta: int) -> None:
        if not self._can("ceremony"):
            return
        board = self.replica.board
        if not board.control.locked:
            self.notify(self.msg("ceremony_needs_lock"), severity="warning")
            return
        self.send("ceremony", {"step": max(-1, board.control.ceremony + delta)}, "")

    def action_help(self) -> None:
        """The visible screen's own help if it has one (the desk), else the app's (hooks: `help_page`)."""
        from .screens.help import HelpScreen

        own = getattr(self.screen, "help_page", None)
        self.push_screen(HelpScreen((own() if own else None) or self.help_page()))

    # --- who may see which keys -------------------------------------------------------
    def _on_stage(self) -> bool:
        return self.replica is not None and bool(self.replica.rules.rounds)

    def check_action(self, action: str, parameters) -> bool | None:
        if action in JUDGES_ACTIONS and not self.SENDS_COMMANDS:
            return False
        if action == "screen_view" and tuple(parameters) == ("stage",) and not self._on_stage():
            return False  # a written contest has no stage to show
        if action in CHIEF_ONLY and self.source.role != "chief":
            return None  # shown disabled: the judge sees the action exists, for the chief
        return True

    # --- the command palette ----------------------------------------------------------
    def console_commands(self, screen):
        """The console's screens and the judges' actions, by name (in `ConsoleApp.palette_commands`)."""
        m = self.msg
        for n, mode in enumerate(("ranking", "teams", "awards", "quarantine", "health", "audit", "control"), 1):
            yield SystemCommand(m(f"mode_{mode}"), m("p_mode", k=n),
                                lambda mode=mode: self.run_action(f"mode('{mode}')"))
        yield SystemCommand(m("decide"), m("p_decide"), self.action_decide)
        yield SystemCommand(m("confirm"), m("p_confirm"), self.action_confirm)
        if self.source.role == "chief":
            yield SystemCommand(m("lock"), m("p_lock"), self.action_lock)
            yield SystemCommand(m("unlock"), m("p_unlock"), self.action_unlock)
        yield SystemCommand(m("assign"), m("p_assign"), self.action_assign)
        yield SystemCommand(m("revoke"), m("p_revoke"), self.action_revoke)
        yield SystemCommand(m("freeze"), m("p_freeze"), self.action_freeze)
        yield SystemCommand(m("unfreeze"), m("p_unfreeze"), self.action_unfreeze)
        on = self.replica is not None and self.replica.board.control.mark_certain
        yield SystemCommand(m("mark_certain_off" if on else "mark_certain"), m("p_mark_certain_off" if on else
                                                                                "p_mark_certain"),
                            self.action_mark_certain)
        views = ("individual", "team", "group", "awards", "latest", "ceremony")
        for view in views + (("stage",) if self._on_stage() else ()):
            key = {"team": "view_teamv", "group": "view_groupv"}.get(view, f"view_{view}")
            yield SystemCommand(m("show_view", view=m(key)), m("p_view"),
                                lambda view=view: self.action_screen_view(view))
        yield SystemCommand(m("ceremony_next"), m("p_ceremony_next"), lambda: self.action_ceremony(1))
        yield SystemCommand(m("ceremony_prev"), m("p_ceremony_prev"), lambda: self.action_ceremony(-1))
        yield SystemCommand(m("help"), m("p_help"), self.action_help)
