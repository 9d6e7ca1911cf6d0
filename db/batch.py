"""One group commit: what the Writer staged, as the few statements that store it.

A `Batch` is taken from the Writer on the event loop's thread and written by
`Batch.write(conn)`, which the feeder runs on its database thread. Python's
sqlite3 module gives up the GIL while SQLite works but needs it back between
statements and between the rows of an `executemany`, and the thread that holds
it (the one reading frames) lets go only every few milliseconds: a commit made
of thousands of small steps would crawl. So hall events travel as JSON text, a
whole commit's worth in one or two statements, and SQLite unpacks them with
`json_each` while the other thread goes on checking records. Judge events and
the quarantine (a handful per commit) keep plain row inserts.

What the Writer stages:
- `rows`: texts of single events, `row_text(...)`: `[id, at, kind, source, seq, data]`;
- `runs`: results of one hall whose ids and seqs are both consecutive and that
  arrived within `RUN_SPAN` of the first (one frame's, or a burst of frames the
  loop read together), as `Run` lists; all but short ones are written as
  `[first id, at, source, first seq, [data, ...]]` (`run_text`), and the events
  of a run share its first arrival time;
- `lines`: the seal's line of every event (db/seals.py), in id order: a line's
  text, or a run (whose lines are made when the batch is written).

The transaction that writes a batch also writes its seal (`Store.sealer`).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from json.encoder import encode_basestring

from scoreboard.events import Event

from .seals import quarantine_line, run_lines

ROWS_INSERT = (
    "INSERT INTO events(id, at, kind, source, seq, actor, data) "
    "SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>3, value->5 FROM json_each(?)"
)
RUNS_INSERT = (
    "INSERT INTO events(id, at, kind, source, seq, actor, data) "
    "WITH runs AS MATERIALIZED (SELECT value->>0 AS id0, value->>1 AS at, value->>2 AS source, value->>3 AS seq0, "
    "value->'$[4]' AS data FROM json_each(?)) "
    "SELECT id0 + d.key, at, 'result', source, seq0 + d.key, source, d.value FROM runs, json_each(runs.data) AS d"
)
JUDGE_INSERT = (
    "INSERT INTO events(id, at, kind, source, seq, actor, data, reason, digest, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
QUARANTINE_INSERT = ("INSERT INTO quarantine(at, source, seq, code, message, raw, digest, message_zh) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
ACKS_UPSERT = (
    "INSERT INTO sources(source, acked) SELECT key, value FROM json_each(?) WHERE true "
    "ON CONFLICT(source) DO UPDATE SET acked = excluded.acked"
)
ACCESS_INSERT = "INSERT INTO access_log(at, peer, role, name, outcome, message) VALUES (?, ?, ?, ?, ?, ?)"


RUN_MIN = 4  # a shorter run is written as rows
RUN_SPAN = 0.001  # seconds: a frame arriving later than this after a run's first starts a new run

# A run, as the Writer grows it: [source, source_json, at, first id, first seq, next id, next seq, data texts]
RUN_SOURCE, RUN_SOURCE_JSON, RUN_AT, RUN_ID, RUN_SEQ, RUN_NEXT_ID, RUN_NEXT_SEQ, RUN_DATA = range(8)


def json_text(s: str) -> str:
    """A string as a JSON string (for a source name in a row text)."""
    return encode_basestring(s)


def row_text(ev_id: int, at: float, kind: str, source_json: str, seq: int, data_json: str) -> str:
    return "[%d,%r,\"%s\",%s,%d,%s]" % (ev_id, at, kind, source_json, seq, data_json)


def run_text(first_id: int, at: float, source_json: str, first_seq: int, data_jsons: list[str]) -> str:
    return "[%d,%r,%s,%d,[%s]]" % (first_id, at, source_json, first_seq, ",".join(data_jsons))


@dataclass
class Batch:
    """The staged work of one commit (see the module's docstring)."""

    number: int  # the Writer's commits are numbered from 1
    rows: list[str] = field(default_factory=list)
    runs: list[list] = field(default_factory=list)
    judge: list[tuple] = field(default_factory=list)
    quarantine: list[tuple] = field(default_factory=list)
    access: list[tuple] = field(default_factory=list)
    acks: dict[str, int] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    lines: list = field(default_factory=list)  # seal lines of the events: a line, or a run
    quarantined: list[dict] = field(default_factory=list)  # filled by write(): the new quarantine rows
    sealed: tuple | None = None  # filled by write(): (seal id, hash)

    def event_lines(self) -> list[str]:
        out: list[str] = []
        for piece in self.lines:
            if piece.__class__ is str:
                out.append(piece)
            else:
                out += run_lines(piece[RUN_ID], piece[RUN_AT], piece[RUN_SOURCE_JSON], piece[RUN_SEQ], piece[RUN_DATA])
        return out

    def write(self, store) -> None:
        """Store it all, and its seal, in one transaction (on the database thread in the feeder)."""
        sealer = store.sealer
        rows, runs = list(self.rows), []
        for r in self.runs:
            first_id, at, source, first_seq, data = r[RUN_ID], r[RUN_AT], r[RUN_SOURCE_JSON], r[RUN_SEQ], r[RUN_DATA]
            if len(data) >= RUN_MIN:
                runs.append(run_text(first_id, at, source, first_seq, data))
            else:
                rows.extend(row_text(first_id + k, at, "result", source, first_seq + k, t) for k, t in enumerate(data))
        with store.atomic() as conn:
            if rows:
                conn.execute(ROWS_INSERT, ("[" + ",".join(rows) + "]",))
            if runs:
                conn.execute(RUNS_INSERT, ("[" + ",".join(runs) + "]",))
            if self.judge:
                conn.executemany(JUDGE_INSERT, self.judge)
            if self.acks:
                conn.execute(ACKS_UPSERT, (json.dumps(self.acks, ensure_ascii=False),))
            q_lines = []
            if self.quarantine:
                last = conn.execute("SELECT coalesce(max(id), 0) FROM quarantine").fetchone()[0]
                conn.executemany(QUARANTINE_INSERT, self.quarantine)
                cols = ("id", "at", "source", "seq", "code", "message", "message_zh")
                self.quarantined = [dict(zip(cols, r)) for r in conn.execute(
                    "SELECT id, at, source, seq, code, message, message_zh FROM quarantine WHERE id > ? ORDER BY id",
                    (last,))]
                q_lines = [quarantine_line(q["id"], *row)
                           for q, row in zip(self.quarantined, self.quarantine)]
            if self.access:
                conn.executemany(ACCESS_INSERT, self.access)
            events = (self.events[0].id, self.events[-1].id) if self.events else \
                (sealer.next_event, sealer.next_event - 1)
            quarantine = (self.quarantined[0]["id"], self.quarantined[-1]["id"]) if self.quarantined else \
                (sealer.next_q, sealer.next_q - 1)
            sealed = None
            if self.events or self.quarantined or self.acks:
                sealed = sealer.seal(conn, "commit", time.time(), self.event_lines(), events, q_lines, quarantine,
                                     self.acks)
        if sealed is not None:
            sealer.advance(sealed, events, quarantine)
            self.sealed = sealed
