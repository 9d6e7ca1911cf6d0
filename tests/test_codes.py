"""Every reason code the server, the loader, the core or a console can give has a name in both
languages (scoreboard/codes.py), so a judge never reads a bare code."""

from __future__ import annotations

import ast
import pathlib

from scoreboard.codes import CODE_NAMES, code_label

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAKERS = {"Rejection", "ProtocolError", "CommandError", "FeedError", "result_err", "error", "rejected"}
NOT_CODES = {"accepted", "duplicate", "gap", "rejected"}  # a writer's outcomes, not refusals


def codes_in_sources() -> dict[str, str]:
    """Code -> where: the first string argument of every refusal made in the code, and every "code": "x"."""
    found = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MAKERS:
                    args = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if args and args[0].value.isidentifier() and args[0].value.islower():
                        found.setdefault(args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if isinstance(k, ast.Constant) and k.value == "code" and isinstance(v, ast.Constant) \
                            and isinstance(v.value, str):
                        found.setdefault(v.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return {c: w for c, w in found.items() if c not in NOT_CODES}


def test_every_code_the_sources_give_has_a_chinese_and_an_english_name():
    found = codes_in_sources()
    assert len(found) > 30  # the walk finds them (a test that finds nothing proves nothing)
    missing = {c: w for c, w in found.items() if c not in CODE_NAMES}
    assert missing == {}


def test_each_name_is_chinese_in_chinese_and_an_unknown_code_is_shown_as_it_is():
    for code, (zh, en) in CODE_NAMES.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), code
        assert en and not any("\u4e00" <= ch <= "\u9fff" for ch in en), code
    assert code_label("unknown_contestant") == "考号不在名单" and code_label("unknown_contestant", "en") == \
        "unknown contestant"
    assert code_label("from_a_newer_server") == "from_a_newer_server"
