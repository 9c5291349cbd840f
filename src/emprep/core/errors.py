"""The one error type the core raises, and the exit codes the CLI maps it to."""

from __future__ import annotations

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class EmprepError(Exception):
    """Bad input a person can fix: the message names the problem and the fix; exit 2."""

    exit_code = EXIT_BAD_INPUT


def shown(text: str, limit: int = 60) -> str:
    """What the person typed, fit to echo in one line: bytes that are not UTF-8 and control
    characters as escapes, and no more than `limit` characters."""
    safe = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    safe = "".join(c if c.isprintable() else repr(c)[1:-1] for c in safe)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def did_you_mean(word: str, choices: list[str]) -> str:
    """`did you mean 'x'? ` when a choice is close to `word`, else nothing."""
    import difflib

    close = difflib.get_close_matches(word.strip().lower(), choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def resolve_id(kind: str, word: str, choices: list[str], listing: str | None = None) -> str:
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
