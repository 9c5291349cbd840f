"""Words for messages of every layer: counted nouns (`1 story`, `2 stories`), a round named
in a sentence."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`1 question`, `2 questions`; `many` for a plural that is not word + s."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def the_round(name: str) -> str:
    """A round's name in a sentence: `the Technical Deep Dive round`, but `the Executive
    Leadership Interview`, whose name already says what it is."""
    said = name.split()[-1].lower() if name.split() else ""
    return f"the {name}" if said in {"interview", "round"} else f"the {name} round"
