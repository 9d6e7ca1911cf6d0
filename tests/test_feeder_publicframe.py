"""The public state's frame packed from what changed (feeder/publicframe.py) is byte for byte the frame
packed whole, after every event of random days: marks, hand-ins, decisions, changes on the day, freezes,
locks."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeder.protocol import pack
from feeder.publicframe import PublicFrame
from feeder.views import public_state
from scoreboard.board import Board
from scoreboard.events import Event
from tests.test_award_cache import _big
from tests.test_view import PRESETS, Run, step


@pytest.mark.parametrize("preset", sorted(PRESETS))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, max_size=80), every=st.integers(1, 4), lang=st.sampled_from(["zh", "en"]))
def test_the_frame_packed_from_what_changed_is_the_frame_packed_whole(preset, steps, every, lang):
    run = Run(preset)
    packer = PublicFrame()
    latest = [{"id": 1, "kind": "result"}]
    for i, s in enumerate(steps):
        run.step(s)
        if i % every == 0:
            assert packer.frame(run.board, latest, lang) == pack(public_state(run.board, latest, lang))
    assert packer.frame(run.board, [], lang) == pack(public_state(run.board, [], lang))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marks=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 3), st.integers(0, 3), st.booleans()),
                      min_size=1, max_size=200), every=st.integers(1, 5))
def test_marks_that_move_many_ranks_repack_exactly_the_rows_that_moved(marks, every):
    rules = PRESETS["national-2021-qualifier"]
    roster = _big("national-2021-qualifier")
    board = Board(rules, roster)
    packer = PublicFrame()
    for i, (n, s, score, finish) in enumerate(marks, start=1):
        who = roster[n % len(roster)].exam_no
        section = rules.section_ids[s]
        data = {"contestant": who, "time_used": float(100 * (score + 1))} if finish else \
            {"contestant": who, "item": f"{section}-{s}", "section": section, "score": float(score), "max": 3.0}
        board.apply(Event(i, i, "finish" if finish else "result", "h", i, "h", data))
        if i % every == 0:
            assert packer.frame(board, [], "zh") == pack(public_state(board, [], "zh"))
