"""Every reason code the server, the loader, the core or a console can give has a name in both
languages (scoreboard/codes.py), so a judge never reads a bare code."""

from __future__ import annotations

import ast
import pathlib

from scoreboard.codes import CODE_NAMES, code_label

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAKERS = {"Rejection", "ProtocolError", "CommandError", "FeedError", "result_err", "error", "rejected"}
NOT_CODES = {"accepted", "duplicate", "gap", "rejected"}  # a writer's outcomes, not refusals


def codes_made(paths=None) -> list[tuple[str, str]]:
    """(code, where) of every refusal made in the code (the first string argument of a maker) and of every
    "code": "x", in the sources (or only in `paths`, relative to the checkout)."""
    made = []
    files = [ROOT / p for p in paths] if paths else sorted(ROOT.glob("*/**/*.py"))
    for path in files:
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = lambda node: f"{path.relative_to(ROOT)}:{node.lineno}"  # noqa: E731
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MAKERS:
                    args = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    if args and args[0].value.isidentifier() and args[0].value.islower():
                        made.append((args[0].value, where(node)))
            if isinstance(node, ast.Dict):
                for k, v in zip(node.keys, node.values):
                    if isinstance(k, ast.Constant) and k.value == "code" and isinstance(v, ast.Constant) \
                            and isinstance(v.value, str):
                        made.append((v.value, where(node)))
    return [(c, w) for c, w in made if c not in NOT_CODES]


def codes_in_sources() -> dict[str, str]:
    """Code -> where it is first made."""
    found: dict[str, str] = {}
    for code, where in codes_made():
        found.setdefault(code, where)
    return found


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


HALL_SOURCES = ("feeder/protocol.py", "scoreboard/events.py", "scoreboard/paper.py")
JUDGE_SOURCES = ("scoreboard/judging.py", "scoreboard/changes.py", "scoreboard/stage.py")


def test_every_code_a_hall_can_be_sent_is_in_the_vendors_protocol_document():
    doc = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    codes = {c for c, _w in codes_made(HALL_SOURCES)}
    codes |= {"bad_record", "unprocessable", "seq_conflict", "storage", "internal", "not_reading", "replaced"}  # writer, server
    assert len(codes) > 15
    assert sorted(c for c in codes if f"`{c}`" not in doc and f'"{c}"' not in doc) == []


def test_every_code_a_judges_command_can_be_refused_with_is_in_the_view_protocol_document():
    doc = (ROOT / "docs" / "view-protocol.md").read_text(encoding="utf-8")
    codes = {c for c, _w in codes_made(JUDGE_SOURCES)}
    codes |= {"forbidden", "bad_command", "storage", "internal"}
    assert len(codes) > 10
    assert sorted(c for c in codes if f"`{c}`" not in doc) == []
