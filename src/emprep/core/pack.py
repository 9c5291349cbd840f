"""The loop pack as one value with its lookups (its cross-checks: `pack_checks`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cached_property
from pathlib import Path

from emprep.core.datatype import datatype, replace
from emprep.core.errors import EmprepError
from emprep.core.ids import resolve_id, resolve_question
from emprep.core.models import (
    CardState,
    Coding,
    CriteriaGroup,
    Loop,
    Phase,
    Progress,
    Question,
    Round,
    Story,
    Track,
)

SHOWN_GONE = 3  # the ids a note of questions left out names
SHOWN_MEANT = 3  # the competencies an unknown one may mean
MIN_WORD = 4  # shorter words ("and", "of", "team") say little of what was meant


def _same_word(typed: str, word: str) -> bool:
    """Whether a typed word is a word of a name, or a form of it: the same start but for an
    ending ("strategy", "strategic"; "manage", "management")."""
    shared = next(
        (i for i, (a, b) in enumerate(zip(typed, word, strict=False)) if a != b),
        min(len(typed), len(word)),
    )
    return shared >= max(MIN_WORD, min(len(typed), len(word)) - 2)


def _one_of(ids: list[str], last: str = "or") -> str:
    """'a', 'b' or 'c'."""
    quoted = [f"'{i}'" for i in ids[:SHOWN_MEANT]]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


class PackError(EmprepError):
    """A pack that cannot be used, reported as `file: key path: problem`."""


def slug(text: str) -> str:
    """`Conflict resolution` -> `conflict-resolution`: the id a person can type."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@datatype
class Competency:
    """A criteria group of the loop, or one round's evaluation criterion (within its group)."""

    id: str
    name: str
    group: str | None  # a criterion's group id; None for a group
    round: str | None  # a criterion's round id; None for a group

    @property
    def is_group(self) -> bool:
        return self.round is None


@datatype
class Pack:
    """A validated loop pack with its lookups."""

    loop: Loop
    criteria_groups: list[CriteriaGroup]
    tips: list[str]
    phases: list[Phase]
    tracks: list[Track]
    rounds: list[Round]
    questions: list[Question]
    source: Path
    coding: Coding | None = None
    builtin: bool = False  # the pack emprep comes with, made from the interview guide

    @property
    def guide(self) -> str:
        """What the screens call the pack's source: the built-in pack's is the interview guide
        it was made from; a pack of one's own is said as the pack, whatever it was made from."""
        return "the guide" if self.builtin else "the pack"

    @cached_property
    def round_ids(self) -> list[str]:
        return [r.id for r in self.rounds]

    @cached_property
    def track_ids(self) -> list[str]:
        return [t.id for t in self.tracks]

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def replaced(self) -> dict[str, str]:
        """Old id -> the id of the question it was merged into."""
        return {old: q.id for q in self.questions for old in q.replaces}

    @cached_property
    def renamed_tasks(self) -> dict[str, str]:
        """A plan task's former text -> its text now (`[phase.renamed]`)."""
        return {old: new for p in self.phases for old, new in p.renamed.items()}

    def ticked(self, done: Iterable[str]) -> frozenset[str]:
        """The tasks ticked: the progress file's `done_tasks`, a former text read as the task's
        text now, so a tick survives a reworded task."""
        return frozenset(self.renamed_tasks.get(t, t) for t in done)

    @cached_property
    def group_of(self) -> dict[str, CriteriaGroup]:
        """A round criterion -> the group emprep puts it in."""
        return {c: g for g in self.criteria_groups for c in g.criteria}

    @cached_property
    def competencies(self) -> list[Competency]:
        """The four groups first, then every round's criteria in round order."""
        group_of = {c: g.id for g in self.criteria_groups for c in g.criteria}
        groups = [Competency(g.id, g.name, None, None) for g in self.criteria_groups]
        criteria = [
            Competency(slug(c), c, group_of.get(c), r.id) for r in self.rounds for c in r.criteria
        ]
        return groups + criteria

    @cached_property
    def competency_by_id(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}

    def competency(self, word: str) -> Competency:
        """The competency an id, a prefix of one, or its name names."""
        by_name = {slug(c.name): c for c in self.competencies}
        if slug(word) in by_name:  # a group's name ("Technical Acumen") is not its id
            return by_name[slug(word)]
        cid = resolve_id(
            "competency",
            slug(word) or word,
            list(self.competency_by_id),
            listing="see them all with 'emprep story coverage'",
            meant=self._competencies_meant,
        )
        return self.competency_by_id[cid]

    def _competencies_meant(self, key: str) -> str:
        """What a word no competency is spelt like may mean: the competencies whose name
        shares a word with it ("design": System design and architecture), else those most of
        the questions about it test ("hiring": Team building and development); "" if none."""
        import re
        from collections import Counter

        words = [w for w in key.split("-") if len(w) >= MIN_WORD]
        by_name = {c.name: c.id for c in self.competencies}
        sharing = [
            c.id
            for c in self.competencies
            if any(_same_word(w, n) for w in words for n in slug(c.name).split("-"))
        ]
        if sharing:
            return f"did you mean {_one_of(sharing)}? "
        asking: dict[str, Question] = {}
        found: list[str] = []  # the words a question is about
        for w in words:
            about = re.compile(rf"\b{re.escape(w)}", flags=re.I)
            qs = [q for q in self.questions if about.search(" ".join([q.text, *q.tags]))]
            found += [w] if qs else []
            asking |= {q.id: q for q in qs}
        tested = Counter(by_name[c] for q in asking.values() for c in q.criteria if c in by_name)
        most = [cid for cid, n in tested.most_common(SHOWN_MEANT) if 2 * n >= len(asking)]
        if not most:
            return ""
        return f"the questions on {' or '.join(found)} test {_one_of(most, 'and')}; "

    def rounds_of(self, q: Question) -> list[str]:
        """The ids of the rounds that ask `q`, in the loop's order, as every screen and export
        names them: the pack names a question's own round first (the study sheet writes it out
        there), so a question of the people round also asked by the recruiter was headed
        "people, recruiter", and one of the recruiter's also asked by the people round the
        other way round."""
        return sorted(q.rounds, key=self.round_ids.index)

    def round(self, word: str) -> Round:
        """The round an id or unambiguous prefix names."""
        rid = resolve_id("round", word, self.round_ids)
        return next(r for r in self.rounds if r.id == rid)

    def track(self, word: str) -> Track:
        tid = resolve_id("track", word, self.track_ids)
        return next(t for t in self.tracks if t.id == tid)

    def question(self, qid: str) -> Question:
        """The question an id names as a person types it (see `resolve_question`)."""
        return self.question_by_id[resolve_question(qid, list(self.question_by_id), self.replaced)]

    def carry(self, progress: Progress) -> Progress:
        """`progress` with the reviews of merged questions counted for their heirs (`carried`)."""
        return carried(progress, self.replaced)

    def questions_for(self, track: str | None) -> list[Question]:
        """The bank for a candidate of `track`: the other track's questions drop out."""
        return [q for q in self.questions if q.track is None or track is None or q.track == track]


