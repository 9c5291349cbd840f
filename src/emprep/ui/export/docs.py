"""The JSON documents emprep prints (`--format json`), built from the core's results.

Field names here are a documented interface (README, "JSON output"): change them only on purpose.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from emprep.core.models import Interview, Progress, Question, Round, Story
from emprep.core.pack import Pack

if TYPE_CHECKING:
    from emprep.core.drill import Drill
    from emprep.core.mock import MockPlan, RoundHistory
    from emprep.core.pace import Advice, Forecast
    from emprep.core.practice import QuestionState
    from emprep.core.report import Report
    from emprep.core.rounds import RoundDate
    from emprep.core.stories import Coverage


def to_json(doc: Any, *, ascii: bool = False) -> str:
    """The document as JSON, non-ASCII letters as they are (or, with `ascii`, as JSON's own
    escapes, `\\u00e9`, for an output whose encoding lacks them). JSON leaves DEL and the C1
    controls (U+0080 to U+009F; U+009B starts an escape sequence, as ESC [ does) unescaped, so
    they are escaped here: only a string can hold one, and `\\u009b` reads back as the same
    character. So are the characters that reorder a line on a terminal (U+202E, U+2067...):
    the document printed shows what it holds, and reads back the same."""
    import json

    from emprep.ui.text import IN_JSON

    text = json.dumps(doc, indent=2, ensure_ascii=ascii, default=_jsonable)
    return text.translate(IN_JSON)


def _jsonable(value: object) -> str:
    """Dates and times in ISO 8601, UTC as `Z`."""
    if isinstance(value, date):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def round_doc(r: Round) -> dict[str, Any]:
    return asdict(r)


def question_doc(q: Question) -> dict[str, Any]:
    return asdict(q)


def round_detail_doc(r: Round, day: RoundDate, questions: list[Question]) -> dict[str, Any]:
    """One round, its date and its questions: `emprep rounds ID --format json`."""
    return {
        "round": round_doc(r),
        "date": round_dates_doc([day])[0],
        "questions": [question_doc(q) for q in questions],
    }


def loop_doc(pack: Pack) -> dict[str, Any]:
    """The loop as the pack gives it: `emprep rounds --format json`, beside the rounds' dates."""
    return {
        "loop": asdict(pack.loop),
        "criteria_groups": [asdict(g) for g in pack.criteria_groups],
        "preparation_tips": pack.tips,
        "phases": [asdict(p) for p in pack.phases],
        "tracks": [asdict(t) for t in pack.tracks],
        "coding": asdict(pack.coding) if pack.coding else None,
        "rounds": [round_doc(r) for r in pack.rounds],
        "totals": {
            "rounds": len(pack.rounds),
            "minutes": sum(r.minutes for r in pack.rounds),
            "timeline_days": pack.loop.timeline_days,
            "questions": len(pack.questions),
        },
    }


def questions_doc(questions: list[Question], notes: dict[str, str] | None = None) -> dict[str, Any]:
    """The questions, each with the candidate's own note (null without one)."""
    mine = notes or {}
    return {
        "count": len(questions),
        "questions": [{**question_doc(q), "note": mine.get(q.id)} for q in questions],
    }


def question_detail_doc(
    q: Question, note: str | None, stories: list[Story], state: QuestionState
) -> dict[str, Any]:
    """`emprep questions ID`: the question as in the bank's document, the ids of the stories
    linked to it (as a mock item's `stories`), and its practice state."""
    return {
        **question_doc(q),
        "note": note,
        "stories": [s.id for s in stories],
        "state": {
            "reviews": state.reviews,
            "last_rating": state.last_rating,
            "last_review": state.last_review,
            "due": state.due.isoformat() if state.due else None,
            "deadline": state.deadline.isoformat() if state.deadline else None,
            "recall_now": _recall(state.recall_now),
            "recall_interview": _recall(state.recall_interview),
            "rounds_over": state.rounds_over.isoformat() if state.rounds_over else None,
            "skipped": state.skipped.isoformat() if state.skipped else None,
        },
    }


def rating_doc(line: str) -> dict[str, Any]:
    """A line of the review log, as `review` and `undo` print it: `at` as the log keeps it,
    the local time with its offset, whose date is the day the rating counts for."""
    at, question, rating, seconds = line.split(" ")
    return {"id": question, "rating": int(rating), "at": at, "seconds": int(seconds)}


def review_doc(
    line: str, *, due: date, next_review: date | None, skipped: date | None, deadline: date | None
) -> dict[str, Any]:
    """`emprep review`: the rating recorded, and when the drill gives the question again
    (`next_review`: null when its last round, `skipped`, comes before FSRS's `due`)."""
    return {
        **rating_doc(line),
        "due": due,
        "next_review": next_review,
        "skipped": skipped,
        "deadline": deadline,
    }


def undo_doc(
    line: str, *, mock: dict[str, Any] | None, due: date | None, drafts: list[str]
) -> dict[str, Any]:
    """`emprep undo`: the rating taken back, the mock answer with it, the question's due day
    after (null: it is new again) and the drafts it was taken out of."""
    return {**rating_doc(line), "mock": mock, "due": due, "drafts": drafts}


def _recall(x: float | None) -> float | None:
    """A predicted recall as JSON gives it: a share from 0 to 1, to three places."""
    return None if x is None else round(x, 3)


def pace_doc(advice: Advice | None) -> dict[str, Any] | None:
    """The pace advice's figures: FSRS's predictions, at the configured count and the advised."""
    if advice is None:
        return None

    def one(f: Forecast | None) -> dict[str, Any] | None:
        if f is None:
            return None
        return {
            "count": f.count,
            "ready": f.ready,
            "total": f.total,
            "curve": [{"date": p.day.isoformat(), "ready": p.ready} for p in f.curve],
        }

    return {
        "date": advice.day.isoformat(),
        "first": None if advice.first is None else advice.first.isoformat(),
        "short": advice.short,
        "fitted": advice.fitted,
        "eve": None
        if advice.eve is None
        else {"date": advice.eve.day.isoformat(), "ready": advice.eve.ready},
        "current": one(advice.current),
        "advised": one(advice.advised),
        "advised_hours": round(advice.weekly, 1) if advice.advised else None,
        "ready_is": "FSRS predicted recall >= 0.9 on the question's interview day",
    }


def drill_doc(drill: Drill, advice: Advice | None = None) -> dict[str, Any]:
    """The day's drill and the pace advice: `emprep drill --format json`."""
    return {
        "date": drill.day.isoformat(),
        "interview": drill.interview.isoformat() if drill.interview else None,
        "days_left": drill.days_left,
        "practice_days_left": drill.practice_days_left,
        "rest_day": drill.rest_day,
        "done_today": drill.done_today,
        "new_quota": drill.new_quota,
        "unseen": drill.unseen,
        "rounds_today": drill.rounds_today,
        "rounds_past": {r: d.isoformat() for r, d in drill.rounds_past.items()},
        "undated": drill.undated,
        "next_round": None
        if drill.next_round is None
        else {
            "id": drill.next_round[0][0],
            "ids": drill.next_round[0],
            "date": drill.next_round[1].isoformat(),
            "days": (drill.next_round[1] - drill.day).days,
        },
        # over from the last round's evening on, not on that evening alone
        "loop_over": drill.over,
        "count": len(drill.items),
        "items": [
            {
                "id": i.question.id,
                "kind": i.kind,
                "rounds": i.question.rounds,
                "text": i.question.text,
                "minutes": i.question.minutes,
                "due": i.due.isoformat() if i.due else None,
                "deadline": i.deadline.isoformat() if i.deadline else None,
                "recall_now": _recall(i.recall_now),
                "recall_interview": _recall(i.recall_interview),
            }
            for i in drill.items
        ],
        "pace": pace_doc(advice),
    }


def report_doc(report: Report) -> dict[str, Any]:
    """The progress report: `emprep progress --format json`."""
    return {
        "today": report.today.isoformat(),
        "interview": None
        if report.interview is None or report.open_ended
        else report.interview.isoformat(),
        "days_to_interview": None if report.open_ended else report.days_to_interview,
        "week": report.week,
        "weeks": report.weeks,
        "streak": report.streak,
        "reviews": report.reviews,
        "seconds": report.seconds,
        "practice_days": report.practice_days,
        "recall_is": "FSRS predicted recall on the morning of each round's own day (today "
        "without a date; null once the round is done)",
        "rounds": [
            {
                "id": r.id,
                "name": r.name,
                "date": r.date.isoformat() if r.date else None,
                "days_to": r.days,
                "done": r.over,
                "seen": r.seen,
                "total": r.total,
                "due_today": None if r.finished else r.due_today,  # the drill asks it no more
                "recall": None if r.finished else _recall(r.recall),
            }
            for r in report.rounds
        ],
        "heatmap": [{"date": d.isoformat(), "reviews": n} for d, n in report.heatmap],
        "forecast": [{"date": d.isoformat(), "due": n} for d, n in report.forecast],
        "weakest": [{"id": q.id, "text": q.text, "recall": _recall(r)} for q, r in report.weakest],
        "hint": report.hint,
        "still_due": report.still_due,
        "pace": pace_doc(report.pace),
        "mocks": [mock_history_doc(h) for h in report.mocks],
        "stories": coverage_summary_doc(report.stories),
        "interviews": [interview_doc(log) for log in report.interviews],
        "earlier_interviews": [interview_doc(log) for log in report.earlier],
    }


def round_dates_doc(dates: list[RoundDate]) -> list[dict[str, Any]]:
    return [{"id": d.round.id, "date": d.date, "source": d.source} for d in dates]


def interview_doc(log: Interview) -> dict[str, Any]:
    """A round as it happened: `questions` are bank ids, `asked` the candidate's own words."""
    return asdict(log)


def config_doc(progress: Progress, dates: list[RoundDate]) -> dict[str, Any]:
    """The profile's keys, and each round's date with the key it came from; the file's loop
    and the loops put behind, their ticks kept apart (`loops_before`)."""
    # the rounds are below, with their keys; the settings a change replaced are no keys
    kept = ("rounds", "rest_before", "hours_before")
    doc = {k: v for k, v in asdict(progress.profile).items() if k not in kept}
    rounds = [{**r, "hint": d.hint} for r, d in zip(round_dates_doc(dates), dates, strict=True)]
    before = [asdict(b) for b in progress.loops_before]
    return {**doc, "rounds": rounds, "loop": progress.loop, "loops_before": before}


def story_doc(s: Story) -> dict[str, Any]:
    return asdict(s)


def coverage_summary_doc(cov: Coverage) -> dict[str, Any]:
    """The story bank's coverage in counts and gaps: `stories` of `progress` and of
    `story coverage`."""
    return {
        "stories": len(cov.stories),
        "questions": cov.scope,
        "questions_with_story": cov.scope - len(cov.unanswered),
        "competencies": len(cov.competencies),
        "competencies_with_story": len(cov.competencies) - len(cov.gaps),
        "gaps": [g.competency.id for g in cov.gaps],
    }


def coverage_doc(cov: Coverage) -> dict[str, Any]:
    """The summary under `stories`, as `progress` has it; the detail beside it."""
    return {
        "stories": coverage_summary_doc(cov),
        "story_reach": [
            {
                "id": r.story.id,
                "title": r.story.title,
                "questions": r.questions,
                "competencies": r.competencies,
            }
            for r in cov.stories
        ],
        "matrix": [
            {
                "id": row.competency.id,
                "name": row.competency.name,
                "group": row.competency.group,
                "round": row.competency.round,
                "named_by": row.named,
                "shown_through_questions_by": row.implied,
                "questions": row.questions,
                "questions_with_story": row.answered,
            }
            for row in cov.competencies
        ],
        "rounds": [
            {
                "id": r.round.id,
                "stories": r.stories,
                "questions": r.questions,
                "questions_with_story": r.answered,
            }
            for r in cov.rounds
        ],
        "questions_without_story": [q.id for q in cov.unanswered],
    }


def mock_plan_doc(plan: MockPlan) -> dict[str, Any]:
    """A mock's plan, printed where nothing is asked: `emprep mock --round ID --format json`."""
    return {
        "round": plan.round.id,
        "minutes": plan.minutes,
        "spare_seconds": plan.spare,
        "items": [
            {
                "id": i.question.id,
                "seconds": i.seconds,
                "kind": i.kind,
                "recall": _recall(i.recall),
                "stories": [s.id for s in i.stories],
                "text": i.question.text,
            }
            for i in plan.items
        ],
    }


def mock_history_doc(h: RoundHistory) -> dict[str, Any]:
    """One round's mocks so far: an entry of `mocks` in `progress --format json`."""
    return {
        "round": h.round.id,
        "mocks": h.mocks,
        "answered": h.answered,
        "last": h.last.isoformat() if h.last else None,
        "scores": h.scores,
        "trend": h.trend,
        "scored": h.scored,
        "criteria": len(h.round.criteria),
        "mean": None if h.mean is None else round(h.mean, 2),
        "mean_change": None if h.mean_change is None else round(h.mean_change, 2),
        "weakest": h.weakest,
        "rejections": h.rejections,
        "part_way": h.part_way,
    }
