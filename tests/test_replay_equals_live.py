"""At every sampled moment the replay shows what the live board showed: the same fold as a Board built
from the log prefix, the same rows as a judges' console fed that prefix, the same public state as the
big screen got, and the same answers as `scoreboard standings/awards --at`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from display.cli import cli
from display.console.app import make_app as console_app
from display.console.fixtures import loaded, wait_until
from display.console.source import MemorySource
from display.replay.app import make_app
from display.replay.screenapp import ReplayScreenApp
from display.screen.public import LatestResults, public_message
from scoreboard.board import Board
from scoreboard.certainty import compute_certainty
from scoreboard.serialize import awards_json, standings_json

from .test_replay_support import day, day_db, settle  # noqa: F401 - fixtures

SIZE = (150, 42)


def moments(day):
    n = len(day.events)
    return [1, n // 7, n // 3, n // 2, (4 * n) // 5 + 1, n - 3, n]


def folded(day, index):
    b = Board(day.rules, day.contestants)
    b.apply_all(day.events[:index])
    return b


def rows(st):
    return [(r.exam_no, r.rank, r.total, r.graded, r.group_rank) for r in st.rows]


async def test_the_replay_shows_the_same_standings_and_awards_as_the_log_prefix_folded(day):
    app = make_app(day=day, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        for index in moments(day):
            app.goto(index)
            await settle(pilot, lambda: app.replica.st is not None and app.replica.st.event_id == day.events[index - 1].id)
            expected = folded(day, index)
            assert rows(app.replica.st) == rows(expected.standings())
            assert app.replica.board.awards().digest == expected.awards().digest
            assert [t.name for t in app.replica.st.teams] == [t.name for t in expected.standings().teams]


@pytest.mark.parametrize("fraction", [3, 2])
async def test_the_replay_shows_what_a_judges_console_fed_the_same_prefix_shows(day, fraction):
    index = len(day.events) // fraction
    live = console_app(MemorySource(day.rules, day.contestants, day.events[:index]))
    async with live.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(live))
        live_rows = rows(live.replica.st)
        live_awards = live.replica.board.awards().digest
    app = make_app(day=day, start=index, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: app.replica is not None and app.replica.st is not None)
        assert rows(app.replica.st) == live_rows
        assert app.replica.board.awards().digest == live_awards


async def test_the_big_screen_replay_shows_the_public_state_the_hall_saw_even_while_frozen(day):
    index = (len(day.events) * 9) // 10  # after the freeze: the public board is the frozen one
    expected_board = folded(day, index)
    assert expected_board.control.frozen_at is not None
    latest = LatestResults()
    for ev in day.events[:index]:
        latest.add(expected_board, ev)
    expected = public_message(expected_board, "zh", latest.rows())
    app = ReplayScreenApp(day, start=index, animate=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown = app.public()
        assert shown["standings"] == expected["standings"] and shown["awards"] == expected["awards"]
        assert shown["control"]["frozen"] is True and app.state.frozen


def test_the_shell_standings_and_awards_at_a_time_agree_with_the_replay(day, day_db):
    from display.replay.player import Player

    runner = CliRunner()
    for index in moments(day)[1:]:
        at = day.events[index - 1].at
        player = Player(day.rules, day.contestants, day.events)
        player.request_time(at)
        player.settle()
        board = player.board
        out = runner.invoke(cli, ["standings", day_db, "--json", "--at", repr(at)])
        assert out.exit_code == 0, out.output
        assert json.loads(out.output) == json.loads(json.dumps(standings_json(board.rules, board.standings()),
                                                               ensure_ascii=False))
        out = runner.invoke(cli, ["awards", day_db, "--json", "--at", repr(at), "--lang", "zh"])
        assert out.exit_code == 0, out.output
        same = awards_json(board, "zh", certainty=compute_certainty(board))
        assert json.loads(out.output) == json.loads(json.dumps(same, ensure_ascii=False))
