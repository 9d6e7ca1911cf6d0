"""The replay's panel of when each award became certain (screen 5, display/replay/certain.py): its rows are
`scoreboard.certain_since`'s, Enter goes to the moment, and without a paper it says why it is empty."""

from __future__ import annotations

from textual.widgets import DataTable

from display.console.screentext import screen_text
from display.replay.app import make_app
from display.replay.player import read_day
from scoreboard.certain_since import certain_history
from scoreboard.timeline import Timeline

from .test_replay_support import day, day_db, paper_day_db, settle  # noqa: F401 - fixtures

SIZE = (160, 45)


async def open_panel(pilot):
    await pilot.press("5")
    panel = pilot.app.screen.query_one("#certain_panel")
    await settle(pilot, lambda: panel.history is not None, rounds=3000)
    return panel


async def test_each_row_is_a_moment_an_award_became_certain_and_enter_goes_there(paper_day_db):
    day = read_day(paper_day_db)
    ref = certain_history(Timeline(day.rules, day.contestants, day.events))
    app = make_app(day=day, start=0, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        expert = ref.awards["expert"]
        assert expert.steps and panel.history.awards["expert"].steps == expert.steps
        step = expert.steps[1]
        row = panel.moments.index(step.index)
        table = panel.query_one("#certain", DataTable)
        assert f"#{step.event_id}" in [str(c) for c in table.get_row_at(row)]
        assert app.fmt_time(step.at) in [str(c) for c in table.get_row_at(row)]
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot, lambda: app.player.position == step.index)
        assert "何时确定获奖：" in screen_text(app) and "计算中" not in screen_text(app)


async def test_without_a_paper_the_panel_says_why_it_is_empty(day):
    app = make_app(day=day, start=0, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        panel = await open_panel(pilot)
        assert not panel.history.known and not panel.moments
        assert "无法计算：规则未声明试卷结构" in screen_text(app)


async def test_the_panel_speaks_english_on_request(paper_day_db):
    app = make_app(day=read_day(paper_day_db), start=0, scans=False, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_panel(pilot)
        text = screen_text(app)
        assert "When each award became certain:" in text and "place 1 of 20" in text
        assert not any("\u4e00" <= ch <= "\u9fff" for line in text.splitlines() if "place 1 of" in line
                       for ch in line.split("place")[0])  # the award's label in English too
