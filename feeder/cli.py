"""Commands of this part, added to the `scoreboard` group by `register`: `serve`, `tokens new` and `hall-sim`."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import signal
import ssl as ssl_module

import click

from db.cli import UserError, db_argument, fail_cleanly, lang_option
from db.helpformat import add_help
from scoreboard.rules import preset_names

from .clientopts import cafile_option, client_log, client_ssl, require_token, token_options, warn
from .helptext import HELP, LOAD_HELP
from .logwords import TranslatedLog
from .words import refusal, say

add_help(HELP)
add_help(LOAD_HELP, replace=True)  # `load --via` replaces the database's own `load`

LISTEN_WHY = {errno.EADDRINUSE: "port_in_use", errno.EACCES: "port_denied", errno.EADDRNOTAVAIL: "no_address"}


def _ssl_context(cert: str | None, key: str | None, server: bool = True, lang: str = "zh"):
    if not cert and not key:
        return None
    if not (cert and key):
        raise UserError(say("cert_and_key", lang))
    purpose = ssl_module.Purpose.CLIENT_AUTH if server else ssl_module.Purpose.SERVER_AUTH
    ctx = ssl_module.create_default_context(purpose)
    try:
        ctx.load_cert_chain(cert, key)
    except (OSError, ssl_module.SSLError) as exc:
        raise UserError(say("bad_cert", lang, cert=cert, key=key, why=exc)) from None
    return ctx


def is_loopback(host: str) -> bool:
    """True when only this machine can reach `host`: localhost, 127.0.0.0/8, ::1."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name other than localhost may resolve to any interface
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


class ContestClockLog(TranslatedLog):
    """The feeder's log lines stamped on the contest's clock, saying its zone, like every other time shown, and
    in the command's language (feeder/logwords.py)."""

    def __init__(self, db: str, lang: str):
        super().__init__(lang, "%(asctime)s %(levelname)s %(name)s: %(message)s")
        from db.store import Store
        from scoreboard.clock import DEFAULT_ZONE, contest_zone, zone_named

        try:
            store = Store(db)
            try:
                self.zone = contest_zone(store.rules())
            finally:
                store.close()
        except Exception:  # noqa: BLE001 - the feeder says what is wrong with the file when it opens it
            self.zone = zone_named(DEFAULT_ZONE)

    def formatTime(self, record, datefmt=None) -> str:
        from scoreboard.clock import datetime_text, labelled

        return labelled(f"{datetime_text(record.created, self.zone)}.{int(record.msecs):03d}", self.zone, self.lang)


