"""The judges' console: one Textual app, one screen per module.

Data flows one way. A worker opens the source, folds the snapshot into the
console's own Board replica (in a thread) and then posts every update as a
message; the handlers apply events to the replica at once. A 3 Hz tick
settles the standings and lets the visible screen update the rows that
changed, so a burst of records costs one repaint, not one per record.
"""

from __future__ import annotations

import asyncio
import time
from datetime import tzinfo

from rich.cells import cell_len
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message

from scoreboard.clock import BEIJING, clock_text, contest_zone, is_beijing, labelled, zone_label
from scoreboard.codes import code_label
from scoreboard.events import fmt_points

from .actions import Actions
from .catalogue import msg, translate_bindings
from .dayactions import DayActions
from .replica import Replica
from .source import Chain, Health, Lost, NewEvents, NewQuarantine, Reconnecting, Refused, Resnapshot, Source

TICK_HZ = 3


class ReplicaReady(Message):
    """A folded replica, from the first snapshot or a fresh one."""

    def __init__(self, replica: Replica) -> None:
        super().__init__()
        self.replica = replica


class FeedUpdate(Message):
    """One update from the source. Health reports collapse: only the latest matters."""

    def __init__(self, item) -> None:
        super().__init__()
        self.item = item

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FeedUpdate) and isinstance(self.item, Health) and isinstance(message.item, Health)


