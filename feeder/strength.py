"""Is a token strong enough to stand between the network and the results?

A small check a person can follow, in this order (docs/protocol.md, section 8):

1. Not its own name. Names are not secret (they are in the hello and on the judges'
   screens), so a token that contains its name is judged without it: what remains must
   pass every rule below on its own.
2. At least 16 characters, all printable ASCII and no spaces (a token is copied,
   pasted and read back from a file's first line).
3. At least 8 different characters.
4. At most half of it made of guessable runs: common words (`password`, `token`,
   `hall`, ...), keyboard runs (`qwerty`, `asdf`, `1234`), sequences (`abcd`, `9876`),
   repetitions (`aaaa`, `abcabc`: the copies after the first), and pieces between
   punctuation marks that are all lower-case, all capitals or all digits (the words and
   numbers of `bench-hall-token-0001`).
5. An estimated 64 bits of randomness or more: each character outside the runs is worth
   log2 of the alphabet its kind suggests (26 lower-case letters, + 26 capitals,
   + 10 digits, + 32 punctuation marks: 6.6 bits when all four appear), and each run
   a flat 8 bits (a guesser tries such runs first).

`secrets.token_urlsafe(24)` (32 characters, 192 random bits) passes: for it to fail,
chance would have to put a guessable run across half of it. `new_token` draws one.
"""

from __future__ import annotations

import math
import secrets
import string
from dataclasses import dataclass, field

from .words import say

MIN_LENGTH = 16
MIN_DISTINCT = 8
MIN_BITS = 64
RUN_BITS = 8.0  # what one guessable run is worth, whatever its length
MIN_RUN = 4  # a word, keyboard or sequence run counts from this many characters
MIN_REPEAT = 3  # a repetition counts from this many repeated characters
MIN_PIECE = 3  # a one-kind piece between punctuation marks counts from this many characters

WORDS = (
    "password", "passwd", "secret", "token", "admin", "login", "guest", "root", "user", "master", "default",
    "changeme", "welcome", "letmein", "iloveyou", "trustno1", "dragon", "monkey", "shadow", "sunshine",
    "football", "baseball", "superman", "batman", "princess", "example", "sample", "test", "demo",
    "hall", "judge", "chief", "display", "screen", "score", "board", "contest", "exam", "final",
    "china", "beijing", "fujian", "shaanxi", "mima", "caipan", "kaochang", "dasai", "bisai", "woaini",
)
ONE_KIND = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
KEYBOARD = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")


@dataclass(frozen=True)
class Weakness:
    """Why a token is refused: a message key of feeder/words.py, its parameters, and, for a
    token that holds its name, why the rest is weak."""

    code: str
    params: dict = field(default_factory=dict)
    inner: "Weakness | None" = None

    def text(self, lang: str = "en") -> str:
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = say(f"kind_{params['kind']}", lang)
        if self.inner is not None:
            params["rest"] = self.inner.text(lang)
        return say(self.code, lang, **params)


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    kind: str  # word, keyboard, sequence, repeat, piece

    def __len__(self) -> int:
        return self.end - self.start


def weakness(token: str, name: str = "") -> Weakness | None:
    """Why `token` is too weak for `name` (None: it is strong enough)."""
    folded, who = token.casefold(), name.casefold()
    if who and folded == who:
        return Weakness("same_as_name")
    if who and who in folded:
        rest = _without(token, name)
        inner = weakness(rest)
        return Weakness("contains_name", {"name": name}, inner) if inner else None
    if len(token) < MIN_LENGTH:
        return Weakness("too_short", {"length": len(token), "minimum": MIN_LENGTH})
    bad = next((ch for ch in token if not "!" <= ch <= "~"), None)
    if bad is not None:
        return Weakness("bad_chars", {"char": f"U+{ord(bad):04X}"})
    distinct = len(set(token))
    if distinct < MIN_DISTINCT:
        return Weakness("few_distinct", {"distinct": distinct, "minimum": MIN_DISTINCT})
    found = runs(token)
    covered = sum(len(r) for r in found)
    if 2 * covered > len(token):
        longest = max(found, key=len)
        return Weakness("pattern", {"covered": covered, "length": len(token), "kind": longest.kind,
                                    "run": token[longest.start:longest.end]})
    bits = estimate_bits(token, found)
    if bits < MIN_BITS:
        return Weakness("low_entropy", {"bits": int(bits), "minimum": MIN_BITS})
    return None


