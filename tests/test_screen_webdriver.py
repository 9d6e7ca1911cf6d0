"""A screen process as the web server runs it (display/screen/webdriver.py) ends when its link to the
server goes: stdin closed, stdout broken, or the server not reading while SIGTERM comes.

Each test starts the real screen over a real contest database with the driver and environment the
server gives it, and plays the server's part on the pipes. Waits are bounded polling rounds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from display.screen.web import DRIVER

from .browser_support import ROOT, alive, contest_db, end_processes, wait_for

pytestmark = pytest.mark.slow
ROUNDS = 400  # polls of 0.05 s


def screen(db: Path, columns: int = 160, rows: int = 45) -> subprocess.Popen:
    env = {**os.environ, "TEXTUAL_DRIVER": DRIVER, "TEXTUAL_FPS": "60", "TEXTUAL_COLOR_SYSTEM": "truecolor",
           "TERM_PROGRAM": "textual", "COLUMNS": str(columns), "ROWS": str(rows)}
    return subprocess.Popen([sys.executable, "-m", "display.screen", str(db)], cwd=ROOT, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def first_frame(proc: subprocess.Popen) -> None:
    """Read until the app has said it is a Textual app and drawn something."""
    assert proc.stdout.readline() == b"__GANGLION__\n"
    assert os.read(proc.stdout.fileno(), 1 << 16)


def drain(proc: subprocess.Popen) -> threading.Thread:
    """Read (and drop) everything the app writes, as a server does while its browser is there."""
    def run():
        while os.read(proc.stdout.fileno(), 1 << 16):
            pass
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return contest_db(tmp_path_factory.mktemp("web") / "contest.db")


def test_a_served_screen_ends_when_the_server_closes_its_input(db):
    proc = screen(db)
    try:
        first_frame(proc)
        drain(proc)
        proc.stdin.close()
        wait_for(lambda: proc.poll() is not None, ROUNDS, what="the screen to end after its stdin closed")
    finally:
        end_processes([proc.pid])
        proc.wait()


def test_a_served_screen_ends_when_nobody_reads_its_output_any_more(db):
    proc = screen(db)
    try:
        first_frame(proc)
        proc.stdout.close()  # the server is gone; stdin stays open, as a hung server would leave it
        wait_for(lambda: proc.poll() is not None, ROUNDS, what="the screen to end after its output broke")
    finally:
        end_processes([proc.pid])
        proc.wait()


def test_a_served_screen_blocked_writing_to_a_server_that_stopped_reading_still_ends_on_sigterm(db):
    proc = screen(db, columns=400, rows=120)  # a frame far larger than the pipe holds
    try:
        assert proc.stdout.readline() == b"__GANGLION__\n"
        quit_msg = json.dumps({"type": "quit"}).encode()
        wait_for(lambda: "pipe_write" in Path(f"/proc/{proc.pid}/wchan").read_text(), ROUNDS,
                 what="the screen to block writing its first frame")
        proc.stdin.write(b"M" + len(quit_msg).to_bytes(4, "big") + quit_msg)  # unread: the app is stuck
        proc.stdin.flush()
        proc.send_signal(signal.SIGTERM)
        wait_for(lambda: proc.poll() is not None, ROUNDS, what="the blocked screen to end on SIGTERM")
        assert proc.returncode == 128 + signal.SIGTERM
    finally:
        end_processes([proc.pid])
        proc.wait()
    assert not alive(proc.pid)
