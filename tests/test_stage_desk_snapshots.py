"""The scorer's desk, pinned at a fixed size on the west preset: the dialog that asks whether an entry
for a question already scored is a correction, and the desk's own help. Update deliberately with
`--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

from display.console.app import china_tz, make_app
from display.console.fixtures import Clock, wait_until
from display.console.source import MemorySource
from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster

SIZE = (140, 40)


def desk():
    rules = load_preset("regional-2021-west")
    src = MemorySource(rules, sample_roster(rules), role="judge", name="记分员", clock=Clock())
    return make_app(src, clock=Clock(), tz=china_tz(), mode="desk")


def after(*keys, screen):
    async def run(pilot):
        app = pilot.app
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "DeskScreen")
        await pilot.press(*"]]]]", "y", "y", "n")  # 个人必答 第5题: three teams answered
        await wait_until(pilot, lambda: app.replica.board.last_event_id >= 3 and len(app.results) >= 3)
        app.clear_notifications()  # the three notices of what was recorded: before the dialog covers the desk
        await pilot.pause()
        await pilot.press(*keys)
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == screen)
        await pilot.pause()
    return run


def test_entering_a_scored_question_again_asks_whether_it_is_a_correction(snap_compare):
    assert snap_compare(desk(), terminal_size=SIZE, run_before=after("1", "y", screen="CorrectionDialog"))


def test_the_desks_own_help(snap_compare):
    assert snap_compare(desk(), terminal_size=SIZE, run_before=after("question_mark", screen="HelpScreen"))


def test_the_desk_at_80x24_keeps_its_entry_keys_help_and_quit(snap_compare):
    """On a small terminal the footer gives up the rarer keys first: y/n/m/u, ? 帮助 and q 退出 stay."""
    assert snap_compare(desk(), terminal_size=(80, 24), run_before=after(screen="DeskScreen"))
