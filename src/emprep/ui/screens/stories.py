"""`emprep story`: the bank, one story in full, and what the stories cover."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from emprep.core.models import Story
from emprep.core.pack import Competency, Pack
from emprep.ui.render import bullets, echo, heading, table
from emprep.ui.text import in_a_line, listed, plural, the_round

if TYPE_CHECKING:
    from emprep.core.stories import CompetencyCoverage, Coverage


def story_table(stories: list[Story]) -> None:
    if not stories:
        echo("No stories yet. Add one with: emprep story add")
        return
    rows = [
        [s.id, s.title, ", ".join(s.competencies) or "-", ", ".join(s.questions) or "-"]
        for s in stories
    ]
    table(["id", "title", "competencies", "questions"], rows)


def story_view(pack: Pack, s: Story, tz: tzinfo | None) -> None:
    """One story in full; the days it was written and changed are those in `tz` (the file
    keeps their instants in UTC)."""
    heading(f"{s.id}: {s.title}")
    echo(
        f"Written {s.created.astimezone(tz):%Y-%m-%d}, changed {s.updated.astimezone(tz):%Y-%m-%d}"
    )
    for part in ("situation", "task", "action", "result"):
        echo()
        heading(part.capitalize())
        echo(getattr(s, part))
    echo()
    bullets("Competencies it shows", _shown(pack, s) or ["none yet: emprep story edit " + s.id])
    known = pack.question_by_id
    asked = [
        f"{q}: {known[q].text}" if q in known else f"{q} (not in this loop)" for q in s.questions
    ]
    bullets("Questions it answers", asked or [f"none yet: emprep story link {s.id} QUESTION"])


def _shown(pack: Pack, s: Story) -> list[str]:
    """Those it names, then those it shows without naming them: what `story add` counts."""
    from emprep.core.stories import coverage

    def label(c: Competency) -> str:
        return f"{c.name} ({pack.round(c.round).name})" if c.round else c.name

    rows = coverage(pack, [s], pack.questions).competencies
    named = [
        label(pack.competency_by_id[c]) if c in pack.competency_by_id else f"{c} (not in this loop)"
        for c in s.competencies
    ]
    return named + [
        label(r.competency)
        + (
            ": through a question it answers"
            if r.competency.round
            else ": through one of its criteria"
        )
        for r in rows
        if s.id in r.implied
    ]


MARKS = {"named": "●", "implied": "○"}


def coverage_view(pack: Pack, cov: Coverage) -> None:
    """What the story bank covers, and the gaps: `emprep story coverage`."""
    summary = coverage_summary(cov)
    heading(summary[0])
    for line in summary[1:]:
        echo(line)
    if cov.over:
        one = len(cov.over) == 1
        names = listed([the_round(pack.round(r).name) for r in cov.over])
        echo(
            f"{names[0].upper()}{names[1:]} {'is' if one else 'are'} behind you: the questions "
            f"only {'it asks' if one else 'they ask'} are left out."
        )
    if not cov.stories:
        _gaps(pack, cov)  # the names `story add --competencies` takes ("see them all" here)
        return
    echo()
    for r in cov.stories:
        echo(
            f"  {r.story.id:<4} {in_a_line(r.story.title)}: answers "
            f"{plural(r.questions, 'question')}, "
            f"shows {plural(r.competencies, 'competency', 'competencies')}",
            hang=7,  # wrapped under the title, not under the id
        )
    echo()
    ids = [r.story.id for r in cov.stories]
    rows = []
    for row in _nested(cov.competencies):
        c = row.competency
        label = f"  {c.name}" if c.group else c.name  # a criterion under its group
        rows.append(
            [label, *_marks(ids, row.named, row.implied), f"{row.answered}/{row.questions}"]
        )
    for rc in cov.rounds:
        marks = _marks(ids, rc.named, rc.stories)
        rows.append([f"Round: {rc.round.name}", *marks, f"{rc.answered}/{rc.questions}"])
    table(["competency", *ids, "questions with a story"], rows, wide=0, fold=[-1])
    echo(
        "● named by the story (for a round, one of its criteria) · ○ shown through a question it "
        "answers (or, for a group, one of its criteria) · questions with a story: of the "
        "questions that test it"
    )
    _gaps(pack, cov)
    if cov.unanswered:
        echo()
        heading(
            f"Questions no story answers ({len(cov.unanswered)}), those asking for a story "
            "first, worst gaps first"
        )
        for q in cov.unanswered:
            echo(f"  - {q.id}: {q.text}")
    if step := _next_story(pack, cov):
        echo()
        echo(f"Next: {step}", hang=6)


def _next_story(pack: Pack, cov: Coverage) -> str | None:
    """The story to write next, in words: one showing the most-tested round criterion no
    story shows (a group, when none is left: a criterion says what to tell), else one
    answering the worst gap."""
    if cov.gaps:
        g = next((g for g in cov.gaps if g.competency.round), cov.gaps[0])
        c = g.competency
        where = f" ({pack.round(c.round).name})" if c.round else ""
        test = "tests" if g.questions == 1 else "test"
        return (
            f"a story that shows {c.name}{where}; {plural(g.questions, 'question')} {test} it: "
            f"emprep story add --competencies {c.id}"
        )
    if cov.unanswered:
        q = cov.unanswered[0]
        return f"a story that answers {q.id} ({q.text}): emprep story add --questions {q.id}"
    return None


def _marks(ids: list[str], named: list[str], shown: list[str]) -> list[str]:
    """Each story's mark in one row: named, shown otherwise, or neither."""
    return [MARKS["named"] if s in named else MARKS["implied"] if s in shown else "·" for s in ids]


