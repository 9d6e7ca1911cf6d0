"""`scoreboard screen --rehearsal`: a generated day played through the screen without a hall
or a feeder: results stream in while the views take turns, the screen is frozen for the last
stretch, then unfrozen, the list locked and the ceremony stepped to the honours list."""

from __future__ import annotations

import asyncio

from .rehearsal import Rehearsal

VIEWS = ("individual", "team", "group", "latest", "awards")


class RehearsalSource:
    def __init__(self, preset: str = "fujian-2024-final", lang: str = "zh", tick: float = 1.0,
                 ticks_per_view: int = 12, reveal_seconds: float = 4.0):
        self.preset, self.lang, self.tick = preset, lang, tick
        self.ticks_per_view, self.reveal_seconds = ticks_per_view, reveal_seconds

    def __aiter__(self):
        return self._run()

    async def _run(self):
        day = Rehearsal(self.preset)
        yield day.public(self.lang)
        n = 0
        for pct in range(1, 101):
            if pct == 85:
                day.judge("freeze", {}, reason="最后阶段封榜")
            day.hall_until(pct / 100)
            if n % self.ticks_per_view == 0:
                view = VIEWS[(n // self.ticks_per_view) % len(VIEWS)]
                day.view(view, day.rules.groups[0] if view == "group" else None)
            n += 1
            yield day.public(self.lang)
            await asyncio.sleep(self.tick)
        day.judge("unfreeze", {}, reason="成绩复核完毕")
        day.view("individual")
        yield day.public(self.lang)
        await asyncio.sleep(self.tick * 5)
        day.lock()
        day.view("ceremony")
        yield day.public(self.lang)
        await asyncio.sleep(self.reveal_seconds)
        from scoreboard.ceremony import board_sequence

        for step in range(len(board_sequence(day.board, self.lang))):
            day.judge("ceremony", {"step": step})
            yield day.public(self.lang)
            await asyncio.sleep(self.reveal_seconds)
        await asyncio.Event().wait()
