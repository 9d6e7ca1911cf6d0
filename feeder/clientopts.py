"""What every command that connects to the feeder shares: how it gets its token, and which
CA it trusts for wss://. Used by `hall-sim`, `judge` and `screen`.

A token comes one way only: `--token-file PATH` (its first line), the environment variable
`SCOREBOARD_TOKEN`, or `--token T`. The last still works but warns: a command line is
visible to every user of the machine (`ps`). A token file readable by others is used, with a
warning (a USB stick's FAT file system shows every file as readable, and chmod cannot help).
"""

from __future__ import annotations

import logging
import os
import ssl as ssl_module
import stat

import click

from db.cli import UserError

from .logwords import TranslatedLog
from .words import say

ENV = "SCOREBOARD_TOKEN"


def token_options(fn):
    """`--token-file` and `--token` (SCOREBOARD_TOKEN is read by `resolve_token`, so that two ways
    given at once can be named)."""
    fn = click.option("--token-file", type=click.Path(dir_okay=False),
                      help=f"A file whose first line is your token (or set {ENV}). Keep it private: chmod 600.")(fn)
    return click.option("--token", help=f"Your token. Visible to other users (ps): prefer --token-file or {ENV}.")(fn)


def cafile_option(fn):
    return click.option("--cafile", type=click.Path(exists=True, dir_okay=False),
                        help="PEM file of the CA to trust for a wss:// URL (the organisers' own CA; "
                             "see docs/protocol.md, section 9).")(fn)


class _Echo(logging.Handler):
    """Log lines to the terminal's stderr as it is when they come (click.echo finds it then)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def client_log(lang: str) -> None:
    """What the client library logs (a server's error frame) said in the command's language, once."""
    log = logging.getLogger("feeder.client")
    handler = next((h for h in log.handlers if isinstance(h, _Echo)), None) or _Echo()
    handler.setFormatter(TranslatedLog(lang))
    if handler not in log.handlers:
        log.addHandler(handler)


def warn(message: str, lang: str = "zh") -> None:
    click.echo(say("warning", lang, message=message), err=True)


def resolve_token(token: str | None, token_file: str | None, lang: str, env=None) -> str | None:
    """The token given by exactly one of the three ways (None: none given). Warns about --token on
    the command line and about a token file others can read; UserError for two ways at once or an
    unusable file."""
    env = os.environ if env is None else env
    given = [way for way, value in (("--token", token), ("--token-file", token_file), (ENV, env.get(ENV) or None))
             if value is not None]
    if len(given) > 1:
        raise UserError(say("token_twice", lang, first=given[0], second=given[1]))
    if token is not None:
        warn(say("token_visible", lang), lang)
        if not token.strip():
            raise UserError(say("token_missing", lang))
        return token.strip()
    if token_file is not None:
        return read_token_file(token_file, lang)
    return env[ENV].strip() if given else None


def require_token(token: str | None, token_file: str | None, lang: str) -> str:
    found = resolve_token(token, token_file, lang)
    if not found:
        raise UserError(say("token_missing", lang))
    return found


def read_token_file(path: str, lang: str) -> str:
    """The first line of `path`, stripped (a byte-order mark too)."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            mode = stat.S_IMODE(os.fstat(f.fileno()).st_mode)
            first = f.readline(4096).strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(say("token_file_unreadable", lang, path=path, why=getattr(exc, "strerror", None) or exc)) \
            from None
    if not first:
        raise UserError(say("token_file_empty", lang, path=path))
    if os.name == "posix" and mode & 0o044:
        warn(say("token_file_open", lang, path=path, mode=f"{mode:04o}"), lang)
    return first


def client_ssl(url: str, cafile: str | None, lang: str = "zh"):
    """The TLS context for a wss:// URL: the system's CAs, or only `cafile` when given. None for ws://."""
    if not url.startswith("wss://"):
        return None
    try:
        return ssl_module.create_default_context(cafile=cafile)
    except (OSError, ssl_module.SSLError) as exc:
        raise UserError(say("bad_cafile", lang, cafile=cafile, why=exc)) from None
