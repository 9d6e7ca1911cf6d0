"""The replay's engine, without any widget: the day's log on a `Timeline`, a clock of contest time
that advances at a chosen speed, and the words for the moment shown.

Everything the replay shows is the same fold as the live board: `timeline.board` after the first
`position` events of the log. Moves are requested (`target`) and applied once (`settle`), so a held
key or a dragged mouse costs one seek per frame, not one per key press.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from scoreboard.clock import contest_zone, parse_moment
from scoreboard.events import HALL_KINDS, Event, fmt_duration, fmt_points
from scoreboard.judging import kind_label
from scoreboard.timeline import Timeline

SPEEDS = (1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600)


@dataclass
class Day:
    """What a replay reads from a contest database, once."""

    path: str
    rules: object
    contestants: list
    events: list[Event]
    quarantine: list[dict]
    chain: tuple[bool | None, str, int]


def read_day(path: str) -> Day:
    """Open the database read-only and read the whole log (the live file is never written)."""
    from display.console.source import ReadOnlyStore

    store = ReadOnlyStore(path)
    try:
        events = list(store.events())
        quarantine = store.quarantined()
        for q in quarantine:
            q.pop("raw", None)
        from db.verify import verify

        report = verify(store)
        chain = (report.ok, report.head if report.ok else report.first("zh"), report.judge_events)
        return Day(path, store.rules(), store.contestants(), events, quarantine, chain)
    finally:
        store.close()


def parse_from(text: str | None, day: Day) -> int:
    """`--from`: HH:MM[:SS] (the contest's clock, as the screens show it), `#N` (after event N), `start`,
    `end`, or what `--at` takes elsewhere (an ISO date-time, epoch seconds). Raises ValueError."""
    from .goto import parse_moment as position_of

    if not text:
        return 0
    events = day.events
    zone = contest_zone(day.rules)
    index = position_of(text, events, zone)
    if index is not None:
        return index
    at = parse_moment(text, zone, events[0].at if events else None)
    return bisect.bisect_right([e.at for e in events], at)


class Player:
    def __init__(self, rules, contestants, events: list[Event], speed: float = 60.0):
        self.timeline = Timeline(rules, contestants, events)
        self.events = events
        self.clock = self.timeline.start  # contest time shown; between events while playing
        self.speed = float(speed)
        self.playing = False
        self.target = 0  # the position asked for; `settle` applies it
        self.ids = [e.id for e in events]
        self.by_who: dict[str, list[int]] = {}
        self.judge_index: list[int] = []
        for i, ev in enumerate(events):
            if ev.kind in HALL_KINDS:
                self.by_who.setdefault(ev.data.get("contestant"), []).append(i)
            elif ev.source == "judge":
                self.judge_index.append(i)

    # --- where we are ---------------------------------------------------------------
    @property
    def position(self) -> int:
        return self.timeline.position

    @property
    def board(self):
        return self.timeline.board

    def __len__(self) -> int:
        return len(self.events)

    @property
    def event_id(self) -> int:
        return self.events[self.position - 1].id if self.position else 0

    # --- moving ------------------------------------------------------------------------
    def request(self, index: int, clock: float | None = None) -> None:
        self.target = max(0, min(index, len(self.events)))
        if clock is None:
            clock = self.events[self.target - 1].at if self.target else self.timeline.start
        self.clock = clock

    def request_time(self, t: float) -> None:
        t = max(self.timeline.start, min(t, self.timeline.end))
        self.request(self.timeline.index_at(t), t)

    def settle(self) -> bool:
        """Apply the requested position; True if the board moved."""
        if self.target == self.position:
            return False
        self.timeline.seek_index(self.target)
        return True

    def advance(self, seconds: float) -> None:
        """Playing: `seconds` of real time pass; stop at the end of the day."""
        if not self.playing:
            return
        t = self.clock + seconds * self.speed
        if t >= self.timeline.end:
            self.request(len(self.events))
            self.playing = False
        else:
            self.request_time(t)

    def faster(self, direction: int) -> float:
        i = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - self.speed))
        i = max(0, min(len(SPEEDS) - 1, i + direction))
        self.speed = float(SPEEDS[i])
        return self.speed

    def fraction(self) -> float:
        tl = self.timeline
        span = tl.end - tl.start
        return 0.0 if span <= 0 else (self.clock - tl.start) / span

    def at_fraction(self, f: float) -> float:
        tl = self.timeline
        return tl.start + (tl.end - tl.start) * max(0.0, min(1.0, f))

    # --- what happened up to here ------------------------------------------------------
    def history_of(self, exam_no: str) -> list[Event]:
        idx = self.by_who.get(exam_no, [])
        return [self.events[i] for i in idx[: bisect.bisect_left(idx, self.position)]]

    def judge_log(self) -> list[Event]:
        idx = self.judge_index
        return [self.events[i] for i in idx[: bisect.bisect_left(idx, self.position)]]

    def previous_mark(self, index: int) -> int | None:
        """The mark the result event at `index` (0-based) replaced, in hundredths, or None if new."""
        ev = self.events[index]
        if ev.kind != "result":
            return None
        idx = self.by_who.get(ev.data["contestant"], [])
        for j in reversed(idx[: bisect.bisect_left(idx, index)]):
            d = self.events[j].data
            if self.events[j].kind == "result" and d["item"] == ev.data["item"]:
                return round(d["score"] * 100)
        return None


def describe_event(player: Player, index: int, lang: str = "zh", fmt_time=str) -> str:
    """One line about the event at `index` (0-based): what it was, whose, and a regrade's old mark."""
    ev = player.events[index]
    d = ev.data
    zh = lang != "en"
    when = fmt_time(ev.at)
    if ev.kind == "result":
        who = d["contestant"]
        c = player.timeline.board.contestants.get(who)
        name = f"{who} {c.name}" if c else who
        old = player.previous_mark(index)
        mark = fmt_points(round(d["score"] * 100))
        if old is None:
            text = (f"{name} {d['item']} 得分 {mark}/{d['max']:g}" if zh
                    else f"{name} {d['item']} marked {mark}/{d['max']:g}")
        else:
            text = (f"{name} {d['item']} 改分 {fmt_points(old)} → {mark}" if zh
                    else f"{name} {d['item']} regraded {fmt_points(old)} → {mark}")
    elif ev.kind == "finish":
        who = d["contestant"]
        text = (f"{who} 交卷，用时 {fmt_duration(d['time_used'])}" if zh
                else f"{who} handed in after {fmt_duration(d['time_used'])}")
    else:
        text = (f"{ev.actor}：{kind_label(ev.kind, lang)} {ev.reason}" if zh
                else f"{ev.actor}: {kind_label(ev.kind, lang)} {ev.reason}").strip()
    return (f"事件#{ev.id}（{when}）：{text}" if zh else f"event #{ev.id} ({when}): {text}")
