"""`scoreboard tokens new`: a private tokens file of strong tokens that the feeder loads."""

import os
import re
import stat

import pytest
from click.testing import CliRunner

from db.cli import cli as root
from feeder import cli as feeder_cli
from feeder.strength import weakness
from feeder.tokens import Tokens

if "tokens" not in root.commands:  # display.cli registers it in the real entry point
    feeder_cli.register(root)

NAMES = ["--hall", "hall-a", "--hall", "hall-b", "--judge", "张裁判", "--chief", "李总", "--display", "screen"]


def new(path, *args):
    return CliRunner().invoke(root, ["tokens", "new", str(path), *args])


@pytest.fixture
def open_umask():
    """Everything anyone creates would be world-readable, unless it asks otherwise."""
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_tokens_new_writes_a_private_file_of_strong_tokens_the_feeder_loads(tmp_path, open_umask):
    path = tmp_path / "tokens.toml"
    out = new(path, *NAMES)
    assert out.exit_code == 0, out.output
    assert mode(path) == 0o600
    tokens = Tokens.load(path)
    assert tokens.names("hall") == ["hall-a", "hall-b"] and tokens.names("judge") == ["张裁判"]
    assert tokens.names("chief") == ["李总"] and tokens.names("display") == ["screen"]
    every = [(name, tok) for role in tokens.by_role.values() for name, tok in role.items()]
    assert len({tok for _, tok in every}) == 5
    assert all(weakness(tok, name) is None and len(tok) >= 32 for name, tok in every)
    text = path.read_text(encoding="utf-8")
    assert re.search(r'^"张裁判" = "[A-Za-z0-9_-]{32}"$', text, re.M)
    assert re.search(r'^"hall-a" = "', text, re.M)
    # it says who got a token, in Chinese, and how to hand them out, but never shows a token
    assert "考场 [hall]：hall-a、hall-b" in out.output and "裁判 [judge]：张裁判" in out.output
    assert "裁判长 [chief]：李总" in out.output and "大屏 [display]：screen" in out.output
    assert "只把每个人自己的那一个令牌交给本人" in out.output and "0600" in out.output
    assert not any(tok in out.output for _, tok in every)


def test_tokens_new_speaks_english_when_asked(tmp_path):
    out = new(tmp_path / "t.toml", "--hall", "hall-a", "--lang", "en")
    assert out.exit_code == 0
    assert "exam halls [hall]: hall-a" in out.output and "hand each person only their own token" in out.output


def test_the_file_is_created_private_from_its_first_instant(tmp_path, monkeypatch):
    calls = []
    real_open = os.open

    def spy(path, flags, mode=0o777, *a, **kw):
        calls.append((str(path), flags, mode))
        return real_open(path, flags, mode, *a, **kw)

    monkeypatch.setattr(os, "open", spy)
    assert new(tmp_path / "t.toml", "--hall", "hall-a").exit_code == 0
    path, flags, mode_ = next(c for c in calls if c[0].endswith("t.toml"))
    assert mode_ == 0o600 and flags & os.O_CREAT and flags & os.O_EXCL


def test_an_existing_file_is_kept_unless_forced_and_then_replaced_privately(tmp_path, open_umask):
    path = tmp_path / "tokens.toml"
    path.write_text("# someone's file\n", encoding="utf-8")
    os.chmod(path, 0o644)
    out = new(path, "--hall", "hall-a")
    assert out.exit_code == 2 and "tokens.toml 已存在" in out.output and "--force" in out.output
    assert path.read_text(encoding="utf-8") == "# someone's file\n"
    out = new(path, "--hall", "hall-a", "--force")
    assert out.exit_code == 0, out.output
    assert Tokens.load(path).names("hall") == ["hall-a"] and mode(path) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.toml"]  # no temporary file left


@pytest.mark.parametrize(
    "args, words",
    [
        ([], ["至少给出一个名称"]),
        (["--hall", ""], ["--hall ''", "名称是空的"]),
        (["--judge", "x" * 65], ["--judge", "名称有 65 个字符（最多 64 个）"]),
        (["--judge", "张\n裁判"], ["--judge", "控制字符 U+000A"]),
        (["--display", "screen\x1b[31m"], ["--display", "控制字符 U+001B"]),
        (["--hall", "hall-a", "--judge", "张裁判", "--hall", "hall-a"], ["--hall hall-a 给了两次"]),
    ],
)
def test_bad_names_are_refused_and_no_file_is_written(tmp_path, args, words):
    path = tmp_path / "tokens.toml"
    out = new(path, *args)
    assert out.exit_code == 2 and out.output.startswith("错误：")
    for w in words:
        assert w in out.output
    assert not path.exists()


def test_bad_names_are_refused_in_english_too(tmp_path):
    out = new(tmp_path / "t.toml", "--hall", "hall-a", "--hall", "hall-a", "--lang", "en")
    assert out.exit_code == 2 and "--hall hall-a is given twice" in out.output
    out = new(tmp_path / "t.toml", "--judge", "x" * 65, "--lang", "en")
    assert out.exit_code == 2 and "the name is 65 characters long (at most 64)" in out.output


def test_the_same_name_in_two_roles_gets_two_tokens_and_odd_names_survive_quoting(tmp_path):
    path = tmp_path / "tokens.toml"
    odd = 'hall "east" \\ 1'
    out = new(path, "--judge", "王五", "--chief", "王五", "--hall", odd, "--hall", "[x] = y")
    assert out.exit_code == 0, out.output
    tokens = Tokens.load(path)
    assert tokens.names("hall") == [odd, "[x] = y"]
    assert tokens.by_role["judge"]["王五"] != tokens.by_role["chief"]["王五"]


def test_the_files_header_says_when_on_beijing_time_in_the_commands_language():
    from feeder.tokenfile import toml_text

    at = 1764636000.0  # 2025-12-02 00:40 UTC: 08:40 in Beijing, whatever this machine's zone
    zh, en = toml_text({"hall": {"hall-a": "a" * 32}}, now=at), toml_text({"hall": {"hall-a": "a" * 32}}, now=at,
                                                                           lang="en")
    assert zh.startswith("# scoreboard tokens new，北京时间 2025-12-02 08:40:00：数据服务的令牌文件")
    assert en.startswith("# scoreboard tokens new, 2025-12-02 08:40:00 Beijing time: the feeder's tokens file")
