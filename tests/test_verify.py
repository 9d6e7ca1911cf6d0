"""`scoreboard verify`: every edit of the contest file is caught and named (db/seals.py, db/verify.py).

A small locked contest is written through the real Writer; each test changes the file the way a
person with sqlite3 could, and checks that verify names the first thing that no longer matches.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from display.cli import cli
from db.store import Store
from db.verify import verify
from db.writer import Writer
from scoreboard.rules import load_preset
from scoreboard.sample import exam_day, sample_roster

PRESET = "fujian-2024-final"


def result(seq, who, item, section, score, mx=10.0):
    return {"type": "result", "seq": seq, "contestant": who, "item": item, "section": section, "score": score,
            "max": mx}


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    """A locked contest: a generated day, a regrade, a rejected record, a confirmation and the lock."""
    path = tmp_path_factory.mktemp("sealed") / "contest.db"
    rules = load_preset(PRESET)
    people = sample_roster(rules, 2024, 3)
    store = Store.create(path, rules, people, PRESET)
    w = Writer(store)
    records = [rec for _t, rec in exam_day(rules, people, seed=3)]
    for rec in records:
        w.hall("hall-a", rec)
        if len(w.new_events) > 300:
            w.flush()
    n = len(records)
    w.hall("hall-b", result(1, people[0].exam_no, "case-09", "case", 4.0))
    w.hall("hall-b", result(2, people[0].exam_no, "case-09", "case", 9.0))  # a regrade
    w.hall("hall-b", result(3, "NOBODY", "case-09", "case", 1.0))  # quarantined
    w.flush()
    for kind in ("confirm", "lock"):
        ev = w.judge("chief", "李主裁", kind, {"digest": w.board.awards().digest}, "定榜")
        assert hasattr(ev, "id"), ev
        w.flush()
    store.close()
    assert n > 500
    return path


@pytest.fixture
def copy(sealed, tmp_path):
    path = tmp_path / "copy.db"
    shutil.copy(sealed, path)
    return path


def tamper(path, *statements, args=()):
    with sqlite3.connect(path) as conn:
        for sql in statements:
            conn.execute(sql, args)


def report(path, **kw):
    store = Store(path)
    try:
        return verify(store, **kw)
    finally:
        store.close()


def first(path, lang="en") -> str:
    rep = report(path)
    assert not rep.ok
    return rep.first(lang)


def test_an_untouched_file_verifies_with_every_event_sealed(sealed):
    rep = report(sealed)
    assert rep.ok, rep.problems
    store = Store(sealed)
    assert rep.events == store.last_event_id() and rep.judge_events == 2 and rep.seals > 3
    assert len(rep.head) == 64
    assert store.conn.execute("SELECT hash FROM seals ORDER BY id DESC LIMIT 1").fetchone()[0].hex() == rep.head


def test_raising_a_contestants_score_names_the_event(copy):
    eid = Store(copy).conn.execute("SELECT min(id) FROM events WHERE kind = 'result' AND "
                                   "json_extract(data, '$.score') < json_extract(data, '$.max')").fetchone()[0]
    tamper(copy, f"UPDATE events SET data = json_set(data, '$.score', json_extract(data, '$.max')) WHERE id = {eid}")
    text = first(copy)
    assert f"event #{eid} (result · hall-a seq" in text and "differs from what seal" in text


def test_deleting_result_rows_names_the_first_one_missing(copy):
    tamper(copy, "DELETE FROM events WHERE id IN (40, 41, 42)")
    assert first(copy) == "event #40 is missing (deleted)"


def test_reordering_a_regrade_is_caught_at_the_first_of_the_two(copy):
    store = Store(copy)
    a, b = store.conn.execute(
        "SELECT id FROM events WHERE source = 'hall-b' AND kind = 'result' ORDER BY id").fetchall()
    store.close()
    data = dict(sqlite3.connect(copy).execute(f"SELECT id, data FROM events WHERE id IN ({a[0]}, {b[0]})"))
    tamper(copy, f"UPDATE events SET data = ? WHERE id = {a[0]}", args=(data[b[0]],))
    tamper(copy, f"UPDATE events SET data = ? WHERE id = {b[0]}", args=(data[a[0]],))
    assert first(copy).startswith(f"event #{a[0]} (result · hall-b seq 1")


def test_changing_the_rules_expert_count_is_named(copy):
    text = Store(copy).meta("rules")
    assert "count = 20" in text
    tamper(copy, "UPDATE meta SET value = ? WHERE key = 'rules'", args=(text.replace("count = 20", "count = 25", 1),))
    rep = report(copy)
    assert rep.first("en").startswith("the rules were changed after the contest was created")
    assert any("the lock (event #" in p.text("en") for p in rep.problems)  # and the locked list no longer holds


def test_moving_a_contestant_to_another_team_is_named(copy):
    who = Store(copy).contestants()[5]
    other = next(c.team for c in Store(copy).contestants() if c.team != who.team)
    tamper(copy, "UPDATE contestants SET team = ? WHERE exam_no = ?", args=(other, who.exam_no))
    assert first(copy) == f"contestant {who.exam_no}: the roster row differs from the one sealed at creation"


def test_adding_a_contestant_to_the_roster_is_named(copy):
    tamper(copy, "INSERT INTO contestants(exam_no, name, team, unit, grp, row_order) "
                 "SELECT 'FJ9999', '新人', team, unit, grp, 999 FROM contestants LIMIT 1")
    assert first(copy).startswith("the roster holds")


def test_a_judge_event_with_its_hash_blanked_is_an_error_not_skipped(copy):
    tamper(copy, "UPDATE events SET hash = NULL WHERE kind = 'lock'")
    lock = Store(copy).conn.execute("SELECT id FROM events WHERE kind = 'lock'").fetchone()[0]
    assert first(copy) == f"judge event #{lock} (lock) has no hash"


def test_deleting_the_lock_the_last_judge_event_is_caught(copy):
    lock = Store(copy).conn.execute("SELECT id FROM events WHERE kind = 'lock'").fetchone()[0]
    tamper(copy, "DELETE FROM events WHERE kind = 'lock'")
    assert first(copy) == f"event #{lock} is missing (deleted)"


def test_an_event_added_after_the_last_seal_is_caught(copy):
    tamper(copy, "INSERT INTO events(id, at, kind, source, seq, actor, data) SELECT (SELECT max(id) + 1 FROM events), "
                 "1e9, 'result', 'hall-a', 99999, 'hall-a', data FROM events WHERE kind = 'result' LIMIT 1")
    assert "are in no seal (added after the last commit)" in first(copy)


def test_an_event_inserted_in_place_of_a_deleted_one_is_caught(copy):
    tamper(copy, "UPDATE events SET data = (SELECT data FROM events WHERE id = 11) WHERE id = 10")
    assert first(copy).startswith("event #10 (")


def test_editing_or_deleting_a_quarantine_row_is_caught(copy):
    tamper(copy, "UPDATE quarantine SET message = 'nothing to see'")
    assert "quarantine row #1 differs" in first(copy)
    tamper(copy, "DELETE FROM quarantine")
    assert first(copy) == "quarantine row #1 is missing (deleted)"


def test_raising_a_sources_acknowledgement_is_caught(copy):
    tamper(copy, "UPDATE sources SET acked = acked + 5 WHERE source = 'hall-b'")
    assert first(copy) == "source hall-b: acknowledged up to 8, but the seals say 3"


def test_a_seal_altered_or_deleted_is_caught(copy, tmp_path):
    shutil.copy(copy, tmp_path / "b.db")
    tamper(copy, "UPDATE seals SET at = at + 1 WHERE id = 2")
    assert first(copy).startswith("seal 2 (")
    tamper(tmp_path / "b.db", "DELETE FROM seals WHERE id = 2")
    assert first(tmp_path / "b.db") == "seal 2 is missing"


def test_a_seal_recomputed_by_hand_still_breaks_the_next_one(copy):
    """An event edited and its seal's hash and locators recomputed to match: the seal after it, which was
    made from the old hash, no longer follows."""
    from db import seals
    from db.store import EVENT_COLUMNS
    from db.verify import event_row_line

    conn = sqlite3.connect(copy)
    sid, kind, at, fe, le, fq, lq, acks, _loc, _h = conn.execute(
        f"SELECT {seals.SEAL_COLUMNS} FROM seals WHERE id = 2").fetchone()
    conn.execute(f"UPDATE events SET data = json_set(data, '$.item', 'case-77') WHERE id = {fe}")
    prev = conn.execute("SELECT hash FROM seals WHERE id = 1").fetchone()[0]
    lines = [event_row_line(r).encode() for r in conn.execute(
        f"SELECT {EVENT_COLUMNS} FROM events WHERE id BETWEEN ? AND ? ORDER BY id", (fe, le))]
    assert lq < fq  # no quarantine rows in this seal
    digest = seals.seal_hash(prev, seals.header(sid, kind, at, fe, le, fq, lq, acks), lines)
    conn.execute("UPDATE seals SET hash = ?, locators = ? WHERE id = 2", (digest, seals.locators(lines)))
    conn.commit()
    conn.close()
    assert first(copy).startswith("seal 3 (")


def test_the_lock_binds_the_award_list_and_the_chain_head(sealed):
    store = Store(sealed)
    data = json.loads(store.conn.execute("SELECT data FROM events WHERE kind = 'lock'").fetchone()[0])
    lock_seal = store.conn.execute("SELECT max(id) FROM seals").fetchone()[0]
    heads = [h.hex() for (h,) in store.conn.execute("SELECT hash FROM seals WHERE id < ?", (lock_seal,))]
    assert data["head"] in heads and data["digest"] == store.fold().awards().digest


def test_a_lock_whose_list_no_longer_holds_is_said_everywhere_the_list_is(copy):
    """An earlier mark changed (and its seal recomputed by hand, say): the locked list is not what the
    file gives any more; awards --json says so and verify names the lock."""
    eid = Store(copy).conn.execute("SELECT min(id) FROM events WHERE kind = 'result' AND "
                                   "json_extract(data, '$.score') > 0").fetchone()[0]
    tamper(copy, f"UPDATE events SET data = json_set(data, '$.score', 0) WHERE id = {eid}")
    board = Store(copy).fold()
    aw = board.awards()
    assert aw.lock_mismatch is not None and aw.lock_mismatch != aw.locked["digest"]
    out = CliRunner().invoke(cli, ["awards", str(copy), "--json"])
    assert json.loads(out.output)["lock_mismatch"] == aw.lock_mismatch
    text = CliRunner().invoke(cli, ["awards", str(copy)]).output
    assert f"⚠ 严重：定榜时记录的名单（摘要 {aw.lock_mismatch}）与现在由数据文件算出的名单" in text
    assert any(p.code == "lock_mismatch" for p in report(copy).problems)


def test_the_signed_head_is_found_or_its_absence_named(sealed, copy):
    rep = report(sealed)
    found = report(sealed, head=rep.head[:16])
    assert found.ok and found.notes[-1].text("en").endswith("0 commits came after it")
    assert report(sealed, head="ab" * 8).first("en").startswith("chain head abababababababab (from a signed list) is not")
    assert report(sealed, head="abc").first("en") == "give at least 16 hex characters of the chain head"
    # a file cut back to before the signed head: the seal and what it sealed are gone
    last = Store(copy).conn.execute("SELECT first_event FROM seals ORDER BY id DESC LIMIT 1").fetchone()[0]
    tamper(copy, "DELETE FROM seals WHERE id = (SELECT max(id) FROM seals)", f"DELETE FROM events WHERE id >= {last}")
    assert report(copy, head=rep.head).first("en").startswith("chain head")


def test_a_quarantined_records_chinese_message_is_sealed_with_it(copy):
    store = Store(copy)
    row = store.quarantined()[0]
    store.close()
    assert row["code"] == "unknown_contestant" and "NOBODY不在名单上" in row["message_zh"]
    tamper(copy, "UPDATE quarantine SET message_zh = '第3条记录：考号无误' WHERE id = 1")
    assert report(copy).problems[0].code == "quarantine_changed"


def test_a_quarantine_row_of_schema_5_keeps_verifying_once_the_file_has_the_chinese_column(tmp_path):
    rules = load_preset(PRESET)
    people = sample_roster(rules, 2024, 2)
    store = Store.create(tmp_path / "five.db", rules, people, PRESET)
    w = Writer(store)
    w.quarantine_raw("hall-a", "not_msgpack", "the frame is not one MessagePack value (ValueError)", b"\xc1")
    w.flush()
    store.conn.execute("ALTER TABLE quarantine DROP COLUMN message_zh")
    store.conn.execute("PRAGMA user_version = 5")
    store.close()
    store = Store(tmp_path / "five.db")  # migrated to 6: the row's Chinese message is empty, its seal unchanged
    assert store.quarantined()[0]["message_zh"] == "" and verify(store).ok
    w = Writer(store)
    w.hall("hall-a", result(1, "NOBODY", "case-01", "case", 1.0))
    w.flush()
    assert store.quarantined()[1]["message_zh"] and verify(store).ok
    store.close()


def test_a_file_of_an_older_version_is_sealed_as_it_stands_and_verify_says_so(tmp_path):
    rules = load_preset(PRESET)
    people = sample_roster(rules, 2024, 2)
    old = Store.create(tmp_path / "old.db", rules, people, PRESET)
    old.conn.execute("DROP TABLE seals")  # schema 4's
    old.conn.execute("ALTER TABLE contestants DROP COLUMN flags")  # schema 5's
    old.conn.execute("ALTER TABLE quarantine DROP COLUMN message_zh")  # schema 6's
    old.conn.execute("PRAGMA user_version = 3")
    old.conn.execute("INSERT INTO events(id, at, kind, source, seq, actor, data) VALUES (1, 1700000000.123456, "
                     "'result', 'hall-a', 1, 'hall-a', ?)",
                     (json.dumps({"contestant": people[0].exam_no, "item": "case-01", "section": "case",
                                  "score": 8.0, "max": 10.0}),))  # spaced JSON, as older versions wrote it
    old.conn.execute("INSERT INTO sources VALUES ('hall-a', 1)")
    old.close()
    store = Store(tmp_path / "old.db")  # the upgrade seals it
    rep = verify(store)
    assert rep.ok, rep.problems
    assert [n.code for n in rep.notes] == ["upgraded"] and "events #1–#1 were written by an older" in rep.notes[0].text("en")
    w = Writer(store)  # and later commits chain on
    w.hall("hall-a", result(2, people[0].exam_no, "case-02", "case", 3.0))
    w.flush()
    assert verify(store).ok


def test_verify_speaks_chinese_by_default_and_exits_1_on_a_mismatch(copy):
    runner = CliRunner()
    ok = runner.invoke(cli, ["verify", str(copy)])
    assert ok.exit_code == 0 and ok.output.startswith("校验通过：") and "链头" in ok.output
    tamper(copy, "DELETE FROM events WHERE id = 7")
    bad = runner.invoke(cli, ["verify", str(copy)])
    assert bad.exit_code == 1 and "校验失败" in bad.output and "事件 #7 缺失" in bad.output
    js = runner.invoke(cli, ["verify", str(copy), "--json", "--lang", "en"])
    assert json.loads(js.output)["problems"][0] == "event #7 is missing (deleted)"


def test_an_export_of_a_file_that_fails_verification_is_refused(copy, tmp_path):
    tamper(copy, "DELETE FROM events WHERE id = 7")
    out = CliRunner().invoke(cli, ["export", str(copy), "--to", str(tmp_path / "x.xlsx"), "--lang", "en"])
    assert out.exit_code == 2 and "event #7 is missing" in out.output and not (tmp_path / "x.xlsx").exists()


def test_a_lock_in_the_very_first_commit_names_seal_0_as_its_head(tmp_path):
    rules = load_preset(PRESET)
    people = sample_roster(rules, 2024, 2)
    store = Store.create(tmp_path / "c.db", rules, people, PRESET)
    w = Writer(store)
    for rec in [rec for _t, rec in exam_day(rules, people, seed=4)][:200]:
        w.hall("hall-a", rec)
    for tie in w.board.awards().ties:
        w.judge("chief", "李主裁", "decision", {"award": tie.award_id, "group": tie.group, "tied": list(tie.tied),
                                               "outcome": "share"}, "并列")
    for kind in ("confirm", "lock"):
        assert hasattr(w.judge("chief", "李主裁", kind, {"digest": w.board.awards().digest}, "定榜"), "id")
    w.flush()  # one commit holds it all: the lock's head is seal 0's
    assert verify(store).ok


def test_an_event_the_edited_rules_no_longer_admit_is_named_in_chinese_and_in_english(copy):
    """Rules edited to lower the case section's worth: the marks above it no longer fold, and verify names
    each of them in the reader's language as well as the changed rules."""
    rules = Store(copy).meta("rules")
    tamper(copy, "UPDATE meta SET value = ? WHERE key = 'rules'",
           args=(rules.replace('id = "case"\n', 'id = "case"\nitems = 60\npoints = 1\n', 1),))
    rep = report(copy)
    unfit_zh = [p.text("zh") for p in rep.problems if p.code == "event_unfit"]
    unfit_en = [p.text("en") for p in rep.problems if p.code == "event_unfit"]
    assert unfit_zh and all(t.startswith("无法计入成绩：事件#") and "case" not in t for t in unfit_zh)
    assert all(t.startswith("cannot be folded: event ") for t in unfit_en)
    assert any(p.code != "event_unfit" for p in rep.problems)  # the rules themselves, named too
