"""What every console screen shares: translated footer labels, a status line,
and the helpers that turn core values into cells."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen

from scoreboard.events import fmt_duration, fmt_points

from ..catalogue import translate_bindings


class ConsoleScreen(Screen):
    """A screen that the app's tick asks to `refresh_view(changed)`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self, self.app.lang)

    def m(self, key: str, **params) -> str:
        return self.app.msg(key, **params)

    @property
    def replica(self):
        return self.app.replica

    def on_screen_resume(self) -> None:
        if self.replica is not None:
            self.refresh_view(True)

    def refresh_view(self, changed: bool) -> None:  # pragma: no cover - each screen has its own
        pass


def fmt_time_used(seconds: float | None) -> str:
    return fmt_duration(seconds)


def fmt_move(move: int) -> Text:
    if move > 0:
        return Text(f"↑{move}", style="bold green")
    if move < 0:
        return Text(f"↓{-move}", style="bold red")
    return Text("")


def right(text: str) -> Text:
    return Text(text, justify="right")


def points_cell(points: int) -> Text:
    return right(fmt_points(points))
