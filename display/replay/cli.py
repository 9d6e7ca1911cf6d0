"""Commands of this part, added to the `scoreboard` group by `register`: `replay`."""

from __future__ import annotations

import os

import click

from db.cli import UserError, fail_cleanly, lang_option
from db.helpformat import add_help
from display.helptext import HELP
from display.words import say

add_help(HELP)


def register(cli: click.Group) -> None:
    """Add the `replay` command to the root group."""

    @cli.command()
    @click.argument("db", type=click.Path(dir_okay=False))
    @click.option("--speed", type=float, default=60.0, show_default=True,
                  help="Seconds of the contest day played per second (+/- change it while playing).")
    @click.option("--from", "start", metavar="TIME",
                  help="Open at this moment: HH:MM[:SS] (the contest's clock, as the screens show it, on the day "
                       "of the log), #EVENT (just after that event), an ISO date-time, epoch seconds, start "
                       "(default) or end.")
    @click.option("--top", "top_n", type=int, help="N for 'next change in the top N' and 'when X left the "
                  "top N' (default: the first top-N award's count, 20 in Fujian).")
    @click.option("--screen", "big_screen", is_flag=True,
                  help="Replay the big screen's views (what the hall saw) instead of the judges' console.")
    @click.option("--play", is_flag=True, help="Start playing at once (default: paused; Space plays).")
    @lang_option
    @fail_cleanly
    def replay(db, speed, start, top_n, big_screen, play, lang):
        """Replay a contest day from its database: the judges' console (or, with --screen, the big
        screen) at any moment of the day, the same fold as the live board.

        \b
        Keys: Space play/pause, +/- speed, , and . step one event, < and > one minute,
        G go to a time or #event, N next change in the top N, A next award change,
        X when the highlighted contestant left the top N (and why), click or drag the bar.
        Console modes: 1 ranking, 2 teams, 3 awards, 4 history charts, 5 award changes, 6 audit.
        Example: scoreboard replay yesterday.db --from 10:30 --top 20
        See docs/replay.md.
        """
        if not os.path.exists(db):
            raise UserError(say("no_db", lang, db=db))
        from .player import parse_from, read_day

        day = read_day(db)
        if not day.events:
            raise UserError(say("empty_log", lang, db=db))
        try:
            index = parse_from(start, day)
        except ValueError:
            from scoreboard.clock import contest_zone, zone_label

            forms = say("from_forms", lang, zone=zone_label(contest_zone(day.rules), lang))
            raise UserError(say("bad_from", lang, text=start, why=forms)) from None
        if big_screen:
            from .screenapp import ReplayScreenApp

            app = ReplayScreenApp(day, lang=lang, speed=speed, start=index, top_n=top_n)
        else:
            from .app import make_app

            app = make_app(day=day, lang=lang, speed=speed, start=index, top_n=top_n)
        app.player.playing = play
        app.run()
