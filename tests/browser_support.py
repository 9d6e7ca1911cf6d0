"""Headless Chromium and the processes behind the served screen, for the browser tests.

Chromium is Debian's `chromium` (scripts/system-deps.sh installs it for `make test`; the fixture
tries apt-get once more); a test that needs it is skipped, saying why, only where it cannot be had.
The browser is driven through the DevTools protocol, or run as the shell would
(`--virtual-time-budget … --dump-dom`). Waits are bounded loops on a condition, never a timed
assertion.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from db.store import Store
from db.writer import Writer
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster

ROOT = Path(__file__).resolve().parent.parent
GOLD = (255, 215, 0)  # the screen's ticker band and the leader cards' borders
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium() -> str:
    exe = find_chromium()
    if exe:
        return exe
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip("Chromium is missing and cannot be installed here (needs root and apt-get); "
                    "install Debian's 'chromium' package to run this test")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    out = subprocess.run(["apt-get", "install", "-y", "chromium"], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        subprocess.run(["apt-get", "update"], capture_output=True, env=env)
        out = subprocess.run(["apt-get", "install", "-y", "chromium"], capture_output=True, text=True, env=env)
    exe = find_chromium()
    if not exe:
        pytest.skip(f"apt-get could not install Chromium: {out.stderr.strip()[-300:]}")
    return exe


def contest_db(path: Path, records: int = 600) -> Path:
    rules = load_preset("fujian-2024-final")
    roster = sample_roster(rules, per_team=5)
    store = Store.create(path, rules, roster, "fujian-2024-final")
    writer = Writer(store)
    for _t, rec in exam_day(rules, roster)[:records]:
        writer.hall("hall-a", rec)
    writer.flush()
    store.close()
    return path


def wait_for(cond, rounds: int = 600, pause: float = 0.05, what: str = "the condition"):
    for _ in range(rounds):
        value = cond()
        if value:
            return value
        time.sleep(pause)
    raise AssertionError(f"gave up waiting for {what}")


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def started(args: list[str], **kw):
    """A child process in its own group; ended (with its children) by its id when done."""
    kw.setdefault("stdout", subprocess.DEVNULL)
    kw.setdefault("stderr", subprocess.DEVNULL)
    proc = subprocess.Popen(args, start_new_session=True, **kw)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


# --- processes ------------------------------------------------------------------------------
def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat after the command name: [state, ppid, pgrp, …]; None when there is no such process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()


def alive(pid: int) -> bool:
    """Running, sleeping or stopped: not gone and not a zombie waiting for its parent."""
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _stat(int(entry))
            if st is not None and int(st[1]) == pid:
                out.append(int(entry))
    return out


def descendants(pid: int) -> list[int]:
    """Every living process below `pid` (textual-serve's shell and the app under it, for instance)."""
    out, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            out.append(child)
            todo.append(child)
    return [p for p in out if alive(p)]


def end_processes(pids) -> None:
    """Clean-up after a failed test: end the given processes (by id) that are still there."""
    for pid in pids:
        if alive(pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def cpu_ticks(pid: int) -> int:
    st = _stat(pid)
    return int(st[11]) + int(st[12]) if st else 0


# --- the browser --------------------------------------------------------------------------------
def dump_dom(exe: str, url: str, profile: Path, budget_ms: int = 5000, window: str = "1920,1080") -> str:
    """Chromium as the bug report ran it: load the page, let `budget_ms` of virtual time pass, print the
    DOM, and leave (without closing the page: the process ends under the open websocket)."""
    out = subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", f"--window-size={window}",
                          f"--virtual-time-budget={budget_ms}", "--dump-dom", url],
                         capture_output=True, text=True, timeout=120, start_new_session=True)
    return out.stdout


def gold_pixels(png: bytes) -> int:
    """How many pixels have the screen's gold; without Pillow, a rough size check stands in."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover
        return 1000 if len(png) > 30_000 else 0
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(n for n, colour in img.getcolors(1 << 24) if max(abs(a - b) for a, b in zip(colour, GOLD)) < 8)


class DevTools:
    def __init__(self, ws):
        self.ws, self.n = ws, 0

    async def call(self, method: str, **params) -> dict:
        self.n += 1
        await self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(await self.ws.recv())
            if msg.get("id") == self.n:
                if "error" in msg:
                    raise AssertionError(f"{method}: {msg['error']}")
                return msg["result"]

    async def js(self, expression: str):
        return (await self.call("Runtime.evaluate", expression=expression, returnByValue=True))["result"].get("value")

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])

    async def first_byte(self) -> None:
        """Until the served page says the app has sent its first bytes."""
        for _ in range(600):
            if await self.js("!!document.body && document.body.classList.contains('-first-byte')"):
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the served screen never sent a byte to the browser")

    async def drawn(self) -> bytes:
        """A screenshot, once the screen's own frame (gold ticker, card borders) is drawn."""
        await self.first_byte()
        png = b""
        for _ in range(600):
            png = await self.screenshot()
            if gold_pixels(png) > 2000:
                return png
            await asyncio.sleep(0.05)
        return png


@contextlib.asynccontextmanager
async def browser(exe: str, profile: Path, window: str = "1600,900"):
    """A headless Chromium driven by DevTools: yields (the browser's process, a DevTools session on its page)."""
    import websockets

    args = [exe, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--window-size={window}",
            "about:blank"]
    with started(args) as proc:
        port_file = profile / "DevToolsActivePort"
        await asyncio.to_thread(wait_for, lambda: port_file.exists() and port_file.read_text().split(),
                                what="Chromium's DevTools port")
        cdp = port_file.read_text().split()[0]
        targets = await asyncio.to_thread(
            wait_for, lambda: [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{cdp}/json/list"))
                               if t["type"] == "page"], what="Chromium's page")
        async with websockets.connect(targets[0]["webSocketDebuggerUrl"], max_size=None) as ws:
            tools = DevTools(ws)
            await tools.call("Page.enable")
            yield proc, tools
