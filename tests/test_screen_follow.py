"""The big screen follows the judges: views, the freeze (封榜), the ceremony; it pages long lists,
highlights a row that moves up, and reads its states from the feeder or from a database file.

Waits are bounded loops on a condition (no timed assertions)."""

from __future__ import annotations

import pytest
from textual.widgets import ContentSwitcher, Static

from db.store import Store
from db.writer import Writer
from display.screen.app import demo_app, make_app
from display.screen.public import live_message
from display.screen.rehearsal import FIXED_NOW, Rehearsal, finished_day, with_view
from display.screen.sources import DbSource, LiveSource
from display.screen.widgets import PagedTable
from feeder.client import ViewClient
from scoreboard.ceremony import board_sequence
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster

from .feeder_support import DISPLAY, JUDGE, make_db, running

SIZE = (160, 45)


async def until(pilot, cond, rounds: int = 1500):
    for _ in range(rounds):
        if cond():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never reached the expected state")


def app_for(msg=None, **kw):
    return make_app(msg, animate=False, now=lambda: FIXED_NOW, min_interval=0, **kw)


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def leader(app, view: str = "individual", n: int = 1) -> str:
    return text_of(app, f"#{view} .leader-{n} .leader-name")


@pytest.fixture(scope="module")
def midday():
    day = Rehearsal()
    day.hall_until(0.5)
    return day


async def test_a_judges_view_command_switches_the_screens_view(midday):
    app = app_for(with_view(midday.public(), "individual"))
    async with app.run_test(size=SIZE) as pilot:
        assert app.query_one(ContentSwitcher).current == "individual"
        app.receive(with_view(midday.public(), "team"))
        await until(pilot, lambda: app.query_one(ContentSwitcher).current == "team")
        assert "团体排名" in text_of(app, "#view-name")
        group = midday.rules.groups[2]
        app.receive(with_view(midday.public(), "group", group))
        await until(pilot, lambda: app.query_one(ContentSwitcher).current == "group")
        assert group in text_of(app, "#view-name")


async def test_a_mark_after_the_freeze_is_not_on_the_frozen_screen_but_is_in_the_judges_standings():
    day = Rehearsal()
    day.hall_until(0.5)
    before = day.board.standings().rows
    leader_then = before[0].name
    last = next(r for r in reversed(before) if r.graded > 0)
    day.judge("freeze", {}, reason="最后半小时封榜")
    day.mark(last.exam_no, "case-09", "case", 100.0, 100.0)
    public, judges = day.public(), live_message(day.board, latest=day.latest.rows())
    assert day.board.standings().rows[0].exam_no == last.exam_no  # live: the late mark leads
    frozen_app = app_for(public)
    async with frozen_app.run_test(size=SIZE):
        assert leader(frozen_app).endswith(leader_then)
        assert frozen_app.state.by_exam[last.exam_no]["total"] == last.total / 100
        assert "封榜" in text_of(frozen_app, "#badge")
        assert "案例题第9题" not in frozen_app.text()
    judges_app = app_for(judges)
    async with judges_app.run_test(size=SIZE):
        assert leader(judges_app).endswith(last.name)
        assert "案例题第9题" in judges_app.text()  # the ticker


async def test_unfreezing_shows_the_marks_held_back():
    day = Rehearsal()
    day.hall_until(0.5)
    day.judge("freeze", {})
    last = next(r for r in reversed(day.board.standings().rows) if r.graded > 0)
    day.mark(last.exam_no, "case-09", "case", 100.0, 100.0)
    app = app_for(day.public())
    async with app.run_test(size=SIZE) as pilot:
        assert not leader(app).endswith(last.name)
        day.judge("unfreeze", {})
        app.receive(day.public())
        await until(pilot, lambda: leader(app).endswith(last.name))
        assert "实时" in text_of(app, "#badge")


async def test_a_row_that_moves_up_is_highlighted(midday):
    day = Rehearsal()
    day.hall_until(0.5)
    app = app_for(day.public())
    async with app.run_test(size=SIZE) as pilot:
        rows = day.board.standings().rows
        climber = rows[60]
        target = rows[10].total - climber.total + 50  # lands between 4th and 10th
        day.mark(climber.exam_no, "case-09", "case", target / 100, 100.0)
        app.receive(day.public())
        await until(pilot, lambda: ("i", climber.exam_no) in app.highlight)
        table = app.query_one("#individual-table", PagedTable)
        moved = [line for line in table.lines if line.kind == "moved"]
        assert [line.cells[1] for line in moved][:1] == [climber.name]


async def test_long_lists_turn_their_pages(midday):
    app = app_for(with_view(midday.public(), "individual"))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one("#individual-table", PagedTable)
        assert table.pages > 1 and table.page == 0
        app.turn_pages()
        await pilot.pause()
        assert table.page == 1
        assert f"第 2/{table.pages} 页" in app.text()


