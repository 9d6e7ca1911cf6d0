"""Holders (scoreboard/scan.py) follow who holds each award, and the pending ties, exactly as the award
engine gives them, after every event of random days."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreboard.awards import _compute_live
from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.scan import Holders
from scoreboard.standings import compute_standings
from tests.test_award_cache import _big
from tests.test_view import PRESETS, Run, step

USABLE = sorted(name for name, rules in PRESETS.items() if Holders.usable(rules))


def engine(board, ids):
    """The live list (a lock shows its snapshot instead: replay's scan reads that, not the holders)."""
    aw = _compute_live(board.rules, compute_standings(board), board.control, True, board.day)
    return ({(a.award_id, a.recipient) for a in aw.awards + aw.advancement if a.award_id in ids},
            {(t.award_id, t.tied) for t in aw.ties if t.award_id in ids})


@pytest.mark.parametrize("preset", USABLE)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, max_size=100))
def test_the_holders_followed_event_by_event_are_the_engine_s(preset, steps):
    run = Run(preset)
    for s in steps:
        run.step(s)
    ids = {a.id for a in run.rules.awards + run.rules.advancement}
    board = Board(run.rules, run.roster)
    holders = Holders(board)
    for ev in run.events:
        board.apply(ev)
        holders.fold(ev)
        assert (holders.held(ids), holders.pending(ids)) == engine(board, ids)


@pytest.mark.parametrize("preset", ["fujian-2024-final", "national-2021-qualifier"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marks=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.integers(0, 3), st.booleans()),
                      min_size=1, max_size=250), policy=st.sampled_from(["judges", "share"]))
def test_marks_across_every_cut_off_move_the_holders_as_the_engine_does(preset, marks, policy):
    rules = PRESETS[preset]
    rules = replace(rules, awards=tuple(replace(a, tie_policy=policy) for a in rules.awards))
    roster = _big(preset)
    board = Board(rules, roster)
    holders = Holders(board)
    ids = {a.id for a in rules.awards + rules.advancement}
    for i, (n, s, score, finish) in enumerate(marks, start=1):
        who = roster[n % len(roster)].exam_no
        section = rules.section_ids[s]
        data = {"contestant": who, "time_used": float(100 * (score + 1))} if finish else \
            {"contestant": who, "item": f"{section}-{s}", "section": section, "score": float(score), "max": 3.0}
        ev = Event(i, i, "finish" if finish else "result", "h", i, "h", data)
        board.apply(ev)
        holders.fold(ev)
        assert (holders.held(ids), holders.pending(ids)) == engine(board, ids)
