"""When each place became certain (scoreboard/certain_since.py) against a look at every moment of small days:
the k-th place of an award became certain just after the last moment fewer than k were certain; an award is
settled just after the last moment someone was still possible for it; the whole list as
`settling.settled_position` says."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scoreboard.certain_since as certain_since
from scoreboard.certain_since import certain_history
from scoreboard.certainty import compute_certainty
from scoreboard.rules import load_rules
from scoreboard.settling import settled_position
from scoreboard.timeline import Timeline
from tests.test_certainty import JUDGES, RULES, SUBSTITUTES, logs


def look_everywhere(timeline):
    out = []
    for p in range(len(timeline) + 1):
        timeline.seek_index(p)
        out.append(compute_certainty(timeline.board))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), st.sampled_from(sorted(SUBSTITUTES)), st.sampled_from([1, 2, 64]))
def test_each_place_became_certain_where_a_look_at_every_moment_says(log, substitute, first_pass):
    people, events = log
    rules = load_rules(RULES % {"substitute": SUBSTITUTES[substitute], **JUDGES})
    looks = look_everywhere(Timeline(rules, people, events))
    old = certain_since.FIRST_PASS
    certain_since.FIRST_PASS = first_pass  # several backward passes, not only one
    try:
        hist = certain_history(Timeline(rules, people, events))
    finally:
        certain_since.FIRST_PASS = old
    assert hist.known and hist.looks <= len(looks)
    for aid, h in hist.awards.items():
        counts = [len(c.awards[aid].certain) for c in looks]
        assert h.certain == counts[-1]
        expected = {k: 1 + max((p for p, n in enumerate(counts) if n < k), default=-1) for k in range(1, counts[-1] + 1)}
        got = {k: s.index for s in h.steps for k in range(s.first, s.last + 1)}
        assert got == expected, (aid, counts)
        for s in h.steps:
            before = set(looks[s.index - 1].awards[aid].certain) if s.index else set()
            assert set(s.who) == set(looks[s.index].awards[aid].certain) - before
            assert s.event_id == (events[s.index - 1].id if s.index else None)
        settled = [not c.awards[aid].possible for c in looks]
        want = None if not settled[-1] else 1 + max((p for p, ok in enumerate(settled) if not ok), default=-1)
        assert h.settled == want, (aid, settled)
    assert hist.settled == settled_position(Timeline(rules, people, events))


def test_without_a_paper_nothing_is_computed():
    from scoreboard.rules import load_preset

    hist = certain_history(Timeline(load_preset("fujian-2024-final"), [], []))
    assert not hist.known and hist.why_zh and not hist.awards
