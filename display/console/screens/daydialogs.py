"""The dialogs of the changes on the day: 取消成绩, 恢复成绩, 缺考/弃权, 更正 (`ChangeDialog`) and
替补上场 (`SubstituteDialog`). Each returns (data, reason) for the judges' command, or None when
cancelled; nothing is sent from here, and whether it may be done is the server's answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from scoreboard.events import fmt_points

from ...plaintext import options, plain
from .base import note_text
from .dialogs import Dialog


def describe(app, exam_no: str) -> str:
    """One line about a contestant as the board has them now: name, team, unit, and rank or status."""
    rep = app.replica
    c = rep.board.contestants.get(exam_no)
    if c is None:
        return app.msg("day_unknown", exam_no=exam_no)
    row = rep.st.by_exam.get(exam_no) if rep.st else None
    rank = app.msg("day_rank", rank=row.rank, total=fmt_points(row.total)) if row and not row.status else ""
    note = note_text(rep.st, row, app.lang, rep.rules) if row else ""  # 取消成绩, 缺考/弃权, 替补上场……
    return " · ".join(x for x in (f"{c.exam_no} {c.name}", c.team, c.unit, rank, note) if x)


class ChangeDialog(Dialog):
    """取消成绩, 恢复成绩, 缺考/弃权 or 更正 for one contestant, with a reason (required)."""

    def __init__(self, kind: str, exam_no: str | None) -> None:
        super().__init__()
        self.kind = kind
        self.exam_no = exam_no or ""

    def compose(self) -> ComposeResult:
        rules = self.app.replica.rules
        with VerticalScroll(id="dialog"):  # a contest may declare many flags
            yield Label(self.m(f"{self.kind}_title"), classes="title", markup=False)
            yield Static(self.m(f"{self.kind}_body"), markup=False)
            yield Label(self.m("exam_no"), markup=False)
            yield Input(self.exam_no, id="exam_no")
            yield Static(id="who", markup=False)
            if self.kind == "correct":
                yield Label(self.m("name"), markup=False)
                yield Input(id="name")
                yield Label(self.m("unit"), markup=False)
                yield Input(id="unit")
                forbid = [f.id for f in rules.flags if f.id in rules.forbid]
                yield Label(self.m("day_flags") + (self.m("day_flag_forbid") if forbid else ""), markup=False)
                for f in rules.flags:  # a long label is cut at the dialog's edge: its mark comes first
                    mark = "⚠ " if f.id in forbid else ""
                    yield Checkbox(plain(mark + self.app.label(f.label, f.label_en)), id=f"flag-{f.id}", compact=True)
            yield Label(self.m("reason"), markup=False)
            yield Input(id="reason")
            yield Static(id="error", classes="warn", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self._fill(self.exam_no)
        self.query_one("#reason" if self.exam_no else "#exam_no", Input).focus()

    def contestant(self):
        return self.app.replica.board.contestants.get(self.query_one("#exam_no", Input).value.strip())

    def _fill(self, exam_no: str) -> None:
        """Show who it is; a correction starts from what the board has now."""
        exam_no = exam_no.strip()
        self.query_one("#who", Static).update(describe(self.app, exam_no) if exam_no else "")
        c = self.app.replica.board.contestants.get(exam_no)
        if self.kind != "correct" or c is None:
            return
        self.query_one("#name", Input).value = c.name
        self.query_one("#unit", Input).value = c.unit
        for f in self.app.replica.rules.flags:
            self.query_one(f"#flag-{f.id}", Checkbox).value = c.has(f.id)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "exam_no":
            self._fill(event.value)

    def answer(self):
        """The command's data and the reason, or a message saying what is missing."""
        c = self.contestant()
        if c is None:
            return self.m("day_pick")
        data: dict = {"exam_no": c.exam_no}
        if self.kind == "correct":
            for key in ("name", "unit"):
                value = self.query_one(f"#{key}", Input).value.strip()
                if value and value != getattr(c, key):
                    data[key] = value
            flags = {}
            for f in self.app.replica.rules.flags:
                on = self.query_one(f"#flag-{f.id}", Checkbox).value
                if on != c.has(f.id):
                    flags[f.id] = on
            if flags:
                data["flags"] = flags
            if len(data) == 1:
                return self.m("day_nothing")
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            return self.m("need_reason")
        return data, reason

    def submit(self) -> None:
        result = self.answer()
        if isinstance(result, str):
            self.error(result)
        else:
            self.dismiss(result)


class SubstituteDialog(Dialog):
    """替补上场: the team, the member who leaves, the team's substitute who plays instead, the round from which
    (only those who may: the out member plays from that round, the substitute does not yet)."""

    def __init__(self, exam_no: str | None) -> None:
        super().__init__()
        self.exam_no = exam_no

    def compose(self) -> ComposeResult:
        app, rules = self.app, self.app.replica.rules
        board = app.replica.board
        picked = board.contestants.get(self.exam_no) if self.exam_no else None
        team = picked.team if picked else rules.teams[0].name
        current = (board.stage.current or {}).get("round") if board.stage else None
        rnd = current if current in [r.id for r in rules.rounds] else rules.rounds[0].id
        with VerticalScroll(id="dialog"):  # many choices: it scrolls in a short terminal
            yield Label(self.m("substitute_title"), classes="title", markup=False)
            yield Static(self.m("substitute_body"), markup=False)
            yield Label(self.m("team"), markup=False)
            yield Select(options((app.label(t.name, t.name_en), t.name) for t in rules.teams), value=team,
                         allow_blank=False, id="team")
            yield Label(self.m("sub_round"), markup=False)
            yield Select(options((app.label(r.label, r.label_en), r.id) for r in rules.rounds), value=rnd,
                         allow_blank=False, id="round")
            yield Label(self.m("sub_out"), markup=False)
            yield Select([], id="out", prompt="—")
            yield Label(self.m("sub_in"), markup=False)
            yield Select([], id="in", prompt="—")
            yield Label(self.m("reason"), markup=False)
            yield Input(id="reason")
            yield Static(id="error", classes="warn", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self._choices()
        self.query_one("#reason", Input).focus()

    def _choices(self) -> None:
        """Who may go out (playing from that round) and who may come in (the team's others)."""
        board = self.app.replica.board
        team = self.query_one("#team", Select).value
        rnd = self.query_one("#round", Select).value
        playing = board.playing(team, rnd)
        bench = [c.exam_no for c in board.contestants.values() if c.team == team and c.exam_no not in playing]
        names = board.contestants
        for wid, people in (("#out", playing), ("#in", bench)):
            sel = self.query_one(wid, Select)
            sel.set_options(options((f"{e} {names[e].name}", e) for e in people))
            if self.exam_no in people:
                sel.value = self.exam_no
            elif wid == "#in" and len(people) == 1:  # the team's one substitute
                sel.value = people[0]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("team", "round"):
            self._choices()

    def submit(self) -> None:
        out, inn = self.query_one("#out", Select).value, self.query_one("#in", Select).value
        if not isinstance(out, str) or not isinstance(inn, str):
            self.error(self.m("sub_pick"))
            return
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.error(self.m("need_reason"))
            return
        self.dismiss(({"out": out, "in": inn, "from_round": self.query_one("#round", Select).value}, reason))
