"""The judges' dialogs: settle a tie, give a reason (confirm, lock, unlock,
freeze, revoke), assign a judge-awarded prize. Each returns the judge's
answer, or None when cancelled; nothing is sent from here."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from scoreboard.events import fmt_points

from ...plaintext import options
from ..catalogue import translate_bindings


class Dialog(ModalScreen):
    """A dialog's fields scroll when they do not fit; in a short terminal (below `SHORT` rows) its inputs,
    selects and buttons go without borders (Textual's `compact`), so that 24 rows show a whole dialog."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]
    SHORT = 30

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self, self.app.lang)

    def m(self, key: str, **kw) -> str:
        return self.app.msg(key, **kw)

    def on_resize(self, event: events.Resize) -> None:
        short = event.size.height < self.SHORT
        for widget in self.query("Input, Select, Button"):
            widget.compact = short

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(self.m("ok"), variant="primary", id="ok")
            yield Button(self.m("cancel"), id="cancel")

    def error(self, text: str) -> None:
        self.query_one("#error", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(None)
        elif event.button.id == "ok":
            self.submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class TieDialog(Dialog):
    """Order the tied (a play-off's result), let them share, or draw lots; a reason is required."""

    def __init__(self, tie, seed: str) -> None:
        super().__init__()
        self.tie = tie
        self.seed = seed

    def compose(self) -> ComposeResult:
        rep, app, tie = self.app.replica, self.app, self.tie
        spec = rep.rules.award(tie.award_id)
        group = f"（{tie.group}）" if tie.group else ""
        with VerticalScroll(id="dialog"):
            yield Label(self.m("tie_title", award=app.label(spec.label, spec.label_en), group=group), classes="title",
                        markup=False)
            yield Static(self.m("tie_room", room=tie.room), markup=False)
            lines = []
            for x in tie.tied:
                r = rep.st.by_exam.get(x) if rep.st else None
                lines.append(f"  {x} {r.name} {r.team} {fmt_points(r.total)}" if r else f"  {x}")
            yield Static("\n".join(lines), id="tied", markup=False)
            yield Label(self.m("outcome"), markup=False)
            yield Select([(self.m(f"outcome_{o}"), o) for o in ("order", "share", "lots")], value="order",
                         allow_blank=False, id="outcome")
            yield Label(self.m("order_hint"), id="order_label", markup=False)
            yield Input(",".join(tie.tied), id="order")
            yield Label(self.m("seed"), id="seed_label", markup=False)
            yield Input(self.seed, id="seed")
            yield Label(self.m("reason"), markup=False)
            yield Input(id="reason")
            yield Static(id="error", classes="warn", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self._show("order")
        self.query_one("#reason", Input).focus()

    def _show(self, outcome: str) -> None:
        for wid in ("#order_label", "#order"):
            self.query_one(wid).display = outcome == "order"
        for wid in ("#seed_label", "#seed"):
            self.query_one(wid).display = outcome == "lots"

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show(str(event.value))

    def answer(self):
        """The decision's data and reason, or a message saying what is missing."""
        outcome = self.query_one("#outcome", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        tie = self.tie
        data = {"award": tie.award_id, "group": tie.group, "tied": list(tie.tied), "outcome": outcome}
        if outcome == "order":
            order = [s.strip() for s in self.query_one("#order", Input).value.replace("，", ",").split(",") if s.strip()]
            if sorted(order) != sorted(tie.tied):
                return self.m("bad_order")
            data["order"] = order
        elif outcome == "lots":
            data["seed"] = self.query_one("#seed", Input).value.strip() or self.seed
        if not reason:
            return self.m("need_reason")
        return data, reason

    def submit(self) -> None:
        result = self.answer()
        if isinstance(result, str):
            self.error(result)
        else:
            self.dismiss(result)


class ReasonDialog(Dialog):
    """A yes/no with a reason; returns the reason ('' allowed unless required)."""

    def __init__(self, title: str, body: str, required: bool, default: str = "") -> None:
        super().__init__()
        self.title_text, self.body, self.required, self.default = title, body, required, default

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(self.title_text, classes="title", markup=False)
            if self.body:
                yield Static(self.body, markup=False)
            yield Label(self.m("reason") if self.required else self.m("reason_opt"), markup=False)
            yield Input(self.default, id="reason")
            yield Static(id="error", classes="warn", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def submit(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if self.required and not reason:
            self.error(self.m("need_reason"))
            return
        self.dismiss(reason)


class AssignDialog(Dialog):
    """A judge-assigned award (优秀组织奖): which award, to whom, and why."""

    def __init__(self, specs, replica) -> None:
        super().__init__()
        self.specs = specs
        self.replica = replica

    def compose(self) -> ComposeResult:
        app = self.app
        spec = self.specs[0]
        with VerticalScroll(id="dialog"):
            yield Label(self.m("assign_title", award=app.label(spec.label, spec.label_en)), classes="title",
                        markup=False)
            yield Select(options((app.label(s.label, s.label_en), s.id) for s in self.specs), value=spec.id,
                         allow_blank=False, id="award")
            yield Label(self.m("assign_to"), markup=False)
            yield Select(self._recipients(spec), id="recipient", prompt="—")
            yield Label(self.m("reason"), markup=False)
            yield Input(id="reason")
            yield Static(id="error", classes="warn", markup=False)
            yield from self.buttons()

    def _recipients(self, spec):
        rules, app = self.replica.rules, self.app
        if spec.scope == "team":
            return options((app.label(t.name, t.name_en), t.name) for t in rules.teams)
        return options((f"{c.exam_no} {c.name}", c.exam_no) for c in self.replica.board.contestants.values())

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "award":
            spec = self.replica.rules.award(str(event.value))
            self.query_one("#recipient", Select).set_options(self._recipients(spec))

    def submit(self) -> None:
        award = self.query_one("#award", Select).value
        recipient = self.query_one("#recipient", Select).value
        reason = self.query_one("#reason", Input).value.strip()
        if not isinstance(recipient, str):
            self.error(self.m("assign_to") + "?")
            return
        if not reason:
            self.error(self.m("need_reason"))
            return
        self.dismiss((award, recipient, reason))
