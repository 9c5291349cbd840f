"""Today's drill and the progress report for a candidate: profile, plan and schedule together."""

from __future__ import annotations

from datetime import datetime

from emprep.core.models import Progress, Question
from emprep.core.pack import Pack
from emprep.core.profile import current_plan
from emprep.core.report import Report, build_report
from emprep.core.scheduler import Drill, build_drill
from emprep.core.settings import Settings


def scope(pack: Pack, s: Settings, rid: str | None) -> list[Question]:
    """The questions in play: the candidate's track, and one round (a resolved id) when asked."""
    qs = pack.questions_for(s.track)
    return qs if rid is None else [q for q in qs if rid in q.rounds]


def todays_drill(
    pack: Pack, progress: Progress, now: datetime, s: Settings, round_id: str | None
) -> Drill:
    """The drill for `now`: a pure function of the pack, the progress, the time and options."""
    rid = None if round_id is None else pack.round(round_id).id
    qs = scope(pack, s, rid)
    plan = current_plan(pack, s, progress, now.date())
    plan_order: dict[str, int] = {}
    preferred: list[str] = []
    if plan is not None:
        plan_order = {q.id: i for i, q in enumerate(q for w in plan.weeks for q in w.questions)}
        week = plan.week_of(now.date())
        preferred = week.rounds if week else []
    if rid is not None:
        preferred = [rid]
    return build_drill(pack, progress, now, s.count, qs, preferred, plan_order, s.interview)


def progress_report(pack: Pack, progress: Progress, now: datetime, s: Settings) -> Report:
    plan = current_plan(pack, s, progress, now.date())
    return build_report(pack, progress, now, scope(pack, s, None), s.interview, plan)
