"""What the judges see of marking progress and certainty, pinned: the demo's day with its paper declared,
mid-marking (certain, possible and out all show) and settled, at 200×50 and 80×24. Update deliberately with
`--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import Clock, loaded, paper_contest, settled_paper_contest, wait_until
from display.console.screentext import screen_text
from display.console.source import MemorySource

SIZES = [(200, 50), (80, 24)]


def app_with(lang="zh", settled=False):
    rules, people, events = settled_paper_contest() if settled else paper_contest()
    src = MemorySource(rules, people, events, name="李主裁", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz())


def before(*keys, until=None):
    async def run(pilot):
        app = pilot.app
        await wait_until(pilot, loaded(app))
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if until:
            await wait_until(pilot, lambda: until in screen_text(app))
        app.refresh_view(force=True)
        app.clear_notifications()
        await pilot.pause()
    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
class TestMidMarking:
    def test_the_ranking_with_its_prize_column(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=size, run_before=before())

    def test_the_awards_with_each_holders_certainty(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=size, run_before=before("3"))

    def test_the_marking_progress(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=size, run_before=before("8"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
class TestSettled:
    def test_the_ranking_says_since_when(self, snap_compare, size):
        assert snap_compare(app_with(settled=True), terminal_size=size, run_before=before(until="获奖已全部确定（自"))

    def test_the_marking_progress_says_since_when(self, snap_compare, size):
        assert snap_compare(app_with(settled=True), terminal_size=size,
                            run_before=before("8", until="名单已全部确定：自"))


class TestFiltersAndMarks:
    def test_the_ranking_of_those_still_possible(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=(80, 24), run_before=before("f", "f"))

    def test_the_awards_out_of_reach(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=(200, 50), run_before=before("3", "f", "f", "f"))

    def test_the_marking_progress_in_english(self, snap_compare):
        assert snap_compare(app_with("en"), terminal_size=(80, 24), run_before=before("8"))

    def test_the_big_screen_control_with_the_marks_on(self, snap_compare):
        async def marks_on(pilot):
            app = pilot.app
            await wait_until(pilot, loaded(app))
            await app.source.command("mark_certain", {"on": True}, "")
            await wait_until(pilot, lambda: app.replica.board.control.mark_certain)
            await before("7", until="· 标注确定获奖 ·")(pilot)

        assert snap_compare(app_with(), terminal_size=(80, 24), run_before=marks_on)
