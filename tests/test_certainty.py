"""Certainty against a brute-force enumeration of completions (small contests, every way the ungraded
items could turn out on a half-point grid): nobody is called certain who misses the award in some
completion, nobody out who holds it (or could be given it by the judges, at a tie) in some completion;
for the awards the module calls exact, the verdicts are those of the enumeration."""

from __future__ import annotations

import itertools
from collections import defaultdict

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scoreboard.board import Board
from scoreboard.certainty import compute_certainty
from scoreboard.events import Event
from scoreboard.roster import Contestant
from scoreboard.rules import load_rules

RULES = """
id = "tiny"
format = "written"
tiebreak = ["total desc", "section.b desc", "time_used asc"]
[[sections]]
id = "a"
items = 2
points = 1
[[sections]]
id = "b"
paper = [{ items = 1, points = 2 }]
[[teams]]
name = "东"
group = "东"
[[teams]]
name = "西"
group = "西"
[[teams]]
name = "南"
group = "西"
[[flags]]
id = "holder"
label = "往年人社知识通"
[[awards]]
id = "expert"
kind = "top"
count = 2
tie_policy = "%(policy)s"
%(substitute)s
[[awards]]
id = "star"
kind = "group_top"
count = 1
exclude = ["expert"]
[[awards]]
id = "team_first"
kind = "team"
count = 1
tie_policy = "%(team_policy)s"
[[awards]]
id = "team_second"
kind = "team"
count = 1
exclude = ["team_first"]
"""
SUBSTITUTES = {
    "none": "",
    "within": 'substitute = { flag = "holder", award = "star", within_count = true }',
    "on_top": 'substitute = { flag = "holder", award = "star", within_count = false }',
}
POLICIES = ("judges", "share")  # at the cut-off of the awards the later ones skip: a tie waits, or is shared
JUDGES = {"policy": "judges", "team_policy": "judges"}
ITEMS = [("a1", "a", 1.0), ("a2", "a", 1.0), ("b1", "b", 2.0)]
GRID = {1.0: (0.0, 0.5, 1.0), 2.0: (0.0, 0.5, 1.0, 1.5, 2.0)}
TIMES = (100.0, 200.0)  # hand-in times recorded on the drawn days
LATE = (0.0, 100.0, 200.0, None)  # what an unfinished contestant may still do: hand in faster than anyone, level
# with the others, slower, or never (None), so a tie on time and a strict pass on time are both enumerated
TEAMS = ("东", "西", "南")
GROUP = {"东": "东", "西": "西", "南": "西"}


def roster(teams, holders):
    return [Contestant(f"T{i:02d}", f"选手{i}", t, "单位", GROUP[t], frozenset({"holder"} if i in holders else ()))
            for i, t in enumerate(teams)]


def fold(rules, people, marks, times, voided):
    """A board with these marks ({exam_no: {item: score}}), hand-in times and contestants withdrawn."""
    board = Board(rules, people)
    n = 0
    for who, items in marks.items():
        for item, score in items.items():
            section, mx = next((s, m) for i, s, m in ITEMS if i == item)
            n += 1
            board.apply(Event(n, float(n), "result", "h", n, "h",
                              {"contestant": who, "item": item, "section": section, "score": score, "max": mx}))
    for who, t in times.items():
        if t is None:
            continue
        n += 1
        board.apply(Event(n, float(n), "finish", "h", n, "h", {"contestant": who, "time_used": t}))
    for who in voided:
        n += 1
        board.apply(Event(n, float(n), "withdraw", "judge", None, "裁判", {"exam_no": who}, "缺考"))
    return board


