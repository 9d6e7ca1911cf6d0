"""The timeline bar under every replay view: where we are in the day, playing or paused, at what
speed, the time of day and the event number; click or drag anywhere on it to go to that moment.

Marks on the bar: `┃` where an award changed hands (once the award scan has run), `▼` where the
contestant being followed left the top N.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from .catalogue import msg

PAD = 1  # cells left and right of the bar


class TimelineBar(Widget, can_focus=False):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.award_marks: list[float] = []  # fractions of the day
        self.exit_marks: list[float] = []
        self.dragging = False

    @property
    def player(self):
        return self.app.player

    def set_marks(self, awards: list[float] | None = None, exits: list[float] | None = None) -> None:
        if awards is not None:
            self.award_marks = awards
        if exits is not None:
            self.exit_marks = exits
        self.refresh()

    # --- drawing ------------------------------------------------------------------------
    def render(self) -> Text:
        app, p = self.app, self.player
        lang = app.lang
        width = max(10, self.size.width - 2 * PAD)
        state = "▶" if p.playing else "⏸"
        head = Text(" " * PAD)
        head.append(f"{state} ×{p.speed:g}  ", style="bold")
        head.append(app.fmt_time(p.clock), style="bold")
        head.append("  " + msg("event_no", lang, id=p.event_id, n=p.position, of=len(p)))
        if getattr(app, "top_n", None):
            head.append("  " + msg("top_n_is", lang, n=app.top_n), style="dim")
        hints, room = [], self.size.width - head.cell_len - 3
        for keys, what in app.status_keys():  # whole hints, as many as the line holds: a wrapped line pushed
            hint = f"{keys} {what}"           # the bar and its times out of the widget's three lines
            room -= Text(hint).cell_len + (3 if hints else 0)
            if room < 0:
                break
            hints.append(hint)
        head.append("   " + " · ".join(hints), style="dim")
        cells = ["─"] * width
        for f in self.award_marks:
            cells[min(width - 1, int(f * (width - 1) + 0.5))] = "┃"
        for f in self.exit_marks:
            cells[min(width - 1, int(f * (width - 1) + 0.5))] = "▼"
        cur = min(width - 1, int(p.fraction() * (width - 1) + 0.5))
        bar = Text(" " * PAD)
        bar.append("".join(cells[:cur]), style="bold green")
        bar.append("●", style="bold reverse")
        bar.append("".join(cells[cur + 1:]), style="dim")
        tl = p.timeline
        start, end = app.fmt_time(tl.start), app.fmt_time(tl.end)
        foot = Text(" " * PAD + start + " " * max(1, width - len(start) - len(end)) + end, style="dim")
        return Text("\n").join([head, bar, foot])

    # --- the mouse ----------------------------------------------------------------------
    def _fraction_at(self, x: int) -> float:
        width = max(10, self.size.width - 2 * PAD)
        return (x - PAD) / max(1, width - 1)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.y in (1, 2):
            self.dragging = True
            self.capture_mouse()
            self.app.seek_fraction(self._fraction_at(event.x))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.dragging:
            self.app.seek_fraction(self._fraction_at(event.x))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self.dragging:
            self.dragging = False
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        if event.y in (1, 2):
            self.app.seek_fraction(self._fraction_at(event.x))
