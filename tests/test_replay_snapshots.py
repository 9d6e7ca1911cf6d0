"""What the replay draws, pinned on fixed data at a fixed size: the timeline bar under the ranking,
and the day's award changes with their chart. Update deliberately with `--snapshot-update` and look
at the SVGs before committing them."""

from __future__ import annotations

from display.replay.app import make_app

from .test_replay_support import day, day_db, settle  # noqa: F401 - fixtures

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


def test_the_award_changes_of_the_day_with_their_chart(day, snap_compare):
    async def open_changes(pilot):
        await pilot.press("5")
        await settle(pilot, lambda: getattr(pilot.app.screen, "changes", None) is not None)
        screen = pilot.app.screen  # the scan's duration varies: pin it
        screen.query_one("#changes_status").update(screen.m("changes_done", n=len(screen.changes), s=0.0))

    app = make_app(day=day, start=(len(day.events) * 2) // 3, scans=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=quiet(open_changes))


def test_the_replays_own_help(day, snap_compare):
    async def open_help(pilot):
        await pilot.press("question_mark")
        await settle(pilot, lambda: pilot.app.screen.__class__.__name__ == "HelpScreen")

    app = make_app(day=day, start=len(day.events) // 2, scans=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=quiet(open_help))
