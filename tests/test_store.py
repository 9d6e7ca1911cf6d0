"""The contest database: durability settings, migrations, the judges' hash chain."""

import sqlite3

from pathlib import Path

import pytest

from db.store import MIGRATIONS, Store, StoreError, writer_lock
from db.writer import Writer


@pytest.fixture
def store(tmp_path, fujian, fujian_roster):
    return Store.create(tmp_path / "c.db", fujian, fujian_roster, "fujian-2024-final")


def test_a_new_database_is_wal_with_full_sync_and_the_latest_schema(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_the_roster_and_rules_come_back_as_they_went_in(store, fujian, fujian_roster):
    again = Store(store.path)
    assert again.contestants() == fujian_roster
    assert again.rules().id == fujian.id and again.meta("preset") == "fujian-2024-final"


def test_a_contest_database_is_never_overwritten(store, fujian, fujian_roster):
    with pytest.raises(StoreError, match="already exists"):
        Store.create(store.path, fujian, fujian_roster)


def test_opening_a_missing_database_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="scoreboard init"):
        Store(tmp_path / "none.db")


def test_a_database_from_a_newer_version_is_refused(store):
    store.conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer version"):
        Store(store.path)


def test_source_and_seq_are_unique_in_the_log(store):
    store.conn.execute("INSERT INTO events(at, kind, source, seq, actor, data) VALUES (1, 'finish', 'h', 1, 'h', '{}')")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO events(at, kind, source, seq, actor, data) VALUES (1, 'finish', 'h', 1, 'h', '{}')")


def judged(store):
    w = Writer(store)
    w.judge("judge", "张裁判", "freeze", {}, "最后半小时")
    w.judge("judge", "张裁判", "unfreeze", {}, "")
    w.judge("judge", "王裁判", "view", {"view": "team"}, "")
    w.flush()
    return w


def test_the_judges_chain_verifies(store):
    judged(store)
    ok, head, n = store.verify_chain()
    assert ok and n == 3 and len(head) == 64


def test_a_tampered_judge_event_is_named(store):
    judged(store)
    second = store.judge_events()[1]["id"]
    store.conn.execute("UPDATE events SET reason = 'edited' WHERE id = ?", (second,))
    ok, message, _ = store.verify_chain()
    assert not ok and message == f"event {second}: its content does not match its hash"


def test_a_removed_judge_event_breaks_the_next_link(store):
    judged(store)
    evs = store.judge_events()
    store.conn.execute("DELETE FROM events WHERE id = ?", (evs[1]["id"],))
    ok, message, _ = store.verify_chain()
    assert not ok and message.startswith(f"event {evs[2]['id']}: its link")


def test_only_one_writer_holds_a_database(store):
    with writer_lock(store.path):
        with pytest.raises(StoreError, match="another writer"):
            with writer_lock(store.path):
                pass


def test_a_database_of_schema_1_is_migrated_and_keeps_its_contestants(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO contestants VALUES ('FJ1', '张三', '福州', 'u', '福州', 0, 0, 1, 0)")
    conn.commit()
    conn.close()
    store = Store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    c = store.conn.execute("SELECT exam_no, prior_expert, substitute FROM contestants").fetchone()
    assert c == ("FJ1", 1, 0)
    # schema 5: the fixed flag columns are read into the contest's own flags, once
    assert store.conn.execute("SELECT flags FROM contestants").fetchone()[0] == '["prior_expert"]'
    assert store.contestants()[0].flags == frozenset({"prior_expert"})


def test_a_file_that_is_not_a_database_is_refused_with_a_clear_message(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a contest database"):
        Store(junk)


def test_a_read_only_database_is_refused_when_it_is_opened_not_on_the_first_record(tmp_path, fujian, fujian_roster):
    """Run as an unprivileged user (root may write any file): `serve` fails at once, naming the file."""
    import os
    import shutil
    import subprocess
    import sys

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run the check as an unprivileged user")
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="scoreboard-ro-", dir="/tmp"))  # pytest's own folders are private
    db = folder / "c.db"
    Store.create(db, fujian, fujian_roster).close()
    (folder / "tokens.toml").write_text('[hall]\nhall-a = "Zq7-vW2pLx9RtY4uKe8sNb3m"\n', encoding="utf-8")
    os.chmod(db, 0o444)
    os.chmod(folder, 0o755)
    for p in (Path(os.getcwd()), *Path(os.getcwd()).parents):
        if os.stat(p).st_mode & 0o005 != 0o005:
            shutil.rmtree(folder)
            pytest.skip(f"{p} is not readable by an unprivileged user")
    code = ("import sys; from db.store import Store, StoreError\n"
            "try:\n    Store(sys.argv[1])\nexcept StoreError as e:\n    print(e); sys.exit(2)\n")
    out = subprocess.run([setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", code,
                          str(db)], capture_output=True, text=True, cwd=os.getcwd(), timeout=60)
    shutil.rmtree(folder)
    assert out.returncode == 2, out.stderr
    assert "the file is read-only" in out.stdout
