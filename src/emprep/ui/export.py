"""Serialisers for what emprep prints to files and pipes: JSON, Markdown, CSV, Anki, iCalendar.

Field names here are a documented interface (README, "JSON output"): change them only on purpose.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from emprep.core.models import Question, Round, Story
from emprep.core.pack import Pack
from emprep.core.planner import Plan

if TYPE_CHECKING:
    from emprep.core.mock import MockPlan, RoundHistory
    from emprep.core.report import Report
    from emprep.core.scheduler import Drill
    from emprep.core.stories import Coverage


def to_json(doc: Any) -> str:
    import json

    return json.dumps(doc, indent=2, ensure_ascii=False, default=_jsonable)


def _jsonable(value: object) -> str:
    """Dates and times in ISO 8601, UTC as `Z`."""
    if isinstance(value, date):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def round_doc(r: Round) -> dict[str, Any]:
    return asdict(r)


def question_doc(q: Question) -> dict[str, Any]:
    return asdict(q)


def loop_doc(pack: Pack) -> dict[str, Any]:
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


def questions_doc(questions: list[Question]) -> dict[str, Any]:
    return {"count": len(questions), "questions": [question_doc(q) for q in questions]}


def questions_csv(questions: list[Question]) -> str:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "id",
            "rounds",
            "text",
            "tags",
            "source",
            "track",
            "criteria",
            "points",
            "follow_ups",
            "red_flags",
            "outline",
            "minutes",
            "bar",
            "difficulty",
            "placed_by",
        ]
    )
    for q in questions:
        w.writerow(
            [
                q.id,
                ";".join(q.rounds),
                q.text,
                ";".join(q.tags),
                q.source,
                q.track or "",
                ";".join(q.criteria),
                "\n".join(f"{p.criterion}: {p.text}" for p in q.points),
                "\n".join(q.follow_ups),
                "\n".join(f"{f.reason}: {f.text}" for f in q.red_flags),
                q.outline,
                q.minutes,
                q.bar,
                q.difficulty,
                q.placed_by,
            ]
        )
    return buf.getvalue()


def anki_tag(text: str) -> str:
    """Anki tags are space-separated, so spaces inside one become underscores."""
    return "_".join(text.split())


def _html_list(items: Iterable[str]) -> str:
    import html

    return "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in items) + "</ul>"


def questions_anki(pack: Pack, questions: list[Question]) -> str:
    """A tab-separated file with Anki's import header lines: one Basic note per question."""
    import html

    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:emprep::{pack.loop.company} {pack.loop.role}",
        "#columns:GUID\tFront\tBack\tTags",
        "#guid column:1",
        "#tags column:4",
    ]
    names = {r.id: r.name for r in pack.rounds}
    for q in questions:
        back = (
            "<b>"
            + html.escape(" / ".join(names[r] for r in q.rounds))
            + f"</b> · {q.minutes} min · {q.difficulty}<br>"
            + html.escape(q.outline)
            + _html_list(f"{p.text} [{p.criterion}]" for p in q.points)
            + "<b>They will ask next</b>"
            + _html_list(q.follow_ups)
            + "<b>Red flags</b>"
            + _html_list(f"{f.text} [{f.reason}]" for f in q.red_flags)
            + "<b>The bar</b>: "
            + html.escape(q.bar)
        )
        tags = [f"emprep::round::{r}" for r in q.rounds] + [f"emprep::source::{q.source}"]
        tags += [anki_tag(t) for t in q.tags]
        lines.append("\t".join([f"emprep-{q.id}", html.escape(q.text), back, " ".join(tags)]))
    return "\n".join(lines) + "\n"


def plan_doc(pack: Pack, plan: Plan) -> dict[str, Any]:
    return {
        "start": plan.start.isoformat(),
        "interview": plan.interview.isoformat(),
        "days": plan.days,
        "hours_per_week": plan.hours_per_week,
        "total_hours": round(sum(w.hours for w in plan.weeks), 1),
        "track": plan.track,
        "warnings": plan.warnings,
        "phases": [
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
        ],
        "weeks": [
            {
                "number": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "days": w.days,
                "phases": [p.id for p in w.phases],
                "focus": [p.summary for p in w.phases],
                "tasks": w.tasks,
                "rounds": w.rounds,
                "hours": w.hours,
                "questions": [{"id": q.id, "text": q.text} for q in w.questions],
            }
            for w in plan.weeks
        ],
        "loop": loop_timeline(pack, plan),
    }


def loop_timeline(pack: Pack, plan: Plan) -> dict[str, Any]:
    return {
        "first_interview": plan.interview.isoformat(),
        "rounds": [
            {"order": r.order, "id": r.id, "name": r.name, "minutes": r.minutes}
            for r in pack.rounds
        ],
        "total_minutes": sum(r.minutes for r in pack.rounds),
        "timeline": pack.loop.timeline,
        "decision_around": (plan.interview + timedelta(days=pack.loop.timeline_days)).isoformat(),
    }


