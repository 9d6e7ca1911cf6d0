"""What every console screen shares: translated footer labels, a status line,
and the helpers that turn core values into cells."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen

from scoreboard.changes import status_label, sub_note
from scoreboard.events import fmt_duration, fmt_points

from ..catalogue import translate_bindings


# The changes on the day, on the screens that show a contestant (the app's DayActions hide what cannot be done)
DAY_BINDINGS = [
    Binding("x", "app.disqualify", "key_disqualify"),
    Binding("X", "app.reinstate", "key_reinstate", key_display="⇧X", show=False),  # in help and the palette
    Binding("w", "app.withdraw", "key_withdraw"),
    Binding("e", "app.correct", "key_correct"),
    Binding("t", "app.substitute", "key_substitute"),
]


class ConsoleScreen(Screen):
    """A screen that the app's tick asks to `refresh_view(changed)`.

    Its class says how wide and tall the terminal is, for the stylesheets: `-narrow` below 100 columns
    (an 80×24 terminal), `-short` below 30 rows."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self, self.app.lang)

    def m(self, key: str, **params) -> str:
        return self.app.msg(key, **params)

    @property
    def colon(self) -> str:
        """Between a label and its text in a detail line: 依据：…, Why: …"""
        return ": " if self.app.lang == "en" else "："

    @property
    def replica(self):
        return self.app.replica

    def on_screen_resume(self) -> None:
        if self.replica is not None:
            self.refresh_view(True)

    def refresh_view(self, changed: bool) -> None:  # pragma: no cover - each screen has its own
        pass

    def help_page(self):
        """Hook: a screen whose keys are its own (the desk) gives its own help; None: the app's."""
        return None


def fmt_time_used(seconds: float | None) -> str:
    return fmt_duration(seconds)


def fmt_move(move: int) -> Text:
    if move > 0:
        return Text(f"↑{move}", style="bold green")
    if move < 0:
        return Text(f"↓{-move}", style="bold red")
    return Text("")


def right(text: str) -> Text:
    return Text(text, justify="right")


def points_cell(points: int) -> Text:
    return right(fmt_points(points))


def rank_cell(value) -> Text:
    """A rank, or in its place why the contestant has none (取消, 缺考: a `str`), in red."""
    if isinstance(value, str):
        return Text(value, style="bold red", justify="right")
    return right(str(value))


def rank_value(row, lang: str, group: bool = False):
    """What a list shows in the rank column: the rank, or 取消/缺考 for a contestant voided on the day."""
    if row.status:
        return status_label(row.status, lang)
    return row.group_rank if group else row.rank


def note_text(st, row, lang: str, rules=None, short: bool = False) -> str:
    """Why a row is as it is: 取消成绩, 不符合参赛资格, 缺考/弃权; 替补上场（替ST0003，自风险题起）, the round by
    its label when `rules` are given; `short` for a list's note column: 替补（替ST0003）, 被替补（ST0007）."""
    sub = st.subs.get(row.exam_no)
    if sub and short:
        zh = lang == "zh"
        sub_text = (f"替补（替{sub['other']}）" if zh else f"sub for {sub['other']}") if sub["role"] == "in" else \
            (f"被替补（{sub['other']}）" if zh else f"replaced by {sub['other']}")
    else:
        sub_text = sub_note(sub, lang)  # the round by its name: the standings carry it
    parts = [status_label(row.status, lang, long=True), sub_text]
    return ("；" if lang == "zh" else "; ").join(p for p in parts if p)


def certainty_said(screen, cert) -> str:
    """What a status line says of certainty: that the whole list is settled (since when, once known: the time
    on the contest's clock, whose label the line already gives), or that it cannot be told (no paper
    declared); nothing while the list is open, or for an on-stage contest (`cert` None). Short, so that an
    80-column status line holds it whole."""
    if cert is None:
        return ""
    if not cert.known:
        return screen.m("cert_unknown")
    if not cert.settled:
        return ""
    state, ev = screen.app.settled_since()
    if state == "yes":
        return screen.m("cert_settled_since", at=screen.app.fmt_time(ev.at)) if ev is not None else \
            screen.m("cert_settled_start")
    return screen.m("cert_settled")
