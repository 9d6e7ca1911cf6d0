"""The console in a small terminal: each table keeps the columns it is for, the footer keeps help and
quit, and what a narrow table leaves out is shown for the highlighted row. The snapshots
(test_console_snapshots.py, TestSmallTerminals) show it; these fail without anyone looking at them."""

from __future__ import annotations

from rich.cells import cell_len

from display.console.app import china_tz, make_app
from display.console.columns import Col, fit
from display.console.fixtures import QUARANTINE, Clock, loaded, tie_contest, wait_until
from display.console.screens.footer import choose
from display.console.screentext import screen_text
from display.console.source import MemorySource


def console(lang="zh"):
    rules, people, events = tie_contest()
    src = MemorySource(rules, people, events, QUARANTINE, role="chief", name="李主裁", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz())


def on(app, name: str):
    return lambda: app.screen.__class__.__name__ == name


def labels(app, table_id: str) -> list[str]:
    return [str(c.label) for c in app.screen.query_one(f"#{table_id}").columns.values()]


def header_line(app, first: str) -> str:
    """The screen's line that starts a table: the one holding its first column's label."""
    return next(line for line in screen_text(app).splitlines() if line.split()[:1] == [first])


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def settle(pilot) -> None:
    pilot.app.refresh_view(force=True)
    await pilot.pause()
    await pilot.pause()


# --- choosing columns --------------------------------------------------------------------------------
COLS = [Col("rank", "名次", 5), Col("move", "变化", 5, keep=4), Col("name", "姓名", 8),
        Col("s1", "选择题", 7, keep=6), Col("s2", "简答题", 7, keep=6), Col("total", "总分", 7),
        Col("note", "备注", 20, keep=3, min=8, flex=True)]


def test_every_column_shows_at_the_width_it_asks_for_when_there_is_room():
    shown, widths = fit(COLS, 200)
    assert shown == tuple(range(7)) and widths == (5, 5, 8, 7, 7, 7, 20)


def test_columns_give_way_from_the_highest_keep_and_the_rightmost_first():
    need = sum(c.width + 2 for c in COLS)
    shown, _ = fit(COLS, need - 13)  # the note shrinks by 12 at most: one more cell and a section goes
    assert [COLS[i].key for i in shown] == ["rank", "move", "name", "s1", "total", "note"]
    shown, _ = fit(COLS, 43)  # both sections gone; the move stays while the rest fits at its narrowest
    assert [COLS[i].key for i in shown] == ["rank", "move", "name", "total", "note"]
    shown, _ = fit(COLS, 42)
    assert [COLS[i].key for i in shown] == ["rank", "name", "total", "note"]


def test_the_essential_columns_stay_however_narrow_the_table():
    shown, widths = fit(COLS, 10)
    assert [COLS[i].key for i in shown] == ["rank", "name", "total"] and widths == (5, 8, 7)


def test_the_cells_left_over_go_back_to_a_shrunk_column():
    shown, widths = fit(COLS, 7 + 7 + 10 + 9 + 10 + 6)
    assert [COLS[i].key for i in shown] == ["rank", "move", "name", "total", "note"]
    assert widths[-1] == 8 + 6


def test_a_label_longer_than_its_column_widens_it_while_there_is_room():
    cols = [Col("graded", "Graded", 5), Col("name", "Name", 8)]
    assert fit(cols, 100)[1] == (6, 8)
    assert fit(cols, 7 + 10)[1] == (5, 8)


# --- choosing footer keys ------------------------------------------------------------------------------
def test_help_and_quit_stay_in_the_footer_when_nothing_else_fits():
    keys = [("search", 8), ("app.disqualify", 12), ("mode('ranking')", 10), ("help", 8), ("quit", 8)]
    assert choose(keys, 16) == [3, 4]
    assert choose(keys, 30) == [1, 3, 4]  # the chief's key before search


def test_keys_of_one_action_come_and_go_together():
    keys = [("step(1)", 10), ("step(-1)", 10), ("help", 8), ("quit", 8)]
    assert choose(keys, 35) == [2, 3]
    assert choose(keys, 36) == [0, 1, 2, 3]


