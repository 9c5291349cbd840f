"""What a person sees: rich tables on a terminal, plain aligned text when piped."""

from __future__ import annotations

import sys
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from emprep.core.models import Interview, Profile, Progress, Question, Round, Story
from emprep.core.pack import Pack
from emprep.core.planner import Plan
from emprep.ui import output
from emprep.ui.text import clock, minutes_seconds, plural

if TYPE_CHECKING:
    from rich.console import Console

    from emprep.core.drill import Drill
    from emprep.core.mock import MockPlan, RoundHistory
    from emprep.core.pace import Advice, Forecast
    from emprep.core.report import Report, RoundReadiness
    from emprep.core.rounds import RoundDate
    from emprep.core.session import Session
    from emprep.core.settings import Settings
    from emprep.core.stories import Coverage


@cache
def console() -> Console:
    """stdout; rich drops colour by itself for NO_COLOR and for pipes. No `:emoji:` codes: a
    story that says `:x:` prints as typed (and the emoji table costs 3 ms to load)."""
    from rich.console import Console

    return Console(highlight=False, emoji=False, soft_wrap=not output.is_tty())


def echo(text: str = "") -> None:
    console().print(text, markup=False)


def heading(text: str) -> None:
    console().print(f"[bold]{_escape(text)}[/bold]")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def table(headers: list[str], rows: list[list[str]], title: str | None = None) -> None:
    """A boxed table on a terminal; columns separated by two spaces, one row a line, otherwise."""
    if output.is_tty():
        from rich.table import Table

        t = Table(title=title, title_justify="left", highlight=False)
        for h in headers:
            t.add_column(h, overflow="fold")
        for row in rows:
            t.add_row(*(_escape(c) for c in row))
        console().print(t)
        return
    if title:
        echo(title)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    for row in [headers, *rows]:
        cells = [c.ljust(widths[i]) for i, c in enumerate(row[:-1])] + [row[-1]]
        echo("  ".join(cells).rstrip())


def bullets(title: str, items: list[str], numbered: bool = False) -> None:
    heading(title)
    for i, item in enumerate(items, start=1):
        echo(f"  {i}. {item}" if numbered else f"  - {item}")
    echo()


def rounds_overview(pack: Pack, dates: list[RoundDate]) -> None:
    """The loop; a date column once any round has a date."""
    loop = pack.loop
    heading(f"{loop.company} · {loop.role} · {loop.level} · {loop.difficulty}")
    echo()
    dated = any(d.date for d in dates)
    rows = [
        [str(r.order), r.id, r.name, r.kind, r.difficulty, f"{r.minutes} min", r.interviewer]
        + ([str(d.date or "-")] if dated else [])
        for r, d in zip(pack.rounds, dates, strict=True)
    ]
    headers = ["#", "id", "round", "kind", "difficulty", "length", "interviewer"]
    table(headers + (["date"] if dated else []), rows)
    echo()
    echo(
        f"{len(pack.rounds)} rounds, {sum(r.minutes for r in pack.rounds)} min in all, "
        f"{loop.timeline} from first call to decision. Experience {loop.experience}, "
        f"salary {loop.salary}."
    )
    echo("Details of one round: emprep rounds ID")


def round_detail(pack: Pack, r: Round, questions: list[Question], day: RoundDate) -> None:
    heading(f"{r.order}. {r.name} ({r.id})")
    echo(f"{r.kind} · {r.difficulty} · {r.minutes} min · {r.interviewer}")
    if day.date:
        echo(f"On {day.date} (from {day.source})")
    echo()
    echo(r.summary)
    echo()
    echo(r.description)
    echo()
    bullets("What interviewers look for", r.look_for)
    bullets("Evaluation criteria", r.criteria)
    bullets("Preparation tips", r.tips, numbered=True)
    bullets("Common reasons for rejection", r.rejection_reasons)
    bullets(f"Questions ({len(questions)})", [f"{q.id}: {q.text}" for q in questions])


def questions_list(pack: Pack, questions: list[Question]) -> None:
    if not questions:
        print("emprep: no question matches those filters", file=sys.stderr)
        return
    rows = [[q.id, ",".join(q.rounds), q.source, q.text] for q in questions]
    table(["id", "rounds", "source", "question"], rows)


