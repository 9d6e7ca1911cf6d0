"""Shared fixtures: presets, generated rosters, and a small language for building days."""

from __future__ import annotations

import itertools

import pytest

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.roster import Contestant
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster


@pytest.fixture(scope="session")
def fujian():
    return load_preset("fujian-2024-final")


@pytest.fixture(scope="session")
def shaanxi():
    return load_preset("shaanxi-2021-provincial")


@pytest.fixture(scope="session")
def national():
    return load_preset("national-2021-qualifier")


@pytest.fixture(scope="session")
def west():
    return load_preset("regional-2021-west")


@pytest.fixture(scope="session")
def fujian_roster(fujian):
    return sample_roster(fujian)


class Day:
    """Builds events for a board: marks per section, hand-ins, judge events."""

    def __init__(self, rules, contestants: list[Contestant]):
        self.rules = rules
        self.contestants = contestants
        self.events: list[Event] = []
        self._ids = itertools.count(1)
        self._seq = itertools.count(1)
        self.clock = 1_700_000_000.0

    def _next(self, kind, data, source="hall-a", seq=True, actor=None, reason=""):
        self.clock += 1
        s = next(self._seq) if seq else None
        ev = Event(next(self._ids), self.clock, kind, source, s, actor or source, data, reason)
        self.events.append(ev)
        return ev

    def mark(self, exam_no, section, score, item=None, mx=None):
        item = item or f"{section}-01"
        mx = mx if mx is not None else 1000.0
        return self._next("result", {"contestant": exam_no, "item": item, "section": section,
                                     "score": score, "max": mx})

    def marks(self, exam_no, time_used=None, **by_section):
        for section, score in by_section.items():
            self.mark(exam_no, section, score)
        if time_used is not None:
            self.finish(exam_no, time_used)

    def finish(self, exam_no, time_used):
        return self._next("finish", {"contestant": exam_no, "time_used": time_used})

    def judge(self, kind, data, actor="张裁判", reason="理由"):
        return self._next(kind, data, source="judge", seq=False, actor=actor, reason=reason)

    def board(self) -> Board:
        b = Board(self.rules, self.contestants)
        b.apply_all(self.events)
        return b


@pytest.fixture
def fujian_day(fujian, fujian_roster):
    return Day(fujian, fujian_roster)


def graded_field(rules, roster, totals: dict[str, float], case: dict[str, float] | None = None,
                 time_used: dict[str, float] | None = None) -> Day:
    """A day where each named contestant has the given total (split as choice + case)."""
    day = Day(rules, roster)
    case = case or {}
    time_used = time_used or {}
    for exam_no, total in totals.items():
        c = case.get(exam_no, 0.0)
        day.mark(exam_no, "choice", total - c)
        if c:
            day.mark(exam_no, "case", c)
        day.finish(exam_no, time_used.get(exam_no, 3600.0))
    return day


@pytest.fixture(params=["UTC", "America/New_York"])
def machine_zone(request, monkeypatch):
    """The process's own zone set to UTC, then to New York (restored after): the contest's clock must not
    depend on it. Checks that the change took, so a test using it cannot pass by accident of the machine."""
    import time
    from datetime import datetime, timedelta

    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    assert datetime(2024, 8, 20, 12).astimezone().utcoffset() in (timedelta(0), timedelta(hours=-4))
    yield request.param
    monkeypatch.undo()
    time.tzset()
