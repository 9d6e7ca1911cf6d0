"""One websocket client of the feeder: a hall or a view (console, screen), its outbox and the task
that drains it, and small helpers about peers."""

from __future__ import annotations

import asyncio
import contextlib

from websockets.exceptions import ConnectionClosed

from scoreboard.limits import bounded, short

from . import protocol as P
from . import views as V


class Hall:
    def __init__(self, ws, session: P.HallSession, peer: str):
        self.ws, self.session, self.peer = ws, session, peer
        self.outbox = V.HallOutbox(V.HALL_OUTBOX_BYTES)


class View:
    def __init__(self, ws, role: str, name: str, peer: str, queue: int):
        self.ws, self.role, self.name, self.peer = ws, role, name, peer
        self.outbox = V.DisplayOutbox() if role == "display" else V.JudgeOutbox(queue)


async def sender(c, build_snapshot) -> None:
    """Drain one client's outbox into its socket; a judge's snapshot is built only when it can be sent."""
    with contextlib.suppress(ConnectionClosed):
        await drain(c.outbox, c.ws, build_snapshot)


async def drain(box, ws, build_snapshot) -> None:
    while True:
        await box.wake.wait()
        box.wake.clear()
        while (frame := box.pop(build_snapshot)) is not None:
            await ws.send(frame)
        if box.closing is not None:
            if box.closing:
                await ws.send(box.closing)
            await ws.close()
            return


def abort_later(ws, delay: float) -> None:
    """Cut a connection after `delay` seconds unless it closed by then (a client that never reads cannot
    complete a closing handshake)."""
    def abort() -> None:
        transport = getattr(ws, "transport", None)
        if transport is not None and not transport.is_closing():
            transport.abort()

    asyncio.get_running_loop().call_later(delay, abort)


def peer_of(ws) -> str:
    addr = ws.remote_address
    if isinstance(addr, tuple) and len(addr) >= 2:
        return f"{addr[0]}:{addr[1]}"
    return str(addr)


def peek_hello(frame) -> tuple[str | None, str | None]:
    """Best effort: the role and name a refused hello claimed, for the access log."""
    try:
        msg = P.unpack(frame) if isinstance(frame, bytes) else None
    except Exception:  # noqa: BLE001
        return None, None
    if not isinstance(msg, dict):
        return None, None
    role, name = msg.get("role"), msg.get("source")
    def text(x, n: int):
        return None if x is None else bounded(x if isinstance(x, str) else short(x, n), n)

    return text(role, 40), text(name, 64)


async def send_and_close(ws, frame: bytes) -> None:
    with contextlib.suppress(ConnectionClosed):
        await ws.send(frame)
        await ws.close()
