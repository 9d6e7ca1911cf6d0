"""The order index (scoreboard/index.py): ranks from positions, team scores from running sums."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.roster import Contestant
from scoreboard.rules import TeamScore, load_preset
from scoreboard.sample import sample_roster
from scoreboard.standings import compute_standings

RULES = load_preset("fujian-2024-final")
ROSTER = sample_roster(RULES, per_team=4)


def random_day(board: Board, exams: list[str], rnd: random.Random, n: int = 300) -> None:
    for i in range(1, n + 1):
        who = rnd.choice(exams)
        if rnd.random() < 0.1:
            ev = Event(i, i, "finish", "h", i, "h", {"contestant": who, "time_used": float(rnd.randint(1, 4))})
        elif rnd.random() < 0.03:
            ev = Event(i, i, rnd.choice(["disqualify", "withdraw", "reinstate"]), "judge", None, "裁判长",
                       {"exam_no": who}, "理由")
        else:
            section = rnd.choice(RULES.section_ids)
            ev = Event(i, i, "result", "h", i, "h", {"contestant": who, "item": f"{section}-{rnd.randint(1, 3)}",
                                                     "section": section, "score": float(rnd.randint(0, 4)),
                                                     "max": 4.0})
        board.apply(ev)
        if rnd.random() < 0.2:
            assert board.standings().teams == compute_standings(board).teams


@pytest.mark.parametrize("formula,k,absent", [("mean", 0, "zero"), ("mean", 0, "exclude"), ("sum", 0, "zero"),
                                              ("sum", 0, "exclude"), ("top_k_mean", 2, "zero"),
                                              ("top_k_mean", 3, "exclude")])
def test_team_scores_from_running_sums_equal_the_scores_from_every_member(formula, k, absent):
    rules = replace(RULES, team_score=TeamScore(formula, k, absent))
    board = Board(rules, ROSTER)
    random_day(board, [c.exam_no for c in ROSTER], random.Random(formula + absent))
    assert board.standings().teams == compute_standings(board).teams


def test_teams_and_groups_the_rules_do_not_list_come_in_the_order_of_their_best_member():
    extra = [Contestant("ZZ001", "甲", "外队一", "单位", "外组一", frozenset()),
             Contestant("ZZ002", "乙", "外队二", "单位", "外组二", frozenset()),
             Contestant("ZZ003", "丙", "外队二", "单位", "外组二", frozenset())]
    roster = ROSTER[:10] + extra
    board = Board(RULES, roster)
    random_day(board, [c.exam_no for c in roster], random.Random(5), 120)
    live, ref = board.standings(), compute_standings(board)
    assert list(live.groups) == list(ref.groups)
    assert [t.name for t in live.teams] == [t.name for t in ref.teams]
    assert list(live.rows) == ref.rows


def test_a_rank_is_one_more_than_the_ranked_entries_with_a_strictly_lower_key():
    board = Board(RULES, ROSTER)
    random_day(board, [c.exam_no for c in ROSTER], random.Random(9))
    board.standings()
    idx = board.index
    for e, ik in idx.ikey.items():
        if not idx.void[e]:
            assert idx.rank_of(ik) == 1 + sum(1 for x, k in board.keys.items() if not idx.void[x] and k < board.keys[e])


def test_a_change_to_many_at_once_rebuilds_the_index_instead_of_moving_each():
    board = Board(RULES, ROSTER)
    board.standings()
    version = board.index.version
    board.dirty = set(board.contestants)
    board.keys = {}
    assert list(board.standings().rows) == compute_standings(board).rows
    assert board.index.version == version + 1
