"""The Textual driver of a screen served to a browser (`screen --web`): Textual's `WebDriver`, made to
end with its connection.

The web server (display/screen/web.py) runs one screen process per browser and talks to it over the
process's stdin and stdout. Textual's own WebDriver outlives that link in three ways, each seen on a
projector PC as a process left behind after its browser went:

- its input thread stops at the end of stdin and tells nobody, so a screen whose server died (or
  closed the pipe) runs on for good, still following the feeder;
- a write to a closed stdout raises in the middle of a repaint, and Textual's way out (a bell, the
  exit message) writes again and raises again, so the app never leaves;
- while the server does not read its stdout the process blocks in `write`, and SIGTERM (which
  Textual hands to the event loop) is never acted on: the loop is the thread that is blocked.

So here: the end of stdin or a failed write means the connection is gone, and the app is asked to
exit; writes after a failure are dropped (the way out no longer trips on them); a write is finished
when every byte is out (`os.write` may write part of a buffer when a signal comes); SIGTERM is caught
by a plain signal handler, which runs even while a write blocks. Whatever the cause, once the
connection is gone or SIGTERM came, the process ends within `GRACE` seconds: if the app has not
closed by then, `os._exit`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading

from textual import messages
from textual.drivers.web_driver import WebDriver

GRACE = 5.0  # seconds the app has to close itself once its connection is gone, before the process ends
WINDOWS = sys.platform == "win32"


class ServedDriver(WebDriver):
    """`TEXTUAL_DRIVER=display.screen.webdriver:ServedDriver`, set by the web server for each screen."""

    def __init__(self, app, **kw):
        super().__init__(app, **kw)
        self._write = self._write_all
        self._loop: asyncio.AbstractEventLoop | None = None
        self._broken = False  # a write failed: the server is gone, nothing more can be shown
        self._leaving = threading.Event()

    # --- output -------------------------------------------------------------------------------------
    def _write_all(self, data: bytes) -> None:
        if self._broken:
            return
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fileno, view):]
        except OSError:  # EPIPE: nobody reads our output any more
            self._broken = True
            self.leave(1)

    # --- input --------------------------------------------------------------------------------------
    def run_input_thread(self) -> None:
        try:
            super().run_input_thread()
        finally:
            if not self.exit_event.is_set():  # not stopped by the app: the server closed our input
                self.leave(0)

    # --- signals ------------------------------------------------------------------------------------
    def start_application_mode(self) -> None:
        self._loop = asyncio.get_running_loop()
        super().start_application_mode()
        if not WINDOWS:
            self._loop.remove_signal_handler(signal.SIGTERM)
            signal.signal(signal.SIGTERM, self._on_sigterm)

    def _on_sigterm(self, signum, _frame) -> None:
        if self._leaving.is_set():  # asked twice: no more grace
            os._exit(128 + signum)
        self.leave(128 + signum)

    # --- the way out --------------------------------------------------------------------------------
    def leave(self, code: int) -> None:
        """The connection is gone (or SIGTERM came): ask the app to exit, and end the process in `GRACE`
        seconds if it has not. Safe from any thread and from a signal handler."""
        if self._leaving.is_set():
            return
        self._leaving.set()
        watchdog = threading.Timer(GRACE, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            asyncio.run_coroutine_threadsafe(self._app._post_message(messages.ExitApp()), loop=loop)
