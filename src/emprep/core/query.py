"""Filtering the bank: pure functions over a pack."""

from __future__ import annotations

from emprep.core.errors import EmprepError, shown
from emprep.core.ids import did_you_mean, resolve_id
from emprep.core.models import DIFFICULTIES, Question
from emprep.core.pack import Pack

ALL_TRACKS = "all"  # `questions --track all`: the whole bank, whatever the candidate's track
# the typographic quotes an editor or a phone types for ' and " (U+2018, U+2019, U+201C, U+201D)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def folded(text: str) -> str:
    """`text` as a search compares it: case left out, the typographic quotes a phone or an
    editor types (U+2019 for an apostrophe) as the plain ones the bank has, and the forms
    Unicode says are one (a fullwidth letter, an accent typed as a combining mark) as one."""
    import unicodedata

    return unicodedata.normalize("NFKC", text.translate(_QUOTES)).casefold()


def _track(pack: Pack, track: str | None) -> str | None:
    """The track id `track` names; None for both (`all`, or none given)."""
    tid = None if track is None else resolve_id("track", track, [*pack.track_ids, ALL_TRACKS])
    return None if tid == ALL_TRACKS else tid


def own_track(pack: Pack, track: str | None) -> str | None:
    """The profile's track where the pack has it (one it lacks is said by the commands that
    plan with it; a list of questions shows the whole bank then)."""
    return track if track in pack.track_ids else None


def filter_questions(
    pack: Pack,
    round_id: str | None = None,
    tag: str | None = None,
    *,
    search: str | None = None,
    track: str | None = None,
    difficulty: str | None = None,
) -> list[Question]:
    """Questions matching every filter given: round (id or prefix), tag, text, track (`all`:
    both tracks'), difficulty."""
    qs = pack.questions_for(_track(pack, track))
    if round_id is not None:
        rid = pack.round(round_id).id
        qs = [q for q in qs if rid in q.rounds]
    if tag is not None:
        want = folded(tag.strip())
        tags = sorted({folded(t) for q in pack.questions for t in q.tags})
        if want not in tags:
            raise EmprepError(
                f"unknown tag '{shown(tag)}': {did_you_mean(want, tags)}"
                "list the tags with 'emprep questions --format json'"
            )
        qs = [q for q in qs if want in (folded(t) for t in q.tags)]
    if search is not None:
        needle = folded(search.strip())
        if not needle:
            raise EmprepError("--search: empty text; give a word to look for")
        qs = [
            q
            for q in qs
            if needle in folded(q.text)
            or any(needle in folded(p.text) for p in q.points)
            or any(needle in folded(t) for t in q.tags)
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
