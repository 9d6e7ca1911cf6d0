"""The judges' console, the big screen and the replay show the contest's clock and say its zone, whatever
the machine's zone; a time typed into the replay is read on it, as `standings --at` reads it."""

from __future__ import annotations

import json
import zoneinfo
from datetime import datetime

import pytest
from click.testing import CliRunner

from display.cli import cli
from display.console.app import make_app
from display.console.fixtures import Clock, loaded, tie_contest, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource
from display.replay.goto import parse_moment as position_of
from display.replay.player import parse_from, read_day
from display.replay.sampledb import T0, build_day
from display.screen.app import make_app as screen_app
from display.screen.cli import _exam_window
from display.screen.public import LatestResults, public_message
from display.screen.state import PublicState
from scoreboard import clock
from scoreboard.board import Board
from scoreboard.rules import load_rules, preset_text

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
T_LOCK = datetime(2024, 8, 20, 11, 0, tzinfo=SHANGHAI).timestamp()
T_1036 = datetime(2024, 8, 20, 10, 36, tzinfo=SHANGHAI).timestamp()
SIZE = (150, 42)


def on(zone, at: float) -> str:
    return datetime.fromtimestamp(at, zone).strftime("%H:%M:%S")


def new_york_rules():
    return load_rules('timezone = "America/New_York"\n' + preset_text("fujian-2024-final"))


# --- the judges' console ----------------------------------------------------------------------
async def lock_the_list(src: MemorySource) -> None:
    """Settle the tie, confirm and lock, as the chief would (at the source's clock: 11:00 Beijing time)."""
    tie = src.server.awards().ties[0]
    for kind, data in (("decision", {"award": tie.award_id, "group": tie.group, "tied": list(tie.tied),
                                     "outcome": "order", "order": sorted(tie.tied)}),
                       ("confirm", {"digest": None}), ("lock", {"digest": None})):
        if "digest" in data:
            data["digest"] = src.server.awards().digest
        assert (await src.command(kind, data, "定榜" if kind == "lock" else "加赛"))["ok"]


@pytest.mark.parametrize("lang, footer, locked", [
    ("zh", "· 北京时间 {t}", "李主裁于北京时间 11:00:00定榜：定榜"),
    ("en", "· {t} Beijing time", "locked by 李主裁 at 11:00:00 Beijing time: 定榜"),
])
async def test_the_console_footer_and_the_lock_message_are_beijing_time(machine_zone, lang, footer, locked):
    rules, people, events = tie_contest()  # from 09:00 Beijing time; no zone given to the app
    src = MemorySource(rules, people, events, role="chief", name="李主裁", clock=Clock(T_LOCK))
    app = make_app(src, lang=lang, clock=Clock(T_LOCK))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        assert footer.format(t=on(SHANGHAI, events[-1].at)) in screen_text(app)
        await lock_the_list(src)
        await wait_until(pilot, lambda: app.replica.board.awards().locked)
        await pilot.press("3")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "AwardsScreen")
        await pilot.pause()
        assert locked in screen_text(app)
        await pilot.press("6")  # the audit: its time column says the zone, its times are on it
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "AuditScreen")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if ("操作" if lang == "zh" else "Action") in line)
        assert ("北京时间" if lang == "zh" else "Beijing time") in header
        assert any(" 11:00:00 " in line and "李主裁" in line for line in lines)


