"""阅卷进度 (marking progress): how far marking has come and how settled the award list is.

The day in one line; items expected, graded and missing per section and per hall (side by side); who has
not handed in; each award's places and how many of them are certain, whether it is settled; and since
when the whole list is settled (or that it is not yet). The numbers are the core's
(scoreboard/progress.py, scoreboard/certainty.py), as `scoreboard progress DB` prints them. Without a
declared paper only graded items are counted, and the screen says why nothing else is.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from ..columns import Col
from ..tablesync import FitTable, TableSync
from ..verdicts import applies
from .base import ConsoleScreen, right
from .footer import ConsoleFooter

SHOWN = 12  # contestants named in the not-handed-in line before 等


def count(value) -> object:
    return right("—" if value is None else str(value))


class ProgressScreen(ConsoleScreen):
    CSS_PATH = "progress.tcss"
    AUTO_FOCUS = "#pg_award_table"

    def __init__(self) -> None:
        super().__init__()
        self.sections: TableSync | None = None
        self.halls: TableSync | None = None
        self.awards: TableSync | None = None

    def compose(self) -> ComposeResult:
        m = self.m
        yield Header()
        yield Static(id="pg_day", classes="title", markup=False)
        yield Static(id="pg_note", classes="warn", markup=False)
        with Horizontal(id="pg_top"):
            with Vertical(id="pg_left"):
                yield Static(m("pg_sections"), classes="title", markup=False)
                yield FitTable(id="pg_section_table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="pg_right"):
                yield Static(m("pg_halls"), classes="title", markup=False)
                yield FitTable(id="pg_hall_table", cursor_type="row", zebra_stripes=True)
        yield Static(id="pg_nf", markup=False)
        yield Static(m("pg_awards"), id="pg_awards_title", classes="title", markup=False)
        yield FitTable(id="pg_award_table", cursor_type="row", zebra_stripes=True)
        yield Static(id="pg_list", markup=False)
        yield ConsoleFooter()

    def on_mount(self) -> None:
        m = self.m

        def number(key: str, width: int = 6, keep: int = 0) -> Col:
            return Col(key, m(f"pg_{key}"), width, keep=keep, min=4)

        # side by side, each half of an 80-column terminal holds its table whole (40 cells)
        self.sections = TableSync(self.query_one("#pg_section_table", DataTable))
        self.sections.set_columns([Col("section", m("section"), 8, min=4), number("expected", keep=1),
                                   number("graded"), number("missing"), number("share", 4, keep=2)])
        self.halls = TableSync(self.query_one("#pg_hall_table", DataTable))
        self.halls.set_columns([Col("hall", m("hall"), 8, min=6), number("people", 4, keep=2), number("graded"),
                                number("missing"), number("nf", keep=1)])
        self.awards = TableSync(self.query_one("#pg_award_table", DataTable))
        self.awards.set_columns([Col("award", m("award"), 34, min=12, flex=True),
                                 Col("places", m("pg_places"), 4, keep=2), Col("certain", m("pg_certain"), 6),
                                 Col("possible", m("pg_possible"), 6, keep=1), Col("state", m("pg_state"), 10)])
        self.refresh_view(True)

    def refresh_view(self, changed: bool) -> None:
        rep = self.replica
        if not changed or rep is None or self.awards is None:
            return
        m, app, rules = self.m, self.app, rep.rules
        prog = rep.progress()
        d = prog.day
        if prog.known:
            share = f"{d.share:.1%}" if d.share is not None else "—"
            day = m("pg_day", graded=d.graded, expected=d.expected, share=share, missing=d.missing,
                    people=d.contestants, done=d.done, nf=d.not_finished)
        else:
            day = m("pg_day_unknown", graded=d.graded, people=d.contestants, nf=d.not_finished)
        self.query_one("#pg_day", Static).update(day)
        note = "" if prog.known else m("pg_no_paper") if applies(rules) else m("pg_stage")
        self.query_one("#pg_note", Static).update(note)
        self.query_one("#pg_note", Static).display = bool(note)

        def share(t) -> str:
            return "—" if t.share is None else f"{t.share:.0%}"

        known = prog.known
        self.sections.sync([sid for sid, _l, _e in prog.sections], [
            (app.label(label, label_en), count(t.expected if known else None), count(t.graded),
             count(t.missing if known else None), right(share(t)))
            for (_sid, label, label_en), t in zip(prog.sections, prog.by_section)])
        halls = {h: t for h, t in prog.by_hall.items() if h or t.contestants}  # no "no marks yet" row once empty
        self.halls.sync([h or "-" for h in halls], [
            (hall or m("pg_no_hall"), count(t.contestants), count(t.graded), count(t.missing if known else None),
             count(t.not_finished)) for hall, t in halls.items()])
        self.query_one("#pg_nf", Static).update(self._not_finished(prog.not_finished))
        self._awards(rep)

    def _not_finished(self, ids: list[str]) -> str:
        if not ids:
            return self.m("pg_all_finished")
        board = self.replica.board
        names = [f"{e} {board.contestants[e].name}" for e in ids[:SHOWN]]
        who = ("、" if self.app.lang == "zh" else ", ").join(names) + (self.m("pg_more") if len(ids) > SHOWN else "")
        return self.m("pg_not_finished", n=len(ids), who=who)

    def _awards(self, rep) -> None:
        m, app, rules = self.m, self.app, rep.rules
        cert = rep.certainty()
        table = self.query_one("#pg_award_table", DataTable)
        title = self.query_one("#pg_awards_title", Static)
        table.display = title.display = cert.known
        if not cert.known:
            self.awards.sync([], [])
            self.query_one("#pg_list", Static).update("")
            return
        rows, keys = [], []
        for aid, ac in cert.awards.items():
            spec = rules.award(aid)
            state = m("pg_award_judges") if ac.judges else m("pg_award_settled") if ac.settled else m("pg_award_open")
            rows.append((app.label(spec.label, spec.label_en), count(ac.places or None), count(len(ac.certain)),
                         count(None if ac.judges else len(ac.possible)), state))
            keys.append(aid)
        self.awards.sync(keys, rows)
        self.query_one("#pg_list", Static).update(self.list_state(rep, cert))

    def list_state(self, rep, cert) -> str:
        m = self.m
        if rep.board.control.locked:
            return m("pg_list_locked")
        state, ev = self.app.settled_since()
        if state == "no":
            return m("pg_list_open")
        if state == "searching":
            return m("pg_list_settled_searching")
        if state == "yes":
            return m("pg_list_settled", at=self.app.stamp(ev.at), event=ev.id) if ev is not None else \
                m("pg_list_settled_start")
        return m("cert_settled")
