"""The tokens file: loading, errors that name the key, constant-time checks."""

import pytest

from feeder.tokens import Tokens, TokensError
from tests.feeder_support import HALL_TOKENS, JUDGE, TOKENS_TOML

A, B, J = HALL_TOKENS["hall-a"], HALL_TOKENS["hall-b"], JUDGE[1]


def test_a_tokens_file_maps_each_role_and_name_to_its_token(tmp_path):
    p = tmp_path / "tokens.toml"
    p.write_text(TOKENS_TOML, encoding="utf-8")
    t = Tokens.load(p)
    assert t.check("hall", "hall-a", A)
    assert t.check("judge", "张裁判", J)
    assert t.names("hall") == ["hall-a", "hall-b", "hall-c"]


def test_a_token_never_authorises_another_name_or_role():
    t = Tokens.from_dict({"hall": {"hall-a": A, "hall-b": B}, "judge": {"j": J}})
    assert t.check("hall", "hall-a", A) and t.check("judge", "j", J)
    assert not t.check("hall", "hall-b", A)
    assert not t.check("judge", "hall-a", A)
    assert not t.check("chief", "j", J)
    assert not t.check("hall", "nobody", A)
    assert not t.check("hall", "hall-a", None)
    assert not t.check("hall", "hall-a", "")


@pytest.mark.parametrize(
    "data, words",
    [
        ({"hall": {"hall-a": "short"}}, ["[hall] hall-a", "too short"]),
        ({"hall": {"hall-a": 12345678901234}}, ["[hall] hall-a", "string"]),
        ({"halls": {"hall-a": A}}, ["[halls]", "unknown section"]),
        ({"hall": A}, ["[hall]", "table"]),
        ({"hall": {"hall-a": A}, "judge": {"j": A}}, ["[judge] j", "already used by [hall] hall-a"]),
    ],
)
def test_a_bad_tokens_file_is_refused_with_a_message_naming_the_key(data, words):
    with pytest.raises(TokensError) as exc:
        Tokens.from_dict(data, "tokens.toml")
    for w in words:
        assert w in str(exc.value)


def test_a_tokens_file_that_is_not_toml_or_missing_is_named(tmp_path):
    p = tmp_path / "t.toml"
    p.write_text("[hall\nx=", encoding="utf-8")
    with pytest.raises(TokensError, match="not valid TOML"):
        Tokens.load(p)
    with pytest.raises(TokensError, match="cannot read"):
        Tokens.load(tmp_path / "missing.toml")


def test_a_chinese_name_without_quotes_is_named_with_the_line_and_the_fix(tmp_path):
    p = tmp_path / "t.toml"
    p.write_text('[judge]\n"王裁判" = "a"\n张裁判 = "jyAJJxOzGA7z8bERkNkQ5VWse0QJ07Va"\n', encoding="utf-8")
    with pytest.raises(TokensError) as exc:
        Tokens.load(p)
    assert exc.value.text("zh") == f'{p}: 第 3 行：名称 张裁判 须加英文双引号，写作 "张裁判" = "令牌"（TOML 只认不加引号的英文字母、数字、- 和 _）'
    assert 'must be in double quotes, as "张裁判" = "token"' in exc.value.text("en")


@pytest.mark.parametrize("name, words", [("h" * 65, "65 characters long"), ("hall\na", "control character U+000A"),
                                         ("", "is empty")])
def test_a_name_no_hello_could_carry_is_refused_in_the_tokens_file(name, words):
    with pytest.raises(TokensError) as caught:
        Tokens.from_dict({"hall": {name: HALL_TOKENS["hall-a"]}})
    assert caught.value.code == "unusable_name" and words in str(caught.value) and len(str(caught.value)) < 300
    assert "登录时无法使用" in caught.value.text("zh")
