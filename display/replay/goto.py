"""Go to a typed moment: HH:MM[:SS] of the contest day on the contest's clock, `#N` (just after event N),
start or end."""

from __future__ import annotations

import bisect

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from scoreboard.clock import on_contest_day, time_of_day

from .catalogue import msg


def parse_moment(text: str, events, zone) -> int | None:
    """The position (events applied) a typed moment means, or None if it is not understood. A time of day
    is on the contest's clock (`zone`), as the screens show it."""
    text = text.strip()
    if text in ("start", "开始"):
        return 0
    if text in ("end", "结束"):
        return len(events)
    if text.startswith("#"):
        try:
            return bisect.bisect_right([e.id for e in events], int(text[1:]))
        except ValueError:
            return None
    clock = time_of_day(text)  # a date-time is for scoreboard.clock.parse_moment; here only a time of day
    if clock is None:
        return None
    if not events:
        return 0
    return bisect.bisect_right([e.at for e in events], on_contest_day(clock, zone, events[0].at))


class GotoDialog(ModalScreen):
    CSS_PATH = "goto.tcss"
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(id="goto"):
            yield Static(msg("goto_title", lang), classes="title", markup=False)
            yield Input(placeholder=msg("goto_hint", lang), id="moment")
            yield Static(id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button(msg("ok", lang), id="ok", variant="primary")
                yield Button(msg("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#moment", Input).focus()

    def _submit(self) -> None:
        text = self.query_one("#moment", Input).value
        index = parse_moment(text, self.app.player.events, self.app.zone)
        if index is None:
            self.query_one("#error", Static).update(msg("bad_goto", self.app.lang, text=text))
            return
        self.dismiss(index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
