"""Chaos: `kill -9` the feeder again and again while three halls stream and a chief judge acts.

Run on demand: `.venv/bin/python bench/chaos.py [--kills 100] [--seed 3]`. A real `scoreboard serve`
subprocess on loopback; three `HallClient`s stream generated days (1 % bad records) and resume after
every kill; a chief judge sends a command every ~50 ms (freeze, unfreeze, a view, the organisation
prize, each with a reason that names it) and does not retry one that got no answer. The server is
killed with SIGKILL at a random moment 0.05–0.5 s after each start, `--kills` times, then left to finish;
the halls spread their day over the kills, so they stream through every one of them.

Checked, and printed: after every kill, every record a hall was told is acknowledged is in the file;
at the end every record is in the file exactly once (events or quarantine), every command that was
answered `ok` is in the file exactly once and no command twice, `scoreboard verify` passes, and the
standings and awards equal an offline `scoreboard load` of the same records.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import secrets
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.store import Store  # noqa: E402
from db.verify import verify  # noqa: E402
from feeder.client import HallClient, ViewClient  # noqa: E402
from tests.feeder_support import (SCOREBOARD, contest, day, final_state, free_port, make_db, offline,  # noqa: E402
                                  write_jsonl)

HALLS = ("hall-a", "hall-b", "hall-c")


def tokens_file(path: Path) -> dict[str, str]:
    tokens = {h: secrets.token_urlsafe(24) for h in HALLS}
    chief = secrets.token_urlsafe(24)
    lines = ["[hall]"] + [f'"{h}" = "{t}"' for h, t in tokens.items()] + ["[chief]", f'"李主裁" = "{chief}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {**tokens, "chief": chief}


async def start(db: Path, port: int, tokens: Path):
    proc = await asyncio.create_subprocess_exec(SCOREBOARD, "serve", str(db), "--port", str(port), "--tokens",
                                                str(tokens), "--lang", "en", stderr=asyncio.subprocess.PIPE)
    line = await asyncio.wait_for(proc.stderr.readline(), 60)
    if b"serving" not in line:
        rest = await proc.stderr.read()
        raise SystemExit(f"the feeder did not start: {(line + rest).decode(errors='replace')}")
    return proc


def held(db: Path, source: str, upto: int) -> tuple[int, int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute(
            "SELECT seq FROM events WHERE source = ? AND seq <= ? "
            "UNION ALL SELECT seq FROM quarantine WHERE source = ? AND seq <= ? AND code != 'seq_conflict'",
            (source, upto, source, upto)).fetchall()
    return len({r[0] for r in rows}), len(rows)


async def stream(hall: HallClient, records, rng: random.Random, kills: list[int], total: int) -> None:
    """Send the day in chunks of 8, spread over the kills: after k kills, at most (k + 1) / total of it is
    sent (so the halls stream through every kill, however long each restart takes)."""
    for i in range(0, len(records), 8):
        while i > (kills[0] + 1) * len(records) / (total + 1):
            await asyncio.sleep(0.02)
        await hall.send_many([rec for _t, rec in records[i:i + 8]])
        await asyncio.sleep(rng.uniform(0.002, 0.01))


async def judge(client: ViewClient, answered: dict, sent: list, stop: asyncio.Event) -> None:
    """A chief who keeps acting; each command's reason names it, so the file shows how often it landed."""
    n = 0
    plan = [("freeze", {}), ("unfreeze", {}), ("view", {"view": "team"}), ("view", {"view": "individual"}),
            ("assign", {"award": "organisation", "recipient": "福州"})]
    while not stop.is_set():
        kind, data = plan[n % len(plan)]
        reason = f"chaos-{n}"
        sent.append(reason)
        res = await client.command(kind, data, reason, timeout=60)
        if res.get("ok"):
            answered[reason] = (res["event_id"], kind)
        n += 1
        await asyncio.sleep(0.2 if res.get("code") == "disconnected" else 0.05)


async def drain(client: ViewClient, stop: asyncio.Event) -> None:
    async for _msg in client:
        if stop.is_set():
            return


