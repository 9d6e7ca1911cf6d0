"""Tokens off the command line: --token-file, SCOREBOARD_TOKEN, and --token with a warning, one way
at a time; the same for hall-sim, judge and screen."""

import os
import signal
import subprocess

import pytest
from click.testing import CliRunner

from db.cli import UserError
from db.cli import cli as root
from db.rosters import write_roster_csv
from db.store import Store
from feeder.clientopts import ENV, require_token, resolve_token
from tests.feeder_support import DISPLAY, HALL_TOKENS, JUDGE, SCOREBOARD, TOKENS_TOML, contest, free_port, make_db

TOKEN = HALL_TOKENS["hall-a"]
VISIBLE_ZH = "--token 写在命令行上，本机其他用户用 ps 就能看到"
VISIBLE_EN = "--token on the command line is visible to other users of this machine (ps)"


def token_file(tmp_path, text: str = TOKEN + "\n", mode: int = 0o600, name: str = "my.token"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    return str(path)


def test_a_token_on_the_command_line_works_but_warns_that_ps_shows_it(capsys):
    assert resolve_token(TOKEN, None, "zh", env={}) == TOKEN
    err = capsys.readouterr().err
    assert err.startswith("警告：") and VISIBLE_ZH in err and "--token-file" in err and ENV in err
    assert resolve_token(TOKEN, None, "en", env={}) == TOKEN
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and VISIBLE_EN in err


def test_a_token_file_gives_its_first_line_stripped_and_says_nothing_when_private(tmp_path, capsys):
    path = token_file(tmp_path, f"\ufeff  {TOKEN}  \r\nsomething else\n")
    assert resolve_token(None, path, "zh", env={}) == TOKEN
    assert capsys.readouterr().err == ""


def test_a_token_file_others_can_read_is_used_with_a_warning(tmp_path, capsys):
    path = token_file(tmp_path, mode=0o644)
    assert resolve_token(None, path, "zh", env={}) == TOKEN
    err = capsys.readouterr().err
    assert err.startswith("警告：") and f"{path} 其他用户也能读（权限 0644）" in err and f"chmod 600 {path}" in err
    path = token_file(tmp_path, mode=0o640, name="group.token")
    assert resolve_token(None, path, "en", env={}) == TOKEN
    assert "is readable by other users (mode 0640)" in capsys.readouterr().err


@pytest.mark.parametrize("text, words", [(None, "无法读取令牌文件"), ("", "第一行是空的"), ("  \nsecond\n", "第一行是空的")])
def test_a_missing_or_empty_token_file_is_an_error_naming_it(tmp_path, text, words):
    path = str(tmp_path / "my.token") if text is None else token_file(tmp_path, text)
    with pytest.raises(UserError) as exc:
        resolve_token(None, path, "zh", env={})
    assert words in str(exc.value) and path in str(exc.value)


def test_the_environment_gives_the_token_silently(capsys):
    assert resolve_token(None, None, "zh", env={ENV: f" {TOKEN}\n"}) == TOKEN
    assert capsys.readouterr().err == ""
    assert resolve_token(None, None, "zh", env={ENV: ""}) is None


@pytest.mark.parametrize("token, use_file, env, first, second", [
    (TOKEN, True, {}, "--token", "--token-file"),
    (TOKEN, False, {ENV: TOKEN}, "--token", ENV),
    (None, True, {ENV: TOKEN}, "--token-file", ENV),
    (TOKEN, True, {ENV: TOKEN}, "--token", "--token-file"),
])
def test_two_ways_at_once_are_an_error_naming_both(tmp_path, token, use_file, env, first, second):
    path = token_file(tmp_path) if use_file else None
    with pytest.raises(UserError) as exc:
        resolve_token(token, path, "en", env=env)
    assert f"give the token one way only: both {first} and {second} are given" == str(exc.value)
    with pytest.raises(UserError, match=f"同时给了 {first} 和 {second}"):
        resolve_token(token, path, "zh", env=env)


def test_no_token_at_all_is_an_error_saying_where_to_put_it(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    assert resolve_token(None, None, "zh") is None
    with pytest.raises(UserError, match="需要令牌：--token-file 文件 或环境变量 SCOREBOARD_TOKEN"):
        require_token(None, None, "zh")


# --- the commands -------------------------------------------------------------------------------

def invoke(args, env=None):
    import display.cli  # noqa: F401 - registers every part's commands on the root group

    return CliRunner().invoke(root, args, env={ENV: None, **(env or {})})


@pytest.fixture
def judge_sources(monkeypatch):
    """The console's source for each `judge` run, instead of running the app."""
    from display.console.app import ConsoleApp

    seen = []
    monkeypatch.setattr(ConsoleApp, "run", lambda self, *a, **kw: seen.append(self.source))
    return seen


@pytest.fixture
def screen_sources(monkeypatch):
    import display.screen.app

    seen = []

    class Stub:
        return_code = 0

        def run(self):
            pass

    def make_app(source=None, **_kw):
        seen.append(source)
        return Stub()

    monkeypatch.setattr(display.screen.app, "make_app", make_app)
    return seen


def test_judge_takes_its_token_each_way(tmp_path, judge_sources):
    url, name, token = "ws://127.0.0.1:9/feed", JUDGE[0], JUDGE[1]
    path = token_file(tmp_path, token + "\n")
    out = invoke(["judge", url, "--name", name, "--token-file", path])
    assert out.exit_code == 0, out.output
    assert out.stderr == ""
    out = invoke(["judge", url, "--name", name], env={ENV: token})
    assert out.exit_code == 0 and out.stderr == ""
    out = invoke(["judge", url, "--name", name, "--token", token])
    assert out.exit_code == 0 and VISIBLE_ZH in out.stderr
    assert [(s.url, s.token, s.name) for s in judge_sources] == [(url, token, name)] * 3
    out = invoke(["judge", url, "--name", name, "--token-file", path, "--lang", "en"], env={ENV: token})
    assert out.exit_code == 2 and "error: give the token one way only: both --token-file and SCOREBOARD_TOKEN" \
        in out.output
    out = invoke(["judge", url, "--name", name])
    assert out.exit_code == 2 and "错误：需要令牌" in out.output
    out = invoke(["judge", str(make_db(tmp_path)), "--token-file", path, "--lang", "en"])
    assert out.exit_code == 2 and "--token-file is for a live feeder URL" in out.output
    assert len(judge_sources) == 3


def test_screen_takes_its_token_each_way(tmp_path, screen_sources):
    url, name, token = "ws://127.0.0.1:9/feed", DISPLAY[0], DISPLAY[1]
    path = token_file(tmp_path, token + "\n")
    assert invoke(["screen", url, "--name", name, "--token-file", path]).stderr == ""
    assert invoke(["screen", url, "--name", name], env={ENV: token}).stderr == ""
    out = invoke(["screen", url, "--name", name, "--token", token, "--lang", "en"])
    assert out.exit_code == 0 and VISIBLE_EN in out.stderr
    assert [(s.url, s.token, s.name) for s in screen_sources] == [(url, token, name)] * 3
    out = invoke(["screen", url, "--name", name, "--token", token, "--token-file", path])
    assert out.exit_code == 2 and "错误：令牌只能用一种方式给出，现在同时给了 --token 和 --token-file" in out.output
    out = invoke(["screen", url, "--name", name])
    assert out.exit_code == 2 and "错误：需要令牌" in out.output
    assert len(screen_sources) == 3


def test_hall_sim_takes_its_token_each_way_against_a_real_feeder(tmp_path):
    db = make_db(tmp_path, per_team=1)
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(TOKENS_TOML, encoding="utf-8")
    roster = tmp_path / "roster.csv"
    write_roster_csv(*contest(db), roster)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != ENV}
    server = subprocess.Popen([SCOREBOARD, "serve", str(db), "--port", str(port), "--tokens", str(tokens)],
                              stderr=subprocess.PIPE, text=True, env=env)

    def sim(*args, extra=None):
        return subprocess.run([SCOREBOARD, "hall-sim", f"ws://127.0.0.1:{port}/feed", "--roster", str(roster),
                               "--speed", "0", *args], env={**env, **(extra or {})},
                              capture_output=True, text=True, timeout=60)

    try:
        assert "数据服务已启动" in server.stderr.readline()
        by_file = sim("--source", "hall-a", "--token-file", token_file(tmp_path, HALL_TOKENS["hall-a"]))
        assert by_file.returncode == 0 and "确认至" in by_file.stdout and "警告" not in by_file.stderr
        by_env = sim("--source", "hall-b", "--lang", "en", extra={ENV: HALL_TOKENS["hall-b"]})
        assert by_env.returncode == 0 and "acked up to" in by_env.stdout and "warning" not in by_env.stderr
        by_argv = sim("--source", "hall-c", "--token", HALL_TOKENS["hall-c"])
        assert by_argv.returncode == 0 and "确认至" in by_argv.stdout
        assert by_argv.stderr.startswith("警告：") and VISIBLE_ZH in by_argv.stderr
        both = sim("--source", "hall-a", "--token", TOKEN, extra={ENV: TOKEN})
        assert both.returncode == 2 and "错误：令牌只能用一种方式给出，现在同时给了 --token 和 SCOREBOARD_TOKEN" in both.stderr
        none = sim("--source", "hall-a", "--lang", "en")
        assert none.returncode == 2 and "error: a token is needed: --token-file FILE or SCOREBOARD_TOKEN" in none.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    acked = Store(db).acked()
    assert all(acked[h] > 0 for h in ("hall-a", "hall-b", "hall-c"))
