"""The live source: the feeder, through `feeder.client.ViewClient`
(docs/view-protocol.md). The client reconnects by itself and then sends a
fresh snapshot, which the console folds anew."""

from __future__ import annotations

from feeder.client import FATAL  # a refusal that no retry will change
from scoreboard.codes import code_label

from .source import (Health, Lost, NewEvents, NewQuarantine, Reconnecting, Refused, Resnapshot, Source,
                     event_from_list, snapshot_from_dict)



class LiveSource(Source):
    can_command = True
    reconnects = True  # a feeder not there (yet) is tried again; a refused login is final (`Refused`)

    def __init__(self, url: str, token: str, name: str | None = None, role: str | None = None, client=None,
                 ssl=None):
        """`name` and `role` may be left out: the token says who and which role (the welcome tells them)."""
        self.url, self.token, self.name, self.role, self.ssl = url, token, name, role, ssl
        self.label = url
        self.client = client
        self._first = True

    async def open(self):
        from feeder.client import ViewClient

        if self.client is None:
            self.client = ViewClient(self.url, self.token, self.name, self.role, ssl=self.ssl)
        first = await self.client.connect()
        self.name, self.role = self.client.name, self.client.role
        if first.get("type") != "snapshot":
            raise RuntimeError(f"expected a snapshot from the feeder, got {first.get('type')!r}")
        return snapshot_from_dict(first)

    def refusal(self, exc: BaseException) -> Refused | None:
        """The feeder refused the token (or the hello): no retry will change that."""
        code = getattr(exc, "code", None)
        return Refused(code, getattr(exc, "message", str(exc))) if code in FATAL else None

    async def updates(self):
        async for msg in self.client:
            item = translate(msg)
            if item is not None:
                yield item

    async def command(self, kind: str, data: dict, reason: str = "") -> dict:
        if self.client is None:
            return {"ok": False, "code": "disconnected", "message": "not connected", "message_zh": "未连接到计分服务器"}
        return await self.client.command(kind, data, reason)

    async def close(self) -> None:
        if self.client is not None:
            await self.client.close()


def translate(msg: dict):
    """A view-protocol message as the console's update item (None: nothing for the console)."""
    kind = msg.get("type")
    if kind == "events":
        return NewEvents([event_from_list(e) for e in msg.get("events", [])])
    if kind == "quarantine":
        return NewQuarantine(list(msg.get("items", [])))
    if kind == "health":
        return Health(msg.get("at", 0.0), list(msg.get("halls", [])))
    if kind == "snapshot":
        return Resnapshot(snapshot_from_dict(msg))
    if kind == "reconnecting":
        return Reconnecting(int(msg.get("attempt", 0)), str(msg.get("error", "")), float(msg.get("retry_in", 0)))
    if kind == "error" and msg.get("code") in FATAL:
        return Refused(msg["code"], str(msg.get("message", "")))
    if kind == "disconnected":
        return Lost("connection lost", "连接中断")
    if kind == "closed":
        return Lost("connection closed", "连接已关闭")
    if kind == "error":
        code, message = msg.get("code", "error"), msg.get("message", "")
        return Lost(f"{code}: {message}".strip(": "), f"{code_label(code)}：{message}".strip("："))
    return None



