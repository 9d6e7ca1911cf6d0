"""The visible screen as plain text (for tests and for looking at a headless run)."""

from __future__ import annotations


def screen_text(app) -> str:
    update = app.screen._compositor.render_full_update()
    lines = []
    for line in update.strips:
        lines.append("".join(seg.text for strip in line for seg in strip).rstrip())
    return "\n".join(lines)
