"""The official workbook, read back with openpyxl and checked against `scoreboard awards --json`."""

from __future__ import annotations

import json

import openpyxl
import pytest

from db.store import Store
from db.verify import verify
from tests.test_export_contest import awards_of, contest, run, standings_of

SHEETS = ["个人成绩", "团体成绩", "获奖名单", "推荐名单", "审计记录", "证书名单"]


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    """A full Fujian final (260 contestants), locked, exported to a workbook."""
    where = tmp_path_factory.mktemp("locked")
    db = contest(where, locked=True)
    run("export", db, "--to", where / "out.xlsx")
    return db, openpyxl.load_workbook(where / "out.xlsx")


@pytest.fixture(scope="module")
def unlocked(tmp_path_factory):
    where = tmp_path_factory.mktemp("unlocked")
    db = contest(where, locked=False, per_team=4)
    run("export", db, "--to", where / "out.xlsx")
    return db, openpyxl.load_workbook(where / "out.xlsx")


def blocks(ws) -> dict[str, list[list]]:
    """A block sheet's award blocks: block title -> data rows (a block's rows start with their number)."""
    out: dict[str, list[list]] = {}
    title = None
    for row in ws.iter_rows(min_row=4, values_only=True):
        if isinstance(row[0], int):
            out[title].append(list(row))
        elif row[0] and all(v is None for v in row[1:]) and not str(row[0]).startswith(("待裁定", "（")):
            title = row[0]
            out[title] = []
    return out


def recipients(rows) -> list[str]:
    return [r[1] or r[3] for r in rows]  # exam number, or the team for a team award


def test_the_workbook_has_a_sheet_for_each_official_list(locked):
    _, wb = locked
    assert wb.sheetnames == SHEETS


def test_the_award_sheet_has_every_award_of_the_json_in_the_rules_order(locked):
    db, wb = locked
    ref = awards_of(db)
    got = blocks(wb["获奖名单"])
    labels = list(dict.fromkeys(a["label"] for a in ref["awards"]))
    assert [t.rsplit("（", 1)[0] for t in got] == labels
    for title, rows in got.items():
        label = title.rsplit("（", 1)[0]
        expected = [a for a in ref["awards"] if a["label"] == label]
        assert title == f"{label}（{len(expected)}）"
        assert recipients(rows) == [a["recipient"] for a in expected]
        assert [r[-1] for r in rows] == [a["why"] for a in expected]
        for r, a in zip(rows, expected):
            if a["kind"] == "individual":
                assert (r[2], r[3], r[7]) == (a["name"], a["team"], a["total"])


def test_the_advancement_sheet_holds_the_national_15_and_the_recommended_200(locked):
    db, wb = locked
    ref = awards_of(db)
    got = blocks(wb["推荐名单"])
    assert [len(rows) for rows in got.values()] == [15, 200]
    flat = [x for rows in got.values() for x in recipients(rows)]
    assert flat == [a["recipient"] for a in ref["advancement"]]


