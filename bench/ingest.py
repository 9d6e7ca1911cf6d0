"""Ingest benchmark: the feeder against a minimal baseline, in the same run.

    .venv/bin/python bench/ingest.py [--preset national-2021-qualifier] [--fresh-seconds 10]

Servers run in a subprocess (one core), the ten halls and the subscribers in this
process (the other core); both servers face exactly the same client code and
pre-packed frames.

- throughput: 10 pipelined halls, one record per frame, then 100 records per
  batch frame; durable acks (an ack is sent after the group commit). Records/s
  (first send to last ack) and ack latency p50/p99 per record.
- freshness: 2,000 records/s offered (10 halls × 200/s, one record per frame),
  a judge and a display subscribed: p50/p99 from a hall's send to the update
  that carries it (judge: the `events` message; display: the first `public`
  state whose standings include it).

The baseline: plain websockets + msgpack + SQLite (WAL, synchronous=FULL, group
commit every 5 ms, checkpoint off the ack path), cumulative acks, no validation,
no fold; its subscribers get each commit's (source, seq) list.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import msgpack
from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HALLS = 10
DISPLAY = True
pack = lambda m: msgpack.packb(m, use_bin_type=True)  # noqa: E731
unpack = lambda b: msgpack.unpackb(b, raw=False)  # noqa: E731


def bench_token(name: str) -> str:
    """A token the feeder accepts as strong, the same in the server's subprocess (not secret: a bench)."""
    return base64.urlsafe_b64encode(hashlib.sha256(f"bench:{name}".encode()).digest()[:24]).decode()


TOKENS = {"hall": {f"hall-{i}": bench_token(f"hall-{i}") for i in range(HALLS)},
          "judge": {"bench-judge": bench_token("bench-judge")},
          "display": {"bench-screen": bench_token("bench-screen")}}


# --- servers (run in a subprocess) ------------------------------------------------------
async def serve_feeder(db: str, port: int) -> None:
    from feeder.server import Feeder
    from feeder.tokens import Tokens

    f = Feeder(db, Tokens.from_dict(TOKENS), port=port)
    await f.start()
    print("ready", flush=True)
    await f.serve_forever()


async def serve_baseline(db: str, port: int) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE IF NOT EXISTS rec (source TEXT, seq INTEGER, body BLOB)")
    stop = threading.Event()

    def checkpoint():
        c = sqlite3.connect(db, isolation_level=None)
        while not stop.wait(1.0):
            c.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    threading.Thread(target=checkpoint, daemon=True).start()
    staged: list[tuple] = []
    halls: dict[str, tuple] = {}  # source -> (ws, last seq staged)
    subs: set = set()
    changed: set = set()
    work = asyncio.Event()

    last_commit = [0.0]

    async def commit_loop():
        while True:
            await work.wait()
            delay = last_commit[0] + 0.005 - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            work.clear()
            commit()

    def commit():
        last_commit[0] = time.monotonic()
        rows = staged[:]
        staged.clear()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO rec VALUES (?, ?, ?)", rows)
        conn.execute("COMMIT")
        for src in changed:
            ws, last = halls[src]
            asyncio.ensure_future(_quiet(ws.send(pack({"type": "ack", "seq": last}))))
        changed.clear()
        if subs and rows:
            frame = pack({"type": "events", "events": [[r[0], r[1]] for r in rows]})
            for s in list(subs):
                asyncio.ensure_future(_quiet(s.send(frame)))

    async def handler(ws):
        hello = unpack(await ws.recv())
        src = hello["source"]
        await ws.send(pack({"type": "welcome", "protocol": 1, "source": src, "acked": 0}))
        if hello["role"] != "hall":
            subs.add(ws)
            await ws.wait_closed()
            subs.discard(ws)
            return
        async for frame in ws:
            msg = unpack(frame)
            recs = msg["records"] if msg["type"] == "batch" else [msg]
            if msg["type"] == "batch":
                staged.extend((src, r["seq"], pack(r)) for r in recs)
            else:
                staged.append((src, msg["seq"], frame))
            halls[src] = (ws, recs[-1]["seq"])
            changed.add(src)
            work.set()
            if time.monotonic() - last_commit[0] >= 0.005:
                commit()  # as the feeder does: commit on time even when frames arrive back to back

    asyncio.create_task(commit_loop())
    async with serve(handler, "127.0.0.1", port, compression=None, max_size=None):
        print("ready", flush=True)
        await asyncio.Future()


async def _quiet(coro):
    try:
        await coro
    except Exception:  # noqa: BLE001
        pass


