"""Driving the big screen: its view, the freeze (封榜), its 确定获奖 marks, the ceremony's steps.
Every button sends a command; the state shown is what the log says."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Header, Select, Static

from ...plaintext import options
from .base import ConsoleScreen
from .footer import ConsoleFooter

VIEW_KEYS = {"individual": "view_individual", "team": "view_teamv", "group": "view_groupv",
             "awards": "view_awards", "latest": "view_latest", "ceremony": "view_ceremony",
             "stage": "view_stage"}  # stage: on-stage contests only


class ControlScreen(ConsoleScreen):
    CSS_PATH = "control.tcss"
    BINDINGS = [
        Binding("i", "app.screen_view('individual')", "view_individual"),
        Binding("t", "app.screen_view('team')", "view_teamv"),
        Binding("g", "app.screen_view('group')", "view_groupv"),
        Binding("a", "app.screen_view('awards')", "view_awards"),
        Binding("n", "app.screen_view('latest')", "view_latest"),
        Binding("e", "app.screen_view('ceremony')", "view_ceremony"),
        Binding("s", "app.screen_view('stage')", "view_stage"),
        Binding("f", "app.freeze", "freeze"),
        Binding("F", "app.unfreeze", "unfreeze", key_display="⇧F"),
        Binding("m", "app.mark_certain", "key_mark_certain"),
        Binding("right", "app.ceremony(1)", "ceremony_next", key_display="→"),
        Binding("left", "app.ceremony(-1)", "ceremony_prev", key_display="←"),
    ]

    groups_filled = False

    def compose(self) -> ComposeResult:
        m = self.m
        yield Header()
        yield Static(id="screen_state", classes="title", markup=False)
        with Horizontal(classes="bar"):
            for view, key in VIEW_KEYS.items():
                yield Button(m(key), id=f"view-{view}")
        with Horizontal(classes="bar"):
            yield Static(m("group_for_screen"), classes="label", markup=False)
            yield Select([], id="screen_group", allow_blank=True, prompt="—")
        with Horizontal(classes="bar"):
            yield Button(m("freeze"), id="freeze", variant="warning")
            yield Button(m("unfreeze"), id="unfreeze")
            yield Button(m("mark_certain"), id="mark_certain")
            yield Button(m("ceremony_prev"), id="ceremony-prev")
            yield Button(m("ceremony_next"), id="ceremony-next", variant="primary")
        yield Static(id="ceremony_hint", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.refresh_view(True)

    def chosen_group(self) -> str | None:
        value = self.query_one("#screen_group", Select).value
        return value if isinstance(value, str) else None

    def refresh_view(self, changed: bool) -> None:
        rep, m = self.replica, self.m
        if not changed or rep is None:
            return
        if not self.groups_filled:  # fill once the rules are known
            self.groups_filled = True
            self.query_one("#screen_group", Select).set_options(options((g, g) for g in rep.rules.groups))
            self.query_one("#view-stage", Button).display = bool(rep.rules.rounds)
        c = rep.board.control
        view = c.view.get("view", "individual")
        label = m(VIEW_KEYS.get(view, "view_individual")) + (f" {c.view['group']}" if c.view.get("group") else "")
        self.query_one("#screen_state", Static).update(
            m("screen_state", view=label, frozen=m("frozen") if c.frozen_at is not None else m("live"),
              marks=m("marks_on") if c.mark_certain else m("marks_off"), step=c.ceremony,
              locked=m("locked_yes") if c.locked else m("locked_no")))
        marks = self.query_one("#mark_certain", Button)
        marks.label = m("mark_certain_off") if c.mark_certain else m("mark_certain")
        marks.variant = "success" if c.mark_certain else "default"
        for v in VIEW_KEYS:
            self.query_one(f"#view-{v}", Button).variant = "success" if v == view else "default"
        self.query_one("#ceremony_hint", Static).update("" if c.locked else m("ceremony_needs_lock"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        app = self.app
        if bid.startswith("view-"):
            app.action_screen_view(bid[5:])
        elif bid == "freeze":
            app.action_freeze()
        elif bid == "unfreeze":
            app.action_unfreeze()
        elif bid == "mark_certain":
            app.action_mark_certain()
        elif bid == "ceremony-next":
            app.action_ceremony(1)
        elif bid == "ceremony-prev":
            app.action_ceremony(-1)
