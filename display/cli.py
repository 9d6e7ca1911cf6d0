"""The `scoreboard` command: the core's commands plus the feeder's and the display's."""

from __future__ import annotations

from db.cli import cli


def main() -> None:
    cli()
