"""The scorer's desk never counts a question twice: going back to a question already scored for a team and
entering it again asks whether this is a correction, and a correction replaces the earlier entry with a
reason. The desk's own help and its line name its keys as they are bound."""

from __future__ import annotations

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import Clock, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

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


def on(app, name):
    return lambda: app.screen.__class__.__name__ == name


async def entered(pilot, src, n):
    await wait_until(pilot, lambda: len(src.events) >= n and pilot.app.replica.board.last_event_id >= n)


async def test_entering_question_5_again_for_a_team_asks_whether_it_is_a_correction_and_never_adds_twice(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, on(app, "DeskScreen"))
        await pilot.press(*"]]]]", "y")  # 个人必答 第5题: 陕西 right (+10); the desk moves on to 河北
        await entered(pilot, src, 1)
        assert app.screen.question == 5 and app.screen.team_idx == 1
        await pilot.press("1", "y")  # back to 陕西, the same question again
        await wait_until(pilot, on(app, "CorrectionDialog"))
        text = screen_text(app)
        assert "本题已为该队记分：是否更正？" in text and "#1 个人必答 陕西 第5题 ST0005 ✓ +10" in text
        await pilot.press("escape")  # not a correction: nothing is sent
        await wait_until(pilot, on(app, "DeskScreen"))
        await pilot.pause(0.1)
        assert len(src.events) == 1 and team_points(src, "陕西") == 10
        await pilot.press("n")  # it was wrong after all: a correction, with the default reason
        await wait_until(pilot, on(app, "CorrectionDialog"))
        await pilot.press("enter")
        await entered(pilot, src, 2)
        fix = src.events[-1]
        assert fix.kind == "answer" and fix.data["replaces"] == 1 and fix.reason == "记分更正"
        assert not fix.data["correct"] and team_points(src, "陕西") == 0
        await wait_until(pilot, lambda: "（更正#1）" in screen_text(app))
        assert app.screen.question == 5 and app.screen.team_idx == 1  # back to where the round stands: 河北


async def test_a_judges_second_mark_for_a_team_is_entered_only_as_a_correction(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, on(app, "DeskScreen"))
        await pilot.press("r", "r", "r", "5", "m", "9", "0", "enter")  # 评委1 marks 山东 90
        await entered(pilot, src, 1)
        app.screen.query_one("#judge").value = "评委1"  # the same judge again, as if mistyped
        await pilot.press("8", "0", "enter")
        await wait_until(pilot, on(app, "CorrectionDialog"))
        assert "该评委已为该队打分：是否更正？" in screen_text(app)
        app.screen.query_one("#reason").value = ""  # an own reason in place of the default
        await pilot.press("enter")
        await pilot.pause()
        assert "请填写理由" in screen_text(app) and len(src.events) == 1  # a correction needs a reason
        await pilot.press(*"评委改分", "enter")
        await entered(pilot, src, 2)
        fix = src.events[-1]
        assert fix.data["replaces"] == 1 and fix.data["mark"] == 80 and team_points(src, "山东") == 80
        assert fix.reason == "评委改分"


async def test_a_question_entered_again_by_another_desk_is_refused_with_the_cores_words(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, on(app, "DeskScreen"))
        await pilot.press("y")  # 陕西 question 1
        await entered(pilot, src, 1)
        result = await src.command("answer", dict(src.events[0].data), "")  # a second desk, unaware
        assert result["code"] == "already_entered" and "如需更正" in result["message_zh"]
        assert team_points(src, "陕西") == 10


async def test_the_desks_help_shows_only_its_own_keys_as_they_are_bound(west):
    app, src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, on(app, "DeskScreen"))
        page = app.screen.help_page()
        await pilot.press("question_mark")
        await wait_until(pilot, on(app, "HelpScreen"))
        text = screen_text(app)
        assert "记分台：按键" in text and "答对 / 答错" in text and "先问是否更正" in text
        for console_only in ("个人排名：/ 搜索", "大屏控制", "定榜", "隔离区", "Keys:"):
            assert console_only not in text
        desk_screen = app.screen_stack[-2]
        app_keys = [b for bs in app._bindings.key_to_bindings.values() for b in bs]  # ?, q, ^q (Textual's quit)
        shown = {app.get_key_display(b) for b in [*desk_screen.BINDINGS, *app_keys]} | {"1–8", "^p"}
        for keys, _what in page.rows:
            assert set(keys.split("/")) <= shown, keys
        assert ("y/n", "答对 / 答错：录入本题；本题已为该队记分时，先问是否更正") in page.rows
        await pilot.press("escape")
        await wait_until(pilot, on(app, "DeskScreen"))
        line = str(app.screen.query_one("#desk_help").render())
        assert "r/⇧R 换轮次" in line and "y 答对 · n 答错" in line and "Y 答对" not in line


async def test_the_desks_help_is_in_english_with_the_switch(west):
    app, src = desk(west, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, on(app, "DeskScreen"))
        await pilot.press("question_mark")
        await wait_until(pilot, on(app, "HelpScreen"))
        text = screen_text(app)
        assert "The scorer's desk: keys" in text and "asks whether this is a" in text
        assert "按键" not in text and "更正" not in text  # (the judge is called 记分员: names stay as typed)


async def test_escape_with_nothing_focused_leaves_the_desk_for_the_ranking(west):
    app, _src = desk(west)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, on(app, "DeskScreen"))
        assert app.screen.focused is None
        await pilot.press("escape")
        await wait_until(pilot, on(app, "RankingScreen"))
