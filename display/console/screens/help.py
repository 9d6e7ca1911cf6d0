"""The help screen: keys and the day's workflow, in the console's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..catalogue import translate_bindings


class HelpScreen(ModalScreen):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "back")]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.lang)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.app.msg("help"), classes="title", markup=False)
            yield Static(self.app.msg("help_text"), id="help_text", markup=False)
