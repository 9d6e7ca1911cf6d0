"""The big screen: a Textual app that renders `public` messages and nothing else.

`make_app(public=..., source=...)` builds it: tests inject public states (`app.show(msg)`),
the command line gives it a source (live feeder, database file) that yields them. New states
are coalesced: at most one render per `min_interval`, the latest wins.
"""

from __future__ import annotations

import contextlib
import time
from datetime import tzinfo
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Static

from scoreboard.clock import DEFAULT_ZONE, labelled, zone_named

from .awards import AwardsView
from .base import Ctx, View
from .ceremony import CeremonyView
from .group import GroupView
from .individual import IndividualView
from .latest import LatestView, ticker_items
from .stage import StageView
from .state import PublicState, clock_text, moved_up, tr
from .status import status_line
from .team import TeamView
from .widgets import ExamClock, Ticker

HERE = Path(__file__).parent
VIEWS = {"individual": IndividualView, "team": TeamView, "group": GroupView, "awards": AwardsView,
         "latest": LatestView, "ceremony": CeremonyView, "stage": StageView}
HIGHLIGHT_SECONDS = 4.0


class ScreenApp(App):
    CSS_PATH = [HERE / "widgets.tcss", HERE / "app.tcss"] + [HERE / f"{name}.tcss" for name in VIEWS]
    TITLE = "赛场计分台"

    def __init__(self, public: dict | None = None, *, source=None, lang: str = "zh", animate: bool = True,
                 now=None, exam: tuple[float, float] | None = None, min_interval: float = 0.25,
                 page_seconds: float = 10.0, ticker_seconds: float = 4.0):
        super().__init__()
        self.lang = lang
        self.source = source
        self.animate = animate
        self.now = now or time.time
        self.exam = exam
        self.min_interval = min_interval
        self.page_seconds = page_seconds
        self.ticker_seconds = ticker_seconds
        self.state: PublicState | None = None
        self.connected = True
        self.link_line = ""  # what the screen says about a link that is down (status.py)
        self.highlight: dict[tuple[str, str], float] = {}
        self._initial = public
        self._pending: dict | None = None
        self._scheduled = False
        self._last_show = 0.0
        self.shown = 0  # public states rendered (for tests and diagnostics)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            with Vertical(id="heading"):
                yield Static(id="title", markup=False)
                yield Static(id="view-name", markup=False)
                yield Static(id="updated", markup=False)
            yield Static(id="badge", markup=False)
            yield ExamClock(self.lang, self.now, self.exam, zone=lambda: self.zone, id="clock")
        with ContentSwitcher(id="views", initial="individual"):
            for name, cls in VIEWS.items():
                yield cls(id=name, classes="view")
        yield Ticker(self.lang, id="ticker")

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self._initial is not None:
            self.show(self._initial)
        else:
            self._header(None)
        if self.animate:
            self.set_interval(1.0, self.query_one(ExamClock).tick)
            self.set_interval(self.page_seconds, self.turn_pages)
            self.set_interval(self.ticker_seconds, self.query_one(Ticker).advance)
            self.set_interval(1.0, self.expire_highlights)
        if self.source is not None:
            self.run_worker(self._follow(), name="source", exclusive=True)

    # --- receiving ------------------------------------------------------------------
    async def _follow(self) -> None:
        from .sources import SourceError

        try:
            async for msg in self.source:
                if msg.get("type") == "status":
                    self.set_link(msg)
                elif msg.get("type") == "public":
                    self.receive(msg)
        except SourceError as exc:
            self.exit(return_code=2, message=exc.text(self.lang))

    def receive(self, msg: dict) -> None:
        """A new public state: shown at once, or coalesced with the next (latest wins)."""
        self._pending = msg
        if self._scheduled:
            return
        wait = self.min_interval - (time.monotonic() - self._last_show)
        self._scheduled = True
        if wait <= 0:
            self.call_later(self._flush)
        else:
            self.set_timer(wait, self._flush)

    def _flush(self) -> None:
        self._scheduled = False
        msg, self._pending = self._pending, None
        if msg is not None:
            self.show(msg)

    def set_link(self, status: dict) -> None:
        """How the link to the source stands (sources.py): while it is down the badge says 连接中断 and the
        line under the title says what happened, the try it is on and its error, until it is back."""
        connected = bool(status.get("connected"))
        line = "" if connected else status_line(status, self.lang)
        if connected != self.connected or line != self.link_line:
            self.connected, self.link_line = connected, line
            self._header(self.state)

    # --- rendering ------------------------------------------------------------------
    @property
    def zone(self) -> tzinfo:
        """The contest's clock: the rules' zone, from the feeder's message (Beijing time until one comes)."""
        return self.state.zone if self.state is not None else zone_named(DEFAULT_ZONE)

    def show(self, msg: dict) -> None:
        """Render one public state now."""
        self._last_show = time.monotonic()
        state = PublicState.parse(msg)
        now = time.monotonic()
        for key in moved_up(self.state, state):
            self.highlight[key] = now + HIGHLIGHT_SECONDS
        self.state = state
        self.shown += 1
        view = state.view if state.view in VIEWS else "individual"
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != view:
            switcher.current = view
        self._header(state)
        self.query_one(f"#{view}", View).update_state(state, Ctx(self.lang, set(self.highlight)))
        self.query_one(Ticker).set_items(ticker_items(state, self.lang))
        self.set_class(view == "ceremony", "-ceremony")

    def expire_highlights(self) -> None:
        """Once a second: rows highlighted for long enough go back to normal."""
        now = time.monotonic()
        kept = {k: t for k, t in self.highlight.items() if t > now}
        if len(kept) == len(self.highlight) or self.state is None:
            return
        self.highlight = kept
        with contextlib.suppress(NoMatches):
            view = self.query_one(ContentSwitcher).current
            self.query_one(f"#{view}", View).update_state(self.state, Ctx(self.lang, set(kept)))

    def _header(self, state: PublicState | None) -> None:
        lang = self.lang
        self.query_one("#title", Static).update(state.title(lang) if state else tr("waiting", lang))
        name = ""
        if state:
            view = state.view if state.view in VIEWS else "individual"
            name = tr(view, lang, group=state.group or "")
        self.query_one("#view-name", Static).update(name)
        at = clock_text(state.standings.get("at"), state.zone) if state else ""
        if at and self.exam:  # the clock shows the exam's time left, so this line says the zone
            at = labelled(at, state.zone, lang)
        self.query_one("#updated", Static).update(
            Text(self.link_line, style="bold #ff5555") if self.link_line else
            Text(tr("updated", lang, at=at) if at else "", style="dim"))
        badge = self.query_one("#badge", Static)
        if not self.connected:
            key = "offline"
        elif state and state.frozen:
            key = "frozen"
        else:
            key = "live"
        badge.update(tr(key, lang))
        badge.set_classes(f"-{key}")

    def turn_pages(self) -> None:
        with contextlib.suppress(NoMatches):
            view = self.query_one(ContentSwitcher).current
            if view:
                for pager in self.query_one(f"#{view}", View).pagers():
                    pager.next_page()


    def text(self) -> str:
        """What the screen shows, as plain text (for tests and diagnostics)."""
        return "\n".join(strip.text for strip in self.screen._compositor.render_strips())


def make_app(public: dict | None = None, **kw) -> ScreenApp:
    """The app factory: `public` is shown first; keywords as `ScreenApp`."""
    return ScreenApp(public, **kw)


def demo_app(url: str, token: str, db: str | None = None, lang: str = "zh", name: str = "big-screen") -> ScreenApp:
    """The screen for `scoreboard demo --screen`: live from the demo's own feeder."""
    from .sources import LiveSource

    return make_app(source=LiveSource(url, token, name), lang=lang)
