"""The single writer: staging, group commit, duplicates, conflicts, gaps, and a failed commit."""

import json
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



def test_a_batch_taken_for_writing_leaves_staging_open_and_acks_only_what_it_holds(store):
    w = Writer(store)
    w.hall("hall-a", result(1))
    batch = w.take()
    w.hall("hall-a", result(2, item="case-02"))  # staged while batch 1 is written
    assert w.inflight is batch and w.staging.number == 2
    batch.write(store)
    acks, events = w.done(batch)
    assert acks == {"hall-a": 1} and [e.seq for e in events] == [1] and w.committed == 1
    assert w.dirty and w.flush()[0] == {"hall-a": 2}
    assert [(e.seq, e.data["item"]) for e in Store(store.path).events()] == [(1, "case-01"), (2, "case-02")]


def test_a_resend_of_a_record_being_written_is_a_duplicate_or_a_conflict(store):
    w = Writer(store)
    w.hall("hall-a", result(1))
    batch = w.take()
    assert w.hall("hall-a", result(1)).status == "duplicate"
    assert w.hall("hall-a", result(1, score=3.0)).code == "seq_conflict"
    batch.write(store)
    w.done(batch)
    w.flush()
    assert [q["code"] for q in store.quarantined()] == ["seq_conflict"]


def test_a_failed_write_drops_the_batch_and_what_was_staged_after_it(store):
    w = Writer(store)
    w.hall("hall-a", result(1))
    w.flush()
    w.hall("hall-a", result(2, item="case-02"))
    w.take()
    w.hall("hall-a", result(3, item="case-03"))
    w.failed()
    assert w.inflight is None and not w.dirty and w.expected == {"hall-a": 2} and w.acked == {"hall-a": 1}
    assert w.board.marks["FJ0001"] == {"case-01": 800}


def test_the_events_written_are_the_events_folded_live_run_or_row(store):
    from db.batch import RUN_SPAN

    w = Writer(store)
    at = 1000.0
    recs = [result(s, who=f"FJ{s % 5 + 1:04d}", item=f"case-{s:02d}") for s in range(1, 13)]
    for k, rec in enumerate(recs[:6]):  # a burst of one-record frames: one run, sharing the first arrival
        assert w.hall_one("hall-a", rec, at + k * RUN_SPAN / 10)
    assert w.hall_one("hall-a", recs[6], at + 5 * RUN_SPAN)  # too late for the run: a row
    assert w.hall_run("hall-a", recs[7:], 0, at + 6 * RUN_SPAN) == 5  # one frame of five: a run
    w.hall("hall-b", {"type": "finish", "seq": 1, "contestant": "FJ0002", "time_used": 3600.0}, at=at + 7)
    live = [(e.id, e.at, e.kind, e.source, e.seq, e.data) for e in w.new_events]
    w.flush()
    stored = [(e.id, e.at, e.kind, e.source, e.seq, e.data) for e in Store(store.path).events()]
    assert stored == live and len({e[1] for e in live[:6]}) == 1 and live[6][1] != live[0][1]
    assert Store(store.path).fold().standings().by_exam == w.board.standings().by_exam


def test_a_file_of_the_previous_schema_still_tells_a_resend_from_a_conflict(tmp_path, fujian, fujian_roster):
    old = Store.create(tmp_path / "old.db", fujian, fujian_roster)
    old.conn.execute("CREATE INDEX events_at ON events(at)")  # as schema 2 had it
    old.conn.execute("DROP TABLE seals")  # schema 4's
    old.conn.execute("ALTER TABLE contestants DROP COLUMN flags")  # schema 5's
    old.conn.execute("ALTER TABLE quarantine DROP COLUMN message_zh")  # schema 6's
    old.conn.execute("PRAGMA user_version = 2")
    old.conn.execute("INSERT INTO events(id, at, kind, source, seq, actor, data, digest) VALUES "
                     "(1, 1.0, 'result', 'hall-a', 1, 'hall-a', ?, 'an-old-digest')",
                     ('{"contestant": "FJ0001", "item": "case-01", "section": "case", "score": 8.0, "max": 10.0}',))
    old.conn.execute("INSERT INTO sources VALUES ('hall-a', 1)")
    old.close()
    store = Store(tmp_path / "old.db")  # migrated to the current schema
    assert store.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'events_at'").fetchone()[0] == 0
    w = Writer(store)
    assert w.hall("hall-a", result(1)).status == "duplicate"
    assert w.hall("hall-a", result(1, score=9.0)).code == "seq_conflict"


def test_the_kept_escapes_write_the_same_text_as_json_does():
    from db.writer import _ResultTexts
    from scoreboard.events import record_json

    texts = _ResultTexts()
    for d in ({"contestant": "FJ0001", "item": "案例-01", "section": "case", "score": 8.5, "max": 10},
              {"contestant": "FJ0001", "item": 'q"\\\n', "section": "case", "score": 0, "max": 1e-05},
              {"contestant": "FJ0002", "item": "案例-01", "section": "case", "score": 7, "max": 10.0}):
        assert texts.result(d) == record_json({"type": "result", **d}, d) and json.loads(texts.result(d)) == d
