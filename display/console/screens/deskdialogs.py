"""The scorer's desk's dialog: an entry for what already counts — is it a correction?

Returns the reason (a correction: the entry replaces the recorded one), or None (cancelled: nothing is
sent). The wording (what was recorded, what is entered now) comes from the desk."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from .dialogs import ReasonDialog


class CorrectionDialog(ReasonDialog):
    def __init__(self, title: str, body: str, default_reason: str) -> None:
        super().__init__(title, body, required=True, default=default_reason)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(self.m("desk_correct_ok"), variant="warning", id="ok")
            yield Button(self.m("cancel"), id="cancel")
