"""The replay shows its own keys: its help (`?`), its command palette and the status line under the bar
name what the replay can do, with the keys as they are bound, and none of the console's judges' actions,
its big-screen control or the scorer's desk."""

from __future__ import annotations

import pytest

from display.console.catalogue import msg as console_msg
from display.console.screentext import screen_text
from display.replay.app import make_app, memory_day
from display.replay.controls import KEY_NAMES, STATUS
from scoreboard.events import Event
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster, stage_day

from .test_replay_support import day, day_db, settle  # noqa: F401 - fixtures

SIZE = (150, 42)
# What only a live console offers: its screens the replay has not, the judges' actions, the changes on the day
CONSOLE_ONLY = ["mode_control", "mode_health", "mode_desk", "decide", "confirm", "lock", "unlock", "assign", "revoke",
                "freeze", "unfreeze", "ceremony_next", "ceremony_prev", "disqualify", "reinstate", "withdraw",
                "correct", "substitute"]


@pytest.fixture(scope="module")
def stage_replay_day():
    """An on-stage contest's log (the console would offer its desk: the replay must not)."""
    rules = load_preset("regional-2021-west")
    people = sample_roster(rules)
    events = [Event(i, 1_724_119_200.0 + 30 * i, kind, "judge", None, "记分员", data, "")
              for i, (kind, data) in enumerate(stage_day(rules, people, questions=1, panel=3), start=1)]
    return memory_day(rules, people, events)


def palette(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_palette_offers_the_replays_screens_and_controls_and_nothing_of_the_judges(day, lang):
    app = make_app(day=day, start=len(day.events) // 2, scans=False, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = palette(app)
        for key in CONSOLE_ONLY:
            assert console_msg(key, lang) not in titles, key
        assert not any(t.startswith(console_msg("show_view", lang, view="")) for t in titles)  # 大屏显示：…
        for key in ("mode_history", "mode_changes", "goto", "next_top", "exit_top", "play"):
            assert app.msg(key) in titles, key
        for command in app.palette_commands(app.screen):  # every screen it offers is one the replay has
            if "mode(" in command.help or command.help.split(" · ")[-1] in ("ranking", "teams", "awards"):
                assert command.help.split(" · ")[-1] in app.MODES


async def test_a_replayed_stage_contest_offers_no_desk_by_key_or_by_name(stage_replay_day):
    app = make_app(day=stage_replay_day, start=len(stage_replay_day.events), scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.has_rounds() and "记分台" not in palette(app)
        assert app.check_action("mode", ("desk",)) is False
        await pilot.press("0")  # the console's key for its desk: nothing happens, nothing breaks
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReplayRankingScreen"


async def test_the_replays_help_lists_its_own_keys_each_one_bound(day):
    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        page = app.help_page()
        await pilot.press("question_mark")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen")
        text = screen_text(app)
        assert "回放：按键" in text and "跳到输入的时刻" in text and "何时跌出前N名" in text
        assert console_msg("help_text", "zh").splitlines()[0] not in text  # not the live console's help
        assert "大屏控制：I/T/G/A/N/E" not in text and "4 隔离区 5 数据源" not in text
        active = app.screen_stack[-2].active_bindings
        shown = {app.get_key_display(ab.binding) for ab in active.values()} | {"^p", "空格"}
        for keys, _what in page.rows:
            assert set(keys.replace(" ", "/").split("/")) <= shown, keys


async def test_the_replays_help_is_in_english_with_the_switch(day):
    app = make_app(day=day, start=len(day.events) // 2, scans=False, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen")
        text = screen_text(app)
        assert "Replay: keys" in text and "when the highlighted contestant left the top N" in text
        assert "回放" not in text


@pytest.mark.parametrize("mode", ["1", "2", "3", "4", "5", "6", "7"])
async def test_each_key_the_status_line_names_does_what_it_says_on_every_screen(day, mode):
    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(mode)
        await pilot.pause()
        active = app.screen.active_bindings
        for actions, _word in STATUS:
            for key in app.keys(*actions).split("/"):
                key = next((k for k, (zh, en) in KEY_NAMES.items() if key in (zh, en)), key)
                effective = [ab.binding for ab in active.values()
                             if key in (app.get_key_display(ab.binding), ab.binding.key)]
                assert effective and effective[0].action in actions, (mode, key, effective)
        line = " · ".join(f"{k} {w}" for k, w in app.status_keys())
        assert "g 跳到 · n 前N名变化 · a 奖项变化 · x 跌出前N" in line and "? 帮助" in line
        assert line in screen_text(app).replace("\n", " ") or "g 跳到" in screen_text(app)


async def test_no_key_of_the_judges_actions_shows_on_the_replays_awards(day):
    app = make_app(day=day, start=len(day.events), scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "ReplayAwardsScreen")
        actions = {ab.binding.action for ab in app.screen.active_bindings.values()}
        assert not actions & {"app.decide", "app.confirm", "app.lock", "app.unlock", "app.assign", "app.revoke"}
        await pilot.press("c")  # 确认名单 on a live console: here nothing opens
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReplayAwardsScreen"


async def test_the_big_screen_replays_status_line_names_its_keys_as_bound(day):
    from display.replay.screenapp import ReplayScreenApp

    app = ReplayScreenApp(day, lang="en", start=len(day.events) // 2, animate=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        keys = {k for k, _w in app.status_keys()}
        assert {"g", "n", "a", "x", "Space"} <= keys and not {"G", "N", "A", "X"} & keys
        assert "g go to · n top-N change · a award change · x left top N" in app.text() or \
            "g go to" in screen_text(app)


async def test_the_palette_opens_with_ctrl_p_and_lists_the_replays_entries(day):
    """Opened for real, not only listed: a hook named like Textual's own (`COMMANDS`) once broke it."""
    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette"
                     and app.msg("mode_history") in screen_text(app))
        assert "搜索命令" in screen_text(app)
