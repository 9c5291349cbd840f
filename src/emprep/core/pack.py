"""The loop pack as one value with its lookups, and the cross-checks a schema cannot express."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cached_property
from pathlib import Path

from emprep.core.datatype import datatype, replace
from emprep.core.errors import EmprepError, shown
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
    Track,
)
from emprep.core.words import plural


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
        )
        return self.competency_by_id[cid]

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
        """`progress` with the reviews of merged questions counted for the question that
        replaced them: the heir takes the card of its latest reviewed replaced id when it has
        none of its own, and story links follow. Nothing is dropped: the old cards and the
        log's lines stay as written."""
        if not self.replaced:
            return progress
        cards = dict(progress.cards)
        for old, new in self.replaced.items():
            card = progress.cards.get(old)
            held = cards.get(new)
            if (
                card is not None
                and (new not in progress.cards)
                and (held is None or _reviewed(card) > _reviewed(held))
            ):
                cards[new] = card
        stories = [
            replace(s, questions=list(dict.fromkeys(self.replaced.get(x, x) for x in s.questions)))
            for s in progress.stories
        ]
        return replace(progress, cards=cards, stories=stories)

    def questions_for(self, track: str | None) -> list[Question]:
        """The bank for a candidate of `track`: the other track's questions drop out."""
        return [q for q in self.questions if q.track is None or track is None or q.track == track]


def _reviewed(card: CardState) -> datetime:
    return card.last_review or card.due


def _lower_case(x: str, where: str) -> None:
    """An id is typed in any case and matched in lower case (`resolve_id`): one with a capital
    letter could never be named ("unknown question 'Q1': did you mean 'Q1'?")."""
    if x != x.lower():
        raise PackError(
            f"{where}: '{shown(x)}' has a capital letter, but ids are typed in any case and "
            f"matched in lower case; write it '{shown(x.lower())}' (and so wherever it is named)"
        )


def _unique(ids: list[str], what: str, path: Path) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        _lower_case(x, f"{path}: {what}[{i}].id")
        if x in seen:
            raise PackError(f"{path}: {what}[{i}].id: duplicate id '{x}'; ids must be unique")
        seen.add(x)


def check_rounds(pack: Pack, path: Path) -> None:
    """Cross-checks a schema cannot express: ids, totals, and the phases tiling the plan."""
    _unique(pack.round_ids, "round", path)
    _unique([p.id for p in pack.phases], "phase", path)
    _unique(pack.track_ids, "track", path)
    _check_totals(pack, path)
    _check_groups(pack, path)
    _unique([c.id for c in pack.competencies], "competency", path)
    orders = [r.order for r in pack.rounds]
    if orders != list(range(1, len(orders) + 1)):
        raise PackError(f"{path}: round.order: must run 1, 2, 3 ... without gaps (got {orders})")
    weeks = _check_phases(pack, path)
    phase_ids = [p.id for p in pack.phases]
    for i, t in enumerate(pack.tracks):
        for j, task in enumerate(t.tasks):
            if task.phase not in phase_ids:
                raise PackError(
                    f"{path}: track[{i}].tasks[{j}].phase: unknown phase '{task.phase}'; "
                    f"phases are {', '.join(phase_ids)}"
                )
    _check_renamed(pack, path)
    _check_task_texts(pack, path)
    if weeks != pack.loop.plan_weeks:
        raise PackError(
            f"{path}: loop.plan_weeks: says {pack.loop.plan_weeks} but the phases cover "
            f"{plural(weeks, 'week')}"
        )


