"""Marking progress and certainty in the judges' console (issue 15): the 阅卷进度 screen, the 获奖 column and
its filter in the ranking and the awards, since when the list is settled, and the big screen's 确定获奖 marks.

The day is the demo's with its paper declared (`paper_contest`), cut mid-marking: certain, possible and out
all show. What the console shows is checked against the core's own answer (scoreboard/certainty.py)."""

from __future__ import annotations

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import Clock, loaded, paper_contest, settled_paper_contest, tie_contest, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource
from display.console.verdicts import SettledWatch, ranking_verdicts
from scoreboard.board import Board
from scoreboard.certainty import compute_certainty
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

SIZE = (200, 50)


def console(day=None, role="chief", lang="zh"):
    rules, people, events = day or paper_contest()
    src = MemorySource(rules, people, events, role=role, name="李主裁", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz()), src


def core(day=None):
    rules, people, events = day or paper_contest()
    board = Board(rules, people)
    board.apply_all(events)
    return board, compute_certainty(board)


def on(app, name):
    return lambda: app.screen.__class__.__name__ == name


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def status(app) -> str:
    return str(app.screen.query_one("#status").render())


async def press_ok(pilot):
    await pilot.pause(0.3)
    await pilot.click("#ok")


# --- 阅卷进度 -----------------------------------------------------------------------------------
async def test_the_progress_screen_counts_per_section_and_hall_and_names_who_has_not_handed_in():
    app, _ = console()
    board, cert = core()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("8")
        await wait_until(pilot, on(app, "ProgressScreen"))
        text = screen_text(app)
        assert "全场：已评4254/4356题（97.7%），缺102题；66人参赛，36人已全部评完，1人未交卷" in text
        sections = app.screen.sections.rows
        assert [r[0] for r in sections] == ["选择题", "填空题", "简答题", "案例题"]
        assert [(r[1].plain, r[2].plain, r[3].plain) for r in sections][0] == ("2640", "2600", "40")
        halls = {r[0]: tuple(c.plain for c in r[1:]) for r in app.screen.halls.rows}
        assert halls["hall-a"] == ("29", "1899", "15", "0") and halls["尚无成绩"] == ("1", "0", "66", "1")
        assert "未交卷（1人）：FJ0021" in text
        awards = {key: row for key, row in zip(app.screen.awards.keys, app.screen.awards.rows)}
        assert set(awards) == set(cert.awards)
        expert = awards["expert"]
        assert (expert[1].plain, expert[2].plain, expert[3].plain, expert[4]) == \
            ("20", str(len(cert.awards["expert"].certain)), str(len(cert.awards["expert"].possible)), "尚未确定")
        assert awards["organisation"][4] == "由裁判指定"
        assert "名单尚未确定" in text


async def test_the_progress_screen_is_in_the_palette_and_in_english():
    app, _ = console(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Marking progress" in titles
        await pilot.press("8")
        await wait_until(pilot, on(app, "ProgressScreen"))
        text = screen_text(app)
        assert "Not handed in (1): FJ0021" in text and "The list is not yet settled" in text


async def test_the_progress_screen_says_since_when_the_list_is_settled():
    day = settled_paper_contest()
    app, _ = console(day)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("8")
        await wait_until(pilot, on(app, "ProgressScreen"))
        last = day[2][-1]  # the no-show's withdrawal settles it
        await wait_until(pilot, lambda: "名单已全部确定：自" in screen_text(app))
        assert f"名单已全部确定：自{app.stamp(last.at)}（事件#{last.id}）起" in screen_text(app)
        assert {row[4] for key, row in zip(app.screen.awards.keys, app.screen.awards.rows)
                if key != "organisation"} == {"已全部确定"}


async def test_without_a_paper_the_progress_screen_counts_what_is_graded_and_says_why_no_more():
    app, _ = console(tie_contest())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("8")
        await wait_until(pilot, on(app, "ProgressScreen"))
        text = screen_text(app)
        assert "全场：已评99题；33人参赛，0人未交卷" in text and "无法判定：规则未声明试卷" in text
        assert [r[1].plain for r in app.screen.sections.rows] == ["—"] * 4  # nothing expected, nothing missing
        assert not app.screen.query_one("#pg_award_table").display


# --- since when: the search and when it is asked again -------------------------------------------
class _Rep:
    def __init__(self, rules, contestants, events, board):
        self.rules, self.contestants, self.events, self.board = rules, contestants, events, board


def test_the_settled_moment_is_searched_once_and_again_only_after_an_event_that_can_unsettle():
    rules, people, events = settled_paper_contest()
    board = Board(rules, people)
    board.apply_all(events)
    watch, jobs = SettledWatch(), []
    rep = _Rep(rules, people, list(events), board)
    assert watch.since(rep, True, jobs.append) == ("searching", None)
    assert watch.since(rep, True, jobs.append) == ("searching", None) and len(jobs) == 1  # one search at a time
    jobs.pop()()
    assert watch.since(rep, True, jobs.append) == ("yes", events[-1])
    # a judge's view change is no barrier: the answer holds without a search
    from scoreboard.events import Event
    view = Event(events[-1].id + 1, events[-1].at + 5, "view", "judge", None, "李主裁", {"view": "team"})
    rep.events.append(view)
    board.apply(view)
    assert watch.since(rep, True, jobs.append) == ("yes", events[-1]) and not jobs
    # a regrade can unsettle: searched again
    old = next(e for e in events if e.kind == "result")
    regrade = Event(view.id + 1, view.at + 5, "result", old.source, 9999, old.source, dict(old.data))
    rep.events.append(regrade)
    board.apply(regrade)
    assert watch.since(rep, True, jobs.append) == ("searching", None) and len(jobs) == 1
    assert watch.since(rep, False, jobs.append) == ("no", None)


def test_without_the_whole_log_the_moment_is_unknown():
    rules, people, events = settled_paper_contest()
    board = Board(rules, people)
    board.apply_all(events)
    jobs = []
    assert SettledWatch().since(_Rep(rules, people, [], board), True, jobs.append) == ("unknown", None)
    assert not jobs
