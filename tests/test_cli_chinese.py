"""What each command prints, run as an operator runs it: Chinese by default, English with --lang en (or
SCOREBOARD_LANG=en), errors included (错误： / error:)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from display.cli import cli
from scoreboard.rules import preset_text

PRESET = "fujian-2024-final"
ENGLISH_WORDS = re.compile(r"\b(contestants|records|lines read|applied|duplicates|quarantined|error|no such|"
                           r"give|cannot|already|unknown|sheet|rows of|chain|report|teams|missing|is not)\b")


def run(*args, code=0, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env or {"SCOREBOARD_LANG": None},
                                catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def both(*args, code=0) -> tuple[str, str]:
    """The output in Chinese (the default) and in English (--lang en)."""
    return run(*args, code=code), run(*args, "--lang", "en", code=code)


def chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not ENGLISH_WORDS.search(text)


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    where = tmp_path_factory.mktemp("day")
    roster, db, jsonl = where / "r.csv", where / "c.db", where / "d.jsonl"
    zh, en = both("sample-roster", "--preset", PRESET, "--out", roster, "--per-team", "2")
    assert zh == f"{roster}：22 名选手\n" and en == f"{roster}: 22 contestants\n"
    zh = run("init", db, "--preset", PRESET, "--roster", roster)
    assert zh.startswith(f"{db}：2024年度福建省") and zh.endswith("，22 名选手，11 支代表队\n")
    en = run("init", where / "e.db", "--preset", PRESET, "--roster", roster, "--lang", "en")
    assert en.endswith(", 22 contestants in 11 teams\n")
    zh, en = both("sample-day", "--preset", PRESET, "--roster", roster, "--out", jsonl)
    assert re.fullmatch(rf"{jsonl}：\d+ 条记录\n", zh) and re.fullmatch(rf"{jsonl}: \d+ records\n", en)
    return where, db, roster, jsonl


def test_loading_a_day_says_what_it_read_and_wrote(day):
    where, db, _roster, jsonl = day
    zh = run("load", db, jsonl)
    assert re.fullmatch(rf"{jsonl}：读入 (\d+) 行，写入 (\d+) 条，重复 0 条\n", zh)
    en = run("load", db, jsonl, "--lang", "en")
    assert re.fullmatch(rf"{jsonl}: \d+ lines read, 0 applied, \d+ duplicates\n", en)
    bad = where / "bad.jsonl"
    bad.write_text('not json\n{"type": "result", "seq": 9, "contestant": "NOBODY", "item": "choice-01", '
                   '"section": "choice", "score": 1, "max": 1}\n', encoding="utf-8")
    run("init", where / "f.db", "--preset", PRESET, "--roster", day[2])
    zh, en = run("load", where / "e.db", bad), run("load", where / "f.db", bad, "--lang", "en")
    assert "隔离 2 条（不是JSON 1、考号不在名单 1）" in zh and "序号有 1 处跳号：offline 缺 1..8（第 2 行）" in zh
    assert chinese(zh)
    assert "2 quarantined (bad_json 1, unknown_contestant 1)" in en and "1 gap(s) in seq: offline 1..8 missing" in en


def test_the_database_s_refusals_are_chinese_with_the_english_on_request(day):
    where, db, roster, _ = day
    zh, en = both("standings", where / "none.db", code=2)
    assert zh == f"错误：{where / 'none.db'}：没有这个比赛数据库（用 scoreboard init 创建）\n"
    assert en == f"error: {where / 'none.db'}: no such contest database (create it with 'scoreboard init')\n"
    zh, en = both("init", db, "--preset", PRESET, "--roster", roster, code=2)
    assert zh == f"错误：{db}：已存在；比赛数据库从不覆盖\n" and "already exists" in en
    zh, en = both("init", where / "x.db", "--roster", roster, code=2)
    assert zh == "错误：请给出 --preset 或 --rules，只能二选一\n" and en == "error: give exactly one of --preset or --rules\n"
    zh, en = both("init", where / "x.db", "--preset", PRESET, "--roster", roster, "--date", "2024-13-01", code=2)
    assert zh.startswith("错误：--date 2024-13-01：日期请写成 YYYY-MM-DD") and "give the day as" in en
    zh, en = both("presets", "nope", code=2)
    assert zh.startswith("错误：没有名为“nope”的规则预设（现有：fujian-2024-final") and "unknown preset 'nope'" in en
    zh, en = both("explain", db, "NOBODY", code=2)
    assert chinese(zh) and "neither an exam number nor a team" in en
    zh, en = both("standings", db, "--at", "nan", code=2)
    assert zh.startswith("错误：--at “nan”不是一个时刻") and "--at 'nan' is not a moment" in en


def test_the_judges_commands_say_what_they_did_and_why_they_refused(day):
    where, db, _roster, _ = day
    zh, en = both("decide", db, "--award", "expert", "--by", "张裁判", "--why", "加赛", code=2)
    assert zh == "错误：--order、--share、--lots 只能给出其中一个\n"
    assert en == "error: give exactly one of --order, --share or --lots\n"
    zh, en = both("decide", db, "--award", "expert", "--share", "--by", "张裁判", "--why", "加赛", code=2)
    assert zh.startswith("错误：全省“人社知识通”有 0 处待裁定的并列；请用 --tied 指明是哪一处")
    assert en.startswith("error: 0 pending ties for ")
    zh, en = both("correct", db, "FJ0001", "--flag", "xx=是", "--by", "张裁判", "--why", "核实", code=2)
    assert zh.startswith("错误：--flag xx=是：没有这个标记（本场比赛的标记：prior_national（") and "unknown flag" in en
    zh = run("confirm", db, "--by", "张裁判")
    assert re.fullmatch(r"已确认获奖名单 \w+（事件 #\d+）\n", zh)
    asked = run("lock", db, "--by", "李主裁", code=2)
    assert asked.startswith("错误：以下由裁判授予的奖项尚无获奖者：优秀组织奖")
    assert run("lock", db, "--by", "李主裁", "--yes").startswith("已定榜：获奖名单 ")
    zh, en = both("withdraw", db, "FJ0001", "--by", "李主裁", "--why", "弃权", code=2)
    assert zh.startswith("错误：") and zh.endswith("（locked）\n") and chinese(zh)
    assert en.startswith("error: locked: ")
    zh, en = both("verify", db)
    assert zh.startswith("校验通过：") and "链头 " in zh and en.startswith("ok: ") and "chain head" in en


def locked(db) -> None:
    if json.loads(run("awards", db, "--json"))["status"] != "locked":
        run("confirm", db, "--by", "张裁判")
        run("lock", db, "--by", "李主裁", "--yes")


def test_the_exports_say_what_they_wrote(day):
    where, db, _roster, _ = day
    locked(db)
    zh = run("export", db, "--to", where / "a.csv", "--what", "awards")
    assert re.fullmatch(rf"{where / 'a.csv'}：获奖名单，\d+ 行 \[已定榜 北京时间 .+，链头 [0-9a-f]{{16}}\]\n", zh)
    en = run("export", db, "--to", where / "a.csv", "--what", "awards", "--lang", "en")
    assert re.fullmatch(rf"{where / 'a.csv'}: \d+ rows of awards \[.+, chain [0-9a-f]{{16}}\]\n", en)
    zh = run("export", db, "--to", where / "a.xlsx")
    assert zh.startswith(f"{where / 'a.xlsx'}：6 张工作表 [已定榜 ")
    assert run("report", db, "--to", where / "r.html").startswith(f"{where / 'r.html'}：成绩报告 [已定榜 ")
    zh, en = both("export", db, "--to", where / "a.ods", code=2)
    assert zh == f"错误：{where / 'a.ods'}：文件名须以 .xlsx（工作簿）或 .csv（一个名单）结尾\n" and ".xlsx (workbook)" in en
    zh, en = both("report", db, "--to", where / "a.doc", code=2)
    assert zh == f"错误：{where / 'a.doc'}：文件名须以 .html 或 .pdf 结尾\n" and "must end in .html or .pdf" in en


def test_the_display_commands_refuse_in_chinese(day):
    where, db, _roster, _ = day
    none = where / "none.db"
    zh, en = both("judge", none, code=2)
    assert zh == f"错误：{none}：没有这个比赛数据库（或请给出 ws:// 地址）\n" and "no such contest database" in en
    zh, en = both("replay", none, code=2)
    assert zh == f"错误：{none}：没有这个比赛数据库\n" and en == f"error: {none}: no such contest database\n"
    zh, en = both("replay", db, "--from", "25:99", code=2)
    assert zh.startswith("错误：--from “25:99”：请用 HH:MM[:SS]（比赛时钟，北京时间）") and "#事件号" in zh
    assert en.startswith("error: --from '25:99': use HH:MM[:SS] (on the contest's clock, Beijing time)")
    zh, en = both("screen", none, code=2)
    assert zh.startswith("用法：scoreboard screen [选项] [TARGET]") and f"错误：{none}：没有这个比赛数据库" in zh
    assert en.startswith("Usage: scoreboard screen [OPTIONS] [TARGET]") and "Error: " in en
    zh = run("screen", db, "--exam-start", "25:00", code=2)
    assert "错误：取值无效：“25:00”：应为 HH:MM（日期用 --exam-date YYYY-MM-DD）" in zh
    assert "请给出 ws:// 地址或比赛数据库文件（或加 --rehearsal）" in run("screen", code=2)


def test_click_s_own_words_are_chinese_too(day):
    _where, db, _roster, _ = day
    zh = run("decide", db, code=2)
    assert zh.startswith("用法：scoreboard decide [选项] DB\n运行 'scoreboard decide --help' 查看帮助。\n")
    assert "错误：缺少选项 '--award'" in zh
    assert "错误：没有命令 'nosuch'" in run("nosuch", code=2)
    assert "不在可选值" in run("init", "x.db", "--preset", "nope", "--roster", "r.csv", code=2)
    en = run("decide", db, "--lang", "en", code=2)
    assert en.startswith("Usage: scoreboard decide [OPTIONS] DB") and "Error: Missing option '--award'" in en
    assert "Error: No such command 'nosuch'" in run("nosuch", code=2, env={"SCOREBOARD_LANG": "en"})


def test_the_environment_switches_every_command_to_english(day):
    where, db, _roster, _ = day
    out = run("verify", db, env={"SCOREBOARD_LANG": "en"})
    assert out.startswith("ok: ")
    out = run("standings", where / "none.db", code=2, env={"SCOREBOARD_LANG": "en"})
    assert out.startswith("error: ") and "no such contest database" in out
    assert run("verify", db, "--lang", "zh", env={"SCOREBOARD_LANG": "en"}).startswith("校验通过")


def test_json_stays_json_in_either_language(day):
    _where, db, _roster, _ = day
    assert json.loads(run("verify", db, "--json"))["ok"] is True


def test_a_broken_rules_file_is_refused_in_chinese_naming_the_file_and_the_key(day, tmp_path):
    _where, _db, roster, _ = day
    rules = tmp_path / "rules.toml"
    rules.write_text(preset_text(PRESET).replace('id = "choice"\n', 'id = "choice"\nitems = 0\npoints = 1\n', 1),
                     encoding="utf-8")
    zh, en = both("init", tmp_path / "x.db", "--rules", rules, "--roster", roster, code=2)
    assert zh == f"错误：{rules}：sections[0].items：题数应为正整数，而写的是 0\n"
    assert en == f"error: {rules}: sections[0].items: expected a positive whole number, got 0\n"
    assert not (tmp_path / "x.db").exists()
