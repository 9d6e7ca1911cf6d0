"""`python -m display.screen ...`: the screen command alone (what `--web` runs per browser)."""

from display.screen.cli import screen

screen(prog_name="scoreboard screen")
