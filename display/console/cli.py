"""Commands of this part, added to the `scoreboard` group by `register`:
`judge` (the judges' console, live or offline) and `demo` (a live day in one command)."""

from __future__ import annotations

import importlib.util
import os

import click

from db.cli import UserError, fail_cleanly, lang_option
from db.helpformat import add_help
from display.helptext import HELP
from display.words import say as said
from feeder.clientopts import cafile_option, client_ssl, require_token, token_options
from feeder.words import say

add_help(HELP)

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "dracula", "tokyo-night", "monokai", "solarized-light")


def theme_option(fn):
    return click.option("--theme", type=click.Choice(THEMES), default=None,
                        help="Colour theme (also in the command palette: 'theme').")(fn)


def is_url(target: str) -> bool:
    return target.startswith(("ws://", "wss://"))


def register(cli: click.Group) -> None:
    """Add this part's commands to the root group."""

    @cli.command()
    @click.argument("target")
    @token_options
    @cafile_option
    @click.option("--name", default=lambda: os.environ.get("SCOREBOARD_JUDGE") or None,
                  help="Your name in the tokens file (not needed: your token says who you are).")
    @click.option("--role", type=click.Choice(["judge", "chief"]), default=None,
                  help="judge or chief (not needed: your token says which; chief may also lock, 定榜).")
    @click.option("--poll", type=float, default=1.0, show_default=True,
                  help="Offline: seconds between looks at the database for new events.")
    @lang_option
    @theme_option
    @fail_cleanly
    def judge(target, token, token_file, cafile, name, role, poll, lang, theme):
        """The judges' console: TARGET is the feeder's URL (ws://host:port/feed) or a contest database.

        \b
        Live:    scoreboard judge ws://127.0.0.1:8765/feed --token-file my.token   (the token says who you are)
                 (or the token in SCOREBOARD_TOKEN; for wss://, --cafile trusts the organisers' CA)
        Offline: scoreboard judge contest.db   (read-only; follows a running feeder's file)
        Keys: 1-7 switch modules, Ctrl+P every action, ? help. See docs/console.md.
        """
        from .app import ConsoleApp

        if is_url(target):
            from .live import LiveSource

            source = LiveSource(target, require_token(token, token_file, lang), name, role,
                                ssl=client_ssl(target, cafile, lang))
        else:
            for option, value in (("--token", token), ("--token-file", token_file), ("--cafile", cafile)):
                if value is not None:
                    raise UserError(say("token_offline", lang, option=option))
            if not os.path.exists(target):
                raise UserError(said("no_db_or_url", lang, target=target))
            from .source import OfflineSource

            source = OfflineSource(target, poll=poll, lang=lang)
        app = ConsoleApp(source, lang=lang, theme=theme)
        app.run()
        if app.refused:  # the feeder refused the token: said once the terminal is back, and exit non-zero
            raise UserError(app.refused)

    @cli.command()
    @click.option("--speed", type=float, default=90.0, show_default=True,
                  help="How much faster than real time the exam day runs (90: about three minutes).")
    @click.option("--seed", type=int, default=7, show_default=True, help="Seed of the generated day.")
    @click.option("--keep", is_flag=True, help="Keep the temporary contest directory (its path is printed).")
    @click.option("--screen", "open_screen", is_flag=True, help="Open the big screen instead of the console.")
    @click.option("--replay", "open_replay", is_flag=True, help="Open a replay of a finished day instead.")
    @click.option("--stage", is_flag=True, help="The on-stage team contest instead (regional-2021-west): "
                  "a scorer's entries played in, the console open on the scorer's desk (docs/stage.md).")
    @lang_option
    @theme_option
    @fail_cleanly
    def demo(speed, seed, keep, open_screen, open_replay, stage, lang, theme):
        """A live competition day in one command (what `make demo` runs).

        A temporary contest (the Fujian preset, 260 generated contestants), the feeder on a
        free port in this process, two simulated exam halls at rehearsal speed, and the
        judges' console as chief judge, so every action is open to you. Q quits; the
        temporary contest is removed unless --keep.
        """
        for flag, part in ((open_screen, "screen"), (open_replay, "replay")):
            if flag and not part_available(part):
                raise UserError(said("part_missing", lang, part=said(f"part_{part}", lang), module=part))
        from .demo import run_demo

        run_demo(speed=speed, seed=seed, keep=keep, lang=lang, theme=theme,
                 view="screen" if open_screen else "replay" if open_replay else "console",
                 echo=click.echo, stage=stage)


def part_available(part: str) -> bool:
    return importlib.util.find_spec(f"display.{part}.app") is not None
