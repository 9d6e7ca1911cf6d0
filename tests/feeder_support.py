"""Helpers for the feeder tests: a small contest database, the tokens, a real
server on port 0, and a raw websocket client for what the client library
would never send."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sqlite3
import sys
from pathlib import Path

from click.testing import CliRunner

import msgpack
from websockets.asyncio.client import connect

from db.store import Store
from feeder.server import Feeder
from feeder.tokens import Tokens
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster
from scoreboard.serialize import awards_json, standings_json

SCOREBOARD = str(Path(sys.executable).parent / "scoreboard")
PRESET = "fujian-2024-final"
# Strong literal tokens (made with secrets.token_urlsafe(24)): the feeder refuses weak ones.
HALL_TOKENS = {"hall-a": "s-r7EjQw7359bZzveacStIwphmtbTT8K", "hall-b": "mEctlyP-qErR1dVWMqQq-o4NgNK0W5d4",
               "hall-c": "RwW-ACkrhtVI4b-DcRgFmUw9cLzyV5si"}
JUDGE = ("张裁判", "jyAJJxOzGA7z8bERkNkQ5VWse0QJ07Va")
CHIEF = ("李主裁", "iiCLUYnrjTVENPn2BG4odDQssoCT1CG6")
DISPLAY = ("大屏", "h0dkSDNqJu87yajBwQ4Q3wlkuRnW0xn0")
TOKENS = {
    "hall": dict(HALL_TOKENS),
    "judge": {JUDGE[0]: JUDGE[1]},
    "chief": {CHIEF[0]: CHIEF[1]},
    "display": {DISPLAY[0]: DISPLAY[1]},
}
TOKENS_TOML = """
[hall]
"hall-a" = "s-r7EjQw7359bZzveacStIwphmtbTT8K"
"hall-b" = "mEctlyP-qErR1dVWMqQq-o4NgNK0W5d4"
"hall-c" = "RwW-ACkrhtVI4b-DcRgFmUw9cLzyV5si"
[judge]
"张裁判" = "jyAJJxOzGA7z8bERkNkQ5VWse0QJ07Va"
[chief]
"李主裁" = "iiCLUYnrjTVENPn2BG4odDQssoCT1CG6"
[display]
"大屏" = "h0dkSDNqJu87yajBwQ4Q3wlkuRnW0xn0"
"""
WRONG_TOKEN = "SkMsq7ZQRHf_vEl44csecUh1XKlNLNwf"  # strong, but in no tokens file


def tokens() -> Tokens:
    return Tokens.from_dict(TOKENS)


def make_db(tmp_path: Path, per_team: int | None = 3, name: str = "contest.db", preset: str = PRESET) -> Path:
    rules = load_preset(preset)
    people = sample_roster(rules, 2024, per_team)
    path = tmp_path / name
    Store.create(path, rules, people, preset).close()
    return path


def contest(path) -> tuple:
    s = Store(path)
    try:
        return s.rules(), s.contestants()
    finally:
        s.close()


def day(path, seed: int = 7, bad_rate: float = 0.0, exam_nos: set[str] | None = None) -> list[tuple[float, dict]]:
    """A generated exam day for this database's contestants (or a subset), seq from 1."""
    rules, people = contest(path)
    if exam_nos is not None:
        people = [c for c in people if c.exam_no in exam_nos]
    return exam_day(rules, people, seed=seed, bad_rate=bad_rate)


def result(seq: int, contestant: str = "FJ0001", item: str = "choice-01", section: str = "choice",
           score=1.0, mx=1.0) -> dict:
    return {"type": "result", "seq": seq, "contestant": contestant, "item": item, "section": section,
            "score": score, "max": mx}


def pack(msg) -> bytes:
    return msgpack.packb(msg, use_bin_type=True)


@contextlib.asynccontextmanager
async def running(db_path, **kwargs):
    """A real feeder on 127.0.0.1, port 0; yields (feeder, url)."""
    feeder = Feeder(db_path, tokens(), port=0, **kwargs)
    port = await feeder.start()
    try:
        yield feeder, f"ws://127.0.0.1:{port}/feed"
    finally:
        await feeder.stop()


async def raw(url: str, **kwargs):
    return await connect(url, compression=None, max_size=None, open_timeout=5, **kwargs)


async def login(url: str, role: str, source: str, token: str, **kwargs):
    """A raw connection after its hello; returns (ws, the server's first reply)."""
    ws = await raw(url, **kwargs)
    await ws.send(pack({"type": "hello", "protocol": 1, "role": role, "source": source, "token": token}))
    return ws, await recv(ws)


async def recv(ws, timeout: float = 10.0) -> dict:
    return msgpack.unpackb(await asyncio.wait_for(ws.recv(), timeout), raw=False)


async def recv_until(ws, kind: str, timeout: float = 10.0) -> dict:
    while True:
        msg = await recv(ws, timeout)
        if msg.get("type") == kind:
            return msg


async def replies_until_closed(ws, timeout: float = 10.0) -> list[dict]:
    out = []
    with contextlib.suppress(Exception):
        while True:
            out.append(await recv(ws, timeout))
    return out


async def access_log(db_path, n: int, timeout: float = 5.0) -> list[tuple]:
    """The access log once it holds n lines (it is written with the feeder's next commit)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        with contextlib.closing(sqlite3.connect(db_path)) as conn:
            rows = conn.execute("SELECT peer, role, name, outcome, message FROM access_log ORDER BY id").fetchall()
        if len(rows) >= n or asyncio.get_running_loop().time() > deadline:
            return rows
        await asyncio.sleep(0.01)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def final_state(db) -> tuple:
    board = Store(db).fold()
    st = standings_json(board.rules, board.standings())
    return ([(r["exam_no"], r["rank"], r["total"], r["time_used"]) for r in st["individual"]],
            [(t["team"], t["rank"], t["score"]) for t in st["teams"]],
            [(a["id"], a["recipient"], a["rank"]) for a in awards_json(board)["awards"]])


def offline(tmp_path, db, files: list[Path]):
    rules, people = contest(db)
    path = tmp_path / "offline.db"
    Store.create(path, rules, people).close()
    from db.cli import cli as root

    runner = CliRunner()
    for f in files:
        out = runner.invoke(root, ["load", str(path), str(f)])
        assert out.exit_code == 0, out.output
    return path


def write_jsonl(path: Path, source: str, records) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"type": "hello", "protocol": 1, "role": "hall", "source": source}) + "\n")
        for _t, rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
