"""What the judges see, pinned: the main screens on fixed data at a fixed size.

Grouped by feature: the ranking, the awards and their decisions, a contestant,
the teams, the audit, the changes on the day (140×40); every screen and dialog in a
small terminal (80×24 and 120×40). Update deliberately with `--snapshot-update` and look at
the SVGs before committing them.
"""

from __future__ import annotations

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import QUARANTINE, T0, Clock, loaded, tie_contest, wait_until
from display.console.source import MemorySource
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

SIZE = (140, 40)


def app_with(lang="zh"):
    rules, people, events = tie_contest()
    src = MemorySource(rules, people, events, QUARANTINE, name="李主裁", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz())


def before(*keys, then=None):
    async def run(pilot):
        await wait_until(pilot, loaded(pilot.app))
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if then:
            await then(pilot)
        pilot.app.refresh_view(force=True)
        pilot.app.clear_notifications()
        await pilot.pause()
    return run


class TestRanking:
    def test_the_live_individual_ranking(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before())

    def test_the_ranking_of_one_award_group(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("v", "v", "right_square_bracket"))

    def test_the_ranking_in_english(self, snap_compare):
        assert snap_compare(app_with("en"), terminal_size=SIZE, run_before=before())


class TestAwards:
    def test_the_provisional_list_with_its_pending_tie(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("3"))

    def test_the_tie_decision_dialog(self, snap_compare):
        async def focus_outcome(pilot):
            await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "TieDialog")
            pilot.app.screen.query_one("#outcome").focus()

        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("3", "d", then=focus_outcome))


class TestContestant:
    def test_the_detail_of_the_leader(self, snap_compare):
        async def detail(pilot):
            await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "DetailScreen")

        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("enter", then=detail))


class TestTeamsAndAudit:
    def test_the_team_ranking_with_members(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("2"))

    def test_the_audit_after_a_decision(self, snap_compare):
        async def decide(pilot):
            app = pilot.app
            await app.source.command("decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"],
                                                  "outcome": "order", "order": ["FJ0021", "FJ0020"]}, "加赛：FJ0021 胜")
            await wait_until(pilot, lambda: app.replica.judge_log)

        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("6", then=decide))

    def test_the_quarantine_per_hall(self, snap_compare):
        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("4"))


class TestChangesOnTheDay:
    def test_the_ranking_with_a_disqualified_and_a_withdrawn_contestant(self, snap_compare):
        async def changes(pilot):
            app = pilot.app
            await app.source.command("disqualify", {"exam_no": "FJ0002"}, "违纪：考试中使用手机")
            await app.source.command("withdraw", {"exam_no": "FJ0030"}, "中途弃权")
            await wait_until(pilot, lambda: len(app.replica.judge_log) == 2)
            await pilot.press("ctrl+end")  # the voided are listed last

        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before(then=changes))

    def test_the_correction_dialog(self, snap_compare):
        async def fill(pilot):
            await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ChangeDialog")
            dialog = pilot.app.screen
            dialog.query_one("#name").value = "苏琳雅"
            dialog.query_one("#flag-prior_national").value = True
            dialog.query_one("#reason").value = "身份证核对；曾参加2022年区域赛"

        assert snap_compare(app_with(), terminal_size=SIZE, run_before=before("down", "e", then=fill))


SMALL = {"80x24": (80, 24), "120x40": (120, 40)}
small = pytest.mark.parametrize("size", list(SMALL))


def on(name):
    async def wait(pilot):
        await wait_until(pilot, lambda: pilot.app.screen.__class__.__name__ == name)
    return wait


def dialog(name):
    """Wait for the dialog, and steady its inputs' cursors: a snapshot must not depend on when the blink is."""
    async def steady(pilot):
        await on(name)(pilot)
        for field in pilot.app.screen.query("Input"):
            field.cursor_blink = False
    return steady


class TestSmallTerminals:
    """Every screen and dialog at 80×24 and 120×40: the columns each table is for and the footer's help and
    quit stay; what a narrow table leaves out is under it for the highlighted row (docs/console.md)."""

    @small
    def test_the_ranking(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before())

    @small
    def test_the_ranking_in_english(self, snap_compare, size):
        assert snap_compare(app_with("en"), terminal_size=SMALL[size], run_before=before())

    @small
    def test_the_team_ranking_with_members(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("2"))

    @small
    def test_the_awards_with_a_long_reason_highlighted(self, snap_compare, size):
        async def highlight(pilot):
            screen = pilot.app.screen
            row = next(i for i, k in enumerate(screen.list.keys) if k.endswith("|FJ0020"))
            screen.query_one("#list").focus()
            screen.query_one("#list").move_cursor(row=row)

        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("3", then=highlight))

    @small
    def test_the_detail_of_the_leader(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size],
                            run_before=before("enter", then=on("DetailScreen")))

    @small
    def test_the_quarantine(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("4"))

    @small
    def test_the_halls_health(self, snap_compare, size):
        async def halls(pilot):
            app = pilot.app
            app.source.push_health([
                {"source": "hall-a", "connected": True, "peer": "10.20.30.41:51544", "acked": 120,
                 "last_at": T0 + 3590, "per_minute": 12},
                {"source": "hall-b", "connected": False, "peer": "10.20.30.42:50210", "acked": 98,
                 "last_at": T0 + 3300, "per_minute": 0}])
            await wait_until(pilot, lambda: app.replica.health is not None)

        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("5", then=halls))

    @small
    def test_the_audit_after_a_decision(self, snap_compare, size):
        async def decide(pilot):
            app = pilot.app
            await app.source.command("decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"],
                                                  "outcome": "order", "order": ["FJ0021", "FJ0020"]},
                                     "加赛：FJ0021 胜，两人均答对必答题，FJ0021 在抢答题中先答对")
            await wait_until(pilot, lambda: app.replica.judge_log)

        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("6", then=decide))

    @small
    def test_the_big_screen_control(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("7"))

    @small
    def test_the_help(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("question_mark"))

    @small
    def test_the_tie_decision_dialog(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size],
                            run_before=before("3", "d", then=dialog("TieDialog")))

    @small
    def test_the_confirmation_dialog(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size],
                            run_before=before("3", "c", then=dialog("ReasonDialog")))

    @small
    def test_the_assign_dialog(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size],
                            run_before=before("3", "o", then=dialog("AssignDialog")))

    @small
    def test_the_correction_dialog(self, snap_compare, size):
        assert snap_compare(app_with(), terminal_size=SMALL[size], run_before=before("e", then=dialog("ChangeDialog")))

    @small
    def test_the_substitution_dialog(self, snap_compare, size):
        rules = load_preset("regional-2021-west")
        src = MemorySource(rules, sample_roster(rules), role="chief", name="李主裁", clock=Clock())
        app = make_app(src, clock=Clock(), tz=china_tz())
        assert snap_compare(app, terminal_size=SMALL[size], run_before=before("t", then=dialog("SubstituteDialog")))
