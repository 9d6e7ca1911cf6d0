"""Snapshots of every view of the big screen at the projector sizes (160×45 and 240×67), and at what a
1080p browser shows with the served page's default font (128×31, `screen --web`).

The states are generated sample days (display/screen/rehearsal.py); the clock is fixed and
nothing animates, so a snapshot changes only when the screen's drawing does.
Update after a deliberate change with `pytest tests/test_screen_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from display.screen.app import make_app
from display.screen.rehearsal import FIXED_NOW, sample_states

SIZES = {"160x45": (160, 45), "240x67": (240, 67), "128x31": (128, 31)}


@pytest.fixture(scope="module")
def states():
    return sample_states("zh")


def screen(state: dict, lang: str = "zh"):
    return make_app(state, lang=lang, animate=False, now=lambda: FIXED_NOW)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", ["individual", "team", "group", "latest", "awards", "ceremony_team",
                                  "ceremony_stars", "ceremony_expert", "ceremony_honours"])
def test_each_view_draws_the_same_as_its_snapshot(snap_compare, states, view, size):
    assert snap_compare(screen(states[view]), terminal_size=SIZES[size])


def test_the_english_screen_draws_the_same_as_its_snapshot(snap_compare):
    assert snap_compare(screen(sample_states("en")["individual"], "en"), terminal_size=SIZES["160x45"])


def test_a_ranking_with_a_disqualified_and_an_absent_contestant(snap_compare):
    """Early in the day (everyone on one page): the leader disqualified, a no-show withdrawn."""
    from display.screen.rehearsal import Rehearsal, with_view

    day = Rehearsal()
    day.hall_until(0.08)
    rows = day.board.standings().rows
    day.judge("disqualify", {"exam_no": rows[0].exam_no}, reason="违纪：考试中使用手机")
    day.judge("withdraw", {"exam_no": next(r.exam_no for r in rows if not r.graded)}, reason="未到场")
    assert snap_compare(screen(with_view(day.public(), "individual")), terminal_size=SIZES["160x45"])


def test_a_screen_that_lost_its_feeder_says_the_try_and_the_error(snap_compare, states):
    async def lose_the_link(pilot):
        pilot.app.set_link({"type": "status", "connected": False, "state": "reconnecting", "attempt": 7,
                            "error": "ConnectionRefusedError: [Errno 111] Connect call failed ('10.0.0.5', 8765)",
                            "retry_in": 2.0})
        await pilot.pause()

    assert snap_compare(screen(states["individual"]), terminal_size=SIZES["160x45"], run_before=lose_the_link)