def test_individual_results_follow_the_standings_with_every_section(locked):
    db, wb = locked
    ref = standings_of(db)["individual"]
    ws = wb["个人成绩"]
    head = [c.value for c in ws[3]]
    assert head[:7] == ["名次", "准考证号", "姓名", "代表队", "单位", "组别", "组内名次"]
    assert head[7:11] == ["选择题", "填空题", "简答题", "案例题"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(ref) == 260
    for row, r in zip(rows, ref):
        assert row[:3] == (r["rank"], r["exam_no"], r["name"])
        assert row[11] == pytest.approx(r["total"])
        assert list(row[7:11]) == pytest.approx(list(r["sections"].values()))
        if r["time_used"] is None:  # has not handed in
            assert row[12] is None
        else:  # read back as a duration
            assert row[12].total_seconds() == pytest.approx(r["time_used"], abs=0.01)


def test_team_results_carry_each_teams_score_and_prize(locked):
    db, wb = locked
    ref = standings_of(db)["teams"]
    rows = list(wb["团体成绩"].iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [(t["rank"], t["team"]) for t in ref]
    assert [r[2] for r in rows] == pytest.approx([t["score"] for t in ref])
    first = awards_of(db)["awards"][0]
    assert first["label"] in rows[0][5]


def test_the_audit_sheet_lists_every_judge_event_with_its_hash(locked):
    db, wb = locked
    events = Store(db).judge_events()
    rows = list(wb["审计记录"].iter_rows(min_row=4, values_only=True))
    assert [r[0] for r in rows] == [e["id"] for e in events]
    assert [r[7] for r in rows] == [e["hash"] for e in events]
    assert [r[2] for r in rows] == [e["actor"] for e in events]
    assert [r[3] for r in rows] == ["授予奖项", "确认名单", "定榜"]
    award = json.loads(events[0]["data"])
    assert rows[0][4] == f"优秀组织奖 → {award['recipient']}"  # what it did, in words, not the raw data
    assert rows[1][4].startswith("名单摘要") and "文件链头" in rows[2][4]
    assert rows[0][5] == "线上练兵组织好"


def test_the_certificate_sheet_has_one_row_per_award_ready_for_a_mail_merge(locked):
    db, wb = locked
    ref = awards_of(db)["awards"]
    ws = wb["证书名单"]
    assert [c.value for c in ws[3]] == ["证书编号", "类别", "姓名", "单位", "代表队", "奖项", "比赛名称", "日期", "准考证号"]
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(ref)
    assert [r[5] for r in rows] == [a["label"] for a in ref]
    assert {r[6] for r in rows} == {"2024年度福建省人社窗口单位业务技能练兵比武全省决赛"}
    assert {r[7] for r in rows} == {"2024年8月20日"}
    person = next(r for r in rows if r[1] == "个人")
    a = next(a for a in ref if a["recipient"] == person[8])
    assert (person[2], person[3], person[4]) == (a["name"], a["unit"], a["team"])


def test_every_sheet_of_a_locked_export_carries_the_lock_and_the_chain_hash(locked):
    db, wb = locked
    lock = awards_of(db)["locked"]
    rep = verify(Store(db))
    assert rep.ok
    head = rep.head  # the file's chain head: every mark and judge event is sealed under it
    for ws in wb.worksheets:
        banner = ws["A2"].value
        assert "已定榜" in banner and "李主任" in banner and head in banner and lock["digest"] in banner
        assert "PROVISIONAL" not in banner and "临时" not in banner
        assert "李主任" in ws.oddHeader.right.text
        assert head[:16] in ws.oddFooter.left.text
        assert "PROVISIONAL" not in (ws.oddHeader.center.text or "")


def test_every_sheet_of_an_unlocked_export_says_provisional(unlocked):
    _, wb = unlocked
    for ws in wb.worksheets:
        assert "PROVISIONAL" in ws["A2"].value and "临时/未定榜" in ws["A2"].value
        assert "PROVISIONAL" in ws.oddHeader.center.text
        assert "PROVISIONAL" in ws.oddHeader.right.text
        assert "定榜人" not in ws["A2"].value


def test_an_unassigned_judge_award_shows_an_empty_block(unlocked):
    _, wb = unlocked
    values = [r[0] for r in wb["获奖名单"].iter_rows(min_row=4, values_only=True)]
    i = values.index("优秀组织奖（0）")
    assert values[i + 1] == "（暂无）"


def test_sheets_are_set_up_to_print_on_a4(locked):
    _, wb = locked
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$3"
        assert ws.freeze_panes in ("A4", "D4")
        assert "&P" in ws.oddFooter.center.text
        assert ws.column_dimensions["B"].width >= 6
    assert wb["个人成绩"].page_setup.orientation == "landscape"
    assert wb["团体成绩"].page_setup.orientation == "portrait"
    ws = wb["个人成绩"]
    assert ws["L4"].number_format == "0.00" and ws["M4"].number_format == "[h]:mm:ss"
    assert ws["A3"].font.b


def test_english_switches_headers_and_sheet_names(tmp_path, locked):
    db, _ = locked
    run("export", db, "--to", tmp_path / "en.xlsx", "--lang", "en")
    wb = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert wb.sheetnames[:3] == ["Individual results", "Team results", "Awards"]
    assert [c.value for c in wb["Individual results"][3]][:3] == ["Rank", "Exam no.", "Name"]
    assert wb["Awards"]["A2"].value.startswith("Locked:")
    ref = awards_of(db, "en")
    assert any(str(r[0]).startswith(ref["awards"][0]["label"])
               for r in wb["Awards"].iter_rows(min_row=4, values_only=True))


def test_one_list_only_makes_a_workbook_of_one_sheet(tmp_path, locked):
    db, _ = locked
    run("export", db, "--to", tmp_path / "a.xlsx", "--what", "awards")
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames == ["获奖名单"]


def test_a_tie_awaiting_the_judges_is_shown_in_its_award_block(tmp_path):
    """Two contestants equal on every key at 人社知识通's 20th place: the list stays provisional."""
    where = tmp_path / "tie"
    where.mkdir()
    run("sample-roster", "--preset", "fujian-2024-final", "--out", where / "r.csv", "--per-team", "2")
    run("init", where / "c.db", "--preset", "fujian-2024-final", "--roster", where / "r.csv")
    people = [c.exam_no for c in Store(where / "c.db").contestants()]
    lines = [{"type": "hello", "protocol": 1, "role": "hall", "source": "hall-a"}]
    for i, exam_no in enumerate(people):
        score = 100 - min(i, 19)  # the 20th and the 21st are equal on every key
        lines.append({"type": "result", "contestant": exam_no, "item": "choice-1", "section": "choice",
                      "score": float(score), "max": 100.0, "seq": 2 * i + 1})
        lines.append({"type": "finish", "contestant": exam_no, "time_used": 3600.0, "seq": 2 * i + 2})
    (where / "d.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    run("load", where / "c.db", where / "d.jsonl")
    ref = awards_of(where / "c.db")
    assert ref["status"] == "pending_ties"
    run("export", where / "c.db", "--to", where / "out.xlsx")
    ws = openpyxl.load_workbook(where / "out.xlsx")["获奖名单"]
    assert "1处截止线并列" in ws["A2"].value and "PROVISIONAL" in ws["A2"].value
    values = [r[0] for r in ws.iter_rows(min_row=4, values_only=True)]
    pending = [v for v in values if isinstance(v, str) and v.startswith("待裁定：")]
    assert pending == [f"待裁定：{p['why']}" for p in ref["pending"]]
    assert values.index("全省“人社知识通”（19）") < values.index(pending[0])


def test_a_certificate_without_a_contest_date_leaves_the_date_line_to_fill_by_hand(tmp_path):
    """The preset carries no invented date: without `init --date` the certificate's date is a blank line."""
    from db.exports import build, take
    from scoreboard.sample import sample_roster
    from scoreboard.rules import load_preset

    rules = load_preset("fujian-2024-final")
    assert rules.date == ""
    store = Store.create(tmp_path / "c.db", rules, sample_roster(rules, per_team=1), "fujian-2024-final")
    assert store.contest_date() == ""
    assert take(store, "zh").contest_date() == "　　年　　月　　日"
    dated = Store.create(tmp_path / "d.db", rules, sample_roster(rules, per_team=1), "fujian-2024-final",
                         date="2024-08-22")
    assert take(dated, "zh").contest_date() == "2024年8月22日" and verify(dated).ok
    assert build(take(dated, "en"), "certificates").rows == []  # nothing awarded yet: no certificate