def holds(board) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Award id -> who holds it (a tie at the cut-off the rules share is held by all of its members); award
    id -> who is in a tie at its cut-off waiting on the judges, which makes them not certain but not out."""
    aw = board.awards()
    held, pending = defaultdict(set), defaultdict(set)
    for a in aw.awards + aw.advancement:
        held[a.award_id].add(a.recipient)
    for t in aw.ties:
        pending[t.award_id].update(t.tied)
    return held, pending


def enumerate_truth(rules, people, marks, times, voided):
    """Award id -> (held in every completion, held in some completion)."""
    open_slots = [(p.exam_no, item) for p in people for item, _s, _m in ITEMS if item not in marks.get(p.exam_no, {})]
    unfinished = [p.exam_no for p in people if p.exam_no not in times]
    always: dict[str, set[str]] | None = None
    ever: dict[str, set[str]] = defaultdict(set)
    choices = [GRID[next(m for i, _s, m in ITEMS if i == item)] for _w, item in open_slots]
    for scores in itertools.product(*choices):
        full = {w: dict(m) for w, m in marks.items()}
        for (who, item), score in zip(open_slots, scores):
            full.setdefault(who, {})[item] = score
        for ts in itertools.product(LATE, repeat=len(unfinished)):
            held, pending = holds(fold(rules, people, full, {**times, **dict(zip(unfinished, ts))}, voided))
            for aid in {a.id for a in rules.awards}:
                ever[aid] |= held.get(aid, set()) | pending.get(aid, set())
            if always is None:
                always = {a.id: set(held.get(a.id, set())) for a in rules.awards}
            else:
                for aid in always:
                    always[aid] &= held.get(aid, set())
    return always, ever


@st.composite
def days(draw):
    n = draw(st.integers(3, 5))
    teams = draw(st.lists(st.sampled_from(TEAMS), min_size=n, max_size=n))
    holders = set(draw(st.lists(st.integers(0, n - 1), max_size=1)))
    marks, times = {}, {}
    for i in range(n):
        who = f"T{i:02d}"
        graded = {}
        for item, _s, mx in ITEMS:
            if draw(st.booleans()):
                graded[item] = draw(st.sampled_from(GRID[mx]))
        if graded:
            marks[who] = graded
        if draw(st.integers(0, 3)) > 0:
            times[who] = draw(st.sampled_from(TIMES))
    voided = set(draw(st.lists(st.sampled_from([f"T{i:02d}" for i in range(n)]), max_size=1)))
    substitute = draw(st.sampled_from(sorted(SUBSTITUTES)))
    policies = {"policy": draw(st.sampled_from(POLICIES)), "team_policy": draw(st.sampled_from(POLICIES))}
    return teams, holders, marks, times, voided, substitute, policies


def completions(people, marks, times) -> int:
    count = 1
    for p in people:
        for item, _s, mx in ITEMS:
            if item not in marks.get(p.exam_no, {}):
                count *= len(GRID[mx])
        if p.exam_no not in times:
            count *= len(LATE)
    return count


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(days())
def test_certain_and_out_are_never_wrong_and_exact_awards_match_the_enumeration(day):
    teams, holders, marks, times, voided, substitute, policies = day
    rules = load_rules(RULES % {"substitute": SUBSTITUTES[substitute], **policies})
    people = roster(teams, holders)
    assume(completions(people, marks, times) <= 300)
    cert = compute_certainty(fold(rules, people, marks, times, voided))
    always, ever = enumerate_truth(rules, people, marks, times, voided)
    for aid, ac in cert.awards.items():
        assert set(ac.certain) <= always[aid], (aid, "certain", ac.certain, always[aid])
        assert not set(ac.out) & ever[aid], (aid, "out", ac.out, ever[aid])
        scope = set(ac.certain) | set(ac.possible) | set(ac.out)
        if ac.exact:
            assert set(ac.certain) == always[aid] & scope, (aid, ac.certain, always[aid])
            assert set(ac.out) == scope - ever[aid], (aid, ac.out, scope - ever[aid])


@st.composite
def logs(draw):
    """A small day's log: marks in any order, some regraded, hand-ins, and a withdrawal or two."""
    n = draw(st.integers(3, 5))
    people = roster(draw(st.lists(st.sampled_from(TEAMS), min_size=n, max_size=n)), set())
    slots = [(p.exam_no, item, mx) for p in people for item, _s, mx in ITEMS]
    order = draw(st.permutations(slots))
    events, k = [], 0
    for who, item, mx in order:
        for _ in range(draw(st.integers(1, 2))):  # a second record for the item is a regrade
            k += 1
            events.append(Event(k, float(k), "result", "h", k, "h", {
                "contestant": who, "item": item, "section": item[0], "score": draw(st.sampled_from(GRID[mx])),
                "max": mx}))
    for p in people:
        k += 1
        events.insert(draw(st.integers(0, len(events))), Event(k, 0.0, "finish", "h", k, "h",
                                                               {"contestant": p.exam_no, "time_used": 100.0 + k}))
    for who in draw(st.lists(st.sampled_from([p.exam_no for p in people]), max_size=2, unique=True)):
        k += 1
        events.insert(draw(st.integers(0, len(events))), Event(k, 0.0, "withdraw", "judge", None, "裁判",
                                                               {"exam_no": who}, "缺考"))
    events = [Event(i, float(i), e.kind, e.source, e.seq, e.actor, e.data, e.reason) for i, e in enumerate(events, 1)]
    return people, events


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_the_moment_the_list_became_settled_is_the_one_a_look_at_every_moment_finds(log):
    from scoreboard.certainty import is_settled
    from scoreboard.settling import settled_position
    from scoreboard.timeline import Timeline

    people, events = log
    rules = load_rules(RULES % {"substitute": "", **JUDGES})
    timeline = Timeline(rules, people, events)
    found = settled_position(timeline)
    looks = []
    for p in range(len(events) + 1):
        timeline.seek_index(p)
        looks.append(is_settled(timeline.board))
    if not looks[-1]:
        assert found is None
    else:
        last_unsettled = max((p for p, ok in enumerate(looks) if not ok), default=-1)
        assert found == last_unsettled + 1


