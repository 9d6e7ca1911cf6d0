"""Names are plain text everywhere in the terminal: a contestant, unit, team, judge or reason holding
'[...]' is shown exactly as typed, never read as Rich or Textual markup.

As markup "[bold red]红[/bold red]" would show as a red 红, and "[/]" would stop the app with a
MarkupError. Each surface is run headless with such texts and its rendered text is read back.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner

from db.store import Store
from db.writer import Writer
from display.cli import cli
from display.console.app import china_tz
from display.console.app import make_app as console_app
from display.console.fixtures import Clock, T0, events_from_records, loaded, tie_records, wait_until
from display.console.screens.detail import DetailScreen
from display.console.screentext import screen_text
from display.console.source import MemorySource
from display.replay.app import make_app as replay_app
from display.replay.app import memory_day
from display.screen.app import make_app as screen_app
from display.screen.public import live_message
from display.screen.rehearsal import FIXED_NOW, with_view
from feeder.views import latest_row
from scoreboard.board import Board
from scoreboard.ceremony import board_sequence
from scoreboard.events import Event
from scoreboard.rules import load_rules, preset_text
from scoreboard.sample import sample_roster

NAME = "[bold red]红[/bold red]"  # the leader
CLOSING = "[/]"  # tied at the 人社知识通 cut-off
UNIT = "[u]单位[/u]"
TEAM = "[b]福州[/b]"
JUDGE = "[i]张[/i]"
REASON = "[red]加赛[/red]"
HALL = "[b]hall-x[/b]"
SIZE = (200, 50)


def renamed(preset: str, team: str, new: str):
    return load_rules(preset_text(preset).replace(f'name = "{team}"', f'name = "{new}"'))


def contest():
    """A Fujian final (3 per team) led by NAME of TEAM and UNIT, CLOSING in the pending tie, and an
    award assigned by JUDGE with REASON."""
    rules = renamed("fujian-2024-final", "福州", TEAM)
    people = sample_roster(rules, seed=2024, per_team=3)
    people[0] = replace(people[0], name=NAME, unit=UNIT)
    people[20] = replace(people[20], name=CLOSING)
    events = events_from_records(tie_records(people))
    events.append(Event(len(events) + 1, T0 + 9000, "assign", "judge", None, JUDGE,
                        {"award": "organisation", "recipient": TEAM}, REASON))
    return rules, people, events


def console(**kw):
    rules, people, events = contest()
    quarantine = [{"id": 1, "at": T0, "source": HALL, "seq": 3, "code": "unknown_contestant",
                   "message": f"record 3: contestant {CLOSING} is not on the roster"}]
    src = MemorySource(rules, people, events, quarantine, role="chief", name=JUDGE, clock=Clock())
    return console_app(src, clock=Clock(), tz=china_tz(), **kw), people


async def show(pilot, key: str, screen: str) -> str:
    app = pilot.app
    await pilot.press(key)
    await wait_until(pilot, lambda: app.screen.__class__.__name__ == screen)
    return screen_text(app)


async def test_the_judges_ranking_shows_names_teams_and_the_team_choice_as_typed():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        text = screen_text(app)
        assert "[bold r" in text and "[/]" in text and "[b]福州[" in text  # cut to the column's width
        await pilot.press("v")  # by team: the team chooser holds the first team
        await wait_until(pilot, lambda: app.screen.view == "team")
        assert TEAM in screen_text(app)


async def test_a_contestants_detail_shows_name_team_and_unit_as_typed():
    app, people = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        app.push_screen(DetailScreen(people[0].exam_no))
        await wait_until(pilot, lambda: isinstance(app.screen, DetailScreen))
        assert f"{NAME} · {TEAM} · {UNIT}" in screen_text(app)


async def test_awards_ties_and_the_tie_dialog_show_names_judges_and_reasons_as_typed():
    app, people = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        text = await show(pilot, "3", "AwardsScreen")
        assert f"裁判{JUDGE}授予：{REASON}" in text and CLOSING in text
        text = await show(pilot, "d", "TieDialog")
        assert f"{people[20].exam_no} {CLOSING} {people[20].team} " in text


async def test_the_audit_and_the_quarantine_show_judges_reasons_and_halls_as_typed():
    app, _ = console()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, loaded(app))
        text = await show(pilot, "6", "AuditScreen")
        assert JUDGE in text and REASON in text and TEAM in text
        text = await show(pilot, "4", "QuarantineScreen")
        assert HALL[:10] in text and f"contestant {CLOSING} is not" in text  # the hall cut to its column


async def test_a_notification_carrying_a_name_shows_it_as_typed():
    app, _ = console()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, loaded(app))
        app.notify(f"{NAME} {CLOSING}")
        await wait_until(pilot, lambda: f"{NAME} {CLOSING}" in screen_text(app))


async def test_the_scorers_desk_shows_team_names_as_typed():
    rules = renamed("regional-2021-west", "陕西", TEAM)
    src = MemorySource(rules, sample_roster(rules), role="judge", name=JUDGE, clock=Clock())
    app = console_app(src, clock=Clock(), tz=china_tz(), mode="desk")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await wait_until(pilot, lambda: f"[1] {TEAM}" in screen_text(app))  # the entry line
        assert [line.split()[:2] for line in screen_text(app).splitlines() if TEAM in line][1] == ["1", TEAM]


async def test_the_replay_shows_names_as_typed_in_the_ranking_and_the_award_changes():
    rules, people, events = contest()
    app = replay_app(day=memory_day(rules, people, events), start=len(events), scans=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "[bold r" in screen_text(app))
        await pilot.press("5")
        await wait_until(pilot, lambda: app.screen.changes is not None)
        await wait_until(pilot, lambda: NAME in screen_text(app))


def finished_board() -> Board:
    """contest(), with the tie shared, the list confirmed and locked: the ceremony can run."""
    rules, people, events = contest()
    board = Board(rules, people)
    board.apply_all(events)
    at, n = T0 + 9100, len(events)

    def judge(kind, data):
        nonlocal at, n
        at, n = at + 1, n + 1
        board.apply(Event(n, at, kind, "judge", None, JUDGE, data, REASON))

    for tie in board.awards().ties:
        judge("decision", {"award": tie.award_id, "group": tie.group, "tied": list(tie.tied), "outcome": "share"})
    judge("confirm", {"digest": board.awards().digest})
    judge("lock", {"digest": board.awards().digest})
    assert board.awards().locked
    return board


@pytest.fixture(scope="module")
def board():
    return finished_board()


@pytest.mark.parametrize("view,shown", [("individual", [NAME, f"{TEAM} · {UNIT}", CLOSING]),
                                        ("group", [NAME, f"{TEAM} · {UNIT}"]),
                                        ("awards", [NAME, TEAM, UNIT, CLOSING]), ("latest", [CLOSING])])
async def test_the_big_screen_shows_names_teams_and_units_as_typed(board, view, shown):
    closing = next(c.exam_no for c in board.contestants.values() if c.name == CLOSING)
    latest = [latest_row(board, ev) for ev in contest()[2] if ev.data.get("contestant") == closing]
    msg = with_view(live_message(board, latest=latest), view, group=TEAM if view == "group" else None)
    app = screen_app(msg, animate=False, now=lambda: FIXED_NOW, min_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.text()
        assert [s for s in shown if s not in text] == []


async def test_the_ceremony_reveals_names_as_typed(board):
    seq = board_sequence(board)
    step = next(i for i, r in enumerate(seq) if r.kind != "honours" and NAME in [x.name for x in r.recipients])
    app = screen_app(with_view(live_message(board), "ceremony", step=step), animate=False,
                     now=lambda: FIXED_NOW, min_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert NAME in app.text()


def test_the_standings_and_awards_commands_print_names_teams_and_reasons_as_typed(tmp_path, board):
    store = Store.create(tmp_path / "c.db", board.rules, list(board.contestants.values()))
    w = Writer(store)
    for ev in contest()[2]:
        if ev.source == "judge":
            assert hasattr(w.judge("judge", ev.actor, ev.kind, ev.data, ev.reason), "id")
        else:
            w.hall(ev.source, {"type": ev.kind, "seq": ev.seq, **ev.data})
    w.flush()
    store.close()
    out = CliRunner().invoke(cli, ["standings", str(tmp_path / "c.db")], catch_exceptions=False).output
    assert NAME in out and CLOSING in out and TEAM in out
    out = CliRunner().invoke(cli, ["awards", str(tmp_path / "c.db")], catch_exceptions=False).output
    assert REASON in out and JUDGE in out and CLOSING in out
