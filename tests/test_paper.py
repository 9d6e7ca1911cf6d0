"""A section's paper (试卷结构): declared in the rules, it refuses a record whose worth it does not have
and an item beyond it, and tells each contestant's points still to come."""

from __future__ import annotations

import pytest

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.roster import Contestant
from scoreboard.rules import RulesError, load_preset, load_rules
from scoreboard.sample import exam_blueprint, with_paper

HEAD = 'id = "p"\n[[teams]]\nname = "福州"\n'
PEOPLE = [Contestant("FJ0001", "甲", "福州", "u", "福州"), Contestant("FJ0002", "乙", "福州", "u", "福州")]


def rules_with(sections: str):
    return load_rules(HEAD + sections)


def result(seq, item, section, score, mx, who="FJ0001"):
    return {"type": "result", "seq": seq, "contestant": who, "item": item, "section": section, "score": score,
            "max": mx}


def test_a_paper_is_declared_by_items_and_points_or_as_parts_of_different_worth():
    r = rules_with('[[sections]]\nid = "choice"\nitems = 40\npoints = 1\n'
                   '[[sections]]\nid = "case"\npaper = [{ items = 2, points = 10 }, { items = 1, points = 15 }]\n')
    choice, case = r.sections
    assert (choice.paper.items, choice.paper.total) == (40, 4000)
    assert case.paper.caps == {1500: 1, 1000: 2} and case.paper.total == 3500
    assert case.paper.describe() == "1题×15分；2题×10分，共35分" and r.paper_known


def test_without_a_paper_nothing_changes_and_remaining_points_are_unknown():
    r = load_preset("fujian-2024-final")
    assert not r.paper_known and Board(r, []).remaining("x") is None


@pytest.mark.parametrize("section, words", [
    ('items = 40', "items and points go together"),
    ('items = 0\npoints = 1', "positive whole number"),
    ('items = 4\npoints = 0.005', "finer than a hundredth"),
    ('items = 4\npoints = 1\npaper = [{ items = 1, points = 1 }]', "either items and points, or paper"),
    ('paper = [{ items = 1, points = 2 }, { items = 3, points = 2 }]', "already listed"),
    ('paper = []', "expected a list"),
    ('items = 2000\npoints = 1', "more than a contestant may have"),
])
def test_a_paper_that_cannot_be_is_refused_naming_the_key(section, words):
    with pytest.raises(RulesError, match=words):
        rules_with(f'[[sections]]\nid = "choice"\n{section}\n')


@pytest.fixture
def board():
    return Board(rules_with('[[sections]]\nid = "choice"\nitems = 2\npoints = 1\n'
                            '[[sections]]\nid = "case"\npaper = [{ items = 1, points = 10 }, { items = 1, points = 15 }]\n'),
                 PEOPLE)


def test_a_worth_the_paper_does_not_have_is_a_max_mismatch(board):
    bad = board.check(result(1, "case-9", "case", 3, 12))
    assert bad.code == "max_mismatch" and "worth 15, 10" in bad.message and "试卷上case每题15、10分" in bad.zh
    assert board.admit(result(1, "case-9", "case", 3, 12), 1, 1.0, "h") is None


def test_an_item_beyond_the_paper_is_refused_and_a_regrade_is_not(board):
    for seq, item in enumerate(("c1", "c2"), 1):
        assert board.admit(result(seq, item, "choice", 1, 1), seq, 1.0, "h") is not None
    assert board.check(result(3, "c1", "choice", 0, 1)) is None  # a regrade of an item already counted
    bad = board.check(result(4, "c3", "choice", 1, 1))
    assert bad.code == "paper_exceeded" and "already has 2 graded choice items worth 1" in bad.message
    assert "多出一道" in bad.zh and board.admit(result(4, "c3", "choice", 1, 1), 4, 1.0, "h") is None
    assert board.check(result(5, "c3", "choice", 1, 1, who="FJ0002")) is None  # each contestant has a paper


def test_remaining_points_are_what_the_ungraded_items_could_still_bring(board):
    assert board.remaining("FJ0001") == [200, 2500]
    board.admit(result(1, "c1", "choice", 0.5, 1), 1, 1.0, "h")
    board.admit(result(2, "k1", "case", 7, 15), 2, 1.0, "h")
    assert board.remaining("FJ0001") == [100, 1000] and board.remaining("FJ0002") == [200, 2500]


def test_a_logged_result_beyond_the_paper_is_left_out_of_the_fold_and_named(board):
    for n, item in enumerate(("c1", "c2", "c3"), 1):
        board.apply(Event(n, 1.0, "result", "h", n, "h",
                          {"contestant": "FJ0001", "item": item, "section": "choice", "score": 1, "max": 1}))
    assert board.totals["FJ0001"] == 200 and board.faults and "paper" in board.faults[0][1]
    assert "试卷" in board.faults[0][2]  # what verify tells a judge, in Chinese


def test_the_sample_day_follows_a_declared_paper():
    rules = with_paper(load_preset("fujian-2024-final"))
    items = exam_blueprint(rules)
    assert rules.paper_known and len(items) == 66 and sum(i.max for i in items) == 100
