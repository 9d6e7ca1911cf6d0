"""Snapshots of every view of the big screen at the projector sizes (160×45 and 240×67).

The states are generated sample days (display/screen/rehearsal.py); the clock is fixed and
nothing animates, so a snapshot changes only when the screen's drawing does.
Update after a deliberate change with `pytest tests/test_screen_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from display.screen.app import make_app
from display.screen.rehearsal import FIXED_NOW, sample_states

SIZES = {"160x45": (160, 45), "240x67": (240, 67)}


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
