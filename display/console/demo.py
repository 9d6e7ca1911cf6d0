"""`scoreboard demo`: a whole competition day on one machine, in one process.

A temporary contest database (Fujian preset, generated roster of 260), the
feeder on a free port, two simulated exam halls replaying a generated day at
rehearsal speed, and the judges' console as chief judge. The day's dead time
before the first hand-in is cut, so marks arrive within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from pathlib import Path

PRESET = "fujian-2024-final"
HALLS = ("hall-a", "hall-b")
CHIEF = "总裁判长"
LEAD_IN = 1.0  # seconds of the compressed day before the first record


def demo_day(rules, people, seed: int, halls=HALLS, bad_rate: float = 0.002):
    """The generated day split over the halls (each with its own seq from 1), dead start cut."""
    from scoreboard.sample import exam_day

    records = exam_day(rules, people, seed=seed, bad_rate=bad_rate)
    # the first hand-in opens the day (a stray bad record may come earlier: it is pulled forward too)
    first = next((t for t, rec in records if rec.get("type") == "finish"), 0.0)
    index = {c.exam_no: i for i, c in enumerate(people)}
    out: dict[str, list] = {h: [] for h in halls}
    for t, rec in records:
        i = index.get(rec.get("contestant"), hash(rec.get("contestant")) & 0xFFFF)
        hall = halls[i % len(halls)]
        out[hall].append((round(max(0.0, t - first) + LEAD_IN, 3), {**rec, "seq": len(out[hall]) + 1}))
    return out


async def start_contest(directory: Path, seed: int, speed: float):
    """Create the contest, start the feeder and the halls; return (url, tokens, feeder, tasks, db)."""
    from db.store import Store
    from feeder.hallsim import run_hall
    from feeder.server import Feeder
    from feeder.strength import new_token
    from feeder.tokens import Tokens
    from scoreboard.rules import load_preset
    from scoreboard.sample import sample_roster, with_paper

    rules = with_paper(load_preset(PRESET))  # the sample paper declared: progress and certainty show
    people = sample_roster(rules, seed=2024)
    db = directory / "contest.db"
    Store.create(db, rules, people, PRESET).close()
    tok = {name: new_token() for name in (*HALLS, CHIEF, "big-screen")}
    tokens = Tokens.from_dict({"hall": {h: tok[h] for h in HALLS}, "chief": {CHIEF: tok[CHIEF]},
                               "display": {"big-screen": tok["big-screen"]}})
    feeder = Feeder(db, tokens, "127.0.0.1", 0)
    port = await feeder.start()
    url = f"ws://127.0.0.1:{port}/feed"
    days = demo_day(rules, people, seed)
    tasks = [asyncio.create_task(run_hall(url, h, tok[h], days[h], speed, ack_timeout=3600), name=h)
             for h in HALLS]
    return url, tok, feeder, tasks, db


STAGE_PRESET = "regional-2021-west"
SCORER = "记分员"
STAGE_SECONDS = 30.0  # real seconds between two desk entries on stage (a question read, answered, scored)


async def play_desk(url: str, token: str, entries, interval: float) -> None:
    """A scorer entering a simulated on-stage contest (`stage_day`) through the feeder, entry by entry."""
    from feeder.client import ViewClient

    client = ViewClient(url, token, SCORER, "judge")
    try:
        await client.connect()
        await asyncio.sleep(LEAD_IN)
        for kind, data in entries:
            await client.command(kind, data, "")
            await asyncio.sleep(interval)
    finally:
        await client.close()


async def start_stage_contest(directory: Path, seed: int, speed: float):
    """The on-stage demo: the western regional contest, its desk entries played in by a scorer."""
    from db.store import Store
    from feeder.server import Feeder
    from feeder.strength import new_token
    from feeder.tokens import Tokens
    from scoreboard.rules import load_preset
    from scoreboard.sample import sample_roster, stage_day

    rules = load_preset(STAGE_PRESET)
    people = sample_roster(rules, seed=2021)
    db = directory / "contest.db"
    Store.create(db, rules, people, STAGE_PRESET).close()
    tok = {name: new_token() for name in (CHIEF, SCORER, "big-screen")}
    tokens = Tokens.from_dict({"chief": {CHIEF: tok[CHIEF]}, "judge": {SCORER: tok[SCORER]},
                               "display": {"big-screen": tok["big-screen"]}})
    feeder = Feeder(db, tokens, "127.0.0.1", 0)
    port = await feeder.start()
    url = f"ws://127.0.0.1:{port}/feed"
    entries = stage_day(rules, people, seed=seed)
    task = asyncio.create_task(play_desk(url, tok[SCORER], entries, STAGE_SECONDS / speed), name="desk")
    return url, tok, feeder, [task], db


async def demo_main(speed: float, seed: int, keep: bool, lang: str, theme: str | None, view: str, echo,
                    stage: bool = False) -> None:
    directory = Path(tempfile.mkdtemp(prefix="scoreboard-demo-"))
    feeder = None
    tasks: list[asyncio.Task] = []
    try:
        start = start_stage_contest if stage else start_contest
        url, tok, feeder, tasks, db = await start(directory, seed, speed)
        if view == "console":
            from .app import ConsoleApp
            from .live import LiveSource

            app = ConsoleApp(LiveSource(url, tok[CHIEF], CHIEF, "chief"), lang=lang, theme=theme,
                             mode="desk" if stage else "ranking")
        else:  # the big screen or the replay, once they exist (the CLI checks first)
            import importlib

            module = importlib.import_module(f"display.{view}.app")
            app = module.demo_app(url=url, token=tok["big-screen"], db=str(db), lang=lang)
        await app.run_async()
    finally:
        for t in tasks:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(BaseException):
                await t
        if feeder is not None:
            await feeder.stop()
        if keep:
            echo(f"the demo contest is kept in {directory} (contest.db)")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def run_demo(speed: float = 90.0, seed: int = 7, keep: bool = False, lang: str = "zh", theme: str | None = None,
             view: str = "console", echo=print, stage: bool = False) -> None:
    asyncio.run(demo_main(speed, seed, keep, lang, theme, view, echo, stage))
