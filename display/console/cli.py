"""Commands of this part, added to the `scoreboard` group by `register`."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Add this part's commands to the root group (none yet)."""
