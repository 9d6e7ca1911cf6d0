"""A record that fails inside the server never leaves memory, the judges' feed or the event ids apart
from what is on disk, and the hall can go on: its resend is quarantined as `unprocessable`.

Nothing a hall can send makes the real fold raise any more (the bounds refuse it first), so the fault
is injected: a Board whose fold raises for one item, as a bug would.
"""

from __future__ import annotations

import pytest

from db.store import Store
from db.verify import verify
from db.writer import Writer, WriterFault
from scoreboard.board import Board


class BuggyBoard(Board):
    """Raises inside the fold for the item "boom", after the checks passed (as a bug would)."""

    def admit(self, rec, ev_id, at, source):
        if rec.get("item") == "boom":
            raise ArithmeticError("a bug in the fold")
        return super().admit(rec, ev_id, at, source)

    def apply(self, ev):
        if ev.data.get("item") == "boom" or ev.data.get("boom"):
            raise ArithmeticError("a bug in the fold")
        super().apply(ev)

    def check(self, rec):
        if rec.get("item") == "check-boom":
            raise KeyError("a bug in a check")
        return super().check(rec)


def result(seq, item="choice-01", who="FJ0001", score=1.0, mx=1.0, section="choice"):
    return {"type": "result", "seq": seq, "contestant": who, "item": item, "section": section, "score": score,
            "max": mx}


@pytest.fixture
def store(tmp_path, fujian, fujian_roster):
    s = Store.create(tmp_path / "c.db", fujian, fujian_roster)
    yield s
    s.close()


def writer(store) -> Writer:
    board = BuggyBoard(store.rules(), store.contestants())
    board.apply_all(store.events())
    return Writer(store, board)


def test_a_fault_in_a_batch_keeps_what_came_before_staged_whole(store):
    w = writer(store)
    recs = [result(1), result(2, "choice-02"), result(3, "boom"), result(4, "choice-03")]
    with pytest.raises(WriterFault) as caught:
        w.hall_run("hall-a", recs, 0, 1.0)
    assert (caught.value.source, caught.value.seq) == ("hall-a", 3) and w.broken is caught.value
    # what is staged is exactly the two records before it: events, rows and seal lines agree
    assert [e.id for e in w.new_events] == [1, 2] and w.next_id == 3 and w.expected["hall-a"] == 3
    assert sum(len(r[-1]) for r in w.staged_runs) == 2 and len(w.staging.event_lines()) == 2


def test_after_a_fault_nothing_staged_is_written_and_ids_are_not_reused(store):
    w = writer(store)
    w.hall("hall-a", result(1))
    w.flush()
    w.hall("hall-a", result(2, "choice-02"))
    with pytest.raises(WriterFault):
        w.hall("hall-a", result(3, "boom"))
    w.recover()  # what the feeder does: drop what is staged, rebuild from the file
    assert w.broken is None and w.next_id == 2 and w.expected["hall-a"] == 2 and w.new_events == []
    assert [e.id for e in store.events()] == [1]
    # the hall resends from its ack: 2 is taken again, 3 goes to the quarantine, 4 goes on
    assert w.hall("hall-a", result(2, "choice-02")).status == "accepted"
    out = w.hall("hall-a", result(3, "boom"))
    assert out.status == "rejected" and out.code == "unprocessable" and "ArithmeticError" in out.message
    assert w.hall("hall-a", result(4, "choice-03")).status == "accepted"
    acks, events = w.flush()
    assert acks == {"hall-a": 4} and [e.id for e in events] == [2, 3]
    assert [(e.id, e.seq) for e in store.events()] == [(1, 1), (2, 2), (3, 4)]
    assert [(q["seq"], q["code"]) for q in store.quarantined()] == [(3, "unprocessable")]
    assert verify(store).ok


def test_the_fast_path_of_a_single_record_frame_faults_cleanly_too(store):
    w = writer(store)
    assert w.hall_one("hall-a", result(1), 1.0)
    with pytest.raises(WriterFault):
        w.hall_one("hall-a", result(2, "boom"), 1.0)
    assert [e.id for e in w.new_events] == [1] and w.next_id == 2
    w.recover()
    assert w.new_events == [] and w.hall_one("hall-a", result(1), 1.0)  # staged again from the start
    assert not w.hall_one("hall-a", result(2, "boom"), 1.0)  # remembered: the general path quarantines it
    assert w.hall("hall-a", result(2, "boom")).code == "unprocessable"
    w.flush()
    assert [e.seq for e in store.events()] == [1] and store.acked() == {"hall-a": 2}


def test_a_check_that_fails_refuses_the_record_and_the_hall_goes_on(store):
    w = writer(store)
    out = w.hall("hall-a", result(1, "check-boom", score=9, mx=1))  # admit declines (score > max): check runs
    assert out.status == "rejected" and out.code == "bad_record" and "unreadable content (KeyError)" in out.message
    assert w.broken is None and w.hall("hall-a", result(2)).status == "accepted"
    w.flush()
    assert verify(store).ok


def test_a_judge_command_that_fails_in_the_fold_is_a_fault_not_an_event(store):
    w = writer(store)
    with pytest.raises(WriterFault):
        w.judge("chief", "李主裁", "freeze", {"boom": True}, "")
    assert w.new_events == [] and w.staged_judge == [] and w.next_id == 1


def test_the_quarantine_keeps_a_bounded_message_and_raw_bytes(store):
    w = writer(store)
    raw = b"x" * 100_000
    out = w.hall("hall-a", result(1, who="NOBODY" * 10), raw)
    assert out.code == "unknown_contestant"
    w.flush()
    q = store.quarantined()[0]
    assert len(q["raw"]) == 4096 and len(q["message"]) < 300
