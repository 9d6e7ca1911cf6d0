"""The changes on the day in the judges' console (display/console/dayactions.py, screens/daydialogs.py):
each made from the ranking or the detail with a dialog and a reason, answered by the source with the
feeder's checks, and then visible wherever the contestant appears (ranking, detail, audit, the desk)."""

from __future__ import annotations

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import QUARANTINE, Clock, loaded, tie_contest, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

SIZE = (150, 42)


def console(role="chief", lang="zh", name="李主裁"):
    rules, people, events = tie_contest()
    src = MemorySource(rules, people, events, QUARANTINE, role=role, name=name, clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz()), src


def notices(app) -> list[str]:
    """Every notice the console gives from now on (the judge reads them as toasts)."""
    said: list[str] = []
    shown = app.notify

    def notify(message, **kw):
        said.append(message)
        shown(message, **kw)

    app.notify = notify
    return said


def on(app, name: str):
    return lambda: app.screen.__class__.__name__ == name


async def press_ok(pilot):
    await pilot.pause(0.3)  # the layout settles and a button just pressed is active again (Button: 0.2 s)
    await pilot.click("#ok")


async def change(pilot, key: str, reason: str, **fields):
    """Press the action's key, fill the dialog (fields by widget id) and the reason, press OK."""
    app = pilot.app
    await pilot.press(key)
    await wait_until(pilot, on(app, "ChangeDialog"))
    for wid, value in fields.items():
        app.screen.query_one(f"#{wid}").value = value
    app.screen.query_one("#reason").value = reason
    await press_ok(pilot)


def line_of(app, exam_no: str) -> str:
    """The first line that names `exam_no` in its own column (not in another's note)."""
    return next(x for x in screen_text(app).splitlines() if f" {exam_no} " in x)


def line_with(app, text: str) -> str:
    return next(x for x in screen_text(app).splitlines() if text in x)


def ranking_lines(app) -> list[str]:
    return [x for x in screen_text(app).splitlines() if " FJ00" in x]


async def test_the_chief_disqualifies_the_leader_and_the_next_one_moves_up():
    app, src = console()
    said = notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("x")  # the cursor is on the leader, FJ0001
        await wait_until(pilot, on(app, "ChangeDialog"))
        assert "FJ0001" in screen_text(app) and "第1名" in screen_text(app)
        await press_ok(pilot)
        await pilot.pause()
        assert "理由" in str(app.screen.query_one("#error").render())  # no reason: refused in the dialog
        app.screen.query_one("#reason").value = "违纪：考试中使用手机"
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.st.rows[0].exam_no == "FJ0002")
        ev = src.events[-1]
        assert (ev.kind, ev.data, ev.actor, ev.reason) == ("disqualify", {"exam_no": "FJ0001"}, "李主裁",
                                                           "违纪：考试中使用手机")
        lines = ranking_lines(app)
        assert lines[0].split()[:2] == ["1", "↑1"] and "FJ0002" in lines[0]
        assert lines[-1].split()[:2] == ["取消", "FJ0001"] and lines[-1].endswith("取消成绩")
        assert said == [f"已记录：取消成绩（事件#{ev.id}）"]


async def test_a_judge_is_told_the_chiefs_actions_are_the_chiefs():
    app, src = console(role="judge", name="张裁判")
    said = notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        n = len(src.events)
        await pilot.press("x")
        await pilot.pause(0.2)
        assert on(app, "RankingScreen")() and len(src.events) == n  # no dialog, nothing sent
        app.action_disqualify()  # what the key would do if it were not shown disabled
        await pilot.pause(0.2)
        assert on(app, "RankingScreen")() and said == ["仅总裁判长可执行"]
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "缺考/弃权" in titles and "更正" in titles and "取消成绩" not in titles


async def test_a_judge_who_marks_a_contestant_ineligible_gets_the_servers_refusal():
    app, src = console(role="judge", name="张裁判")
    said = notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        n = len(src.events)
        await change(pilot, "e", "复核发现曾获全国人社知识通", **{"flag-national_title": True})
        await wait_until(pilot, lambda: app.results)
        assert app.results[-1]["code"] == "forbidden" and len(src.events) == n
        assert said == ["未执行：无权操作：只有裁判长可以取消选手资格"]
        assert not app.replica.board.status("FJ0001")


async def test_a_corrected_name_shows_in_the_ranking_and_in_the_detail():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("down", "down")  # FJ0003 余燕红
        await change(pilot, "e", "身份证核对：红应为虹", name="余燕虹")
        await wait_until(pilot, lambda: app.replica.board.contestants["FJ0003"].name == "余燕虹")
        assert src.events[-1].data == {"exam_no": "FJ0003", "name": "余燕虹"}  # only what changed
        assert "余燕虹" in line_of(app, "FJ0003") and "余燕红" not in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, on(app, "DetailScreen"))
        text = screen_text(app)
        assert text.count("余燕虹") >= 2  # the header and the explanation
        assert "姓名→余燕虹" in text and "李主裁" in text and "身份证核对" in text


async def test_a_flag_found_wrong_takes_the_contestant_out_as_not_eligible():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("down")  # FJ0002
        await change(pilot, "e", "核查：2022年参加过全国赛", **{"flag-prior_national": True})
        await wait_until(pilot, lambda: app.replica.board.status("FJ0002") == "ineligible")
        assert src.events[-1].data == {"exam_no": "FJ0002", "flags": {"prior_national": True}}
        line = line_of(app, "FJ0002")
        assert line.split()[0] == "取消" and line.endswith("不符合参赛资格")
        assert ranking_lines(app)[1].split()[0] == "2" and "FJ0003" in ranking_lines(app)[1]


