"""The award engine on the seed contests' rules (DOMAIN.md, 'Awards the documents state')."""

from collections import Counter
from dataclasses import replace

import pytest

from scoreboard.awards import lots_order
from scoreboard.roster import Contestant
from scoreboard.rules import load_rules
from scoreboard.sample import sample_roster

from .conftest import Day, graded_field


def ranked_field(rules, roster, **overrides):
    """Everyone graded, contestant i (in roster order) scoring 1000 - i: ranks follow exam numbers."""
    totals = {c.exam_no: 1000.0 - i for i, c in enumerate(roster)}
    totals.update(overrides.pop("totals", {}))
    return graded_field(rules, roster, totals, **overrides)


def ids(awards, award_id):
    return [a.recipient for a in awards.awards + awards.advancement if a.award_id == award_id]


def test_fujian_gives_20_experts_33_stars_and_6_team_prizes(fujian, fujian_roster):
    aw = ranked_field(fujian, fujian_roster).board().awards()
    counts = Counter(a.award_id for a in aw.awards)
    assert counts == {"expert": 20, "star": 33, "team_first": 1, "team_second": 2, "team_third": 3}
    assert not aw.provisional and aw.ties == []


def test_experts_are_the_top_20_individuals(fujian, fujian_roster):
    aw = ranked_field(fujian, fujian_roster).board().awards()
    assert ids(aw, "expert") == [f"FJ{i:04d}" for i in range(1, 21)]


def test_stars_skip_experts_and_the_next_in_line_moves_up(fujian, fujian_roster):
    # FJ0001..FJ0020 are all from 福州 and all experts: 福州's stars are its 21st to 23rd.
    aw = ranked_field(fujian, fujian_roster).board().awards()
    fuzhou = [a for a in aw.awards if a.award_id == "star" and a.group == "福州"]
    assert [a.recipient for a in fuzhou] == ["FJ0021", "FJ0022", "FJ0023"]
    assert "FJ0001" in fuzhou[0].why("zh") and "依次顺延" in fuzhou[0].why("zh")
    xiamen = [a.recipient for a in aw.awards if a.award_id == "star" and a.group == "厦门"]
    assert xiamen == ["FJ0026", "FJ0027", "FJ0028"]


def test_each_award_group_gets_three_stars(fujian, fujian_roster):
    aw = ranked_field(fujian, fujian_roster).board().awards()
    per_group = Counter(a.group for a in aw.awards if a.award_id == "star")
    assert per_group == {g: 3 for g in fujian.groups}
    assert "省厅窗口单位" in per_group and len(per_group) == 11


def test_team_prizes_go_by_mean_score_in_order_first_second_third(fujian, fujian_roster):
    aw = ranked_field(fujian, fujian_roster).board().awards()
    st = ranked_field(fujian, fujian_roster).board().standings()
    order = [t.name for t in st.teams]
    assert ids(aw, "team_first") == order[:1]
    assert ids(aw, "team_second") == order[1:3]
    assert ids(aw, "team_third") == order[3:6]
    assert order[0] == "福州"  # the best contestants are all from 福州 in this field


def test_an_absent_member_counts_zero_in_the_team_mean(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    for c in fujian_roster:
        if c.team == "平潭" and c.exam_no != "FJ0231":
            day.mark(c.exam_no, "choice", 60)
    st = day.board().standings()
    assert float(st.by_team["平潭"].score) / 100 == pytest.approx(50.0)  # 5 × 60 / 6


def test_a_tie_at_20th_is_broken_by_the_case_score(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5},
                       case={"FJ0020": 10.0, "FJ0021": 20.0})
    aw = day.board().awards()
    experts = ids(aw, "expert")
    assert "FJ0021" in experts and "FJ0020" not in experts
    assert not aw.provisional


def test_a_tie_at_20th_equal_in_case_and_short_is_broken_by_time_used(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5},
                       time_used={"FJ0020": 4000.0, "FJ0021": 3000.0})
    aw = day.board().awards()
    assert "FJ0021" in ids(aw, "expert") and "FJ0020" not in ids(aw, "expert")


def unbreakable_tie_at_20th(fujian, fujian_roster) -> Day:
    return ranked_field(fujian, fujian_roster, totals={"FJ0020": 980.5, "FJ0021": 980.5})


