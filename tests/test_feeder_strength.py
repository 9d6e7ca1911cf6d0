"""The token strength check: each kind of weak token is refused with its reason, in the tokens
file too (naming the key); random tokens always pass."""

import secrets

import pytest

from feeder.strength import MIN_BITS, estimate_bits, new_token, runs, weakness
from feeder.tokens import Tokens, TokensError
from tests.feeder_support import HALL_TOKENS

HALL = "考场甲"  # a name no ASCII token can contain

WEAK = [
    # (role, name, token, code, English words, Chinese words)
    ("hall", HALL, "aaaaaaaaaaaa", "too_short", "too short (12 characters, at least 16)", "令牌太短"),
    ("hall", HALL, "password1234", "too_short", "too short", "太短"),
    ("hall", HALL, "123456789012", "too_short", "too short", "太短"),
    ("hall", HALL, "qwertyuiop12", "too_short", "too short", "太短"),
    ("hall", HALL, "abcabcabcabc", "too_short", "too short", "太短"),
    ("hall", "hall-a", "hall-a-token-1", "contains_name", "contains its own name 'hall-a'", "包含它自己的名称"),
    ("hall", "hall-a", "hall-a-token-0001", "contains_name", "without it the rest is weak: the token is too short",
     "去掉名称后剩下的部分太弱：令牌太短"),
    ("hall", "hall-a", "hall-aXk3vQ9zLmn", "contains_name", "own name 'hall-a'", "“hall-a”"),
    ("display", "big-screen-main", "big-screen-main", "same_as_name", "is its own name", "就是它自己的名称"),
    ("hall", "hall-a", "HALL-A", "same_as_name", "is its own name", "就是它自己的名称"),
    ("hall", HALL, "correct horse battery staple", "bad_chars", "U+0020", "U+0020"),
    ("hall", HALL, "令牌令牌令牌令牌abcdefgh12345678", "bad_chars", "U+4EE4", "非 ASCII"),
    ("hall", HALL, "aaaaaaaaaaaaaaaaaaaa", "few_distinct", "only 1 different characters (at least 8)", "只用了 1 种"),
    ("hall", HALL, "abcabcabcabcabcabc", "few_distinct", "only 3 different", "只用了 3 种"),
    ("hall", HALL, "password12345678", "pattern", "the common word 'password'", "常见单词“password”"),
    ("judge", "张裁判", "judge-token-0001", "pattern", "the common word 'judge'", "常见单词“judge”"),
    ("hall", HALL, "qwertyuiop1234567890", "pattern", "the keyboard run 'qwertyuiop'", "键盘上相邻的键“qwertyuiop”"),
    ("hall", HALL, "12345678901234567890", "pattern", "the keyboard run '1234567890'", "“1234567890”"),
    ("hall", HALL, "abcdefghijklmnopqrst", "pattern", "the sequence 'abcdefghijklmnopqrst'", "连续字符"),
    ("hall", HALL, "ZYXWVUTSRQ-x8Kp2Lq", "pattern", "the sequence 'ZYXWVUTSRQ'", "连续字符"),
    ("hall", HALL, "Ab3dEf7hAb3dEf7hAb3d", "pattern", "the repetition 'Ab3dEf7hAb3d'", "重复“Ab3dEf7hAb3d”"),
    ("hall", HALL, "bench-hall-token-0001", "pattern", "18 of the token's 21 characters", "片段“bench”"),
    ("hall", HALL, "Password2024!x7Q", "low_entropy", "an estimated 60 bits of randomness (at least 64)", "约 60 位"),
    ("hall", HALL, "8491027365019283", "low_entropy", "53 bits", "53 位"),
]


@pytest.mark.parametrize("role, name, token, code, en, zh", WEAK, ids=[w[2] for w in WEAK])
def test_each_kind_of_weak_token_is_refused_with_its_reason(role, name, token, code, en, zh):
    weak = weakness(token, name)
    assert weak is not None and weak.code == code
    assert en in weak.text("en") and zh in weak.text("zh")


@pytest.mark.parametrize("role, name, token, code, en, zh", WEAK, ids=[w[2] for w in WEAK])
def test_a_tokens_file_with_a_weak_token_is_refused_naming_the_key_and_the_reason(role, name, token, code, en, zh):
    data = {"hall": {"hall-b": HALL_TOKENS["hall-b"]}, role: {name: token}}
    with pytest.raises(TokensError) as exc:
        Tokens.from_dict(data, "tokens.toml")
    assert exc.value.code == code
    assert str(exc.value).startswith(f"tokens.toml: [{role}] {name}: ") and en in str(exc.value)
    assert exc.value.text("zh").startswith(f"tokens.toml: [{role}] {name}: ") and zh in exc.value.text("zh")


def test_a_weak_token_in_a_file_is_refused_when_the_file_is_loaded(tmp_path):
    p = tmp_path / "tokens.toml"
    p.write_text('[hall]\n"hall-a" = "hall-a-token-0001"\n', encoding="utf-8")
    with pytest.raises(TokensError, match=r"\[hall\] hall-a: the token contains its own name"):
        Tokens.load(p)


def test_random_tokens_always_pass_whatever_their_name():
    names = ["hall-a", "a", "hall", "张裁判", "big-screen", "-", "0"]
    for i in range(3000):
        token = secrets.token_urlsafe(24)
        assert weakness(token, names[i % len(names)]) is None, token
        assert estimate_bits(token) >= 2 * MIN_BITS, token
    made = {new_token() for _ in range(200)}
    assert len(made) == 200 and all(len(t) == 32 and weakness(t) is None for t in made)


def test_a_strong_token_that_happens_to_hold_its_name_is_judged_by_the_rest():
    token = HALL_TOKENS["hall-a"]
    assert weakness("hall-a" + token, "hall-a") is None
    assert weakness(token[:6] + "hall-a" + token[6:14], "hall-a").code == "contains_name"


def test_the_runs_are_the_guessable_pieces_and_never_overlap():
    found = runs("password-qwerty-abcd-Xaaaa-2024-k3v")
    assert [(r.kind, r.start, r.end) for r in sorted(found, key=lambda r: r.start)] == [
        ("word", 0, 8), ("keyboard", 9, 15), ("sequence", 16, 20), ("repeat", 23, 26), ("piece", 27, 31)]
    assert runs("s-r7EjQw7359bZzveacStIwphmtbTT8K") == []
