"""The layers never import upward: display → feeder → db → scoreboard."""

import json
import subprocess
import sys

import pytest

FORBIDDEN = {
    "scoreboard": {"textual", "websockets", "sqlite3", "sqlite_utils", "msgpack", "asyncio", "db", "feeder",
                   "display", "rich", "click", "openpyxl"},
    "db": {"textual", "websockets", "msgpack", "feeder", "display"},
    "feeder": {"textual", "display"},
}
MODULES = {
    "scoreboard": ["scoreboard.rules", "scoreboard.roster", "scoreboard.events", "scoreboard.board",
                   "scoreboard.standings", "scoreboard.awards", "scoreboard.judging", "scoreboard.explain",
                   "scoreboard.serialize", "scoreboard.sample", "scoreboard.i18n"],
    "db": ["db.store", "db.writer", "db.rosters", "db.loading", "db.cli", "db.export_cli"],
    "feeder": ["feeder.cli"],
}


@pytest.mark.parametrize("layer", sorted(MODULES))
def test_a_layer_imports_nothing_above_it(layer):
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"import {layer}\n"
        f"for m in pkgutil.walk_packages({layer}.__path__, '{layer}.'):\n"
        "    importlib.import_module(m.name)\n"
        f"for m in {MODULES[layer]!r}:\n"
        "    importlib.import_module(m)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert loaded & FORBIDDEN[layer] == set()


@pytest.mark.parametrize("module", ["scoreboard.judging", "scoreboard.control", "scoreboard.standings",
                                    "scoreboard.awards"])
def test_what_the_fold_uses_never_imports_the_fold_back(module):
    """board.py imports judging.py (and the others) at the top; none of them may need board.py in turn, or
    the two would import each other in a circle (the board used to import judging inside a method for that)."""
    code = f"import sys, {module}\nprint('scoreboard.board' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
