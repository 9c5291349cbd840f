"""The STAR story bank: stories in the progress file, and competency coverage (the editor's
template: `story_template`).

Pure: the pack, the progress and `now` come in; a new progress or a report goes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field, replace
from datetime import datetime
from typing import Any

from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, shown
from emprep.core.models import STAR, Progress, Question, Round, Story, stamp
from emprep.core.pack import Competency, Pack
from emprep.core.parse import plain_text, trimmed

FIELDS = ("title", *STAR)
HINTS = {
    "title": "a few words you will recognise",
    "situation": "the context: team, company, what was at stake",
    "task": "what you had to achieve, and why it was yours",
    "action": "what you did yourself (I, not we), step by step, and why",
    "result": "what changed, with numbers, and what you would do differently",
}


def split_words(text: str) -> list[str]:
    """`a, Conflict resolution` -> [a, Conflict resolution]: commas or lines separate, since
    a competency's name has spaces."""
    return [w.strip() for w in re.split(r"[,\n]", text) if w.strip()]


def split_ids(text: str) -> list[str]:
    """`a, b c` -> [a, b, c]: question ids come apart at commas, lines or spaces, as an id holds
    no space (`ids.id_fault`): `story link s1 "a b"`, one quoted word, was refused as the
    unknown question 'a b' while `a,b` was taken."""
    return [w for w in re.split(r"[,\s]+", text) if w]


def story_ids(progress: Progress) -> list[str]:
    return [s.id for s in progress.stories]


def linked(progress: Progress, question_id: str) -> list[Story]:
    """The candidate's stories linked to a question (`story link`), in story order."""
    return [s for s in progress.stories if question_id in s.questions]


def find(progress: Progress, word: str) -> Story:
    """The story `s3`, `S3` or `3` names."""
    key = word.strip().lower()
    key = key if key.startswith("s") else f"s{key}"
    for s in progress.stories:
        if s.id == key:
            return s
    have = (
        f"your stories are {', '.join(story_ids(progress))}; list them with 'emprep story list'"
        if progress.stories
        else "no stories yet; add one with 'emprep story add'"
    )
    raise EmprepError(f"unknown story '{shown(word)}': {have}")


def competency_ids(pack: Pack, words: Iterable[str]) -> list[str]:
    return _unique(pack.competency(w).id for w in words)


def question_ids(pack: Pack, words: Iterable[str]) -> list[str]:
    return _unique(pack.question(w).id for w in words)


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def checked(fields: dict[str, str]) -> dict[str, str]:
    """The fields stripped; an empty one is refused with the option that fills it, and so is
    text a file or a terminal cannot hold."""
    out = {k: trimmed(plain_text(k, v)) for k, v in fields.items()}
    empty = [k for k, v in out.items() if not v]
    if empty:
        options = ", ".join(f"--{k}" for k in empty)
        raise EmprepError(f"the story's {', '.join(empty)} cannot be empty; give {options}")
    lines = out.get("title", "").count("\n") + 1
    if lines > 1:
        raise EmprepError(f"{one_line(lines)}; give --title one line (the rest is the situation)")
    return out


def one_line(lines: int) -> str:
    """A title of several lines: the story list and every heading show it in one."""
    return f"a story's title is one line, and this one has {lines}"


def next_number(progress: Progress) -> int:
    """The number of the next story's id: past every id held and every one used before."""
    return max([progress.last_story, *(int(s.id[1:]) for s in progress.stories)]) + 1


def add(progress: Progress, draft: Draft, now: datetime) -> Progress:
    """The progress with a new story; its id is the next number, never one used before."""
    fields = draft.fields
    missing = [k for k in FIELDS if k not in fields]
    if missing:
        raise EmprepError(f"a story needs {', '.join('--' + k for k in missing)}")
    n = next_number(progress)
    when = stamp(now)
    story = Story(
        id=f"s{n}",
        **checked(fields),
        competencies=draft.competencies,
        questions=draft.questions,
        created=when,
        updated=when,
    )
    return replace(progress, stories=[*progress.stories, story], last_story=n)