def _check_renamed(pack: Pack, path: Path) -> None:
    """A former text leads to a task of its own phase (or its track tasks there), and no task
    in use has it: a tick on it would otherwise count twice. A round's own task is for a round
    the phase prepares."""
    own = {p.id: {*p.tasks, *p.before_round.values()} for p in pack.phases}
    for i, p in enumerate(pack.phases):
        for rid in p.before_round:
            if rid not in p.prepares:
                raise PackError(
                    f"{path}: phase[{i}].before_round: '{shown(rid)}' is not a round the phase "
                    f"prepares ({', '.join(p.prepares)}); give one of them, or add it to prepares"
                )
    for t in pack.tracks:
        for task in t.tasks:
            own[task.phase].add(task.text)
    in_use = set().union(*own.values())
    for i, p in enumerate(pack.phases):
        for old, new in p.renamed.items():
            where = f"{path}: phase[{i}].renamed"
            if new not in own[p.id]:
                raise PackError(f"{where}: '{shown(new)}' is not a task of phase '{p.id}'")
            if old in in_use:
                raise PackError(f"{where}: '{shown(old)}' is still a task; remove it from renamed")


def _check_task_texts(pack: Pack, path: Path) -> None:
    """Each task of the plan in words of its own: a tick is kept by the task's text, so a text
    given twice (a round's own task copied from a phase's) would be ticked in both places.
    A track's tasks are checked against the phases' and each other (one track is in use at
    a time, so two tracks may share a text)."""
    places = [
        (f"phase[{i}].tasks[{k}]", text)
        for i, p in enumerate(pack.phases)
        for k, text in enumerate(p.tasks)
    ]
    places += [
        (f"phase[{i}].before_round.{rid}", text)
        for i, p in enumerate(pack.phases)
        for rid, text in p.before_round.items()
    ]
    phases = _unique_texts({}, places, path)
    for j, t in enumerate(pack.tracks):
        own = [(f"track[{j}].tasks[{k}]", task.text) for k, task in enumerate(t.tasks)]
        _unique_texts(dict(phases), own, path)


def _unique_texts(
    seen: dict[str, str], places: list[tuple[str, str]], path: Path
) -> dict[str, str]:
    """`seen` (text: where) with `places` added; PackError at a text already there."""
    for where, text in places:
        if text in seen:
            raise PackError(
                f"{path}: {where}: '{shown(text)}' is also {seen[text]}: a tick is kept by the "
                "task's text, so it would tick both; give each its own words"
            )
        seen[text] = where
    return seen


def _check_totals(pack: Pack, path: Path) -> None:
    """The loop's count of rounds and its minutes are the rounds' own; a question's slot in a
    round fits in it."""
    loop = pack.loop
    if len(pack.rounds) != loop.rounds:
        raise PackError(
            f"{path}: loop.rounds: says {loop.rounds} but {len(pack.rounds)} [[round]] are given"
        )
    minutes = sum(r.minutes for r in pack.rounds)
    if minutes != loop.total_minutes:
        raise PackError(
            f"{path}: loop.total_minutes: says {loop.total_minutes} but the rounds add up to "
            f"{minutes}; fix one of them"
        )
    for i, r in enumerate(pack.rounds):
        if r.question_minutes > r.minutes:
            raise PackError(
                f"{path}: round[{i}].question_minutes: {r.question_minutes} in '{r.id}' is longer "
                f"than the round ({r.minutes} min)"
            )


def _check_groups(pack: Pack, path: Path) -> None:
    """Each criteria group holds rounds' criteria, and no criterion is in two groups."""
    criteria = {c for r in pack.rounds for c in r.criteria}
    grouped: set[str] = set()
    for i, g in enumerate(pack.criteria_groups):
        for c in g.criteria:
            if c not in criteria or c in grouped:
                why = "is in another group too" if c in grouped else "is no round's criterion"
                raise PackError(f"{path}: criteria_group[{i}].criteria: '{c}' {why}")
            grouped.add(c)


