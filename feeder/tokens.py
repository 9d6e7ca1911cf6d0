"""The tokens file: who may connect to the feeder, in which role.

```toml
[hall]
hall-a = "a long random token"
[judge]
张裁判 = "…"
[chief]
李主裁 = "…"
[display]
big-screen = "…"
```

Each token authorises exactly one name in one role. Tokens are compared in
constant time (`hmac.compare_digest`), and an unknown name costs the same as a
wrong token, so a failed login tells an attacker nothing. A token used twice
in the file is an error: it would let one hall write as another.
"""

from __future__ import annotations

import hmac
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("hall", "judge", "chief", "display")
MIN_LENGTH = 12
_DUMMY = "x" * 48


class TokensError(Exception):
    """A tokens file that cannot be used; the message names the key."""


@dataclass
class Tokens:
    by_role: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict, where: str = "tokens") -> "Tokens":
        by_role: dict[str, dict[str, str]] = {r: {} for r in ROLES}
        seen: dict[str, str] = {}
        for section, entries in data.items():
            if section not in ROLES:
                raise TokensError(f"{where}: unknown section [{section}] (expected one of {', '.join(ROLES)})")
            if not isinstance(entries, dict):
                raise TokensError(f"{where}: [{section}] must be a table of name = \"token\"")
            for name, token in entries.items():
                key = f"[{section}] {name}"
                if not isinstance(token, str):
                    raise TokensError(f"{where}: {key}: the token must be a string")
                if len(token) < MIN_LENGTH:
                    raise TokensError(f"{where}: {key}: the token is too short (at least {MIN_LENGTH} characters)")
                if token in seen:
                    raise TokensError(f"{where}: {key}: the same token is already used by {seen[token]}")
                seen[token] = key
                by_role[section][str(name)] = token
        return cls(by_role)

    @classmethod
    def load(cls, path: str | Path) -> "Tokens":
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise TokensError(f"{p}: cannot read the tokens file ({exc.strerror or exc})") from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise TokensError(f"{p}: not valid TOML ({exc})") from None
        return cls.from_dict(data, str(p))

    def check(self, role: str, name: str, token: object) -> bool:
        """True when `token` is the one configured for `name` in `role` (constant time)."""
        expected = self.by_role.get(role, {}).get(name) if isinstance(name, str) else None
        given = token.encode() if isinstance(token, str) else b""
        ok = hmac.compare_digest((expected or _DUMMY).encode(), given)
        return ok and expected is not None

    def names(self, role: str) -> list[str]:
        return list(self.by_role.get(role, {}))
