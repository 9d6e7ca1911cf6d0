"""`screen --web`: the big screen served to browsers, one screen process per connection (textual-serve),
with every such process ended when its connection goes.

textual-serve's own server leaves a process behind in two ways, and this module closes both:

- when the browser leaves while the app is writing, sending to the closed websocket raises, the
  reading task ends, and nobody reads the app's stdout any more; the pipe stays open (asyncio keeps
  the process's transport until it exits), so the app blocks in `write` once the pipe is full, and
  never reads the "quit" sent to it. Here the reading goes on until the process has ended, and what
  it writes after its browser left is dropped;
- stopping a service sends "quit" and then waits, without limit, for the app to leave. Here it
  waits `grace` seconds, then sends SIGTERM to the process's group, waits `grace` again, then
  SIGKILL, and reaps the process.

Each process runs the command itself (no shell between, so a signal reaches the app), in a session
of its own (so the group holds everything it started), with the driver of display/screen/webdriver.py,
which ends the app when its stdin ends or its stdout breaks. When the server shuts down (Ctrl-C,
SIGTERM) every browser is disconnected and every process stopped the same way.

The page's font size is `font_size` unless the address says `?fontsize=N`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("textual-serve")

DRIVER = "display.screen.webdriver:ServedDriver"
FORCED = ("大屏进程 {pid} 未在 {grace} 秒内退出，发送 {signal}", "screen process {pid} did not leave in {grace} s: {signal}")
GRACE = 5.0  # seconds between quit, SIGTERM and SIGKILL
FONT_SIZE = 26  # a 1080p projector at about 130 × 33 cells; `?fontsize=N` or --font-size to change


class ScreenService(AppService):
    """One browser's screen process."""

    def __init__(self, argv: list[str], *, grace: float = GRACE, lang: str = "zh", **kw):
        super().__init__(shlex.join(argv), **kw)
        self.argv = argv
        self.grace = grace
        self.lang = lang
        self.browser_gone = False
        self._stopping: asyncio.Task | None = None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width, height)
        env["TEXTUAL_DRIVER"] = DRIVER
        return env

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width, height), start_new_session=True)
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # --- output to the browser: once it has left, drop it, but keep reading ---------------------------
    async def on_data(self, payload: bytes) -> None:
        await self._to_browser(self.remote_write_bytes, payload)

    async def on_meta(self, data: bytes) -> None:
        if not self.browser_gone:
            try:
                await super().on_meta(data)
            except (ConnectionError, RuntimeError):
                self.browser_gone = True

    async def _to_browser(self, send, payload) -> None:
        if self.browser_gone:
            return
        try:
            await send(payload)
        except (ConnectionError, RuntimeError):  # aiohttp: "Cannot write to closing transport"
            self.browser_gone = True

    # --- the end ------------------------------------------------------------------------------------
    async def stop(self) -> None:
        """Ask the app to quit; SIGTERM after `grace` seconds, SIGKILL after `grace` more; reap it.
        Every caller waits for the same stop, however many there are."""
        self.browser_gone = True
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        task, self._task = self._task, None
        process = self._process
        if task is None or process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.send_meta({"type": "quit"}), self.grace)
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None and process.returncode is None:
                log.warning(FORCED[self.lang == "en"].format(pid=process.pid, grace=self.grace, signal=sig.name))
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, sig)
            if await _ended(process, None if sig == signal.SIGKILL else self.grace):
                break
        with contextlib.suppress(asyncio.TimeoutError):  # the reader ends at the end of stdout
            await asyncio.wait_for(task, self.grace)


async def _ended(process, timeout: float | None) -> bool:
    try:
        await asyncio.wait_for(asyncio.shield(process.wait()), timeout)
    except asyncio.TimeoutError:
        return False
    return True


class ScreenServer(Server):
    """textual-serve's server with `ScreenService`s; `services` are the live ones."""

    def __init__(self, argv: list[str], *, grace: float = GRACE, font_size: int = FONT_SIZE, lang: str = "zh",
                 **kw):
        super().__init__(shlex.join(argv), **kw)
        self.argv = argv
        self.grace = grace
        self.lang = lang
        self.font_size = font_size
        self.services: set[ScreenService] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    async def handle_index(self, request: web.Request):
        if "fontsize" not in request.query:
            request = request.clone(rel_url=request.rel_url.update_query(fontsize=self.font_size))
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: ScreenService | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            service = ScreenService(self.argv, grace=self.grace, lang=self.lang, write_bytes=websocket.send_bytes,
                                    write_str=websocket.send_str, close=websocket.close,
                                    download_manager=self.download_manager, debug=self.debug)
            self.services.add(service)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except (ConnectionError, asyncio.CancelledError):
            pass  # the browser (or the server) went: the service is stopped below either way
        except Exception as error:  # noqa: BLE001 - a bad message from a browser ends its screen, not the server
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await service.stop()
                self.services.discard(service)
                with contextlib.suppress(Exception):
                    await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Disconnect every browser and stop every screen process before the server goes."""
        for ws in list(self.sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")
        await asyncio.gather(*(s.stop() for s in list(self.services)), return_exceptions=True)


def serve(argv: list[str], host: str, port: int, *, title: str = "赛场计分台", public_url: str | None = None,
          font_size: int = FONT_SIZE, grace: float = GRACE, lang: str = "zh") -> None:
    """Serve the screen command `argv` to browsers until Ctrl-C or SIGTERM."""
    ScreenServer(argv, host=host, port=port, title=title, public_url=public_url, font_size=font_size,
                 grace=grace, lang=lang).serve()
