"""What the replay draws, pinned on fixed data at a fixed size: the timeline bar under the ranking,
and the day's award changes with their chart. Update deliberately with `--snapshot-update` and look
at the SVGs before committing them."""

from __future__ import annotations

from display.replay.app import make_app

from .test_replay_support import day, day_db, paper_day_db, settle  # noqa: F401 - fixtures

SIZE = (140, 40)


def quiet(then=None):
    async def run(pilot):
        app = pilot.app
        await settle(pilot, lambda: app.replica is not None and app.replica.st is not None)
        if then:
            await then(pilot)
        app.clear_notifications()
        app.refresh_view(force=True)
        await pilot.pause()
    return run


def test_the_ranking_at_a_moment_with_the_timeline_bar(day, snap_compare):
    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=quiet())


async def open_changes(pilot):
    await pilot.press("5")
    screen = pilot.app.screen
    panel = screen.query_one("#certain_panel")
    await settle(pilot, lambda: screen.changes is not None and panel.history is not None, rounds=3000)
    # the scans' durations vary: pin them
    screen.query_one("#changes_status").update(screen.m("changes_done", n=len(screen.changes), s=0.0))
    if panel.history.known:
        panel._head(panel._summary(panel.history, 0.0))


def test_the_award_changes_of_the_day_with_their_chart(day, snap_compare):
    """Without a declared paper the panel of when each award became certain says why it is empty."""
    app = make_app(day=day, start=(len(day.events) * 2) // 3, scans=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=quiet(open_changes))


def test_when_each_award_became_certain_beside_the_award_changes(paper_day_db, snap_compare):
    """The day with its paper, at 160x45: the places certain over the day, and the chart's legend in Chinese on
    one line (no wrap)."""
    from display.replay.player import read_day

    day = read_day(paper_day_db)
    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    assert snap_compare(app, terminal_size=(160, 45), run_before=quiet(open_changes))


def test_the_replays_own_help(day, snap_compare):
    async def open_help(pilot):
        await pilot.press("question_mark")
        await settle(pilot, lambda: pilot.app.screen.__class__.__name__ == "HelpScreen")

    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=quiet(open_help))
