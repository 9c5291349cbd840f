"""A question on screen: the bank's list, and the coach's guide shown after an answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from emprep.core.models import Question, Story
from emprep.core.pack import Pack
from emprep.ui.render import bullets, echo, heading, table
from emprep.ui.text import in_a_line, lines, percent, plural

if TYPE_CHECKING:
    from emprep.core.practice import QuestionState


def question_lines(pack: Pack, questions: list[Question]) -> list[str]:
    """`id: text`, with the common and track questions of the guide (of one's own pack: the
    pack's) said to be so."""
    by = pack.guide.removeprefix("the ")

    def why(q: Question) -> str:
        if q.track:
            return f" ({by}, {q.track} track)"
        return f" ({by}, commonly asked)" if q.common else ""

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
    """The pack's answer outline as its steps: the pack writes them on one line, ` · ` apart,
    as one sentence; as a numbered list each step starts with a capital and none ends in the
    sentence's full stop ("p99 ...", a term, keeps its case)."""
    steps = [step.strip() for step in q.outline.split(" · ") if step.strip()]
    if steps:
        steps[-1] = steps[-1].removesuffix(".")
    return [_capitalised(step) for step in steps]


def _capitalised(step: str) -> str:
    """`step` with its first word capitalised when that word is a plain lower-case one."""
    import re

    if re.match(r"[a-z][a-z'-]*[,:;]?(\s|$)", step):
        return step[0].upper() + step[1:]
    return step


def story_line(s: Story) -> str:
    """A story linked to a question as the reveals and `questions ID` name it:
    `s4: Letting go of a senior engineer`."""
    return f"{s.id}: {in_a_line(s.title)}"


def answer_outline(q: Question) -> None:
    """The pack's outline, a step a line; shown beside the candidate's own note."""
    bullets("Answer outline", outline_steps(q), numbered=True)


def questions_list(pack: Pack, questions: list[Question]) -> None:
    """`emprep questions` as a table; that none matches is said on stderr, stdout left
    empty."""
    if not questions:
        from emprep.ui.pipes import say

        say("emprep: no question matches those filters")
        return
    rows = [[q.id, ",".join(pack.rounds_of(q)), q.source, q.text] for q in questions]
    table(["id", "rounds", "source", "question"], rows, spare=[1, 2])


def question_detail(
    pack: Pack, q: Question, note: str | None, stories: list[Story], state: QuestionState
) -> None:
    """`emprep questions ID`: the question, where it comes from, the coach's whole guide, the
    pack's outline beside the candidate's note, the stories linked to it, as the drill's reveal
    names them, and how its practice stands."""
    heading(q.id)
    echo(f"  {q.text}", style="bold")
    echo()
    for label, text in facts(pack, q):
        echo(f"{label}: {text}")
    echo()
    answer_guide(q)
    answer_outline(q)
    if note:
        heading("Your note")
        for line in lines(note):
            echo(f"  {line}")
    else:
        echo(f"Your note: none yet (emprep note {q.id})")
    echo()
    if stories:
        bullets("Your stories for it", [story_line(s) for s in stories])
    else:
        echo(f"Your stories for it: none yet (emprep story link ID {q.id})")
        echo()
    heading("Practice")
    for line in practice_lines(q, state):
        echo(f"  {line}")


def facts(pack: Pack, q: Question) -> list[tuple[str, str]]:
    """The question's labelled facts: rounds (and whose choice they are), source, difficulty
    and time box, criteria, tags, the ids merged into it."""
    rounds = ", ".join(f"{pack.round(r).name} ({r})" for r in pack.rounds_of(q))
    placed = f"; placed by {pack.guide}" if q.placed_by == "guide" else "; placed by emprep"
    kind = f", {q.track} track" if q.track else ", commonly asked" if q.common else ""
    lines = [
        ("Rounds", rounds + placed),
        ("Source", q.source + kind),
        ("Difficulty", f"{q.difficulty} · {q.minutes} min"),
        ("Criteria", " · ".join(q.criteria)),
    ]
    if q.tags:
        lines.append(("Tags", ", ".join(q.tags)))
    if q.replaces:
        lines.append(("Replaces", ", ".join(q.replaces)))
    return lines


def practice_lines(q: Question, state: QuestionState) -> list[str]:
    """How often it was rated and how, when it is due (none when its last round comes first,
    as `review` says), and its predicted recall now and on its deadline, as `drill --list`
    gives them; once its rounds are past, that the drill leaves it."""
    from emprep.core.scheduler import RATING_NAMES

    if state.deadline:
        deadline = f"its deadline is {state.deadline}"
    elif state.rounds_over:
        deadline = (
            f"its rounds are over (the last on {state.rounds_over}): the drill leaves it until "
            "the loop is over"
        )
    else:
        deadline = "no deadline ahead (emprep config set interview YYYY-MM-DD)"
    if state.last_rating is None or state.last_day is None:
        return [
            f"Not practised yet; {deadline}.",
            f"Rate an answer to it: emprep review {q.id} RATING",
        ]
    due = f"; next due {state.due}." if state.due else "."
    if state.overdue:
        due = f"; due since {state.due} (overdue)."
    if state.skipped:  # as `review` and the drill's Saved line say it
        due = f"; next review none: FSRS's ({state.due}) falls after its last round "
        due += f"({state.skipped})."
    last = f"last {RATING_NAMES[state.last_rating]} on {state.last_day}"
    lines = [f"Reviewed {plural(state.reviews, 'time')}, {last}{due}"]
    if state.recall_now is None:
        return [*lines, f"No card yet; {deadline}."]
    at = (
        f"at its deadline ({state.deadline}) {percent(state.recall_interview)}"
        if state.deadline
        else deadline
    )
    if state.round_today:  # as the drill's card: 09:00 today is no moment still ahead
        at = "its round is today"
    return [*lines, f"Recall now {percent(state.recall_now)}; {at}."]
