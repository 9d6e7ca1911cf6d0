"""The changes on the day on the big screen: a voided row shows 取消/缺考 in place of its rank at the
bottom and is never a leader, a corrected name is what the ticker, the latest results and the ceremony
show, a substitute shows 替补. The public states are the rehearsal's (the feeder's own builder)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from display.screen.app import make_app
from display.screen.public import public_message
from display.screen.rehearsal import FIXED_NOW, Rehearsal, finished_day, with_view
from display.screen.widgets import PagedTable
from scoreboard.board import Board
from scoreboard.ceremony import board_sequence
from scoreboard.events import Event
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster, stage_day

SIZE = (160, 45)


def app_for(msg):
    return make_app(msg, animate=False, now=lambda: FIXED_NOW, min_interval=0)


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


def cells(app, table: str) -> list[tuple[str, ...]]:
    """Every line of a paged table (all pages), as plain text."""
    return [tuple(str(c) for c in line.cells) for line in app.query_one(table, PagedTable).lines]


async def last_page(pilot, table: str) -> None:
    widget = pilot.app.query_one(table, PagedTable)
    widget.page = widget.pages - 1
    widget.refresh()
    await pilot.pause()


@pytest.fixture
def midday():
    day = Rehearsal()
    day.hall_until(0.5)
    return day


async def test_a_disqualified_leader_shows_as_cancelled_at_the_bottom_and_the_next_one_leads(midday):
    rows = midday.board.standings().rows
    first, second = rows[0], rows[1]
    midday.judge("disqualify", {"exam_no": first.exam_no}, reason="违纪")
    app = app_for(with_view(midday.public(), "individual"))
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#individual .leader-1 .leader-name") == f"第1名  {second.name}"
        table = cells(app, "#individual-table")
        assert table[-1][:2] == ("取消", first.name)
        assert all(line[1] != first.name for line in table[:-1])
        await last_page(pilot, "#individual-table")
        line = next(x for x in app.text().splitlines() if first.name in x)
        assert line.split()[0] == "取消"


async def test_a_voided_contestant_is_never_a_leader_even_when_few_are_marked():
    day = Rehearsal()
    first, second = day.roster[0], day.roster[1]
    day.mark(first.exam_no, "case-01", "case", 9.0, 10.0, at=FIXED_NOW)
    day.mark(second.exam_no, "case-01", "case", 8.0, 10.0, at=FIXED_NOW + 1)
    day.judge("disqualify", {"exam_no": first.exam_no}, reason="违纪")
    app = app_for(with_view(day.public(), "individual"))
    async with app.run_test(size=SIZE):
        assert text_of(app, "#individual .leader-1 .leader-name") == f"第1名  {second.name}"
        assert not app.query_one("#individual .leader-2").display
        assert cells(app, "#individual-table") == [("取消", first.name, first.team, first.unit, "0", "0", "0", "9", "9")]
        assert "第0名" not in app.text()
    assert first.group == second.group
    app = app_for(with_view(day.public(), "group", first.group))
    async with app.run_test(size=SIZE):
        assert text_of(app, "#group .leader-1 .leader-name") == f"第1名  {second.name}"
        assert [line[:2] for line in cells(app, "#group-table")] == [("取消", first.name)]


async def test_a_withdrawn_contestant_without_marks_is_listed_as_absent(midday):
    st = midday.board.standings()
    absent = next(r for r in st.rows if r.graded == 0)
    before = with_view(midday.public(), "individual")
    assert absent.exam_no not in {r["exam_no"] for r in before["standings"]["individual"] if r["graded"]}
    midday.judge("withdraw", {"exam_no": absent.exam_no}, reason="未到场")
    app = app_for(with_view(midday.public(), "individual"))
    async with app.run_test(size=SIZE):
        assert cells(app, "#individual-table")[-1][:2] == ("缺考", absent.name)


async def test_the_group_ranking_shows_the_void_and_no_overall_rank(midday):
    st = midday.board.standings()
    group = midday.rules.groups[1]
    leader = st.groups[group][0]
    midday.judge("correct", {"exam_no": leader.exam_no, "flags": {"national_title": True}}, reason="复核")
    app = app_for(with_view(midday.public(), "group", group))
    async with app.run_test(size=SIZE):
        assert leader.name not in text_of(app, "#group .leader-1 .leader-name")
        line = cells(app, "#group-table")[-1]
        assert (line[0], line[1], line[-1]) == ("取消", leader.name, "—")


async def test_a_row_voided_is_not_highlighted_as_moving_up(midday):
    rows = midday.board.standings().rows
    app = app_for(with_view(midday.public(), "individual"))
    async with app.run_test(size=SIZE) as pilot:
        midday.judge("disqualify", {"exam_no": rows[5].exam_no}, reason="违纪")
        app.receive(with_view(midday.public(), "individual"))
        await pilot.pause(0.1)
        assert ("i", rows[6].exam_no) in app.highlight  # the next one moved up
        assert ("i", rows[5].exam_no) not in app.highlight  # rank 0 is not a better place


async def test_the_ticker_and_the_latest_results_use_the_corrected_name():
    day = Rehearsal()
    day.hall_until(0.3)
    who = day.events[-1].data["contestant"]
    old = day.board.contestants[who].name
    day.judge("correct", {"exam_no": who, "name": "欧阳新名"}, reason="身份证核对")
    app = app_for(with_view(day.public(), "latest"))
    async with app.run_test(size=SIZE):
        assert "欧阳新名" in str(app.query_one("#ticker").render())
        assert old not in str(app.query_one("#ticker").render())
        assert cells(app, "#latest-table")[0][1] == "欧阳新名"


async def test_the_ceremony_reveals_the_corrected_name():
    day = finished_day(lock=False)
    day.settle_ties()
    top = day.board.awards().by_award("expert")[0].recipient
    day.judge("correct", {"exam_no": top, "name": "郑更正"}, reason="证书姓名核对")
    day.lock()
    day.view("ceremony")
    seq = board_sequence(day.board)
    step = next(r.index for r in seq if r.award == "expert" and any(x.recipient == top for x in r.recipients))
    app = app_for(with_view(day.public(), "ceremony", step=step))
    async with app.run_test(size=SIZE):
        assert text_of(app, "#cer-cards .rc .rc-name").replace(" ", "") == "郑更正"


async def test_a_substitute_shows_as_such_on_the_screens_group_ranking():
    rules = load_preset("regional-2021-west")
    people = sample_roster(rules)
    board = Board(rules, people)
    board.apply(Event(1, FIXED_NOW, "substitute", "judge", None, "陈主裁",
                      {"out": "ST0002", "in": "ST0007", "from_round": "must"}, "伤病"))
    for i, (kind, data) in enumerate(stage_day(rules, people)[:20], start=2):
        if data.get("contestant") == "ST0002":
            data = {**data, "contestant": "ST0007", "correct": True}  # the substitute answers, and scores
        board.apply(Event(i, FIXED_NOW + i, kind, "judge", None, "记分员", data, ""))
    msg = with_view(public_message(board, "zh", []), "group", "陕西")
    app = app_for(msg)
    async with app.run_test(size=SIZE):
        names = [text_of(app, f"#group .leader-{i} .leader-name") for i in (1, 2, 3)]
        names += [line[1] for line in cells(app, "#group-table")]
        assert any(n.endswith("杜子兰（替补）") for n in names)
        assert not any("钱子萍（替补）" in n for n in names)
