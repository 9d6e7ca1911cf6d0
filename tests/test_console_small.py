"""The console in a small terminal: the footer keeps help and quit."""

from __future__ import annotations

from rich.cells import cell_len

from display.console.app import china_tz, make_app
from display.console.fixtures import QUARANTINE, Clock, loaded, tie_contest, wait_until
from display.console.screens.footer import choose
from display.console.screentext import screen_text
from display.console.source import MemorySource


def console(lang="zh"):
    rules, people, events = tie_contest()
    src = MemorySource(rules, people, events, QUARANTINE, role="chief", name="李主裁", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz())


def on(app, name: str):
    return lambda: app.screen.__class__.__name__ == name


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def settle(pilot) -> None:
    pilot.app.refresh_view(force=True)
    await pilot.pause()
    await pilot.pause()


# --- choosing footer keys ------------------------------------------------------------------------------
def test_help_and_quit_stay_in_the_footer_when_nothing_else_fits():
    keys = [("search", 8), ("app.disqualify", 12), ("mode('ranking')", 10), ("help", 8), ("quit", 8)]
    assert choose(keys, 16) == [3, 4]
    assert choose(keys, 30) == [1, 3, 4]  # the chief's key before search


def test_keys_of_one_action_come_and_go_together():
    keys = [("step(1)", 10), ("step(-1)", 10), ("help", 8), ("quit", 8)]
    assert choose(keys, 35) == [2, 3]
    assert choose(keys, 36) == [0, 1, 2, 3]


# --- the console, resized ---------------------------------------------------------------------------
async def test_every_screen_keeps_help_and_quit_in_the_footer_at_80_columns():
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, loaded(app))
        for key, screen in [("1", "RankingScreen"), ("2", "TeamsScreen"), ("3", "AwardsScreen"),
                            ("4", "QuarantineScreen"), ("5", "HealthScreen"), ("6", "AuditScreen"),
                            ("7", "ControlScreen")]:
            await pilot.press(key)
            await wait_until(pilot, on(app, screen))
            await settle(pilot)
            assert "? 帮助" in footer(app) and "q 退出" in footer(app), screen
            assert cell_len(footer(app)) <= 80
        await pilot.press("1", "enter")
        await wait_until(pilot, on(app, "DetailScreen"))
        await settle(pilot)
        assert all(k in footer(app) for k in ("esc 返回", "? 帮助", "q 退出"))
