"""The award cache (scoreboard/award_cache.py) gives exactly `compute_awards`'s list, ties, skips and digest,
however many events come between two reads, on days whose marks move people across every cut-off."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreboard.awards import compute_awards
from scoreboard.standings import compute_standings
from tests.test_view import PRESETS, Run, step

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def full_recompute(board):
    return compute_awards(board.rules, compute_standings(board), board.control, day=board.day)


def same(a, b) -> bool:
    return (a.awards, a.advancement, a.ties, a.skips, a.digest, a.confirmed, a.drift, a.locked) == \
           (b.awards, b.advancement, b.ties, b.skips, b.digest, b.confirmed, b.drift, b.locked)


@pytest.mark.parametrize("preset", sorted(PRESETS))
@SETTINGS
@given(steps=st.lists(step, max_size=120), reads=st.lists(st.integers(1, 6), min_size=1))
def test_awards_read_now_and_then_equal_a_full_recompute(preset, steps, reads):
    run = Run(preset)
    gaps = iter(reads * (len(steps) + 1))
    due = next(gaps)
    for s in steps:
        run.step(s)
        due -= 1
        if due <= 0:
            assert same(run.board.awards(), full_recompute(run.board))
            due = next(gaps)
    assert same(run.board.awards(), full_recompute(run.board))


def test_a_mark_far_below_every_cut_off_keeps_the_same_list_object(national):
    from scoreboard.board import Board
    from scoreboard.events import Event
    from scoreboard.sample import sample_roster

    roster = sample_roster(national, per_team=10)
    board = Board(national, roster)
    rnd = random.Random(4)
    for i, c in enumerate(roster, start=1):
        board.apply(Event(i, i, "result", "h", i, "h", {"contestant": c.exam_no, "item": "choice-01",
                                                        "section": "choice", "score": float(rnd.randint(10, 90)),
                                                        "max": 100.0}))
    before = board.awards()
    last = board.standings().rows[-1].exam_no
    board.apply(Event(10**6, 1, "result", "h", 10**6, "h", {"contestant": last, "item": "fill-01",
                                                          "section": "fill", "score": 0.5, "max": 100.0}))
    assert board.awards().awards is before.awards
    assert same(board.awards(), full_recompute(board))


BIG: dict = {}  # preset -> a roster of 8 per team, made once


def _big(preset):
    from scoreboard.sample import sample_roster

    if preset not in BIG:
        BIG[preset] = sample_roster(PRESETS[preset], per_team=8)
    return BIG[preset]


marks_only = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.integers(0, 3), st.booleans()),
                      min_size=1, max_size=300)


@pytest.mark.parametrize("preset", ["fujian-2024-final", "national-2021-qualifier"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marks=marks_only, every=st.integers(1, 9), tie_policy=st.sampled_from(["judges", "share"]))
def test_marks_and_regrades_across_every_cut_off_walk_again_only_what_they_reach(preset, marks, every, tie_policy):
    from dataclasses import replace

    from scoreboard.board import Board
    from scoreboard.events import Event

    rules = PRESETS[preset]
    rules = replace(rules, awards=tuple(replace(a, tie_policy=tie_policy) for a in rules.awards))
    roster = _big(preset)
    board = Board(rules, roster)
    sections = rules.section_ids
    for i, (n, s, score, finish) in enumerate(marks, start=1):
        who = roster[n % len(roster)].exam_no
        if finish:
            data = {"contestant": who, "time_used": float(1000 * (score + 1))}
            kind = "finish"
        else:
            data = {"contestant": who, "item": f"{sections[s % len(sections)]}-{s}", "section": sections[s % len(sections)],
                    "score": float(score), "max": 3.0}
            kind = "result"
        board.apply(Event(i, i, kind, "h", i, "h", data))
        if i % every == 0:
            assert same(board.awards(), full_recompute(board))
    assert same(board.awards(), full_recompute(board))
