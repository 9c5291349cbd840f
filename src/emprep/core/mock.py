"""Mock rounds: which questions a mock asks, how its record grows, and what the history says.

Pure: the pack, the progress and `now` come in; nothing is read or written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, shown
from emprep.core.limits import MAX_MINUTES, check_whole
from emprep.core.models import Mock, MockAnswer, Progress, Question, Round, Story, stamp
from emprep.core.pack import Pack
from emprep.core.scheduler import CLOCK_SLACK, TARGET, answer_seconds, recall, record
from emprep.core.stories import linked

MockKind = Literal["unseen", "weak", "strong"]
ASKED_BACK = 5  # the minutes a full round keeps, at least, for the candidate's own questions


@datatype
class MockItem:
    """One question of a mock, with why it was chosen and the stories that answer it."""

    question: Question
    kind: MockKind
    recall: float | None
    stories: list[Story]
    seconds: int  # its slot in the round: the answer and the follow-ups


@datatype
class MockPlan:
    """The questions a mock asks (each with its slot) and the minutes the round lasts."""

    round: Round
    minutes: int
    items: list[MockItem]

    @property
    def spare(self) -> int:
        """The seconds no question's slot takes: the candidate's own questions at the end."""
        return max(0, self.minutes * 60 - sum(i.seconds for i in self.items))


def plan_mock(
    pack: Pack, progress: Progress, now: datetime, *, r: Round, minutes: int, scope: list[Question]
) -> MockPlan:
    """As many questions as their slots fit in the minutes: unseen first, then the weakest by
    predicted recall now. Among equals, the questions the guide lists for this round come first
    (they are what its interviewer asks), then the common ones. A question's slot is the round's
    `question_minutes` (an answer and its follow-ups), or its own time box where that is longer:
    a design question takes its 35 minutes of a 60-minute deep dive, not ten, and one such long
    question at most is asked (`_fitted`). A question whose slot does not fit is passed over
    for one that does; if none fits, the first gets it all.
    A mock as long as the real round keeps its last `ASKED_BACK` minutes at least for the
    candidate's questions."""
    check_whole("--minutes", minutes, low=1, high=MAX_MINUTES, example=f"--minutes {r.minutes}")
    if minutes > r.minutes:
        raise EmprepError(
            f"--minutes {minutes} is longer than the real round ({r.minutes} min): "
            f"give 1 to {r.minutes}, or leave it out for the full round"
        )
    pool = [q for q in scope if r.id in q.rounds]
    if not pool and not any(r.id in q.rounds for q in pack.questions):
        raise EmprepError(
            f"round {r.id}: no question of the loop pack in use asks it; try another --round, "
            "or give the round questions in the pack's questions.toml"
        )
    if not pool:
        raise EmprepError(f"round {r.id} has no questions for this track; try another --round")
    position = {q.id: i for i, q in enumerate(pack.questions)}
    cards = progress.cards
    now_recall = {q.id: recall(cards[q.id], now) for q in pool if q.id in cards}
    pool.sort(
        key=lambda q: (
            now_recall.get(q.id, -1.0),
            q.placed_by != "guide",
            not q.common,
            position[q.id],
        )
    )
    # a real round ends with the candidate's questions: a mock as long keeps minutes for them
    asked_back = ASKED_BACK if minutes == r.minutes else 0
    slots = _fitted(pool, minutes - asked_back, r.question_minutes)
    return MockPlan(r, minutes, [_item(progress, now, q, slot) for q, slot in slots])


def _item(progress: Progress, now: datetime, q: Question, slot: int) -> MockItem:
    """`q` in a mock, in its slot (minutes), with its recall now and the stories for it."""
    rc = recall(progress.cards[q.id], now) if q.id in progress.cards else None
    kind: MockKind = "unseen" if rc is None else "weak" if rc < TARGET else "strong"
    return MockItem(q, kind, rc, linked(progress, q.id), slot * 60)


def left_part_way(progress: Progress, round_id: str | None = None) -> Mock | None:
    """The last mock of `round_id` if it was left before its scores (a closed terminal,
    Ctrl-C, q at the scores) with an answer or a score: what `mock --continue` goes on with;
    with no round, the latest such of any round. A mock left before its first answer is passed
    over, as progress passes it."""
    if round_id is None:
        rounds = dict.fromkeys(m.round for m in progress.mocks)
        left = [m for r in rounds if (m := left_part_way(progress, r)) is not None]
        return max(left, key=lambda m: m.at, default=None)
    for m in reversed(progress.mocks):
        if m.round == round_id and (m.answers or m.scores):
            return None if m.finished else m
    return None


