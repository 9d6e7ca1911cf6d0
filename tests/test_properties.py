"""Invariants of the fold, the ranking and the award engine (hypothesis)."""

from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster
from scoreboard.serialize import standings_json

RULES = load_preset("fujian-2024-final")
ROSTER = sample_roster(RULES, per_team=4)  # 4 per team (平潭 and 省直 by their units): small but every group
EXAMS = [c.exam_no for c in ROSTER]
ITEMS = [("choice-01", "choice", 2.0), ("choice-02", "choice", 2.0), ("short-01", "short", 5.0),
         ("case-01", "case", 10.0)]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

mark = st.builds(
    lambda who, item, half: (who, item, half),
    st.sampled_from(EXAMS),
    st.sampled_from(ITEMS),
    st.integers(min_value=0, max_value=20),
)
finish = st.builds(lambda who, t: (who, t), st.sampled_from(EXAMS), st.integers(min_value=1, max_value=5))


def to_events(marks, finishes):
    """Events for distinct (contestant, item) marks and one hand-in per contestant."""
    events = []
    seen = set()
    for who, (item, section, mx), half in marks:
        if (who, item) in seen:
            continue
        seen.add((who, item))
        events.append(("result", {"contestant": who, "item": item, "section": section,
                                  "score": min(mx, half / 2), "max": mx}))
    done = set()
    for who, t in finishes:
        if who not in done:
            done.add(who)
            events.append(("finish", {"contestant": who, "time_used": 1000.0 * t}))
    return [Event(i, 1000.0 + i, k, "h", i, "h", d) for i, (k, d) in enumerate(events, start=1)]


def fold(events, rules=RULES):
    b = Board(rules, ROSTER)
    b.apply_all(events)
    return b


def summary(board):
    aw = board.awards()
    return (standings_json(board.rules, board.standings())["individual"],
            [(a.award_id, a.recipient) for a in aw.awards + aw.advancement],
            [t.tied for t in aw.ties])


def strip_positions(summary_):
    rows, awards, ties = summary_
    return rows, sorted(awards), sorted(ties)


@SETTINGS
@given(st.lists(mark, max_size=60), st.lists(finish, max_size=20), st.randoms(use_true_random=False))
def test_arrival_order_does_not_change_standings(marks, finishes, rnd):
    events = to_events(marks, finishes)
    shuffled = events[:]
    rnd.shuffle(shuffled)
    assert strip_positions(summary(fold(events))) == strip_positions(summary(fold(shuffled)))


@SETTINGS
@given(st.lists(mark, min_size=1, max_size=40), st.sampled_from(EXAMS), st.sampled_from(ITEMS),
       st.integers(min_value=0, max_value=20))
def test_a_regrade_followed_by_its_reversal_changes_nothing(marks, who, item, half):
    events = to_events(marks, [])
    original = next((e for e in events if e.data["contestant"] == who and e.data["item"] == item[0]), None)
    before = summary(fold(events))
    if original is None:
        return
    n = len(events)
    regrade = Event(n + 1, 9e9, "result", "h", n + 1, "h", {**original.data, "score": min(item[2], half / 2)})
    reverse = Event(n + 2, 9e9, "result", "h", n + 2, "h", dict(original.data))
    assert summary(fold(events + [regrade, reverse])) == before


@SETTINGS
@given(st.lists(mark, max_size=60), st.lists(finish, max_size=20))
def test_ranks_follow_competition_ranking(marks, finishes):
    rows = fold(to_events(marks, finishes)).standings().rows
    for i, r in enumerate(rows):
        if i == 0:
            assert r.rank == 1
        elif r.key == rows[i - 1].key:
            assert r.rank == rows[i - 1].rank  # equal on every key: equal rank
        else:
            assert r.rank == i + 1  # "1224": the next distinct one skips the shared places
        assert i == 0 or rows[i - 1].key <= r.key


@SETTINGS
@given(st.lists(mark, max_size=60), st.lists(finish, max_size=20), st.sampled_from(["judges", "share"]))
def test_awards_never_exceed_their_counts_except_shares_and_substitutions(marks, finishes, policy):
    rules = replace(RULES, awards=tuple(replace(a, tie_policy=policy) for a in RULES.awards))
    aw = fold(to_events(marks, finishes), rules).awards()
    counts = Counter((a.award_id, a.group) for a in aw.awards if a.note not in ("shared", "substituted"))
    for (award_id, group), n in counts.items():
        spec = rules.award(award_id)
        assert n <= (spec.count_for(group) if group else spec.count)
    holders = Counter((a.award_id, a.recipient) for a in aw.awards)
    assert max(holders.values(), default=1) == 1  # nobody gets the same award twice


@SETTINGS
@given(st.lists(mark, max_size=60), st.lists(finish, max_size=20), st.integers(min_value=0, max_value=80))
def test_folding_event_by_event_equals_folding_the_whole_log(marks, finishes, cut):
    events = to_events(marks, finishes)
    live = Board(RULES, ROSTER)
    for i, ev in enumerate(events):
        live.apply(ev)
        if i == cut:
            live.standings(), live.awards()  # reading in the middle must not disturb anything
    assert summary(live) == summary(fold(events))