def plan_markdown(pack: Pack, plan: Plan) -> str:
    total = sum(w.hours for w in plan.weeks)
    out = [
        f"# Interview plan: {pack.loop.company} {pack.loop.role} ({pack.loop.level})",
        "",
        f"{plan.start} to {plan.interview}: {plan.days} days, {len(plan.weeks)} weeks, "
        f"{plan.hours_per_week:g} h a week ({total:g} h in all)"
        + (f", track {plan.track}" if plan.track else ""),
        "",
    ]
    out += [f"> Note: {w}" for w in plan.warnings]
    for w in plan.weeks:
        out += [
            f"## Week {w.number}: {w.start} to {w.end} ({w.hours:g} h)",
            "",
            "Phase: " + "; ".join(f"{p.order}. {p.name}" for p in w.phases),
            "",
            "Focus: " + " ".join(p.summary for p in w.phases),
            "",
            "Prepares: " + ", ".join(pack.round(r).name for r in w.rounds),
            "",
            "Tasks:",
            "",
        ]
        out += [f"- [ ] {t}" for t in w.tasks]
        out += ["", f"Questions to introduce ({len(w.questions)}):", ""]
        out += [f"- `{q.id}` {q.text}" for q in w.questions] or ["- none this week"]
        out.append("")
    tl = loop_timeline(pack, plan)
    out += [
        f"## The loop, from {tl['first_interview']}",
        "",
        *[f"{r['order']}. {r['name']} ({r['minutes']} min)" for r in tl["rounds"]],
        "",
        f"{len(tl['rounds'])} rounds, {tl['total_minutes']} min; {tl['timeline']} to a decision "
        f"(around {tl['decision_around']}).",
        "",
    ]
    return "\n".join(out)


def plan_ics(pack: Pack, plan: Plan, now: datetime) -> bytes:
    """A calendar: one all-day event per plan week with its tasks, and the interview day."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//emprep//interview plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"emprep: {pack.loop.company} {pack.loop.role}")
    for w in plan.weeks:
        ev = Event()
        ev.add("uid", f"emprep-{plan.start}-week-{w.number}@emprep")
        ev.add("dtstamp", now)
        ev.add("dtstart", w.start)
        ev.add("dtend", w.end + timedelta(days=1))
        ev.add("summary", f"Week {w.number}: " + " / ".join(p.name for p in w.phases))
        desc = [f"{w.hours:g} h. Prepares: {', '.join(w.rounds)}.", "", "Tasks:"]
        desc += [f"- {t}" for t in w.tasks]
        if w.questions:
            desc += ["", "Questions to introduce:"] + [f"- {q.text}" for q in w.questions]
        ev.add("description", "\n".join(desc))
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    ev = Event()
    ev.add("uid", f"emprep-{plan.start}-interview@emprep")
    ev.add("dtstamp", now)
    ev.add("dtstart", plan.interview)
    ev.add("dtend", plan.interview + timedelta(days=1))
    ev.add("summary", f"Interview: {pack.loop.company} {pack.loop.role}")
    ev.add(
        "description",
        "\n".join(f"{r.order}. {r.name} ({r.minutes} min, {r.interviewer})" for r in pack.rounds),
    )
    cal.add_component(ev)
    return bytes(cal.to_ical())


def _pct(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def drill_doc(drill: Drill) -> dict[str, Any]:
    return {
        "date": drill.day.isoformat(),
        "interview": drill.interview.isoformat() if drill.interview else None,
        "days_left": drill.days_left,
        "new_quota": drill.new_quota,
        "unseen": drill.unseen,
        "count": len(drill.items),
        "items": [
            {
                "id": i.question.id,
                "kind": i.kind,
                "rounds": i.question.rounds,
                "text": i.question.text,
                "minutes": i.question.minutes,
                "due": i.due.isoformat() if i.due else None,
                "recall_now": _pct(i.recall_now),
                "recall_interview": _pct(i.recall_interview),
            }
            for i in drill.items
        ],
    }


def report_doc(report: Report) -> dict[str, Any]:
    return {
        "today": report.today.isoformat(),
        "interview": report.interview.isoformat() if report.interview else None,
        "days_to_interview": report.days_to_interview,
        "week": report.week,
        "weeks": report.weeks,
        "streak": report.streak,
        "reviews": report.reviews,
        "seconds": report.seconds,
        "practice_days": report.practice_days,
        "recall_is": "FSRS predicted recall on interview day (today without a date or after it)",
        "rounds": [
            {
                "id": r.id,
                "name": r.name,
                "seen": r.seen,
                "total": r.total,
                "due_today": r.due_today,
                "recall": _pct(r.recall),
            }
            for r in report.rounds
        ],
        "heatmap": [{"date": d.isoformat(), "reviews": n} for d, n in report.heatmap],
        "forecast": [{"date": d.isoformat(), "due": n} for d, n in report.forecast],
        "weakest": [{"id": q.id, "text": q.text, "recall": _pct(r)} for q, r in report.weakest],
        "hint": report.hint,
        "mocks": [mock_history_doc(h) for h in report.mocks],
        "stories": coverage_summary_doc(report.stories),
    }


def story_doc(s: Story) -> dict[str, Any]:
    return asdict(s)


def coverage_summary_doc(cov: Coverage) -> dict[str, Any]:
    return {
        "stories": len(cov.stories),
        "questions": cov.scope,
        "questions_with_story": cov.scope - len(cov.unanswered),
        "competencies": len(cov.competencies),
        "competencies_with_story": len(cov.competencies) - len(cov.gaps),
        "gaps": [g.competency.id for g in cov.gaps],
    }


def coverage_doc(cov: Coverage) -> dict[str, Any]:
    return {
        **coverage_summary_doc(cov),
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
    return {
        "round": plan.round.id,
        "minutes": plan.minutes,
        "seconds_each": plan.seconds_each,
        "items": [
            {
                "id": i.question.id,
                "kind": i.kind,
                "recall": _pct(i.recall),
                "stories": [s.id for s in i.stories],
                "text": i.question.text,
            }
            for i in plan.items
        ],
    }


def mock_history_doc(h: RoundHistory) -> dict[str, Any]:
    return {
        "round": h.round.id,
        "mocks": h.mocks,
        "answered": h.answered,
        "last": h.last.isoformat() if h.last else None,
        "scores": h.scores,
        "trend": h.trend,
        "mean": None if h.mean is None else round(h.mean, 2),
        "mean_change": None if h.mean_change is None else round(h.mean_change, 2),
        "weakest": h.weakest,
    }
