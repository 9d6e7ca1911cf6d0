"""The hall protocol core, sans I/O: bytes in, staged work, bytes out after the commit."""

import math

import msgpack
import pytest

from db.store import Store
from db.writer import Writer
from feeder import protocol as P
from tests.feeder_support import HALL_TOKENS, make_db, pack, result, tokens

TOKEN_A = HALL_TOKENS["hall-a"]


def frames(out: list[bytes]) -> list[dict]:
    return [msgpack.unpackb(f, raw=False) for f in out]


@pytest.fixture
def writer(tmp_path):
    store = Store(make_db(tmp_path))
    yield Writer(store)
    store.close()


def commit(session: P.HallSession) -> list[dict]:
    session.writer.flush()
    return frames(session.after_commit())


@pytest.mark.parametrize(
    "data, code",
    [
        ("hello", "text_frame"),
        (b"\xc1\xc1", "not_msgpack"),
        (pack({"type": "x"}) + b"\x01", "not_msgpack"),
        (pack([1, 2]), "not_a_map"),
        (pack("text"), "not_a_map"),
        (pack({"type": "result", "pad": "x" * 2000}), "frame_too_large"),
    ],
)
def test_a_broken_frame_is_named_by_its_error_code(data, code):
    with pytest.raises(P.ProtocolError) as exc:
        P.decode_frame(data, limit=1000)
    assert exc.value.code == code
    assert frames([exc.value.frame()])[0]["code"] == code


@pytest.mark.parametrize(
    "hello, code",
    [
        ({"type": "result", "seq": 1}, "bad_hello"),
        ({"type": "hello", "protocol": 2, "role": "hall", "source": "hall-a", "token": TOKEN_A}, "bad_hello"),
        ({"type": "hello", "protocol": 1, "role": "admin", "source": "hall-a", "token": TOKEN_A}, "bad_hello"),
        ({"type": "hello", "protocol": 1, "role": "hall", "source": "", "token": TOKEN_A}, "bad_hello"),
        ({"type": "hello", "protocol": 1, "role": "hall", "source": "hall-a"}, "bad_hello"),
        ({"type": "hello", "protocol": 1, "role": "hall", "source": "hall-a", "token": "wrong-token-000"}, "unauthorized"),
        ({"type": "hello", "protocol": 1, "role": "hall", "source": "hall-b", "token": TOKEN_A}, "unauthorized"),
        ({"type": "hello", "protocol": 1, "role": "hall", "source": "hall-z", "token": TOKEN_A}, "unauthorized"),
    ],
)
def test_a_hello_is_refused_unless_its_token_is_the_one_for_that_source(hello, code):
    with pytest.raises(P.ProtocolError) as exc:
        P.check_hello(tokens(), pack(hello))
    assert exc.value.code == code


def test_a_first_frame_that_is_not_even_msgpack_is_a_bad_hello():
    with pytest.raises(P.ProtocolError) as exc:
        P.check_hello(tokens(), "hello")
    assert exc.value.code == "bad_hello"


def test_a_good_hello_names_role_and_source():
    h = P.check_hello(tokens(), pack({"type": "hello", "protocol": 1, "role": "hall", "source": "hall-a",
                                      "token": TOKEN_A}))
    assert (h.role, h.source) == ("hall", "hall-a")


def test_nothing_is_answered_before_the_commit_and_then_one_cumulative_ack(writer):
    s = P.HallSession(writer, "hall-a")
    for seq in (1, 2, 3):
        s.receive(pack(result(seq, item=f"choice-{seq:02d}")))
    assert s.waiting and writer.acked.get("hall-a", 0) == 0
    assert commit(s) == [{"type": "ack", "seq": 3}]
    assert commit(s) == []  # nothing new, nothing said


def test_a_batch_is_expanded_in_order(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack({"type": "batch", "records": [result(1), result(2, item="choice-02"),
                                                  {"type": "finish", "seq": 3, "contestant": "FJ0001",
                                                   "time_used": 100.0}]}))
    assert commit(s) == [{"type": "ack", "seq": 3}]
    assert writer.board.time_used["FJ0001"] == 100.0


def test_a_duplicate_is_acknowledged_again_and_changes_nothing(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack(result(1, score=1.0)))
    commit(s)
    version = writer.board.version
    s.receive(pack(result(1, score=1.0)))
    assert commit(s) == [{"type": "ack", "seq": 1}]
    assert writer.board.version == version


BAD = [
    ({"type": "result", "seq": 1, "contestant": "FJ0001", "item": "choice-01", "section": "choice", "max": 1.0},
     "bad_record"),
    (result(1, score="eight"), "bad_record"),
    ({"type": "finish", "seq": 1, "contestant": "FJ0001", "time_used": -5.0}, "bad_record"),
    (result(1, contestant="XX9999"), "unknown_contestant"),
    (result(1, section="essay"), "unknown_section"),
    (result(1, score=-1.0), "score_out_of_range"),
    (result(1, score=2.0), "score_out_of_range"),
    (result(1, score=math.nan), "score_out_of_range"),
    (result(1, score=math.inf), "score_out_of_range"),
]


