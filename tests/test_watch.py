"""Replay's whole-day scan (scoreboard/watch.py: `_Follow` on scoreboard.scan.Holders, `_Watch` on the
engine for the contests Holders leaves to it) finds exactly the award changes a full recompute after every
event finds, on random days with judges' events and changes on the day."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreboard.board import Board
from scoreboard.timeline import Timeline
from tests.test_scan import engine
from tests.test_view import PRESETS, Run, step


@pytest.mark.parametrize("preset", sorted(PRESETS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, max_size=80))
def test_the_whole_day_scan_finds_every_change_a_full_recompute_after_every_event_finds(preset, steps):
    run = Run(preset)
    for s in steps:
        run.step(s)
    board = Board(run.rules, run.roster)
    ids = {a.id for a in run.rules.awards}
    expected, held, ties = [], *engine(board, ids)
    for i, ev in enumerate(run.events, start=1):
        board.apply(ev)
        aw = board.awards()
        now_held = {(a.award_id, a.recipient) for a in aw.awards + aw.advancement if a.award_id in ids}
        now_ties = {(t.award_id, t.tied) for t in aw.ties if t.award_id in ids}
        for award_id in sorted({a for a, _ in now_held ^ held} | {a for a, _ in now_ties ^ ties}):
            expected.append((i, award_id, tuple(sorted(r for a, r in now_held - held if a == award_id)),
                             tuple(sorted(r for a, r in held - now_held if a == award_id))))
        held, ties = now_held, now_ties
    found = Timeline(run.rules, run.roster, run.events).award_changes()
    assert [(c.index, c.award_id, c.gained, c.lost) for c in found] == expected
