"""The tokens file: who may connect to the feeder, in which role.

```toml
[hall]
"hall-a" = "s-r7EjQw7359bZzveacStIwphmtbTT8K"
[judge]
"张裁判" = "…"
[chief]
"李主裁" = "…"
[display]
"big-screen" = "…"
```

Each token authorises exactly one name in one role. Tokens are compared in
constant time (`hmac.compare_digest`), and an unknown name costs the same as a
wrong token, so a failed login tells an attacker nothing. A token used twice
in the file is an error: it would let one hall write as another. A weak token
is an error too (`feeder.strength`: its name, too short, guessable), naming the
key and the reason. `scoreboard tokens new` writes such a file.
"""

from __future__ import annotations

import hmac
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from scoreboard.limits import MAX_ID, bounded, plain_text_problem

from .strength import weakness
from .words import say

ROLES = ("hall", "judge", "chief", "display")
VIEW_ROLES = ("judge", "chief", "display")  # a console or screen may say only its token: `role = "view"`
_DUMMY = "x" * 48


class TokensError(Exception):
    """A tokens file that cannot be used; the message names the file and the key.

    `str()` is English (logs, the library); `text(lang)` is what a command prints."""

    def __init__(self, where: str, key: str | None, code: str, weak=None, **params):
        self.where, self.key, self.code, self.weak, self.params = where, key, code, weak, params
        super().__init__(self.text("en"))

    def text(self, lang: str = "zh") -> str:
        reason = self.weak.text(lang) if self.weak is not None else say(self.code, lang, **self.params)
        return f"{self.where}: {self.key}: {reason}" if self.key else f"{self.where}: {reason}"


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _bare_key(text: str) -> tuple[int, str] | None:
    """The first `name = value` line whose name TOML cannot read unquoted (a Chinese name, a space): its line
    number and the name."""
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#[\"'" or "=" not in stripped:
            continue
        key = stripped.split("=", 1)[0].strip()
        if key and not all(_BARE.fullmatch(part.strip()) for part in key.split(".")):
            return n, key
    return None


@dataclass
class Tokens:
    by_role: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict, where: str = "tokens") -> "Tokens":
        by_role: dict[str, dict[str, str]] = {r: {} for r in ROLES}
        seen: dict[str, str] = {}
        for section, entries in data.items():
            if section not in ROLES:
                raise TokensError(where, None, "unknown_section", section=section, expected=", ".join(ROLES))
            if not isinstance(entries, dict):
                raise TokensError(where, None, "not_a_table", section=section)
            for name, token in entries.items():
                key = f"[{section}] {bounded(str(name), 80)}"
                problem = plain_text_problem(str(name), MAX_ID)
                if problem:  # a hello could never name it (feeder.protocol.parse_hello)
                    raise TokensError(where, key, "unusable_name", why=problem)
                if not isinstance(token, str):
                    raise TokensError(where, key, "not_a_string")
                weak = weakness(token, str(name))
                if weak is not None:
                    raise TokensError(where, key, weak.code, weak=weak)
                if token in seen:
                    raise TokensError(where, key, "reused", other=seen[token])
                seen[token] = key
                by_role[section][str(name)] = token
        return cls(by_role)

    @classmethod
    def load(cls, path: str | Path) -> "Tokens":
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TokensError(str(p), None, "unreadable", why=getattr(exc, "strerror", None) or exc) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            bare = _bare_key(text)
            if bare is not None:  # the usual slip: a Chinese name written without quotes
                raise TokensError(str(p), None, "bare_key", line=bare[0], name=bare[1]) from None
            raise TokensError(str(p), None, "not_toml", why=exc) from None
        return cls.from_dict(data, str(p))

    def check(self, role: str, name: str, token: object) -> bool:
        """True when `token` is the one configured for `name` in `role` (constant time)."""
        expected = self.by_role.get(role, {}).get(name) if isinstance(name, str) else None
        given = token.encode() if isinstance(token, str) else b""
        ok = hmac.compare_digest((expected or _DUMMY).encode(), given)
        return ok and expected is not None

    def identify(self, token: object, roles=VIEW_ROLES) -> tuple[str, str] | None:
        """(role, name) whose token this is, among `roles` (None: none). Every token is compared, in constant
        time, so how long it takes says nothing about which matched."""
        given = token.encode() if isinstance(token, str) else b""
        found = None
        for role in roles:
            for name, expected in self.by_role.get(role, {}).items():
                if hmac.compare_digest(expected.encode(), given) and given:
                    found = (role, name)
        return found

    def names(self, role: str) -> list[str]:
        return list(self.by_role.get(role, {}))
