"""`scoreboard tokens new`: a tokens file of fresh random tokens, private from its first byte.

The file is the TOML `feeder.tokens` reads, every key quoted (so `"张裁判"` and any other
name work), each token from `feeder.strength.new_token`. It is created with mode 0600 by
`os.open`, so it is never readable by others, not even for an instant; an existing file is
kept unless the organiser asks to replace it (`force`), and then a new private file takes its
place in one rename.
"""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

from scoreboard.clock import BEIJING, stamp
from scoreboard.limits import MAX_ID, plain_text_problem, short

from .strength import new_token
from .tokens import ROLES
from .words import say


class TokenFileError(Exception):
    """A request `tokens new` cannot fulfil; the message is in the command's language."""


def check_names(names: dict[str, list[str]], lang: str) -> None:
    """Each role's names: at least one in all, each a plain id (scoreboard.limits), none twice in a role."""
    if not any(names.values()):
        raise TokenFileError(say("no_names", lang))
    for role in ROLES:
        seen: set[str] = set()
        for name in names.get(role, []):
            problem = plain_text_problem(name, MAX_ID)
            if problem is not None:
                reason = say("bad_name", lang, problem=_problem(name, problem, lang))
                raise TokenFileError(f"--{role} {short(name)}: {reason}")
            if name in seen:
                raise TokenFileError(say("twice", lang, option=f"--{role}", name=name))
            seen.add(name)


def _problem(name: str, problem: str, lang: str) -> str:
    """plain_text_problem's reason, in Chinese when asked (the cases it distinguishes)."""
    if lang == "en":
        return problem
    if not name:
        return "是空的"
    if len(name) > MAX_ID:
        return f"有 {len(name)} 个字符（最多 {MAX_ID} 个）"
    return f"含有控制字符 {problem.rsplit(' ', 1)[-1]}"


def new_tokens(names: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """A fresh strong token for each name of each role, all different."""
    out: dict[str, dict[str, str]] = {}
    used: set[str] = set()
    for role in ROLES:
        for name in names.get(role, []):
            token = new_token()
            while token in used:
                token = new_token()
            used.add(token)
            out.setdefault(role, {})[name] = token
    return out


def toml_text(by_role: dict[str, dict[str, str]], now: float | None = None, lang: str = "zh") -> str:
    """The file's text; its header says when (on the contest's clock: Beijing time, as no rules are known
    here) and how to keep it, in the command's language."""
    when = stamp(time.time() if now is None else now, BEIJING, lang)
    if lang == "en":
        head = [f"# scoreboard tokens new, {when}: the feeder's tokens file (scoreboard serve DB --tokens FILE).",
                "# Keep it on the feeder's machine, readable only by you; hand each person only their own token."]
    else:
        head = [f"# scoreboard tokens new，{when}：数据服务的令牌文件（scoreboard serve DB --tokens FILE）。",
                "# 请只保存在数据服务所在的机器上，仅本人可读；每个令牌只交给其本人。"]
    lines = head
    for role in ROLES:
        if by_role.get(role):
            lines += ["", f"[{role}]"]
            lines += [f"{_quoted(name)} = {_quoted(token)}" for name, token in by_role[role].items()]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A TOML basic string (the names are printable: no control character needs an escape)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_private(path: str | Path, text: str, force: bool, lang: str) -> None:
    """Write `text` to a new file of mode 0600; an existing one only with `force`, replaced in one rename."""
    path = Path(path)
    target = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp") if force else path
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise TokenFileError(say("exists", lang, path=path)) from None
    except OSError as exc:
        raise TokenFileError(say("cannot_write", lang, path=path, why=exc.strerror or exc)) from None
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if force:
            os.replace(target, path)
    except OSError as exc:
        if force:
            target.unlink(missing_ok=True)
        raise TokenFileError(say("cannot_write", lang, path=path, why=exc.strerror or exc)) from None


def summary(path: str | Path, by_role: dict[str, dict[str, str]], lang: str) -> list[str]:
    """What `tokens new` prints: who got a token (never the tokens), and how to hand them out."""
    sep = ", " if lang == "en" else "、"
    lines = [say("written", lang, path=path)]
    lines += [say("role_line", lang, role=say(f"role_{role}", lang), names=sep.join(by_role[role]))
              for role in ROLES if by_role.get(role)]
    lines.append(say("hand_out", lang, path=path))
    return lines
