"""The big screen's stage view (display/screen/stage.py), fed from what the scorer's desk entered.

The public messages here carry the real `stage_json` and standings; the awards are left out
(the stage view does not read them; the feeder's full message is tested below).
Update the snapshot after a deliberate change with `pytest tests/test_screen_stage.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from display.console.app import china_tz
from display.console.app import make_app as console_app
from display.console.fixtures import Clock, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource
from display.screen.app import make_app
from display.screen.rehearsal import FIXED_NOW
from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster, stage_day
from scoreboard.serialize import stage_json, standings_json

SIZE = (160, 45)
T0 = 1724115600.0


@pytest.fixture(scope="module")
def west():
    rules = load_preset("regional-2021-west")
    return rules, sample_roster(rules)


def public(board: Board) -> dict:
    """The public message as the feeder builds it, less the awards (not read by the stage view)."""
    st, _ = board.public()
    c = board.control
    return {"type": "public", "standings": standings_json(board.rules, st), "awards": {},
            "control": {"view": dict(c.view), "frozen": c.frozen_at is not None, "ceremony": c.ceremony,
                        "locked": c.locked is not None},
            "latest": [], "stage": stage_json(board, public=True)}


def played(west, n: int) -> Board:
    """A board after the first `n` entries of the simulated contest (at fixed times)."""
    rules, people = west
    board = Board(rules, people)
    for i, (kind, data) in enumerate(stage_day(rules, people)[:n], start=1):
        board.apply(Event(i, T0 + 20 * i, kind, "judge", None, "记分员", data, ""))
    return board


def screen(msg: dict, lang: str = "zh"):
    return make_app(msg, lang=lang, animate=False, now=lambda: FIXED_NOW)


def segments(app, selector: str):
    widget = app.query_one(selector)
    return [seg for strip in widget.render_lines(widget.region.reset_offset) for seg in strip]


async def test_a_panel_round_entered_from_the_desk_shows_the_dropped_marks_struck_through(west):
    rules, people = west
    src = MemorySource(rules, people, role="judge", name="记分员", clock=Clock())
    desk = console_app(src, clock=Clock(), tz=china_tz(), mode="desk")
    async with desk.run_test(size=(150, 42)) as pilot:
        await wait_until(pilot, lambda: desk.screen.__class__.__name__ == "DeskScreen")
        await pilot.press("r", "r", "r", "a", "5", "m")  # the scenario round, announced; team 5 (山东)
        for n, mark in enumerate(("90", "85", "70", "88", "95"), start=2):
            await pilot.press(*mark, "enter")
            await wait_until(pilot, lambda n=n: len(src.events) >= n)
    app = screen(public(src.server))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#views").current == "stage"
        text = app.text()
        assert "情景模拟" in text and "87.67" in text  # (90 + 85 + 88) / 3
        struck = {seg.text.strip() for seg in segments(app, "#stage-panel") if seg.style and seg.style.strike}
        assert struck == {"95", "70"}


async def test_a_changed_team_score_is_highlighted_with_its_change(west):
    before, after = played(west, 100), played(west, 101)
    change = float(after.stage_totals().team_score("福建") - before.stage_totals().team_score("福建")) / 100
    app = screen(public(before))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show(public(after))
        await pilot.pause()
        moved = [k for k in app.highlight if k[0] == "s"]
        changed = {t for t in after.rules.teams
                   if after.stage_totals().team_score(t.name) != before.stage_totals().team_score(t.name)}
        assert {k[1] for k in moved} == {t.name for t in changed}
        if change:
            assert ("+" if change > 0 else "−") + f"{abs(change):g}" in app.text()


async def test_the_judges_may_show_another_view_of_an_on_stage_contest(west):
    board = played(west, 60)
    msg = public(board)
    msg["control"]["view"] = {"view": "team"}
    app = screen(msg)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#views").current == "team"
        msg["control"]["view"] = {"view": "stage"}
        app.show(msg)
        await pilot.pause()
        assert app.query_one("#views").current == "stage"


async def test_an_on_stage_contest_opens_on_the_stage_and_the_judges_may_show_the_individual_ranking(west):
    board = played(west, 60)
    assert board.control.view == {"view": "stage"}  # the fold's default for a contest with rounds
    msg = public(board)
    app = screen(msg)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#views").current == "stage"
        board.apply(Event(61, T0 + 20 * 61, "view", "judge", None, "裁判长", {"view": "individual"}, ""))
        app.show(public(board))
        await pilot.pause()
        assert app.query_one("#views").current == "individual"


async def test_while_frozen_the_stage_view_shows_the_question_but_not_the_scores(west):
    board = played(west, 60)
    board.apply(Event(61, T0 + 5000, "freeze", "judge", None, "总裁判长", {}, ""))
    app = screen(public(board))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.text()
        assert "封榜中" in text and "总分" not in text


def test_the_feeders_public_message_of_an_on_stage_contest_carries_the_stage(west):
    from display.screen.public import public_message

    msg = public_message(played(west, 120))
    assert msg["stage"]["current"]["round"] and msg["stage"]["teams"]


def test_the_stage_view_draws_the_same_as_its_snapshot(snap_compare, west):
    """Mid-way through the panel round, just after a judge's mark changed a team's score."""
    before, after = played(west, 190), played(west, 191)
    app = screen(public(before))

    async def next_mark(pilot):
        pilot.app.show(public(after))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=next_mark)


async def test_the_consoles_big_screen_pane_shows_and_sends_the_stage_view_of_an_on_stage_contest(west):
    rules, people = west
    src = MemorySource(rules, people, role="chief", name="裁判长", clock=Clock())
    app = console_app(src, clock=Clock(), tz=china_tz(), mode="control")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ControlScreen")
        assert "视图 现场赛" in str(app.screen.query_one("#screen_state").render())
        assert app.screen.query_one("#view-stage").display
        await pilot.press("i")
        await wait_until(pilot, lambda: src.server.control.view == {"view": "individual"})
        await pilot.press("s")
        await wait_until(pilot, lambda: src.server.control.view == {"view": "stage"})


async def test_a_written_contests_big_screen_pane_offers_no_stage_view():
    rules = load_preset("fujian-2024-final")
    src = MemorySource(rules, sample_roster(rules, 2024, 2), role="chief", name="裁判长", clock=Clock())
    app = console_app(src, clock=Clock(), tz=china_tz(), mode="control")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ControlScreen")
        assert not app.screen.query_one("#view-stage").display
        assert app.check_action("screen_view", ("stage",)) is False
        await pilot.press("s")
        await pilot.pause()
        assert src.server.control.view == {"view": "individual"} and "现场赛" not in screen_text(app)
