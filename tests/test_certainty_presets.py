"""Certainty on each written preset's own awards, in the middle of marking, checked against completions
played out for real: for every contestant (every team, for team awards) the day is finished once in their
worst way (their ungraded items 0 and the longest time, everyone else's full marks and no time) and once in
their best way (the reverse), folded into a board, and the award engine asked who holds what.

* certain: holds the award even in their worst completion (and no tie there waits on the judges);
* out: holds it not even in their best one (nor could be given it at a tie);
* possible, for the awards called exact: their best completion gives it (or a tie for it), their worst
  does not (or leaves them tied).

The samples: the presets with the sample paper declared (scoreboard.sample.with_paper), two to four
contestants per team, a few with the flags the presets' substitutions read, late in the marking.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from scoreboard.board import Board
from scoreboard.certainty import compute_certainty
from scoreboard.events import Event
from scoreboard.rules import load_preset
from scoreboard.sample import exam_blueprint, exam_day, sample_roster, with_paper
from tests.test_certainty import holds  # award id -> holders; award id -> those tied at its cut-off

DURATION = 7200.0
SAMPLES = {  # preset -> (per team, the flag given to a few)
    "fujian-2024-final": (4, None),
    "shaanxi-2021-provincial": (3, "prior_expert"),
    "national-2021-qualifier": (2, None),
}
SHARES = (0.95, 0.995)  # of the day's records in: late in marking, certain, possible and out all present


def event(i: int, rec: dict) -> Event:
    data = {k: v for k, v in rec.items() if k not in ("type", "seq")}
    return Event(i, float(i), rec["type"], "hall", i, "hall", data)


class Day:
    def __init__(self, preset: str, share: float):
        per_team, flag = SAMPLES[preset]
        self.rules = with_paper(load_preset(preset))
        people = sample_roster(self.rules, 2024, per_team)
        if flag is not None:  # every seventh contestant holds the flag the substitution reads
            people = [dataclasses.replace(p, flags=frozenset({flag})) if i % 7 == 3 else p
                      for i, p in enumerate(people)]
        self.people = people
        records = [rec for _t, rec in exam_day(self.rules, people, seed=5, duration=DURATION)]
        self.records = records[: int(len(records) * share)]
        self.items = exam_blueprint(self.rules)

    def board(self, finish: dict[str, tuple[float, float]] | None = None) -> Board:
        """The day so far; with `finish` (exam_no -> (share of each ungraded item's worth, hand-in time)),
        completed: every ungraded item marked and everyone handed in."""
        board = Board(self.rules, self.people)
        for i, rec in enumerate(self.records, 1):
            board.apply(event(i, rec))
        if finish is None:
            return board
        n = len(self.records)
        graded = {p.exam_no: set(board.marks[p.exam_no]) for p in self.people}
        for p in self.people:
            share, time_used = finish[p.exam_no]
            for it in self.items:
                if it.id not in graded[p.exam_no]:
                    n += 1
                    board.apply(event(n, {"type": "result", "contestant": p.exam_no, "item": it.id,
                                          "section": it.section, "score": it.max * share, "max": it.max}))
            if p.exam_no not in board.time_used:
                n += 1
                board.apply(event(n, {"type": "finish", "contestant": p.exam_no, "time_used": time_used}))
        return board


WORST, BEST = (0.0, DURATION), (1.0, 1.0)


def completion(day: Day, mine: set[str], worst: bool) -> dict[str, tuple[float, float]]:
    """`mine` at their worst and everyone else at their best (or the reverse)."""
    me, others = (WORST, BEST) if worst else (BEST, WORST)
    return {p.exam_no: me if p.exam_no in mine else others for p in day.people}


@pytest.fixture(scope="module", params=[(p, s) for p in sorted(SAMPLES) for s in SHARES], ids=str)
def day(request):
    return Day(*request.param)


def test_the_sample_is_in_the_middle_of_marking(day):
    cert = compute_certainty(day.board())
    assert cert.known and not cert.settled
    marked = [a for a in cert.awards.values() if not a.judges]
    assert any(a.possible for a in marked), "every verdict already settled: not the middle of marking"
    assert any(a.certain for a in marked) and any(a.out for a in marked), "nothing to check certain or out"
    for aid, a in cert.awards.items():
        everyone = set(a.certain) | set(a.possible) | set(a.out)
        names = {t.name for t in day.rules.teams} if a.scope == "team" else {p.exam_no for p in day.people}
        assert everyone == names and len(everyone) == len(a.certain) + len(a.possible) + len(a.out), aid


def test_each_contestants_verdicts_hold_in_their_worst_and_best_completions(day):
    cert = compute_certainty(day.board())
    individual = {aid: a for aid, a in cert.awards.items() if a.scope == "individual" and not a.judges}
    assert individual
    checked = defaultdict(int)
    for p in day.people:
        x = p.exam_no
        at_worst, tied_worst = holds(day.board(completion(day, {x}, worst=True)))
        at_best, tied_best = holds(day.board(completion(day, {x}, worst=False)))
        for aid, a in individual.items():
            if x in a.certain:
                assert x in at_worst[aid] and x not in tied_worst[aid], (aid, x, "certain, but not at worst")
            elif x in a.out:
                assert x not in at_best[aid] and x not in tied_best[aid], (aid, x, "out, but holds at best")
            elif a.exact:
                assert x in at_best[aid] or x in tied_best[aid], (aid, x, "possible, never holds")
                assert x not in at_worst[aid] or x in tied_worst[aid], (aid, x, "possible, always holds")
            checked[aid, a.exact] += 1
    assert all(checked[aid, a.exact] == len(day.people) for aid, a in individual.items())


def test_each_teams_verdicts_hold_in_their_worst_and_best_completions(day):
    cert = compute_certainty(day.board())
    teams = {aid: a for aid, a in cert.awards.items() if a.scope == "team" and not a.judges}
    assert bool(teams) == any(a.kind == "team" for a in day.rules.awards + day.rules.advancement)
    members = defaultdict(set)
    for p in day.people:
        members[p.team].add(p.exam_no)
    for t in day.rules.teams:
        at_worst, tied_worst = holds(day.board(completion(day, members[t.name], worst=True)))
        at_best, tied_best = holds(day.board(completion(day, members[t.name], worst=False)))
        for aid, a in teams.items():
            if t.name in a.certain:
                assert t.name in at_worst[aid] and t.name not in tied_worst[aid], (aid, t.name)
            elif t.name in a.out:
                assert t.name not in at_best[aid] and t.name not in tied_best[aid], (aid, t.name)
            elif a.exact:
                assert t.name in at_best[aid] or t.name in tied_best[aid], (aid, t.name)
                assert t.name not in at_worst[aid] or t.name in tied_worst[aid], (aid, t.name)


def test_an_awards_places_are_the_same_before_and_after_the_list_is_settled():
    """Shaanxi's 岗位练兵明星 has 10 places in one group and 3 in the others: the places counted while marking
    goes on and those counted once every mark is in (the list itself then answers) agree."""
    day = Day("shaanxi-2021-provincial", 0.98)
    expected = {spec.id: sum(spec.count_for(g) for g in day.rules.groups) if spec.kind == "group_top" else spec.count
                for spec in day.rules.awards + day.rules.advancement}
    mid = compute_certainty(day.board())
    done = compute_certainty(day.board(completion(day, set(), worst=False)))
    anyone = day.people[0].exam_no
    assert done.detail["star", anyone].because == "settled"  # every mark in: the award list itself answers
    assert {aid: a.places for aid, a in mid.awards.items()} == expected
    assert {aid: a.places for aid, a in done.awards.items()} == expected