class ConsoleApp(DayActions, Actions, App):
    CSS_PATH = "app.tcss"
    TITLE = "赛场计分台"
    ENABLE_COMMAND_PALETTE = True
    MODES = {}  # filled below, once the screens are imported
    BINDINGS = [
        Binding("1", "mode('ranking')", "mode_ranking"),
        Binding("2", "mode('teams')", "mode_teams"),
        Binding("3", "mode('awards')", "mode_awards"),
        Binding("4", "mode('quarantine')", "mode_quarantine", show=False),
        Binding("5", "mode('health')", "mode_health", show=False),
        Binding("6", "mode('audit')", "mode_audit", show=False),
        Binding("7", "mode('control')", "mode_control", show=False),
        Binding("8", "mode('progress')", "mode_progress", show=False),
        Binding("0", "mode('desk')", "mode_desk"),  # on-stage contests only (check_action)
        Binding("question_mark", "help", "help", key_display="?"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, source: Source, lang: str = "zh", clock=time.time, tz: tzinfo | None = None,
                 tick_hz: float = TICK_HZ, theme: str | None = None, mode: str = "ranking"):
        super().__init__()
        self.source = source
        self.lang = lang
        self.clock = clock
        self.tz = tz  # a fixed zone; None (the usual): the contest's clock, from the rules
        self.tick_hz = tick_hz
        self.start_mode = mode
        self.replica: Replica | None = None
        self.lost: str | None = None  # the connection's trouble while it lasts (the header says it)
        self.refused: str | None = None  # why the source refused us for good (the console then ends, exit 2)
        self.results: list[dict] = []  # every command's answer, for tests and the log
        self.title = msg("app_title", lang)
        if theme:
            self.theme = theme
        translate_bindings(self, lang)

    # --- words and numbers ------------------------------------------------------
    def msg(self, key: str, **params) -> str:
        return msg(key, self.lang, **params)

    @property
    def zone(self) -> tzinfo:
        """The contest's clock (the rules' `timezone`), whatever the machine's zone."""
        if self.tz is not None:
            return self.tz
        return contest_zone(self.replica.rules if self.replica is not None else None)

    def fmt_time(self, at: float | None) -> str:
        """HH:MM:SS on the contest's clock: for tables whose header says the zone (`zone_label`)."""
        return clock_text(at, self.zone)

    def stamp(self, at: float | None) -> str:
        """A time on its own, saying its zone: 北京时间 10:36:00."""
        return labelled(clock_text(at, self.zone), self.zone, self.lang)

    def zone_label(self) -> str:
        return zone_label(self.zone, self.lang)

    def time_column(self, width: int = 9) -> tuple[str, str, int]:
        """A table's time column, whose header says the zone: 北京时间 (else 时间（UTC）)."""
        zone, label = self.zone, self.zone_label()
        head = label if is_beijing(zone) else self.msg("at_zone", zone=label)
        return "at", head, max(width, cell_len(head))

    @staticmethod
    def pts(points: int) -> str:
        return fmt_points(points)

    def label(self, zh: str, en: str) -> str:
        return en if self.lang == "en" and en else zh

    def refusal(self, item: dict) -> str:
        """A refused command's result or a quarantine row as a judge reads it: the code's name and the
        message, in Chinese when the server gave one (an older server's rows are English only)."""
        message = item.get("message_zh") if self.lang == "zh" and item.get("message_zh") else item.get("message", "")
        return f"{code_label(item.get('code', ''), self.lang)}：{message}" if self.lang == "zh" else \
            f"{code_label(item.get('code', ''), self.lang)}: {message}"

    def reason_text(self, item: dict) -> str:
        return item.get("message_zh") if self.lang == "zh" and item.get("message_zh") else item.get("message", "")

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications are plain text: they carry reasons, names and the server's messages (plaintext.py)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- life -------------------------------------------------------------------
    async def on_mount(self) -> None:
        await self.action_mode(self.start_mode)
        self.follow()

    def follow(self) -> None:
        """Hook: start following the source (its feed, the 3 Hz settle); the replay moves through its day instead."""
        self.run_worker(self._feed(), name="feed", group="feed", exclusive=True)
        self.set_interval(1 / self.tick_hz, self.tick, name="tick")

    async def _feed(self) -> None:
        """Receive: the snapshot first, then every update, posted as messages. A source that cannot be
        reached is tried again, each try said with its count and error; one that refuses us ends the console."""
        src = self.source
        attempt = 0
        while True:
            try:
                snap = await src.open()
                attempt = 0
                self.post_message(ReplicaReady(await asyncio.to_thread(Replica.build, snap)))
                async for item in src.updates():
                    if isinstance(item, Resnapshot):
                        self.post_message(ReplicaReady(await asyncio.to_thread(Replica.build, item.snapshot)))
                    else:
                        self.post_message(FeedUpdate(item))
                return  # the source ended (closed, or refused us: said above)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - the source failed: say so, try again
                refused = src.refusal(exc)
                if refused is not None:
                    self.post_message(FeedUpdate(refused))
                    return
                error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                if not getattr(src, "reconnects", False):
                    self.post_message(FeedUpdate(Lost(error)))
                    return
                attempt += 1
                delay = min(5.0, 0.25 * 2 ** min(attempt, 5))
                self.post_message(FeedUpdate(Reconnecting(attempt, error, delay)))
                await asyncio.sleep(delay)

    def on_replica_ready(self, message: ReplicaReady) -> None:
        old = self.replica
        self.replica = message.replica
        if old is not None:  # a fresh snapshot keeps what the console learnt about the feed
            self.replica.health = self.replica.health or old.health
            self.replica.chain = self.replica.chain or old.chain
        self.lost = None
        self.show_who()
        self.refresh_bindings()  # the desk's key shows once the rules say there are rounds
        self.refresh_view(force=True)
        self._integrity_notice()

    def _integrity_notice(self) -> None:
        """A file that fails verification is said at once, and stays said (the awards pane, the audit)."""
        chain = self.replica.chain if self.replica else None
        if chain is not None and chain.ok is False and chain.message != getattr(self, "_told_integrity", None):
            self._told_integrity = chain.message
            self.notify(self.msg("chain_bad", message=chain.message), severity="error", timeout=30)

    def on_feed_update(self, message: FeedUpdate) -> None:
        rep, item = self.replica, message.item
        if isinstance(item, Refused):
            key = "refused_unauthorized" if item.code == "unauthorized" else "refused_other"
            self.refused = self.msg(key, code=item.code, message=item.message)
            self.exit(return_code=2)
            return
        if isinstance(item, Lost):
            why = item.why_zh if self.lang == "zh" and item.why_zh else item.why
            self.lost = self.msg("sub_lost", why=why)
            self.notify(self.msg("disconnected", why=why), severity="warning")
            self.show_who()
            return
        if isinstance(item, Reconnecting):
            self.lost = self.msg("sub_retrying", n=item.attempt, retry=item.retry_in, error=item.error)
            self.show_who()
            return
        if rep is None:
            return
        if self.lost is not None:
            self.lost = None
            self.show_who()
        if isinstance(item, NewEvents):
            rep.apply(item.events)
        elif isinstance(item, NewQuarantine):
            rep.add_quarantine(item.items)
        elif isinstance(item, Health):
            rep.health = item
        elif isinstance(item, Chain):
            rep.chain = item
            self._integrity_notice()

    def tick(self) -> None:
        """2–4 times a second: settle the standings and update what the visible screen shows."""
        self.refresh_view()

    def refresh_view(self, force: bool = False) -> None:
        rep = self.replica
        if rep is None or not self.is_running:  # shutting down: screens are losing their widgets
            return
        changed = rep.changed or force
        if rep.changed:
            rep.settle()
        try:
            screen = self.screen
        except Exception:  # noqa: BLE001 - shutting down: no screen left to update
            return
        if hasattr(screen, "refresh_view"):
            screen.refresh_view(changed)

    async def action_mode(self, mode: str) -> None:
        await self.switch_mode(mode)
        self.show_who()
        self.refresh_view(force=True)

    def role_label(self, role: str | None) -> str:
        """裁判, 裁判长, 大屏 (judge, chief judge, screen): a role as people say it."""
        return self.msg(f"role_{role}") if role in ("judge", "chief", "display") else (role or "")

    def show_who(self) -> None:
        """The header's second line: the module, then who this console is (once the source has said: the
        token alone logs in), or the connection's trouble while it lasts."""
        mode = self.current_mode if self.current_mode in self.MODES else self.start_mode
        src = self.source
        if self.lost is not None:
            state = self.lost
        elif self.replica is None:
            state = self.msg("sub_connecting", url=getattr(src, "label", ""))
        else:
            state = f"{self.role_label(src.role)} {src.name or ''}".strip()
        self.sub_title = " · ".join(x for x in (self.msg("mode_" + mode), state) if x)

    def has_rounds(self) -> bool:
        return self.replica is not None and bool(self.replica.rules.rounds)

    def settled_since(self) -> tuple[str, object]:
        """Since when the award list is settled (verdicts.SettledWatch): the search runs in a worker thread
        and the view is refreshed when it answers."""
        rep = self.replica

        def start(job) -> None:
            def run() -> None:
                job()
                self.call_from_thread(self.refresh_view, True)

            self.run_worker(run, thread=True, group="settling", exit_on_error=False)

        return rep.watch.since(rep, rep.certainty().settled, start)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "mode" and parameters and parameters[0] not in self.MODES:
            return False  # an app offers only the screens it has (the replay has no desk)
        if action == "mode" and parameters == ("desk",) and not self.has_rounds():
            return False
        return super().check_action(action, parameters)

    # --- hooks: what this app offers (the replay gives its own, docs/replay.md) ----------------
    def get_system_commands(self, screen):
        """Textual's own entries (theme, keys, screenshot, quit) in the console's language, then the app's."""
        m = self.msg
        yield SystemCommand(m("sys_theme"), m("sys_theme_help"), self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand(m("sys_keys"), m("sys_keys_hide"), self.action_hide_help_panel)
        else:
            yield SystemCommand(m("sys_keys"), m("sys_keys_show"), self.action_show_help_panel)
        yield SystemCommand(m("sys_screenshot"), m("sys_screenshot_help"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))
        yield SystemCommand(m("sys_quit"), m("sys_quit_help"), self.action_quit)
        yield from self.palette_commands(screen)

    def action_command_palette(self) -> None:
        """Textual's palette, its search line in the console's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.msg("palette_search")))

    def palette_commands(self, screen):
        """Hook: this app's entries in the command palette."""
        yield from self.console_commands(screen)
        yield from self.day_commands(screen)
        if "progress" in self.MODES:
            yield SystemCommand(self.msg("mode_progress"), self.msg("p_mode", k=8),
                                lambda: self.run_action("mode('progress')"))
        if self.has_rounds():
            yield SystemCommand(self.msg("mode_desk"), self.msg("p_mode", k=0), lambda: self.run_action("mode('desk')"))

    def help_page(self):
        """Hook: what `?` shows where the screen has no help of its own."""
        from .screens.help import HelpPage

        return HelpPage(self.msg("help"), text=self.msg("help_text"))

    async def on_unmount(self) -> None:
        await self.source.close()


def china_tz() -> tzinfo:
    """Beijing time as a fixed zone, for tests that pin the console's clock."""
    return BEIJING


def make_app(source: Source | None = None, board=None, lang: str = "zh", **kw) -> ConsoleApp:
    """The App factory: a source, or a Board to wrap in an in-memory source."""
    if source is None:
        from .source import MemorySource

        if board is None:
            raise ValueError("give a source or a board")
        source = MemorySource.from_board(board)
    return ConsoleApp(source, lang=lang, **kw)


def _install_modes() -> None:
    from .screens.awards import AwardsScreen
    from .screens.control import ControlScreen
    from .screens.desk import DeskScreen
    from .screens.feedviews import AuditScreen, HealthScreen, QuarantineScreen
    from .screens.progress import ProgressScreen
    from .screens.ranking import RankingScreen
    from .screens.teams import TeamsScreen

    ConsoleApp.MODES = {
        "ranking": RankingScreen,
        "teams": TeamsScreen,
        "awards": AwardsScreen,
        "quarantine": QuarantineScreen,
        "health": HealthScreen,
        "audit": AuditScreen,
        "control": ControlScreen,
        "progress": ProgressScreen,
        "desk": DeskScreen,
    }


_install_modes()
