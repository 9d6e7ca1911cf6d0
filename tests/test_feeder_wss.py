"""wss:// with the organisers' own CA, made by the very commands of docs/protocol.md section 9:
`serve --cert --key` speaks it, and hall-sim, judge and screen trust the CA with --cafile."""

import os
import shutil
import signal
import ssl
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import display.cli  # noqa: F401 - registers every part's commands on the root group
from db.cli import cli as root
from db.rosters import write_roster_csv
from db.store import Store
from feeder.cli import _ssl_context
from tests.feeder_support import (CHIEF, DISPLAY, HALL_TOKENS, SCOREBOARD, TOKENS_TOML, contest, free_port, make_db,
                                  running)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


def recipe() -> str:
    """The shell block of docs/protocol.md, section 9."""
    section = DOCS.read_text(encoding="utf-8").split("## 9.", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    if not shutil.which("openssl") or not shutil.which("bash"):
        pytest.skip("openssl and bash are needed to make the CA and the certificate")
    d = tmp_path_factory.mktemp("pki")
    script = recipe().replace("FEEDER_IP=10.0.0.5", "FEEDER_IP=127.0.0.1", 1)
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=d, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "feeder.pem: OK" in out.stdout
    return d


def invoke(args):
    return CliRunner().invoke(root, args, env={"SCOREBOARD_TOKEN": None})


@pytest.fixture
def captured(monkeypatch):
    """The sources `judge` and `screen` build, instead of running their apps."""
    import display.screen.app
    from display.console.app import ConsoleApp

    seen = []

    class Stub:
        return_code = 0

        def run(self):
            pass

    monkeypatch.setattr(ConsoleApp, "run", lambda self, *a, **kw: seen.append(self.source))
    monkeypatch.setattr(display.screen.app, "make_app", lambda source=None, **kw: seen.append(source) or Stub())
    return seen


def token_file(tmp_path, name: str, token: str) -> str:
    path = tmp_path / name
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def test_the_documented_recipe_makes_a_ca_and_a_certificate_for_the_feeders_ip(pki):
    assert (pki / "ca.key").stat().st_mode & 0o077 == 0 and (pki / "feeder.key").stat().st_mode & 0o077 == 0
    ext = subprocess.run(["openssl", "x509", "-in", str(pki / "feeder.pem"), "-noout", "-ext", "subjectAltName"],
                         capture_output=True, text=True, check=True).stdout
    assert "IP Address:127.0.0.1" in ext
    assert _ssl_context(str(pki / "feeder.pem"), str(pki / "feeder.key")) is not None  # what serve loads


async def test_judge_and_screen_connect_over_wss_trusting_the_ca_with_cafile(tmp_path, pki, captured):
    ca = str(pki / "ca.pem")
    server = _ssl_context(str(pki / "feeder.pem"), str(pki / "feeder.key"))
    async with running(make_db(tmp_path, per_team=1), ssl=server) as (_feeder, url):
        wss = url.replace("ws://", "wss://")
        out = invoke(["judge", wss, "--cafile", ca, "--name", CHIEF[0], "--role", "chief",
                      "--token-file", token_file(tmp_path, "chief.token", CHIEF[1])])
        assert out.exit_code == 0, out.output
        out = invoke(["screen", wss, "--cafile", ca, "--name", DISPLAY[0],
                      "--token-file", token_file(tmp_path, "screen.token", DISPLAY[1])])
        assert out.exit_code == 0, out.output
        judge, screen = captured
        snapshot = await judge.open()
        assert snapshot.contestants and judge.client.welcome["role"] == "chief"
        await judge.close()
        messages = screen.__aiter__()
        assert await anext(messages) == {"type": "status", "connected": True}
        assert (await anext(messages))["type"] == "public"
        await messages.aclose()


async def test_without_the_ca_a_client_refuses_the_feeder_before_sending_its_token(tmp_path, pki, captured):
    server = _ssl_context(str(pki / "feeder.pem"), str(pki / "feeder.key"))
    async with running(make_db(tmp_path, per_team=1), ssl=server) as (feeder, url):
        out = invoke(["judge", url.replace("ws://", "wss://"), "--name", CHIEF[0], "--role", "chief",
                      "--token-file", token_file(tmp_path, "chief.token", CHIEF[1])])
        assert out.exit_code == 0, out.output
        with pytest.raises(ssl.SSLCertVerificationError):
            await captured[0].open()
        assert feeder.views == [] or all(v.name != CHIEF[0] for v in feeder.views)


def test_cafile_is_only_for_a_live_feeder_and_reaches_the_screen_served_to_browsers(tmp_path, pki):
    from display.screen.cli import web_command

    out = invoke(["judge", str(make_db(tmp_path, per_team=1)), "--cafile", str(pki / "ca.pem"), "--lang", "en"])
    assert out.exit_code == 2 and "--cafile is for a live feeder URL" in out.output
    command = web_command("wss://127.0.0.1:8765/feed", "screen", "zh", (None, None, None), False,
                          os.path.relpath(pki / "ca.pem"))
    assert f"--cafile {pki / 'ca.pem'}" in command


def test_serve_and_hall_sim_speak_wss_from_the_shell(tmp_path, pki):
    db = make_db(tmp_path, per_team=1)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    write_roster_csv(*contest(db), roster)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SCOREBOARD_TOKEN"}
    server = subprocess.Popen([SCOREBOARD, "serve", str(db), "--port", str(port), "--tokens", str(tokens),
                               "--cert", str(pki / "feeder.pem"), "--key", str(pki / "feeder.key")],
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert f"地址 wss://127.0.0.1:{port}/feed" in server.stderr.readline()
        hall_token = token_file(tmp_path, "a.token", HALL_TOKENS["hall-a"])
        sim = subprocess.run([SCOREBOARD, "hall-sim", f"wss://127.0.0.1:{port}/feed", "--cafile", str(pki / "ca.pem"),
                              "--source", "hall-a", "--token-file", hall_token, "--roster", str(roster), "--speed", "0",
                              "--lang", "en"], env=env, capture_output=True, text=True, timeout=60)
        assert sim.returncode == 0, sim.stderr
        assert "acked up to" in sim.stdout
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    assert Store(db).acked()["hall-a"] > 0
