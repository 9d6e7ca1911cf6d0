"""On stage, nothing counts twice: a question already scored for a team (a judge's mark already given to a
team) is entered again only as a correction that names the entry it replaces, with a reason; the fold
counts each question once whatever the log holds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.store import Store
from db.writer import Writer
from scoreboard.board import Board
from scoreboard.events import Event, Rejection
from scoreboard.judging import check_command
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster
from scoreboard.stage import answer_points, entry_slot

from .conftest import Day

WEST = load_preset("regional-2021-west")
ROSTER = sample_roster(WEST)
MUST = {"round": "must", "question": 5, "team": "陕西", "contestant": "ST0001", "correct": True}


@pytest.fixture
def day():
    return Day(WEST, ROSTER)


def send(day, kind, data, reason=""):
    """A command as the feeder takes it: checked against the board, then logged."""
    bad = check_command(day.board(), "judge", kind, data, reason)
    return bad if bad else day.judge(kind, data, actor="记分员", reason=reason)


def points(day, team):
    return float(day.board().standings().by_team[team].score) / 100


def test_entering_a_scored_question_again_is_refused_and_says_it_would_count_twice(day):
    first = send(day, "answer", MUST)
    again = send(day, "answer", MUST)
    assert isinstance(again, Rejection) and again.code == "already_entered"
    assert again.zh == f"陕西代表队的个人必答第5题已记分（事件#{first.id}）：如需更正，请作为更正录入（取代原记录）并写明理由"
    assert f"'replaces': {first.id}" in again.message
    assert points(day, "陕西") == 10


def test_a_correction_replaces_the_earlier_entry_and_needs_a_reason(day):
    first = send(day, "answer", MUST)
    fixed = {**MUST, "correct": False, "replaces": first.id}
    assert send(day, "answer", fixed).code == "reason_required"
    ev = send(day, "answer", fixed, reason="答案判错，更正为答错")
    assert isinstance(ev, Event)
    board = day.board()
    assert board.stage.replaced_by(first.id) == ev.id and board.stage.holder("answer", MUST) == ev
    assert points(day, "陕西") == 0 and board.standings().by_exam["ST0001"].total == 0


def test_a_correction_must_name_the_entry_that_counts_now(day):
    first = send(day, "answer", MUST)
    other = send(day, "answer", {**MUST, "question": 6})
    assert send(day, "answer", {**MUST, "replaces": other.id}, "更正").code == "bad_command"
    assert send(day, "answer", {**MUST, "replaces": str(first.id)}, "更正").code == "bad_command"
    assert send(day, "answer", {**MUST, "question": 7, "replaces": first.id}, "更正").zh.startswith("无可更正")
    fixed = send(day, "answer", {**MUST, "replaces": first.id}, "更正")
    stale = send(day, "answer", {**MUST, "replaces": first.id}, "更正")  # a second desk's correction of the same
    assert stale.code == "bad_command" and f"当前为事件#{fixed.id}" in stale.zh


def test_another_team_or_another_question_is_a_new_entry(day):
    send(day, "answer", {"round": "buzzer", "question": 1, "team": "浙江", "correct": True})
    assert isinstance(send(day, "answer", {"round": "buzzer", "question": 1, "team": "福建", "correct": True}), Event)
    assert isinstance(send(day, "answer", {"round": "buzzer", "question": 2, "team": "浙江", "correct": True}), Event)
    assert points(day, "浙江") == 20 and points(day, "福建") == 10


def test_a_judges_second_mark_for_a_team_is_a_correction_too(day):
    mark = {"round": "scenario", "team": "贵州", "judge": "评委1", "mark": 60}
    first = send(day, "panel", mark)
    assert send(day, "panel", {**mark, "mark": 80}).code == "already_entered"
    assert "评委1已为贵州代表队的情景模拟打分" in send(day, "panel", {**mark, "mark": 80}).zh
    assert isinstance(send(day, "panel", {**mark, "judge": "评委2", "mark": 70}), Event)  # another judge
    send(day, "panel", {**mark, "mark": 80, "replaces": first.id}, "评委改分")
    res = day.board().stage_totals().panels[("贵州", "scenario")]
    assert sorted(res.marks) == [("评委1", 80.0), ("评委2", 70.0)]


def test_after_an_undo_the_question_is_entered_again_plainly(day):
    first = send(day, "answer", MUST)
    send(day, "undo", {"event_id": first.id}, "记分更正")
    assert isinstance(send(day, "answer", {**MUST, "correct": False}), Event)
    assert points(day, "陕西") == 0


def test_a_replaced_entry_cannot_be_undone_but_its_correction_can(day):
    first = send(day, "answer", MUST)
    fixed = send(day, "answer", {**MUST, "replaces": first.id}, "更正")
    refused = send(day, "undo", {"event_id": first.id}, "撤销")
    assert refused.code == "bad_command" and f"已被更正（事件#{fixed.id}）取代" in refused.zh
    send(day, "undo", {"event_id": fixed.id}, "撤销")
    assert points(day, "陕西") == 0 and day.board().stage.holder("answer", MUST) is None


def test_a_question_needs_a_whole_number(day):
    for q in (None, 0, 2.0, "5", True, 10_000):
        assert send(day, "answer", {**MUST, "question": q}).code == "bad_command", q


def test_a_log_holding_a_question_twice_counts_it_once_the_later_entry(day):
    """Written before the check existed (or edited): the fold still counts each question and each judge's
    mark once."""
    day.judge("answer", MUST, actor="记分员", reason="")
    later = day.judge("answer", {**MUST, "contestant": "ST0002"}, actor="另一记分员", reason="")
    day.judge("panel", {"round": "scenario", "team": "贵州", "judge": "评委1", "mark": 60}, reason="")
    day.judge("panel", {"round": "scenario", "team": "贵州", "judge": "评委1", "mark": 90}, reason="")
    board = day.board()
    assert points(day, "陕西") == 10 and board.stage.holder("answer", MUST) == later
    assert board.standings().by_exam["ST0002"].total == 1000 and board.standings().by_exam["ST0001"].total == 0
    assert points(day, "贵州") == 90


def test_two_desks_sending_the_same_question_through_the_writer_count_it_once(tmp_path):
    writer = Writer(Store.create(tmp_path / "c.db", WEST, ROSTER))
    first = writer.judge("judge", "记分员甲", "answer", dict(MUST))
    second = writer.judge("judge", "记分员乙", "answer", dict(MUST))  # staged together, before any commit
    assert isinstance(first, Event) and isinstance(second, Rejection) and second.code == "already_entered"
    writer.flush()
    assert Store(tmp_path / "c.db").fold().standings().by_team["陕西"].score == 1000


# --- whatever the log holds, a slot counts once -------------------------------------------------------
SLOTS = [("answer", {"round": "buzzer", "question": q, "team": t, "correct": True}) for q in (1, 2) for t in ("陕西", "河北")]
SLOTS += [("panel", {"round": "scenario", "team": "陕西", "judge": j, "mark": 50}) for j in ("评委1", "评委2")]
step = st.one_of(st.tuples(st.just("entry"), st.integers(0, len(SLOTS) - 1), st.booleans()),
                 st.tuples(st.just("undo"), st.integers(0, 30), st.booleans()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, max_size=30))
def test_the_fold_never_counts_a_slot_twice(steps):
    board = Board(WEST, ROSTER)
    ids = []
    for n, (what, k, right) in enumerate(steps, start=1):
        if what == "entry":
            kind, data = SLOTS[k]
            data = {**data, "correct": right} if kind == "answer" else data
            ids.append(n)
        else:
            kind, data = "undo", {"event_id": ids[k % len(ids)] if ids else 1}
            if data["event_id"] not in board.stage.entries:
                continue
        board.apply(Event(n, 1_700_000_000.0 + n, kind, "judge", None, "记分员", data, "x"))
    live = board.stage.live_entries()
    slots = [entry_slot(e.kind, e.data) for e in live]
    assert len(slots) == len(set(slots))
    buzzer = next(r for r in WEST.rounds if r.id == "buzzer")
    expected = sum(answer_points(buzzer, e.data) for e in live if e.kind == "answer" and e.data["team"] == "陕西")
    panel = board.stage_totals().panels.get(("陕西", "scenario"))
    assert board.stage_totals().team_rounds.get("陕西", {}).get("buzzer", 0) == expected
    assert panel is None or len(panel.marks) == len({e.data["judge"] for e in live if e.kind == "panel"})
