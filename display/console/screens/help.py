"""The help screen (`?`): the keys of the app or of the screen it was opened from, and a few lines of
text, in the console's language.

What it shows comes through hooks: the visible screen's `help_page()` when it has keys of its own (the
scorer's desk), else the app's (`ConsoleApp.help_page`, which the replay gives its own). Keys are read
from the bindings with `bound_keys`, so help names exactly what is bound.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..catalogue import translate_bindings


@dataclass(frozen=True)
class HelpPage:
    """What `?` shows: a title, the keys with what each does, and text after them."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()  # (the keys as shown, what they do)
    text: str = ""


def bound_keys(app, bindings, *actions: str, sep: str = "/") -> str:
    """How the keys bound to `actions` are shown, in the footer's way ("r/⇧R"): read from the bindings (a
    list, or a node's merged `_bindings`), never typed twice. An action bound to no key is an error: help
    must not name a key that does nothing."""
    if hasattr(bindings, "key_to_bindings"):
        bindings = [b for bs in bindings.key_to_bindings.values() for b in bs]
    shown = []
    for action in actions:
        found = [b for b in bindings if b.action == action]
        if not found:
            raise KeyError(f"no key is bound to {action!r}")
        for b in found:
            first = b.key.split(",")[0].strip()
            key = app.get_key_display(dataclasses.replace(b, key=first))
            if key not in shown:
                shown.append(key)
    return sep.join(shown)


def palette_key(app) -> str:
    """The command palette's key, as the footer shows it (^p)."""
    return app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette",
                                       key_display=app.COMMAND_PALETTE_DISPLAY))


def key_table(rows) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table


class HelpScreen(ModalScreen):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "app.pop_screen", "back")]

    def __init__(self, page: HelpPage | None = None) -> None:
        super().__init__()
        self.page = page
        translate_bindings(self, self.app.lang)

    def compose(self) -> ComposeResult:
        page = self.page or HelpPage(self.app.msg("help"), text=self.app.msg("help_text"))
        with VerticalScroll(id="help"):
            yield Static(page.title, classes="title", markup=False)
            if page.rows:
                yield Static(key_table(page.rows), id="help_keys")
            if page.text:
                yield Static(page.text, id="help_text", markup=False)