def estimate_bits(token: str, found: list[Run] | None = None) -> float:
    """The randomness estimate of rule 5, in bits."""
    found = runs(token) if found is None else found
    covered = sum(len(r) for r in found)
    return RUN_BITS * len(found) + (len(token) - covered) * math.log2(_alphabet(token))


def runs(token: str) -> list[Run]:
    """The guessable runs of `token`, longest first, none overlapping."""
    t = token.casefold()
    candidates = [*_words(t), *_keyboard(t), *_sequences(t), *_repeats(t), *_pieces(token)]
    taken = [False] * len(t)
    chosen: list[Run] = []
    for r in sorted(candidates, key=lambda r: (-len(r), r.start)):
        if not any(taken[r.start:r.end]):
            chosen.append(r)
            taken[r.start:r.end] = [True] * len(r)
    return chosen


def new_token() -> str:
    """A fresh random token that passes the check (192 random bits, 32 URL-safe characters)."""
    while True:
        token = secrets.token_urlsafe(24)
        if weakness(token) is None:
            return token


def _without(token: str, name: str) -> str:
    folded, who, out, i = token.casefold(), name.casefold(), [], 0
    while i < len(token):
        if folded.startswith(who, i):
            i += len(who)
        else:
            out.append(token[i])
            i += 1
    return "".join(out)


def _alphabet(token: str) -> int:
    size = 0
    size += 26 if any("a" <= c <= "z" for c in token) else 0
    size += 26 if any("A" <= c <= "Z" for c in token) else 0
    size += 10 if any(c.isdigit() for c in token) else 0
    size += 32 if any(not c.isalnum() for c in token) else 0
    return max(size, 2)


def _words(t: str):
    for w in WORDS:
        i = t.find(w)
        while i >= 0:
            yield Run(i, i + len(w), "word")
            i = t.find(w, i + 1)


def _pieces(token: str):
    """Between punctuation marks, a piece of one kind only (all lower-case, all capitals or all digits):
    a word or a number someone chose (`bench-hall-token-0001`)."""
    if all(c.isalnum() for c in token):
        return
    start = 0
    for end in [i for i, c in enumerate(token) if not c.isalnum()] + [len(token)]:
        piece = token[start:end]
        if len(piece) >= MIN_PIECE and any(all(c in kind for c in piece) for kind in ONE_KIND):
            yield Run(start, end, "piece")
        start = end + 1


def _keyboard(t: str):
    rows = [*KEYBOARD, *(row[::-1] for row in KEYBOARD)]
    for i in range(len(t)):
        j = i + MIN_RUN
        if not any(t[i:j] in row for row in rows) or j > len(t):
            continue
        while j < len(t) and any(t[i:j + 1] in row for row in rows):
            j += 1
        yield Run(i, j, "keyboard")


def _sequences(t: str):
    i = 0
    while i < len(t) - 1:
        step = ord(t[i + 1]) - ord(t[i])
        j = i + 1
        if step in (1, -1) and t[i].isalnum():
            while j + 1 < len(t) and ord(t[j + 1]) - ord(t[j]) == step and t[j + 1].isalnum():
                j += 1
            if j + 1 - i >= MIN_RUN:
                yield Run(i, j + 1, "sequence")
        i = j


def _repeats(t: str):
    """For each period k, the spans where every character equals the one k before (the copies)."""
    for k in range(1, len(t) // 2 + 1):
        start = None
        for p in range(k, len(t) + 1):
            same = p < len(t) and t[p] == t[p - k]
            if same and start is None:
                start = p
            elif not same and start is not None:
                if p - start >= (MIN_REPEAT if k < MIN_RUN else MIN_RUN):
                    yield Run(start, p, "repeat")
                start = None
