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


# --- the ranking ------------------------------------------------------------------------------
async def test_the_ranking_shows_each_contestants_first_prize_within_reach_and_filters_by_it():
    app, _ = console()
    board, cert = core()
    want = ranking_verdicts(board.rules, cert)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        sync = app.screen.sync
        cert_col = [c.key for c in sync.columns].index("cert")
        shown = {key: row[cert_col] for key, row in zip(sync.keys, sync.rows)}
        assert shown == {e: want.get(e, ("out", None))[0] for e in board.contestants}
        assert {"certain", "possible", "out"} == set(shown.values())  # mid-marking: all three
        line = next(x for x in screen_text(app).splitlines() if "FJ0024" in x)
        assert "确定" in line and "全省“人社知识通”" in line
        for word, verdict in (("确定", "certain"), ("可能", "possible"), ("无望", "out")):
            await pilot.press("f")
            await pilot.pause()
            assert set(sync.keys) == {e for e, v in shown.items() if v == verdict}
            assert f"显示{len(sync.keys)}/66人（{word}）" in status(app)
        await pilot.press("f")
        await pilot.pause()
        assert len(sync.keys) == 66 and "（" not in status(app).split("·")[0]


async def test_the_ranking_filter_keeps_the_view_and_the_search():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("v")  # by team: 福州 first
        await pilot.press("f")
        await pilot.pause()
        rows = [app.replica.st.by_exam[e] for e in app.screen.sync.keys]
        assert rows and all(r.team == "福州" for r in rows)
        assert all(app.screen.verdict_of(r)[0] == "certain" for r in rows)


async def test_without_a_paper_the_ranking_says_so_instead_of_a_column_of_blanks():
    app, _ = console(tie_contest())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        assert "cert" not in [c.key for c in app.screen.sync.columns]
        assert status(app).endswith("无法判定：规则未声明试卷")
        await pilot.press("f")
        await pilot.pause()
        assert "无法判定：规则未声明试卷" in notices(app)
        assert len(app.screen.sync.keys) == 33


async def test_a_settled_list_is_said_in_the_status_line_with_its_moment():
    day = settled_paper_contest()
    app, _ = console(day)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        at = app.fmt_time(day[2][-1].at)
        await wait_until(pilot, lambda: f"获奖已全部确定（自{at}起）" in status(app))
        await pilot.press("3")
        await wait_until(pilot, on(app, "AwardsScreen"))
        assert status(app) == f"获奖把握：全部 · 获奖已全部确定（自{at}起）"


async def test_an_on_stage_contest_has_no_certainty_column_key_or_word():
    rules = load_preset("regional-2021-west")
    app, _ = console((rules, sample_roster(rules), []))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        assert "cert" not in [c.key for c in app.screen.sync.columns]
        assert "无法判定" not in status(app)
        assert app.screen.check_action("cycle_certainty", ()) is False


# --- the awards -------------------------------------------------------------------------------
async def test_the_awards_say_each_holders_certainty_and_list_everyone_of_a_verdict():
    app, _ = console()
    board, cert = core()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3")
        await wait_until(pilot, on(app, "AwardsScreen"))
        lst = app.screen.list
        col = [c.key for c in lst.columns].index("cert")
        for key, row in zip(lst.keys, lst.rows):
            award, recipient = key.split("|", 1)
            assert row[col] == cert.detail[(award, recipient)].verdict
        assert status(app).startswith("获奖把握：全部 · ") and "个奖项尚未确定" in status(app)
        for word, verdict in (("确定", "certain"), ("可能", "possible"), ("无望", "out")):
            await pilot.press("f")
            await pilot.pause()
            want = {f"{aid}|{x}" for aid, ac in cert.awards.items() if not ac.judges for x in getattr(ac, verdict)}
            assert set(lst.keys) == want and {row[col] for row in lst.rows} == {verdict}
            assert status(app).startswith(f"获奖把握：{word}")
        first = next(i for i, key in enumerate(lst.keys) if key.startswith("expert|"))
        assert lst.rows[first][-1].startswith("已无缘全省“人社知识通”")  # the core's reason, without its mark


async def test_the_awards_in_english():
    app, _ = console(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3")
        await wait_until(pilot, on(app, "AwardsScreen"))
        text = screen_text(app)
        assert "Certainty" in text and "certain" in text and "certainty: all" in text


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


# --- the big screen's 确定获奖 marks --------------------------------------------------------------
@pytest.mark.parametrize("role", ["judge", "chief"])
async def test_a_judge_turns_the_marks_on_with_a_confirmation_and_off_at_once(role):
    app, src = console(role=role)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("7")
        await wait_until(pilot, on(app, "ControlScreen"))
        assert "不标注确定获奖" in screen_text(app)
        await pilot.press("m")
        await wait_until(pilot, on(app, "ReasonDialog"))
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.control.mark_certain)
        assert src.events[-1].kind == "mark_certain" and src.events[-1].data == {"on": True}
        await wait_until(pilot, lambda: "· 标注确定获奖 ·" in screen_text(app))
        assert "停止标注确定获奖" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("m")  # off: no dialog
        await wait_until(pilot, lambda: not app.replica.board.control.mark_certain)
        assert src.events[-1].data == {"on": False}
        await pilot.press("6")
        await wait_until(pilot, lambda: "确定获奖标注" in screen_text(app))  # the audit names the action


async def test_the_marks_are_refused_while_the_screen_is_frozen():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await src.command("freeze", {}, "最后半小时")
        await wait_until(pilot, lambda: app.replica.board.control.frozen_at is not None)
        await pilot.press("7", "m")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ControlScreen"  # no dialog, nothing sent
        assert src.events[-1].kind == "freeze"
        assert "封榜期间不能开启“确定获奖”标注：请先解除封榜（Shift+F）" in notices(app)
        await app.run_action("mark_certain")  # the palette's way is the same action
        await pilot.pause()
        assert src.events[-1].kind == "freeze"


async def test_the_marks_need_a_paper():
    app, src = console(tie_contest())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("7", "m")
        await pilot.pause()
        assert "无法判定：规则未声明试卷" in notices(app) and not src.events[-1].kind == "mark_certain"
