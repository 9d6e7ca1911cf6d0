"""The replay's controls, shared by the console replay and the big-screen replay: play and pause,
speed, step, seek (keys, the bar, a typed moment), and the jumps that scan the day.

Mixed into an App that has `player` (a `Player`), `lang`, `top_n`, and `show_moment()` (draw the
moment now shown). Moves go through `goto(index)`: the position is applied once per frame (held keys
and mouse drags coalesce). Scans run in thread workers on a timeline of their own, so the board on
screen is only ever touched on the UI thread.

The status line under the bar (`status_keys`), the replay's help and its palette name these keys as
they are bound: each is read from `BINDINGS`, never typed a second time.
"""

from __future__ import annotations

from textual.app import SystemCommand
from textual.binding import Binding

from display.console.catalogue import msg as console_msg
from display.console.screens.help import bound_keys
from scoreboard.timeline import Timeline

from .catalogue import msg
from .player import describe_event

TICK_HZ = 4

BINDINGS = [
    Binding("space", "toggle_play", "play"),
    Binding("plus,equals_sign", "speed(1)", "faster", key_display="+"),
    Binding("minus", "speed(-1)", "slower", key_display="-"),
    Binding("full_stop", "step(1)", "step_fwd", key_display="."),
    Binding("comma", "step(-1)", "step_back", key_display=","),
    Binding("greater_than_sign", "seek_minutes(1)", "seek_fwd", key_display=">", show=False),
    Binding("less_than_sign", "seek_minutes(-1)", "seek_back", key_display="<", show=False),
    Binding("g", "goto_dialog", "goto"),
    Binding("n", "next_top", "next_top"),
    Binding("a", "next_award", "next_award"),
    Binding("x", "exit_top", "exit_top"),
]
# What the status line names, in this order: (the actions, what they do).
STATUS = [
    (("toggle_play",), "hint_play"),
    (("speed(1)", "speed(-1)"), "hint_speed"),
    (("step(-1)", "step(1)"), "hint_step"),
    (("seek_minutes(-1)", "seek_minutes(1)"), "hint_minute"),
    (("goto_dialog",), "hint_goto"),
    (("next_top",), "hint_top"),
    (("next_award",), "hint_award"),
    (("exit_top",), "hint_exit"),
]
KEY_NAMES = {"space": ("空格", "Space")}  # keys whose footer name is a word, in the replay's language


