"""The feeder over real sockets: a server on port 0, SQLite files in tmp_path, raw websocket clients."""

import asyncio
import sqlite3

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from db.store import Store
from scoreboard.judging import ROLE_ACTIONS
from tests.feeder_support import (CHIEF, DISPLAY, HALL_TOKENS, JUDGE, access_log, login, make_db, pack, raw, recv,
                                  recv_until, replies_until_closed, result, running)

HALL_A = ("hall", "hall-a", HALL_TOKENS["hall-a"])


async def test_a_new_hall_is_welcomed_with_acked_zero_and_acked_after_the_commit(tmp_path):
    async with running(make_db(tmp_path)) as (feeder, url):
        ws, welcome = await login(url, *HALL_A)
        assert welcome == {"type": "welcome", "protocol": 1, "source": "hall-a", "acked": 0}
        for seq in (1, 2, 3):
            await ws.send(pack(result(seq, item=f"choice-{seq:02d}")))
        msg = await recv_until(ws, "ack")
        while msg["seq"] < 3:
            msg = await recv_until(ws, "ack")
        assert Store(feeder.db_path).acked() == {"hall-a": 3}  # durable before it was said
        await ws.close()


async def test_a_hall_that_reconnects_resumes_from_the_welcomes_acked_and_duplicates_are_harmless(tmp_path):
    async with running(make_db(tmp_path)) as (feeder, url):
        ws, _ = await login(url, *HALL_A)
        await ws.send(pack({"type": "batch", "records": [result(s, item=f"choice-{s:02d}") for s in (1, 2)]}))
        assert (await recv_until(ws, "ack"))["seq"] == 2
        await ws.close()
        ws, welcome = await login(url, *HALL_A)
        assert welcome["acked"] == 2
        await ws.send(pack(result(2, item="choice-02")))  # resent: a duplicate
        await ws.send(pack(result(3, item="choice-03")))
        acks = [(await recv_until(ws, "ack"))["seq"]]
        while acks[-1] < 3:  # the duplicate may be acknowledged again in a commit of its own
            acks.append((await recv_until(ws, "ack"))["seq"])
        assert acks in ([3], [2, 3])
        rows = sqlite3.connect(feeder.db_path).execute("SELECT seq FROM events ORDER BY id").fetchall()
        assert rows == [(1,), (2,), (3,)]
        await ws.close()


async def test_every_rejection_reaches_the_hall_before_the_ack_that_covers_it(tmp_path):
    bad = [result(1, contestant="XX9999"), result(2, section="essay"), result(3, score=-1.0),
           result(4, score=float("nan")), result(5, score="x"), result(6, item="case-01", section="case", mx=10.0),
           result(7, item="case-01", section="case", mx=20.0), result(6, item="case-01", section="case", mx=5.0)]
    async with running(make_db(tmp_path)) as (feeder, url):
        ws, _ = await login(url, *HALL_A)
        judge, _ = await login(url, "judge", *JUDGE)
        await recv_until(judge, "snapshot")
        await ws.send(pack({"type": "batch", "records": bad}))
        got = []
        while not got or got[-1].get("type") != "ack" or got[-1]["seq"] < 7:
            got.append(await recv(ws))
        codes = [(m["seq"], m["code"]) for m in got if m["type"] == "rejected"]
        assert codes == [(1, "unknown_contestant"), (2, "unknown_section"), (3, "score_out_of_range"),
                         (4, "score_out_of_range"), (5, "bad_record"), (7, "max_mismatch"), (6, "seq_conflict")]
        q = await recv_until(judge, "quarantine")  # the judges see it too
        assert [i["code"] for i in q["items"]][:2] == ["unknown_contestant", "unknown_section"]
        await ws.close()
        await judge.close()


