"""A question on screen: the bank's list, and the coach's guide shown after an answer."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from emprep.core.models import Question
from emprep.core.pack import Pack
from emprep.ui.render import bullets, echo, table

if TYPE_CHECKING:
    pass


def question_lines(questions: list[Question]) -> list[str]:
    """`id: text`, with the guide's common and track questions said to be so."""

    def why(q: Question) -> str:
        if q.track:
            return f" (guide, {q.track} track)"
        return " (guide, common)" if q.common else ""

    return [f"{q.id}: {q.text}{why(q)}" for q in questions]


def answer_guide(q: Question) -> None:
    """What a coach says after an answer: the points by criterion, the follow-ups, the red
    flags by the reason for rejection they lead to."""
    bullets(
        "A strong answer covers", [f"{p.text} [{p.criterion}]" for p in q.points], numbered=True
    )
    bullets("They will ask next", q.follow_ups)
    bullets("Red flags", [f"{f.text} [{f.reason}]" for f in q.red_flags])
    echo(f"The bar: {q.bar}")
    echo()


def outline_steps(q: Question) -> list[str]:
    """The pack's answer outline as its steps: the pack writes them on one line, ` · ` apart."""
    return [step.strip() for step in q.outline.split(" · ") if step.strip()]


def answer_outline(q: Question) -> None:
    """The pack's outline, a step a line; shown beside the candidate's own note."""
    bullets("Answer outline", outline_steps(q), numbered=True)


def questions_list(pack: Pack, questions: list[Question]) -> None:
    if not questions:
        print("emprep: no question matches those filters", file=sys.stderr)
        return
    rows = [[q.id, ",".join(q.rounds), q.source, q.text] for q in questions]
    table(["id", "rounds", "source", "question"], rows, spare=[1, 2])
