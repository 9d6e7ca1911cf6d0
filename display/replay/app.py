"""`scoreboard replay DB`: the judges' console, fed from the day's log through a `Timeline`
instead of the feeder.

`ReplayApp` is the console's App with its feed replaced: the replica is a view of the timeline's
board (`ReplayReplica`), the console's screens carry the timeline bar, and the keys of `Controls`
move through the day. Two screens are the replay's own: history charts (4) and the award changes
of the whole day (5). `make_app` builds it from a database file or from events in memory.

What differs from the console goes through the console's hooks, not around them: `follow` (no feed,
no 3 Hz settle: the replay moves through its day), `SENDS_COMMANDS = False` (no key offers a judge's
command), `palette_commands` and `help_page` (its own modes, controls and keys).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import SystemCommand
from textual.binding import Binding

from display.console.app import ConsoleApp
from display.console.screens.help import bound_keys
from display.console.screens.detail import DetailScreen
from display.console.source import Source
from scoreboard.clock import contest_zone

from . import controls
from .catalogue import msg, translate_bindings
from .controls import TICK_HZ, Controls
from .player import Day, Player, read_day
from .replica import ReplayReplica

HERE = Path(__file__).parent


class ReplaySource(Source):
    """Read-only: nothing is ever sent (and the replay offers no judge's command: `ReplayApp.SENDS_COMMANDS`)."""

    can_command = False

    def __init__(self, label: str, lang: str):
        self.label = label
        self.role = msg("source_role", lang)
        self.name = label


class ReplayApp(Controls, ConsoleApp):
    CSS_PATH = [Path(__file__).parent.parent / "console" / "app.tcss", HERE / "app.tcss"]
    MODES = {}
    SENDS_COMMANDS = False  # a replay never writes
    BINDINGS = [
        Binding("1", "mode('ranking')", "mode_ranking"),
        Binding("2", "mode('teams')", "mode_teams"),
        Binding("3", "mode('awards')", "mode_awards"),
        Binding("4", "mode('history')", "mode_history"),
        Binding("5", "mode('changes')", "mode_changes"),
        Binding("6", "mode('audit')", "mode_audit", show=False),
        Binding("7", "mode('quarantine')", "mode_quarantine", show=False),
        *controls.BINDINGS,
    ]

    def __init__(self, day: Day, lang: str = "zh", speed: float = 60.0, start: int = 0, top_n: int | None = None,
                 tz=None, theme: str | None = None, scans: bool = True):
        self.day = day
        self.player = Player(day.rules, day.contestants, day.events, speed)
        self.top_n = top_n or default_top_n(day.rules)
        self.scans = scans  # start the day-long scans (rank table) on mount; tests may turn them off
        self.award_fractions: list[float] = []
        self.exit_fractions: list[float] = []
        super().__init__(ReplaySource(Path(day.path).name if day.path else "memory", lang), lang=lang,
                         tz=tz or contest_zone(day.rules), theme=theme)
        self.title = msg("app_title", lang)
        translate_bindings(self, lang)
        self.player.request(start)
        self.player.settle()
        self.replica = ReplayReplica(self.player, self.day.quarantine, self.day.chain)
        self.replica.settle()

    def msg(self, key: str, **params) -> str:
        """The console's words, and the replay's own for what the console has none of."""
        from display.console.catalogue import M as CONSOLE

        return super().msg(key, **params) if key in CONSOLE else msg(key, self.lang, **params)

    # --- life: the console's hook -------------------------------------------------------------
    def follow(self) -> None:
        """Not the console's feed and 3 Hz settle: the replay settles on each move through the day."""
        self.set_interval(1 / TICK_HZ, self.play_tick, name="play")
        if self.scans:
            self.run_worker(self._rank_table, thread=True, group="rank_table", exit_on_error=False)

    def _rank_table(self) -> None:
        """Everyone's rank at 200 moments of the day, for the contestant's rank chart."""
        p = self.player
        tl = self._scratch()
        table = tl.rank_history([c.exam_no for c in p.timeline.contestants], samples=200)
        self.call_from_thread(setattr, self.replica.rank_hist, "table", table)

    def show_moment(self) -> None:
        self.refresh_view()
        self.show_bar()

    def refresh_view(self, force: bool = False) -> None:
        super().refresh_view(force)
        self.show_bar()

    # --- the console's hooks: what the replay offers ------------------------------------------
    def palette_commands(self, screen):
        """Its own screens and controls by name; none of the judges' actions, the big screen or the desk."""
        for b in self.BINDINGS:
            if b.action.startswith("mode("):
                mode = b.action[len("mode('"):-2]
                yield SystemCommand(self.msg(f"mode_{mode}"), self.msg("p_mode", k=b.key),
                                    lambda action=b.action: self.run_action(action))
        yield from self.control_commands()
        yield SystemCommand(self.msg("help"), self.msg("p_help"), self.action_help)

    def help_page(self):
        from display.console.screens.help import HelpPage, palette_key
        from display.console.screens.ranking import RankingScreen

        m, k = self.msg, self.keys
        modes = [b for b in self.BINDINGS if b.action.startswith("mode(")]
        rows = [(k(*(b.action for b in modes)).replace("/", " "),
                 m("rh_modes", modes=("、" if self.lang == "zh" else ", ").join(m(b.description) for b in modes)))]
        rows += [(k(*actions), m(word)) for actions, word in (
            (("toggle_play",), "rh_play"), (("speed(1)", "speed(-1)"), "rh_speed"), (("step(-1)", "step(1)"), "rh_step"),
            (("seek_minutes(-1)", "seek_minutes(1)"), "rh_minute"), (("goto_dialog",), "rh_goto"),
            (("next_top",), "rh_top"), (("next_award",), "rh_award"), (("exit_top",), "rh_exit"), (("help",), "rh_help"))]
        rows += [(palette_key(self), m("rh_palette")), (k("quit"), m("rh_quit"))]
        search = bound_keys(self, RankingScreen.BINDINGS, "search")
        return HelpPage(m("help_title"), tuple(rows), m("rh_text", search=search,
                                                         back=bound_keys(self, RankingScreen.BINDINGS, "leave_search")))

    def highlighted_contestant(self) -> str | None:
        screen = self.screen
        exam_no = getattr(screen, "exam_no", None)
        if exam_no:
            return exam_no
        for name in ("sync", "members"):
            sync = getattr(screen, name, None)
            key = sync.key_at_cursor() if sync is not None else None
            if key and key in self.player.board.contestants:
                return key
        return None

    def explain_exit(self, who: str, exit_) -> None:
        """Open the contestant at the moment they left the top N, with the event that moved them."""
        from .screens import ReplayDetailScreen

        def open_detail() -> None:
            self.push_screen(ReplayDetailScreen(who, self.describe(exit_.index - 1)))

        self.call_later(open_detail)

    def push_screen(self, screen, *args, **kwargs):
        """The console's screens open its own contestant screen; here it gets the timeline bar."""
        from .screens import ReplayDetailScreen

        if isinstance(screen, DetailScreen) and not isinstance(screen, ReplayDetailScreen):
            screen = ReplayDetailScreen(screen.exam_no)
        return super().push_screen(screen, *args, **kwargs)


def default_top_n(rules) -> int:
    """The first individual top-N award's count (人社知识通: 20 in Fujian), else 10."""
    for a in rules.awards:
        if a.kind == "top":
            return a.count
    return 10


def make_app(path: str | None = None, day: Day | None = None, **kw) -> ReplayApp:
    """The App factory: a database file, or a `Day` already read (tests build one in memory)."""
    if day is None:
        day = read_day(path)
    return ReplayApp(day, **kw)


def memory_day(rules, contestants, events, quarantine=(), path: str = "") -> Day:
    return Day(path, rules, list(contestants), list(events), list(quarantine), (None, "", 0))


def demo_app(url: str, token: str, db: str | None = None, lang: str = "zh", **_kw):
    """`scoreboard demo --replay`: the demo's database as it stands when the replay opens."""
    return make_app(db, lang=lang)


def _install_modes() -> None:
    from .changes import ChangesScreen
    from .history import HistoryScreen
    from .screens import (ReplayAuditScreen, ReplayAwardsScreen, ReplayQuarantineScreen, ReplayRankingScreen,
                          ReplayTeamsScreen)

    ReplayApp.MODES = {
        "ranking": ReplayRankingScreen,
        "teams": ReplayTeamsScreen,
        "awards": ReplayAwardsScreen,
        "history": HistoryScreen,
        "changes": ChangesScreen,
        "audit": ReplayAuditScreen,
        "quarantine": ReplayQuarantineScreen,
    }


_install_modes()
