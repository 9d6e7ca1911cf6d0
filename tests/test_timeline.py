"""The timeline: seeking anywhere equals folding the prefix; the scans find exactly the changes."""

import pytest

from scoreboard.board import Board
from scoreboard.events import Event
from scoreboard.sample import exam_blueprint, exam_day, sample_roster
from scoreboard.timeline import Timeline


@pytest.fixture(scope="module")
def small_day(fujian):
    roster = sample_roster(fujian, per_team=4)
    items = exam_blueprint(fujian, items=8)
    records = exam_day(fujian, roster, seed=3, items=items, regrade_rate=0.3)
    events = []
    for i, (t, rec) in enumerate(records, start=1):
        data = {k: v for k, v in rec.items() if k not in ("type", "seq")}
        events.append(Event(i, 1000.0 + t, rec["type"], "hall", rec["seq"], "hall", data))
    return fujian, roster, events


def fold(rules, roster, events):
    b = Board(rules, roster)
    b.apply_all(events)
    return b


def awards_state(board, ids=None):
    aw = board.awards()
    ids = ids or {a.id for a in board.rules.awards}
    return ({(a.award_id, a.recipient) for a in aw.awards + aw.advancement if a.award_id in ids},
            {(t.award_id, t.tied) for t in aw.ties if t.award_id in ids})


def test_seeking_anywhere_shows_the_same_as_folding_up_to_there(small_day):
    rules, roster, events = small_day
    tl = Timeline(rules, roster, events)
    for index in (len(events), 10, len(events) // 2, 0, 37):
        tl.seek_index(index)
        expected = fold(rules, roster, events[:index])
        assert [r.exam_no for r in tl.board.standings().rows] == [r.exam_no for r in expected.standings().rows]
        assert awards_state(tl.board) == awards_state(expected)


def test_seeking_a_time_applies_every_event_up_to_it(small_day):
    rules, roster, events = small_day
    tl = Timeline(rules, roster, events)
    t = events[100].at
    tl.seek_time(t)
    assert tl.position == max(i + 1 for i, e in enumerate(events) if e.at <= t)
    tl.step(-5)
    assert tl.position == max(i + 1 for i, e in enumerate(events) if e.at <= t) - 5


def test_next_top_change_stops_exactly_at_the_next_change_of_the_top_n(small_day):
    rules, roster, events = small_day
    tl = Timeline(rules, roster, events)
    tl.seek_index(len(events) // 3)
    start = tl.position
    found = tl.next_top_change(5)
    b = fold(rules, roster, events[:start])
    top = [r.exam_no for r in b.standings().rows[:5]]
    for i in range(start, len(events)):
        b.apply(events[i])
        now = [r.exam_no for r in b.standings().rows[:5]]
        if now != top:
            assert found == i + 1
            return
    assert found is None


def test_award_changes_are_exactly_the_moments_the_list_changed(small_day):
    rules, roster, events = small_day
    changes = Timeline(rules, roster, events).award_changes()
    b = Board(rules, roster)
    before = awards_state(b)
    expected = []
    for i, ev in enumerate(events):
        b.apply(ev)
        now = awards_state(b)
        if now != before:
            expected.append(i + 1)
        before = now
    assert sorted({c.index for c in changes}) == expected
    assert any(c.gained for c in changes) and any(c.lost for c in changes)


def test_rank_history_samples_the_whole_day(small_day):
    rules, roster, events = small_day
    tl = Timeline(rules, roster, events)
    hist = tl.rank_history([roster[0].exam_no, "福州"], samples=10)
    assert len(hist[roster[0].exam_no]) == 10 and len(hist["福州"]) == 10
    final = fold(rules, roster, events).standings()
    assert hist["福州"][-1][1] == final.by_team["福州"].rank


def day_of(rules, per_team, seed, items=6, regrade=0.4):
    roster = sample_roster(rules, per_team=per_team)
    records = exam_day(rules, roster, seed=seed, items=exam_blueprint(rules, items=items), regrade_rate=regrade)
    events = []
    for i, (t, rec) in enumerate(records, start=1):
        data = {k: v for k, v in rec.items() if k not in ("type", "seq")}
        events.append(Event(i, 1000.0 + t, rec["type"], "hall", rec["seq"], "hall", data))
    return roster, events


def brute_award_moments(rules, roster, events, ids=None):
    b = Board(rules, roster)
    before = awards_state(b, ids)
    out = []
    for i, ev in enumerate(events):
        b.apply(ev)
        now = awards_state(b, ids)
        if now != before:
            out.append(i + 1)
        before = now
    return out


@pytest.mark.parametrize("preset", ["national", "shaanxi"])
def test_award_changes_skip_no_change_with_team_prizes_and_substitutions(preset, request):
    rules = request.getfixturevalue(preset)
    roster, events = day_of(rules, per_team=3, seed=11)
    changes = Timeline(rules, roster, events).award_changes()
    assert sorted({c.index for c in changes}) == brute_award_moments(rules, roster, events)


def test_top_exits_are_exactly_the_moments_a_contestant_fell_below_the_cut_off(small_day):
    rules, roster, events = small_day
    tl = Timeline(rules, roster, events)
    final = fold(rules, roster, events).standings()
    for row in final.rows[15:26]:
        exits = tl.top_exits(row.exam_no, 10)
        b = Board(rules, roster)
        inside, expected = False, []
        for i, ev in enumerate(events):
            b.apply(ev)
            r = b.standings().by_exam[row.exam_no]
            now = r.graded > 0 and r.rank <= 10
            if inside and not now:
                expected.append((i + 1, r.rank))
            inside = now
        assert [(e.index, e.rank_after) for e in exits] == expected
        assert all(events[e.index - 1].id == e.event_id for e in exits)
