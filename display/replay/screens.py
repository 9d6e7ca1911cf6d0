"""The judges' console's own screens, each with the timeline bar under it.

Nothing is redrawn here: each class is the console's screen (same widgets, same tables, same
`refresh_view`) with the bar composed after it and the bar's stylesheet added to its own.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from textual.widgets import Static

from display.console.screens.awards import AwardsScreen
from display.console.screens.detail import DetailScreen
from display.console.screens.feedviews import AuditScreen, QuarantineScreen
from display.console.screens.ranking import RankingScreen
from display.console.screens.teams import TeamsScreen

from .bar import TimelineBar
from .catalogue import msg

HERE = Path(__file__).parent
BAR_TCSS = HERE / "bar.tcss"


def css_of(cls) -> list[Path]:
    """The console screen's stylesheet(s), as absolute paths (a subclass here resolves relative ones
    against this folder)."""
    base = Path(inspect.getfile(cls)).parent
    paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH] if cls.CSS_PATH else []
    return [p if Path(p).is_absolute() else base / p for p in paths]


def with_bar(cls):
    """`cls` with the timeline bar under its content."""

    class Replayed(cls):
        CSS_PATH = [*css_of(cls), BAR_TCSS]

        def compose(self):
            yield from super().compose()
            yield TimelineBar()

        def on_screen_resume(self) -> None:  # the console screen's own handler runs too
            marks = getattr(self.app, "award_fractions", None)
            for bar in self.query(TimelineBar):
                bar.set_marks(awards=marks, exits=getattr(self.app, "exit_fractions", None))

    Replayed.__name__ = Replayed.__qualname__ = f"Replay{cls.__name__}"
    return Replayed


ReplayRankingScreen = with_bar(RankingScreen)
ReplayTeamsScreen = with_bar(TeamsScreen)
ReplayAwardsScreen = with_bar(AwardsScreen)
ReplayAuditScreen = with_bar(AuditScreen)
ReplayQuarantineScreen = with_bar(QuarantineScreen)


class ReplayDetailScreen(with_bar(DetailScreen)):
    """A contestant at the moment shown, with the event that moved them when we jumped here."""

    def __init__(self, exam_no: str, moved_by: str = "") -> None:
        super().__init__(exam_no)
        self.moved_by = moved_by

    def compose(self):
        for widget in super().compose():
            if isinstance(widget, TimelineBar) and self.moved_by:
                yield Static(f"{msg('moved_by', self.app.lang)}：{self.moved_by}", id="moved_by", classes="warn",
                             markup=False)
            yield widget
