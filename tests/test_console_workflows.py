"""The judges' console, driven by keys and clicks: each workflow of the day."""

from __future__ import annotations

from display.console.app import china_tz, make_app
from display.console.fixtures import QUARANTINE, Clock, loaded, tie_contest, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource

SIZE = (150, 42)


def console(role="chief", lang="zh", **kw):
    rules, people, events = tie_contest()
    src = MemorySource(rules, people, events, QUARANTINE, role=role, name="李主裁", clock=Clock(), **kw)
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz()), src


async def press_ok(pilot):
    await pilot.pause(0.3)  # the layout settles and a button just pressed is active again (Button: 0.2 s)
    await pilot.click("#ok")


async def open_tie_dialog(pilot):
    await pilot.press("3")
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "AwardsScreen")
    await pilot.press("d")
    await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "TieDialog")
    return pilot.app.screen


async def test_the_ranking_shows_every_contestant_in_order_with_the_tie_sharing_a_rank():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        text = screen_text(app)
        assert "FJ0001" in text and "准考证号" in text
        lines = [line for line in text.splitlines() if "FJ0020" in line or "FJ0021" in line]
        assert len(lines) == 2 and all(line.split()[0] == "20" for line in lines)


async def test_a_judge_settles_the_boundary_tie_by_ordering_the_tied_with_a_reason():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        dialog = await open_tie_dialog(pilot)
        dialog.query_one("#order").value = "FJ0021,FJ0020"
        await press_ok(pilot)
        await pilot.pause()
        assert "理由" in str(dialog.query_one("#error").render())  # no reason: refused in the dialog
        dialog.query_one("#reason").value = "加赛：FJ0021 答对"
        await press_ok(pilot)
        await wait_until(pilot, lambda: not app.replica.board.awards().ties)
        experts = [a.recipient for a in app.replica.board.awards().by_award("expert")]
        assert "FJ0021" in experts and "FJ0020" not in experts
        assert src.events[-1].kind == "decision" and src.events[-1].reason == "加赛：FJ0021 答对"


async def test_a_judge_may_let_the_tied_share_the_award():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        dialog = await open_tie_dialog(pilot)
        dialog.query_one("#outcome").value = "share"
        dialog.query_one("#reason").value = "并列"
        await press_ok(pilot)
        await wait_until(pilot, lambda: not app.replica.board.awards().ties)
        experts = {a.recipient for a in app.replica.board.awards().by_award("expert")}
        assert {"FJ0020", "FJ0021"} <= experts and len(experts) == 21


async def test_a_drawing_of_lots_records_its_seed():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        dialog = await open_tie_dialog(pilot)
        dialog.query_one("#outcome").value = "lots"
        dialog.query_one("#seed").value = "witnessed-42"
        dialog.query_one("#reason").value = "当众抽签"
        await press_ok(pilot)
        await wait_until(pilot, lambda: not app.replica.board.awards().ties)
        assert src.events[-1].data["seed"] == "witnessed-42"


async def settle_tie(pilot):
    dialog = await open_tie_dialog(pilot)
    dialog.query_one("#reason").value = "加赛"
    await press_ok(pilot)
    await wait_until(pilot, lambda: not pilot.app.replica.board.awards().ties)


async def test_confirming_needs_the_ties_settled_and_then_the_chief_locks_the_list():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3", "c")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ReasonDialog")
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.results)
        assert app.results[-1]["code"] == "pending_ties"
        await settle_tie(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ReasonDialog")
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.awards().confirmed)
        await pilot.press("l")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ReasonDialog")
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.awards().locked)
        assert "已定榜" in screen_text(app)


async def test_a_judge_who_is_not_the_chief_cannot_lock():
    app, src = console(role="judge")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "AwardsScreen")
        app.action_lock()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "AwardsScreen"  # no dialog opened
        assert not any(e.kind == "lock" for e in src.events)


async def test_the_organisation_prize_is_assigned_to_a_team_with_a_reason():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("3", "o")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "AssignDialog")
        app.screen.query_one("#recipient").value = "宁德"
        app.screen.query_one("#reason").value = "线上练兵组织得力"
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.awards().by_award("organisation"))
        assert [a.recipient for a in app.replica.board.awards().by_award("organisation")] == ["宁德"]
        assert "优秀组织奖" in screen_text(app)


async def test_the_console_follows_new_marks_and_moves_the_ranking():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        src.push([{"type": "result", "contestant": "FJ0033", "item": "fill-01", "section": "fill",
                   "score": 40.0, "max": 40.0, "seq": 200}])
        await wait_until(pilot, lambda: app.replica.st.rows[0].exam_no == "FJ0033")
        first = screen_text(app).splitlines()[5]
        assert "FJ0033" in first and "↑" in first


async def test_search_filters_the_ranking_by_exam_number_or_name():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("slash", "F", "J", "0", "0", "3", "2")
        await wait_until(pilot, lambda: "显示1/33人" in screen_text(app))
        assert "FJ0032" in screen_text(app) and "FJ0001" not in screen_text(app)


async def test_the_detail_screen_shows_each_mark_and_its_regrades():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        src.push([{"type": "result", "contestant": "FJ0001", "item": "case-01", "section": "case",
                   "score": 9.0, "max": 10.0, "seq": 201}])
        await wait_until(pilot, lambda: app.replica.board.totals["FJ0001"] == 7200)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DetailScreen")
        text = screen_text(app)
        assert "6 → 9" in text and "改分1次" in text and "总排名第1名" in text


async def test_every_decision_shows_in_the_audit_with_who_and_why():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await settle_tie(pilot)
        await pilot.press("6")
        await wait_until(pilot, lambda: "加赛" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if "加赛" in x)
        assert "裁定并列" in line and "李主裁" in line


async def test_the_screen_control_freezes_and_steps_the_ceremony_only_after_the_lock():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("7", "t")
        await wait_until(pilot, lambda: app.replica.board.control.view.get("view") == "team")
        await pilot.press("right")
        await pilot.pause()
        assert app.replica.board.control.ceremony == -1  # no locked list: nothing sent
        await pilot.press("f")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "ReasonDialog")
        await press_ok(pilot)
        await wait_until(pilot, lambda: app.replica.board.control.frozen_at is not None)
        assert "已封榜" in screen_text(app)


async def test_quarantine_and_health_list_each_hall():
    app, src = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("4")
        await wait_until(pilot, lambda: "考号不在名单" in screen_text(app))  # the code's name, and the message,
        assert "hall-b" in screen_text(app) and "准考证号XX9999不在名单上" in screen_text(app)  # in Chinese
        src.push_health([{"source": "hall-a", "connected": True, "peer": "10.0.0.5:5000", "acked": 132,
                          "last_at": Clock()() - 7, "per_minute": 90}])
        await pilot.press("5")
        await wait_until(pilot, lambda: "10.0.0.5" in screen_text(app))
        line = next(x for x in screen_text(app).splitlines() if "10.0.0.5" in x)
        assert "7s" in line and line.split()[-1] == "0"  # nothing acknowledged that the console has not shown


async def test_english_is_one_flag_away():
    app, _ = console(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        assert "Exam no." in screen_text(app) and "准考证号" not in screen_text(app)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: "command palette" in screen_text(app))