class Controls:
    player = None
    top_n = 20
    _pending = False

    # --- moving ------------------------------------------------------------------------
    def goto(self, index: int, clock: float | None = None) -> None:
        self.player.request(index, clock)
        self._schedule()

    def seek_time(self, t: float) -> None:
        self.player.request_time(t)
        self._schedule()

    def seek_fraction(self, f: float) -> None:
        self.seek_time(self.player.at_fraction(f))

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            self.call_later(self._flush)

    def _flush(self) -> None:
        self._pending = False
        self.player.settle()
        self.show_moment()

    def play_tick(self) -> None:
        p = self.player
        if p.playing:
            p.advance(1 / TICK_HZ)
            self._flush()

    # --- key actions -----------------------------------------------------------------------
    def action_toggle_play(self) -> None:
        p = self.player
        if not p.playing and p.position >= len(p):
            p.request(0)
        p.playing = not p.playing
        self._flush()

    def action_speed(self, direction: int) -> None:
        self.player.faster(direction)
        self.show_bar()

    def action_step(self, n: int) -> None:
        p = self.player
        p.playing = False
        self.goto(p.target + n)

    def action_seek_minutes(self, minutes: int) -> None:
        self.player.playing = False
        self.seek_time(self.player.clock + 60 * minutes)

    def action_goto_dialog(self) -> None:
        from .goto import GotoDialog

        def done(index) -> None:
            if index is not None:
                self.player.playing = False
                self.goto(index)

        self.push_screen(GotoDialog(), done)

    # --- scans (thread workers on their own timeline) ----------------------------------------
    def _scratch(self) -> Timeline:
        p = self.player
        return Timeline(p.timeline.rules, p.timeline.contestants, p.events)

    def action_next_top(self) -> None:
        self.player.playing = False
        start, n = self.player.position, self.top_n

        def scan():
            tl = self._scratch()
            tl.seek_index(start)
            return tl.next_top_change(n)

        def done(index) -> None:
            if index is None:
                self.notify(msg("no_top_change", self.lang, n=n))
                return
            self.goto(index)
            self.notify(msg("top_changed", self.lang, n=n, event=self.describe(index - 1)))

        self._scan(scan, done)

    def action_next_award(self) -> None:
        self.player.playing = False
        start = self.player.position

        def scan():
            tl = self._scratch()
            tl.seek_index(start)
            return tl.next_award_change()

        def done(change) -> None:
            if change is None:
                self.notify(msg("no_award_change", self.lang))
                return
            self.goto(change.index)
            self.notify(msg("award_changed", self.lang, award=self.award_label(change.award_id),
                            event=self.describe(change.index - 1)))

        self._scan(scan, done)

    def action_exit_top(self, who: str | None = None) -> None:
        """Go to the next moment the highlighted contestant left the top N (or the last one, if none
        is left after the moment shown), and show why."""
        who = who or self.highlighted_contestant()
        if not who:
            self.notify(msg("pick_contestant", self.lang), severity="warning")
            return
        self.player.playing = False
        start, n = self.player.position, self.top_n

        def scan():
            return self._scratch().top_exits(who, n)

        def done(exits) -> None:
            p = self.player
            span = p.timeline.end - p.timeline.start or 1.0
            self.exit_marks([(e.at - p.timeline.start) / span for e in exits])
            if not exits:
                self.notify(msg("never_left", self.lang, who=who, n=n))
                return
            after = [e for e in exits if e.index > start]
            chosen = after[0] if after else exits[-1]
            k = exits.index(chosen) + 1
            self.goto(chosen.index)
            self.notify(msg("left_top", self.lang, who=who, k=k, count=len(exits), n=n, before=chosen.rank_before,
                            after=chosen.rank_after, event=self.describe(chosen.index - 1)), timeout=12)
            self.explain_exit(who, chosen)

        self._scan(scan, done)

    def _scan(self, fn, done) -> None:
        def work():
            result = fn()
            self.call_from_thread(done, result)

        self.notify(msg("scanning", self.lang), timeout=2)
        self.run_worker(work, thread=True, group="scan", exclusive=True, exit_on_error=False)

    # --- its keys, as bound: the status line, help, the palette ------------------------------
    def keys(self, *actions: str) -> str:
        shown = bound_keys(self, self._bindings, *actions)
        names = KEY_NAMES.get(shown)
        return (names[1] if self.lang == "en" else names[0]) if names else shown

    def status_keys(self) -> list[tuple[str, str]]:
        """(keys, what they do) for the line under the bar; `?` help when the app has it."""
        out = [(self.keys(*actions), msg(word, self.lang)) for actions, word in STATUS]
        if any(b.action == "help" for bs in self._bindings.key_to_bindings.values() for b in bs):
            out.append((self.keys("help"), msg("help", self.lang)))
        return out

    def control_commands(self):
        """The controls by name, for the command palette."""
        for b in BINDINGS:
            yield SystemCommand(msg(b.description, self.lang), console_msg("p_key", self.lang, k=self.keys(b.action)),
                                lambda action=b.action: self.run_action(action))

    # --- words ---------------------------------------------------------------------------
    def describe(self, index: int) -> str:
        return describe_event(self.player, index, self.lang, self.fmt_time)

    def award_label(self, award_id: str) -> str:
        rules = self.player.timeline.rules
        a = next((a for a in rules.awards + rules.advancement if a.id == award_id), None)
        if a is None:
            return award_id
        return a.label_en if self.lang == "en" and a.label_en else a.label

    # --- hooks the apps fill in -------------------------------------------------------------
    def show_moment(self) -> None:  # pragma: no cover - each app draws its own
        raise NotImplementedError

    def show_bar(self) -> None:
        for bar in self.query_bars():
            bar.refresh()

    def query_bars(self):
        from .bar import TimelineBar

        try:
            return list(self.screen.query(TimelineBar))
        except Exception:  # noqa: BLE001 - between screens
            return []

    def exit_marks(self, fractions: list[float]) -> None:
        self.exit_fractions = fractions
        for bar in self.query_bars():
            bar.set_marks(exits=fractions)

    def highlighted_contestant(self) -> str | None:
        return None

    def explain_exit(self, who: str, exit_) -> None:
        pass
