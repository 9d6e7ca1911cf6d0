"""Every process `screen --web` starts for a browser ends when that browser's connection goes.

The bug report: a headless Chromium run with `--virtual-time-budget … --dump-dom` left its screen
process behind, busy and deaf to SIGTERM. Here the real web screen runs on loopback, fed by a real
feeder, and Chromium visits it that way; afterwards no process may remain under the web server.
Waits are bounded numbers of polling rounds, never a wall-clock assertion.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

import pytest

from .browser_support import (ROOT, alive, browser, chromium, contest_db, descendants, dump_dom,  # noqa: F401
                              end_processes, http_ok, started, wait_for)
from .feeder_support import DISPLAY, SCOREBOARD, TOKENS_TOML, free_port

pytestmark = pytest.mark.slow
ROUNDS = 400  # polls of 0.05 s: far beyond a screen's own way out (quit, then SIGTERM, then SIGKILL)


@pytest.fixture
def feeder(tmp_path):
    """A real feeder on loopback over a contest with marks; yields (its URL, the screen's token file)."""
    db = contest_db(tmp_path / "contest.db")
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    token = tmp_path / "screen.token"
    token.write_text(DISPLAY[1] + "\n", encoding="utf-8")
    os.chmod(tokens, 0o600)
    os.chmod(token, 0o600)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SCOREBOARD_TOKEN"}
    with started([SCOREBOARD, "serve", str(db), "--tokens", str(tokens), "--port", str(port)], env=env,
                 stderr=subprocess.PIPE, text=True) as proc:
        assert "ws://127.0.0.1:" in proc.stderr.readline()
        yield f"ws://127.0.0.1:{port}/feed", token


@pytest.fixture
def web_screen(feeder):
    """`scoreboard screen ws://… --web PORT` on loopback; yields (the server's process, its page's URL)."""
    url, token = feeder
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SCOREBOARD_TOKEN"}
    args = [sys.executable, "-m", "display.screen", url, "--token-file", str(token), "--web", str(port)]
    with started(args, cwd=ROOT, env=env) as server:
        page = f"http://127.0.0.1:{port}/"
        wait_for(lambda: http_ok(page), what="the web screen's page")
        yield server, page


def test_no_screen_process_outlives_a_headless_chromium_that_dumps_the_page_and_leaves(chromium, web_screen,
                                                                                      tmp_path):
    server, page = web_screen
    seen: set[int] = set()
    try:
        for budget in (300, 2000, 5000):
            html = dump_dom(chromium, page, tmp_path / f"profile-{budget}", budget)
            assert "xterm" in html  # the page loaded and its terminal connected
            seen.update(descendants(server.pid))
            wait_for(lambda: not descendants(server.pid), ROUNDS,
                     what="every screen process to end after Chromium left")
        assert alive(server.pid)  # the web server itself goes on serving
    finally:
        end_processes(seen | set(descendants(server.pid)))


async def test_a_screen_process_ends_when_the_web_server_under_its_browser_dies(chromium, web_screen, tmp_path):
    server, page = web_screen
    async with browser(chromium, tmp_path / "profile") as (_proc, tools):
        await tools.call("Page.navigate", url=page)
        await tools.drawn()  # the screen is up and following the feeder
        screens = descendants(server.pid)
        assert screens
        try:
            os.kill(server.pid, signal.SIGKILL)  # the server only: its screens get no word but their closed input
            await asyncio.to_thread(wait_for, lambda: not [p for p in screens if alive(p)], ROUNDS,
                                    what="the orphaned screen process to end")
        finally:
            end_processes(screens)


STUBBORN = """
import os, signal, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # deaf to SIGTERM, and it never reads the quit on stdin
open(sys.argv[1], "w").write(str(os.getpid()))
sys.stdout.buffer.write(b"__GANGLION__\\n")
sys.stdout.buffer.flush()
time.sleep(3600)
"""


def test_the_web_server_kills_a_screen_process_deaf_to_quit_and_sigterm_once_its_browser_left(chromium, tmp_path):
    script, pid_file = tmp_path / "stubborn.py", tmp_path / "stubborn.pid"
    script.write_text(STUBBORN, encoding="utf-8")
    port = free_port()
    code = ("import sys; from display.screen.web import serve; "
            f"serve([sys.executable, {str(script)!r}, {str(pid_file)!r}], '127.0.0.1', {port}, grace=0.5)")
    with started([sys.executable, "-c", code], cwd=ROOT) as server:
        page = f"http://127.0.0.1:{port}/"
        wait_for(lambda: http_ok(page), what="the web server's page")
        dump_dom(chromium, page, tmp_path / "profile", 2000)
        pid = int(wait_for(lambda: pid_file.exists() and pid_file.read_text(), what="the stubborn process"))
        try:
            wait_for(lambda: not alive(pid), ROUNDS, what="the server to kill the stubborn process")
            assert alive(server.pid) and not descendants(server.pid)
        finally:
            end_processes([pid])


async def test_stopping_the_web_server_ends_the_screen_processes_of_its_browsers(chromium, web_screen, tmp_path):
    server, page = web_screen
    async with browser(chromium, tmp_path / "profile") as (_proc, tools):
        await tools.call("Page.navigate", url=page)
        await tools.drawn()
        screens = descendants(server.pid)
        assert screens
        try:
            server.send_signal(signal.SIGTERM)  # as Ctrl-C or a service manager would stop it
            await asyncio.to_thread(wait_for, lambda: server.poll() is not None, ROUNDS, what="the server to stop")
            assert not [p for p in screens if alive(p)]  # it waited for them before it left
        finally:
            end_processes(screens)
