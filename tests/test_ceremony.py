"""The ceremony's reveal sequence (scoreboard/ceremony.py): order, content, and only locked lists."""

from __future__ import annotations

import pytest

from display.screen.rehearsal import Rehearsal, finished_day
from scoreboard.ceremony import board_sequence, default_steps, reveal_at, revealed_so_far, sequence, steps_of
from scoreboard.serialize import awards_json


@pytest.fixture(scope="module")
def fujian_locked():
    return finished_day("fujian-2024-final")


@pytest.fixture(scope="module")
def fujian_seq(fujian_locked):
    return board_sequence(fujian_locked.board)


def test_the_fujian_ceremony_runs_team_prizes_up_then_organisation_then_stars_then_experts(fujian_seq):
    awards = [r.award for r in fujian_seq if r.kind == "award"]
    assert awards == (["team_third"] * 3 + ["team_second"] * 2 + ["team_first"] + ["organisation"]
                      + ["star"] * 11 + ["expert"] * 20)
    assert fujian_seq[-1].kind == "honours"
    assert len(fujian_seq) == 39
    assert [r.index for r in fujian_seq] == list(range(39))


def test_a_team_prize_reveals_its_teams_one_at_a_time_with_their_scores(fujian_seq, fujian_locked):
    third = [r for r in fujian_seq if r.award == "team_third"]
    assert [len(r.recipients) for r in third] == [1, 1, 1]
    assert [(r.place, r.of) for r in third] == [(1, 3), (2, 3), (3, 3)]
    st = fujian_locked.board.standings()
    for r in third:
        (t,) = r.recipients
        assert r.label == "团体三等奖"
        assert t.name == t.team == t.recipient
        assert t.score == pytest.approx(float(st.by_team[t.team].score) / 100, abs=1e-4)


def test_the_stars_are_revealed_one_group_at_a_time_in_the_rules_group_order(fujian_seq, fujian_locked):
    stars = [r for r in fujian_seq if r.award == "star"]
    assert [r.group for r in stars] == list(fujian_locked.rules.groups)
    assert all(len(r.recipients) == 3 for r in stars)
    for r in stars:
        assert [x.rank for x in r.recipients] == sorted(x.rank for x in r.recipients)
        assert all(x.group == r.group for x in r.recipients)


def test_the_experts_are_revealed_from_twentieth_up_to_first(fujian_seq, fujian_locked):
    experts = [r for r in fujian_seq if r.award == "expert"]
    ranks = [r.recipients[0].rank for r in experts]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[-1] == 1
    st = fujian_locked.board.standings()
    top20 = [row.exam_no for row in st.rows[:20]]
    assert [r.recipients[0].recipient for r in reversed(experts)] == top20


def test_each_individual_reveal_carries_label_name_team_unit_and_score(fujian_seq, fujian_locked):
    st = fujian_locked.board.standings()
    for r in fujian_seq:
        if r.kind != "award" or r.award not in ("star", "expert"):
            continue
        assert r.label in ("全省“岗位练兵明星”", "全省“人社知识通”")
        for x in r.recipients:
            row = st.by_exam[x.recipient]
            assert (x.name, x.team, x.unit, x.score) == (row.name, row.team, row.unit, row.total / 100)


def test_the_judges_organisation_prize_is_revealed_without_a_score(fujian_seq):
    (org,) = [r for r in fujian_seq if r.award == "organisation"]
    assert org.recipients[0].team == "泉州" and org.recipients[0].score is None


def test_the_last_step_is_the_full_honours_list_in_the_rules_order(fujian_seq, fujian_locked):
    honours = fujian_seq[-1].honours
    assert [h.award for h in honours] == ["team_first", "team_second", "team_third", "organisation", "expert", "star"]
    assert [len(h.recipients) for h in honours] == [1, 2, 3, 1, 20, 33]


def test_steps_sent_as_json_give_the_same_sequence_as_the_rules(fujian_locked, fujian_seq):
    doc = awards_json(fujian_locked.board, "zh")
    assert doc["ceremony"][-1] == {"award": "expert", "by_group": False, "from_last": True}
    assert sequence(None, doc) == fujian_seq
    assert steps_of(doc["ceremony"]) == steps_of(fujian_locked.rules.ceremony)


def test_without_steps_the_default_order_matches_the_rules_default():
    day = finished_day("shaanxi-2021-provincial")
    doc = awards_json(day.board, "zh")
    assert day.rules.ceremony[0].award == "star" and day.rules.ceremony[0].by_group  # the preset has no steps
    doc.pop("ceremony")
    assert steps_of(day.rules.ceremony) == default_steps(doc["awards"])
    assert sequence(None, doc) == board_sequence(day.board)


def test_an_unlocked_list_reveals_nothing():
    day = Rehearsal()
    day.hall_until(1.0)
    day.settle_ties()
    assert board_sequence(day.board) == []
    assert reveal_at([], 0) is None


def test_an_award_nobody_was_given_has_no_reveal():
    day = finished_day("fujian-2024-final", lock=False)
    day.settle_ties()
    digest = day.board.awards().digest
    day.judge("confirm", {"digest": digest})
    day.judge("lock", {"digest": digest})
    assert "organisation" not in {r.award for r in board_sequence(day.board)}
    assert len(board_sequence(day.board)) == 38


def test_a_step_before_the_start_shows_nothing_and_past_the_end_stays_on_the_honours(fujian_seq):
    assert reveal_at(fujian_seq, -1) is None
    assert reveal_at(fujian_seq, 0).award == "team_third"
    assert reveal_at(fujian_seq, 999).kind == "honours"
    so_far = revealed_so_far(fujian_seq, 20)
    assert [r.index for r in so_far] == [18, 19, 20]
