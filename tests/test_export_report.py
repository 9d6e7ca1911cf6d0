"""The printed report (HTML, and PDF where WeasyPrint and a Chinese font are here), and a
LibreOffice round trip of the workbook where LibreOffice is installed."""

from __future__ import annotations

import csv
import html
import shutil
import subprocess

import pytest

from db.exports.report import pdf_unavailable
from db.store import Store
from db.verify import verify
from tests.test_export_contest import awards_of, contest, run, standings_of


@pytest.fixture(scope="module")
def dbs(tmp_path_factory):
    where = tmp_path_factory.mktemp("report")
    return {"locked": contest(where / "locked", locked=True, per_team=4),
            "open": contest(where / "open", locked=False, per_team=4)}


def report(db, path, *extra) -> str:
    run("report", db, "--to", path, *extra)
    return html.unescape(path.read_text(encoding="utf-8"))


def test_the_html_report_contains_every_award_and_every_recipient(dbs, tmp_path):
    db = dbs["locked"]
    page = report(db, tmp_path / "r.html")
    ref = awards_of(db)
    for a in ref["awards"] + ref["advancement"]:
        assert a["label"] in page and a["recipient"] in page and a["why"] in page
    for spec in {a["id"] for a in ref["awards"]}:
        assert f'data-award="{spec}"' in page
    for r in standings_of(db)["individual"]:
        assert r["exam_no"] in page


def test_the_locked_report_carries_the_lock_and_the_chain_hash(dbs, tmp_path):
    db = dbs["locked"]
    page = report(db, tmp_path / "r.html")
    rep = verify(Store(db))
    head, n = rep.head, rep.judge_events  # the file's chain head
    assert head in page and "李主任" in page and f"{n}条裁判记录" in page
    assert "PROVISIONAL" not in page and "@page" in page and "A4" in page


def test_the_unlocked_report_says_provisional_in_the_banner_and_on_every_page(dbs, tmp_path):
    page = report(dbs["open"], tmp_path / "r.html")
    assert 'class="banner provisional"' in page
    assert '@top-right { content: "临时/未定榜 PROVISIONAL"' in page  # each printed page's margin
    assert "stamp" not in page and "position: fixed" not in page  # nothing over a continuation page's header


def test_a_team_awards_block_prints_only_the_columns_its_rows_fill(dbs, tmp_path):
    page = report(dbs["locked"], tmp_path / "r.html")
    team = page.split('data-award="team_first"', 1)[1].split("</table>", 1)[0]
    heads = [h.split("</th>")[0] for h in team.split("<th>")[1:]]
    assert heads == ["序号", "代表队", "名次", "成绩", "依据"], heads  # no 准考证号, 姓名, 单位, 组别
    person = page.split('data-award="expert"', 1)[1].split("</table>", 1)[0]
    assert "<th>准考证号</th>" in person and "<th>姓名</th>" in person  # an individual award keeps them


def test_the_english_report(dbs, tmp_path):
    page = report(dbs["locked"], tmp_path / "r.html", "--lang", "en")
    assert "Results report" in page and "Locked:" in page
    assert awards_of(dbs["locked"], "en")["awards"][0]["label"] in page


def test_a_pdf_report_on_a4_when_this_machine_can_make_one(dbs, tmp_path):
    why = pdf_unavailable()
    if why:
        pytest.skip(f"no PDF here: {why}")
    run("report", dbs["locked"], "--to", tmp_path / "r.pdf")
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
        assert "人社知识通" in text and "已定榜" in text


def test_a_pdf_that_cannot_be_made_is_refused_with_the_reason(dbs, tmp_path, monkeypatch):
    import db.exports.report as report_mod

    monkeypatch.setattr(report_mod, "pdf_unavailable", lambda: "no Chinese font is installed")
    result = run("report", dbs["locked"], "--to", tmp_path / "r.pdf", ok=False)
    assert result.exit_code == 2
    assert "no Chinese font is installed" in result.output and "FILE.html" in result.output
    assert not (tmp_path / "r.pdf").exists()


def test_libreoffice_reads_the_workbook_back(dbs, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed (soffice not on PATH); the round trip needs it")
    db = dbs["locked"]
    run("export", db, "--to", tmp_path / "out.xlsx", "--what", "results")
    profile = tmp_path / "lo-profile"  # its own profile, so a running LibreOffice does not interfere
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(tmp_path / "out.xlsx")],
                   check=True, capture_output=True, timeout=120)
    with open(tmp_path / "out.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert "PROVISIONAL" not in rows[1][0] and "已定榜" in rows[1][0]
    assert rows[2][:3] == ["名次", "准考证号", "姓名"]
    ref = standings_of(db)["individual"]
    assert [(r[1], r[2]) for r in rows[3:]] == [(x["exam_no"], x["name"]) for x in ref]
    assert [float(r[11]) for r in rows[3:]] == pytest.approx([x["total"] for x in ref])