async def test_a_gap_is_answered_with_the_expected_seq_and_the_connection_closes(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        ws, _ = await login(url, *HALL_A)
        await ws.send(pack(result(1)))
        await ws.send(pack(result(3, item="choice-03")))
        replies = await replies_until_closed(ws)
        assert replies[0] == {"type": "ack", "seq": 1}
        assert replies[-1]["code"] == "seq_gap" and replies[-1]["expected"] == 2


@pytest.mark.parametrize(
    "frame, code",
    [("text", "text_frame"), (b"\x92\x01", "not_msgpack"), (pack([1, 2]), "not_a_map"),
     (pack({"type": "shout"}), "unknown_type"), (pack({"type": "batch", "records": [result(1)] * 60}),
                                                   "frame_too_large")],
)
async def test_a_protocol_error_is_answered_with_its_code_and_the_connection_closes(tmp_path, frame, code):
    async with running(make_db(tmp_path), frame_limit=2000) as (_feeder, url):
        ws, _ = await login(url, *HALL_A)
        await ws.send(frame)
        replies = await replies_until_closed(ws)
        assert replies[-1]["type"] == "error" and replies[-1]["code"] == code
        assert ws.close_code is not None


async def test_a_frame_far_over_the_limit_is_dropped_by_the_transport(tmp_path):
    async with running(make_db(tmp_path), frame_limit=1000) as (_feeder, url):
        ws, _ = await login(url, *HALL_A)
        await ws.send(pack({"type": "result", "pad": "x" * 10_000}))
        await replies_until_closed(ws)
        assert ws.close_code == 1009  # message too big: no reply is possible


async def test_a_client_that_says_nothing_is_dropped_after_the_hello_timeout(tmp_path):
    async with running(make_db(tmp_path), hello_timeout=0.3) as (feeder, url):
        ws = await raw(url)
        replies = await replies_until_closed(ws)
        assert replies[-1]["code"] == "bad_hello"
        log = await access_log(feeder.db_path, 1)
        assert log and log[0][3] == "refused" and log[0][0].startswith("127.0.0.1:")


async def test_only_the_feed_path_is_served(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        with pytest.raises(InvalidStatus) as exc:
            await raw(url.replace("/feed", "/other"))
        assert exc.value.response.status_code == 404


async def test_failed_logins_are_logged_with_the_peer_address(tmp_path):
    async with running(make_db(tmp_path)) as (feeder, url):
        _ws, reply = await login(url, "hall", "hall-b", HALL_TOKENS["hall-a"])
        assert reply["code"] == "unauthorized"
        _ws, reply = await login(url, "chief", JUDGE[0], JUDGE[1])
        assert reply["code"] == "unauthorized"
        rows = await access_log(feeder.db_path, 2)
        assert [(r[1], r[2], r[3]) for r in rows] == [("hall", "hall-b", "refused"), ("chief", "张裁判", "refused")]
        assert all(r[0].startswith("127.0.0.1:") and "unauthorized" in r[4] for r in rows)


async def test_the_same_source_logging_in_again_replaces_the_old_connection(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        old, _ = await login(url, *HALL_A)
        new, _ = await login(url, *HALL_A)
        replies = await replies_until_closed(old)
        assert replies[-1]["code"] == "replaced"
        await new.send(pack(result(1)))
        assert (await recv_until(new, "ack"))["seq"] == 1
        await new.close()


# --- the access matrix: every role × every action ----------------------------------------
ACTIONS = ["record"] + sorted(ROLE_ACTIONS["chief"])
LOGINS = {"hall": HALL_A[1:], "judge": JUDGE, "chief": CHIEF, "display": DISPLAY}


def expected(role: str, action: str) -> str:
    if action == "record":
        return {"hall": "ack", "judge": "forbidden", "chief": "forbidden", "display": "forbidden"}[role]
    if role == "hall":
        return "unknown_type"
    return "allowed" if action in ROLE_ACTIONS[role] else "forbidden"


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ["hall", "judge", "chief", "display"])
async def test_the_access_matrix_holds_for_every_role_and_action(tmp_path, role, action):
    async with running(make_db(tmp_path)) as (feeder, url):
        ws, welcome = await login(url, role, *LOGINS[role])
        assert welcome["type"] == "welcome"
        if role != "hall":
            await recv_until(ws, "snapshot" if role != "display" else "public")
        if action == "record":
            await ws.send(pack(result(1)))
        else:
            await ws.send(pack({"type": "command", "id": 7, "kind": action, "data": {}, "reason": "测试"}))
        want = expected(role, action)
        while True:
            msg = await recv(ws)
            if msg["type"] in ("ack", "error", "result"):
                break
        if want == "ack":
            assert msg == {"type": "ack", "seq": 1}
        elif want in ("forbidden", "unknown_type") and msg["type"] == "error":
            assert msg["code"] == want
            assert Store(feeder.db_path).last_event_id() == 0  # nothing was written
        elif want == "forbidden":
            assert msg["type"] == "result" and msg["id"] == 7 and msg["ok"] is False and msg["code"] == "forbidden"
            assert Store(feeder.db_path).last_event_id() == 0
        else:  # allowed: it may still fail on the state of the day, but never as forbidden
            assert msg["type"] == "result" and msg["id"] == 7
            assert msg["ok"] or msg["code"] != "forbidden"
        await ws.close()


async def test_a_judges_command_is_answered_after_its_commit_and_hash_chained(tmp_path):
    async with running(make_db(tmp_path)) as (feeder, url):
        ws, _ = await login(url, "chief", *CHIEF)
        await recv_until(ws, "snapshot")
        await ws.send(pack({"type": "command", "id": "a", "kind": "freeze", "data": {}, "reason": "最后半小时"}))
        ev = await recv_until(ws, "events")  # the committed event comes first, then the result
        assert ev["events"][0][2] == "freeze" and ev["events"][0][5] == "李主裁"
        res = await recv_until(ws, "result")
        assert res == {"type": "result", "id": "a", "ok": True, "event_id": 1}
        store = Store(feeder.db_path)
        assert store.judge_events()[0]["actor"] == "李主裁"  # committed before the result was sent
        await ws.send(pack({"type": "command", "id": "b", "kind": "freeze", "data": {}}))
        res = await recv_until(ws, "result")
        assert res["ok"] is False and res["code"] == "frozen" and res["message_zh"] == "公共大屏已经冻结"
        await ws.send(pack({"type": "command", "id": "c", "kind": "view", "data": "x"}))
        res = await recv_until(ws, "result")
        assert res["code"] == "bad_command" and res["message_zh"] == "命令的“data”须为键值表"
        assert store.verify_chain()[0]
        await ws.close()


async def test_judges_get_a_snapshot_then_committed_events_and_health(tmp_path):
    async with running(make_db(tmp_path), health_interval=0.1) as (_feeder, url):
        hall, _ = await login(url, *HALL_A)
        await hall.send(pack(result(1)))
        await recv_until(hall, "ack")
        ws, _ = await login(url, "judge", *JUDGE)
        snap = await recv_until(ws, "snapshot")
        assert "[contest]" in snap["rules"] or snap["rules"]
        assert len(snap["contestants"]) == 33 and snap["contestants"][0]["exam_no"] == "FJ0001"
        assert [e[:5] for e in snap["events"]] == [[1, snap["events"][0][1], "result", "hall-a", 1]]
        await hall.send(pack({"type": "batch", "records": [result(s, item=f"choice-{s:02d}") for s in (2, 3, 4)]}))
        ev = await recv_until(ws, "events")
        assert ev["events"][0][0] == 2 and ev["events"][0][6]["item"] == "choice-02"
        health = await recv_until(ws, "health")
        while next(h for h in health["halls"] if h["source"] == "hall-a")["acked"] < 4:
            health = await recv_until(ws, "health")
        a = next(h for h in health["halls"] if h["source"] == "hall-a")
        # a batch of three counts three records, not one frame
        assert a["connected"] and a["acked"] == 4 and a["per_minute"] == 4 and a["peer"].startswith("127.0.0.1")
        await ws.close()
        await hall.close()


async def test_a_display_gets_public_state_and_a_frozen_screen_never_shows_later_marks(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        hall, _ = await login(url, *HALL_A)
        await hall.send(pack(result(1, score=1.0)))
        await recv_until(hall, "ack")
        screen, _ = await login(url, "display", *DISPLAY)
        pub = await recv_until(screen, "public")
        top = pub["standings"]["individual"][0]
        assert top["exam_no"] == "FJ0001" and top["total"] == 1.0 and pub["latest"][0]["contestant"] == "FJ0001"
        chief, _ = await login(url, "chief", *CHIEF)
        await recv_until(chief, "snapshot")
        await chief.send(pack({"type": "command", "id": 1, "kind": "freeze", "data": {}}))
        assert (await recv_until(chief, "result"))["ok"]
        await hall.send(pack(result(2, contestant="FJ0002", score=1.0)))
        await hall.send(pack(result(3, contestant="FJ0002", item="case-01", section="case", score=10.0, mx=10.0)))
        assert (await recv_until(hall, "ack"))["seq"] >= 2
        while True:
            pub = await recv_until(screen, "public")
            if pub["control"]["frozen"]:
                break
        assert pub["standings"]["individual"][0]["exam_no"] == "FJ0001" and pub["latest"] == []
        for ws in (hall, screen, chief):
            await ws.close()


async def test_a_slow_judge_never_slows_ingest_and_gets_a_fresh_snapshot_when_it_catches_up(tmp_path):
    import socket

    from tests.feeder_support import day

    db = make_db(tmp_path, per_team=None)
    records = [r for _t, r in day(db)]
    async with running(db, judge_queue=2) as (feeder, url):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", feeder.port))
        stuck, _ = await login(url, "judge", *JUDGE, sock=sock, max_queue=1)  # and then it never reads
        live, _ = await login(url, "chief", *CHIEF)
        total = 3 * len(records)

        async def follow(ws) -> int:  # a console that keeps reading: events, or a snapshot after an overflow
            last = 0
            while last < total:
                msg = await recv(ws, 30)
                if msg["type"] == "events":
                    last = msg["events"][-1][0]
                elif msg["type"] == "snapshot" and msg["events"]:
                    last = msg["events"][-1][0]
            return last

        following = asyncio.create_task(follow(live))
        halls = []
        for source, token in (("hall-a", HALL_TOKENS["hall-a"]), ("hall-b", HALL_TOKENS["hall-b"]),
                              ("hall-c", HALL_TOKENS["hall-c"])):
            ws, _ = await login(url, "hall", source, token)
            halls.append(ws)
            for i in range(0, len(records), 100):
                await ws.send(pack({"type": "batch", "records": records[i:i + 100]}))
            msg = await recv_until(ws, "ack")  # one hall after the other: at least three commits,
            while msg["seq"] < len(records):  # however large the feeder makes its batches
                msg = await recv_until(ws, "ack")
        assert await following == total
        judge = next(v for v in feeder.views if v.name == JUDGE[0])
        assert judge.outbox.overflows >= 1  # its queue was dropped, not the others' progress
        last = None
        while True:  # now it reads: a snapshot that holds everything
            msg = await recv(stuck, 30)
            if msg["type"] == "snapshot":
                last = msg
                if len(last["events"]) == total:
                    break
        assert last["events"][-1][0] == total
        for ws in halls + [stuck, live]:
            await ws.close()


async def test_a_full_disk_acks_nothing_says_storage_and_ingest_resumes_when_space_returns(tmp_path):
    recs = [result(s, contestant=f"FJ{(s % 33) + 1:04d}", item=f"choice-{s // 33 + 1:02d}") for s in range(1, 601)]
    async with running(make_db(tmp_path)) as (feeder, url):
        judge, _ = await login(url, "judge", *JUDGE)
        await recv_until(judge, "snapshot")
        ws, _ = await login(url, *HALL_A)
        await ws.send(pack(recs[0]))
        assert (await recv_until(ws, "ack"))["seq"] == 1
        pages = feeder.store.conn.execute("PRAGMA page_count").fetchone()[0]
        feeder.store.conn.execute(f"PRAGMA max_page_count={pages}")  # the disk is now full
        await ws.send(pack({"type": "batch", "records": recs[1:]}))
        replies = await replies_until_closed(ws)
        assert [m["type"] for m in replies] == ["error"] and replies[0]["code"] == "storage"
        assert "full" in replies[0]["message"]
        assert (await recv_until(judge, "error"))["code"] == "storage"
        assert Store(feeder.db_path).acked() == {"hall-a": 1}
        ws, welcome = await login(url, *HALL_A)  # still full: a resend is refused the same way
        assert welcome["acked"] == 1
        await ws.send(pack({"type": "batch", "records": recs[1:]}))
        assert (await replies_until_closed(ws))[-1]["code"] == "storage"
        feeder.store.conn.execute("PRAGMA max_page_count=1073741823")  # space returns
        ws, welcome = await login(url, *HALL_A)
        assert welcome["acked"] == 1
        await ws.send(pack({"type": "batch", "records": recs[1:]}))
        assert (await recv_until(ws, "ack"))["seq"] == 600
        health = await recv_until(judge, "health")
        assert health["storage"] == "ok"
        rows = sqlite3.connect(feeder.db_path).execute("SELECT count(*), count(DISTINCT seq) FROM events").fetchone()
        assert rows == (600, 600)
        await ws.close()
        await judge.close()
