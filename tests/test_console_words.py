"""Every screen, dialog and the palette of the judges' console, walked in Chinese (the default): no English
word shows but the data itself (hall names, item ids of a quarantined record) and the names of keys.
The catalogues' completeness in both languages is tests/test_cli_words.py's; this is what a judge sees."""

from __future__ import annotations

import html
import re

import pytest

from display.console.app import china_tz, make_app
from display.console.fixtures import QUARANTINE, Clock, loaded, paper_contest, tie_contest, wait_until
from display.console.source import MemorySource
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

# What may be Latin on a Chinese screen: the data (hall names, raw item ids in a quarantined record, the
# test source's name), a command a judge types, a file's format, the names of keys, and the keys an
# organiser writes in the rules file (`[[sections]] items points`, docs/rules.md) where a screen says how.
DATA_AND_KEYS = {"hall-a", "hall-b", "case-", "choice-", "short-", "memory", "scoreboard", "verify",
                 "Ctrl", "Shift", "esc", "Enter", "Tab", "SVG", "sections", "items", "points", "docs", "rules"}
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")


def tie_app(lang="zh"):
    rules, people, events = tie_contest()
    return make_app(MemorySource(rules, people, events, QUARANTINE, name="李主裁", clock=Clock()),
                    lang=lang, clock=Clock(), tz=china_tz())


def paper_app(lang="zh"):
    """Mid-marking with a declared paper: certain, possible and out all show."""
    rules, people, events = paper_contest()
    return make_app(MemorySource(rules, people, events, name="李主裁", clock=Clock()),
                    lang=lang, clock=Clock(), tz=china_tz())


def stage_app(lang="zh"):
    rules = load_preset("regional-2021-west")
    src = MemorySource(rules, sample_roster(rules), role="chief", name="李主裁", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz())


def desk_app(lang="zh"):
    rules = load_preset("regional-2021-west")
    src = MemorySource(rules, sample_roster(rules), role="judge", name="记分员", clock=Clock())
    return make_app(src, lang=lang, clock=Clock(), tz=china_tz(), mode="desk")


def shown_text(app) -> str:
    text = " ".join(html.unescape(t) for t in re.findall(r">([^<]*)</text>", app.export_screenshot()))
    return text.replace("\xa0", " ")


async def walk(factory, keys, lang="zh", screen=None, shows=None):
    app = factory(lang)
    async with app.run_test(size=(200, 50)) as pilot:
        if factory is desk_app:
            await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        else:
            await wait_until(pilot, loaded(app))
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if screen:
            await wait_until(pilot, lambda: app.screen.__class__.__name__ == screen)
        if shows:  # a screen that fills itself after it opens (the palette): until it has
            await wait_until(pilot, lambda: shows in shown_text(app))
        await pilot.pause(0.2)
        return app.screen.__class__.__name__, shown_text(app)


WALKS = {
    "the ranking": (tie_app, (), "RankingScreen"),
    "the teams": (tie_app, ("2",), "TeamsScreen"),
    "the awards": (tie_app, ("3",), "AwardsScreen"),
    "the quarantine": (tie_app, ("4",), "QuarantineScreen"),
    "the halls' health": (tie_app, ("5",), "HealthScreen"),
    "the audit": (tie_app, ("6",), "AuditScreen"),
    "the big screen's control": (tie_app, ("7",), "ControlScreen"),
    "the help": (tie_app, ("question_mark",), "HelpScreen"),
    "a contestant": (tie_app, ("enter",), "DetailScreen"),
    "the tie dialog": (tie_app, ("3", "d"), "TieDialog"),
    "the confirmation dialog": (tie_app, ("3", "c"), "ReasonDialog"),
    "the lock dialog": (tie_app, ("3", "l"), "ReasonDialog"),
    "the assign dialog": (tie_app, ("3", "o"), "AssignDialog"),
    "the correction dialog": (tie_app, ("e",), "ChangeDialog"),
    "the withdrawal dialog": (tie_app, ("w",), "ChangeDialog"),
    "the disqualification dialog": (tie_app, ("x",), "ChangeDialog"),
    "the freeze dialog": (tie_app, ("7", "f"), "ReasonDialog"),
    "the command palette": (tie_app, ("ctrl+p",), "CommandPalette"),
    "marking progress": (paper_app, ("8",), "ProgressScreen"),
    "the ranking with certainty": (paper_app, (), "RankingScreen"),
    "the ranking filtered to the certain": (paper_app, ("f",), "RankingScreen"),
    "the awards with certainty": (paper_app, ("3",), "AwardsScreen"),
    "the awards filtered to the possible": (paper_app, ("3", "f", "f"), "AwardsScreen"),
    "the marks' confirmation": (paper_app, ("7", "m"), "ReasonDialog"),
    "progress without a paper": (tie_app, ("8",), "ProgressScreen"),
    "the substitution dialog": (stage_app, ("t",), "SubstituteDialog"),
    "the scorer's desk": (desk_app, (), "DeskScreen"),
    "the desk's help": (desk_app, ("question_mark",), "HelpScreen"),
    "the desk's palette": (desk_app, ("ctrl+p",), "CommandPalette"),
}


@pytest.mark.parametrize("name", WALKS)
async def test_every_screen_and_dialog_speaks_chinese_by_default(name):
    factory, keys, screen = WALKS[name]
    shown, text = await walk(factory, keys, screen=screen, shows="搜索命令" if screen == "CommandPalette" else None)
    assert shown == screen
    english = sorted(set(WORD.findall(text)) - DATA_AND_KEYS)
    assert not english, f"{name}: English on a Chinese screen: {english}"


async def test_the_palette_lists_its_entries_in_chinese_as_the_judge_types():
    app = tie_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await wait_until(pilot, lambda: "搜索命令" in shown_text(app))
        app.screen.query_one("CommandInput").value = "排名"
        await wait_until(pilot, lambda: "搜索命令" not in shown_text(app))
        await pilot.pause(0.3)
        text = shown_text(app)
        assert "排名" in text and "搜索命令" not in text  # the search line holds what was typed
        assert not sorted(set(WORD.findall(text)) - DATA_AND_KEYS)


async def test_in_english_the_palette_searches_in_english():
    app = tie_app("en")
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_until(pilot, loaded(app))
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "Search for commands" in shown_text(app))
