"""The plan as JSON, and the loop's timeline in it (the rounds on their days, the decision)
that the plan screen and the Markdown plan show too.

Field names here are a documented interface (README, "JSON output"): change them only on purpose.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from emprep.core.pack import Pack
    from emprep.core.planner import Plan


def plan_doc(
    pack: Pack,
    plan: Plan,
    count: int,
    undated: Collection[str] = (),
    *,
    today: date,
    logged: Collection[str] = (),
    over: Collection[str] = (),
    done: Collection[str] = (),
) -> dict[str, Any]:
    """The plan as JSON; `drill_count` is the daily drill it assumes (the configured count),
    `undated` the rounds with no date yet, a round before `today`, or `over` today, is `past`,
    one in `logged` (`rounds log`) `logged`; a task in `done` is ticked (`task_done`)."""
    return {
        "start": plan.start.isoformat(),
        "interview": plan.interview.isoformat(),
        "days": plan.days,
        "hours_per_week": plan.hours_per_week,
        "total_hours": round(sum(w.hours for w in plan.weeks), 1),
        "drill_count": count,
        "drill_question_minutes": round(plan.question_minutes, 2),
        "timed_answers": plan.timed,
        "unreached": plan.unreached,
        "track": plan.track,
        "warnings": plan.warnings,
        "phases": _phases(plan),
        "weeks": _weeks(plan, done),
        "interview_day": {
            "date": plan.interview.isoformat(),
            "interviews": [{"id": r, "date": plan.interview.isoformat()} for r in plan.last_rounds],
        },
        "loop": loop_timeline(pack, plan, undated, today=today, logged=logged, over=over),
    }


def _phases(plan: Plan) -> list[dict[str, Any]]:
    """Each phase's days in this plan, and the share of them the guide's weeks would give."""
    return [
        {
            "id": s.phase.id,
            "order": s.phase.order,
            "name": s.phase.name,
            "start": (plan.start + timedelta(days=s.first_day)).isoformat(),
            "end": (plan.start + timedelta(days=s.first_day + s.days - 1)).isoformat(),
            "days": s.days,
            "ideal_days": round(s.ideal_days, 2),
        }
        for s in plan.spans
    ]


def _weeks(plan: Plan, done: Collection[str]) -> list[dict[str, Any]]:
    """Each week; its tasks' estimates, own weeks, phases and ticks are lists in `tasks`'
    order, as `tasks` stays a list of texts; so are those of the tasks it leaves out
    (`dropped`, always its own) and of its own another week holds (`moved`)."""
    return [
        {
            "number": w.number,
            "start": w.start.isoformat(),
            "end": w.end.isoformat(),
            "days": w.days,
            "phases": [p.id for p in w.phases],
            "focus": w.focus,
            "tasks": w.tasks,
            "task_minutes": w.minutes,
            "task_weeks": w.origins,
            "task_phases": [p.id for p in w.owners],
            "task_done": [t in done for t in w.tasks],
            "drill_minutes": w.drill_minutes,
            "drill_fits": w.drill_fits,
            "over_minutes": w.over_minutes,
            "hours_that_hold": w.hours_that_hold,
            "dropped": w.dropped,
            "dropped_minutes": w.dropped_minutes,
            "dropped_weeks": [w.number] * len(w.dropped),
            "dropped_phases": [p.id for p in w.dropped_owners],
            "moved": w.moved,
            "moved_minutes": w.moved_minutes,
            "moved_weeks": w.moved_weeks,
            "moved_phases": [p.id for p in w.moved_owners],
            "rounds": w.rounds,
            "interviews": [{"id": r, "date": plan.dates[r].isoformat()} for r in w.interviews],
            "hours": w.hours,
            "questions": [{"id": q.id, "text": q.text} for q in w.questions],
        }
        for w in plan.weeks
    ]


def loop_timeline(
    pack: Pack,
    plan: Plan,
    undated: Collection[str] = (),
    *,
    today: date | None = None,
    logged: Collection[str] = (),
    over: Collection[str] = (),
) -> dict[str, Any]:
    """The rounds on their days (`dated` false where the day is only the plan's: the rounds
    with no date yet; `past` true for a day before `today`, when it is given, or a round
    `over` today, as `today` and `progress` count it; `logged` for a round `rounds log` has
    recorded); the decision comes the guide's timeline after the first,
    and not before the last: after it, when the rounds span the timeline."""
    return {
        "first_interview": plan.first_round.isoformat(),
        "last_interview": plan.interview.isoformat(),
        "rounds": [
            {
                "order": r.order,
                "id": r.id,
                "name": r.name,
                "date": plan.round_day(r.id).isoformat(),
                "dated": r.id not in undated,
                "past": r.id in over or (today is not None and plan.round_day(r.id) < today),
                "logged": r.id in logged,
                "minutes": r.minutes,
                "interviewer": r.interviewer,
                "look_for": r.look_for,
            }
            for r in pack.rounds
        ],
        "total_minutes": sum(r.minutes for r in pack.rounds),
        "timeline": pack.loop.timeline,
        "decision_around": plan.decision(pack.loop.timeline_days).isoformat(),
        "decision_after_last": plan.decided_after_last(pack.loop.timeline_days),
    }


def decision_words(tl: dict[str, Any], timeline: str, today: date | None = None) -> str:
    """When the decision comes, as the plan's loop ends (`timeline`: the guide's, as shown);
    once its day is before `today`, when it was due."""
    if tl["decision_after_last"]:
        return (
            f"{timeline} to a decision: the rounds span them, so it comes after the last one "
            f"({tl['last_interview']})"
        )
    around = tl["decision_around"]
    if today is not None and date.fromisoformat(around) < today:
        return f"{timeline} to a decision, so it was due around {around}"
    return f"{timeline} to a decision (around {around})"
