"""`scoreboard load`, offline or through a running feeder (`--via`).

The core's `load DB FILE` writes the file itself and so needs the database free; on the day, a feeder
holds it. `load --via URL FILE --source HALL --token-file HALL.token` sends the file through the feeder
as that hall instead (feeder/loadvia.py), resuming from what the feeder already has. This command
replaces the core's `load` in the root group and hands the offline form to it unchanged.
"""

from __future__ import annotations

import asyncio

import click

from db.cli import UserError, fail_cleanly, lang_option
from db.helpformat import BilingualCommand

from .clientopts import cafile_option, client_log, client_ssl, require_token, token_options
from .words import refusal, say


def register(cli: click.Group) -> None:
    offline = cli.commands["load"]

    @click.command("load", cls=BilingualCommand)
    @click.argument("args", nargs=-1, required=True, metavar="DB FILE | --via URL FILE")
    @click.option("--via", help="The running feeder's URL (ws://HOST:PORT/feed): send the file through it as the "
                                "hall --source, with the hall's token, resuming from what the feeder already has.")
    @click.option("--source", help="The hall's source name (default: the file's hello line; offline: 'offline').")
    @token_options
    @cafile_option
    @lang_option
    @click.pass_context
    @fail_cleanly
    def load(ctx, args, via, source, token, token_file, cafile, lang):
        """Load a JSON Lines file of hall records: the offline path when the network fails.

        \b
        No feeder running:  scoreboard load contest.db hall-a.jsonl
        A feeder running:   scoreboard load --via ws://127.0.0.1:8765/feed hall-a.jsonl --source hall-a \\
                                --token-file hall-a.token
        """
        if via is None:
            if len(args) != 2:
                raise UserError(say("via_args", lang))
            for option, value in (("--token", token), ("--token-file", token_file), ("--cafile", cafile)):
                if value is not None:
                    raise UserError(say("via_offline_option", lang, option=option))
            return ctx.invoke(offline, db=args[0], file=args[1], source=source or "offline", lang=lang)
        if len(args) != 1:
            raise UserError(say("via_only_file", lang))
        from .client import FeedError
        from .loadvia import NoHall, load_via

        secret = require_token(token, token_file, lang)
        client_log(lang)
        try:
            summary = asyncio.run(load_via(via, source, secret, args[0], ssl=client_ssl(via, cafile, lang)))
        except FeedError as exc:
            raise UserError(say("via_refused", lang, url=via, why=refusal(exc.code, exc.message, lang))) from None
        except NoHall:
            raise UserError(say("via_no_hall", lang)) from None
        except (OSError, ValueError) as exc:
            raise UserError(say("via_unreadable", lang, file=args[0], why=getattr(exc, "strerror", None) or exc)) \
                from None
        except TimeoutError:
            raise UserError(say("via_timeout", lang, url=via)) from None
        click.echo(summary.text(lang))
        for line in summary.not_sent_lines(lang)[:20]:
            click.echo(say("not_sent", lang, line=line), err=True)
        for seq, (code, message) in sorted(summary.rejected.items())[:20]:
            click.echo(say("via_quarantined", lang, seq=seq, why=refusal(code, message, lang)), err=True)

    cli.add_command(load, "load")