async def main(kills: int, seed: int) -> None:
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="chaos-"))
    db = make_db(tmp, per_team=None)  # the Fujian final: 260 contestants
    tokens = tmp / "tokens.toml"
    secret = tokens_file(tokens)
    people = [c.exam_no for c in contest(db)[1]]
    third = len(people) // 3
    days = {h: day(db, seed=i + 1, bad_rate=0.01, exam_nos=set(people[i * third:(i + 1) * third]))
            for i, h in enumerate(HALLS)}
    port = free_port()
    url = f"ws://127.0.0.1:{port}/feed"
    t0 = time.perf_counter()
    proc = await start(db, port, tokens)
    halls = {h: HallClient(url, h, secret[h], max_backoff=0.2) for h in HALLS}
    for h in halls.values():
        await h.connect()
    chief = ViewClient(url, secret["chief"], "李主裁", "chief", max_backoff=0.2)
    await chief.connect()
    stop = asyncio.Event()
    answered: dict[str, tuple[int, str]] = {}
    sent: list[str] = []
    done = [0]  # kills so far, for the halls' pace
    tasks = [asyncio.create_task(stream(halls[h], days[h], rng, done, kills)) for h in HALLS]
    tasks += [asyncio.create_task(judge(chief, answered, sent, stop)), asyncio.create_task(drain(chief, stop))]
    lost = 0
    mid_stream = 0
    for k in range(kills):
        await asyncio.sleep(rng.uniform(0.05, 0.5))
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        for h, client in halls.items():
            told = client.acked
            distinct, _ = held(db, h, told)
            lost += told - distinct
            mid_stream += 0 < told < len(days[h])
        proc = await start(db, port, tokens)
        done[0] = k + 1
        if (k + 1) % 10 == 0:
            print(f"  {k + 1} kills, acked {[c.acked for c in halls.values()]}, "
                  f"{len(answered)} commands answered", flush=True)
    await asyncio.gather(*tasks[:len(HALLS)])
    for h, client in halls.items():
        await client.wait_acked(timeout=120)
    stop.set()
    await asyncio.wait_for(tasks[len(HALLS)], 120)
    elapsed = time.perf_counter() - t0
    for client in halls.values():
        await client.close()
    await chief.close()
    tasks[-1].cancel()
    proc.send_signal(signal.SIGTERM)
    await proc.wait()

    exactly_once = all(held(db, h, len(r)) == (len(r), len(r)) for h, r in days.items())
    with contextlib.closing(sqlite3.connect(db)) as conn:
        by_reason = dict(conn.execute("SELECT reason, count(*) FROM events WHERE source = 'judge' GROUP BY reason"))
        ids = {r: (i, k) for i, k, r in conn.execute("SELECT id, kind, reason FROM events WHERE source = 'judge'")}
    commands_ok = all(by_reason.get(r) == 1 and ids[r] == answered[r] for r in answered)
    never_twice = all(n == 1 for n in by_reason.values())
    report = verify(Store(db))
    files = [write_jsonl(tmp / f"{h}.jsonl", h, r) for h, r in days.items()]
    same = final_state(db)[0] == final_state(offline(tmp, db, files))[0]
    connects = sum(c.connects for c in halls.values())
    print(json.dumps({
        "kills": kills, "killed_mid_stream": mid_stream, "records": {h: len(r) for h, r in days.items()},
        "acked_records_missing_after_a_kill": lost, "every_record_exactly_once": exactly_once,
        "commands_sent": len(sent), "commands_answered_ok": len(answered),
        "answered_commands_in_the_file_once": commands_ok, "no_command_twice": never_twice,
        "hall_connections": connects, "verify": report.ok, "verify_first_problem": report.first("en"),
        "standings_equal_offline_load": same, "seconds": round(elapsed, 1)}, ensure_ascii=False, indent=1))
    ok = lost == 0 and exactly_once and commands_ok and never_twice and report.ok and same
    print("chaos: every check held" if ok else "chaos: A CHECK FAILED")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    asyncio.run(main(args.kills, args.seed))
