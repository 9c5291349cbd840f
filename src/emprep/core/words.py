"""Counted nouns, for messages of every layer: `1 story`, `2 stories`."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 question`, `2 questions`; `many` for a plural that is not word + s."""
    return f"{n} {word if n == 1 else many or word + 's'}"
