"""What the judges see, pinned: the main screens on fixed data at a fixed size.

Grouped by feature: the ranking, the awards and their decisions, a contestant,
the teams, the audit. Update deliberately with `--snapshot-update` and look at
the SVGs before committing them.
"""

from __future__ import annotations

from display.console.app import china_tz, make_app
from display.console.fixtures import QUARANTINE, Clock, loaded, tie_contest, wait_until
from display.console.source import MemorySource

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