# --- the console, resized ---------------------------------------------------------------------------
async def test_at_80_by_24_the_ranking_keeps_rank_name_and_total_and_the_footer_help_and_quit():
    app = console()
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_until(pilot, loaded(app))
        assert "选择题" in labels(app, "ranking") and "用时" in labels(app, "ranking")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        shown = labels(app, "ranking")
        assert {"名次", "姓名", "总分"} <= set(shown) and "选择题" not in shown and "用时" not in shown
        head = header_line(app, "名次")
        assert all(word in head for word in ("名次", "姓名", "总分"))
        assert "? 帮助" in footer(app) and "q 退出" in footer(app)
        first = next(line for line in screen_text(app).splitlines() if "FJ0001" in line)
        assert "69" in first.split()  # the leader's total, on screen
        assert "选择题：60" in screen_text(app) and "用时：0:50:00" in screen_text(app)  # the rest, below
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert "选择题" in labels(app, "ranking") and not app.screen.query_one("#more").display


async def test_in_english_at_80_by_24_the_ranking_keeps_rank_name_and_total_and_help_and_quit():
    app = console("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, loaded(app))
        await settle(pilot)
        head = header_line(app, "Rank")
        assert all(word in head for word in ("Rank", "Name", "Total"))
        assert "? Help" in footer(app) and "q Quit" in footer(app)


async def test_every_screen_keeps_help_and_quit_in_the_footer_at_80_columns():
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, loaded(app))
        for key, screen in [("1", "RankingScreen"), ("2", "TeamsScreen"), ("3", "AwardsScreen"),
                            ("4", "QuarantineScreen"), ("5", "HealthScreen"), ("6", "AuditScreen"),
                            ("7", "ControlScreen")]:
            await pilot.press(key)
            await wait_until(pilot, on(app, screen))
            await settle(pilot)
            assert "? 帮助" in footer(app) and "q 退出" in footer(app), screen
            assert cell_len(footer(app)) <= 80
        await pilot.press("1", "enter")
        await wait_until(pilot, on(app, "DetailScreen"))
        await settle(pilot)
        assert all(k in footer(app) for k in ("esc 返回", "? 帮助", "q 退出"))


async def test_the_team_view_keeps_its_members_totals_at_80_columns():
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("2")
        await wait_until(pilot, on(app, "TeamsScreen"))
        await settle(pilot)
        assert {"名次", "姓名", "总分"} <= set(labels(app, "members"))
        leader = next(line for line in screen_text(app).splitlines() if "FJ0001" in line)
        assert leader.split()[-1] == "69"  # 田晓's total, the last thing on the members' line


async def test_at_120_columns_a_cut_award_reason_is_shown_whole_under_the_list():
    app = console()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3")
        await wait_until(pilot, on(app, "AwardsScreen"))
        screen = app.screen
        keys = screen.list.keys
        row = next(i for i, k in enumerate(keys) if k.endswith("|FJ0020"))
        award = next(a for a in app.replica.board.awards().awards if a.recipient == "FJ0020")
        reason = award.why("zh")
        screen.query_one("#list").focus()
        screen.query_one("#list").move_cursor(row=row)
        await settle(pilot)
        line = next(x for x in screen_text(app).splitlines() if " FJ0020 " in x and "岗位练兵明星" in x)
        assert reason not in line and line.rstrip().endswith("…")  # cut in the list...
        assert str(screen.query_one("#why_full").render()) == f"依据：{reason}"  # ...and whole below it


async def test_a_dialog_in_an_80_by_24_terminal_shows_its_buttons():
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3", "d")
        await wait_until(pilot, on(app, "TieDialog"))
        await settle(pilot)
        text = screen_text(app)
        assert "确定" in text and "取消" in text and "FJ0021 于英鹏" in text


async def test_a_tick_at_80_columns_touches_only_the_cells_that_changed():
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, loaded(app))
        await settle(pilot)
        screen = app.screen
        before = len(screen.sync.columns), len(screen.sync.shown)
        screen.sync.sync(list(screen.sync.keys), list(screen.sync.rows))
        assert screen.sync.touched == 0 and before[1] < before[0]
