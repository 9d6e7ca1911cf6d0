"""The hall simulator: plays a generated exam day against a feeder, as a real
exam-hall system would (rehearsals 彩排, the demo, tests).

The timeline comes from `scoreboard.sample.exam_day`: contestants hand in
across the exam window, objective marks arrive at hand-in, subjective marks
trickle in from markers, some regrades, and (with a bad rate) a few bad
records. Time is compressed by `speed`. The `HallClient` underneath resumes
after any disconnect; `drop_every` pulls the cable on purpose to rehearse it.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from .client import HallClient
from .words import counts, say


@dataclass
class HallRun:
    source: str
    records: int = 0
    acked: int = 0
    rejected: dict[int, tuple[str, str]] = field(default_factory=dict)
    connects: int = 0
    drops: int = 0
    drop_every: float | None = None
    seconds: float = 0.0

    def text(self, lang: str = "zh") -> str:
        codes: dict[str, int] = {}
        for code, _ in self.rejected.values():
            codes[code] = codes.get(code, 0) + 1
        detail = counts(codes, lang)
        text = say("sim_done", lang, source=self.source, records=self.records, acked=self.acked,
                   rejected=len(self.rejected), detail=detail or say("sim_none", lang), connects=self.connects,
                   drops=self.drops, seconds=f"{self.seconds:.1f}")
        if self.drop_every and not self.drops:  # never silently: the run was shorter than the interval
            text += say("sim_no_drop", lang, seconds=f"{self.seconds:.1f}", every=f"{self.drop_every:g}")
        return text


async def run_hall(url: str, source: str, token: str, records: list[tuple[float, dict]], speed: float = 60.0,
                   *, ssl=None, drop_every: float | None = None, progress=None,
                   progress_every: float = 5.0, ack_timeout: float = 120.0,
                   connect_timeout: float = 30.0, lang: str = "zh") -> HallRun:
    """Send `records` ((seconds from the start, record) in order) at `speed`× real time; wait for every ack.

    `speed` <= 0 sends as fast as the window allows. Returns a summary; raises `FeedError` on a
    refused login (a wrong token, say). `progress` gets a line in `lang` every `progress_every` seconds.
    """
    client = HallClient(url, source, token, ssl=ssl)
    run = HallRun(source, drop_every=drop_every)
    start = time.monotonic()
    try:
        await asyncio.wait_for(client.connect(), connect_timeout)
    except BaseException:
        await client.close()
        raise
    next_drop = start + drop_every if drop_every else None
    next_report = start + progress_every
    try:
        i = 0
        while i < len(records):
            now = time.monotonic()
            due_until = float("inf") if speed <= 0 else (now - start) * speed
            j = i
            while j < len(records) and records[j][0] <= due_until and j - i < 1000:
                j += 1
            if j > i:
                await client.send_many([rec for _t, rec in records[i:j]])
                run.records += j - i
                i = j
            elif speed > 0:
                wait = records[i][0] / speed - (now - start)
                await asyncio.sleep(min(max(wait, 0.0), 0.5))
            if next_drop is not None and time.monotonic() >= next_drop:
                await client.drop()
                run.drops += 1
                next_drop = time.monotonic() + drop_every
            if progress and time.monotonic() >= next_report:
                progress(say("sim_progress", lang, source=source, sent=run.records, total=len(records),
                             acked=client.acked, rejected=len(client.rejections)))
                next_report = time.monotonic() + progress_every
        deadline = time.monotonic() + ack_timeout
        while client.acked < client.last_seq:  # the cable is pulled on time while acks come in, too
            now = time.monotonic()
            if now >= deadline:
                raise TimeoutError
            step = deadline - now if next_drop is None else max(0.0, min(deadline, next_drop) - now)
            try:
                await client.wait_acked(timeout=step)
            except (TimeoutError, asyncio.TimeoutError):
                if next_drop is not None and time.monotonic() >= next_drop and client.acked < client.last_seq:
                    await client.drop()
                    run.drops += 1
                    next_drop = time.monotonic() + drop_every
    finally:
        run.acked = client.acked
        run.rejected = dict(client.rejections)
        run.connects = client.connects
        run.seconds = time.monotonic() - start
        await client.close()
    return run
