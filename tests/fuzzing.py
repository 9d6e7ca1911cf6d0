"""A fuzzing driver for the hall protocol, the batch path, the judges' commands and the loader.

`Run` plays a generated list of actions through the real sans-I/O cores on a real SQLite file: hall
frames (good records, batches, resends, conflicts, gaps, records outside the bounds, broken frames)
through `feeder.protocol.HallSession`, judges' commands through `Writer.judge`, commits through
`Writer.take`/`Batch.write`/`done`, reconnections as a hall client does them. `check()` then asserts
the invariants that must hold whatever was sent. tests/test_fuzz.py runs it with hypothesis on a small
budget; bench/fuzz.py with a large one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import msgpack
from hypothesis import strategies as st

from db.exports import LISTS, build, take
from db.loading import load_jsonl
from db.store import Store
from db.verify import verify
from db.writer import Writer
from feeder import protocol as P
from feeder.views import parse_command, CommandError
from scoreboard.serialize import awards_json, standings_json

SOURCES = ("hall-a", "hall-b")
ITEMS = (("choice-01", "choice", 1), ("choice-02", "choice", 1), ("case-01", "case", 10), ("short-01", "short", 5))
POISON = (
    {"max": 1.8e306}, {"max": 1001}, {"score": math.nan}, {"score": -1}, {"score": 11}, {"contestant": "X" * 5000},
    {"contestant": "NOBODY"}, {"item": "bad\nitem"}, {"item": "i" * 65}, {"section": "essay"}, {"score": "8"},
    {"max": True}, {"type": "finish", "time_used": 1e308}, {"type": "finish", "time_used": -1},
    {"type": "mystery"}, {"extra": {"deep": [[[[[[1]]]]]]}},
)
BROKEN = (b"\xc1", b"\x93\x01\x02\x03", b"\xa5hello", msgpack.packb({"type": "hello"}),
          msgpack.packb({"type": "batch", "records": "no"}), msgpack.packb({"type": "batch", "records": [1]}),
          msgpack.packb({"type": "result", "seq": "one"}), b"\x81\xa1a" * 900 + b"\xc0")
COMMANDS = ("freeze", "unfreeze", "view", "confirm", "lock", "decision", "assign", "ceremony", "unlock", "nonsense")

# one action: (what, source index, a number that picks among the choices)
action = st.tuples(
    st.sampled_from(["record", "record", "record", "batch", "finish", "poison", "resend", "conflict", "gap",
                     "broken", "text", "take", "commit", "commit", "command", "reconnect"]),
    st.integers(0, len(SOURCES) - 1),
    st.integers(0, 10_000),
)
actions = st.lists(action, min_size=1, max_size=60)
long_actions = st.lists(action, min_size=30, max_size=300)  # bench/fuzz.py


@dataclass
class Hall:
    """A hall client's view: what it sent, what it knows is durable."""

    source: str
    sent: dict[int, dict] = field(default_factory=dict)  # seq -> record
    acked: int = 0
    next: int = 1
    session: P.HallSession | None = None


