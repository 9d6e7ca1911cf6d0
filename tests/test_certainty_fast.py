"""Certainty read off sorted bounds (scoreboard/certainty.py, certainty_bounds.py, certainty_scope.py) gives, after
every event of random days folded into one board, exactly what the contestant-by-contestant walk
(tests/certainty_reference.py) gives: every award's certain, possible and out lists in their order, the
reasons behind each verdict, the ungraded items that still matter, and whether the list is settled.

The days are larger than the brute-force ones (tests/test_certainty.py): three award groups, awards that
skip the holders of earlier ones, a flag that sends its holders to another award, team awards with a pool,
a judges' award, regrades, hand-ins, withdrawals, and enough contestants that one mark moves the bounds
instead of building them again."""

from __future__ import annotations

from dataclasses import astuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tests.certainty_reference as reference
from scoreboard.board import Board
from scoreboard.certainty import compute_certainty, is_settled
from scoreboard.events import Event
from scoreboard.roster import Contestant
from scoreboard.rules import load_rules

RULES = """
id = "mid"
format = "written"
tiebreak = [%(chain)s]
[team_score]
formula = "%(formula)s"
k = 2
absent = "%(absent)s"
[ties]
at_cutoff = "%(ties)s"
[[sections]]
id = "a"
items = 2
points = 2
[[sections]]
id = "b"
paper = [{ items = 1, points = 3 }, { items = 1, points = 5 }]
[[teams]]
name = "甲"
group = "一"
own_entry = true
[[teams]]
name = "乙"
group = "二"
own_entry = true
[[teams]]
name = "丙"
group = "二"
[[teams]]
name = "丁"
group = "三"
own_entry = true
[[flags]]
id = "holder"
label = "往年人社知识通"
[[awards]]
id = "organisation"
label = "优秀组织奖"
kind = "judge"
scope = "team"
[[awards]]
id = "expert"
kind = "top"
count = %(experts)d
%(substitute)s
[[awards]]
id = "star"
kind = "group_top"
count = 1
counts = { "三" = %(third)d }
exclude = ["expert"]
[[awards]]
id = "merit"
kind = "top"
count = 3
exclude = ["expert", "star"]
[[awards]]
id = "team_first"
kind = "team"
count = 1
only_teams_with = "own_entry"
[[awards]]
id = "team_second"
kind = "team"
count = 1
exclude = ["team_first"]
[[advancement]]
id = "final"
kind = "top"
count = 4
"""
CHAINS = ['"total desc", "section.b desc", "time_used asc"', '"total desc", "graded desc"',
          '"total desc", "section.a asc", "time_used desc"']
SUBSTITUTES = ["", 'substitute = { flag = "holder", award = "star", within_count = true }',
               'substitute = { flag = "holder", award = "star", within_count = false }']
ITEMS = [("a1", "a", 2.0), ("a2", "a", 2.0), ("b1", "b", 3.0), ("b2", "b", 5.0)]
TEAMS = ("甲", "乙", "丙", "丁")
GROUP = {"甲": "一", "乙": "二", "丙": "二", "丁": "三"}


