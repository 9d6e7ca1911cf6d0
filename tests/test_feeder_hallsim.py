"""The hall simulator and the feeder's commands: a day played through the feeder equals the same day loaded offline."""

import os
import signal
import subprocess

from click.testing import CliRunner

from db.cli import cli as root
from db.rosters import write_roster_csv
from db.store import Store
from feeder import cli as feeder_cli
from feeder.hallsim import HallRun, run_hall
from tests.feeder_support import (HALL_TOKENS, SCOREBOARD, TOKENS_TOML, contest, day, final_state, free_port, make_db,
                                  offline, running, write_jsonl)

if "serve" not in root.commands:  # display.cli registers it in the real entry point
    feeder_cli.register(root)


async def test_a_simulated_day_with_dropped_connections_ends_as_the_same_day_loaded_offline(tmp_path):
    db = make_db(tmp_path)
    records = day(db, bad_rate=0.01)
    async with running(db) as (_feeder, url):
        run = await run_hall(url, "hall-a", HALL_TOKENS["hall-a"], records, speed=records[-1][0] / 0.6,
                             drop_every=0.1)
    assert run.acked == len(records) and run.records == len(records)
    assert run.drops >= 2 and run.connects >= 2
    assert run.rejected and all(code in {"unknown_contestant", "score_out_of_range", "unknown_section", "bad_record"}
                                for code, _ in run.rejected.values())
    assert "rejected" in run.text("en") and "拒收" in run.text()
    ref = offline(tmp_path, db, [write_jsonl(tmp_path / "a.jsonl", "hall-a", records)])
    assert final_state(db) == final_state(ref)


async def test_a_simulated_day_plays_in_compressed_time(tmp_path):
    db = make_db(tmp_path, per_team=1)
    records = day(db)[:200]
    span = records[-1][0]
    async with running(db) as (_feeder, url):
        run = await run_hall(url, "hall-b", HALL_TOKENS["hall-b"], records, speed=span / 0.5)
    assert run.acked == 200 and run.connects == 1


def test_every_feeder_command_has_help_text():
    for name in ("serve", "hall-sim"):
        out = CliRunner().invoke(root, [name, "--help"])
        assert out.exit_code == 0 and len(out.output) > 200
        assert root.commands[name].help


def test_serve_refuses_a_bad_tokens_file_naming_the_key(tmp_path):
    db = make_db(tmp_path)
    bad = tmp_path / "tokens.toml"
    bad.write_text('[hall]\nhall-a = "short"\n', encoding="utf-8")
    out = CliRunner().invoke(root, ["serve", str(db), "--port", "0", "--tokens", str(bad), "--lang", "en"])
    assert out.exit_code == 2 and "[hall] hall-a" in out.output and "too short" in out.output
    out = CliRunner().invoke(root, ["serve", str(db), "--port", "0", "--tokens", str(bad)])
    assert out.exit_code == 2 and "[hall] hall-a" in out.output and "令牌太短" in out.output


def test_serve_refuses_a_weak_token_with_the_key_and_the_reason(tmp_path):
    db = make_db(tmp_path)
    weak = tmp_path / "tokens.toml"
    weak.write_text(TOKENS_TOML.replace(HALL_TOKENS["hall-b"], "password12345678"), encoding="utf-8")
    out = CliRunner().invoke(root, ["serve", str(db), "--port", "0", "--tokens", str(weak), "--lang", "en"])
    assert out.exit_code == 2
    assert out.output.startswith("error: ") and "[hall] hall-b: " in out.output and "'password'" in out.output
    assert Store(db).acked() == {}  # refused before anything was served


def test_serve_and_hall_sim_rehearse_a_day_from_the_shell(tmp_path):
    db = make_db(tmp_path)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    write_roster_csv(*contest(db), roster)
    port = free_port()
    server = subprocess.Popen([SCOREBOARD, "serve", str(db), "--port", str(port), "--tokens", str(tokens)],
                              stderr=subprocess.PIPE, text=True)
    try:
        assert "数据服务已启动" in server.stderr.readline()
        sim = subprocess.run([SCOREBOARD, "hall-sim", f"ws://127.0.0.1:{port}/feed", "--source", "hall-a",
                              "--roster", str(roster), "--speed", "0"],
                             env={**os.environ, "SCOREBOARD_TOKEN": HALL_TOKENS["hall-a"]},
                             capture_output=True, text=True, timeout=60)
        assert sim.returncode == 0, sim.stderr
        assert "确认至" in sim.stdout
        refused = subprocess.run([SCOREBOARD, "hall-sim", f"ws://127.0.0.1:{port}/feed", "--source", "hall-b",
                                  "--token", HALL_TOKENS["hall-a"], "--roster", str(roster), "--speed", "0"],
                                 env={k: v for k, v in os.environ.items() if k != "SCOREBOARD_TOKEN"},
                                 capture_output=True, text=True, timeout=60)
        assert refused.returncode == 2 and "unauthorized" in refused.stderr and "数据服务拒绝了 hall-b：令牌错误" \
            in refused.stderr
        busy = subprocess.run([SCOREBOARD, "serve", str(db), "--port", "0", "--tokens", str(tokens), "--lang", "en"],
                              capture_output=True, text=True, timeout=30)
        assert busy.returncode == 2 and "another writer" in busy.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    assert server.returncode == 0
    assert Store(db).acked()["hall-a"] > 0


async def test_at_full_speed_drop_every_still_drops_or_says_it_did_not(tmp_path):
    """--speed 0 sends the day at once: the cable is pulled while the acks come in; a run too short for
    any drop says so instead of staying silent."""
    db = make_db(tmp_path)
    records = day(db)
    async with running(db, commit_interval=0.05) as (_feeder, url):
        run = await run_hall(url, "hall-a", HALL_TOKENS["hall-a"], records, speed=0, drop_every=3600)
    assert run.acked == len(records) and run.drops == 0
    assert "no drop happened" in run.text("en") and "--drop-every 3600 s" in run.text("en")
    assert "没有断线" in run.text() and "--drop-every 3600 秒" in run.text()
    short = HallRun("hall-b", drop_every=0.2, drops=1)
    assert "no drop happened" not in short.text("en") and "没有断线" not in short.text()
