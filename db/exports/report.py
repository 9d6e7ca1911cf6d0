"""The printed results report: HTML with print CSS for A4, and PDF through WeasyPrint.

The same tables as the workbook: every award block, the advancement lists,
team and individual results and the judges' log. The status (PROVISIONAL, or
the lock with the chain hash) is in the banner and in every page's top margin
(a margin box: it never covers a table's header repeated on the next page).
An award block prints only the columns its rows fill (a team award has no exam
number, name, unit or group).
"""

from __future__ import annotations

import shutil
import subprocess

import jinja2
from markupsafe import Markup

from .report_template import TEMPLATE
from .snapshot import Snapshot
from .tables import build, plain

_KLASS = {"int": "num", "score": "num", "time": "num", "hash": "hash", "long": "long"}
_WRAPS = {"unit", "award", "awards", "advancement", "contest"}  # text columns that may wrap
NOWRAP_MAX = 30  # characters: a longer name (or team...) wraps too, so it cannot push its table off the page


def _klass(c, v=None) -> str:
    """The cell's class: numbers and hashes by format; short text (a name, a team) on one line."""
    if c.fmt in _KLASS:
        return _KLASS[c.fmt]
    return "" if c.key in _WRAPS or len(plain(c.fmt, v)) > NOWRAP_MAX else "nw"


def _shown(columns, rows) -> list[int]:
    """The columns a printed block shows: those with a value in some row (a team award's block has no exam
    number, name, unit or group; the workbook keeps every column, for sorting and filtering)."""
    return [i for i in range(len(columns)) if any(r[i] not in (None, "") for r in rows)] or list(range(len(columns)))


def _css(text: str) -> str:
    """A string made safe inside a CSS string literal."""
    out = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return Markup(out.replace("<", "\\3c ").replace(">", "\\3e ").replace("&", "\\26 "))


def render_html(snap: Snapshot) -> str:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["css"] = _css
    tpl = env.from_string(TEMPLATE)
    page_word = ('"第 " counter(page) " 页，共 " counter(pages) " 页"' if snap.lang == "zh"
                 else '"Page " counter(page) " of " counter(pages)')
    return tpl.render(
        lang=snap.lang, title=snap.title, date=snap.contest_date(), provisional=snap.provisional,
        status_line=snap.status_line(), status_short=snap.status_short(), chain_head=snap.chain_head,
        made_at=snap.t("made_at", at=snap.time_text(snap.made_at)),
        chain_ok=snap.t("chain_ok", n=snap.chain_events, chain=snap.chain_head),
        blocks=[build(snap, "awards"), build(snap, "advancement")],
        flat=[build(snap, "teams"), build(snap, "results"), build(snap, "audit")],
        t=snap.t, plain=plain, zip=zip, klass=_klass, shown=_shown,
        page_word=Markup(page_word),
    )


def pdf_unavailable() -> str | None:
    """Why a PDF cannot be made on this machine, or None when it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"WeasyPrint cannot load here ({first}); it needs Pango (Debian: libpango-1.0-0)"
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return "fontconfig's fc-list is missing, so no Chinese font can be found (Debian: fontconfig)"
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    if not found.strip():
        return ("no Chinese font is installed, so the names would print as empty boxes "
                "(Debian: apt-get install fonts-noto-cjk, or fonts-wqy-microhei)")
    return None


def render_pdf(snap: Snapshot) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(snap)).write_pdf()
