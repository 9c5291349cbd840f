"""Errors a person can act on: what they typed, shown safely in one line."""

from __future__ import annotations

from emprep.core.errors import shown


def test_control_characters_are_shown_escaped() -> None:
    assert shown("a\nb\tc\x1b[31m") == "a\\nb\\tc\\x1b[31m"
