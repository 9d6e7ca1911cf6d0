"""The `scoreboard` command: the core's commands plus each part's own.

Each part keeps its commands beside its code and adds them here through its
`register(cli)`; the root group itself lives in `db.cli` (the lowest layer
that has commands), so lower layers never import upward.
"""

from __future__ import annotations

from db import export_cli, judge_cli, progress_cli
from db.cli import cli
from display.console import cli as console_cli
from display.replay import cli as replay_cli
from display.screen import cli as screen_cli
from feeder import cli as feeder_cli

for part in (judge_cli, progress_cli, export_cli, feeder_cli, console_cli, screen_cli, replay_cli):
    part.register(cli)


def main() -> None:
    cli(prog_name="scoreboard")