def plan_view(pack: Pack, plan: Plan, today_week: int | None = None) -> None:
    from emprep.ui.export.docs import loop_timeline
    from emprep.ui.export.markdown import round_days

    total = sum(w.hours for w in plan.weeks)
    heading(f"Your plan: {pack.loop.company} {pack.loop.role} ({pack.loop.level})")
    echo(
        f"{plan.start} to {plan.interview}: {plan.days} days, {len(plan.weeks)} weeks, "
        f"{plan.hours_per_week:g} h a week ({total:g} h in all)"
        + (f", track {plan.track}" if plan.track else "")
    )
    echo()
    for w in plan.weeks:
        mark = "  ← this week" if w.number == today_week else ""
        heading(f"Week {w.number}  {w.start} to {w.end}  {w.hours:g} h{mark}")
        echo("  Phase:    " + "; ".join(f"{p.order}. {p.name}" for p in w.phases))
        echo("  Focus:    " + " ".join(p.summary for p in w.phases))
        echo("  Prepares: " + ", ".join(pack.round(r).name for r in w.rounds))
        for line in round_days(pack, plan, w.interviews):
            echo(f"  Interview: {line}")
        echo("  Tasks:")
        for t in w.tasks:
            echo(f"    - {t}")
        echo(f"  Questions to introduce ({len(w.questions)}):")
        for q in w.questions:
            echo(f"    - {q.id}: {q.text}")
        echo()
    tl = loop_timeline(pack, plan)
    heading(f"The loop, from {tl['first_interview']}")
    for r in tl["rounds"]:
        echo(f"  {r['order']}. {r['name']} ({r['minutes']} min) on {r['date']}")
    echo(
        f"  {len(tl['rounds'])} rounds, {tl['total_minutes']} min; {tl['timeline']} to a "
        f"decision (around {tl['decision_around']})."
    )


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.0%}"


def countdown(interview: date, days: int) -> str:
    """The interview date said as a person would: ahead, today, or past."""
    if days > 0:
        return f"{plural(days, 'day')} to the interview ({interview})"
    if days == 0:
        return f"interview day ({interview})"
    return f"the interview ({interview}) was {plural(-days, 'day')} ago"


def day_words(d: date) -> str:
    """A date as a person says it: Sat 5 Dec."""
    return f"{d:%a} {d.day} {d:%b}"


def pace_line(advice: Advice) -> str:
    """The pace advice in plain words; the figures are FSRS's prediction, said as one."""
    from emprep.core.pace import MAX_ADVISED

    c = advice.current
    head = (
        f"At {c.count} a day about {c.ready} of {c.total} questions will be ready on "
        f"{day_words(advice.day)}"
    )
    if not advice.short:
        return head + " (FSRS's prediction: recall of 90 % or more on the day)."
    a = advice.advised
    if a is None:
        return (
            f"{head}; no count up to {MAX_ADVISED} a day makes the loop ready in the days left: "
            "put the rounds that matter most first (emprep drill --round ID)."
        )
    return (
        f"{head}; {a.count} a day would make {a.ready} ready (emprep config set count {a.count})."
    )


SPARK = "▁▂▃▄▅▆▇█"


