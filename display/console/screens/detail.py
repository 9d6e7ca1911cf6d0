"""One contestant: every item mark with its regrades, rank over time, and the
core's explanation of the rank and of the award (or of its absence)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static
from textual_plotext import PlotextPlot

from scoreboard.events import fmt_points
from scoreboard.explain import explain_contestant
from scoreboard.items import item_in_section

from ..columns import Col
from ..tablesync import FitTable, TableSync
from ..verdicts import applies
from .base import DAY_BINDINGS, ConsoleScreen, fmt_time_used, note_text
from .footer import ConsoleFooter


class DetailScreen(ConsoleScreen):
    CSS_PATH = "detail.tcss"
    AUTO_FOCUS = "#marks"
    BINDINGS = [Binding("escape", "app.pop_screen", "back"), *DAY_BINDINGS]

    def __init__(self, exam_no: str) -> None:
        super().__init__()
        self.exam_no = exam_no
        self.sync: TableSync | None = None
        self.plotted: list | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="who", classes="title", markup=False)
        with Horizontal(id="body"):
            yield FitTable(id="marks", cursor_type="row", zebra_stripes=True)
            with Vertical(id="side"):
                yield Static(self.m("explanation"), classes="title", markup=False)
                yield Static(id="explain", markup=False)
                yield PlotextPlot(id="ranks")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        m = self.m
        self.sync = TableSync(self.query_one("#marks", DataTable))
        self.sync.set_columns([Col("item", m("item"), 10), Col("section", m("section"), 8, keep=2),
                               Col("mark", m("mark"), 6), Col("max", m("max"), 5, keep=1),
                               Col("history", m("history"), 24, min=10, flex=True)])
        self.refresh_view(True)

    def refresh_view(self, changed: bool) -> None:
        rep = self.replica
        if not changed or rep is None or rep.st is None or self.sync is None:
            return
        st, lang = rep.st, self.app.lang
        row = st.by_exam[self.exam_no]
        m = self.m
        note = note_text(st, row, lang, rep.rules)
        self.query_one("#who", Static).update(
            f"{row.exam_no} {row.name} · {row.team} · {row.unit} · {m('group')} {row.group} · "
            f"{m('rank')} {'—' if row.status else row.rank} · {m('total')} {fmt_points(row.total)} · "
            f"{m('graded')} {row.graded} · {m('time_used')} {fmt_time_used(row.time_used)}"
            + (f" · {note}" if note else ""))
        labels = {s.id: self.app.label(s.label, s.label_en) for s in rep.rules.sections}
        rows, keys = [], []
        for item, section, marks, mx in rep.marks_of(self.exam_no):
            history = " → ".join(fmt_points(x) for x in marks)
            if len(marks) > 1:
                history += m("regraded", n=len(marks) - 1)
            rows.append((item_in_section(item, section, lang), labels.get(section, section), fmt_points(marks[-1]), fmt_points(mx), history))
            keys.append(item)
        self.sync.sync(keys, rows)
        cert = rep.certainty() if applies(rep.rules) else None  # with a paper: one line per award (✔ … ✘)
        lines = explain_contestant(rep.rules, st, rep.board.awards(), self.exam_no, lang, board=rep.board,
                                   when=self.app.fmt_time, certainty=cert if cert is not None and cert.known else None)
        self.query_one("#explain", Static).update(Text("\n".join(lines)))
        self._plot(rep.rank_hist.get(self.exam_no, []))

    def selected_contestant(self) -> str:
        return self.exam_no

    def _plot(self, points: list[tuple[float, int]]) -> None:
        if points == self.plotted:
            return
        self.plotted = list(points)
        widget = self.query_one("#ranks", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(self.m("rank_over_time"))
        if points:
            xs = list(range(1, len(points) + 1))
            ys = [r for _at, r in points]
            plt.plot(xs, ys, marker="braille")
            plt.yreverse(True)
            low, high = min(ys), max(ys)  # ranks are whole: one tick per place, at most about six
            step = max(1, (high - low) // 6 or 1)
            ticks = list(range(low, high + 1, step))
            plt.yticks(ticks, [str(t) for t in ticks])
            if low == high:
                plt.ylim(low - 1, high + 1)
            plt.xticks(xs[:: max(1, len(xs) // 6)], [self.app.fmt_time(points[i - 1][0])[:5]
                                                     for i in xs[:: max(1, len(xs) // 6)]])
            plt.xlabel(self.app.zone_label())
        widget.refresh()