# --- clients (this process) -----------------------------------------------------------------
async def hall(url, source, token, frames, window, send_times, lat, rate=None):
    """frames: [(last seq in frame, bytes)]. Sends pipelined within `window` records; records ack latency."""
    ws = await connect(url, compression=None, max_size=None)
    await ws.send(pack({"type": "hello", "protocol": 1, "role": "hall", "source": source, "token": token}))
    assert unpack(await ws.recv())["type"] == "welcome"
    acked = 0
    total = frames[-1][0]
    progressed = asyncio.Event()

    async def reader():
        nonlocal acked
        async for f in ws:
            m = unpack(f)
            if m["type"] == "ack" and m["seq"] > acked:
                now = time.perf_counter()
                for s in range(acked + 1, m["seq"] + 1):
                    lat.append(now - send_times[(source, s)])
                acked = m["seq"]
                progressed.set()
                if acked >= total:
                    return

    r = asyncio.create_task(reader())
    start = time.perf_counter()
    for i, (last, data) in enumerate(frames):
        while last - acked > window:
            progressed.clear()
            await progressed.wait()
        if rate:
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        now = time.perf_counter()
        first = frames[i - 1][0] + 1 if i else 1
        for s in range(first, last + 1):
            send_times[(source, s)] = now
        await ws.send(data)
    await r
    await ws.close()


async def subscriber(url, role, name, token, arrivals, stop):
    ws = await connect(url, compression=None, max_size=None)
    await ws.send(pack({"type": "hello", "protocol": 1, "role": role, "source": name, "token": token}))
    await ws.recv()
    while not stop.is_set():
        try:
            f = await asyncio.wait_for(ws.recv(), 0.5)
        except asyncio.TimeoutError:
            continue
        arrivals.append((time.perf_counter(), f))  # decoded after the run: measuring must not perturb
    await ws.close()
    arrivals[:] = [(t, unpack(f)) for t, f in arrivals]


def frames_for(records_by_hall, per_frame):
    out = {}
    for src, recs in records_by_hall.items():
        fr = []
        for i in range(0, len(recs), per_frame):
            part = recs[i:i + per_frame]
            fr.append((part[-1]["seq"], pack(part[0] if per_frame == 1 else {"type": "batch", "records": part})))
        out[src] = fr
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] * 1000 if xs else float("nan")


def fresh_db(kind: str, tmp: Path, rules, people) -> str:
    from db.store import Store

    path = tmp / f"{kind}-{time.monotonic_ns()}.db"
    if kind == "feeder":
        Store.create(path, rules, people).close()
    return str(path)


def start_server(kind: str, db: str, port: int) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, __file__, f"serve-{kind}", db, str(port)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "ready"
    return p


async def throughput(url, frames, window):
    send_times, lat = {}, []
    t0 = time.perf_counter()
    await asyncio.gather(*(hall(url, s, TOKENS["hall"][s], fr, window, send_times, lat) for s, fr in frames.items()))
    secs = time.perf_counter() - t0
    return len(lat) / secs, pct(lat, 50), pct(lat, 99)


async def freshness(url, kind, frames, seconds, offered):
    per_hall = offered / HALLS
    n = int(per_hall * seconds)
    frames = {s: fr[:n] for s, fr in frames.items()}
    send_times, lat, judge_in, screen_in = {}, [], [], []
    stop = asyncio.Event()
    judge_token = TOKENS["judge"]["bench-judge"]
    subs = [asyncio.create_task(subscriber(url, "judge", "bench-judge", judge_token, judge_in, stop))]
    if kind == "feeder" and DISPLAY:
        subs.append(asyncio.create_task(subscriber(url, "display", "bench-screen", TOKENS["display"]["bench-screen"],
                                                   screen_in, stop)))
    await asyncio.sleep(0.5)
    await asyncio.gather(*(hall(url, s, TOKENS["hall"][s], fr, 10_000, send_times, lat, per_hall)
                           for s, fr in frames.items()))
    await asyncio.sleep(1.0)
    stop.set()
    await asyncio.gather(*subs)
    judge_lat, ids = [], {}
    for t, m in judge_in:
        if m.get("type") == "events":
            for e in m["events"]:
                key = (e[0], e[1]) if kind == "baseline" else (e[3], e[4])
                if key in send_times:
                    judge_lat.append(t - send_times[key])
                    if kind == "feeder":
                        ids[e[0]] = send_times[key]
    screen_lat = []
    pending = sorted(ids.items())
    j = 0
    for t, m in screen_in:
        if m.get("type") != "public":
            continue
        upto = m["standings"]["event_id"]
        while j < len(pending) and pending[j][0] <= upto:
            screen_lat.append(t - pending[j][1])
            j += 1
    return judge_lat, screen_lat, lat


