"""The scorer's desk (display/console/screens/desk.py): entries made with keys become judge events."""

from __future__ import annotations

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import Clock, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource
from scoreboard.board import Board
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster, stage_day

SIZE = (150, 42)


@pytest.fixture(scope="module")
def west():
    rules = load_preset("regional-2021-west")
    return rules, sample_roster(rules)


def desk(west, lang="zh"):
    rules, people = west
    src = MemorySource(rules, people, role="judge", name="记分员", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz(), mode="desk"), src


def team_points(src, team):
    return float(src.server.stage_totals().team_score(team)) / 100


async def entered(pilot, src, n):
    await wait_until(pilot, lambda: len(src.events) >= n and pilot.app.replica.board.last_event_id >= n)


async def test_entering_answers_from_the_desk_changes_the_team_scores(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await pilot.press("a", "y", "n", "y")  # announce question 1, then the first three teams answer in turn
        await entered(pilot, src, 4)
        assert [e.kind for e in src.events] == ["stage", "answer", "answer", "answer"]
        assert src.events[1].data["contestant"] == "ST0001"  # the team's first player takes question 1
        assert (team_points(src, "陕西"), team_points(src, "河北"), team_points(src, "浙江")) == (10, 0, 10)
        await wait_until(pilot, lambda: "浙江 第1题 ST0015 ✓ +10" in screen_text(app))  # drawn on the next tick


async def test_the_individual_question_advances_once_every_team_has_answered(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await pilot.press(*"yyyyyyyy")
        await entered(pilot, src, 8)
        assert {e.data["question"] for e in src.events} == {1}
        assert app.screen.question == 2 and app.screen.team_idx == 0


async def test_a_risk_answer_takes_the_chosen_stake_and_the_question_moves_on(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await pilot.press("r", "r", "4", "s", "s", "n")  # the risk round, team 4, stake 30, wrong
        await entered(pilot, src, 1)
        assert src.events[0].data == {"round": "risk", "question": 1, "team": "福建", "correct": False, "stake": 30.0}
        assert team_points(src, "福建") == -30 and app.screen.question == 2


async def test_undo_from_the_desk_takes_back_the_last_entry_with_a_reason(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await pilot.press("r", "3", "y")  # buzzer round: team 3 right
        await entered(pilot, src, 1)
        assert team_points(src, "浙江") == 10
        await pilot.press("u")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ReasonDialog")
        await pilot.press("enter")  # the default reason: 记分更正
        await entered(pilot, src, 2)
        undo = src.events[-1]
        assert undo.kind == "undo" and undo.data == {"event_id": 1} and undo.reason == "记分更正"
        assert team_points(src, "浙江") == 0
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        assert app.screen.question == 1  # back on the undone question, ready to enter it again


async def test_panel_marks_are_entered_judge_after_judge(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await pilot.press("r", "r", "r", "5", "m")
        for n, mark in enumerate(("90", "85", "70"), start=1):
            await pilot.press(*mark, "enter")
            await entered(pilot, src, n)
        assert [(e.data["judge"], e.data["mark"]) for e in src.events] == [("评委1", 90), ("评委2", 85), ("评委3", 70)]
        assert team_points(src, "山东") == 85


async def test_the_desk_is_offered_only_for_a_contest_with_rounds():
    from display.console.fixtures import tie_contest

    rules, people, events = tie_contest()
    app = make_app(MemorySource(rules, people, events, clock=Clock()), clock=Clock(), tz=china_tz())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.replica is not None)
        assert app.check_action("mode", ("desk",)) is False
        assert "desk" not in [c.help for c in app.get_system_commands(app.screen)]


async def test_a_whole_simulated_contest_entered_through_the_desks_source_replays_to_the_same_prizes(west):
    rules, people = west
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        for kind, data in stage_day(rules, people):
            result = await src.command(kind, data, "")
            assert result["ok"], (kind, data, result)
        n = len(src.events)
        await entered(pilot, src, n)
        live = app.replica.board.awards()
        replayed = Board(rules, people)
        replayed.apply_all(src.events)
        prizes = [(a.award_id, a.recipient) for a in replayed.awards().awards]
        assert prizes == [(a.award_id, a.recipient) for a in live.awards]
        assert prizes == [(a.award_id, a.recipient) for a in src.server.awards().awards]
        assert {"team_first", "team_second", "team_third"} <= {a for a, _ in prizes}
        first = next(r for a, r in prizes if a == "team_first")
        assert f"{float(src.server.stage_totals().team_score(first)) / 100:.2f}" in screen_text(app)