def test_an_unbreakable_tie_at_20th_makes_the_list_provisional_and_names_the_tied(fujian, fujian_roster):
    aw = unbreakable_tie_at_20th(fujian, fujian_roster).board().awards()
    assert aw.provisional and aw.status == "pending_ties"
    assert [(t.award_id, t.tied, t.room) for t in aw.ties] == [("expert", ("FJ0020", "FJ0021"), 1)]
    assert len(ids(aw, "expert")) == 19


def test_a_judges_order_decision_settles_the_tie(fujian, fujian_roster):
    day = unbreakable_tie_at_20th(fujian, fujian_roster)
    day.judge("decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"],
                           "outcome": "order", "order": ["FJ0021", "FJ0020"]}, reason="加赛：FJ0021 答对")
    aw = day.board().awards()
    assert not aw.provisional
    experts = ids(aw, "expert")
    assert experts[-1] == "FJ0021" and "FJ0020" not in experts
    assert "加赛" in [a for a in aw.awards if a.recipient == "FJ0021"][0].why("zh")


def test_sharing_the_place_lets_the_count_grow(fujian, fujian_roster):
    day = unbreakable_tie_at_20th(fujian, fujian_roster)
    day.judge("decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"], "outcome": "share"})
    aw = day.board().awards()
    assert len(ids(aw, "expert")) == 21 and not aw.provisional
    assert all(a.note == "shared" for a in aw.awards if a.recipient in ("FJ0020", "FJ0021") and a.award_id == "expert")


def test_a_drawing_of_lots_is_reproducible_from_its_seed(fujian, fujian_roster):
    day = unbreakable_tie_at_20th(fujian, fujian_roster)
    day.judge("decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"],
                           "outcome": "lots", "seed": "c0ffee"})
    aw = day.board().awards()
    winner = lots_order("c0ffee", ["FJ0021", "FJ0020"])[0]
    assert ids(aw, "expert")[-1] == winner
    assert "c0ffee" in [a for a in aw.awards if a.recipient == winner][0].why("en")


def test_a_decision_no_longer_applies_when_the_set_of_the_tied_changes(fujian, fujian_roster):
    day = unbreakable_tie_at_20th(fujian, fujian_roster)
    day.judge("decision", {"award": "expert", "group": None, "tied": ["FJ0020", "FJ0021"],
                           "outcome": "order", "order": ["FJ0020", "FJ0021"]})
    day.mark("FJ0022", "choice", 980.5)  # a regrade: FJ0022 now also totals 980.5
    aw = day.board().awards()
    assert aw.provisional and set(aw.ties[0].tied) == {"FJ0020", "FJ0021", "FJ0022"}


def test_the_rules_share_policy_shares_without_asking(fujian, fujian_roster):
    from dataclasses import replace

    rules = replace(fujian, awards=tuple(replace(a, tie_policy="share") if a.id == "expert" else a
                                         for a in fujian.awards))
    aw = unbreakable_tie_at_20th(rules, fujian_roster).board().awards()
    assert len(ids(aw, "expert")) == 21 and not aw.provisional


def test_a_tie_for_a_groups_third_star_is_pending_for_that_group(fujian, fujian_roster):
    day = ranked_field(fujian, fujian_roster, totals={"FJ0028": 972.5, "FJ0029": 972.5})
    aw = day.board().awards()
    assert [(t.award_id, t.group, t.tied) for t in aw.ties] == [("star", "厦门", ("FJ0028", "FJ0029"))]


