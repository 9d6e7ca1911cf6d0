"""Certainty as the console shows it: a verdict per row, the filter over verdicts, and since when the award
list is settled.

The core (scoreboard/certainty.py) says, for every award, who is certain, possible or out. The console's
screens need one verdict per row:

* the **awards** pane: the row's own award (is this holder certain of it?);
* the **ranking**: the first individual prize of the rules (in their order, the judges' own and the
  advancement lists aside) that the contestant is not out of, with its name: `确定 全省“人社知识通”`,
  `可能 全省“岗位练兵明星”`; `无望` when they are out of every one. So a contestant out of reach of 人社知识通
  who can still be a 岗位练兵明星 reads 可能, not 无望: 无望 means no individual prize at all.

`SettledWatch` finds since when the list is settled with the core's own search (scoreboard/settling.py),
in a worker thread over the events the console has folded, and keeps the answer for as long as it holds.
"""

from __future__ import annotations

from rich.text import Text

from scoreboard.settling import UNSETTLING, settled_position
from scoreboard.timeline import Timeline

VERDICTS = ("certain", "possible", "out")
FILTERS = ("all", *VERDICTS)
STYLE = {"certain": "bold green", "possible": "yellow", "out": "dim"}


def prizes(rules) -> list:
    """The individual prizes the marks decide, in the rules' order (what the ranking's column looks at)."""
    return [a for a in rules.awards if a.kind != "judge" and a.kind != "team"]


def ranking_verdicts(rules, cert) -> dict[str, tuple[str, str | None]]:
    """Exam number -> (verdict, award id) for the ranking's column: the first prize not out of reach
    (module docstring); a contestant in none of them is ("out", None)."""
    out: dict[str, tuple[str, str | None]] = {}
    for spec in prizes(rules):
        ac = cert.awards.get(spec.id)
        if ac is None:
            continue
        for verdict in ("certain", "possible"):
            for x in getattr(ac, verdict):
                out.setdefault(x, (verdict, spec.id))
    return out


def verdict_text(verdict: str, lang: str, award: str = "") -> Text:
    """确定, 可能, 无望 (certain, possible, out), coloured; with the award's name after it when given."""
    word = {"zh": {"certain": "确定", "possible": "可能", "out": "无望"},
            "en": {"certain": "certain", "possible": "possible", "out": "out"}}["en" if lang == "en" else "zh"]
    text = Text(word[verdict], style=STYLE[verdict])
    if award:
        text.append(" " + award)
    return text


def applies(rules) -> bool:
    """Certainty is about a written paper: an on-stage contest has none, and the console says nothing of it."""
    return not rules.rounds


class SettledWatch:
    """Since when the award list is settled (the first position from which no award the marks decide has
    anyone left possible, through the end of the log).

    The search (scoreboard/settling.py) folds the log again, so it runs in a worker thread, once: between
    two events that can unsettle the list marks only narrow each range, so a list found settled at position
    p and settled now, with no unsettling event since the search, is still settled since p."""

    def __init__(self) -> None:
        self.seen: set[tuple[str, str]] = set()  # (contestant, item) marked in the events scanned
        self.scanned = 0  # events scanned for unsettling ones
        self.last_barrier = 0  # position just after the last unsettling event scanned
        self.answer: tuple[int, int | None, object] | None = None  # (last barrier, position, its event) found
        self.running = False

    def scan(self, events) -> None:
        for i in range(self.scanned, len(events)):
            ev = events[i]
            if ev.kind == "result":
                key = (ev.data.get("contestant"), ev.data.get("item"))
                if key in self.seen:
                    self.last_barrier = i + 1
                self.seen.add(key)
            elif ev.kind in UNSETTLING:
                self.last_barrier = i + 1
        self.scanned = len(events)

    def since(self, rep, settled: bool, start) -> tuple[str, object]:
        """("no", None) not settled; ("yes", event) settled since that event (None: since the start);
        ("searching", None) while the worker looks; ("unknown", None) when the console has not the whole log
        (the replay, a board given ready-made). `start(job)` runs `job` in a worker thread."""
        if not settled:
            self.answer = None
            return "no", None
        events = rep.events
        if not events or events[-1].id != rep.board.last_event_id:
            return "unknown", None
        self.scan(events)
        if self.answer is not None and self.answer[0] == self.last_barrier:
            return ("unknown", None) if self.answer[1] is None else ("yes", self.answer[2])
        if not self.running:
            self.running = True
            start(self._job(rep.rules, rep.contestants, events[:], self.last_barrier))
        return "searching", None

    def _job(self, rules, contestants, events, barrier):
        def run() -> None:
            try:
                position = settled_position(Timeline(rules, contestants, events))
                # None: the log does not end settled (a board the events do not give): asked once, unknown
                self.answer = (barrier, position, events[position - 1] if position else None)
            finally:
                self.running = False
        return run