def change(progress: Progress, word: str, now: datetime, **update: Any) -> Progress:
    """The progress with one story's fields replaced (`update` holds only what changes); a
    story given back as it was (the editor closed unchanged) keeps its time of change."""
    old = find(progress, word)
    text = {k: v for k, v in update.items() if k in FIELDS and isinstance(v, str)}
    fields: dict[str, Any] = {**update, **checked(text)}
    if replace(old, **fields) == old:
        return progress
    new = replace(old, **fields, updated=stamp(now))
    return replace(progress, stories=[new if s.id == old.id else s for s in progress.stories])


def link(progress: Progress, word: str, questions: list[str], *, now: datetime) -> Progress:
    old = find(progress, word)
    return change(progress, word, now, questions=_unique([*old.questions, *questions]))


def unlink_ids(pack: Pack, story: Story, words: Iterable[str]) -> list[str]:
    """The questions to take off `story`: an id it holds is taken as it is, even when the pack
    has no such question any more (so an old link can always go); the rest are looked up."""
    return _unique(
        w.strip() if w.strip() in story.questions else pack.question(w).id for w in words
    )


def unlink(progress: Progress, word: str, questions: list[str], *, now: datetime) -> Progress:
    old = find(progress, word)
    absent = [q for q in questions if q not in old.questions]
    if absent:
        raise EmprepError(
            f"story {old.id} is not linked to {', '.join(absent)}; "
            f"it answers {', '.join(old.questions) or 'no question yet'}"
        )
    return change(progress, word, now, questions=[q for q in old.questions if q not in questions])


def remove(progress: Progress, word: str) -> Progress:
    old = find(progress, word)
    return replace(progress, stories=[s for s in progress.stories if s.id != old.id])


@datatype
class Draft:
    """What a template or the prompts gave, before it becomes a story."""

    fields: dict[str, str]
    competencies: list[str]
    questions: list[str]


# --- Coverage ------------------------------------------------------------------------------


@datatype
class CompetencyCoverage:
    """Which stories show one competency, and its questions answered."""

    competency: Competency
    named: list[str]  # ids of the stories that name it
    implied: list[str]  # ... that show it through a linked question (or, for a group, a criterion)
    questions: int  # questions in scope that test it
    answered: int  # ... of them linked to a story

    @property
    def stories(self) -> list[str]:
        return [*self.named, *self.implied]


@datatype
class RoundCoverage:
    """Which stories reach one round, and its questions answered."""

    round: Round
    stories: list[str]
    named: list[str]  # ... of them naming one of its criteria (the others reach it otherwise)
    questions: int
    answered: int


@datatype
class StoryReach:
    """How far one story goes: questions answered, competencies shown."""

    story: Story
    questions: int  # linked questions the pack knows
    competencies: int  # competencies it shows, named or implied


# The tag of a question a STAR story answers: one asking for a time, a case, a person, a project
# or a decision of the candidate's own (an opinion, a vision, a design or a "how do you" is not)
STORY_TAG = "Behavioral"


@datatype
class Coverage:
    """The story bank against the loop: every competency, round and gap."""

    stories: list[StoryReach]
    competencies: list[CompetencyCoverage]
    rounds: list[RoundCoverage]
    gaps: list[CompetencyCoverage]  # competencies without a story, most-tested first
    unanswered: list[Question]  # questions in scope without a story, worst first
    scope: int
    over: list[str] = field(default_factory=list)  # rounds past, whose own questions are out


def coverage(
    pack: Pack, stories: list[Story], scope: list[Question], over: list[str] | None = None
) -> Coverage:
    """Which competencies, rounds and questions the stories cover.

    A story covers a round criterion it names, or one a linked question tests; a group it names
    or one of whose criteria it covers; a round whose question it answers or whose criterion it
    covers. A competency no question of `scope` tests is no gap: only the rounds past (`over`,
    whose own questions `scope` leaves out) asked it. Of the questions no story answers, those
    a story would (STORY_TAG) come first, a design or an opinion question being no story's to
    answer; then those testing the most competencies no story shows, the common ones first."""
    known = pack.question_by_id
    linked = {s.id: [known[q] for q in s.questions if q in known] for s in stories}
    answered = {q.id for qs in linked.values() for q in qs}
    rows = _competency_rows(pack, stories, scope, linked=linked, answered=answered)
    rounds = _round_rows(pack, stories, scope, linked=linked, answered=answered, rows=rows)
    order = {c.id: i for i, c in enumerate(pack.competencies)}
    gaps = sorted(
        (row for row in rows if not row.stories and row.questions),
        key=lambda row: (-row.questions, order[row.competency.id]),
    )
    bare = {row.competency.name for row in gaps}
    position = {q.id: i for i, q in enumerate(pack.questions)}
    unanswered = sorted(
        (q for q in scope if q.id not in answered),
        key=lambda q: (
            STORY_TAG not in q.tags,
            -len(bare & set(q.criteria)),
            not q.common,
            position[q.id],
        ),
    )
    reach = [
        StoryReach(s, len(linked[s.id]), sum(s.id in row.stories for row in rows)) for s in stories
    ]
    return Coverage(reach, rows, rounds, gaps, unanswered, len(scope), over or [])


