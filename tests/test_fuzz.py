"""Generated frames, commands and lines through the real cores (tests/fuzzing.py): whatever arrives,
every seq up to the ack is in the file exactly once, the judges' feed is the file, the file verifies,
and the standings, awards and exports compute. bench/fuzz.py runs the same with a larger budget."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings

from scoreboard.rules import load_preset
from scoreboard.sample import sample_roster
from tests.fuzzing import Run, actions, lines, load_lines

RULES = load_preset("fujian-2024-final")
PEOPLE = sample_roster(RULES, 2024, 3)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])
_n = itertools.count()


@SETTINGS
@given(actions)
def test_any_frames_and_commands_leave_a_file_that_holds_every_acked_record_once_and_verifies(tmp_path, steps):
    run = Run(tmp_path / f"f{next(_n)}.db", RULES, PEOPLE)
    try:
        run.play(steps)
        run.check()
    finally:
        run.close()


@SETTINGS
@given(lines)
def test_any_lines_load_into_a_file_that_verifies_folds_whole_and_exports(tmp_path, texts):
    n = next(_n)
    folder = tmp_path / f"l{n}"
    folder.mkdir()
    load_lines(folder / "c.db", RULES, PEOPLE, texts, folder)