def _check_phases(pack: Pack, path: Path) -> int:
    """The phases, numbered in order, tile the plan's weeks from week 1 and prepare known
    rounds; the weeks they cover."""
    week = 1
    for i, p in enumerate(pack.phases):
        if p.order != i + 1:
            raise PackError(f"{path}: phase[{i}].order: phases must be numbered 1, 2, 3 ...")
        if p.first_week != week or p.last_week < p.first_week:
            raise PackError(
                f"{path}: phase[{i}] ({p.id}): covers weeks {p.first_week}-{p.last_week} but "
                f"must start at week {week}; phases cover the plan's weeks without gap or overlap"
            )
        for rid in p.prepares:
            if rid not in pack.round_ids:
                raise PackError(
                    f"{path}: phase[{i}].prepares: unknown round '{rid}'; "
                    f"rounds are {', '.join(pack.round_ids)}"
                )
        week = p.last_week + 1
    return week - 1


def _question_rounds(pack: Pack, q: Question, where: str) -> None:
    for rid in q.rounds:
        if rid not in pack.round_ids:
            raise PackError(
                f"{where}.rounds: unknown round '{rid}' in '{q.id}'; "
                f"rounds are {', '.join(pack.round_ids)}"
            )
    if q.track is not None and q.track not in pack.track_ids:
        raise PackError(
            f"{where}.track: unknown track '{q.track}' in '{q.id}'; "
            f"tracks are {', '.join(pack.track_ids)}"
        )
    guides = q.source == "guide" and not q.common and q.track is None
    if (q.placed_by == "guide") != guides:
        why = (
            'the guide lists it under a round, so write placed_by = "guide"'
            if guides
            else "only a question the guide lists under a round is placed by the guide"
        )
        raise PackError(f"{where}.placed_by: '{q.placed_by}' in '{q.id}': {why}")


def _question_criteria(pack: Pack, q: Question, where: str) -> None:
    """Every criterion, point and red flag names something of the question's own rounds."""
    rounds = [pack.round(rid) for rid in q.rounds]
    allowed = [c for r in rounds for c in r.criteria]
    reasons = [x for r in rounds for x in r.rejection_reasons]
    names = ", ".join(q.rounds)
    for c in q.criteria:
        if c not in allowed:
            raise PackError(
                f"{where}.criteria: '{c}' in '{q.id}' is not an evaluation criterion of its "
                f"rounds ({names})"
            )
    for j, p in enumerate(q.points):
        if p.criterion not in q.criteria:
            why = (
                "is not in its criteria; add it to them"
                if p.criterion in allowed
                else f"is not an evaluation criterion of its rounds ({names})"
            )
            raise PackError(f"{where}.points[{j}].criterion: '{p.criterion}' in '{q.id}' {why}")
    shown_by = {p.criterion for p in q.points}
    for c in q.criteria:
        if c not in shown_by:
            raise PackError(
                f"{where}.criteria: '{c}' in '{q.id}' is evidenced by none of its points; "
                "name it in a point or drop it"
            )
    for j, f in enumerate(q.red_flags):
        if f.reason not in reasons:
            raise PackError(
                f"{where}.red_flags[{j}].reason: '{f.reason}' in '{q.id}' is not a common reason "
                f"for rejection of its rounds ({names})"
            )
    longest = min(r.minutes for r in rounds)
    if q.minutes > longest:
        raise PackError(
            f"{where}.minutes: {q.minutes} in '{q.id}' is longer than its round ({longest} min)"
        )


def check_questions(pack: Pack, path: Path) -> None:
    """Ids unique and never reused by `replaces`; every name a question uses exists in its
    rounds; `placed_by` true to the guide."""
    _unique([q.id for q in pack.questions], "question", path)
    taken: dict[str, str] = {}
    for i, q in enumerate(pack.questions):
        where = f"{path}: question[{i}]"
        _question_rounds(pack, q, where)
        _question_criteria(pack, q, where)
        for j, old in enumerate(q.replaces):
            _lower_case(old, f"{where}.replaces[{j}]")
            if old in pack.question_by_id or old in taken:
                other = f"'{taken[old]}' replaces it too" if old in taken else "it is a question"
                raise PackError(
                    f"{where}.replaces: '{old}' in '{q.id}': {other}; "
                    "a question replaces only ids that are gone, and one id has one heir"
                )
            taken[old] = q.id