@datatype
class PackIds:
    """What rating a question needs of its pack: the ids a question is named by, each one's
    rounds, and the rounds' ids. The cache keeps it apart from the pack, so that a rating
    builds back these lists rather than every question with its text and points (600
    questions: about 10 ms)."""

    round_ids: list[str]
    rounds_of: dict[str, list[str]]  # a question's id -> the rounds that ask it, in pack order
    replaced: dict[str, str]  # as Pack.replaced

    @classmethod
    def of(cls, pack: Pack) -> PackIds:
        rounds_of = {q.id: q.rounds for q in pack.questions}
        return cls(round_ids=pack.round_ids, rounds_of=rounds_of, replaced=pack.replaced)

    def question(self, qid: str) -> str:
        """The id of the question `qid` names, as `Pack.question` finds it."""
        return resolve_question(qid, list(self.rounds_of), self.replaced)

    def carry(self, progress: Progress) -> Progress:
        return carried(progress, self.replaced)


def carried(progress: Progress, replaced: dict[str, str]) -> Progress:
    """`progress` with the reviews of merged questions (`replaced`: old id -> heir) counted for
    the question that replaced them: the heir takes the card of its latest reviewed replaced id
    when it has none of its own, and story links follow. Nothing is dropped: the old cards and
    the log's lines stay as written."""
    if not replaced:
        return progress
    cards = dict(progress.cards)
    for old, new in replaced.items():
        card = progress.cards.get(old)
        held = cards.get(new)
        if (
            card is not None
            and (new not in progress.cards)
            and (held is None or _reviewed(card) > _reviewed(held))
        ):
            cards[new] = card
    stories = [_carried(s, replaced) for s in progress.stories]
    if all(a is b for a, b in zip(stories, progress.stories, strict=True)):
        stories = progress.stories  # the very list: a save knows it unchanged
    return replace(progress, cards=cards, stories=stories)


def _carried(story: Story, replaced: dict[str, str]) -> Story:
    """`story` linked to the questions that replaced its merged ones; itself if it has none."""
    questions = list(dict.fromkeys(replaced.get(x, x) for x in story.questions))
    return story if questions == story.questions else replace(story, questions=questions)


def practised_left_out(pack: Pack, progress: Progress, where: str) -> str | None:
    """The questions practised that `pack` (named by `where`) has none of, nor an heir for: a
    renamed question's reviews count nowhere until its new entry `replaces` the old id, so this
    says which, and how to keep them; None when there are none."""
    gone = [q for q in progress.cards if q not in pack.question_by_id and q not in pack.replaced]
    if not gone:
        return None
    if len(gone) == 1:
        q = gone[0]
        return (
            f"the reviews of '{q}' are left out: {where} has no question '{q}'; if it was "
            f'renamed, add replaces = ["{q}"] to its new entry in questions.toml and they count '
            "for it; they stay in your progress file"
        )
    ids = ", ".join(f"'{q}'" for q in gone[:SHOWN_GONE])
    if len(gone) > SHOWN_GONE:
        ids += f" and {len(gone) - SHOWN_GONE} more"
    return (
        f"the reviews of {ids} are left out: {where} has none of these questions; if one was "
        'renamed, add replaces = ["OLD-ID"] to its new entry in questions.toml and its reviews '
        "count for it; they stay in your progress file"
    )


def _reviewed(card: CardState) -> datetime:
    return card.last_review or card.due