@pytest.mark.parametrize("rec, code", BAD)
def test_every_rejection_is_quarantined_with_its_raw_bytes_and_covered_by_the_ack(writer, rec, code):
    s = P.HallSession(writer, "hall-a")
    data = pack(rec)
    s.receive(data)
    out = commit(s)
    assert out[0]["type"] == "rejected" and out[0]["seq"] == 1 and out[0]["code"] == code
    assert out[0]["message"]
    assert out[1] == {"type": "ack", "seq": 1}
    q = writer.store.quarantined("hall-a")
    assert [(x["seq"], x["code"], x["raw"]) for x in q] == [(1, code, data)]


def test_an_unknown_record_type_inside_a_batch_is_rejected_as_a_bad_record(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack({"type": "batch", "records": [{"type": "essay", "seq": 1}, result(2)]}))
    out = commit(s)
    assert [(m["type"], m.get("code"), m["seq"]) for m in out] == [("rejected", "bad_record", 1), ("ack", None, 2)]
    assert msgpack.unpackb(writer.store.quarantined()[0]["raw"]) == {"type": "essay", "seq": 1}


def test_an_items_max_must_not_change(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack(result(1, item="case-01", section="case", score=5.0, mx=10.0)))
    s.receive(pack(result(2, contestant="FJ0002", item="case-01", section="case", score=5.0, mx=20.0)))
    out = commit(s)
    assert [(m["type"], m.get("code")) for m in out] == [("rejected", "max_mismatch"), ("ack", None)]


def test_a_used_seq_with_different_content_is_a_seq_conflict_and_the_first_stands(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack(result(1, score=1.0)))
    commit(s)
    s.receive(pack(result(1, score=0.0)))
    out = commit(s)
    assert out[0]["code"] == "seq_conflict" and out[1] == {"type": "ack", "seq": 1}
    assert writer.board.marks["FJ0001"]["choice-01"] == 100


def test_a_gap_acks_what_came_before_then_names_the_expected_seq_and_closes(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack({"type": "batch", "records": [result(1), result(2, item="choice-02"), result(5)]}))
    s.receive(pack(result(6)))  # ignored: the session is closing
    out = commit(s)
    assert out[0] == {"type": "ack", "seq": 2}
    assert out[1]["type"] == "error" and out[1]["code"] == "seq_gap" and out[1]["expected"] == 3
    assert s.closing is not None


@pytest.mark.parametrize("seq", [None, 0, -1, 1.0, "1", True])
def test_a_record_without_a_usable_seq_is_an_error_that_closes(writer, seq):
    s = P.HallSession(writer, "hall-a")
    rec = result(1)
    if seq is None:
        del rec["seq"]
    else:
        rec["seq"] = seq
    data = pack(rec)
    s.receive(data)
    out = commit(s)
    assert out == [{"type": "error", "code": "bad_record", "message": out[0]["message"]}]
    assert "seq" in out[0]["message"]
    assert [(x["seq"], x["code"], x["raw"]) for x in writer.store.quarantined("hall-a")] == [(None, "bad_record", data)]


@pytest.mark.parametrize(
    "data, code",
    [("text", "text_frame"), (b"\xc1", "not_msgpack"), (pack([1]), "not_a_map"),
     (pack({"type": "ping"}), "unknown_type"), (pack({"type": "hello"}), "unknown_type"),
     (pack({"type": "batch", "records": "x"}), "bad_batch"), (pack({"type": "batch", "records": [1]}), "bad_record")],
)
def test_a_protocol_error_after_the_hello_is_quarantined_and_closes_the_session(writer, data, code):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack(result(1)))
    s.receive(data)
    out = commit(s)
    assert out[0] == {"type": "ack", "seq": 1}
    assert out[1]["type"] == "error" and out[1]["code"] == code
    assert writer.store.quarantined("hall-a")[0]["code"] == code


def test_an_oversize_frame_is_refused_by_the_session_limit(writer):
    s = P.HallSession(writer, "hall-a", limit=100)
    s.receive(pack({"type": "batch", "records": [result(i) for i in range(1, 20)]}))
    assert commit(s)[0]["code"] == "frame_too_large"


def test_a_failed_commit_acks_nothing_and_tells_the_hall_to_resend(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack(result(1)))
    writer.discard()  # what the Writer does when its commit fails
    err = frames([s.commit_failed("disk full")])[0]
    assert err["code"] == "storage" and "disk full" in err["message"]
    assert s.after_commit() == [] and not s.waiting  # the error was the last word: no ack follows it
    assert writer.acked.get("hall-a", 0) == 0


def test_answers_wait_for_the_batch_that_holds_them_not_for_the_batch_being_written(writer):
    s = P.HallSession(writer, "hall-a")
    s.receive(pack(result(1, score=1.0)))
    first = writer.take()  # being written while the hall goes on sending
    s.receive(pack(result(2, contestant="XX9999")))  # rejected, into the next batch
    s.receive(pack(result(3, score=1.0, item="choice-02")))
    first.write(writer.store)
    writer.done(first)
    assert frames(s.after_commit()) == [{"type": "ack", "seq": 1}]  # not yet the rejection of 2, nor 3
    writer.flush()
    out = frames(s.after_commit())
    assert [m["type"] for m in out] == ["rejected", "ack"] and out[0]["seq"] == 2 and out[1]["seq"] == 3
    assert not s.waiting
