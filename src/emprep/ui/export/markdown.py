"""Markdown for reading and printing: the plan. Every block ends with a blank line, so each
renderer (CommonMark, pandoc, Python-Markdown) sees the same headings, lists and quotes."""

from __future__ import annotations

from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.ui.export.docs import loop_timeline
from emprep.ui.text import plural


def round_days(pack: Pack, plan: Plan, ids: list[str]) -> list[str]:
    """`Recruiter/HR Interview on 2026-11-30 (45 min, Recruiter/HR)` for each round."""
    rounds = [pack.round(r) for r in ids]
    return [f"{r.name} on {plan.dates[r.id]} ({r.minutes} min, {r.interviewer})" for r in rounds]


def plan_markdown(pack: Pack, plan: Plan) -> str:
    total = sum(w.hours for w in plan.weeks)
    out = [
        f"# Interview plan: {pack.loop.company} {pack.loop.role} ({pack.loop.level})",
        "",
        f"{plan.start} to {plan.interview}: {plural(plan.days, 'day')}, "
        f"{plural(len(plan.weeks), 'week')}, "
        f"{plan.hours_per_week:g} h a week ({total:g} h in all)"
        + (f", track {plan.track}" if plan.track else ""),
        "",
    ]
    for warning in plan.warnings:
        out += [f"> Note: {warning}", ""]
    for w in plan.weeks:
        out += [
            f"## Week {w.number}: {w.start} to {w.end} ({w.hours:g} h)",
            "",
            "Phase: " + "; ".join(f"{p.order}. {p.name}" for p in w.phases),
            "",
            "Focus: " + " ".join(w.focus),
            "",
            "Prepares: " + ", ".join(pack.round(r).name for r in w.rounds),
            "",
        ]
        for line in round_days(pack, plan, w.interviews):
            out += [f"**Interview: {line}**", ""]
        out += ["Tasks:", ""]
        out += [f"- [ ] {t}" for t in w.tasks]
        out += ["", f"Questions to introduce ({len(w.questions)}):", ""]
        out += [f"- `{q.id}` {q.text}" for q in w.questions] or ["- none this week"]
        out.append("")
    tl = loop_timeline(pack, plan)
    out += [
        f"## The loop, from {tl['first_interview']}",
        "",
        *[f"{r['order']}. {r['name']} ({r['minutes']} min) on {r['date']}" for r in tl["rounds"]],
        "",
        f"{len(tl['rounds'])} rounds, {tl['total_minutes']} min; {tl['timeline']} to a decision "
        f"(around {tl['decision_around']}).",
        "",
    ]
    return "\n".join(out)
