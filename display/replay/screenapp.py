"""`scoreboard replay DB --screen`: the big screen's own App and views, fed from the timeline.

Each moment shown is the `public` message the feeder would have sent after the same events
(`display.screen.public.public_message`: while frozen, the standings of the freeze), with the hall's
latest results up to that event; the exam clock shows the replayed time of day.
"""

from __future__ import annotations

from display.screen.app import ScreenApp
from display.screen.public import LatestResults, public_message
from feeder.views import LATEST
from scoreboard.clock import clock_text, contest_zone

from . import controls
from .bar import TimelineBar
from .catalogue import translate_bindings
from .controls import TICK_HZ, Controls
from .player import Day, Player
from .screens import HERE


class ReplayScreenApp(Controls, ScreenApp):
    CSS_PATH = [*ScreenApp.CSS_PATH, HERE / "bar.tcss"]
    BINDINGS = [*controls.BINDINGS]

    def __init__(self, day: Day, lang: str = "zh", speed: float = 60.0, start: int = 0, top_n: int | None = None,
                 animate: bool = True):
        from .app import default_top_n

        self.day = day
        self.player = Player(day.rules, day.contestants, day.events, speed)
        self.top_n = top_n or default_top_n(day.rules)
        self.tz = contest_zone(day.rules)
        self.player.request(start)
        self.player.settle()
        super().__init__(self.public(lang), lang=lang, animate=animate, now=lambda: self.player.clock,
                         min_interval=0.0)
        translate_bindings(self, lang)

    def public(self, lang: str | None = None) -> dict:
        """The public state after the events applied so far, as the feeder built it then."""
        p = self.player
        latest = LatestResults()
        board = p.board
        for ev in p.events[max(0, p.position - 4 * LATEST): p.position]:
            latest.add(board, ev)
        return public_message(board, lang or self.lang, latest.rows())

    def compose(self):
        yield from super().compose()
        yield TimelineBar()

    def on_mount(self) -> None:  # ScreenApp's own on_mount runs too (theme, clock, pages)
        self.set_interval(1 / TICK_HZ, self.play_tick, name="play")

    def fmt_time(self, at: float | None) -> str:
        return clock_text(at, self.tz)

    def show_moment(self) -> None:
        self.show(self.public())
        self.show_bar()

    def query_bars(self):
        return list(self.query(TimelineBar))
