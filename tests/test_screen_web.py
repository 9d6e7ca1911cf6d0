"""`scoreboard screen DB --web PORT` serves the screen to a browser: headless Chromium opens it
and takes a screenshot of the screen it draws.

Chromium is Debian's `chromium`, installed here with apt-get where it is missing; the test is
skipped (saying why) only where it cannot be installed. The browser is driven through the
DevTools protocol; waits are bounded loops on a condition, never a timed assertion.
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
import sys
import urllib.request
from pathlib import Path

import pytest
import websockets

from db.store import Store
from db.writer import Writer
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster

from .feeder_support import free_port

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GOLD = (255, 215, 0)  # the ticker band and the leader cards' borders


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


def contest_db(path: Path) -> Path:
    rules = load_preset("fujian-2024-final")
    roster = sample_roster(rules, per_team=5)
    store = Store.create(path, rules, roster, "fujian-2024-final")
    writer = Writer(store)
    for _t, rec in exam_day(rules, roster)[:600]:
        writer.hall("hall-a", rec)
    writer.flush()
    store.close()
    return path


def wait_for(cond, rounds: int = 600, pause: float = 0.05):
    import time

    for _ in range(rounds):
        value = cond()
        if value:
            return value
        time.sleep(pause)
    raise AssertionError("gave up waiting")


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def started(args: list[str], **kw):
    """A child process in its own group; ended (with its children) by its id when done."""
    proc = subprocess.Popen(args, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
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


def gold_pixels(png: bytes) -> int:
    """How many pixels have the screen's gold; without Pillow, a rough size check stands in."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover
        return 1000 if len(png) > 30_000 else 0
    img = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(n for n, colour in img.getcolors(1 << 24) if max(abs(a - b) for a, b in zip(colour, GOLD)) < 8)


async def test_the_screen_served_with_web_draws_in_headless_chromium(chromium, tmp_path):
    db = contest_db(tmp_path / "contest.db")
    port = free_port()
    screen = [sys.executable, "-m", "display.screen", str(db), "--web", str(port)]
    with started(screen, cwd=ROOT):
        url = f"http://127.0.0.1:{port}/?fontsize=12"
        await asyncio.to_thread(wait_for, lambda: http_ok(url))
        profile = tmp_path / "chromium-profile"
        browser = [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                   "--window-size=1600,900", "about:blank"]
        with started(browser):
            port_file = profile / "DevToolsActivePort"
            await asyncio.to_thread(wait_for, lambda: port_file.exists() and port_file.read_text().split())
            cdp = port_file.read_text().split()[0]
            targets = await asyncio.to_thread(
                wait_for, lambda: [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{cdp}/json/list"))
                                   if t["type"] == "page"])
            async with websockets.connect(targets[0]["webSocketDebuggerUrl"], max_size=None) as ws:
                tools = DevTools(ws)
                await tools.call("Page.enable")
                await tools.call("Page.navigate", url=url)
                for _ in range(600):  # the page says so once the app has sent its first bytes
                    if await tools.js("!!document.body && document.body.classList.contains('-first-byte')"):
                        break
                    await asyncio.sleep(0.05)
                else:
                    raise AssertionError("the served screen never sent a byte to the browser")
                assert await tools.js("document.querySelectorAll('.xterm canvas, .xterm-screen').length") > 0
                png = b""
                for _ in range(600):  # until the screen's own frame (gold ticker, card borders) is drawn
                    png = await tools.screenshot()
                    if gold_pixels(png) > 2000:
                        break
                    await asyncio.sleep(0.05)
                (tmp_path / "screen.png").write_bytes(png)
                assert png.startswith(b"\x89PNG") and gold_pixels(png) > 2000