def test_a_tie_for_the_last_team_prize_is_pending(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    for c in fujian_roster:  # every team averages the same
        day.mark(c.exam_no, "choice", 50.0)
    aw = day.board().awards()
    assert aw.ties[0].award_id == "team_first" and len(aw.ties[0].tied) == 11


def test_only_graded_contestants_are_candidates(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    day.mark("FJ0005", "choice", 10.0)
    aw = day.board().awards()
    assert ids(aw, "expert") == ["FJ0005"]


# --- Shaanxi: substitution of the previous year's title holders --------------


@pytest.fixture
def shaanxi_roster(shaanxi):
    roster = sample_roster(shaanxi)
    # SX0002 held the 2020 title
    return [Contestant(c.exam_no, c.name, c.team, c.unit, c.group,
                       frozenset({"prior_expert"}) if c.exam_no == "SX0002" else c.flags) for c in roster]


def test_a_previous_holder_in_the_top_10_gets_a_star_and_the_next_moves_up(shaanxi, shaanxi_roster):
    aw = ranked_field(shaanxi, shaanxi_roster).board().awards()
    experts = ids(aw, "expert")
    assert len(experts) == 10 and "SX0002" not in experts and experts[-1] == "SX0011"
    sub = [a for a in aw.awards if a.recipient == "SX0002"]
    assert [(a.award_id, a.note) for a in sub] == [("star", "substituted")]
    why = sub[0].why("zh")
    assert "已获得2020年陕西“人社知识通”称号" in why and "占本组名额" in why  # never just 人社知识通
    last = next(a for a in aw.awards if a.award_id == "expert" and a.recipient == "SX0011")
    assert "SX0002" in last.why("zh") and "改授陕西“岗位练兵明星”" in last.why("zh")


def test_by_default_a_displaced_holder_holds_one_of_the_groups_3_stars(shaanxi, shaanxi_roster):
    """DOMAIN.md, revised reading [default]: the group keeps 3."""
    aw = ranked_field(shaanxi, shaanxi_roster).board().awards()
    xian = [a for a in aw.awards if a.award_id == "star" and a.group == "西安"]
    # 西安 is SX0001..SX0015; SX0001, SX0003..SX0011 are experts, SX0002 a 2020 holder
    assert [a.recipient for a in xian] == ["SX0002", "SX0012", "SX0013"]


def test_a_displaced_holder_outside_the_groups_top_3_still_gets_a_star_on_top_of_the_count(shaanxi, shaanxi_roster):
    holders = {"SX0001", "SX0002", "SX0003", "SX0004"}  # all in 西安, the best four overall
    roster = [replace(c, flags=c.flags | {"prior_expert"}) if c.exam_no in holders else c for c in shaanxi_roster]
    aw = ranked_field(shaanxi, roster).board().awards()
    assert not holders & set(ids(aw, "expert"))
    xian = [(a.recipient, a.note) for a in aw.awards if a.award_id == "star" and a.group == "西安"]
    assert xian == [("SX0001", "substituted"), ("SX0002", "substituted"), ("SX0003", "substituted"),
                    ("SX0004", "substituted")]
    outside = next(a for a in aw.awards if a.award_id == "star" and a.recipient == "SX0004")
    assert "未进入本组前3名，在名额之外授予" in outside.why("zh")


def test_the_other_reading_puts_a_substituted_star_on_top_of_the_groups_count(shaanxi, shaanxi_roster):
    text = shaanxi.source_text.replace("within_count = true", "within_count = false")
    rules = load_rules(text)
    aw = ranked_field(rules, shaanxi_roster).board().awards()
    xian = [a for a in aw.awards if a.award_id == "star" and a.group == "西安"]
    assert [a.recipient for a in xian] == ["SX0002", "SX0012", "SX0013", "SX0014"]
    assert "名额之外，不占组内名额" in xian[0].why("zh")


def test_the_pension_system_gets_ten_stars(shaanxi, shaanxi_roster):
    aw = ranked_field(shaanxi, shaanxi_roster).board().awards()
    per_group = Counter(a.group for a in aw.awards if a.award_id == "star")
    assert per_group["养老保险经办系统"] == 10 and per_group["省本级"] == 3 and per_group["西安"] == 3
    assert per_group["韩城"] == 3  # [default] a 市(区) of its own


# --- national qualifier ----------------------------------------------------------


def test_only_provinces_with_their_own_entry_can_reach_the_final(national):
    roster = sample_roster(national, per_team=3)
    aw = ranked_field(national, roster).board().awards()
    finalists = ids(aw, "finalist")
    assert len(finalists) == 8
    assert all(national.team(t).own_entry for t in finalists)
    assert "北京" not in finalists  # the best team, without its own entry
    assert len(ids(aw, "expert")) == 50


def test_fujian_advancement_lists_take_15_and_the_next_200(fujian, fujian_roster):
    aw = ranked_field(fujian, fujian_roster).board().awards()
    assert ids(aw, "national_team") == [f"FJ{i:04d}" for i in range(1, 16)]
    rec = ids(aw, "recommended")
    assert len(rec) == 200 and rec[0] == "FJ0016"
