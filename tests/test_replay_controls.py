"""The replay driven by keys and the mouse: step, seek on the bar, go to a typed moment, play,
jump to the next change in the top N or of an award, and find when a contestant left the top N."""

from __future__ import annotations

from display.console.screentext import screen_text
from display.replay.app import make_app
from display.replay.bar import TimelineBar
from scoreboard.board import Board

from .test_replay_support import day, day_db, settle  # noqa: F401 - fixtures

SIZE = (150, 42)


def top(board, n):
    return [r.exam_no for r in board.standings().rows[:n]]


async def test_stepping_moves_one_event_forward_and_back_and_the_bar_says_which(day):
    app = make_app(day=day, start=100, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("full_stop", "full_stop", "full_stop")
        await settle(pilot, lambda: app.player.position == 103)
        await pilot.press("comma")
        await settle(pilot, lambda: app.player.position == 102)
        assert app.replica.st.event_id == day.events[101].id
        assert f"事件#{day.events[101].id}" in screen_text(app)


async def test_clicking_the_bar_seeks_to_that_moment_of_the_day(day):
    app = make_app(day=day, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TimelineBar)
        width = bar.size.width - 2
        await pilot.click(TimelineBar, offset=(1 + (width - 1) // 2, 1))
        await settle(pilot, lambda: app.player.position > 0)
        tl = app.player.timeline
        middle = tl.start + (tl.end - tl.start) * ((width - 1) // 2) / (width - 1)
        assert app.player.position == tl.index_at(middle)


async def test_typing_a_moment_goes_there(day):
    app = make_app(day=day, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = day.events[200]
        await pilot.press("g")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "GotoDialog")
        app.screen.query_one("#moment").value = f"#{target.id}"
        await pilot.press("enter")
        await settle(pilot, lambda: app.player.position == 201)


async def test_playing_advances_the_day_and_space_pauses_it(day):
    app = make_app(day=day, speed=3600, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await settle(pilot, lambda: app.player.position > 0)
        await pilot.press("space")
        await pilot.pause()
        stopped = app.player.position
        await pilot.pause(0.5)
        assert app.player.position == stopped and not app.player.playing


async def test_the_next_top_n_change_is_the_first_event_that_reorders_the_top_n(day):
    app = make_app(day=day, start=len(day.events) // 2, top_n=5, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.player.position
        await pilot.press("n")
        await settle(pilot, lambda: app.player.position != start)
        found = app.player.position
    b = Board(day.rules, day.contestants)
    b.apply_all(day.events[:start])
    before = top(b, 5)
    for i in range(start, found):
        b.apply(day.events[i])
        assert top(b, 5) == before or i + 1 == found
    assert top(b, 5) != before


async def test_the_next_award_change_lands_just_after_the_event_that_changed_the_list(day):
    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.player.position
        await pilot.press("a")
        await settle(pilot, lambda: app.player.position != start)
        found = app.player.position
    before, after = Board(day.rules, day.contestants), Board(day.rules, day.contestants)
    before.apply_all(day.events[:found - 1])
    after.apply_all(day.events[:found])
    held = lambda b: {(a.award_id, a.recipient) for a in b.awards().awards}  # noqa: E731
    assert held(before) != held(after) or before.awards().ties != after.awards().ties


async def test_a_judge_finds_when_a_contestant_left_the_top_20_and_sees_why(day):
    final = Board(day.rules, day.contestants)
    final.apply_all(day.events)
    tl_exits = None
    from scoreboard.timeline import Timeline

    for row in final.standings().rows[20:40]:  # someone outside the top 20 at the end who was once in it
        tl_exits = Timeline(day.rules, day.contestants, day.events).top_exits(row.exam_no, 20)
        if tl_exits:
            who = row.exam_no
            break
    assert tl_exits, "the sample day has someone who dropped out of the top 20"
    app = make_app(day=day, start=len(day.events), scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#search").value = who  # the ranking's own search box
        await pilot.pause()
        app.screen.query_one("#ranking").focus()
        await pilot.press("x")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "ReplayDetailScreen")
        last = tl_exits[-1]
        assert app.player.position == last.index
        assert app.replica.st.by_exam[who].rank == last.rank_after > 20
        text = screen_text(app)
        assert f"事件#{last.event_id}" in text  # the event that moved them
        assert f"第{last.rank_after}名" in text or str(last.rank_after) in text  # the explanation at that moment


async def test_the_big_screen_replay_steps_with_the_same_keys_and_shows_the_english_words(day):
    from display.replay.screenapp import ReplayScreenApp

    app = ReplayScreenApp(day, lang="en", start=len(day.events) // 2, animate=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown = app.shown
        await pilot.press("full_stop")
        await settle(pilot, lambda: app.player.position == len(day.events) // 2 + 1 and app.shown > shown)
        assert app.state.standings["event_id"] == day.events[len(day.events) // 2].id
        assert "event #" in app.text()