def pace_chart(advice: Advice) -> list[str]:
    """Predicted ready questions each practice morning up to the interview, a row per count."""

    def row(f: Forecast) -> str:
        cells = "".join(
            SPARK[min(len(SPARK) - 1, n * len(SPARK) // max(1, f.total))] for _, n in f.curve
        )
        return f"  at {f.count:>2} a day  {cells}  {f.ready}/{f.total}"

    rows = [row(advice.current)]
    if advice.advised is not None:
        rows.append(row(advice.advised))
    return rows


def drill_list(pack: Pack, drill: Drill, advice: Advice | None = None) -> None:
    n = plural(len(drill.items), "question")
    if drill.interview is None or drill.days_left is None:
        echo(f"Drill for {drill.day}: {n} (no interview date: plain FSRS)")
    elif drill.days_left < 0:
        when = countdown(drill.interview, drill.days_left)
        echo(f"Drill for {drill.day}: {n} ({when}: plain FSRS)")
    elif drill.days_left == 0:
        echo(f"Drill for {drill.day}: {n}, a warm-up of your weakest on interview day")
    else:
        echo(
            f"Drill for {drill.day}: {n}, {countdown(drill.interview, drill.days_left)}, "
            f"{drill.unseen} unseen (at least {drill.new_quota} new today)"
        )
    if drill.rest_day:
        echo("Today is one of your rest days; here is the drill all the same.")
    if not drill.items:
        echo("Nothing to practise today. See what is coming: emprep progress")
        return
    upcoming = drill.days_left is not None and drill.days_left >= 0
    rows = [
        [
            str(n),
            i.question.id,
            i.kind,
            ",".join(i.question.rounds),
            str(i.deadline or "-"),
            _pct(i.recall_interview if upcoming else i.recall_now),
            i.question.text,
        ]
        for n, i in enumerate(drill.items, start=1)
    ]
    recall = "recall@deadline" if upcoming else "recall"
    table(["#", "id", "kind", "rounds", "deadline", recall, "question"], rows)
    if advice is not None and advice.short:
        echo(pace_line(advice))


def interviews_view(logs: list[Interview]) -> None:
    heading("Rounds you have had")
    for log in logs:
        asked = log.questions + [f'"{a}"' for a in log.asked]
        echo(f"  {log.day} {log.round}: asked {', '.join(asked) or 'nothing logged'}")
        if log.note:
            echo(f"    note: {log.note}")


def round_logged(pack: Pack, log: Interview, progress: Progress, s: Settings, today: date) -> None:
    from emprep.core.rounds import boosted

    r = pack.round(log.round)
    parts = []
    if log.questions:
        parts.append(
            f"{plural(len(log.questions), 'question')} from the bank ({', '.join(log.questions)})"
        )
    if log.asked:
        parts.append(f"{len(log.asked)} in your words")
    if log.note:
        parts.append("a note")
    echo(f"Logged the {r.name} of {log.day}: {', '.join(parts) or 'nothing asked'}.")
    again = [q for q in log.questions if q in boosted(pack, progress, s, today)]
    if again:
        echo(f"A later round asks {', '.join(again)} too: the drill brings them first.")


def session_line(session: Session, did: str, kept: str) -> str:
    """What a drill or a mock did: `3 rated (Good 2, Easy 1), 1 skipped, 2 min 5 s answering.`"""
    from emprep.core.scheduler import RATING_NAMES

    done = sum(session.rated.values())
    parts = ", ".join(f"{RATING_NAMES[k]} {v}" for k, v in sorted(session.rated.items()))
    stopped = "Stopped. " if session.interrupted else ""
    return (
        f"{stopped}{done} {did}{f' ({parts})' if parts else ''}, {session.skipped} skipped, "
        f"{minutes_seconds(session.seconds)} answering. {kept}"
    )


def drill_summary(
    session: Session, forecast: list[tuple[date, int]], advice: Advice | None = None
) -> None:
    echo(session_line(session, "rated", "Every rating is saved."))
    upcoming = [f"{d}: {n}" for d, n in forecast if n][:3]
    if upcoming:
        echo("Next reviews: " + ", ".join(upcoming))
    if advice is not None and advice.short:
        echo(pace_line(advice))


HEAT = " ░▒▓█"


def _heat(n: int) -> str:
    if n == 0:
        return "·"
    return HEAT[min(4, 1 + (n - 1) // 3)]


def heatmap_rows(days: list[tuple[date, int]]) -> list[str]:
    """Seven rows, Monday first; a column per calendar week."""
    from datetime import timedelta

    monday = days[0][0] - timedelta(days=days[0][0].weekday())
    cols = (days[-1][0] - monday).days // 7 + 1
    grid = [[" "] * cols for _ in range(7)]
    for d, n in days:
        grid[d.weekday()][(d - monday).days // 7] = _heat(n)
    return [f"  {'MTWTFSS'[wd]} " + "".join(row).rstrip() for wd, row in enumerate(grid)]


def progress_view(report: Report) -> None:
    if report.interview and report.days_to_interview is not None:
        week = f", plan week {report.week} of {report.weeks}" if report.week else ""
        when = rounds_countdown(report)
        heading(when[0].upper() + when[1:] + week)
    else:
        heading("No interview date yet: emprep config set interview YYYY-MM-DD")
    if report.reviews:
        _practice(report)
    else:
        echo("No practice yet. Start with: " + report.hint)
    if report.pace is not None:
        echo()
        heading("Forecast: questions predicted ready each practice morning to the interview")
        for line in pace_chart(report.pace):
            echo(line)
        echo(pace_line(report.pace))
    echo()
    heading("Stories")
    for line in coverage_summary(report.stories):
        echo(f"  {line}")
    gaps = [g.competency.name for g in report.stories.gaps]
    if report.stories.stories and gaps:
        more = f" and {len(gaps) - 3} more" if len(gaps) > 3 else ""
        echo(f"  No story shows: {', '.join(gaps[:3])}{more}. See: emprep story coverage")
    if report.mocks:
        echo()
        mock_history_view(report.mocks)
    if report.interviews:
        echo()
        interviews_view(report.interviews)
    if report.reviews:
        echo()
        echo(f"Next: {report.hint}")


def rounds_countdown(report: Report) -> str:
    """Days to the interview; with rounds on several days, to the next round and the last."""
    assert report.interview is not None and report.days_to_interview is not None
    last = countdown(report.interview, report.days_to_interview)
    ahead = [(r.days, r) for r in report.rounds if r.days is not None and r.days >= 0]
    if not ahead:
        return last
    days, nxt = min(ahead, key=lambda dr: dr[0])
    if nxt.date == report.interview:
        return last
    soon = f"{plural(days, 'day')} to" if days else "today:"
    return f"{soon} the {nxt.name} ({nxt.date}), {last}"


def _round_when(r: RoundReadiness) -> str:
    if r.days is None:
        return "-"
    if r.done:
        return "done"
    return "today" if r.days == 0 else f"in {plural(r.days, 'day')}"


def _practice(report: Report) -> None:
    echo(
        f"Streak {plural(report.streak, 'day')} · {plural(report.reviews, 'review')} on "
        f"{plural(report.practice_days, 'day')} · {report.seconds // 60} min answering"
    )
    echo()
    ahead = {r.date for r in report.rounds if r.days is not None and r.days >= 0}
    when = "on its day" if len(ahead) > 1 else "on interview day" if ahead else "today"
    rows = [
        [
            r.name,
            str(r.date or "-"),
            _round_when(r),
            f"{r.seen}/{r.total}",
            str(r.due_today),
            "-" if r.done else _pct(r.recall),
        ]
        for r in report.rounds
    ]
    table(["round", "date", "when", "seen", "due today", f"recall {when}"], rows)
    on = "on the morning of each round's day" if len(ahead) > 1 else when
    echo(f"Recall is FSRS's predicted chance of answering well {on}; unseen questions count 0.")
    echo()
    heading("Last 12 weeks (· none, ░ 1-3, ▒ 4-6, ▓ 7-9, █ 10+ reviews)")
    for line in heatmap_rows(report.heatmap):
        echo(line)
    echo()
    echo("Due next 7 days: " + "  ".join(f"{d:%a %d} {n}" for d, n in report.forecast))
    if report.weakest:
        echo()
        heading("Weakest questions")
        for q, r in report.weakest:
            echo(f"  {_pct(r):>4}  {q.id}: {q.text}")


def value(v: object) -> str:
    """A profile value as a person would write it: 5, not 5.0."""
    if v is None:
        return "(not set)"
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return f"{v:g}" if isinstance(v, float) else str(v)


def unset_message(profile: Profile, key: str) -> str:
    if "." not in key:
        return f"{key} is not set"
    return (
        f"{key} is not set; the round takes the loop's date (interview: {value(profile.interview)})"
    )


def profile_view(profile: Profile, dates: list[RoundDate], path: str) -> None:
    """The profile, and under `interview` each round's date and the key it comes from."""
    width = max(len(d.round.id) for d in dates)
    for key in ("interview", "start", "hours", "track", "count", "rest-days"):
        echo(f"{key:<10} {value(getattr(profile, key.replace('-', '_')))}")
        if key == "interview":
            for d in dates:
                source = f"  from {d.source}" if d.source else ""
                echo(f"  {d.round.id:<{width}}  {value(d.date)}{source}".rstrip())
    echo(f"file       {path}")


# --- Stories --------------------------------------------------------------------------------


def story_list(stories: list[Story]) -> None:
    if not stories:
        echo("No stories yet. Add one with: emprep story add")
        return
    rows = [
        [s.id, s.title, ", ".join(s.competencies) or "-", ", ".join(s.questions) or "-"]
        for s in stories
    ]
    table(["id", "title", "competencies", "questions"], rows)


def story_view(pack: Pack, s: Story) -> None:
    heading(f"{s.id}: {s.title}")
    echo(f"Written {s.created:%Y-%m-%d}, changed {s.updated:%Y-%m-%d}")
    for part in ("situation", "task", "action", "result"):
        echo()
        heading(part.capitalize())
        echo(getattr(s, part))
    echo()
    names = [
        pack.competency_by_id[c].name if c in pack.competency_by_id else f"{c} (not in this loop)"
        for c in s.competencies
    ]
    bullets("Competencies it shows", names or ["none yet: emprep story edit " + s.id])
    known = pack.question_by_id
    asked = [
        f"{q}: {known[q].text}" if q in known else f"{q} (not in this loop)" for q in s.questions
    ]
    bullets("Questions it answers", asked or [f"none yet: emprep story link {s.id} QUESTION"])


MARKS = {"named": "●", "implied": "○"}


def coverage_view(pack: Pack, cov: Coverage) -> None:
    summary = coverage_summary(cov)
    heading(summary[0])
    for line in summary[1:]:
        echo(line)
    if not cov.stories:
        return
    echo()
    for r in cov.stories:
        echo(
            f"  {r.story.id:<4} {r.story.title}: answers {plural(r.questions, 'question')}, "
            f"shows {plural(r.competencies, 'competency', 'competencies')}"
        )
    echo()
    ids = [r.story.id for r in cov.stories]
    rows = []
    for row in cov.competencies:
        c = row.competency
        label = c.name if c.round is None else f"  {c.name}"
        marks = [
            MARKS["named"] if sid in row.named else MARKS["implied"] if sid in row.implied else "·"
            for sid in ids
        ]
        rows.append([label, *marks, f"{row.answered}/{row.questions}"])
    for rc in cov.rounds:
        marks = ["●" if sid in rc.stories else "·" for sid in ids]
        rows.append([f"Round: {rc.round.name}", *marks, f"{rc.answered}/{rc.questions}"])
    table(["competency", *ids, "questions with a story"], rows)
    echo("● named by the story · ○ shown through a question it answers (or, for a group, one of")
    echo("its criteria) · questions with a story: of the questions that test it")
    if cov.gaps:
        echo()
        heading("Competencies no story shows, most-tested first")
        for g in cov.gaps:
            where = f" ({pack.round(g.competency.round).name})" if g.competency.round else ""
            echo(f"  - {g.competency.name}{where}: {plural(g.questions, 'question')} test it")
    if cov.unanswered:
        echo()
        heading(f"Questions no story answers ({len(cov.unanswered)}), worst gaps first")
        for q in cov.unanswered:
            echo(f"  - {q.id}: {q.text}")


def coverage_summary(cov: Coverage) -> list[str]:
    if not cov.stories:
        return ["No STAR stories yet", "Add your first with: emprep story add"]
    answered = cov.scope - len(cov.unanswered)
    shown = len(cov.competencies) - len(cov.gaps)
    return [
        f"{plural(len(cov.stories), 'story', 'stories')}: {answered} of {cov.scope} "
        f"questions have one; {shown} of {len(cov.competencies)} competencies are shown",
    ]


# --- Mocks ----------------------------------------------------------------------------------


def mock_plan(plan: MockPlan) -> None:
    r = plan.round
    n = len(plan.items)
    echo(
        f"Mock: {r.name}, {plan.minutes} min, {plural(n, 'question')} of about "
        f"{clock(plan.seconds_each)} each. Interviewer: {r.interviewer}"
    )
    rows = [
        [
            str(k),
            i.question.id,
            i.kind,
            _pct(i.recall),
            ", ".join(s.id for s in i.stories) or "-",
            i.question.text,
        ]
        for k, i in enumerate(plan.items, start=1)
    ]
    table(["#", "id", "kind", "recall", "stories", "question"], rows)
    echo(f"Then you score yourself 1-5 on: {', '.join(r.criteria)}.")


def mock_summary(pack: Pack, plan: MockPlan, session: Session) -> None:
    from emprep.core.mock import mean, weakest

    if not session.started:
        echo("Nothing was asked; no mock is saved.")
        return
    echo()
    echo(session_line(session, "answered", "The mock is saved."))
    r = plan.round
    if not session.finished:
        echo(
            "It has no scores, so progress counts its answers only. "
            f"Again: emprep mock --round {r.id}"
        )
        return
    avg = mean(session.scores)
    echo(
        "Scores: "
        + ", ".join(f"{c} {session.scores[c]}" for c in r.criteria)
        + (f" (mean {avg:.1f})" if avg is not None else "")
    )
    low = weakest(r, session.scores)
    if low:
        tested = [q.id for q in pack.questions if low in q.criteria][:3]
        also = f" (questions that test it: {', '.join(tested)})" if tested else ""
        echo(f"Weakest: {low}, {session.scores[low]}/5{also}.")
    if session.rejections:
        echo("Watch for: " + "; ".join(session.rejections))
    echo(f"Next: emprep drill --round {r.id}")


def mock_history_view(history: list[RoundHistory]) -> None:
    heading("Mock rounds")
    for h in history:
        n = plural(h.mocks, "mock")
        if h.last is None:
            echo(f"  {h.round.name}: {n}, none scored yet ({plural(h.answered, 'answer')})")
            continue
        change = "" if h.mean_change is None else f" ({h.mean_change:+.1f})"
        mean = f"{h.mean:.1f}" if h.mean is not None else "-"
        echo(f"  {h.round.name}: {n}, last scored {h.last}: mean {mean}{change}")
        echo(
            "    "
            + " · ".join(
                f"{c} {v}" + (f" ({h.trend[c]:+d})" if c in h.trend else "")
                for c, v in h.scores.items()
            )
        )
        if h.weakest:
            echo(f"    weakest: {h.weakest}; next: emprep drill --round {h.round.id}")
