"""Words of messages: counted nouns, and a round named in a sentence."""

from __future__ import annotations

from emprep.core.words import plural, the_round
from emprep.storage.packs import load_pack


def test_a_round_is_named_as_a_round_unless_its_name_says_so() -> None:
    """Before, a sentence read "Logged the People Management & Leadership of 2026-12-10": a
    name that does not end in "Interview" or "Round" now gets "round" after it."""
    said = [the_round(r.name) for r in load_pack().rounds]
    assert said == [
        "the Recruiter/HR Interview",
        "the Technical Deep Dive round",
        "the People Management & Leadership round",
        "the Strategic & Product Alignment round",
        "the Executive Leadership Interview",
    ]
    assert the_round("Bar Raiser Round") == "the Bar Raiser Round"


def test_a_count_of_one_is_singular() -> None:
    assert (plural(1, "story"), plural(2, "story", "stories")) == ("1 story", "2 stories")
