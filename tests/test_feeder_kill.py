"""Kill -9 at any instant: a feeder subprocess is killed many times while two halls stream.

After every kill, everything a hall was told is acknowledged is in the database.
At the end every record is in the log exactly once, and the final standings and
awards equal those of `scoreboard load` of the same records offline.
"""

import asyncio
import random
import signal
import sqlite3

import pytest

from feeder.client import HallClient
from tests.feeder_support import (HALL_TOKENS, SCOREBOARD, TOKENS_TOML, contest, day, final_state, free_port, make_db,
                                  offline, write_jsonl)

KILLS = 8


async def start_server(db, port, tokens):
    proc = await asyncio.create_subprocess_exec(SCOREBOARD, "serve", str(db), "--port", str(port),
                                                "--tokens", str(tokens), "--lang", "en", stderr=asyncio.subprocess.PIPE)
    line = await asyncio.wait_for(proc.stderr.readline(), 30)
    assert b"serving" in line, line
    return proc


def handled(db, source: str, upto: int) -> tuple[int, int]:
    """(records with seq <= upto held durably for this source, how many times in all)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT seq FROM events WHERE source = ? AND seq <= ? "
            "UNION ALL SELECT seq FROM quarantine WHERE source = ? AND seq <= ? AND code != 'seq_conflict'",
            (source, upto, source, upto)).fetchall()
    finally:
        conn.close()
    return len({r[0] for r in rows}), len(rows)


async def stream(hall: HallClient, records, chunk: int = 8, pause: float = 0.025) -> None:
    for i in range(0, len(records), chunk):
        await hall.send_many([rec for _t, rec in records[i:i + chunk]])
        await asyncio.sleep(pause)


@pytest.mark.slow
async def test_no_acknowledged_record_is_lost_when_the_feeder_is_killed_again_and_again(tmp_path):
    db = make_db(tmp_path)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    people = [c.exam_no for c in contest(db)[1]]
    days = {"hall-a": day(db, seed=1, bad_rate=0.01, exam_nos=set(people[:17])),
            "hall-b": day(db, seed=2, bad_rate=0.01, exam_nos=set(people[17:]))}
    port = free_port()
    url = f"ws://127.0.0.1:{port}/feed"
    proc = await start_server(db, port, tokens)
    halls = {s: HallClient(url, s, HALL_TOKENS[s], max_backoff=0.2) for s in days}
    for h in halls.values():
        await h.connect()
    streams = [asyncio.create_task(stream(halls[s], days[s])) for s in days]
    rng = random.Random(3)
    acked_at_kill = []
    try:
        for _ in range(KILLS):
            await asyncio.sleep(rng.uniform(0.15, 0.45))
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            for s, h in halls.items():
                told = h.acked  # nothing more can arrive from a dead process
                acked_at_kill.append(told)
                distinct, _total = handled(db, s, told)
                assert distinct == told, f"{s}: acknowledged up to {told}, only {distinct} in the database"
            proc = await start_server(db, port, tokens)
        await asyncio.gather(*streams)
        for s, h in halls.items():
            assert await h.wait_acked(timeout=60) == len(days[s])
    finally:
        for h in halls.values():
            await h.close()
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            await proc.wait()
    longest = max(len(r) for r in days.values())
    assert any(0 < a < longest for a in acked_at_kill)  # killed mid-stream
    assert max(h.connects for h in halls.values()) > KILLS // 2
    for s, records in days.items():
        distinct, total = handled(db, s, len(records))
        assert distinct == total == len(records)  # every record exactly once
    files = [write_jsonl(tmp_path / f"{s}.jsonl", s, records) for s, records in days.items()]
    assert final_state(db) == final_state(offline(tmp_path, db, files))
