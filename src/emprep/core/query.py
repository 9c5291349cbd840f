"""Filtering the bank: pure functions over a pack."""

from __future__ import annotations

from emprep.core.errors import EmprepError, shown
from emprep.core.ids import did_you_mean
from emprep.core.models import DIFFICULTIES, Question
from emprep.core.pack import Pack


def filter_questions(
    pack: Pack,
    round_id: str | None = None,
    tag: str | None = None,
    *,
    search: str | None = None,
    track: str | None = None,
    difficulty: str | None = None,
) -> list[Question]:
    """Questions matching every filter given: round (id or prefix), tag, text, track,
    difficulty."""
    qs = pack.questions_for(None if track is None else pack.track(track).id)
    if round_id is not None:
        rid = pack.round(round_id).id
        qs = [q for q in qs if rid in q.rounds]
    if tag is not None:
        want = tag.strip().lower()
        tags = sorted({t.lower() for q in pack.questions for t in q.tags})
        if want not in tags:
            raise EmprepError(
                f"unknown tag '{shown(tag)}': {did_you_mean(want, tags)}"
                "list the tags with 'emprep questions --format json'"
            )
        qs = [q for q in qs if want in (t.lower() for t in q.tags)]
    if search is not None:
        needle = search.strip().lower()
        if not needle:
            raise EmprepError("--search: empty text; give a word to look for")
        qs = [
            q
            for q in qs
            if needle in q.text.lower()
            or any(needle in p.text.lower() for p in q.points)
            or any(needle in t.lower() for t in q.tags)
        ]
    if difficulty is not None:
        want = difficulty.strip().lower()
        if want not in DIFFICULTIES:
            raise EmprepError(
                f"--difficulty: '{shown(difficulty)}' is not a difficulty; "
                f"use one of {', '.join(DIFFICULTIES)}"
            )
        qs = [q for q in qs if q.difficulty == want]
    return qs
