"""`scoreboard screen DB --web PORT` serves the screen to a browser: headless Chromium opens it
and takes a screenshot of the screen it draws.

Chromium is Debian's `chromium` (tests/browser_support.py); the test is skipped (saying why) only
where it cannot be installed. Waits are bounded loops on a condition, never a timed assertion.
"""

from __future__ import annotations

import asyncio
import sys
import urllib.request

from .browser_support import (ROOT, browser, chromium, contest_db, gold_pixels, http_ok, started,  # noqa: F401
                              wait_for)
from .feeder_support import free_port


async def test_the_screen_served_with_web_draws_in_headless_chromium(chromium, tmp_path):
    db = contest_db(tmp_path / "contest.db")
    port = free_port()
    screen = [sys.executable, "-m", "display.screen", str(db), "--web", str(port)]
    with started(screen, cwd=ROOT):
        url = f"http://127.0.0.1:{port}/?fontsize=12"
        await asyncio.to_thread(wait_for, lambda: http_ok(url))
        async with browser(chromium, tmp_path / "chromium-profile") as (_proc, tools):
            await tools.call("Page.navigate", url=url)
            await tools.first_byte()
            assert await tools.js("document.querySelectorAll('.xterm canvas, .xterm-screen').length") > 0
            png = await tools.drawn()
            (tmp_path / "screen.png").write_bytes(png)
            assert png.startswith(b"\x89PNG") and gold_pixels(png) > 2000


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def test_the_served_page_uses_the_projector_font_size_unless_the_address_or_the_command_asks_another(tmp_path):
    db = contest_db(tmp_path / "contest.db", records=10)
    port, other = free_port(), free_port()
    with started([sys.executable, "-m", "display.screen", str(db), "--web", str(port)], cwd=ROOT), \
            started([sys.executable, "-m", "display.screen", str(db), "--web", str(other), "--font-size", "20"],
                    cwd=ROOT):
        url, url2 = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{other}/"
        wait_for(lambda: http_ok(url) and http_ok(url2), what="both pages")
        assert 'data-font-size="26"' in page(url)  # a 1080p projector: about 128 × 31 cells
        assert 'data-font-size="16"' in page(url + "?fontsize=16")
        assert 'data-font-size="20"' in page(url2)
        assert 'data-font-size="30"' in page(url2 + "?fontsize=30")