@st.composite
def settled_first_days(draw):
    """Days where 人社知识通 (one place) is already settled and 岗位练兵明星 is not: T00 has every item at full
    marks, everyone else has lost a point somewhere; the rest of their items may still be ungraded. So the
    star's walk knows whom it skips, and its answer must be exact."""
    n = draw(st.integers(3, 5))
    teams = draw(st.lists(st.sampled_from(TEAMS), min_size=n, max_size=n))
    marks, times = {"T00": {item: mx for item, _s, mx in ITEMS}}, {"T00": 100.0}
    for i in range(1, n):
        lost = draw(st.sampled_from(ITEMS))
        graded = {lost[0]: draw(st.sampled_from([g for g in GRID[lost[2]] if g < lost[2]]))}
        for item, _s, mx in ITEMS:
            if item != lost[0] and draw(st.booleans()):
                graded[item] = draw(st.sampled_from(GRID[mx]))
        marks[f"T{i:02d}"] = graded
        if draw(st.booleans()):
            times[f"T{i:02d}"] = draw(st.sampled_from(TIMES))
    return teams, marks, times


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(settled_first_days())
def test_an_award_that_skips_a_settled_award_is_exact_and_matches_the_enumeration(day):
    teams, marks, times = day
    rules = load_rules(RULES.replace("count = 2\n", "count = 1\n", 1) % {"substitute": "", **JUDGES})
    people = roster(teams, set())
    assume(completions(people, marks, times) <= 300)
    cert = compute_certainty(fold(rules, people, marks, times, ()))
    star = cert.awards["star"]
    assert cert.awards["expert"].certain == ["T00"] and not cert.awards["expert"].possible
    assert star.exact
    always, ever = enumerate_truth(rules, people, marks, times, ())
    scope = set(star.certain) | set(star.possible) | set(star.out)
    assert set(star.certain) == always["star"] & scope and set(star.out) == scope - ever["star"]


