"""Plain words for numbers, shared by the screens and the exports: 1 day, 2 days."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"