def _competency_rows(
    pack: Pack,
    stories: list[Story],
    scope: list[Question],
    *,
    linked: dict[str, list[Question]],
    answered: set[str],
) -> list[CompetencyCoverage]:
    """Each competency: the stories that name it or show it through a linked question, and its
    questions in scope answered by a story."""
    criteria = [(q, set(q.criteria)) for q in scope]
    having: dict[str, list[Question]] = {}  # a criterion's questions, in scope's order
    for q, names in criteria:
        for name in names:
            having.setdefault(name, []).append(q)
    tests = {c.id: having.get(c.name, []) for c in pack.competencies}
    for g in pack.criteria_groups:
        group = set(g.criteria)
        tests[g.id] = [q for q, names in criteria if group & names]

    def shows(s: Story, c: Competency) -> str | None:
        if c.id in s.competencies:
            return "named"
        if c.is_group:
            members = [x for x in pack.competencies if x.group == c.id]
            return "implied" if any(shows(s, m) for m in members) else None
        return "implied" if any(c.name in q.criteria for q in linked[s.id]) else None

    rows = []
    for c in pack.competencies:
        how = {s.id: shows(s, c) for s in stories}
        rows.append(
            CompetencyCoverage(
                c,
                named=[sid for sid, h in how.items() if h == "named"],
                implied=[sid for sid, h in how.items() if h == "implied"],
                questions=len(tests[c.id]),
                answered=sum(q.id in answered for q in tests[c.id]),
            )
        )
    return rows


def _round_rows(
    pack: Pack,
    stories: list[Story],
    scope: list[Question],
    *,
    linked: dict[str, list[Question]],
    answered: set[str],
    rows: list[CompetencyCoverage],
) -> list[RoundCoverage]:
    """Each round: the stories that cover one of its criteria or answer one of its questions."""
    by_id = {row.competency.id: row for row in rows}
    rounds = []
    for r in pack.rounds:
        qs = [q for q in scope if r.id in q.rounds]
        crits = [by_id[c.id] for c in pack.competencies if c.round == r.id]
        ids = {sid for row in crits for sid in row.stories}
        ids |= {s.id for s in stories if any(r.id in q.rounds for q in linked[s.id])}
        named = {sid for row in crits for sid in row.named}
        rounds.append(
            RoundCoverage(
                r,
                [s.id for s in stories if s.id in ids],
                [s.id for s in stories if s.id in named],
                len(qs),
                sum(q.id in answered for q in qs),
            )
        )
    return rounds


def suggested_questions(
    pack: Pack, competencies: list[str], *, track: str | None = None, limit: int = 8
) -> list[Question]:
    """The questions of `track` (a track id, or None for all) whose criteria the named
    competencies cover (a group covers its members' criteria), those testing the most of them
    first, common ones first among equals."""
    names: set[str] = set()
    for c in pack.competencies:
        if c.id in competencies:
            members = [m.name for m in pack.competencies if m.group == c.id] if c.is_group else []
            names |= {c.name, *members}
    position = {q.id: i for i, q in enumerate(pack.questions)}
    hits = [q for q in pack.questions_for(track) if names & set(q.criteria)]
    hits.sort(key=lambda q: (-len(names & set(q.criteria)), not q.common, position[q.id]))
    return hits[:limit]


def reach(pack: Pack, story: Story) -> StoryReach:
    """How far one story goes, counted as `story coverage` counts it: one number everywhere."""
    return coverage(pack, [story], pack.questions).stories[0]