class Run:
    def __init__(self, path, rules, people):
        self.store = Store.create(path, rules, people)
        self.writer = Writer(self.store)
        self.people = [c.exam_no for c in people]
        self.halls = {s: Hall(s) for s in SOURCES}
        self.feed: list = []  # events the judges were sent (committed batches, in order)
        self.frames = 0
        self.inflight = None  # a batch taken, not yet written: frames go on being staged meanwhile
        for h in self.halls.values():
            self._connect(h)

    # --- the client side -------------------------------------------------------------
    def _connect(self, h: Hall) -> None:
        """(Re)connect as a hall client does: the welcome's acked, then resend what it does not cover."""
        h.acked = self.writer.acked.get(h.source, 0)
        h.session = P.HallSession(self.writer, h.source)
        for seq in [s for s in h.sent if s <= h.acked]:
            del h.sent[seq]
        h.next = max([h.acked, *h.sent]) + 1
        if h.sent:
            self._send(h, msgpack.packb({"type": "batch", "records": [h.sent[s] for s in sorted(h.sent)]},
                                        default=str))

    def _record(self, h: Hall, n: int, kind: str = "result") -> dict:
        who = self.people[n % len(self.people)]
        if kind == "finish":
            return {"type": "finish", "seq": h.next, "contestant": who, "time_used": float(n % 7200)}
        item, section, mx = ITEMS[n % len(ITEMS)]
        return {"type": "result", "seq": h.next, "contestant": who, "item": item, "section": section,
                "score": (n % (mx * 4 + 1)) / 4, "max": mx}

    def _send(self, h: Hall, frame) -> None:
        self.frames += 1
        h.session.receive(frame)
        if h.session.due <= self.writer.committed and h.session.waiting:
            self._answers(h)

    def _sent(self, h: Hall, rec: dict) -> dict:
        h.sent[rec["seq"]] = rec
        h.next += 1
        return rec

    def play(self, steps) -> None:
        for what, i, n in steps:
            h = self.halls[SOURCES[i]]
            if h.session.closing is not None and what not in ("commit", "command"):
                what = "reconnect"
            if what == "record":
                self._send(h, msgpack.packb(self._sent(h, self._record(h, n))))
            elif what == "finish":
                self._send(h, msgpack.packb(self._sent(h, self._record(h, n, "finish"))))
            elif what == "batch":
                recs = [self._sent(h, self._record(h, n + k)) for k in range(1 + n % 30)]
                if n % 5 == 0:
                    recs[len(recs) // 2] = self._sent(h, {**self._record(h, n), **POISON[n % len(POISON)]})
                    recs.sort(key=lambda r: r["seq"])
                self._send(h, msgpack.packb({"type": "batch", "records": recs}))
            elif what == "poison":
                rec = {**self._record(h, n), **POISON[n % len(POISON)]}
                self._send(h, msgpack.packb(self._sent(h, rec), default=str))
            elif what == "resend" and h.sent:
                seq = sorted(h.sent)[n % len(h.sent)]
                self._send(h, msgpack.packb(h.sent[seq], default=str))
            elif what == "conflict" and h.sent:
                seq = sorted(h.sent)[n % len(h.sent)]
                self._send(h, msgpack.packb({**self._record(h, n + 1), "seq": seq}))
            elif what == "gap":
                self._send(h, msgpack.packb({**self._record(h, n), "seq": h.next + 1 + n % 3}))
            elif what == "broken":
                self._send(h, BROKEN[n % len(BROKEN)])
            elif what == "text":
                self._send(h, "a text frame")
            elif what == "take":
                if self.inflight is None:
                    self.inflight = self.writer.take()
            elif what == "commit":
                self.commit()
            elif what == "command":
                self.command(n)
            elif what == "reconnect":
                self._connect(h)

    def command(self, n: int) -> None:
        """A judge's command, checked as the feeder checks it: parse_command, then Writer.judge."""
        kind = COMMANDS[n % len(COMMANDS)]
        aw = self.writer.board.awards()
        data = {"freeze": {}, "unfreeze": {}, "view": {"view": ("individual", "team", "bogus")[n % 3]},
                "confirm": {"digest": aw.digest if n % 4 else "stale"}, "lock": {"digest": aw.digest},
                "decision": {"award": "expert", "group": None, "tied": list(aw.ties[0].tied) if aw.ties else ["x"],
                             "outcome": "share"},
                "assign": {"award": "organisation", "recipient": "福州"}, "ceremony": {"step": n % 3 - 1},
                "unlock": {}, "nonsense": {"nested": [[[[[[[[1]]]]]]]]}}[kind]
        msg = {"type": "command", "id": n, "kind": kind, "data": data, "reason": "理由" if n % 3 else ""}
        try:
            cmd = parse_command(msg)
        except CommandError:
            return
        self.writer.judge("chief", "李主裁", cmd.kind, cmd.data, cmd.reason)

    def commit(self) -> None:
        """Write the batch taken earlier, or take one now and write it; then answer, as the feeder does."""
        batch, self.inflight = self.inflight or self.writer.take(), None
        if batch is None:
            return
        batch.write(self.store)
        _acks, events = self.writer.done(batch)
        self.feed += events
        for h in self.halls.values():
            if h.session.waiting:
                self._answers(h)

    def _answers(self, h: Hall) -> None:
        """The replies now due; each must already be true of the file when it is sent."""
        conn = self.store.conn
        for frame in h.session.after_commit():
            msg = msgpack.unpackb(frame)
            if msg["type"] == "rejected":
                assert conn.execute("SELECT count(*) FROM quarantine WHERE source = ? AND seq = ?",
                                    (h.source, msg["seq"])).fetchone()[0] >= 1, msg
            if msg["type"] == "ack":
                durable = conn.execute("SELECT acked FROM sources WHERE source = ?", (h.source,)).fetchone()
                assert durable is not None and msg["seq"] <= durable[0], (msg, durable)
                h.acked = max(h.acked, msg["seq"])
                for seq in [s for s in h.sent if s <= h.acked]:
                    del h.sent[seq]

    # --- what must hold -----------------------------------------------------------------
    def check(self) -> None:
        self.commit()
        self.commit()
        store = self.store
        conn = store.conn
        for h in self.halls.values():
            durable = store.acked().get(h.source, 0)
            assert h.acked <= durable  # an ack is never ahead of the file
            ev = dict(conn.execute("SELECT seq, count(*) FROM events WHERE source = ? GROUP BY seq", (h.source,)))
            q = dict(conn.execute("SELECT seq, count(*) FROM quarantine WHERE source = ? AND seq IS NOT NULL "
                                  "AND code != 'seq_conflict' GROUP BY seq", (h.source,)))
            for seq in range(1, durable + 1):
                assert ev.get(seq, 0) + q.get(seq, 0) == 1, (h.source, seq, ev.get(seq), q.get(seq))
            assert not any(s > durable for s in ev) and not any(s > durable for s in q)
        on_disk = list(store.events())
        assert [(e.id, e.kind, e.source, e.seq, e.actor, e.data, e.reason) for e in self.feed] == \
            [(e.id, e.kind, e.source, e.seq, e.actor, e.data, e.reason) for e in on_disk]
        assert [e.id for e in on_disk] == list(range(1, len(on_disk) + 1))
        fresh = store.fold()
        assert fresh.faults == []
        assert standings_json(fresh.rules, fresh.standings()) == \
            standings_json(self.writer.board.rules, self.writer.board.standings())
        assert awards_json(fresh) == awards_json(self.writer.board)
        report = verify(store, board=fresh)
        assert report.ok, [p.text("en") for p in report.problems]
        snap = take(store, "en")
        for key in LISTS:
            build(snap, key)

    def close(self) -> None:
        self.store.close()


# --- the loader -----------------------------------------------------------------------------
line = st.one_of(
    st.builds(lambda n: json.dumps({"type": "result", "seq": n % 50 + 1, "contestant": "FJ%04d" % (n % 30 + 1),
                                    "item": ITEMS[n % 4][0], "section": ITEMS[n % 4][1],
                                    "score": ITEMS[n % 4][2] * (n % 3) / 2, "max": ITEMS[n % 4][2]}),
              st.integers(0, 10_000)),
    st.builds(lambda n, p: json.dumps({"type": "result", "seq": n % 50 + 1, "contestant": "FJ0001", "item": "case-01",
                                       "section": "case", "score": 5, "max": 10, **p}, default=str),
              st.integers(0, 10_000), st.sampled_from(POISON)),
    st.sampled_from(["", "not json", "[" * 3000, '{"type": "hello", "source": "hall-b"}', "[1, 2]",
                     '{"type": "batch", "records": 5}', '{"type": "result", "seq": 9223372036854775808}',
                     '{"type": "finish", "seq": 3, "contestant": "FJ0002", "time_used": 1e999}']),
    st.text(max_size=40),
)
lines = st.lists(line, max_size=40)


def load_lines(path, rules, people, texts: list[str], tmp) -> None:
    """Load generated lines; whatever they hold, the file verifies, folds whole and exports."""
    store = Store.create(path, rules, people)
    day = tmp / "day.jsonl"
    day.write_text("\n".join(texts) + "\n", encoding="utf-8", errors="surrogatepass")
    summary = load_jsonl(store, str(day), "hall-a")
    raw_lines = "\n".join(texts).encode("utf-8", "surrogatepass").split(b"\n")
    assert summary.lines == sum(1 for t in raw_lines if t.strip())  # the file's lines, as bytes
    fresh = store.fold()
    assert fresh.faults == [] and verify(store, board=fresh).ok
    fresh.standings(), fresh.awards()
    snap = take(store, "zh")
    for key in LISTS:
        build(snap, key)
    store.close()