@st.composite
def days(draw):
    rules = load_rules(RULES % {
        "chain": draw(st.sampled_from(CHAINS)), "substitute": draw(st.sampled_from(SUBSTITUTES)),
        "formula": draw(st.sampled_from(["mean", "sum", "top_k_mean"])),
        "absent": draw(st.sampled_from(["zero", "exclude"])),
        "experts": draw(st.integers(1, 3)), "third": draw(st.integers(0, 2)),
        "ties": draw(st.sampled_from(["judges", "share"]))})
    n = draw(st.integers(10, 18))
    people = [Contestant(f"M{i:02d}", f"选手{i}", t, "单位", GROUP[t],
                         frozenset({"holder"} if draw(st.integers(0, 5)) == 0 else ()))
              for i, t in enumerate(draw(st.lists(st.sampled_from(TEAMS), min_size=n, max_size=n)))]
    slots = [(p.exam_no, item, sec, mx) for p in people for item, sec, mx in ITEMS]
    share = draw(st.sampled_from([30, 70, 90, 100]))  # per cent of the items graded by the end
    chosen = [s for s in draw(st.permutations(slots)) if draw(st.integers(0, 99)) < share]
    chosen += draw(st.lists(st.sampled_from(slots), max_size=4))  # regrades (or late first marks)
    events = []
    for who, item, sec, mx in chosen:  # the same slot twice is a regrade
        score = draw(st.integers(0, int(mx * 2))) / 2
        events.append(("result", {"contestant": who, "item": item, "section": sec, "score": score, "max": mx}))
    for p in people:
        if draw(st.integers(0, 2)):
            events.insert(draw(st.integers(0, len(events))),
                          ("finish", {"contestant": p.exam_no, "time_used": float(draw(st.integers(60, 90)))}))
    for who in draw(st.lists(st.sampled_from([p.exam_no for p in people]), max_size=2, unique=True)):
        events.insert(draw(st.integers(0, len(events))), ("withdraw", {"exam_no": who}))
    if draw(st.booleans()):
        events.insert(draw(st.integers(0, len(events))), ("assign", {"award": "organisation", "recipient": "乙"}))
    return rules, people, events


def event(i: int, kind: str, data: dict) -> Event:
    if kind in ("result", "finish"):
        return Event(i, float(i), kind, "hall", i, "hall", data)
    return Event(i, float(i), kind, "judge", None, "裁判", data, "理由")


def assert_same(board) -> None:
    new, old = compute_certainty(board), reference.compute_certainty(board)
    assert new.known == old.known
    assert list(new.awards) == list(old.awards)
    for aid, a in new.awards.items():
        b = old.awards[aid]
        assert (a.scope, a.exact, a.places, a.judges) == (b.scope, b.exact, b.places, b.judges), aid
        assert (a.certain, a.possible, list(a.out)) == (b.certain, b.possible, b.out), aid
    assert {k: astuple(s) for k, s in new.detail.items()} == {k: astuple(s) for k, s in old.detail.items()}
    for recipient in list(board.contestants)[:3] + [t.name for t in board.rules.teams]:
        assert new.of(recipient) == old.of(recipient)
    assert dict(new.open) == old.open
    assert is_settled(board) == old.settled


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(days())
def test_the_thresholds_give_what_the_walk_gives_after_every_event(day):
    rules, people, events = day
    board = Board(rules, people)
    assert_same(board)
    for i, (kind, data) in enumerate(events, 1):
        board.apply(event(i, kind, data))
        assert_same(board)


def test_a_verdict_read_later_is_the_one_of_its_moment():
    """The reasons and the out list are made when read, from the bounds of their moment: a mark after the
    computation does not change them."""
    rules = load_rules(RULES % {"chain": CHAINS[0], "substitute": "", "formula": "mean", "absent": "zero",
                                "ties": "judges", "experts": 1, "third": 1})
    people = [Contestant(f"M{i:02d}", f"选手{i}", TEAMS[i % 4], "单位", GROUP[TEAMS[i % 4]]) for i in range(12)]
    board = Board(rules, people)
    for i, p in enumerate(people, 1):
        board.apply(event(i, "result", {"contestant": p.exam_no, "item": "a1", "section": "a", "score": 1.0,
                                        "max": 2.0}))
    before = compute_certainty(board)
    board.apply(event(99, "result", {"contestant": "M05", "item": "b2", "section": "b", "score": 5.0, "max": 5.0}))
    after = compute_certainty(board)
    again = reference.compute_certainty(board)
    assert after.detail[("expert", "M05")].ahead == again.detail[("expert", "M05")].ahead
    board2 = Board(rules, people)
    for i, p in enumerate(people, 1):
        board2.apply(event(i, "result", {"contestant": p.exam_no, "item": "a1", "section": "a", "score": 1.0,
                                         "max": 2.0}))
    then = reference.compute_certainty(board2)
    assert {k: astuple(s) for k, s in before.detail.items()} == {k: astuple(s) for k, s in then.detail.items()}
    assert {a: list(ac.out) for a, ac in before.awards.items()} == {a: ac.out for a, ac in then.awards.items()}
