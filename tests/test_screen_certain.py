"""The big screen's 确定获奖 marks: when the judges turn `mark_certain` on, the rankings, the team chart and
the award list mark whoever the public state's `certain` names for a prize (an advancement list alone is not a
prize); nothing when it is off or while the screen is frozen, whatever the message carries.
Update the snapshots after a deliberate change with `--snapshot-update`."""

from __future__ import annotations

import pytest

from display.screen.app import make_app
from display.screen.rehearsal import FIXED_NOW, certain_states, with_view
from display.screen.state import PublicState

SIZE = (160, 45)


@pytest.fixture(scope="module")
def states():
    return certain_states("zh")


def screen(msg: dict, lang: str = "zh"):
    return make_app(msg, lang=lang, animate=False, now=lambda: FIXED_NOW, min_interval=0)


def test_the_ranking_marks_those_certain_of_a_prize(snap_compare, states):
    assert states["late"]["certain"]["expert"]
    assert snap_compare(screen(with_view(states["late"], "individual")), terminal_size=SIZE)


def test_the_team_chart_marks_the_teams_certain_of_a_team_prize(snap_compare, states):
    assert states["all_in"]["certain"]["team_first"]
    assert snap_compare(screen(with_view(states["all_in"], "team")), terminal_size=SIZE)


def test_the_award_list_marks_who_is_certain_of_each_award(snap_compare, states):
    assert snap_compare(screen(with_view(states["late"], "awards")), terminal_size=(128, 31))


def test_a_group_ranking_marks_them_too_and_in_english(snap_compare, states):
    group = next(r["group"] for r in states["late"]["standings"]["individual"]
                 if r["exam_no"] in states["late"]["certain"].get("star", []))
    assert snap_compare(screen(with_view(certain_states("en")["late"], "group", group), "en"), terminal_size=SIZE)


async def test_no_mark_when_the_judges_have_not_asked_or_while_frozen(states):
    msg = with_view(states["late"], "individual")
    first = msg["standings"]["individual"][0]["exam_no"]
    assert first in msg["certain"]["expert"]
    off = {**msg, "control": {**msg["control"], "mark_certain": False}}
    frozen = {**msg, "control": {**msg["control"], "frozen": True}}  # a feeder would send none; a second guard
    for quiet in (off, frozen):
        state = PublicState.parse(quiet)
        assert not state.marking and not state.certain and not state.is_certain(first)
        app = screen(quiet)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "确定获奖" not in app.text() and "✔" not in app.text()
    app = screen(msg)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "✔确定获奖" in app.text() and "确定获奖" in app.text()


def test_an_advancement_list_alone_is_not_a_prize(states):
    msg = states["late"]
    only_listed = set(msg["certain"]["recommended"]) - {x for a, who in msg["certain"].items()
                                                        if a not in ("national_team", "recommended") for x in who}
    assert only_listed
    state = PublicState.parse(msg)
    assert not any(state.is_certain(x) for x in only_listed)
    assert all(state.is_certain(x, "recommended") for x in only_listed)
