"""`serve` warns when tokens and results would cross the network in clear text: a non-loopback
address without --cert."""

import os
import select
import shutil
import signal
import subprocess
import time

import pytest
from click.testing import CliRunner

import feeder.server
from db.cli import cli as root
from feeder import cli as feeder_cli
from feeder.cli import is_loopback
from tests.feeder_support import SCOREBOARD, TOKENS_TOML, make_db

if "serve" not in root.commands:  # display.cli registers it in the real entry point
    feeder_cli.register(root)

CLEAR_ZH = "令牌和成绩会以明文在网络上传输"
CLEAR_EN = "tokens and results cross the network in clear text"


class StoppedFeeder:
    """A feeder that binds nothing and stops at once: serve's checks and messages, without a socket."""

    made: list = []
    integrity = None  # a real feeder verifies the file when it starts

    def __init__(self, db, tokens, host, port, ssl, commit_interval, **options):
        self.host, self.ssl = host, ssl
        StoppedFeeder.made.append(self)

    async def start(self):
        return 8765

    def request_stop(self):
        pass

    async def serve_forever(self):
        return None


@pytest.fixture
def setup(tmp_path, monkeypatch):
    StoppedFeeder.made = []
    monkeypatch.setattr(feeder.server, "Feeder", StoppedFeeder)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    return make_db(tmp_path, per_team=1), tokens


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("cert")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "1", "-subj", "/CN=10.0.0.5", "-addext", "subjectAltName=IP:10.0.0.5",
                    "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem")], check=True, capture_output=True)
    return str(d / "cert.pem"), str(d / "key.pem")


def serve(db, tokens, *args):
    return CliRunner().invoke(root, ["serve", str(db), "--tokens", str(tokens), "--port", "0", *args])


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "10.0.0.5", "::", "fe80::1", "scoreboard.lan", ""])
def test_serving_beyond_this_machine_without_a_certificate_warns_of_clear_text(setup, host):
    db, tokens = setup
    out = serve(db, tokens, "--host", host)
    assert out.exit_code == 0, out.output
    assert out.stderr.startswith("警告：") and CLEAR_ZH in out.stderr and "docs/protocol.md" in out.stderr
    assert "wss" in out.stderr and "--cert" in out.stderr
    out = serve(db, tokens, "--host", host, "--lang", "en")
    assert out.stderr.startswith("warning: ") and CLEAR_EN in out.stderr
    assert f"{host} is not a loopback address" in out.stderr
    assert [f.host for f in StoppedFeeder.made] == [host, host]


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_serving_on_loopback_does_not_warn(setup, host):
    db, tokens = setup
    out = serve(db, tokens, "--host", host)
    assert out.exit_code == 0, out.output
    assert "警告" not in out.stderr and "数据服务已启动" in out.stderr
    out = serve(db, tokens, "--host", host, "--lang", "en")
    assert "warning" not in out.stderr and "serving" in out.stderr


def test_serving_beyond_this_machine_with_a_certificate_does_not_warn(setup, cert):
    db, tokens = setup
    out = serve(db, tokens, "--host", "0.0.0.0", "--cert", cert[0], "--key", cert[1])
    assert out.exit_code == 0, out.output
    assert "警告" not in out.stderr and "wss://0.0.0.0:8765/feed" in out.stderr
    assert StoppedFeeder.made[-1].ssl is not None


def test_loopback_is_this_machine_only():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.255.255.254", "::1", "localhost", "::ffff:127.0.0.1"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "128.0.0.1", "::", "10.1.2.3", "local", "localhost.lan"))


def lines_until_serving(proc, timeout: float = 20.0) -> list[str]:
    """The feeder's stderr up to its 'serving' line (never waits past `timeout`)."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while not (lines and lines[-1].startswith("serving")):
        ready, _, _ = select.select([proc.stderr], [], [], max(0.0, deadline - time.monotonic()))
        line = proc.stderr.readline() if ready else ""
        if not line:
            break
        lines.append(line)
    return lines


def test_the_real_feeder_on_every_interface_warns_before_it_serves(tmp_path):
    db = make_db(tmp_path, per_team=1)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    server = subprocess.Popen([SCOREBOARD, "serve", str(db), "--tokens", str(tokens), "--host", "0.0.0.0",
                               "--port", "0"], stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "SCOREBOARD_LANG": "en"})
    try:
        lines = lines_until_serving(server)
        assert len(lines) == 2, lines
        assert lines[0].startswith("warning: 0.0.0.0 is not a loopback address") and CLEAR_EN in lines[0]
        assert lines[1].startswith("serving ") and "ws://0.0.0.0:" in lines[1]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    assert server.returncode == 0


def test_serve_refuses_a_file_that_fails_verification_unless_asked_to_serve_it_anyway(tmp_path):
    import sqlite3

    db = make_db(tmp_path, per_team=1)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE contestants SET unit = '别的单位' WHERE exam_no = 'FJ0001'")
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    refused = subprocess.run([SCOREBOARD, "serve", str(db), "--port", "0", "--tokens", str(tokens)],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert "文件校验失败，不能开启数据服务" in refused.stderr and "FJ0001" in refused.stderr
    assert "--allow-unverified" in refused.stderr and "Traceback" not in refused.stderr
    proc = subprocess.Popen([SCOREBOARD, "serve", str(db), "--port", "0", "--tokens", str(tokens),
                             "--allow-unverified"], stderr=subprocess.PIPE, text=True)
    import threading

    watchdog = threading.Timer(60, proc.kill)  # a build that never says it serves fails, not hangs
    watchdog.start()
    try:
        said = []
        while not said or ("数据服务已启动" not in said[-1] and said[-1]):
            said.append(proc.stderr.readline())
        assert "数据服务已启动" in said[-1], said
        assert any("文件校验失败" in line and "各裁判台都会显示此问题" in line for line in said)
    finally:
        watchdog.cancel()
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
