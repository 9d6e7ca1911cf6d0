"""`scoreboard load --via`: a hall's file into a running day, through the feeder, resuming from what the
feeder already has (feeder/loadvia.py, feeder/load_cli.py)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from display.cli import cli
from feeder.client import HallClient
from tests.feeder_support import (HALL_TOKENS, day, final_state, make_db, offline, running, write_jsonl)


async def test_a_halls_file_loaded_through_the_feeder_resumes_where_the_hall_stopped(tmp_path):
    db = make_db(tmp_path)
    records = day(db, seed=3, bad_rate=0.01)
    path = write_jsonl(tmp_path / "hall-a.jsonl", "hall-a", records)
    token = tmp_path / "hall-a.token"
    token.write_text(HALL_TOKENS["hall-a"] + "\n", encoding="utf-8")
    token.chmod(0o600)
    async with running(db) as (feeder, url):
        hall = HallClient(url, "hall-a", HALL_TOKENS["hall-a"])
        await hall.connect()
        await hall.send_many([rec for _t, rec in records[:300]])  # the network went down after 300
        await hall.wait_acked(timeout=30)
        await hall.close()
        runner = CliRunner()
        out = await _in_thread(runner.invoke, cli, ["load", "--via", url, str(path), "--token-file", str(token)])
        assert out.exit_code == 0, out.output
        assert f"原已有 300 条，本次发送 {len(records) - 300} 条，确认至 {len(records)}" in out.output
        again = await _in_thread(runner.invoke, cli, ["load", "--via", url, str(path), "--token-file", str(token),
                                                      "--lang", "en"])
        assert f"the feeder had {len(records)} already, 0 sent" in again.output
    assert final_state(db) == final_state(offline(tmp_path, db, [path]))


async def _in_thread(fn, *args):
    import asyncio

    return await asyncio.to_thread(fn, *args)  # the command runs its own event loop


def test_load_on_a_database_a_feeder_holds_says_how_to_load_through_it(tmp_path):
    from db.store import writer_lock

    db = make_db(tmp_path)
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"type": "finish", "seq": 1, "contestant": "FJ0001", "time_used": 10}) + "\n")
    with writer_lock(str(db)):
        out = CliRunner().invoke(cli, ["load", str(db), str(path)])
    assert out.exit_code == 2 and "scoreboard load --via ws://HOST:PORT/feed FILE --source HALL" in out.output


def test_the_offline_form_refuses_a_token_and_the_via_form_a_database(tmp_path):
    out = CliRunner().invoke(cli, ["load", "a.db", "b.jsonl", "--token", "x", "--lang", "en"])
    assert out.exit_code == 2 and "--token is for --via" in out.output
    out = CliRunner().invoke(cli, ["load", "--via", "ws://127.0.0.1:1/feed", "a.db", "b.jsonl", "--lang", "en"])
    assert out.exit_code == 2 and "give only the FILE" in out.output
    out = CliRunner().invoke(cli, ["load", "a.db", "b.jsonl", "--token", "x"])  # Chinese by default
    assert out.exit_code == 2 and "错误：--token 只用于 --via" in out.output
    out = CliRunner().invoke(cli, ["load", "--via", "ws://127.0.0.1:1/feed", "a.db", "b.jsonl"])
    assert out.exit_code == 2 and "错误：用 --via 时只给出 FILE" in out.output
