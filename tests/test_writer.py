"""The single writer: staging, group commit, duplicates, conflicts, gaps, and a failed commit."""

import sqlite3

import pytest

from db.store import Store
from db.writer import Writer


@pytest.fixture
def store(tmp_path, fujian, fujian_roster):
    return Store.create(tmp_path / "c.db", fujian, fujian_roster)


def result(seq, who="FJ0001", item="case-01", score=8.0, mx=10.0):
    return {"type": "result", "seq": seq, "contestant": who, "item": item, "section": "case", "score": score,
            "max": mx}


def test_nothing_is_durable_before_flush_and_everything_after(store):
    w = Writer(store)
    assert w.hall("hall-a", result(1)).status == "accepted"
    assert Store(store.path).acked() == {} and Store(store.path).last_event_id() == 0
    acks, events = w.flush()
    assert acks == {"hall-a": 1} and [e.id for e in events] == [1]
    again = Store(store.path)
    assert again.acked() == {"hall-a": 1} and again.fold().standings().by_exam["FJ0001"].total == 800


def test_a_duplicate_changes_nothing(store):
    w = Writer(store)
    w.hall("hall-a", result(1))
    w.flush()
    assert w.hall("hall-a", result(1)).status == "duplicate"
    assert w.flush() == ({}, [])
    w2 = Writer(store)  # after a restart the duplicate is recognised from the file
    assert w2.hall("hall-a", result(1)).status == "duplicate"


def test_a_reused_seq_with_other_content_is_a_quarantined_conflict(store):
    w = Writer(store)
    w.hall("hall-a", result(1))
    w.flush()
    out = w.hall("hall-a", result(1, score=9.0))
    assert (out.status, out.code) == ("rejected", "seq_conflict")
    w.flush()
    assert [q["code"] for q in store.quarantined()] == ["seq_conflict"]
    assert store.fold().standings().by_exam["FJ0001"].total == 800


def test_a_seq_that_skips_ahead_is_a_gap_and_is_not_staged(store):
    w = Writer(store)
    out = w.hall("hall-a", result(2))
    assert (out.status, out.expected) == ("gap", 1)
    assert not w.dirty


def test_a_rejected_record_is_quarantined_and_covered_by_the_ack(store):
    w = Writer(store)
    out = w.hall("hall-a", result(1, who="XX"), raw=b"\x81")
    assert out.code == "unknown_contestant"
    acks, _ = w.flush()
    assert acks == {"hall-a": 1}
    q = store.quarantined("hall-a")[0]
    assert (q["seq"], q["code"], q["raw"]) == (1, "unknown_contestant", b"\x81")


def test_sources_keep_their_own_sequences(store):
    w = Writer(store)
    assert w.hall("hall-a", result(1)).status == "accepted"
    assert w.hall("hall-b", result(1, who="FJ0002")).status == "accepted"
    assert w.flush()[0] == {"hall-a": 1, "hall-b": 1}


def test_a_failed_commit_acks_nothing_and_the_board_returns_to_what_is_durable(store):
    w = Writer(store)
    w.hall("hall-a", result(1))
    w.flush()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    for seq in range(2, 400):
        w.hall("hall-a", result(seq, who=f"FJ{seq % 250 + 1:04d}", item=f"case-{seq:03d}", mx=10.0))
    with pytest.raises(sqlite3.OperationalError, match="full"):
        w.flush()
    assert w.acked == {"hall-a": 1} and w.expected == {"hall-a": 2}
    assert w.board.standings().by_exam["FJ0001"].total == 800 and w.board.last_event_id == 1
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space returns
    assert w.hall("hall-a", result(2, who="FJ0002")).status == "accepted"
    assert w.flush()[0] == {"hall-a": 2}


def test_judge_events_are_chained_and_applied_at_once(store):
    w = Writer(store)
    ev = w.judge("judge", "张裁判", "view", {"view": "awards"}, "")
    assert w.board.control.view == {"view": "awards"}
    bad = w.judge("display", "大屏", "freeze", {}, "")
    assert bad.code == "forbidden"
    w.flush()
    assert store.verify_chain()[0] and store.judge_events()[0]["id"] == ev.id


def test_a_results_row_written_in_one_step_is_the_row_written_in_two():
    from db.batch import row_text
    from db.writer import _RESULT_ROW, _result_text

    d = {"contestant": "FJ0001", "item": "案例-01", "section": "case", "score": 8.5, "max": 10}
    one = _RESULT_ROW % (7, 1763900000.25, '"hall-a"', 3, '"FJ0001"', '"案例-01"', '"case"', 8.5, 10)
    assert one == row_text(7, 1763900000.25, "result", '"hall-a"', 3, _result_text(d))