@st.composite
def crowded_days(draw):
    """Days where several contestants only might hold 人社知识通 and are certainly above others: some of them
    must miss it and then hold 岗位练兵明星's places (or 团体一等奖's and 二等奖's, for their teams)."""
    n = draw(st.integers(4, 5))
    teams = draw(st.lists(st.sampled_from(TEAMS), min_size=n, max_size=n))
    tiers = ["high", "high"] + draw(st.lists(st.sampled_from(["high", "mid", "low"]), min_size=n - 2, max_size=n - 2))
    marks, times = {}, {}
    for i, tier in enumerate(tiers):
        who = f"T{i:02d}"
        if tier == "high":  # a1 and a2 full, b1 perhaps still to come: between 2 and 4
            marks[who] = {"a1": 1.0, "a2": 1.0}
            if draw(st.booleans()):
                marks[who]["b1"] = draw(st.sampled_from(GRID[2.0]))
        elif tier == "mid":  # a1 full, the rest perhaps still to come: anywhere from 1 to 4
            marks[who] = {"a1": 1.0}
            if draw(st.booleans()):
                marks[who]["a2"] = draw(st.sampled_from(GRID[1.0]))
        else:  # at most 1.5 in all
            marks[who] = {"a1": draw(st.sampled_from((0.0, 0.5))), "a2": 0.0, "b1": draw(st.sampled_from((0.0, 1.0)))}
        if draw(st.booleans()):
            times[who] = draw(st.sampled_from(TIMES))
    policies = {"policy": draw(st.sampled_from(POLICIES)), "team_policy": draw(st.sampled_from(POLICIES))}
    return teams, set(), marks, times, set(), "none", policies


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(crowded_days())
def test_those_who_only_might_hold_a_skipped_award_and_cannot_all_hold_it_count_ahead(day):
    test_certain_and_out_are_never_wrong_and_exact_awards_match_the_enumeration.hypothesis.inner_test(day)


def test_three_who_might_hold_two_places_leave_one_ahead_for_the_next_award():
    """Two 人社知识通 places, three contestants between 2 and 4 points who may each take one, a fourth on 1 point
    in their group: one of the three misses it and takes the group's one 岗位练兵明星 place before the fourth."""
    marks = {"T00": {"a1": 1.0, "a2": 1.0}, "T01": {"a1": 1.0, "a2": 1.0}, "T02": {"a1": 1.0, "a2": 1.0},
             "T03": {"a1": 0.0, "a2": 0.0, "b1": 1.0}}
    times = {f"T0{i}": 100.0 for i in range(4)}
    rules = load_rules(RULES % {"substitute": "", **JUDGES})
    people = roster(["东"] * 4, set())
    cert = compute_certainty(fold(rules, people, marks, times, ()))
    assert set(cert.awards["expert"].possible) == {"T00", "T01", "T02"} and cert.awards["expert"].certain == []
    assert "T03" in cert.awards["star"].out and cert.detail["star", "T03"].ahead == 1
    _always, ever = enumerate_truth(rules, people, marks, times, ())
    assert "T03" not in ever["star"]


def test_a_tie_the_rules_share_at_the_cut_off_leaves_its_members_certain():
    """T03 has 4 points, T00 2 (all marked), T01 1 with an item to come that can bring them level with T00 but
    not past: under `share` a tie at the second 人社知识通 place is given to both, so T00 is certain; under
    `judges` it would wait for the judges, and T00 is not."""
    marks = {"T00": {"a1": 1.0, "a2": 1.0, "b1": 0.0}, "T01": {"a1": 1.0, "b1": 0.0},
             "T02": {"a1": 0.0, "a2": 0.0, "b1": 0.5}, "T03": {"a1": 1.0, "a2": 1.0, "b1": 2.0}}
    times = {f"T0{i}": 100.0 for i in range(4)}
    people = roster(["东"] * 4, set())
    for policy, certain in (("share", {"T03", "T00"}), ("judges", {"T03"})):
        rules = load_rules(RULES % {"substitute": "", "policy": policy, "team_policy": "judges"})
        cert = compute_certainty(fold(rules, people, marks, times, ()))
        assert set(cert.awards["expert"].certain) == certain, policy
        always, _ever = enumerate_truth(rules, people, marks, times, ())
        assert always["expert"] == certain, policy


