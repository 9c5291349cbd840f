"""Ids as people type them: any case, an unambiguous prefix, and "did you mean" for a typo."""

from __future__ import annotations

from collections.abc import Callable

from emprep.core.errors import EmprepError, shown


def id_fault(x: str) -> str | None:
    """What keeps `x` from being an id, said with its fix; None when it is one. One rule for
    every id a pack gives (a question's, a round's, a phase's, a track's...) and every
    question id of the review log: an id is typed (`emprep note ID`, `mock --round ID`) and put
    in commands, file names and calendar UIDs, so a look-alike letter from another script
    (U+0435, Cyrillic e, refused as "unknown round 'recruiter': did you mean 'recruiter'?"), a
    space or a leading '-' could not be typed as the one word it is, and a control character
    would reach the terminal. So an id is ASCII letters, digits, '.', '_' and '-', and starts
    with a letter or a digit."""
    bad = next((c for c in x if not (c.isascii() and (c.isalnum() or c in "._-"))), None)
    if bad is not None:
        return (
            f"holds '{shown(bad)}' (U+{ord(bad):04X}); an id is typed, so it is made of a-z, "
            "0-9, '.', '_' and '-'; write it in those"
        )
    if not x[:1].isalnum():
        return (
            f"starts with '{shown(x[:1])}'; an id starts with a letter or a digit (one "
            "starting with '-' would be taken for an option); write it so"
        )
    return None


def did_you_mean(word: str, choices: list[str], *, prefixes: bool = False) -> str:
    """`did you mean 'x'? ` when one choice is closer to `word` than any other, else nothing:
    of several just as close, naming one would be a guess. `prefixes`: the choices are ids
    typed by a prefix too (questions, rounds), so a word is also held against their starts; a
    command's or a key's name is typed whole, and `rounds l` is no typo of `log`."""
    key = word.strip().lower()
    close = _closest(key, choices, 0.6)
    if close is None and key and prefixes:
        # a prefix is taken for its id, so a typo in one (rec-sallary) is a typo of the ids'
        # starts as long as it: named when one id's start is closer than any other
        starts: dict[str, list[str]] = {}
        for c in choices:
            starts.setdefault(c[: len(key)], []).append(c)
        near = _closest(key, list(starts), 0.8)
        close = starts[near][0] if near is not None and len(starts[near]) == 1 else None
    return f"did you mean '{close}'? " if close else ""


def _closest(key: str, candidates: list[str], cutoff: float) -> str | None:
    """The candidate most like `key` (difflib's ratio, at least `cutoff`) if no other is as
    like it; `get_close_matches` settles a tie by the larger string."""
    import difflib

    scores = {c: difflib.SequenceMatcher(None, c, key).ratio() for c in candidates}
    best = max(scores.values(), default=0.0)
    top = [c for c, r in scores.items() if r == best]
    return top[0] if best >= cutoff and len(top) == 1 else None


def resolve_id(
    kind: str,
    word: str,
    choices: list[str],
    *,
    listing: str | None = None,
    meant: Callable[[str], str] | None = None,
) -> str:
    """Match an id case-insensitively, accepting an unambiguous prefix. `listing` says where
    to see the valid ids when there are too many to name in one line; `meant` gives what an
    unknown word may mean when no id is spelt like it."""
    key = word.strip().lower()
    if key in choices:
        return key
    matches = [c for c in choices if key and c.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise EmprepError(f"{kind} '{shown(word)}' is ambiguous: it could be {', '.join(matches)}")
    valid = listing or f"valid: {', '.join(choices)}"
    close = did_you_mean(key, choices, prefixes=True) or (meant(key) if meant else "")
    raise EmprepError(f"unknown {kind} '{shown(word)}': {close}{valid}")


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
        f"unknown question '{shown(word)}': {did_you_mean(key, ids, prefixes=True)}"
        "list the ids with 'emprep questions'"
    )
