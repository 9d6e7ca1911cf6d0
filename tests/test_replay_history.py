"""The replay's history charts (screen 4) with Chinese names, titles and labels: every row of the
rank chart and the distributions stays one row, every border on its line, at 160×45 and 200×50.
Update deliberately with `--snapshot-update` and look at the SVGs before committing them."""

from __future__ import annotations

import pytest

from display.replay.app import make_app
from display.replay.history import HistoryScreen

from .test_replay_support import day, day_db, settle  # noqa: F401 - fixtures

SIZES = {"160x45": (160, 45), "200x50": (200, 50)}


async def open_history(pilot):
    app = pilot.app
    await settle(pilot, lambda: app.replica is not None and app.replica.st is not None)
    await pilot.press("4")
    await settle(pilot, lambda: isinstance(app.screen, HistoryScreen) and app.screen.history is not None)
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_the_history_charts_with_chinese_labels_keep_their_rows_and_borders(day, snap_compare, size):
    app = make_app(day=day, start=(len(day.events) * 2) // 3, scans=False)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=open_history)


def test_the_legend_is_laid_out_in_cells_so_chinese_names_never_run_past_its_width():
    from display.replay.history import COLOURS, legend_rows

    names = ["FJ0041 廖婷俊", "FJ0031 郑秀", "FJ0015 欧阳建勇", "龙岩", "省厅窗口单位", "FJ0102 司马相如"]
    entries = [(n, COLOURS[i]) for i, n in enumerate(names)]
    for width in (30, 60, 100, 160):
        rows = legend_rows(entries, width)
        assert all(row.cell_len <= width for row in rows)
        assert sorted(n for row in rows for n in names if n in row.plain) == sorted(names)  # none lost
    assert len(legend_rows(entries, 110)) == 1  # all on one line when they fit: 103 cells
    assert len(legend_rows(entries, 90)) > 1  # counted with len() they would fit in 90 (82); in cells they do not
