"""Wrapping text whose Chinese characters take two columns of a terminal.

click wraps help by counting characters and breaks only at spaces, so a Chinese paragraph (no spaces, each
character two columns wide) runs past the terminal's edge. `wrap` counts columns, breaks between Chinese
characters as well as at spaces, and keeps Chinese punctuation off the start of a line (，。 stay with the
word before them, （“ with the word after). Paragraphs and click's `\\b` blocks (kept as written) are
handled as click handles them.
"""

from __future__ import annotations

import unicodedata

CLOSING = set("，。、；：！？）」』》〉”’…,.;:!?)]}%")
OPENING = set("（「『《〈“‘([{")


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def width(text: str) -> int:
    """Columns `text` takes in a terminal: two for each wide (Chinese) character, one for the rest."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def clip(text: str, columns: int, mark: str = "…") -> str:
    """`text` cut to `columns` columns, with `mark` where it was cut."""
    if width(text) <= columns:
        return text
    out, used = [], width(mark)
    for ch in text:
        w = width(ch)
        if used + w > columns:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + mark


def _atoms(text: str) -> list[str]:
    """Words, single wide characters and runs of spaces; punctuation glued to the word it belongs to."""
    atoms: list[str] = []
    word = ""
    for ch in text:
        if ch.isspace() or is_wide(ch):
            if word:
                atoms.append(word)
                word = ""
            if ch.isspace():
                if atoms and atoms[-1] == " ":
                    continue
                atoms.append(" ")
            else:
                atoms.append(ch)
        else:
            word += ch
    if word:
        atoms.append(word)
    glued: list[str] = []
    carry = ""
    for atom in atoms:
        if atom == " ":
            if carry:  # an opening mark before a space keeps its place
                glued.append(carry)
                carry = ""
            glued.append(atom)
            continue
        atom, carry = carry + atom, ""
        if glued and glued[-1] != " " and atom[0] in CLOSING:
            glued[-1] += atom
        elif atom[-1] in OPENING and len(atom) == 1:
            carry = atom
        else:
            glued.append(atom)
    if carry:
        glued.append(carry)
    return glued


def fill(text: str, columns: int, first_indent: str = "", indent: str = "") -> str:
    """One paragraph filled into lines of at most `columns` columns (a single word wider stays whole)."""
    lines: list[str] = []
    line, used, space = first_indent, width(first_indent), False
    has_text = False
    for atom in _atoms(text):
        if atom == " ":
            space = has_text
            continue
        need = width(atom) + (1 if space else 0)
        if has_text and used + need > columns:
            lines.append(line)
            line, used = indent + atom, width(indent) + width(atom)
        else:
            line += (" " if space else "") + atom
            used += need
        has_text, space = True, False
    if has_text or not lines:
        lines.append(line)
    return "\n".join(lines)


def _join(lines: list[str]) -> str:
    """A paragraph's source lines as one text: no space where Chinese meets Chinese."""
    text = ""
    for line in lines:
        if text and not (is_wide(text[-1]) and is_wide(line[0])):
            text += " "
        text += line
    return text


def wrap(text: str, columns: int = 78, first_indent: str = "", indent: str = "",
         preserve_paragraphs: bool = False) -> str:
    """click's `wrap_text`, measured in terminal columns."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return fill(" ".join(text.split("\n")), columns, first_indent, indent)
    paragraphs: list[tuple[int, bool, list[str]]] = []
    buf: list[str] = []
    extra: int | None = None

    def flush() -> None:
        if buf:
            raw = buf[0].strip() == "\b"
            paragraphs.append((extra or 0, raw, buf[1:] if raw else list(buf)))
            buf.clear()

    for line in text.splitlines():
        if not line.strip():
            flush()
            extra = None
            continue
        if extra is None:
            extra = len(line) - len(line.lstrip())
        buf.append(line if buf and buf[0].strip() == "\b" else line.strip())
    flush()
    out = []
    for more, raw, lines in paragraphs:
        pad = " " * more
        if raw:
            out.append("\n".join(indent + pad + line for line in lines))
        else:
            out.append(fill(_join(lines), columns, first_indent + pad, indent + pad))
    return "\n\n".join(out)