def register(cli: click.Group) -> None:
    """Add `serve`, `tokens` and `hall-sim` to the root group, and `load --via`."""
    from . import load_cli

    load_cli.register(cli)

    @cli.command()
    @db_argument
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on (0.0.0.0: all). Beyond this machine, serve wss:// (--cert, --key).")
    @click.option("--port", type=int, default=8765, show_default=True, help="TCP port (0: any free port).")
    @click.option("--tokens", "tokens_file", required=True, type=click.Path(dir_okay=False),
                  help="TOML file: [hall] source = token, [judge]/[chief]/[display] name = token.")
    @click.option("--cert", type=click.Path(dir_okay=False), help="PEM certificate: serve wss:// instead of ws://.")
    @click.option("--key", type=click.Path(dir_okay=False), help="PEM private key of --cert.")
    @click.option("--commit-ms", type=float, default=5.0, show_default=True,
                  help="Group commit interval in milliseconds (acks are sent after each commit).")
    @click.option("-v", "--verbose", is_flag=True, help="Log every login and connection.")
    @click.option("--allow-unverified", is_flag=True,
                  help="Serve a file that fails 'scoreboard verify' anyway (every judge's console then shows it).")
    @lang_option
    @fail_cleanly
    def serve(db, host, port, tokens_file, cert, key, commit_ms, verbose, allow_unverified, lang):
        """Run the feeder: exam halls, judges' consoles and screens connect to ws://HOST:PORT/feed."""
        from .server import Feeder
        from .tokens import Tokens, TokensError

        if not logging.getLogger().handlers:  # as basicConfig: only where nothing configured logging yet
            handler = logging.StreamHandler()
            handler.setFormatter(ContestClockLog(db, lang))
            logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
        try:
            tokens = Tokens.load(tokens_file)
        except TokensError as exc:
            raise UserError(exc.text(lang)) from None
        ctx = _ssl_context(cert, key, lang=lang)
        if ctx is None and not is_loopback(host):
            warn(say("clear_text", lang, host=host or "*"), lang)
        feeder = Feeder(db, tokens, host=host, port=port, ssl=ctx, commit_interval=commit_ms / 1000, lang=lang,
                        allow_unverified=allow_unverified)

        async def main():
            try:
                bound = await feeder.start()
            except OSError as exc:
                why = say(LISTEN_WHY[exc.errno], lang) if exc.errno in LISTEN_WHY else exc.strerror or exc
                raise UserError(say("cannot_listen", lang, host=host, port=port, why=why)) from None
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, feeder.request_stop)
            scheme = "wss" if ctx else "ws"
            if feeder.integrity and not feeder.integrity["ok"]:
                warn(say("serving_unverified", lang, problem=feeder.integrity["problem"]), lang)
            click.echo(say("serving", lang, db=db, url=f"{scheme}://{host}:{bound}/feed"), err=True)
            await feeder.serve_forever()
            click.echo(say("stopped", lang), err=True)

        asyncio.run(main())

    @cli.group()
    def tokens():
        """The feeder's tokens file: who may connect, in which role."""

    @tokens.command("new")
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.option("--hall", "halls", multiple=True, help="An exam-hall system's source name (repeat for each).")
    @click.option("--judge", "judges", multiple=True, help="A judge's name (repeat for each).")
    @click.option("--chief", "chiefs", multiple=True, help="A chief judge's name: may lock (定榜).")
    @click.option("--display", "displays", multiple=True, help="A big screen's name: read only.")
    @click.option("--force", is_flag=True, help="Replace FILE if it exists (every old token stops working).")
    @lang_option
    @fail_cleanly
    def tokens_new(file, halls, judges, chiefs, displays, force, lang):
        """Write FILE: a strong random token for each name, readable only by you (mode 0600).

        \b
        Example:
          scoreboard tokens new tokens.toml --hall hall-a --hall hall-b --judge 张裁判 --chief 李总 --display screen
        Then: scoreboard serve contest.db --tokens tokens.toml. See docs/protocol.md, section 8.
        """
        from .tokenfile import TokenFileError, check_names, new_tokens, summary, toml_text, write_private

        names = {"hall": list(halls), "judge": list(judges), "chief": list(chiefs), "display": list(displays)}
        try:
            check_names(names, lang)
            by_role = new_tokens(names)
            write_private(file, toml_text(by_role, lang=lang), force, lang)
        except TokenFileError as exc:
            raise UserError(str(exc)) from None
        click.echo("\n".join(summary(file, by_role, lang)))

    @cli.command("hall-sim")
    @click.argument("url")
    @click.option("--source", required=True, help="The hall's source name (as in the tokens file's [hall]).")
    @token_options
    @click.option("--roster", required=True, type=click.Path(exists=True, dir_okay=False),
                  help="The roster file the contest database was created from.")
    @click.option("--preset", type=click.Choice(preset_names()), default="fujian-2024-final", show_default=True,
                  help="The contest's rules preset (its sections and quotas).")
    @click.option("--speed", type=float, default=60.0, show_default=True,
                  help="Time compression: 60 plays the day 60× faster; 0 sends as fast as possible.")
    @click.option("--seed", type=int, default=7, show_default=True, help="Seed of the generated day.")
    @click.option("--bad-rate", type=float, default=0.002, show_default=True,
                  help="Share of bad records mixed in (the feeder quarantines them).")
    @click.option("--drop-every", type=float, help="Pull the cable every this many seconds (rehearse a resume).")
    @cafile_option
    @lang_option
    @fail_cleanly
    def hall_sim(url, source, token, token_file, roster, preset, speed, seed, bad_rate, drop_every, cafile, lang):
        """Play a realistic exam day against a feeder, as an exam-hall system (rehearsal, demo).

        The token: --token-file PATH (its first line) or SCOREBOARD_TOKEN; --token works but shows in ps.
        """
        from db.rosters import load_roster
        from scoreboard.rules import load_preset
        from scoreboard.sample import exam_day

        from .client import FeedError
        from .hallsim import run_hall

        token = require_token(token, token_file, lang)
        rules = load_preset(preset)
        people = load_roster(rules, roster)
        records = exam_day(rules, people, seed=seed, bad_rate=bad_rate)
        ctx = client_ssl(url, cafile, lang)
        client_log(lang)
        seconds = f"{records[-1][0] / max(speed, 1e-9):.0f}"
        click.echo(say("sim_plan", lang, source=source, n=len(records), seconds=seconds) if speed > 0
                   else say("sim_plan_fast", lang, source=source, n=len(records)), err=True)
        try:
            run = asyncio.run(run_hall(url, source, token, records, speed, ssl=ctx, drop_every=drop_every,
                                       progress=lambda line: click.echo(line, err=True), lang=lang))
        except FeedError as exc:
            raise UserError(say("refused_by_feeder", lang, source=source, why=refusal(exc.code, exc.message, lang))) \
                from None
        except TimeoutError:
            raise UserError(say("sim_timeout", lang, url=url)) from None
        click.echo(run.text(lang))
