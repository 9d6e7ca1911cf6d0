"""The feeder against hostile or buggy clients: a real server on loopback, raw websocket clients.

Nothing a hall, a console or a screen sends may poison the log, stall the others or fill the memory
or the disk; a record that fails inside the server fails its batch like a storage error, never
leaving the judges' feed or the event ids apart from the file."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sqlite3

import pytest

from db.store import Store, StoreError
from db.verify import verify
from feeder import views as V
from feeder.server import Feeder
from scoreboard.board import Board
from tests.feeder_support import (CHIEF, DISPLAY, JUDGE, TOKENS, access_log, login, make_db, pack, raw, recv,
                                  recv_until, replies_until_closed, result, running, tokens)

HALL_A = ("hall-a", TOKENS["hall"]["hall-a"])
HALL_B = ("hall-b", TOKENS["hall"]["hall-b"])


async def hall(url, name=HALL_A, **kw):
    ws, welcome = await login(url, "hall", name[0], name[1], **kw)
    assert welcome["type"] == "welcome", welcome
    return ws


async def answers_until_ack(ws, seq, timeout=10.0) -> list[dict]:
    out = []
    while True:
        msg = await recv(ws, timeout)
        out.append(msg)
        if msg["type"] == "ack" and msg["seq"] >= seq:
            return out


def file_events(db) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT id, kind, source, seq FROM events ORDER BY id").fetchall()


@pytest.mark.parametrize("poison, code", [
    ({"type": "finish", "contestant": "FJ0001", "time_used": 1e308}, "bad_record"),
    ({**result(0), "max": 1.8e306}, "score_out_of_range"),
    ({**result(0), "contestant": "X" * 100_000}, "bad_record"),
])
async def test_a_poison_record_is_rejected_and_the_halls_next_record_works(tmp_path, poison, code):
    db = make_db(tmp_path)
    async with running(db) as (feeder, url):
        ws = await hall(url)
        await ws.send(pack({**poison, "seq": 1}))
        await ws.send(pack(result(2)))
        replies = await answers_until_ack(ws, 2)
        rejected = [m for m in replies if m["type"] == "rejected"]
        assert [(m["seq"], m["code"]) for m in rejected] == [(1, code)] and len(rejected[0]["message"]) < 300
        await ws.close()
        # the standings, the awards and the screens go on
        board = Store(db).fold()
        assert board.faults == [] and board.standings().by_exam["FJ0001"].total == 100
    assert verify(Store(db)).ok


async def test_a_batch_with_a_poison_record_commits_the_rest_and_the_judges_see_the_file(tmp_path):
    db = make_db(tmp_path)
    async with running(db) as (feeder, url):
        judge, snap = await login(url, "judge", *JUDGE)
        assert snap["type"] == "welcome"
        await recv_until(judge, "snapshot")
        ws = await hall(url)
        batch = [result(1), result(2, item="choice-02"), {**result(3, item="choice-03"), "max": 1.8e306},
                 result(4, item="choice-04")]
        await ws.send(pack({"type": "batch", "records": batch}))
        replies = await answers_until_ack(ws, 4)
        assert [(m["seq"], m["code"]) for m in replies if m["type"] == "rejected"] == [(3, "score_out_of_range")]
        seen = []
        while len(seen) < 3:
            seen += [tuple(e[:1]) + (e[2], e[3], e[4]) for e in (await recv_until(judge, "events"))["events"]]
        await ws.close()
        await judge.close()
    assert seen == file_events(db) == [(1, "result", "hall-a", 1), (2, "result", "hall-a", 2),
                                       (3, "result", "hall-a", 4)]


async def test_a_fault_inside_the_server_fails_the_batch_like_a_storage_error_and_the_resend_goes_on(tmp_path):
    """A bug in the fold (injected) for one record: nothing staged is written or shown, the halls are told
    `internal` and resend; the faulty record is then quarantined and every other record is taken."""
    db = make_db(tmp_path)
    async with running(db, commit_interval=0.05) as (feeder, url):
        board = feeder.writer.board
        real = Board.admit

        def buggy(rec, ev_id, at, source):
            if rec.get("item") == "boom":
                raise ArithmeticError("a bug in the fold")
            return real(board, rec, ev_id, at, source)

        board.admit = buggy  # this board only: `recover` folds a fresh, correct one from the file
        judge, _ = await login(url, "judge", *JUDGE)
        await recv_until(judge, "snapshot")
        ws = await hall(url)
        await ws.send(pack({"type": "batch", "records": [result(1), result(2, item="choice-02"),
                                                        result(3, item="boom"), result(4, item="choice-03")]}))
        replies = await replies_until_closed(ws, timeout=5)
        assert replies[-1]["type"] == "error" and replies[-1]["code"] == "internal", replies
        assert not any(m["type"] == "ack" for m in replies)
        error = await recv_until(judge, "error")
        assert error["code"] == "internal"
        assert file_events(db) == []
        feeder.writer.board.admit = lambda rec, ev_id, at, source: (  # the fresh board is buggy too
            (_ for _ in ()).throw(ArithmeticError("again")) if rec.get("item") == "boom"
            else Board.admit(feeder.writer.board, rec, ev_id, at, source))
        ws = await hall(url)
        await ws.send(pack({"type": "batch", "records": [result(1), result(2, item="choice-02"),
                                                        result(3, item="boom"), result(4, item="choice-03")]}))
        replies = await answers_until_ack(ws, 4)
        assert [(m["seq"], m["code"]) for m in replies if m["type"] == "rejected"] == [(3, "unprocessable")]
        events = []
        while len(events) < 3:
            events += [e[0] for e in (await recv_until(judge, "events"))["events"]]
        assert events == [1, 2, 3]  # no id skipped or used twice
        await ws.close()
        await judge.close()
    assert [e[3] for e in file_events(db)] == [1, 2, 4] and verify(Store(db)).ok


async def test_refused_hellos_with_huge_sources_cost_a_bounded_prefix_at_a_bounded_rate(tmp_path):
    db = make_db(tmp_path)
    before = os.path.getsize(db)
    async with running(db) as (feeder, url):
        for _ in range(150):
            ws = await raw(url)
            await ws.send(pack({"type": "hello", "protocol": 1, "role": "hall", "source": "s" * 1_000_000,
                                "token": "x"}))
            reply = await recv(ws)
            assert reply["code"] == "bad_hello" and len(reply["message"]) < 300
            await ws.close()
        rows = await access_log(db, 10)
        await asyncio.sleep(0.1)
        rows = await access_log(db, 10)
    assert 1 <= len(rows) <= 10 and all(len(r[4]) <= 300 and len(r[2] or "") <= 64 for r in rows)
    assert os.path.getsize(db) - before < 1_000_000  # was 300 MB


async def test_a_hall_that_never_reads_is_closed_and_the_others_are_not_slowed(tmp_path, monkeypatch):
    monkeypatch.setattr(V, "HALL_OUTBOX_BYTES", 64 * 1024)
    db = make_db(tmp_path)
    async with running(db) as (feeder, url):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window: the server backs up soon
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        sock.connect(("127.0.0.1", port))
        silent = await hall(url, HALL_B, sock=sock)
        for k in range(60):  # every record is refused: one `rejected` reply each, never read
            await silent.send(pack({"type": "batch", "records": [result(k * 1000 + i + 1, contestant="NOBODY")
                                                                 for i in range(1000)]}))
            if feeder.halls.get("hall-b") is None:
                break
        other = await hall(url)
        await other.send(pack(result(1)))
        assert (await answers_until_ack(other, 1, timeout=5))[-1]["seq"] == 1
        for _ in range(100):
            if feeder.halls.get("hall-b") is None:
                break
            await asyncio.sleep(0.05)
        assert feeder.halls.get("hall-b") is None  # closed: it does not read its replies
        await other.close()


async def test_a_judges_command_nested_deep_or_holding_nan_gets_a_clear_refusal_and_the_console_goes_on(tmp_path):
    db = make_db(tmp_path)
    async with running(db) as (feeder, url):
        ws, _ = await login(url, "chief", *CHIEF)
        await recv_until(ws, "snapshot")
        deep = {}
        for _ in range(1000):
            deep = {"a": deep}
        for n, data in enumerate(({"x": deep}, {"digest": float("nan")}), start=1):
            await ws.send(pack({"type": "command", "id": n, "kind": "confirm", "data": data, "reason": ""}))
            res = await recv_until(ws, "result")
            assert (res["id"], res["ok"], res["code"]) == (n, False, "bad_command") and len(res["message"]) < 300
        await ws.send(pack({"type": "command", "id": 9, "kind": "freeze", "data": {}, "reason": "最后半小时"}))
        assert (await recv_until(ws, "result"))["ok"] is True
        await ws.close()


async def test_refused_commands_cost_little_and_an_oversized_one_closes_the_connection(tmp_path):
    db = make_db(tmp_path)
    async with running(db) as (feeder, url):
        ws, _ = await login(url, "display", *DISPLAY)
        await ws.send(pack({"type": "command", "id": "i" * 60_000, "kind": "freeze", "data": {}, "reason": ""}))
        res = await recv_until(ws, "result")
        assert res["id"] is None and res["code"] == "bad_command" and len(pack(res)) < 400
        await ws.send(pack({"type": "command", "id": 1, "kind": "freeze", "data": {"x": "y" * 200_000}}))
        closing = await replies_until_closed(ws)
        assert closing and closing[-1]["code"] == "frame_too_large"


async def test_a_file_that_fails_verification_is_not_served_unless_asked_and_then_every_judge_is_told(tmp_path):
    db = make_db(tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE contestants SET name = '改名' WHERE exam_no = 'FJ0001'")
        conn.commit()
    with pytest.raises(StoreError, match="FJ0001"):
        await Feeder(db, tokens(), port=0, lang="en").start()
    async with running(db, allow_unverified=True) as (feeder, url):
        ws, _ = await login(url, "judge", *JUDGE)
        snap = await recv_until(ws, "snapshot")
        assert snap["integrity"]["ok"] is False and "FJ0001" in snap["integrity"]["problem"]
        health = await recv_until(ws, "health")
        assert health["integrity"]["ok"] is False
        await ws.close()