async def test_a_console_of_another_contest_shows_its_clock(machine_zone):
    _, people, events = tie_contest()
    app = make_app(MemorySource(new_york_rules(), people, events, clock=Clock()), clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        assert f"America/New_York {on(NEW_YORK, events[-1].at)}" in screen_text(app)  # 21:10:55, the 19th


# --- the replay -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def day_db(tmp_path_factory):
    """A locked day from 07:36 to about 11:48 Beijing time (the first record is the 19th in UTC)."""
    path = tmp_path_factory.mktemp("clock") / "day.db"
    build_day(path, per_team=3, items=12, freeze_at=None, lock=True, t0=T0 - 9000)
    return str(path)


def test_replay_from_a_time_agrees_with_standings_at_that_time(day_db, machine_zone):
    day = read_day(day_db)
    index = parse_from("10:36", day)
    assert 0 < index < len(day.events)
    assert day.events[index - 1].at <= T_1036 < day.events[index].at
    out = CliRunner().invoke(cli, ["standings", day_db, "--json", "--at", "10:36"], catch_exceptions=False)
    assert json.loads(out.output)["event_id"] == day.events[index - 1].id
    assert position_of("10:36", day.events, clock.contest_zone(day.rules)) == index  # the G key's dialog
    assert parse_from("2024-08-20T10:36", day) == index


async def test_the_replayed_moment_is_shown_in_beijing_time_and_says_so(day_db, machine_zone):
    from display.replay.app import make_app as replay_app

    day = read_day(day_db)
    app = replay_app(day=day, start=parse_from("10:36", day), scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = on(SHANGHAI, app.player.clock)
        assert "10:30:00" < shown <= "10:36:00"
        lines = screen_text(app).splitlines()
        assert any(line.strip().startswith("⏸") and f" {shown} " in line for line in lines)  # the timeline bar
        assert any(f"· 北京时间 {shown}" in line for line in lines)  # the status line says the zone


# --- the big screen ---------------------------------------------------------------------------
def public_of(rules, events) -> dict:
    board, latest = Board(rules, tie_contest()[1]), LatestResults()
    for ev in events:
        board.apply(ev)
        latest.add(board, ev)
    return public_message(board, "zh", latest.rows())


@pytest.mark.parametrize("make_rules, zone, label", [(lambda: tie_contest()[0], SHANGHAI, "北京时间"),
                                                     (new_york_rules, NEW_YORK, "America/New_York")])
async def test_the_big_screen_clock_and_ticker_times_are_the_contest_clock(machine_zone, make_rules, zone, label):
    _, _, events = tie_contest()
    msg = public_of(make_rules(), events)
    msg["control"]["view"] = {"view": "latest"}
    app = screen_app(msg, now=lambda: T_1036, animate=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        from display.screen.widgets import ExamClock

        assert app.query_one(ExamClock).reading() == (label, on(zone, T_1036))
        assert on(zone, events[-1].at) in app.text()  # the latest results' times


async def test_with_an_exam_countdown_the_screen_still_says_the_zone_of_its_times(machine_zone):
    from display.screen.widgets import ExamClock

    rules, _, events = tie_contest()
    app = screen_app(public_of(rules, events), now=lambda: T_1036, animate=False,
                     exam=_exam_window("10:00", 120, None))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.query_one(ExamClock).reading() == ("距考试结束", "01:24:00")
        assert f"更新于 北京时间 {on(SHANGHAI, events[-1].at)}" in app.text()


def test_the_exam_window_typed_on_the_screen_is_on_the_contest_clock(machine_zone):
    window = _exam_window("10:00", 120, "2024-08-20")
    start, end = window.span(SHANGHAI, T_1036)
    assert start == datetime(2024, 8, 20, 10, tzinfo=SHANGHAI).timestamp() and end - start == 7200
    today = _exam_window("10:00", None, None)  # today on the contest's clock: the 20th, though the 19th in NY
    assert today.span(SHANGHAI, T_1036 - 10 * 3600)[0] == start
    ny_start, _ = window.span(NEW_YORK, T_1036)
    assert ny_start == datetime(2024, 8, 20, 10, tzinfo=NEW_YORK).timestamp()


def test_a_screen_whose_machine_lacks_the_contest_zone_shows_utc_and_says_so(monkeypatch):
    def missing(key):
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(clock, "ZoneInfo", missing)
    state = PublicState.parse({"standings": {"timezone": "Europe/Paris"}})
    assert clock.zone_label(state.zone) == "UTC"  # never a wrong zone labelled as the contest's
    assert clock.zone_label(PublicState.parse({"standings": {"timezone": "Asia/Shanghai"}}).zone) == "北京时间"