def foreign(pack: Pack, m: Mock, rated: list[str] | None = None) -> tuple[str, str] | None:
    """The first question of mock `m` (of its `questions`, its `answers`, or a draft's `rated`)
    that the loop asks and its round does not, with the place it is in: a hand edit, as a
    mock asks only its round's questions. An id the loop lacks, or one merged into another
    (`replaces`), is not one: the mock was taken with another pack, or before the merge."""
    bank = pack.question_by_id
    places = [("questions", q) for q in m.questions] + [("answers", a.question) for a in m.answers]
    for where, qid in places + [("ratings", q) for q in rated or []]:
        q = bank.get(qid)
        if q is not None and m.round not in q.rounds:
            return where, qid
    return None


def continued(pack: Pack, progress: Progress, m: Mock, now: datetime) -> MockPlan:
    """The rest of mock `m`: the questions it has no answer to, each in its slot, in the
    minutes the slots of those answered leave; none left, the scores alone. A mock holding
    another round's question (edited by hand) is refused, where it is: it would be asked. So is
    a clock before the mock began (by more than CLOCK_SLACK): its answers and scores would be
    given before it, each a rating the day before its question was asked."""
    i = next(i for i, x in enumerate(progress.mocks) if x is m)
    if m.round not in pack.round_ids:
        raise EmprepError(
            f"mocks[{i}].round in your progress file is '{shown(m.round)}', a round this loop "
            f"lacks (its rounds: {', '.join(pack.round_ids)}): go on with the pack the mock "
            "was taken with (--data DIR), or take that mock out of the file"
        )
    r = pack.round(m.round)
    if now < m.at - CLOCK_SLACK:
        raise EmprepError(
            f"the clock says {stamp(now):%Y-%m-%d %H:%M} UTC, before the mock it would go on "
            f"with began ({m.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC); set the computer's clock "
            f"right (or EMPREP_NOW), then go on with it: emprep mock --continue --round {r.id}"
        )
    if (found := foreign(pack, m)) is not None:
        where, qid = found
        raise EmprepError(
            f"mocks[{i}].{where} in your progress file holds '{qid}', which the {r.id} round "
            "does not ask in this loop (edited by hand?): take it out of that mock, or go on "
            "with the pack the mock was taken with (--data DIR)"
        )
    bank = pack.question_by_id
    answered = {a.question for a in m.answers}
    mine = [bank[q] for q in m.questions if q in bank]
    used = sum(max(r.question_minutes, q.minutes) for q in mine if q.id in answered)
    minutes = max(1, m.minutes - used)
    left = [q for q in mine if q.id not in answered]
    slots = [(q, min(minutes, max(r.question_minutes, q.minutes))) for q in left]
    return MockPlan(r, minutes, [_item(progress, now, q, slot) for q, slot in slots])


def _fitted(pool: list[Question], minutes: int, each: int) -> list[tuple[Question, int]]:
    """The questions of `pool`, in its order, whose slots (minutes) fit in `minutes`, with one
    long exercise at most (a question whose own time box is longer than `each`, a design): a
    second would crowd out the round's other questions, as no interviewer runs two whiteboards
    in one deep dive."""
    taken: list[tuple[Question, int]] = []
    left = minutes
    for q in pool:
        slot = max(each, q.minutes)
        if slot > each and any(s > each for _, s in taken):
            continue
        if slot <= left:
            taken.append((q, slot))
            left -= slot
    return taken or [(pool[0], minutes)]


def start(progress: Progress, plan: MockPlan, now: datetime) -> Progress:
    """The progress with the mock begun: saved before the first question is asked. Its start
    is its name (its answers and scores find it by it, and so does `mock --resume`): one begun
    in the same second as a mock the file holds (another terminal) starts a second later."""
    taken = {m.at for m in progress.mocks}
    at = stamp(now)
    while at in taken:
        at += timedelta(seconds=1)
    mock = Mock(
        round=plan.round.id,
        at=at,
        minutes=plan.minutes,
        questions=[i.question.id for i in plan.items],
    )
    return replace(progress, mocks=[*progress.mocks, mock])


def _replace(
    progress: Progress, at: datetime, change: Callable[[Mock], dict[str, Any]]
) -> Progress:
    """The progress with the mock that began at `at` changed by `change` (another terminal may
    have added mocks since, so it is found by its start, not its place)."""
    for i in range(len(progress.mocks) - 1, -1, -1):
        m = progress.mocks[i]
        if m.at == stamp(at):
            new = replace(m, **change(m))
            return replace(progress, mocks=[*progress.mocks[:i], new, *progress.mocks[i + 1 :]])
    raise EmprepError(f"the mock begun at {stamp(at)} is no longer in the progress file")


def answer(
    progress: Progress, at: datetime, question_id: str, *, rating: int, seconds: int, now: datetime
) -> Progress:
    """One answer: into the mock's record, and through FSRS like a drill rating."""
    progress = answered(progress, at, question_id, rating=rating, seconds=seconds)
    return record(progress, question_id, rating, seconds=seconds, now=now)


