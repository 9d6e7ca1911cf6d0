"""One list as CSV: UTF-8 with a BOM, headers first, and the status on every row."""

from __future__ import annotations

import csv
import io

import pytest

from db.exports import LISTS
from db.exports.labels import SHEET
from db.store import Store
from db.verify import verify
from tests.test_export_contest import awards_of, contest, run, standings_of


@pytest.fixture(scope="module")
def dbs(tmp_path_factory):
    where = tmp_path_factory.mktemp("csv")
    return {"locked": contest(where / "locked", locked=True, per_team=5),
            "open": contest(where / "open", locked=False, per_team=5)}


def read(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_awards_csv_round_trips_to_the_awards_json(dbs, tmp_path):
    db = dbs["locked"]
    run("export", db, "--to", tmp_path / "a.csv", "--what", "awards")
    rows = read(tmp_path / "a.csv")
    ref = awards_of(db)["awards"]
    assert [(r["奖项"], r["准考证号"] or r["代表队"]) for r in rows] == [(a["label"], a["recipient"]) for a in ref]
    assert [r["依据"] for r in rows] == [a["why"] for a in ref]
    for r, a in zip(rows, ref):
        if a["kind"] == "individual":
            assert (r["姓名"], r["单位"], float(r["成绩"])) == (a["name"], a["unit"], a["total"])


def test_the_results_csv_round_trips_to_the_standings(dbs, tmp_path):
    db = dbs["locked"]
    run("export", db, "--to", tmp_path / "r.csv")  # results is the default list
    rows = read(tmp_path / "r.csv")
    ref = standings_of(db)["individual"]
    assert [(int(r["名次"]), r["准考证号"], float(r["总分"])) for r in rows] == \
        [(x["rank"], x["exam_no"], x["total"]) for x in ref]


def test_every_row_of_a_locked_list_carries_the_lock_and_the_chain_hash(dbs, tmp_path):
    db = dbs["locked"]
    run("export", db, "--to", tmp_path / "c.csv", "--what", "certificates")
    head = verify(Store(db)).head  # the file's chain head
    rows = read(tmp_path / "c.csv")
    assert rows and all(r["榜单状态"] == "已定榜" and r["定榜人"] == "李主任" and r["文件链头"] == head
                        and r["定榜时间"] for r in rows)


def test_every_row_of_an_unlocked_list_says_provisional(dbs, tmp_path):
    run("export", dbs["open"], "--to", tmp_path / "a.csv", "--what", "awards")
    rows = read(tmp_path / "a.csv")
    assert rows and all("PROVISIONAL" in r["榜单状态"] and not r["定榜人"] for r in rows)


def test_the_certificate_csv_starts_with_the_mail_merge_fields(dbs, tmp_path):
    run("export", dbs["locked"], "--to", tmp_path / "c.csv", "--what", "certificates")
    header = (tmp_path / "c.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:9] == ["证书编号", "类别", "姓名", "单位", "代表队", "奖项", "比赛名称", "日期", "准考证号"]
    rows = read(tmp_path / "c.csv")
    assert len(rows) == len(awards_of(dbs["locked"])["awards"])
    assert len({r["证书编号"] for r in rows}) == len(rows)
    assert rows[0]["姓名"].endswith("代表队") and rows[0]["类别"] == "团体"


@pytest.mark.parametrize("what", LISTS)
def test_each_list_can_be_written_as_csv(dbs, tmp_path, what):
    result = run("export", dbs["locked"], "--to", tmp_path / f"{what}.csv", "--what", what, "--lang", "en")
    assert f"rows of {what}" in result.output
    assert read(tmp_path / f"{what}.csv")
    result = run("export", dbs["locked"], "--to", tmp_path / f"{what}.csv", "--what", what)
    assert f"{SHEET[what][0]}，" in result.output and " 行 [已定榜 " in result.output and "链头 " in result.output


def test_english_headers_with_lang_en(dbs, tmp_path):
    run("export", dbs["locked"], "--to", tmp_path / "t.csv", "--what", "teams", "--lang", "en")
    rows = read(tmp_path / "t.csv")
    assert set(rows[0]) >= {"Rank", "Team", "Team score", "List status", "Chain head"}
    assert rows[0]["List status"] == "locked"
