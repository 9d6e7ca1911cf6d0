"""The lazy standings (scoreboard/view.py) and the awards computed from them equal a full recompute from
scratch after every event of random days: marks and regrades, hand-ins, judges' decisions on the ties they
see, changes on the day (取消成绩, 恢复, 缺考, corrected names and flags), freezes, confirmations and locks."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreboard.awards import compute_awards
from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.judging import check_command
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster
from scoreboard.standings import Standings, compute_standings

PRESETS = {name: load_preset(name) for name in ("fujian-2024-final", "shaanxi-2021-provincial",
                                                  "national-2021-qualifier")}
ROSTERS = {name: sample_roster(rules, per_team=3) for name, rules in PRESETS.items()}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

step = st.one_of(
    st.tuples(st.just("mark"), st.integers(0, 10**6), st.integers(0, 5), st.integers(0, 4)),
    st.tuples(st.just("mark"), st.integers(0, 10**6), st.integers(0, 5), st.integers(0, 4)),
    st.tuples(st.just("mark"), st.integers(0, 10**6), st.integers(0, 5), st.integers(0, 4)),
    st.tuples(st.just("finish"), st.integers(0, 10**6), st.integers(1, 3)),
    st.tuples(st.sampled_from(["disqualify", "reinstate", "withdraw", "rename", "flag", "unflag"]),
              st.integers(0, 10**6), st.integers(0, 2)),
    st.tuples(st.sampled_from(["decide", "freeze", "unfreeze", "lock", "unlock"]), st.integers(0, 10**6)),
)


class Run:
    """Folds a random day event by event, checking each event as the feeder would, on a live board."""

    def __init__(self, preset: str):
        self.rules = PRESETS[preset]
        self.roster = ROSTERS[preset]
        self.exams = [c.exam_no for c in self.roster]
        self.board = Board(self.rules, self.roster)
        self.ids = iter(range(1, 10**6))
        self.frozen_rows = None
        self.events: list[Event] = []  # every event folded, in order

    def event(self, kind: str, data: dict, judge: bool) -> bool:
        b = self.board
        if judge:
            if check_command(b, "chief", kind, data, "理由") is not None:
                return False
            ev = Event(next(self.ids), 1000.0 + b.version, kind, "judge", None, "裁判长", data, "理由")
        else:
            seq = b.version + 1
            if b.check({"type": kind, "seq": seq, **data}) is not None:
                return False
            ev = Event(next(self.ids), 1000.0 + b.version, kind, "hall", seq, "hall", data)
        b.apply(ev)
        self.events.append(ev)
        return True

    def step(self, s) -> None:
        kind, n = s[0], s[1]
        who = self.exams[n % len(self.exams)]
        sections = self.rules.section_ids
        if kind == "mark":
            section = sections[s[2] % len(sections)]
            self.event("result", {"contestant": who, "item": f"{section}-{s[2]}", "section": section,
                                  "score": float(s[3] * 2), "max": 8.0}, False)
        elif kind == "finish":
            self.event("finish", {"contestant": who, "time_used": 1000.0 * s[2]}, False)
        elif kind in ("disqualify", "reinstate", "withdraw"):
            self.event(kind, {"exam_no": who}, True)
        elif kind == "rename":
            self.event("correct", {"exam_no": who, "name": f"更正{s[2]}"}, True)
        elif kind in ("flag", "unflag"):
            flags = [f.id for f in self.rules.flags]
            if flags:
                self.event("correct", {"exam_no": who, "flags": {flags[s[2] % len(flags)]: kind == "flag"}}, True)
        elif kind == "decide":
            ties = self.board.awards().ties
            if ties:
                t = ties[n % len(ties)]
                outcome = ("order", "share", "lots")[n % 3]
                order = list(t.tied)
                random.Random(n).shuffle(order)
                self.event("decision", {"award": t.award_id, "group": t.group, "tied": list(t.tied),
                                        "outcome": outcome, "order": order, "seed": str(n)}, True)
        elif kind == "freeze":
            rows = compute_standings(self.board).rows
            if self.event("freeze", {}, True):
                self.frozen_rows = rows
        elif kind == "unfreeze":
            if self.event("unfreeze", {}, True):
                self.frozen_rows = None
        elif kind == "lock":
            aw = self.board.awards()
            self.event("confirm", {"digest": aw.digest}, True)
            self.event("lock", {"digest": aw.digest}, True)
        else:
            self.event("unlock", {}, True)


def assert_equals_full_recompute(board: Board, rnd: random.Random) -> None:
    ref = compute_standings(board)
    live = board.standings()
    n = len(ref.rows)
    assert len(live.rows) == n
    for i in sorted(rnd.sample(range(n), min(n, 12))):  # single rows first, made one by one
        assert live.rows[i] == ref.rows[i]
    for e in rnd.sample(list(ref.by_exam), min(n, 8)):
        assert live.by_exam[e] == ref.by_exam[e]
    a = rnd.randrange(n + 1)
    assert list(live.rows[a:a + 7]) == ref.rows[a:a + 7]
    assert list(Standings.natural(live.rows)) == list(Standings.natural(ref.rows))
    assert list(live.groups) == list(ref.groups)
    for g, rows in ref.groups.items():
        assert list(Standings.natural(live.groups[g])) == list(Standings.natural(rows))
        assert live.groups[g][:2] == rows[:2]
        assert live.groups[g] == rows
    assert live.teams == ref.teams
    assert [tuple(t.members) for t in live.teams] == [t.members for t in ref.teams]
    assert list(live.rows) == ref.rows
    assert dict(live.by_exam.items()) == ref.by_exam
    full = compute_awards(board.rules, ref, board.control, day=board.day)
    aw = board.awards()
    assert (aw.awards, aw.advancement, aw.ties, aw.skips, aw.digest, aw.confirmed, aw.drift) == \
           (full.awards, full.advancement, full.ties, full.skips, full.digest, full.confirmed, full.drift)


@pytest.mark.parametrize("preset", sorted(PRESETS))
@SETTINGS
@given(steps=st.lists(step, max_size=80), seed=st.integers(0, 1000))
def test_the_lazy_standings_and_awards_equal_a_full_recompute_after_every_event(preset, steps, seed):
    run = Run(preset)
    rnd = random.Random(seed)
    for s in steps:
        run.step(s)
        assert_equals_full_recompute(run.board, rnd)
        if run.frozen_rows is not None:
            assert list(run.board.public()[0].rows) == run.frozen_rows


def test_standings_kept_by_a_caller_still_describe_the_moment_they_were_read(fujian_day):
    day = fujian_day
    a, b = day.contestants[0].exam_no, day.contestants[1].exam_no
    day.marks(a, choice=50.0)
    day.marks(b, choice=40.0)
    board = day.board()
    before = board.standings()  # held: the next event must not change what it says
    first = before.rows[0]
    board.apply(Event(99, 2e9, "result", "h", 99, "h", {"contestant": b, "item": "choice-01", "section": "choice",
                                                         "score": 60.0, "max": 1000.0}))
    assert [r.exam_no for r in before.rows[:2]] == [a, b]
    assert before.rows[0] is first and before.by_exam[b].total == 4000
    assert [r.exam_no for r in board.standings().rows[:2]] == [b, a]


def test_a_view_nobody_holds_costs_the_next_event_nothing(fujian_day):
    day = fujian_day
    day.marks(day.contestants[0].exam_no, choice=50.0)
    board = day.board()
    board.standings().rows[0]
    board.apply(Event(99, 2e9, "finish", "h", 99, "h", {"contestant": day.contestants[0].exam_no,
                                                         "time_used": 10.0}))
    assert not board._views


def test_a_copied_board_reads_its_own_standings_not_the_original_s(fujian_day):
    import copy

    day = fujian_day
    a = day.contestants[0].exam_no
    day.marks(a, choice=50.0)
    board = day.board()
    board.standings().rows[0], board.awards()
    twin = copy.deepcopy(board)
    twin.apply(Event(99, 2e9, "result", "h", 99, "h", {"contestant": a, "item": "choice-01", "section": "choice",
                                                        "score": 10.0, "max": 1000.0}))
    assert twin.standings().by_exam[a].total == 1000 and board.standings().by_exam[a].total == 5000
    assert list(twin.standings().rows) == compute_standings(twin).rows