def test_a_tie_shared_once_every_mark_is_in_is_certain_and_the_list_settled():
    """The case CI found: 东 (one member withdrawn, counting 0) and 西 end level for the one 团体一等奖, which
    the rules share; nothing is left to mark, so both are certain of it and the list is settled."""
    marks = {"T00": {"a1": 0.0, "a2": 1.0, "b1": 2.0}, "T02": {"a1": 0.0, "a2": 0.0, "b1": 1.5}}
    times = {"T00": 100.0, "T02": 100.0}
    rules = load_rules(RULES % {"substitute": "", "policy": "judges", "team_policy": "share"})
    people = roster(["东", "东", "西"], set())
    cert = compute_certainty(fold(rules, people, marks, times, {"T01"}))
    assert set(cert.awards["team_first"].certain) == {"东", "西"} and cert.settled
    always, _ever = enumerate_truth(rules, people, marks, times, {"T01"})
    assert always["team_first"] == {"东", "西"}


def test_explain_says_a_shared_tie_cannot_take_the_award():
    from scoreboard.certainty_text import certainty_lines
    marks = {"T00": {"a1": 1.0, "a2": 1.0, "b1": 0.0}, "T01": {"a1": 1.0, "b1": 0.0},
             "T02": {"a1": 0.0, "a2": 0.0, "b1": 0.5}, "T03": {"a1": 1.0, "a2": 1.0, "b1": 2.0}}
    rules = load_rules(RULES % {"substitute": "", "policy": "share", "team_policy": "judges"})
    board = fold(rules, roster(["东"] * 4, set()), marks, {f"T0{i}": 100.0 for i in range(4)}, ())
    cert = compute_certainty(board)
    zh = certainty_lines(rules, cert, "T00")[0]
    en = certainty_lines(rules, cert, "T00", "en")[0]
    assert "至多1人可能超过（并列者按规则共同获奖）" in zh, zh
    assert "at most 1 others could pass them (the rules share a tie)" in en, en
    assert "T01" in cert.awards["expert"].possible  # level with T00 at best: a shared place; T00 and T03 pass at worst
    zh = certainty_lines(rules, cert, "T01")[0]
    en = certainty_lines(rules, cert, "T01", "en")[0]
    assert "最坏情况下2人可能超过（并列者按规则共同获奖）" in zh, zh
    assert "at worst 2 others could pass them (the rules share a tie)" in en, en


def test_a_judges_order_recorded_on_a_shared_award_makes_its_ties_wait_on_the_judges_again():
    """The engine applies a recorded order to its tie whatever the award's policy, so once one is on the log
    (the rules read otherwise when it was made) a tie at the cut-off can take the award from T00 again: T00,
    certain under `share` alone, is possible; and the completion that brings T01 level leaves T00 without it."""
    marks = {"T00": {"a1": 1.0, "a2": 1.0, "b1": 0.0}, "T01": {"a1": 1.0, "b1": 0.0},
             "T02": {"a1": 0.0, "a2": 0.0, "b1": 0.5}, "T03": {"a1": 1.0, "a2": 1.0, "b1": 2.0}}
    rules = load_rules(RULES % {"substitute": "", "policy": "share", "team_policy": "judges"})
    board = fold(rules, roster(["东"] * 4, set()), marks, {f"T0{i}": 100.0 for i in range(4)}, ())
    assert "T00" in compute_certainty(board).awards["expert"].certain
    board.apply(Event(100, 100.0, "decision", "judge", None, "裁判",
                      {"award": "expert", "tied": ["T00", "T01"], "outcome": "order", "order": ["T01", "T00"]},
                      "加赛"))
    cert = compute_certainty(board)
    assert "T00" in cert.awards["expert"].possible and cert.detail["expert", "T00"].because != "share"
    board.apply(Event(101, 101.0, "result", "h", 101, "h",
                      {"contestant": "T01", "item": "a2", "section": "a", "score": 1.0, "max": 1.0}))
    held, _pending = holds(board)
    assert held["expert"] == {"T03", "T01"}
