"""The client library against a real feeder: HallClient (pipelined, resumes) and ViewClient."""

import asyncio
import sqlite3

import pytest

from feeder.client import FeedError, HallClient, ViewClient
from feeder.server import Feeder
from tests.feeder_support import CHIEF, DISPLAY, HALL_TOKENS, JUDGE, make_db, result, running, tokens


async def test_a_hall_client_sends_pipelined_and_learns_every_ack_and_rejection(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        hall = HallClient(url, "hall-a", HALL_TOKENS["hall-a"])
        assert await hall.connect() == 0
        recs = [result(s, item=f"choice-{s:02d}") for s in range(1, 31)] + [result(31, contestant="XX9999")]
        for rec in recs[:10]:
            await hall.send(rec)
        await hall.send_many(recs[10:])
        assert await hall.wait_acked(timeout=10) == 31
        assert hall.rejections == {31: ("unknown_contestant", hall.rejections[31][1])}
        await hall.close()


async def test_a_hall_client_assigns_seq_when_a_record_has_none(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        hall = HallClient(url, "hall-a", HALL_TOKENS["hall-a"])
        await hall.connect()
        rec = result(1)
        del rec["seq"]
        assert await hall.send(rec) == 1
        assert await hall.wait_acked(timeout=10) == 1
        await hall.close()


async def test_a_hall_client_resumes_after_a_dropped_connection_without_losing_or_doubling(tmp_path):
    async with running(make_db(tmp_path)) as (feeder, url):
        hall = HallClient(url, "hall-a", HALL_TOKENS["hall-a"], batch=7)
        await hall.connect()
        recs = [result(s, contestant=f"FJ{(s % 33) + 1:04d}", item=f"choice-{s // 33 + 1:02d}")
                for s in range(1, 401)]
        for i in range(0, 400, 40):
            await hall.send_many(recs[i:i + 40])
            if i % 120 == 0:
                await hall.drop()
        assert await hall.wait_acked(timeout=20) == 400
        assert hall.connects >= 2
        rows = sqlite3.connect(feeder.db_path).execute("SELECT count(*), count(DISTINCT seq) FROM events").fetchone()
        assert rows == (400, 400)
        await hall.close()


async def test_a_hall_client_resumes_across_a_server_restart(tmp_path):
    db = make_db(tmp_path)
    feeder = Feeder(db, tokens(), port=0)
    port = await feeder.start()
    url = f"ws://127.0.0.1:{port}/feed"
    hall = HallClient(url, "hall-a", HALL_TOKENS["hall-a"])
    await hall.connect()
    await hall.send_many([result(s, item=f"choice-{s:02d}") for s in range(1, 11)])
    await hall.wait_acked(timeout=10)
    await feeder.stop()
    await hall.send_many([result(s, item=f"choice-{s:02d}") for s in range(11, 21)])  # buffered meanwhile
    feeder = Feeder(db, tokens(), port=port)
    await feeder.start()
    assert await hall.wait_acked(timeout=20) == 20
    await hall.close()
    await feeder.stop()


async def test_a_refused_hall_gets_a_feed_error_naming_the_reason(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        hall = HallClient(url, "hall-b", HALL_TOKENS["hall-a"])
        with pytest.raises(FeedError) as exc:
            await hall.connect()
        assert exc.value.code == "unauthorized"
        await hall.close()


async def test_a_console_gets_a_snapshot_then_events_and_its_commands_results_by_id(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        hall = HallClient(url, "hall-a", HALL_TOKENS["hall-a"])
        await hall.connect()
        await hall.send(result(1))
        await hall.wait_acked(timeout=10)
        judge = ViewClient(url, JUDGE[1], JUDGE[0], "judge")
        snap = await judge.connect()
        assert snap["type"] == "snapshot" and len(snap["events"]) == 1 and len(snap["contestants"]) == 33
        res = await judge.command("view", {"view": "team"}, "换到团体榜")
        assert res["ok"] and res["event_id"] == 2
        res = await judge.command("lock", {"digest": "x"})
        assert not res["ok"] and res["code"] == "forbidden"
        await hall.send(result(2, item="choice-02"))
        kinds = []
        async for msg in judge:
            if msg["type"] == "events":
                kinds += [e[2] for e in msg["events"]]
            if "result" in kinds:
                break
        assert kinds == ["view", "result"]
        await judge.close()
        await hall.close()


async def test_a_screen_gets_public_states_and_a_chief_can_lock(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        screen = ViewClient(url, DISPLAY[1], DISPLAY[0], "display")
        first = await screen.connect()
        assert first["type"] == "public" and first["control"]["frozen"] is False
        assert (await screen.command("freeze", {}))["code"] == "forbidden"
        chief = ViewClient(url, CHIEF[1], CHIEF[0], "chief")
        await chief.connect()
        assert (await chief.command("freeze", {}))["ok"]
        async for msg in screen:
            if msg["type"] == "public" and msg["control"]["frozen"]:
                break
        await screen.close()
        await chief.close()


async def test_a_console_that_loses_the_server_says_so_and_gets_a_fresh_snapshot_after_it_returns(tmp_path):
    db = make_db(tmp_path)
    feeder = Feeder(db, tokens(), port=0)
    port = await feeder.start()
    judge = ViewClient(f"ws://127.0.0.1:{port}/feed", JUDGE[1], JUDGE[0], "judge")
    await judge.connect()
    await feeder.stop()
    feeder = Feeder(db, tokens(), port=port)
    await feeder.start()
    seen = []
    async for msg in judge:
        seen.append(msg["type"])
        if msg["type"] == "snapshot":
            break
    assert seen[0] == "disconnected" and seen[-1] == "snapshot"
    await judge.close()
    await feeder.stop()


async def test_a_console_with_a_wrong_token_is_refused(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        with pytest.raises(FeedError) as exc:
            await ViewClient(url, "wrong-token-1234", JUDGE[0], "judge").connect()
        assert exc.value.code == "unauthorized"


async def test_a_closed_console_ends_its_iteration(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        judge = ViewClient(url, JUDGE[1], JUDGE[0], "judge", reconnect=False)
        await judge.connect()
        await judge.close()
        rest = [m async for m in judge]
        assert rest[-1]["type"] == "closed"
        await asyncio.sleep(0)


async def test_a_hall_speaks_wss_when_the_feeder_has_a_certificate(tmp_path):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    async with running(make_db(tmp_path), ssl=server_ctx) as (_feeder, url):
        wss = url.replace("ws://", "wss://")
        hall = HallClient(wss, "hall-a", HALL_TOKENS["hall-a"], ssl=client_ctx)
        await hall.connect()
        await hall.send(result(1))
        assert await hall.wait_acked(timeout=10) == 1
        await hall.close()
        screen = ViewClient(wss, DISPLAY[1], DISPLAY[0], "display", ssl=client_ctx)
        assert (await screen.connect())["type"] == "public"
        await screen.close()


async def test_a_console_or_screen_logs_in_with_its_token_alone_and_learns_who_it_is(tmp_path):
    from feeder.client import FeedError, ViewClient

    from .feeder_support import CHIEF, DISPLAY, make_db, running

    db = make_db(tmp_path)
    async with running(db) as (_feeder, url):
        chief = ViewClient(url, CHIEF[1])  # no name, no role: the token says both
        first = await chief.connect()
        assert first["type"] == "snapshot" and (chief.name, chief.role) == CHIEF[:1] + ("chief",)
        res = await chief.command("freeze", {}, "最后半小时")
        assert res["ok"] is True  # a chief's command, though no --role chief was given
        await chief.close()
        screen = ViewClient(url, DISPLAY[1])
        assert (await screen.connect())["type"] == "public" and screen.role == "display"
        await screen.close()
        with pytest.raises(FeedError) as refused:
            await ViewClient(url, "Zq7-vW2pLx9RtY4uKe8sNb3m-nobodys").connect()
        assert refused.value.code == "unauthorized" and "wrong token" in refused.value.message


async def test_a_screen_named_by_its_token_alone_is_still_only_a_screen(tmp_path):
    from feeder.client import FeedError, ViewClient

    from .feeder_support import DISPLAY, JUDGE, make_db, running

    db = make_db(tmp_path)
    async with running(db) as (_feeder, url):
        screen = ViewClient(url, DISPLAY[1], role="display")  # what `scoreboard screen` sends: no name
        assert (await screen.connect())["type"] == "public" and screen.name == DISPLAY[0]
        await screen.close()
        with pytest.raises(FeedError) as refused:  # a judge's token is no screen's
            await ViewClient(url, JUDGE[1], role="display").connect()
        assert refused.value.code == "unauthorized" and "no display has it" in refused.value.message


async def test_closing_a_view_client_does_not_swallow_a_cancellation_of_the_closer():
    """Whoever cancels the code that is closing a client (an app quitting, a worker cancelled) must see it
    cancelled: a close that swallowed the CancelledError left the caller running."""
    from feeder.client import ViewClient

    client = ViewClient("ws://127.0.0.1:9/feed", "t", reconnect=False)
    never = asyncio.get_running_loop().create_future()
    client._task = asyncio.ensure_future(asyncio.shield(never))  # a task that will not end by itself

    closer = asyncio.ensure_future(client.close())
    await asyncio.sleep(0.05)
    closer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await closer
    client._task.cancel()
