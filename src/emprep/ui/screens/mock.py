"""`emprep mock`: the mock's plan, its summary, and the history of mocks per round."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.core.pack import Pack
from emprep.ui.render import echo, echo_parts, heading, table
from emprep.ui.screens.drill import session_line
from emprep.ui.text import clock, listed, percent, plural

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import tzinfo

    from emprep.core.mock import MockPlan, RoundHistory
    from emprep.core.models import Mock
    from emprep.core.session import Session

GO_ON = "emprep mock --continue --round {}"


def slots_said(plan: MockPlan) -> str:
    """The questions and their slots in words: "2 questions: 35:00 and 20:00, then 5:00 for
    your questions"; slots all alike are said once ("6 questions of 10:00 each"). A mock gone
    on with that has every answer asks none."""
    n = len(plan.items)
    if not n:
        return "every question answered, the scores left"
    slots = [clock(i.seconds) for i in plan.items]
    if len(set(slots)) == 1:
        said = f"{plural(n, 'question')} of {slots[0]}{'' if n == 1 else ' each'}"
    else:
        said = f"{plural(n, 'question')}: {', '.join(slots[:-1])} and {slots[-1]}"
    return said + (f", then {clock(plan.spare)} for your questions" if plan.spare else "")


def going_on(begun: Mock, plan: MockPlan, tz: tzinfo) -> str:
    """What a mock gone on with holds already, and what it asks now."""
    n = len(begun.questions)
    done = f"{len(begun.answers)} of {plural(n, 'question')} answered"
    at = begun.at.astimezone(tz)
    rest = "the rest of its questions, then the scores" if plan.items else "the scores"
    return f"Going on with the mock begun {at:%Y-%m-%d %H:%M} ({done}): {rest}."


def mock_plan(plan: MockPlan) -> None:
    """A mock's plan, printed where nothing is asked (`mock --list`, not a terminal)."""
    r = plan.round
    timed = f"{plan.minutes} min, " if plan.items else ""
    echo(f"Mock: {r.name}, {timed}{slots_said(plan)}. Interviewer: {r.interviewer}")
    if not plan.items:
        echo(f"You score yourself 1-5 on: {', '.join(r.criteria)}.")
        return
    rows = [
        [
            str(k),
            i.question.id,
            clock(i.seconds),
            i.kind,
            percent(i.recall),
            ", ".join(s.id for s in i.stories) or "-",
            i.question.text,
        ]
        for k, i in enumerate(plan.items, start=1)
    ]
    # narrow, the stories, the kind, the recall, then the slot go under the row: the id stays
    table(["#", "id", "slot", "kind", "recall", "stories", "question"], rows, spare=[5, 3, 4, 2])
    echo(f"Then you score yourself 1-5 on: {', '.join(r.criteria)}.")


def mock_summary(
    pack: Pack, plan: MockPlan, session: Session, begun: Mock | None, then: Callable[[], str]
) -> None:
    """The end of a mock; one gone on with (`begun`) counts what it saved before too. A mock
    scored to the end says the drill to go on with (`then`, asked only then)."""
    from emprep.core.mock import mean, weakest

    r = plan.round
    go_on = f"Go on with it: {GO_ON.format(r.id)}; or a new one: emprep mock --round {r.id}"
    if not session.started:
        kept = "no mock is saved." if begun is None else f"the mock is as it was. {go_on}"
        echo(f"Nothing was asked; {kept}")
        return
    echo()
    answered = sum(session.rated.values()) + (len(begun.answers) if begun else 0)
    scores = session.scores or (begun.scores if begun else {})
    if not (session.finished or scores or answered):  # progress shows no such mock
        echo(
            session_line(
                session, "answered", "With no answer and no score, progress leaves it out."
            )
        )
        echo(f"Again: emprep mock --round {r.id}")
        return
    n = len(begun.questions) if begun else 0
    in_all = f" ({answered} of {plural(n, 'question')} answered in all)" if begun else ""
    echo(session_line(session, "answered", f"The mock is saved{in_all}."))
    if not session.finished and scores:
        given = ", ".join(f"{c} {v}" for c, v in scores.items())
        echo(f"Its scores so far are saved ({len(scores)} of {len(r.criteria)}: {given}). {go_on}")
        return
    if not session.finished:
        echo(f"It has no scores, so progress counts its answers only. {go_on}")
        return
    avg = mean(session.scores)
    echo(
        "Scores: "
        + ", ".join(f"{c} {session.scores[c]}" for c in r.criteria)
        + (f" (mean {avg:.1f})" if avg is not None else "")
    )
    low = weakest(r, session.scores)
    if low:
        tested = [q.id for q in pack.questions if set(low) & set(q.criteria)][:3]
        them = "it" if len(low) == 1 else "them"
        also = f" (questions that test {them}: {', '.join(tested)})" if tested else ""
        each = "" if len(low) == 1 else " each"
        echo(f"Weakest: {listed(low)}, {session.scores[low[0]]}/5{each}{also}.")
    if session.rejections:
        echo("Watch for: " + "; ".join(session.rejections))
    echo(f"Next: {then()}")


def mock_history_view(history: list[RoundHistory]) -> None:
    """Each round's mocks so far, under `emprep progress`."""
    heading("Mock rounds")
    for h in history:
        n = plural(h.mocks, "mock")
        go_on = GO_ON.format(h.round.id)
        left = f"; the last left part way, go on with it: {go_on}" if h.part_way else ""
        if h.last is None:
            answers = plural(h.answered, "answer")
            echo(f"  {h.round.name}: {n}, none scored yet ({answers}){left}", hang=4)
            continue
        change = "" if h.mean_change is None else f" ({h.mean_change:+.1f})"
        mean = f"{h.mean:.1f}" if h.mean is not None else "-"
        total = len(h.round.criteria)
        part = "" if h.scored >= total else f"{h.scored} of {total} criteria scored, "
        if h.scored < total and not h.weakest:  # the line under it says how to score the rest
            left = ""
        echo(
            f"  {h.round.name}: {n}, last scored {h.last}: {part}mean {mean}{change}{left}",
            hang=4,
        )
        echo_parts(
            [
                f"{c} {v}" + (f" ({h.trend[c]:+d})" if c in h.trend else "")
                for c, v in h.scores.items()
            ],
            indent=4,
        )
        if h.weakest:
            echo(f"    weakest: {listed(h.weakest)}")
        elif h.scored < total:
            again = go_on if h.part_way else f"emprep mock --round {h.round.id}"
            echo(f"    weakest: named once all {total} are scored ({again})")
        if h.rejections:
            label = "    reasons to reject ticked: "  # longer than a label's usual hang
            echo(label + "; ".join(h.rejections), hang=len(label))
