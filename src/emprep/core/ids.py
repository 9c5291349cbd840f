"""Ids as people type them: any case, an unambiguous prefix, and "did you mean" for a typo."""

from __future__ import annotations

from emprep.core.errors import EmprepError, shown


def did_you_mean(word: str, choices: list[str]) -> str:
    """`did you mean 'x'? ` when a choice is close to `word`, else nothing."""
    import difflib

    key = word.strip().lower()
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if not close and key:
        # a prefix is taken for its id, so a typo in one (rec-sallary) is a typo of the ids'
        # starts as long as it: named when it is close to one id's start alone
        starts: dict[str, list[str]] = {}
        for c in choices:
            starts.setdefault(c[: len(key)], []).append(c)
        near = difflib.get_close_matches(key, list(starts), n=1, cutoff=0.8)
        close = starts[near[0]] if near and len(starts[near[0]]) == 1 else []
    return f"did you mean '{close[0]}'? " if close else ""


def resolve_id(kind: str, word: str, choices: list[str], *, listing: str | None = None) -> str:
    """Match an id case-insensitively, accepting an unambiguous prefix. `listing` says where
    to see the valid ids when there are too many to name in one line."""
    key = word.strip().lower()
    if key in choices:
        return key
    matches = [c for c in choices if key and c.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise EmprepError(f"{kind} '{shown(word)}' is ambiguous: it could be {', '.join(matches)}")
    valid = listing or f"valid: {', '.join(choices)}"
    raise EmprepError(f"unknown {kind} '{shown(word)}': {did_you_mean(key, choices)}{valid}")


SHOWN = 5  # an ambiguous prefix names this many of the ids it could be


def resolve_question(word: str, ids: list[str], replaced: dict[str, str]) -> str:
    """The question id `word` names, for every command that takes one: the whole id in any
    case, an unambiguous prefix of one, or the id of a question merged into another (its heir).
    An ambiguous prefix is refused naming the ids it could be."""
    key = word.strip().lower()
    key = replaced.get(key, key)
    if key in ids:
        return key
    matches = [i for i in ids if key and i.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        named = ", ".join(matches[:SHOWN])
        more = f" and {len(matches) - SHOWN} more" if len(matches) > SHOWN else ""
        raise EmprepError(
            f"question '{shown(word)}' is ambiguous: it could be {named}{more}; "
            "give more of the id (emprep questions lists them)"
        )
    raise EmprepError(
        f"unknown question '{shown(word)}': {did_you_mean(key, ids)}"
        "list the ids with 'emprep questions'"
    )
