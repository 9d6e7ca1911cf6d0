"""The view protocol's packed log: frames carry exactly a commit's events, a snapshot the whole log."""

import msgpack
import pytest

from feeder import views as V
from scoreboard.events import Event


def events(first: int, n: int) -> list[Event]:
    return [Event(i, float(i), "result", "hall-a", i, "hall-a", {"contestant": "FJ0001", "item": f"c-{i}",
                                                                  "section": "case", "score": 1, "max": 2})
            for i in range(first, first + n)]


def test_a_commits_frame_holds_its_events_only_even_after_commits_nobody_listened_to():
    log = V.PackedLog(events(1, 3))
    assert log.add(events(4, 20), frame=False) is None  # no judge connected: packed later
    frame = msgpack.unpackb(log.add(events(24, 2), frame=True))
    assert frame == {"type": "events", "events": [V.event_row(e) for e in events(24, 2)]}


def test_a_snapshot_joins_the_packed_log_into_the_whole_day_in_order():
    log = V.PackedLog(events(1, 3))
    log.add(events(4, 70_000), frame=True)  # past msgpack's 16-bit array header
    log.add(events(70_004, 5), frame=False)
    snap = msgpack.unpackb(V.snapshot_frame("[contest]", [], log, [{"id": 1}]))
    assert snap["type"] == "snapshot" and snap["rules"] == "[contest]" and snap["quarantine"] == [{"id": 1}]
    assert [e[0] for e in snap["events"]] == list(range(1, 70_009))
    assert snap["events"][-1] == V.event_row(events(70_008, 1)[0])


# --- bounds: what a client that does not read, or sends nonsense, can cost ---------------------------
def test_a_consoles_queue_is_bounded_in_bytes_too_and_overflows_into_a_fresh_snapshot():
    box = V.JudgeOutbox(limit=100, limit_bytes=10_000)
    assert box.pop(lambda: b"snap") == b"snap"
    for _ in range(9):
        box.put(b"x" * 1000)
    assert not box.need_snapshot and box.bytes == 9000
    box.put_urgent(b"result")
    box.put(b"y" * 2000)  # over the bytes: the queue goes, the result stays, a snapshot comes next
    assert box.need_snapshot and list(box.queue) == [b"result"] and box.bytes == 6
    assert box.pop(lambda: b"snap") == b"snap" and box.pop(None) == b"result" and box.bytes == 0


def test_command_results_left_unread_make_any_client_overflowing_instead_of_queueing_forever():
    for box in (V.JudgeOutbox(), V.DisplayOutbox()):
        for n in range(V.URGENT_LIMIT):
            box.put_urgent(b"r%d" % n)
        assert not box.overflowing
        box.put_urgent(b"one too many")
        assert box.overflowing and box.urgent == V.URGENT_LIMIT and len(box.queue) == V.URGENT_LIMIT


def test_a_halls_replies_are_bounded_in_bytes_and_collapsed_acks_are_not_counted_twice():
    box = V.HallOutbox(limit_bytes=1000)
    box.put_frames([b"a" * 100], ack_last=True)
    box.put_frames([b"b" * 100], ack_last=True)  # the newer ack replaces the unsent one
    assert list(box.queue) == [b"b" * 100] and box.bytes == 100
    box.put_frames([b"r" * 400, b"r" * 400], ack_last=False)
    assert not box.overflowing and box.bytes == 900
    box.put_frames([b"r" * 200], ack_last=False)
    assert box.overflowing
    while box.pop(None) is not None:
        pass
    assert box.bytes == 0


def test_a_command_with_a_long_id_is_answered_with_a_null_id():
    with pytest.raises(V.CommandError) as caught:
        V.parse_command({"type": "command", "id": "i" * 65, "kind": "freeze", "data": {}})
    assert caught.value.id is None and caught.value.code == "bad_command"


@pytest.mark.parametrize("msg, words", [
    ({"data": {"x": float("nan")}}, "not a finite number"),
    ({"data": {"a": {"b": {"c": {"d": {"e": {"f": {"g": 1}}}}}}}}, "nested deeper"),
    ({"reason": 5}, "'reason' must be a string"),
    ({"reason": "x" * 501}, "501 characters"),
    ({"data": [1]}, "'data' must be a map"),
])
def test_a_commands_fields_are_checked_before_anything_else(msg, words):
    with pytest.raises(V.CommandError) as caught:
        V.parse_command({"type": "command", "id": 7, "kind": "freeze", "data": {}, **msg})
    assert caught.value.id == 7 and words in caught.value.message


def test_a_result_message_is_bounded():
    frame = msgpack.unpackb(V.result_err(1, "bad_command", "x" * 10_000))
    assert len(frame["message"]) == 300
