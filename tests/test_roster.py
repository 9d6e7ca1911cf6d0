"""Roster checks against the rules: every problem names file, row and column; nothing is imported."""

import pytest

from scoreboard.roster import RosterError, check_roster
from scoreboard.rules import load_preset

FUJIAN = load_preset("fujian-2024-final")
# the Fujian plan's two exclusions, as its roster columns name them, and a column the rules do not use
HEAD = ["准考证号", "姓名", "代表队", "单位", *(f.column for f in FUJIAN.flags), "备注"]


def rows(*values):
    return [(i + 2, dict(zip(HEAD, v))) for i, v in enumerate(values)]


def check(rules, *values, headers=HEAD):
    return check_roster(rules, "roster.csv", headers, rows(*values))


def problems(rules, *values, headers=HEAD):
    with pytest.raises(RosterError) as err:
        check(rules, *values, headers=headers)
    return [str(p) for p in err.value.problems]


def test_chinese_headers_and_flag_words_are_understood(fujian, shaanxi):
    people = check(fujian, ("FJ1", "张三", "福州", "福州市社保中心", "否", "", "来自模板"))
    assert people[0].exam_no == "FJ1" and people[0].group == "福州" and people[0].flags == frozenset()
    head = ["准考证号", "姓名", "代表队", "单位", *(f.column for f in shaanxi.flags)]
    assert head[-1] == "获得2020年陕西“人社知识通”"  # each contest words its own columns
    rows_ = [(2, dict(zip(head, ["SX1", "王五", "西安", "西安市就业局", "否", "", "是"])))]
    assert check_roster(shaanxi, "r.csv", head, rows_)[0].flags == {"prior_expert"}


def test_a_flag_column_of_another_contest_is_named_not_silently_ignored(fujian):
    """An old template's generic column (往届人社知识通) is not one of Fujian's flags: a problem, never a drop."""
    head = ["准考证号", "姓名", "代表队", "单位", "往届全国参赛"]
    with pytest.raises(RosterError) as err:
        check_roster(fujian, "r.csv", head, [(2, dict(zip(head, ["FJ1", "张三", "福州", "u", "是"])))])
    msg = str(err.value.problems[0])
    assert "column 往届全国参赛" in msg and "not one of this contest's flag columns" in msg
    assert FUJIAN.flags[0].column in msg


def test_english_headers_work_too(fujian):
    head = ["exam_no", "name", "team", "unit", "group"]
    people = check_roster(fujian, "r.csv", head, [(2, dict(zip(head, ["A1", "Li", "省直", "省就业局", ""])))])
    assert people[0].group == "省厅窗口单位"


def test_a_duplicate_exam_number_names_both_rows(fujian):
    msgs = problems(fujian, ("FJ1", "张三", "福州", "u", "", "", ""), ("FJ1", "李四", "福州", "u", "", "", ""))
    assert msgs == ["roster.csv, row 3, column 准考证号: exam number FJ1 is already used on row 2"]


def test_a_missing_field_is_named(fujian):
    assert problems(fujian, ("FJ1", "", "福州", "u", "", "", "")) == ["roster.csv, row 2, column 姓名: '姓名' is empty"]


def test_a_missing_column_is_named(fujian):
    msgs = problems(fujian, ("FJ1", "张三", "福州"), headers=HEAD[:3])
    assert msgs == ["roster.csv, row 1, column 单位: missing column 'unit' (单位)"]


def test_an_unknown_team_is_an_error(fujian):
    assert "team '台北' is not in the rules' team list" in problems(fujian, ("FJ1", "张三", "台北", "u", "", "", ""))[0]


def test_a_unit_outside_the_quota_table_is_an_error(fujian):
    assert "unit '省财政厅'" in problems(fujian, ("FJ1", "张三", "省直", "省财政厅", "", "", ""))[0]


def test_a_unit_over_its_quota_is_an_error(fujian):
    people = [(f"FJ{i}", "张三", "省直", "省劳鉴中心", "", "", "") for i in range(2)]
    assert problems(fujian, *people) == [
        "roster.csv, row 3, column 单位: unit '省劳鉴中心' has 2 contestants, over its quota of 1"]


def test_a_team_over_its_quota_is_an_error(fujian):
    people = [(f"FJ{i}", "张三", "福州", "福州市社保中心", "", "", "") for i in range(26)]
    assert "over its quota of 25" in problems(fujian, *people)[0]