def _nested(rows: list[CompetencyCoverage]) -> list[CompetencyCoverage]:
    """Each group followed by its own criteria (the pack lists the groups, then the criteria
    round by round, so indented after the last group they read as its own); a criterion of no
    group after them all."""
    groups = [r for r in rows if r.competency.round is None]
    nested = [
        row
        for g in groups
        for row in [g, *(r for r in rows if r.competency.group == g.competency.id)]
    ]
    placed = {r.competency.id for r in nested}
    return nested + [r for r in rows if r.competency.id not in placed]


def _gaps(pack: Pack, cov: Coverage) -> None:
    if cov.gaps:
        echo()
        heading("Competencies no story shows, most-tested first")
        for g in cov.gaps:
            where = f" ({pack.round(g.competency.round).name})" if g.competency.round else ""
            test = "tests" if g.questions == 1 else "test"
            echo(f"  - {g.competency.name}{where}: {plural(g.questions, 'question')} {test} it")


def coverage_summary(cov: Coverage) -> list[str]:
    if not cov.stories:
        return ["No STAR stories yet", "Add your first with: emprep story add"]
    answered = cov.scope - len(cov.unanswered)
    shown = len(cov.competencies) - len(cov.gaps)
    return [
        f"{plural(len(cov.stories), 'story', 'stories')}: {answered} of "
        f"{plural(cov.scope, 'question')} {'has' if answered == 1 else 'have'} one; {shown} of "
        f"{plural(len(cov.competencies), 'competency', 'competencies')} "
        f"{'is' if shown == 1 else 'are'} shown",
    ]


def summary(pack: Pack, s: Story) -> str:
    """What a save says, however the story was typed (options, prompts, editor, file; added or
    changed): what it shows and answers now, and what to run next."""
    from emprep.core.stories import reach as reach_of

    reach = reach_of(pack, s)
    then = (
        f"See it with: emprep story show {s.id}"
        if reach.questions
        else f"Say which questions it answers: emprep story link {s.id} ID... (emprep story "
        "coverage lists those no story answers yet)"
    )
    return (
        f"Saved story {s.id}: {in_a_line(s.title)} (shows "
        f"{plural(reach.competencies, 'competency', 'competencies')}, answers "
        f"{plural(reach.questions, 'question')}). {then}"
    )
