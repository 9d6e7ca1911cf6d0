"""The replay shows the changes on the day as the console does (it reuses the console's screens): 取消
and its note in the ranking, the corrected name, the change in the audit and the detail; before the
event, the day as it was. Its judges' keys for the changes are not offered (it acts on nothing)."""

from __future__ import annotations

from display.console.fixtures import Clock, tie_contest
from display.console.screentext import screen_text
from display.replay.app import make_app, memory_day
from display.replay.player import Player, describe_event
from scoreboard.events import Event

from .test_replay_support import settle

SIZE = (150, 42)


def the_day():
    rules, people, events = tie_contest()
    at, n = Clock().now, events[-1].id
    changes = [
        Event(n + 1, at, "disqualify", "judge", None, "李主裁", {"exam_no": "FJ0001"}, "违纪：考试中使用手机"),
        Event(n + 2, at + 60, "correct", "judge", None, "张裁判", {"exam_no": "FJ0003", "name": "余燕虹"}, "身份证核对"),
    ]
    return memory_day(rules, people, events + changes), len(events)


def line_of(app, exam_no: str) -> str:
    return next(x for x in screen_text(app).splitlines() if f" {exam_no} " in x)


async def test_the_replay_shows_the_days_changes_where_the_console_does():
    day, before = the_day()
    app = make_app(day=day, start=len(day.events), scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+end")  # the voided are listed last
        await settle(pilot, lambda: " FJ0001 " in screen_text(app))
        line = line_of(app, "FJ0001")
        assert line.split()[0] == "取消" and line.endswith("取消成绩")
        assert "余燕虹" in line_of(app, "FJ0003")
        keys = {k: b.binding.action for k, b in app.screen.active_bindings.items()}
        assert keys["x"] == "exit_top" and "e" not in keys and "w" not in keys  # the replay acts on nothing
        await pilot.press("6")
        await settle(pilot, lambda: "违纪：考试中使用手机" in screen_text(app))
        assert "取消成绩" in next(x for x in screen_text(app).splitlines() if "违纪" in x)
        assert "姓名→余燕虹" in screen_text(app)


async def test_before_the_change_the_replay_shows_the_day_as_it_was():
    day, before = the_day()
    app = make_app(day=day, start=before, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: " FJ0001 " in screen_text(app))
        assert line_of(app, "FJ0001").split()[0] == "1"
        assert "余燕红" in line_of(app, "FJ0003")
        await pilot.press("full_stop")  # one event on: the disqualification
        await settle(pilot, lambda: " FJ0001 " not in screen_text(app))  # gone from the top of the list
        assert line_of(app, "FJ0002").split()[0] == "1"
        await pilot.press("enter")  # FJ0002's detail, who now leads
        await settle(pilot, lambda: app.screen.__class__.__name__ == "ReplayDetailScreen")
        assert "总排名第1名" in screen_text(app) and "FJ0002" in screen_text(app)


def test_the_event_line_names_a_judges_change_in_the_readers_language():
    day, before = the_day()
    player = Player(day.rules, day.contestants, day.events)
    assert describe_event(player, before) == f"事件#{before + 1}（{day.events[before].at}）：李主裁：取消成绩 违纪：考试中使用手机"
    assert describe_event(player, before + 1, "en").endswith("张裁判: contestant corrected 身份证核对")
