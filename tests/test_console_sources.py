"""Where the console's data comes from: a contest database followed read-only,
and the table that only touches the cells that changed."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable

from db.store import Store
from db.writer import Writer
from display.console.app import china_tz, make_app
from display.console.fixtures import Clock, loaded, tie_records, wait_until
from display.console.screentext import screen_text
from display.console.source import OfflineSource
from display.console.tablesync import TableSync
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster


def contest_file(tmp_path):
    rules = load_preset("fujian-2024-final")
    people = sample_roster(rules, seed=2024, per_team=3)
    store = Store.create(tmp_path / "c.db", rules, people, "fujian-2024-final")
    return store, people


async def test_the_offline_console_follows_a_database_that_another_process_writes(tmp_path):
    store, people = contest_file(tmp_path)
    records = [rec for _t, rec in tie_records(people)]
    w = Writer(store)
    for rec in records[:60]:
        w.hall("hall-a", rec)
    w.flush()
    app = make_app(OfflineSource(str(tmp_path / "c.db"), poll=0.05, clock=Clock()), clock=Clock(), tz=china_tz())
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_until(pilot, loaded(app))
        assert app.replica.board.last_event_id == 60
        for rec in records[60:]:
            w.hall("hall-a", rec)
        w.flush()
        await wait_until(pilot, lambda: app.replica.board.awards().ties)
        tie = app.replica.board.awards().ties[0]
        w.judge("chief", "李主裁", "decision", {"award": "expert", "group": None, "tied": list(tie.tied),
                                               "outcome": "share"}, "并列")
        w.flush()
        await wait_until(pilot, lambda: not app.replica.board.awards().ties)
        await pilot.press("6")
        await wait_until(pilot, lambda: "文件校验通过" in screen_text(app))
        await pilot.press("5")
        await wait_until(pilot, lambda: "hall-a" in screen_text(app))
        assert str(len(records)) in screen_text(app)  # the acked seq


async def test_the_offline_console_is_read_only(tmp_path):
    contest_file(tmp_path)[0].close()
    app = make_app(OfflineSource(str(tmp_path / "c.db"), poll=0.05), tz=china_tz())
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "AwardsScreen")
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "AwardsScreen"  # no dialog: nothing to send through


class One(App):
    def compose(self):
        yield DataTable()


async def test_a_table_of_1550_places_is_updated_cell_by_cell_never_rebuilt():
    app = One()
    async with app.run_test(size=(120, 40)):
        table = app.query_one(DataTable)
        sync = TableSync(table)
        sync.set_columns([("rank", "rank", 5), ("who", "who", 8), ("total", "total", 7)])
        rows = [(i + 1, f"X{i:04d}", 1550 - i) for i in range(1550)]
        sync.sync([r[1] for r in rows], rows)
        assert table.row_count == 1550
        assert sync.sync([r[1] for r in rows], rows) == 0  # nothing changed: nothing touched
        mover = rows.pop(999)  # the 1000th moves up to 10th: places 10..1000 change
        rows.insert(9, mover)
        rows = [(i + 1, who, tot) for i, (_r, who, tot) in enumerate(rows)]
        touched = sync.sync([r[1] for r in rows], rows)
        assert touched == 2 * 991  # name and total of the 991 places between; ranks stay put
        assert table.row_count == 1550 and str(table.get_row_at(9)[1]) == "X0999"  # a cell holds plain Text
        sync.sync([r[1] for r in rows[:20]], rows[:20])  # a filter: the places beyond go
        assert table.row_count == 20


async def test_the_offline_console_says_at_once_and_keeps_saying_that_the_file_fails_verification(tmp_path):
    import sqlite3

    store, people = contest_file(tmp_path)
    w = Writer(store)
    for rec in [rec for _t, rec in tie_records(people)]:
        w.hall("hall-a", rec)
    w.flush()
    store.close()
    with sqlite3.connect(tmp_path / "c.db") as conn:
        conn.execute("UPDATE events SET data = json_set(data, '$.score', 0) WHERE id = 3")
    app = make_app(OfflineSource(str(tmp_path / "c.db"), poll=0.05, clock=Clock()), clock=Clock(), tz=china_tz())
    told = []
    app.notify = lambda message, **kw: told.append((message, kw.get("severity")))
    async with app.run_test(size=(150, 40)) as pilot:
        await wait_until(pilot, loaded(app))
        await wait_until(pilot, lambda: any("文件校验失败：事件 #3" in m for m, _s in told))
        assert [s for m, s in told if "文件校验失败" in m] == ["error"]
        await pilot.press("3")
        await wait_until(pilot, lambda: "文件校验失败：事件 #3" in screen_text(app))
