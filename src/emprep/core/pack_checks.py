"""The cross-checks of a loop pack that a schema cannot express: ids unique and typed in lower
case, totals that add up, phases that tile the plan, and every name a question uses known.
Run once, when a pack is read afresh (`storage.packs`); a cached pack was checked then."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.core.errors import shown
from emprep.core.ids import id_fault
from emprep.core.limits import MAX_MINUTES, MAX_TASK_MINUTES
from emprep.core.models import blank
from emprep.core.pack import PackError, slug
from emprep.core.words import plural

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.core.models import Question
    from emprep.core.pack import Pack


def _lower_case(x: str, where: str) -> None:
    """An id is typed in any case and matched in lower case (`resolve_id`): one with a capital
    letter could never be named ("unknown question 'Q1': did you mean 'Q1'?")."""
    if x != x.lower():
        raise PackError(
            f"{where}: '{shown(x)}' has a capital letter, but ids are typed in any case and "
            f"matched in lower case; write it '{shown(x.lower())}' (and so wherever it is named)"
        )


def _id_characters(x: str, where: str) -> None:
    """An id is typed, so it follows the one rule of ids (`id_fault`), said where it stands."""
    fault = id_fault(x)
    if fault is not None:
        raise PackError(f"{where}: '{shown(x)}' {fault} (and so wherever it is named)")


def _unique(ids: list[str], what: str, path: Path) -> None:
    """Each of `what`'s ids well formed and found once: an id names one thing everywhere."""
    seen: set[str] = set()
    for i, x in enumerate(ids):
        _lower_case(x, f"{path}: {what}[{i}].id")
        _id_characters(x, f"{path}: {what}[{i}].id")
        if x in seen:
            raise PackError(f"{path}: {what}[{i}].id: duplicate id '{x}'; ids must be unique")
        seen.add(x)


def _check_competencies(pack: Pack, path: Path) -> None:
    """Story coverage names every group and every round's criterion by one id (its slug): two
    that share it are said where they are in rounds.toml, the same criterion in two rounds
    included, since coverage counts a criterion for one round."""
    seen: dict[str, str] = {}
    places = [(f"criteria_group[{i}].id", g.id) for i, g in enumerate(pack.criteria_groups)]
    places += [
        (f"round[{i}].criteria[{j}]", c)
        for i, r in enumerate(pack.rounds)
        for j, c in enumerate(r.criteria)
    ]
    for where, name in places:
        cid = slug(name)
        if cid in seen:
            raise PackError(
                f"{path}: {where}: '{shown(name)}' is also {seen[cid]}, and story coverage "
                f"names both '{cid}'; give each its own words (a round's criteria are its own)"
            )
        seen[cid] = f"{where} ('{shown(name)}')"


def check_rounds(pack: Pack, path: Path) -> None:
    """Cross-checks a schema cannot express: ids, totals, and the phases tiling the plan."""
    _unique(pack.round_ids, "round", path)
    _unique([p.id for p in pack.phases], "phase", path)
    _unique(pack.track_ids, "track", path)
    _check_totals(pack, path)
    _check_groups(pack, path)
    _unique([g.id for g in pack.criteria_groups], "criteria_group", path)
    _check_competencies(pack, path)
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
    _check_minutes(pack, path)
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


def _check_minutes(pack: Pack, path: Path) -> None:
    """A phase's `minutes` and `priority` give one value per task, in the tasks' order, or none
    at all (each task is then an hour, of priority 2): a list of another length would pair a
    task with another's."""
    for i, p in enumerate(pack.phases):
        if p.minutes and len(p.minutes) != len(p.tasks):
            raise PackError(
                f"{path}: phase[{i}].minutes: {plural(len(p.minutes), 'estimate')} for "
                f"{plural(len(p.tasks), 'task')}; give one for each task, in the tasks' order "
                "(or none: each task is then an hour)"
            )
        if p.priority and len(p.priority) != len(p.tasks):
            raise PackError(
                f"{path}: phase[{i}].priority: {plural(len(p.priority), 'priority', 'priorities')}"
                f" for {plural(len(p.tasks), 'task')}; give one for each task, in the tasks' "
                "order (or none: each task is then 2)"
            )
    given = [
        (f"phase[{i}].minutes[{k}]", m)
        for i, p in enumerate(pack.phases)
        for k, m in enumerate(p.minutes)
    ]
    given += [
        (f"track[{j}].tasks[{k}].minutes", task.minutes)
        for j, t in enumerate(pack.tracks)
        for k, task in enumerate(t.tasks)
    ]
    for where, m in given:
        if m > MAX_TASK_MINUTES:
            raise PackError(
                f"{path}: {where}: {m} minutes is more than a day's work; give 0 to "
                f"{MAX_TASK_MINUTES}, or split the task"
            )


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
        if r.minutes > MAX_MINUTES:  # a mock runs as long as its round
            raise PackError(
                f"{path}: round[{i}].minutes: {r.minutes} in '{r.id}' is more than the "
                f"{MAX_MINUTES} minutes its mock (as long as the round) can run; give 1 to "
                f"{MAX_MINUTES}"
            )
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


def _named_once(q: Question, where: str) -> None:
    """Each round, criterion and tag of a question named once (a tag as `--tag` matches it:
    `A`, `a` and a fullwidth A are one), and each follow-up, point and red flag written once:
    twice, a round counted twice, and every screen and export showed it twice."""
    from emprep.core.query import folded

    for key, names, same, (verb, done) in (
        ("rounds", q.rounds, str, ("name", "named")),
        ("criteria", q.criteria, str, ("name", "named")),
        ("tags", q.tags, folded, ("name", "named")),
        ("follow_ups", q.follow_ups, str, ("write", "written")),
        ("points", [p.text for p in q.points], str, ("write", "written")),
        ("red_flags", [f.text for f in q.red_flags], str, ("write", "written")),
    ):
        seen: dict[str, str] = {}
        for k, name in enumerate(names):
            if same(name) in seen:
                twice = "" if seen[same(name)] == name else f" (as '{shown(seen[same(name)])}')"
                raise PackError(
                    f"{where}.{key}[{k}]: '{shown(name)}' is {done} twice in "
                    f"'{q.id}'{twice}; {verb} each once"
                )
            seen[same(name)] = name


def _question_rounds(pack: Pack, q: Question, where: str) -> None:
    """`q`'s rounds and track are the pack's, and its `placed_by` says whether the guide's
    rounds list it, as its source says they do."""
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
            'its source is "guide" and it is neither common nor a track\'s, so a round lists '
            'it: write placed_by = "guide"'
            if guides
            else 'placed_by = "guide" is for a question whose source is "guide" that is '
            "neither common nor a track's"
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
        if blank(q.text):  # a row with no question on every screen and in every export
            raise PackError(
                f"{where}.text: '{shown(q.text)}' in '{q.id}' shows nothing; write the question"
            )
        _named_once(q, where)
        _question_rounds(pack, q, where)
        _question_criteria(pack, q, where)
        for j, old in enumerate(q.replaces):
            _lower_case(old, f"{where}.replaces[{j}]")
            _id_characters(old, f"{where}.replaces[{j}]")
            if old in pack.question_by_id or old in taken:
                other = f"'{taken[old]}' replaces it too" if old in taken else "it is a question"
                raise PackError(
                    f"{where}.replaces: '{old}' in '{q.id}': {other}; "
                    "a question replaces only ids that are gone, and one id has one heir"
                )
            taken[old] = q.id
