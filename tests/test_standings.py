"""Standings: the tie-break chain, group ranks, and the team formulas."""

from dataclasses import replace
from fractions import Fraction

import pytest

from scoreboard.rules import TeamScore
from scoreboard.standings import team_score

from .conftest import Day


def test_the_chain_orders_equal_totals_by_case_then_short_then_time(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    day.marks("FJ0001", choice=50, case=10, time_used=100)
    day.marks("FJ0002", choice=40, case=20, time_used=100)
    day.marks("FJ0003", choice=40, case=10, short=10, time_used=100)
    day.marks("FJ0004", choice=40, case=10, short=10, time_used=90)
    rows = day.board().standings().rows[:4]
    assert [r.exam_no for r in rows] == ["FJ0002", "FJ0004", "FJ0003", "FJ0001"]
    assert [r.rank for r in rows] == [1, 2, 3, 4]


def test_equal_on_every_key_means_equal_rank_1224(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    day.marks("FJ0001", choice=60, time_used=100)
    day.marks("FJ0002", choice=50, time_used=100)
    day.marks("FJ0003", choice=50, time_used=100)
    day.marks("FJ0004", choice=40, time_used=100)
    assert [r.rank for r in day.board().standings().rows[:4]] == [1, 2, 2, 4]


def test_a_contestant_who_has_not_handed_in_comes_after_equal_ones_who_have(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    day.marks("FJ0001", choice=50)
    day.marks("FJ0002", choice=50, time_used=7000)
    assert [r.exam_no for r in day.board().standings().rows[:2]] == ["FJ0002", "FJ0001"]


def test_a_regrade_replaces_the_earlier_mark(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    day.mark("FJ0001", "case", 8.0)
    day.mark("FJ0001", "case", 6.5)
    row = day.board().standings().by_exam["FJ0001"]
    assert row.total == 650 and row.graded == 1


def test_group_ranks_count_within_the_group(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    day.marks("FJ0030", choice=90)  # 厦门
    day.marks("FJ0001", choice=80)  # 福州
    day.marks("FJ0002", choice=70)  # 福州
    st = day.board().standings()
    assert st.by_exam["FJ0002"].group_rank == 2 and st.by_exam["FJ0030"].group_rank == 1
    assert [r.exam_no for r in st.groups["福州"][:2]] == ["FJ0001", "FJ0002"]


@pytest.mark.parametrize(
    "formula, k, absent, expected",
    [
        ("mean", 0, "zero", Fraction(90 + 60 + 0, 3)),
        ("mean", 0, "exclude", Fraction(90 + 60, 2)),
        ("sum", 0, "zero", Fraction(150)),
        ("top_k_mean", 2, "zero", Fraction(150, 2)),
        ("top_k_mean", 3, "zero", Fraction(150, 3)),
        ("top_k_mean", 3, "exclude", Fraction(150, 2)),
    ],
)
def test_team_formulas(fujian, formula, k, absent, expected):
    rules = replace(fujian, team_score=TeamScore(formula, k, absent))
    assert team_score(rules, [90, 60, 0], present=2) == expected


def test_teams_of_different_sizes_compare_by_mean(fujian, fujian_roster):
    day = Day(fujian, fujian_roster)
    for c in fujian_roster:
        if c.team == "平潭":
            day.mark(c.exam_no, "choice", 80)
        elif c.team == "福州":
            day.mark(c.exam_no, "choice", 70)
    teams = day.board().standings().teams
    assert [t.name for t in teams[:2]] == ["平潭", "福州"]
    assert teams[0].present == 6 and float(teams[0].score) == 8000