async def run(args):
    from scoreboard.rules import load_preset
    from scoreboard.sample import exam_day, sample_roster

    rules = load_preset(args.preset)
    people = sample_roster(rules, 2024)
    recs = {}
    for i in range(HALLS):
        part = people[i::HALLS]
        recs[f"hall-{i}"] = [r for _t, r in exam_day(rules, part, seed=i)]
    total = sum(map(len, recs.values()))
    print(f"{args.preset}: {len(people)} contestants, {HALLS} halls, {total:,} records; python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    results = {}
    modes = (("1 record/frame", 1, 2_000), ("100 records/batch", 100, 20_000))
    for mode, per_frame, window in modes if not args.fresh_only else ():
        frames = frames_for(recs, per_frame)
        figs: dict[str, list] = {"baseline": [], "feeder": []}
        for _ in range(args.runs):  # baseline and feeder take turns: a slow spell of the machine hits both
            for kind in ("baseline", "feeder"):
                port = 18000 + os.getpid() % 1000
                p = start_server(kind, fresh_db(kind, tmp, rules, people), port)
                try:
                    figs[kind].append(await throughput(f"ws://127.0.0.1:{port}/feed", frames, window))
                finally:
                    p.terminate()
                    p.wait()
        for kind in figs:
            results[(mode, kind)] = tuple(statistics.median(f[i] for f in figs[kind]) for i in range(3))
        ratios = sorted(f[0] / b[0] for b, f in zip(figs["baseline"], figs["feeder"]))
        b, f = results[(mode, "baseline")], results[(mode, "feeder")]
        print(f"throughput, {mode:18s} feeder {f[0]:>9,.0f} rec/s (ack p50 {f[1]:6.1f} ms, p99 {f[2]:6.1f} ms)   "
              f"baseline {b[0]:>9,.0f} rec/s (ack p50 {b[1]:6.1f} ms, p99 {b[2]:6.1f} ms)   ratio {f[0] / b[0]:.2f}×"
              f" (pairs: {' '.join(f'{r:.2f}' for r in ratios)})")
    frames = frames_for(recs, 1)
    fresh = {}
    for kind in ("baseline", "feeder"):
        port = 18000 + os.getpid() % 1000
        p = start_server(kind, fresh_db(kind, tmp, rules, people), port)
        try:
            fresh[kind] = await freshness(f"ws://127.0.0.1:{port}/feed", kind, frames, args.fresh_seconds, 2000)
        finally:
            p.terminate()
            p.wait()
    bj, fj, fs = fresh["baseline"][0], fresh["feeder"][0], fresh["feeder"][1]
    ba, fa = fresh["baseline"][2], fresh["feeder"][2]
    print(f"acks at 2,000 rec/s:                      feeder p50 {pct(fa, 50):6.1f} ms p99 {pct(fa, 99):6.1f} ms"
          f"                      baseline p50 {pct(ba, 50):6.1f} ms p99 {pct(ba, 99):6.1f} ms   "
          f"ratio p99 {pct(fa, 99) / pct(ba, 99):.2f}×")
    print(f"freshness at 2,000 rec/s, send → judge:   feeder p50 {pct(fj, 50):6.1f} ms p99 {pct(fj, 99):6.1f} ms "
          f"({len(fj):,} updates)   baseline p50 {pct(bj, 50):6.1f} ms p99 {pct(bj, 99):6.1f} ms   "
          f"ratio p99 {pct(fj, 99) / pct(bj, 99):.2f}×")
    print(f"freshness at 2,000 rec/s, send → display: feeder p50 {pct(fs, 50):6.1f} ms p99 {pct(fs, 99):6.1f} ms "
          f"({len(fs):,} records seen)   baseline (judge fan-out) p99 {pct(bj, 99):6.1f} ms   "
          f"ratio p99 {pct(fs, 99) / pct(bj, 99):.2f}×")


def main():
    if len(sys.argv) > 1 and sys.argv[1].startswith("serve-"):
        kind, db, port = sys.argv[1][6:], sys.argv[2], int(sys.argv[3])
        asyncio.run(serve_feeder(db, port) if kind == "feeder" else serve_baseline(db, port))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--preset", default="national-2021-qualifier")
    ap.add_argument("--runs", type=int, default=1, help="runs per throughput figure (median)")
    ap.add_argument("--fresh-seconds", type=float, default=10.0)
    ap.add_argument("--fresh-only", action="store_true", help="only the freshness figures")
    ap.add_argument("--no-display", action="store_true", help="freshness without a subscribed display")
    args = ap.parse_args()
    global DISPLAY
    DISPLAY = not args.no_display
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
