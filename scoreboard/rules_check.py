"""The checks every key of a rules file goes through (scoreboard/rules.py and the parsers it hands them to:
paper.py, flags.py, stage.py): a key present with the right type, no key the table does not know, a value
among the allowed ones. Each refusal names the key's path in the file (scoreboard/rules_words.py).
"""

from __future__ import annotations

from .flags import ALLOWED as FLAG_KEYS
from .rules_words import RulesError, kind_name


def _get(table: dict, key: str, where: str, kind: type | tuple, default=...):
    if key not in table:
        if default is ...:
            raise RulesError.of("missing_key", where=where, key=key)
        return default
    value = table[key]
    if isinstance(value, bool) and kind in (int, (int, float)):
        raise RulesError.of("wrong_kind", where=where, key=key, kind=kind_name(kind), value=repr(value))
    if not isinstance(value, kind):
        raise RulesError.of("wrong_kind", where=where, key=key, kind=kind_name(kind), value=repr(value))
    return value


ALLOWED_KEYS = {
    "rules": {"id", "title", "title_en", "format", "id_prefix", "date", "sections", "teams", "team_score",
              "tiebreak", "ties", "eligibility", "awards", "advancement", "ceremony", "rounds", "flags",
              "timezone"},
    "flags": FLAG_KEYS,
    "substitute": {"flag", "award", "within_count"},
    "ceremony": {"award", "by_group", "from_last"},
    "rounds": {"id", "label", "label_en", "kind", "points", "penalty", "stakes", "max", "drop"},
    "sections": {"id", "label", "label_en", "items", "points", "paper"},
    "teams": {"name", "name_en", "quota", "units", "group", "own_entry"},
    "team_score": {"formula", "k", "absent"},
    "ties": {"at_cutoff"},
    "eligibility": {"forbid"},
    "awards": {"id", "label", "label_en", "kind", "count", "counts", "exclude", "substitute", "tie_policy",
               "only_teams_with", "pool", "pool_en", "scope"},
}


def _no_unknown(table: dict, allowed: str, where: str) -> None:
    for key in table:
        if key not in ALLOWED_KEYS[allowed]:
            raise RulesError.of("unknown_key", where=where, key=key, known=", ".join(sorted(ALLOWED_KEYS[allowed])))


def _choice(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise RulesError.of("not_one_of", where=where, value=value, allowed=", ".join(allowed))
    return value
