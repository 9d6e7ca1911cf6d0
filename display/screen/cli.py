"""`scoreboard screen`: the big screen, live from the feeder, from a database file, or
served to a browser (`--web PORT`) for a projector PC that only has a browser."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from datetime import date, datetime, time

import click

from db.cli import UserError, fail_cleanly
from db.helpformat import BilingualCommand, add_help, current_lang
from display.helptext import HELP
from display.words import say as said
from feeder.clientopts import ENV, cafile_option, client_ssl, require_token, token_options
from feeder.words import say
from scoreboard.clock import moment, time_of_day

add_help(HELP)


@dataclass(frozen=True)
class ExamWindow:
    """`--exam-start HH:MM` on the contest's clock, which the screen learns from the feeder's first message:
    so the window is placed on it when shown, not when typed."""

    start: time
    minutes: int
    day: date | None = None  # None: today, on the contest's clock

    def span(self, zone, now: float) -> tuple[float, float]:
        day = self.day or moment(now, zone).date()
        t0 = datetime.combine(day, self.start, tzinfo=zone).timestamp()
        return t0, t0 + 60 * self.minutes


def _exam_window(start: str | None, minutes: int | None, day: str | None, lang: str | None = None) \
        -> ExamWindow | None:
    if not start:
        return None
    clock = time_of_day(start)
    try:
        when = datetime.strptime(day, "%Y-%m-%d").date() if day else None
    except ValueError:
        when = clock = None
    if clock is None:
        lang = lang or current_lang()
        on = said("on_day", lang, day=day) if day else ""
        raise click.BadParameter(said("bad_exam_start", lang, start=start, on=on)) from None
    return ExamWindow(clock, minutes or 120, when)


def is_url(target: str) -> bool:
    return target.startswith(("ws://", "wss://"))


def build_source(target: str, token: str | None, name: str, lang: str, rehearsal: bool, cafile: str | None = None):
    if rehearsal:
        from .demo import RehearsalSource

        return RehearsalSource(target or "fujian-2024-final", lang)
    if is_url(target):
        if not token:
            raise UserError(say("token_missing", lang))
        from .sources import LiveSource

        return LiveSource(target, token, name, ssl=client_ssl(target, cafile, lang))
    if not os.path.exists(target):
        raise click.UsageError(said("no_db_or_url", lang, target=target))
    from .sources import DbSource

    return DbSource(target, lang)


def web_argv(target: str, name: str, lang: str, exam: tuple, rehearsal: bool, cafile: str | None = None) -> list[str]:
    """What the web server runs for each browser: this same screen, without --web."""
    args = [sys.executable, "-m", "display.screen", target, "--name", name, "--lang", lang]
    if cafile:
        args += ["--cafile", os.path.abspath(cafile)]
    start, minutes, date = exam
    if start:
        args += ["--exam-start", start]
    if minutes:
        args += ["--exam-minutes", str(minutes)]
    if date:
        args += ["--exam-date", date]
    if rehearsal:
        args.append("--rehearsal")
    return args


def web_command(*args, **kw) -> str:
    """`web_argv` as one shell line (what the server prints it serves)."""
    return shlex.join(web_argv(*args, **kw))


@click.command("screen", cls=BilingualCommand)
@click.argument("target", required=False, default="")
@token_options
@cafile_option
@click.option("--name", default="", help="The screen's name in the tokens file (not needed: the token says it).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=lambda: os.environ.get("SCOREBOARD_LANG", "zh"),
              show_default="zh", help="Language of the screen's own words (award names come from the feeder).")
@click.option("--web", "web_port", type=int, help="Serve the screen to browsers on this port (textual-serve) "
              "instead of drawing it in this terminal.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="With --web: address to listen on (0.0.0.0: every interface).")
@click.option("--public-url", help="With --web: the URL browsers use, when it is not http://HOST:PORT "
              "(for instance when listening on 0.0.0.0).")
@click.option("--font-size", type=click.IntRange(6, 96), default=None, show_default="26",
              help="With --web: the page's font size in pixels (26 suits a 1080p projector; a browser may "
              "still ask for another with ?fontsize=N in the address).")
@click.option("--exam-start", metavar="HH:MM", help="Exam start on the contest's clock (the rules' zone; Beijing "
              "time by default): the clock counts down to the end.")
@click.option("--exam-minutes", type=int, help="Exam length in minutes (default 120).")
@click.option("--exam-date", metavar="YYYY-MM-DD", help="Exam day (default today, on the contest's clock).")
@click.option("--rehearsal", is_flag=True, help="No hall needed: replay a generated day of the preset named by "
              "TARGET (default fujian-2024-final) through every view, the freeze and the ceremony.")
@fail_cleanly
def screen(target, token, token_file, cafile, name, lang, web_port, host, public_url, font_size, exam_start,
           exam_minutes, exam_date, rehearsal):
    """The big screen for the hall's projector.

    TARGET is the feeder's URL (ws://HOST:PORT/feed, with the screen's token from --token-file
    or SCOREBOARD_TOKEN), or a contest database file, read every second (for a screen on the
    feeder's own machine, or a replay).
    The screen follows the judges: their console chooses the view, freezes it (封榜) and
    steps the award ceremony. Only what the feeder marks public is ever shown.

    \b
    Examples:
      scoreboard screen ws://10.0.0.5:8765/feed --token-file screen.token
      scoreboard screen wss://10.0.0.5:8765/feed --cafile ca.pem --token-file screen.token
      scoreboard screen contest.db
      scoreboard screen contest.db --web 8080 --host 0.0.0.0 --public-url http://10.0.0.7:8080
      scoreboard screen --rehearsal
    """
    exam = _exam_window(exam_start, exam_minutes, exam_date, lang)
    if not target and not rehearsal:
        raise click.UsageError(said("need_target", lang))
    token = require_token(token, token_file, lang) if is_url(target) and not rehearsal else None
    if web_port is not None:
        if not rehearsal:
            build_source(target, token, name, lang, rehearsal, cafile)  # check the arguments before serving
        from .web import FONT_SIZE, serve

        if token:
            os.environ[ENV] = token  # the token reaches the app by environment, not argv
        argv = web_argv(target, name, lang, (exam_start, exam_minutes, exam_date), rehearsal, cafile)
        serve(argv, host, web_port, public_url=public_url, font_size=font_size or FONT_SIZE, lang=lang)
        return
    from .app import make_app

    app = make_app(source=build_source(target, token, name, lang, rehearsal, cafile), lang=lang, exam=exam)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


def register(cli: click.Group) -> None:
    """Add the `screen` command to the root group."""
    cli.add_command(screen)
