"""The view protocol's packed log: frames carry exactly a commit's events, a snapshot the whole log."""

import msgpack

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