async def test_a_withdrawal_shows_as_absent_and_reinstating_brings_them_back():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await change(pilot, "w", "身体不适，中途离场")
        await wait_until(pilot, lambda: app.replica.board.status("FJ0001") == "withdrawn")
        line = line_of(app, "FJ0001")
        assert line.split()[0] == "缺考" and line.endswith("缺考/弃权")
        await pilot.press("2")
        await wait_until(pilot, on(app, "TeamsScreen"))
        assert "福州           45.00  2/3" in screen_text(app)  # absent for the team: (68 + 67 + 0) / 3
        await pilot.press(*["down"] * 7)  # 福州, 8th now: its members
        await wait_until(pilot, lambda: " FJ0001 " in screen_text(app))
        line = line_of(app, "FJ0001")  # beside a row of the teams' table
        assert line.split(" FJ0001 ")[0].split()[-1] == "缺考" and line.endswith("缺考/弃权")
        await pilot.press("1")
        await wait_until(pilot, on(app, "RankingScreen"))
        await pilot.press("ctrl+end")  # the withdrawn contestant is listed last
        await pilot.press("X")
        await wait_until(pilot, on(app, "ChangeDialog"))
        assert app.screen.query_one("#exam_no").value == "FJ0001" and "缺考/弃权" in screen_text(app)
        app.screen.query_one("#reason").value = "误记，选手在场"
        await press_ok(pilot)
        await wait_until(pilot, lambda: not app.replica.board.status("FJ0001"))
        assert src.events[-1].kind == "reinstate"
        assert ranking_lines(app)[0].split()[0] == "1" and "FJ0001" in ranking_lines(app)[0]


async def test_every_change_is_in_the_palette_and_the_dialog_asks_for_the_exam_number_elsewhere():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"取消成绩", "恢复成绩", "缺考/弃权", "更正"} <= set(titles) and "替补上场" not in titles  # written
        await pilot.press("3")
        await wait_until(pilot, on(app, "AwardsScreen"))
        titles["缺考/弃权"].callback()
        await wait_until(pilot, on(app, "ChangeDialog"))
        assert app.screen.query_one("#exam_no").value == ""  # the awards pane selects no contestant
        app.screen.query_one("#reason").value = "未到场"
        await press_ok(pilot)
        await pilot.pause()
        assert "准考证号" in str(app.screen.query_one("#error").render())
        app.screen.query_one("#exam_no").value = "FJ0033"
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.status("FJ0033") == "withdrawn")


async def test_the_audit_lists_each_change_in_chinese_with_who_and_why():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await src.command("disqualify", {"exam_no": "FJ0005"}, "违纪：夹带资料")
        await src.command("withdraw", {"exam_no": "FJ0006"}, "缺考")
        await src.command("correct", {"exam_no": "FJ0007", "unit": "漳州市社会保险中心"}, "单位名称有误")
        await src.command("reinstate", {"exam_no": "FJ0005"}, "复核：未违纪")
        await wait_until(pilot, lambda: len(app.replica.judge_log) == 4)
        await pilot.press("6")
        await wait_until(pilot, lambda: "复核：未违纪" in screen_text(app))
        text = screen_text(app)
        assert "取消成绩" in line_with(app, "违纪：夹带资料") and "FJ0005" in line_with(app, "违纪：夹带资料")
        assert "缺考/弃权" in line_with(app, "FJ0006")
        assert "更正" in line_with(app, "单位名称有误") and "单位→漳州市社会保险中心" in text
        assert "恢复成绩" in line_with(app, "复核：未违纪") and "李主裁" in line_with(app, "复核：未违纪")


async def test_in_english_the_lists_say_dq_and_why():
    app, src = console(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await src.command("disqualify", {"exam_no": "FJ0004"}, "cheating")
        await wait_until(pilot, lambda: app.replica.board.status("FJ0004"))
        line = line_of(app, "FJ0004")
        assert line.split()[0] == "DQ" and line.endswith("disqualified")


# --- on stage -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def west():
    rules = load_preset("regional-2021-west")
    return rules, sample_roster(rules)


async def test_a_substitution_changes_who_the_desk_offers_for_an_individual_round(west):
    rules, people = west
    src = MemorySource(rules, people, role="chief", name="李主裁", clock=Clock())
    app = make_app(src, clock=Clock(), tz=china_tz(), mode="ranking")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("t")  # the cursor is on ST0001, 陕西, who plays
        await wait_until(pilot, on(app, "SubstituteDialog"))
        dialog = app.screen
        assert dialog.query_one("#out").value == "ST0001" and dialog.query_one("#in").value == "ST0007"
        dialog.query_one("#reason").value = "ST0001 突发疾病"
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.day.subs)
        assert src.events[-1].data == {"out": "ST0001", "in": "ST0007", "from_round": "must"}
        assert line_of(app, "ST0007").endswith("替补（替ST0001）")
        assert line_of(app, "ST0001").endswith("被替补（ST0007）")
        await pilot.press("0")
        await wait_until(pilot, on(app, "DeskScreen"))
        desk = app.screen
        assert desk.chosen_contestant().exam_no == "ST0007"  # question 1 is the first player's: now the substitute
        await wait_until(pilot, lambda: "选手 ST0007 杜子兰（替补）" in screen_text(app))
        offered = set()
        for _ in range(8):
            await pilot.press("c")
            offered.add(desk.chosen_contestant().exam_no)
        assert offered == {"ST0002", "ST0003", "ST0004", "ST0005", "ST0006", "ST0007"}  # never ST0001
        await pilot.press("y")
        await wait_until(pilot, lambda: src.events[-1].kind == "answer")
        assert src.events[-1].data["team"] == "陕西"