def answered(
    progress: Progress, at: datetime, question_id: str, *, rating: int, seconds: int
) -> Progress:
    """One answer into the mock's record alone (a replay records the review apart)."""
    entry = MockAnswer(question=question_id, rating=rating, seconds=answer_seconds(seconds))
    return _replace(progress, at, lambda m: {"answers": [*m.answers, entry]})


def finish(
    progress: Progress,
    at: datetime,
    scores: dict[str, int],
    *,
    rejections: list[str],
    now: datetime,
    finished: bool = True,
) -> Progress:
    """The mock's self-scores and the reasons ticked, given at `now`; not `finished` when the
    scoring was stopped part way (Ctrl-C keeps the scores given)."""
    done = {
        "scores": scores,
        "rejections": rejections,
        "finished": finished,
        "scored": stamp(now).astimezone(now.tzinfo),  # where they were given, as a rating is
    }
    return _replace(progress, at, lambda m: done)


def weakest(r: Round, scores: dict[str, int]) -> list[str]:
    """The criteria with the lowest score, every one that shares it, in the round's order."""
    scored = [c for c in r.criteria if c in scores]
    low = min((scores[c] for c in scored), default=None)
    return [c for c in scored if scores[c] == low]


def mean(scores: dict[str, int]) -> float | None:
    return sum(scores.values()) / len(scores) if scores else None


@datatype
class RoundHistory:
    """A round's mocks over time: the latest self-scores and how they moved."""

    round: Round
    mocks: int  # every mock with an answer or a score, finished or not
    answered: int
    last: date | None  # the day the last scored mock was scored
    scores: dict[str, int]  # criterion -> last score
    trend: dict[str, int]  # criterion -> change since the scored mock before
    scored: int  # how many of the round's criteria the last scored mock scored
    mean: float | None
    mean_change: float | None  # only between two mocks that scored every criterion
    weakest: list[str]  # the criteria sharing the lowest score, once every one is scored
    rejections: list[str]  # the reasons for rejection ticked in the last scored mock
    part_way: bool  # the last mock was left before its scores: `mock --continue` goes on


def _whole(r: Round, m: Mock) -> bool:
    """A mock that scored every criterion of its round: its mean and weakest say something."""
    return set(r.criteria) <= set(m.scores)


def day_given(m: Mock, log: str, now: datetime) -> date:
    """The day a mock's scores were given on, where they were given (their time keeps its
    zone, as a rating's line does), so a flight moves a mock to no other day. A time in UTC
    says no zone (TOML reads `+00:00` as it reads `Z`): one of scores saved before zones were
    kept, or of a mock's start, is read in `now`'s zone, as it was; one of scores given where
    the offset is +00:00 (London in winter) is told apart by the mock's answers, logged as
    ratings: their lines end `+00:00` there, `Z` in a file from before."""
    moment = m.scored or m.at
    if moment.utcoffset() != timedelta(0) or _answered_at_utc(m, log, moment):
        return moment.date()
    return moment.astimezone(now.tzinfo).date()


def _answered_at_utc(m: Mock, log: str, until: datetime) -> bool:
    """The last of the mock's answers logged from its start to `until` was logged at
    `+00:00`. Only the lines dated within a day of those instants are read as times."""
    asked = {a.question for a in m.answers}
    first, last = (m.at - timedelta(days=1)).date(), (until + timedelta(days=1)).date()
    near = (line for line in log.splitlines() if first.isoformat() <= line[:10] <= last.isoformat())
    ends = [
        at[19:]
        for at, question, _ in (line.split(" ", 2) for line in near)
        if question in asked and m.at <= datetime.fromisoformat(at) <= until
    ]
    return bool(ends) and ends[-1] == "+00:00"


def history(pack: Pack, progress: Progress, now: datetime) -> list[RoundHistory]:
    """Per round with mocks: the last scores, and how they moved since the mock before."""
    out = []
    for r in pack.rounds:
        mine = [m for m in progress.mocks if m.round == r.id and (m.answers or m.scores)]
        if not mine:  # a mock left before its first answer is no history
            continue
        scored = [m for m in mine if m.scores]
        last = scored[-1] if scored else None
        before = scored[-2] if len(scored) > 1 else None
        scores = dict(last.scores) if last else {}
        trend = {
            c: v - before.scores[c] for c, v in scores.items() if before and c in before.scores
        }
        whole = last is not None and _whole(r, last)
        now_mean = mean(scores)
        old_mean = mean(before.scores) if before and whole and _whole(r, before) else None
        out.append(
            RoundHistory(
                r,
                mocks=len(mine),
                answered=sum(len(m.answers) for m in mine),
                last=day_given(last, progress.log, now) if last else None,
                scores=scores,
                trend=trend,
                scored=len(scores),
                mean=now_mean,
                mean_change=None if now_mean is None or old_mean is None else now_mean - old_mean,
                weakest=weakest(r, scores) if whole else [],
                rejections=list(last.rejections) if last else [],
                part_way=left_part_way(progress, r.id) is not None,
            )
        )
    return out
