"""Shared by the replay's tests: one small finished day written to a real database file."""

from __future__ import annotations

import pytest

from display.replay.player import read_day
from display.replay.sampledb import build_day


@pytest.fixture(scope="session")
def day_db(tmp_path_factory):
    """A Fujian day (4 per team, 8 items, 20% regrades) with a freeze and settled ties, as a file."""
    path = tmp_path_factory.mktemp("replay") / "day.db"
    build_day(path, per_team=4, items=8, regrade=0.2, freeze_at=0.8, settle=True)
    return str(path)


@pytest.fixture(scope="session")
def paper_day_db(tmp_path_factory):
    """The same day with the sample paper declared (certainty shows), as a file."""
    path = tmp_path_factory.mktemp("replay") / "paper.db"
    build_day(path, per_team=4, regrade=0.2, freeze_at=0.8, settle=True, paper=True)
    return str(path)


@pytest.fixture(scope="session")
def day(day_db):
    return read_day(day_db)


async def settle(pilot, cond, rounds: int = 500):
    """Let the app work until `cond()` holds (bounded by rounds, never by a deadline)."""
    for _ in range(rounds):
        await pilot.pause(0.02)
        if cond():
            await pilot.pause()
            return
    raise AssertionError("the replay never reached the expected state")