@pytest.fixture(scope="module")
def locked_day():
    day = finished_day()
    day.view("ceremony")
    return day


async def test_the_ceremony_steps_from_the_console_to_the_honours_list(locked_day):
    seq = board_sequence(locked_day.board)
    final = locked_day.public()
    app = app_for(with_view(final, "ceremony", step=-1))
    async with app.run_test(size=SIZE) as pilot:
        view = app.query_one("#ceremony")
        assert view.has_class("-notice") and "颁奖典礼" in text_of(app, "#cer-notice")
        app.receive(with_view(final, "ceremony", step=0))
        await until(pilot, lambda: view.has_class("-reveal"))
        assert "团体三等奖" in text_of(app, "#cer-award")
        assert text_of(app, "#cer-cards .rc .rc-name").replace(" ", "") == seq[0].recipients[0].name
        app.receive(with_view(final, "ceremony", step=len(seq) - 2))
        await until(pilot, lambda: "第1名" in text_of(app, "#cer-place"))
        assert "人社知识通" in text_of(app, "#cer-award")
        app.receive(with_view(final, "ceremony", step=len(seq) - 1))
        await until(pilot, lambda: view.has_class("-honours"))
        assert "光荣榜" in text_of(app, "#cer-honours-title")


async def test_the_ceremony_reveals_nothing_before_the_lock(midday):
    app = app_for(with_view(midday.public(), "ceremony", step=3))
    async with app.run_test(size=SIZE):
        assert app.query_one("#ceremony").has_class("-notice")
        assert "尚未锁定" in text_of(app, "#cer-notice")


async def test_a_frozen_screen_asks_for_the_unfreeze_before_the_ceremony():
    day = finished_day(lock=False)
    day.judge("freeze", {})
    day.lock()
    day.view("ceremony")
    app = app_for(with_view(day.public(), "ceremony", step=0))
    async with app.run_test(size=SIZE):
        assert "解除封榜" in text_of(app, "#cer-notice")


async def test_the_screen_follows_a_database_file(tmp_path):
    rules = load_preset("fujian-2024-final")
    roster = sample_roster(rules, per_team=3)
    store = Store.create(tmp_path / "c.db", rules, roster, "fujian-2024-final")
    writer = Writer(store)
    records = exam_day(rules, roster)
    for _t, rec in records[:400]:
        writer.hall("hall-a", rec)
    writer.flush()
    app = app_for(source=DbSource(str(tmp_path / "c.db"), poll=0.05))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.state is not None)
        assert app.state.standings["event_id"] == 400
        writer.judge("chief", "李主裁", "freeze", {}, "封榜")
        for _t, rec in records[400:800]:
            writer.hall("hall-a", rec)
        writer.judge("judge", "张裁判", "view", {"view": "latest"})
        writer.flush()
        await until(pilot, lambda: app.query_one(ContentSwitcher).current == "latest")
        assert app.state.frozen and app.state.standings["event_id"] == 400  # as at the freeze: no later mark
    store.close()


async def test_the_screen_follows_the_feeder_and_a_judges_commands(tmp_path):
    db = make_db(tmp_path)
    async with running(db) as (_feeder, url):
        app = demo_app(url, DISPLAY[1], name=DISPLAY[0])  # what 'scoreboard demo --screen' opens
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.state is not None)
            judge = ViewClient(url, JUDGE[1], JUDGE[0], role="judge")
            await judge.connect()
            try:
                assert (await judge.command("view", {"view": "team"}))["ok"]
                await until(pilot, lambda: app.query_one(ContentSwitcher).current == "team")
                assert (await judge.command("freeze", {}))["ok"]
                await until(pilot, lambda: app.state.frozen)
                assert "封榜" in text_of(app, "#badge")
            finally:
                await judge.close()


async def test_a_refused_token_ends_the_screen_with_the_reason(tmp_path):
    db = make_db(tmp_path)
    async with running(db) as (_feeder, url):
        app = app_for(source=LiveSource(url, "not-the-right-token", DISPLAY[0], retry=0.05))
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.return_code is not None)
        assert app.return_code == 2


async def test_a_list_that_differs_from_its_lock_is_never_shown_as_final():
    day = finished_day()
    msg = day.public()
    msg["view"] = {"view": "awards"}
    msg["control"] = {**msg["control"], "view": {"view": "awards"}}
    msg["awards"] = {**msg["awards"], "lock_mismatch": "0123456789abcdef"}
    app = app_for(msg)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "名单与定榜记录不符" in text_of(app, "#awards-status"))
        assert "定榜）" not in text_of(app, "#awards-status")