def test_an_ineligible_contestant_is_an_error_never_a_silent_drop(fujian):
    msgs = problems(fujian, ("FJ1", "张三", "福州", "u", "是", "", ""), ("FJ2", "李四", "福州", "u", "", "yes", ""))
    assert len(msgs) == 2
    assert "FJ1 张三 is not eligible: 参加过各年度全国练兵比武省际邀请赛、区域赛、全国赛" in msgs[0]
    assert f"column {FUJIAN.flags[0].column}" in msgs[0]
    assert "获得过全国“人社知识通”称号" in msgs[1]


def test_a_flag_that_is_not_yes_or_no_is_an_error(fujian):
    assert "'maybe' is not a yes/no value" in problems(fujian, ("FJ1", "张三", "福州", "u", "maybe", "", ""))[0]


def test_all_problems_are_reported_together(fujian):
    msgs = problems(fujian, ("FJ1", "", "福州", "u", "", "", ""), ("FJ2", "李四", "台北", "u", "", "", ""))
    assert len(msgs) == 2


def test_an_empty_roster_is_an_error(fujian):
    assert problems(fujian) == ["roster.csv: the roster has no contestants"]


def test_an_over_long_name_is_refused_naming_row_and_column_without_echoing_it(fujian):
    msgs = problems(fujian, ("FJ1", "张三", "福州", "u", "", "", ""), ("FJ2", "长" * 5000, "福州", "u", "", "", ""))
    assert msgs == ["roster.csv, row 3, column 姓名: '姓名' is 5000 characters long (at most 64)"]


def test_each_text_field_is_held_to_its_bound(fujian):
    assert check(fujian, ("F" * 64, "名" * 64, "福州", "单" * 128, "", "", ""))  # at the bounds: fine
    msgs = problems(fujian, ("F" * 65, "张三", "福州", "u", "", "", ""), ("FJ2", "名" * 65, "福州", "u", "", "", ""),
                    ("FJ3", "张三", "福州", "单" * 129, "", "", ""))
    assert msgs == ["roster.csv, row 2, column 准考证号: '准考证号' is 65 characters long (at most 64)",
                    "roster.csv, row 3, column 姓名: '姓名' is 65 characters long (at most 64)",
                    "roster.csv, row 4, column 单位: '单位' is 129 characters long (at most 128)"]


def test_a_control_character_inside_a_field_is_refused(fujian):
    msgs = problems(fujian, ("FJ1", "张\x1b[31m三", "福州", "u", "", "", ""), ("FJ2", "李四", "福州", "福州\n社保", "", "", ""))
    assert msgs == ["roster.csv, row 2, column 姓名: '姓名' holds the control character U+001B",
                    "roster.csv, row 3, column 单位: '单位' holds the control character U+000A"]


def test_an_over_long_team_is_refused_by_its_bound_not_echoed_as_unknown(fujian):
    msgs = problems(fujian, ("FJ1", "张三", "队" * 500, "u", "", "", ""))
    assert msgs == ["roster.csv, row 2, column 代表队: '代表队' is 500 characters long (at most 128)"]


def test_names_with_a_middle_dot_or_spaces_stay_valid(fujian):
    people = check(fujian, ("FJ1", "阿卜杜热合曼·阿卜杜克热木", "福州", "福州市 社保中心", "", "", ""),
                   ("FJ2", "Li Ming", "福州", "u", "", "", ""), ("FJ3", "  王五\t", "福州", "u", "", "", ""))
    assert [p.name for p in people] == ["阿卜杜热合曼·阿卜杜克热木", "Li Ming", "王五"]  # the edges are trimmed
    assert people[0].unit == "福州市 社保中心"


def test_a_problem_names_the_column_as_the_file_heads_it_and_says_it_in_chinese(fujian):
    head = ["exam_no", "姓名", "代表队", "单位"]  # a file mixing English and Chinese headers
    with pytest.raises(RosterError) as err:
        check_roster(fujian, "r.csv", head, [(2, dict(zip(head, ["FJ1", "", "福州", "u"])))])
    p = err.value.problems[0]
    assert p.column == "姓名" and str(p) == "r.csv, row 2, column 姓名: '姓名' is empty"
    assert p.text("zh") == "r.csv，第2行，“姓名”列：为空"
    with pytest.raises(RosterError) as err:
        check_roster(fujian, "r.csv", head, [(2, dict(zip(head, ["FJ1", "张三", "台北", "u"])))])
    assert err.value.problems[0].text("zh") == "r.csv，第2行，“代表队”列：代表队“台北”不在本比赛的代表队名单中"
