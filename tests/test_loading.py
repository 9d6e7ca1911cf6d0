"""`scoreboard load`: no line stops the file. Every bad line is quarantined with its reason and the
lines after it go on; a fault inside the fold drops only what is staged and stages it again."""

from __future__ import annotations

import json

from click.testing import CliRunner

from db.cli import cli
from db.loading import load_jsonl
from db.store import Store
from db.verify import verify
from scoreboard.board import Board


def result(seq, item="case-01", who="FJ0001", score=5.0, mx=10.0):
    return {"type": "result", "seq": seq, "contestant": who, "item": item, "section": "case", "score": score,
            "max": mx}


POISON = [
    json.dumps(result(2 ** 63, item="case-09")),  # seq beyond SQLite's integers
    json.dumps(result(3, item="case-02", score=1.0, mx=1e308)),
    json.dumps({"type": "finish", "seq": 4, "contestant": "FJ0001", "time_used": 1e308}),
    "[" * 5000,  # nested past the parser's recursion
    json.dumps({"type": "hello", "protocol": 1, "role": "hall", "source": "h" * 100}),
    "not json at all",
]


def write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_poison_lines_are_quarantined_and_every_valid_line_is_loaded(tmp_path, fujian, fujian_roster):
    db = tmp_path / "c.db"
    Store.create(db, fujian, fujian_roster).close()
    lines = [json.dumps({"type": "hello", "protocol": 1, "role": "hall", "source": "hall-a"}), json.dumps(result(1))]
    lines += POISON + [json.dumps(result(5, item="case-03")), json.dumps({"type": "finish", "seq": 6,
                                                                          "contestant": "FJ0001", "time_used": 3600})]
    out = CliRunner().invoke(cli, ["load", str(db), str(write(tmp_path / "day.jsonl", lines))])
    assert out.exit_code == 0 and "Traceback" not in out.output, out.output
    assert "写入 3 条" in out.output and "隔离 6 条" in out.output  # Chinese by default
    store = Store(db)
    assert [e.seq for e in store.events()] == [1, 5, 6]
    why = [q["message"] for q in store.quarantined()]
    assert any("the largest a log can hold" in m for m in why)
    assert any("at most 1000" in m for m in why) and any("one day" in m for m in why)
    assert any("the hello's source is 100 characters long" in m for m in why)
    assert all(len(m) < 300 for m in why)
    board = store.fold()
    assert board.faults == [] and board.standings().by_exam["FJ0001"].total == 1000  # 5 + 5, in hundredths
    assert verify(store).ok


class BuggyStore(Store):
    """A store whose board's fold fails for the item "boom" (a bug, injected)."""

    def board(self):
        class Buggy(Board):
            def admit(self, rec, ev_id, at, source):
                if rec.get("item") == "boom":
                    raise ArithmeticError("a bug in the fold")
                return super().admit(rec, ev_id, at, source)

        return Buggy(self.rules(), self.contestants())


def test_a_fault_in_the_fold_stages_the_lines_again_and_quarantines_the_faulty_one(tmp_path, fujian, fujian_roster):
    db = tmp_path / "c.db"
    Store.create(db, fujian, fujian_roster).close()
    lines = [json.dumps(result(1)), json.dumps(result(2, item="boom")), json.dumps(result(3, item="case-02"))]
    summary = load_jsonl(BuggyStore(db), str(write(tmp_path / "day.jsonl", lines)), "hall-a")
    assert (summary.lines, summary.accepted, dict(summary.rejected)) == (3, 2, {"unprocessable": 1})
    store = Store(db)
    assert [e.seq for e in store.events()] == [1, 3]
    assert [(q["seq"], q["code"]) for q in store.quarantined()] == [(2, "unprocessable")]
    assert store.acked() == {"hall-a": 3} and verify(store).ok
