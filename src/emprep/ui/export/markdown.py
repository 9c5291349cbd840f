"""Markdown for reading and printing: the plan, the story bank, the question bank.

Every block ends with a blank line, so each renderer (CommonMark, pandoc, Python-Markdown)
sees the same headings, lists and quotes."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING, Any

from emprep.core.models import STAR, Question, Story
from emprep.core.pack import Competency, Pack
from emprep.core.planner import TIMED, Plan, Week
from emprep.core.stories import Coverage
from emprep.ui.export.identity import loop_name
from emprep.ui.text import duration, escaped, moved, moved_to, plural, timed_task
from emprep.ui.text import lines as text_lines

if TYPE_CHECKING:  # the drill's core, off the question bank's exports' path
    from emprep.core.practice import Forecasting


def round_days(
    pack: Pack,
    plan: Plan,
    ids: list[str],
    undated: Collection[str] = (),
    *,
    escape: bool = True,
    title: Callable[[str], str] = str,
) -> list[str]:
    """`Recruiter/HR Interview on 2026-11-30 (45 min, Recruiter/HR)` for each round; one with
    no date yet is `planned for` the plan's day. The pack's names are escaped for Markdown, not
    for the screen (`escape=False`), where a `\\*` would show as typed, and the interviewer's
    `title` is as the screen keeps it whole (`render.names_whole`)."""
    text = md if escape else str
    rounds = [pack.round(r) for r in ids]
    return [
        f"{text(r.name)}{', planned for' if r.id in undated else ' on'} {plan.dates[r.id]} "
        f"({r.minutes} min, {title(text(r.interviewer) + ')')}"
        for r in rounds
    ]


def _interviews(pack: Pack, plan: Plan, ids: list[str], undated: Collection[str]) -> list[str]:
    """A paragraph per round on its day, marked when it has no date yet: a printed plan has
    no note on the terminal beside it to say the day is only the plan's."""
    out: list[str] = []
    for rid, line in zip(ids, round_days(pack, plan, ids, undated), strict=True):
        mark = " (no date yet)" if rid in undated else ""
        out += [f"**Interview{mark}: {line}**", ""]
    return out


def heading(what: str, pack: Pack) -> str:
    """The document's title, `# Study sheet: Coursera Software Engineering Manager (M4)`: the
    loop's names come from its pack, escaped like the rest of its text."""
    return f"# {what}: {md(loop_name(pack))}"


def hours_said(plan: Plan) -> str:
    """The plan's hours, said the same way in every format: "6 h a week (36 h in all)", or,
    when the hours changed once weeks had gone by at others, the week from which they hold
    and what the weeks before had: "6 h a week from week 3 (4 h a week before; 32 h in
    all)"."""
    total = f"{sum(w.hours for w in plan.weeks):g} h in all"
    now = plan.hours_per_week
    last = max((w.number for w in plan.weeks if w.rate != now), default=0)
    if not last:
        return f"{now:g} h a week ({total})"
    rates = [w.rate for w in plan.weeks[:last]]
    had = ", then ".join(f"{r:g} h" for i, r in enumerate(rates) if i == 0 or rates[i - 1] != r)
    if last == len(plan.weeks):  # every week ended before the change
        return f"{had} a week ({total})"
    return f"{now:g} h a week from week {last + 1} ({had} a week before; {total})"


def week_time(w: Week, count: int, today: date) -> str:
    """A week's tasks and drill against its hours, said the same way in every format; a drill
    longer than the hours alone says the count that fits them, and tasks kept at any hours
    that take the week over its hours say by how much and, in a week not yet over before
    `today` (one ended keeps the hours it had), the hours that would hold them, beside that
    count too: said alone, the count read as the week's way back into its hours, and at it
    the week was still hours over. What of the tasks is ticked is said: done, it takes none
    of the hours, and the sum reads as over."""
    done = f", {duration(w.done_minutes)} of them done" if w.done_minutes else ""
    line = (
        f"Tasks about {duration(w.task_minutes)} of your {w.hours:g} h{done}; "
        f"the drill about {duration(w.drill_minutes)} ({count} a day)"
    )
    kept = "its tasks of priority 1 (the stories, 'Why Coursera?', a design, the mocks)"
    n = w.hours_that_hold
    hold = "" if w.end < today else f"; {n} h a week would hold them (emprep config set hours {n})"
    if w.drill_fits is None or w.drill_minutes <= w.hours * 60:
        if not w.over_minutes:
            return line
        over = duration(w.over_minutes)
        return f"{line}: {over} more than the week's hours, as {kept} are kept at any hours{hold}"
    fits = (
        f": {w.drill_fits} a day would fit them (emprep config set count {w.drill_fits})"
        if w.drill_fits
        else " even at 1 a day"
    )
    said = f"{line}, more than the week's hours{fits}"
    if w.task_minutes == w.done_minutes:
        return said
    over = duration(w.over_minutes)
    return f"{said}; with {kept}, kept at any hours, the week is {over} more than its hours{hold}"


def asked_before(pack: Pack, plan: Plan, w: Week) -> str | None:
    """What the drill already asked of the rounds a week prepares: it brings questions in by
    its own order, not the phases', so a week of technical tasks may introduce no technical
    question, having asked them in the weeks before; this says so, and that it reviews them."""
    first = {q.id: k.number for k in plan.weeks for q in k.questions}
    parts, weeks = [], set()
    for rid in w.rounds:
        qs = [q.id for q in pack.questions_for(plan.track) if rid in q.rounds]
        before = [first[q] for q in qs if first.get(q, w.number) < w.number]
        if before:
            share = (
                f"all {len(qs)}" if len(before) == len(qs) else f"{len(before)} of the {len(qs)}"
            )
            parts.append(f"{share} {pack.round(rid).name} questions")
            weeks |= set(before)
    if not parts:
        return None
    span = f"week {min(weeks)}" if len(weeks) == 1 else f"weeks {min(weeks)}-{max(weeks)}"
    return f"Already asked by the drill in {span}: {'; '.join(parts)}; this week reviews them."


DROPPED = "Left out, as the week's hours do not hold them after the drill:"
MOVED = "Moved to another week, as the hours or the order of their phase's tasks ask:"
NONE_KEPT = "none kept: the drill is this week's work"


def moved_tasks(w: Week) -> list[str]:
    """A week's own tasks another week holds, each with its estimate and that week, said the
    same way in every format: without them, a week whose one task went to the last week listed
    no task, and read as a week with nothing to do."""
    return [
        timed_task(t, m, moved_to(k))
        for t, m, k in zip(w.moved, w.moved_minutes, w.moved_weeks, strict=True)
    ]


def drill_sentence(
    count: int, plan: Plan, pack: Pack, forecast: Forecasting, *, loop_over: bool = False
) -> str:
    """What the plan assumes of the daily drill, said the same way in every format, and where
    `emprep progress` forecasts the day (`forecast`: said only where it does). Once the loop is
    over (`loop_over`: every round dated and behind, as the drill counts them) there is no day
    to forecast for, and `progress` gives no pace: the weeks list what the drill did ask, and
    the questions it never asked are counted as such."""
    if loop_over:
        total = len(pack.questions_for(plan.track))
        never = f"; {len(plan.unreached)} of the {total} it never asked" if plan.unreached else ""
        return (
            f"The loop is over: each week lists the questions the drill first asked in it{never}. "
            f"The drill is plain FSRS now, {plural(count, 'question')} a day "
            "(emprep config set count N)."
        )
    short = ""
    if plan.unreached:
        total = len(pack.questions_for(plan.track))
        short = (
            f" At that count, {len(plan.unreached)} of the {total} questions are not reached by "
            f"the last round{count_pointer(forecast)}."
        )
    return (
        f"The daily drill is {plural(count, 'question')} (emprep config set count N): each week "
        "lists the questions it first asks in that week, drilled every practice day with every "
        f"answer Good; {forecast_pointer(forecast)}." + short
    )


def forecast_pointer(f: Forecasting) -> str:
    """Where `emprep progress` forecasts how many will be ready: today, from the day a date
    over a year away comes within its reach, once the loop is dated, or nowhere on the last
    round's day; never a forecast it does not give."""
    from emprep.core.pace import HORIZON

    said = "emprep progress forecasts how many will be ready on the day"
    if f.start == f.day:
        return said
    if f.start is not None:
        return f"{said} from {f.start} on (a forecast reaches {HORIZON} days ahead)"
    if f.undated:
        return f"once the interview has a date (emprep config set interview YYYY-MM-DD), {said}"
    return "the last round is today, so no day is left to forecast"


def count_pointer(f: Forecasting) -> str:
    """After the questions a count leaves unreached: the count `emprep progress` gives that
    would reach them, where it gives one, or that none up to its limit would."""
    from emprep.core.pace import MAX_ADVISED

    if f.advised is not None:
        return " (emprep progress gives the count that would)"
    if f.short:
        return (
            f"; no count up to {MAX_ADVISED} a day makes the loop ready in the days left "
            "(emprep progress)"
        )
    return ""


def question_time(plan: Plan) -> str:
    """What a drill question is weighed at against the week's hours, and why."""
    each = minutes_seconds(plan.question_minutes)
    if plan.timed:
        return (
            f"A drill question is weighed at {each}, the median of your last "
            f"{plan.timed} timed answers."
        )
    return (
        f"A drill question is weighed at its time box, {each} on average, the most an answer "
        f"may take, until you have timed {TIMED} answers (emprep drill times each)."
    )


def minutes_seconds(minutes: float) -> str:
    """`7 min 28`, `2 min`, `45 s`: a drill question's time."""
    whole = round(minutes * 60)
    m, sec = divmod(whole, 60)
    if not m:
        return f"{sec} s"
    return f"{m} min" + (f" {sec:02d}" if sec else "")


def plan_markdown(
    pack: Pack,
    plan: Plan,
    count: int,
    *,
    today: date,
    forecast: Forecasting,
    done: frozenset[str] = frozenset(),
    undated: Collection[str] = (),
    logged: Collection[str] = (),
    over: Collection[str] = (),
    loop_over: bool = False,
) -> str:
    """The plan in Markdown; `count` is the daily drill it assumes (the configured count),
    `done` the tasks ticked (`emprep task done`), `undated` the rounds with no date yet; a
    round before `today`, or `over` today, says how to log it, or that it is (`logged`);
    `loop_over`, the whole loop, and `forecast` what `progress` forecasts (`drill_sentence`)."""
    from emprep.ui.export.timeline import decision_words, loop_timeline  # off questions' path

    out = [
        heading("Interview plan", pack),
        "",
        f"{plan.start} to {plan.interview}: {plural(plan.days, 'day')}, "
        f"{plural(len(plan.weeks), 'week')}, "
        f"{hours_said(plan)}" + (f", track {plan.track}" if plan.track else ""),
        "",
        drill_sentence(count, plan, pack, forecast, loop_over=loop_over),
        "",
        question_time(plan),
        "",
    ]
    for warning in plan.warnings:
        out += [f"> Note: {md(warning)}", ""]
    for w in plan.weeks:
        out += _week(pack, plan, w, count, done=done, undated=undated, today=today)
    if plan.last_rounds:
        out += [f"## Interview day: {plan.interview}", ""]
        out += _interviews(pack, plan, plan.last_rounds, undated)
    tl = loop_timeline(pack, plan, undated, today=today, logged=logged, over=over)
    out += [
        f"## The loop, from {tl['first_interview']}",
        "",
        *[loop_line(r, today=today) for r in tl["rounds"]],
        "",
        f"{plural(len(tl['rounds']), 'round')}, {tl['total_minutes']} min; "
        f"{decision_words(tl, md(tl['timeline']), today)}.",
        "",
    ]
    return "\n".join(out)


def _week(
    pack: Pack,
    plan: Plan,
    w: Week,
    count: int,
    *,
    done: frozenset[str],
    undated: Collection[str],
    today: date,
) -> list[str]:
    """One week's section: its phase, focus, rounds, tasks (ticked or not, each with its
    estimate, and a task from another week with that week and its phase), its time against
    its hours, its tasks left out and those moved to another week, and its questions."""
    out = [
        f"## Week {w.number}: {w.start} to {w.end} ({w.hours:g} h)",
        "",
        "Phase: " + "; ".join(f"{p.order}. {md(p.name)}" for p in w.phases),
        "",
        "Focus: " + md(" ".join(w.focus)),
        "",
    ]
    if w.rounds:  # none once the rounds its phases prepare are behind
        out += ["Prepares: " + md(", ".join(pack.round(r).name for r in w.rounds)), ""]
    out += _interviews(pack, plan, w.interviews, undated)
    out += ["Tasks:", ""]
    out += [
        f"- [{'x' if t in done else ' '}] {md(timed_task(t, m, moved(k, p.name, w.number)))}"
        for t, m, k, p in zip(w.tasks, w.minutes, w.origins, w.owners, strict=True)
    ] or [f"- {NONE_KEPT}"]
    out += ["", md(week_time(w, count, today)) + "."]
    if w.dropped:
        out += ["", DROPPED, ""]
        out += [
            f"- {md(timed_task(t, m))}" for t, m in zip(w.dropped, w.dropped_minutes, strict=True)
        ]
    if w.moved:
        out += ["", md(MOVED), ""] + [f"- {md(t)}" for t in moved_tasks(w)]
    out += ["", f"Questions to introduce ({len(w.questions)}):", ""]
    out += [f"- `{q.id}` {md(q.text)}" for q in w.questions] or ["- none this week"]
    if said := asked_before(pack, plan, w):
        out += ["", md(said)]
    out.append("")
    return out


def loop_line(r: dict[str, Any], *, escape: bool = True, today: date | None = None) -> str:
    """One round of "The loop": its day, or that it has none yet, is past, or is logged; the
    same words on the screen (`escape=False`) as in the Markdown. A round past asks to be
    logged while it is remembered (as the next step does), and is only said unlogged later."""
    from emprep.core.rounds import LOG_WITHIN_DAYS

    line = f"{r['order']}. {md(r['name']) if escape else r['name']} ({r['minutes']} min)"
    if not r["dated"]:
        return (
            f"{line}, no date yet: planned for {r['date']}; date it: emprep config set "
            f"interview.{r['id']} YYYY-MM-DD"
        )
    if r["past"] and r["logged"]:
        return f"{line} on {r['date']}, past and logged"
    late = today is not None and (today - date.fromisoformat(r["date"])).days > LOG_WITHIN_DAYS
    if r["past"] and late:
        return f"{line} on {r['date']}, past, not logged"
    if r["past"]:
        return f"{line} on {r['date']}, past: log what it asked: emprep rounds log {r['id']}"
    return f"{line} on {r['date']}"


def stories_markdown(pack: Pack, cov: Coverage) -> str:
    """Every story in full, for a read-through before the loop, grouped by the criteria groups
    it shows: a story is written out once, under the group where it shows the most, and each
    other group it shows lists it with a pointer, so nothing is printed twice."""
    stories = [r.story for r in cov.stories]
    out = [heading("STAR stories", pack), ""]
    if not stories:
        return "\n".join([*out, "No stories yet. Add one with: emprep story add", ""])
    out += [
        f"{plural(len(stories), 'story', 'stories')}, grouped by the competencies "
        f"{'it shows' if len(stories) == 1 else 'they show'}; a story that shows several groups "
        "is written out under the one where it shows most.",
        "",
    ]
    rows = {row.competency.id: row for row in cov.competencies}
    sections = _sections(pack)
    home: dict[str, str] = {}  # story id -> the section it is written out in
    for s in stories:
        counts = [sum(s.id in rows[c.id].stories for c in members) for _, members in sections]
        if max(counts, default=0):
            home[s.id] = sections[counts.index(max(counts))][0]
    for title, members in sections:
        shown = [s for s in stories if any(s.id in rows[c.id].stories for c in members)]
        if not shown:
            continue
        out += [f"## {md(title)}", ""]
        for s in (s for s in shown if home[s.id] == title):
            out += _story(pack, s, [c for c in pack.competencies if s.id in rows[c.id].stories])
        elsewhere = [s for s in shown if home[s.id] != title]
        if elsewhere:
            out += ["Also showing it:", ""]
            out += [
                f"- {s.id}: {md(s.title)} (written out under {md(home[s.id])})" for s in elsewhere
            ]
            out.append("")
    bare = [s for s in stories if s.id not in home]
    if bare:
        out += ["## Not linked to a competency yet", ""]
        for s in bare:
            out += _story(pack, s, [])
    return "\n".join(out)


def _sections(pack: Pack) -> list[tuple[str, list[Competency]]]:
    """Each criteria group with its criteria; criteria in no group last, together."""
    comps = pack.competencies
    sections = [(g.name, [g, *(c for c in comps if c.group == g.id)]) for g in comps if g.is_group]
    loose = [c for c in comps if not c.is_group and c.group is None]
    return sections + ([("Other competencies", loose)] if loose else [])


def _story(pack: Pack, s: Story, shows: list[Competency]) -> list[str]:
    out = [f"### {s.id}: {md(s.title)}", ""]
    criteria = [c for c in shows if not c.is_group] or shows
    named = [
        c.name if c.round is None else f"{c.name} ({pack.round(c.round).name})" for c in criteria
    ]
    if named:
        out += ["Shows: " + md("; ".join(named)) + ".", ""]
    for part in STAR:
        out += [f"#### {part.capitalize()}", "", star_text(getattr(s, part).strip()), ""]
    known = pack.question_by_id
    if s.questions:
        out += ["Answers:", ""]
        out += [
            f"- `{q}` {md(known[q].text) if q in known else '(not in this loop)'}"
            for q in s.questions
        ]
        out.append("")
    return out


def questions_markdown(
    pack: Pack, questions: list[Question], notes: dict[str, str], *, only: str | None = None
) -> str:
    """A study sheet to print: the questions by round, each with the coach's whole guide, the
    pack's outline and the candidate's note. A question of several rounds is written out under
    its own (the first it names, when on the sheet) and named under the others, the questions
    the guide lists for the round first; `only` is the round asked for (`--round`), the one
    section then."""
    out = [heading("Study sheet", pack), ""]
    if not questions:
        return "\n".join([*out, "No question matches those filters.", ""])
    rounds = [r for r in pack.rounds if only in (None, r.id)]
    rounds = [r for r in rounds if any(r.id in q.rounds for q in questions)]
    shown = [r.id for r in rounds]
    home = {q.id: next(r for r in q.rounds if r in shown) for q in questions}
    out += [
        f"{plural(len(questions), 'question')} by round, each with what a strong answer covers, "
        "the follow-ups, the red flags, the bar, the answer outline and your note. A question "
        "asked in several rounds is written out under its own round and named under the others.",
        "",
    ]
    for r in rounds:
        own = sorted(
            (q for q in questions if home[q.id] == r.id), key=lambda q: q.placed_by != "guide"
        )
        also = [q for q in questions if r.id in q.rounds and home[q.id] != r.id]
        out += [
            f"## {r.order}. {md(r.name)}",
            "",
            f"{r.minutes} min · {md(r.interviewer)} · {plural(len(own) + len(also), 'question')}",
            "",
        ]
        for q in own:
            out += _sheet_question(pack, q, notes.get(q.id))
        if also:
            out += ["Also asked in this round:", ""]
            out += [
                f"- `{q.id}` {md(q.text)} (written out under {md(pack.round(home[q.id]).name)})"
                for q in also
            ]
            out.append("")
    return "\n".join(out)


def _sheet_question(pack: Pack, q: Question, note: str | None) -> list[str]:
    """One question on the sheet: its facts, then the guide in the reveal's order."""
    from emprep.ui.screens.questions import outline_steps

    placed = f"placed by {pack.guide}" if q.placed_by == "guide" else "placed by emprep"
    rounds = ", ".join(pack.round(r).name for r in pack.rounds_of(q))
    out = [
        f"### `{q.id}` {md(q.text)}",
        "",
        f"*{md(rounds)} ({placed}) · {q.source} · {q.difficulty} · {q.minutes} min*",
        "",
        f"Criteria: {md('; '.join(q.criteria))}",
        "",
        "A strong answer covers:",
        "",
        *(
            f"{n}. {md(p.text, start=True)} (shows: {md(p.criterion)})"
            for n, p in enumerate(q.points, 1)
        ),
        "",
        "They will ask next:",
        "",
        *(f"- {md(f, start=True)}" for f in q.follow_ups),
        "",
        "Red flags:",
        "",
        *(f"- {md(f.text, start=True)} (leads to: {md(f.reason)})" for f in q.red_flags),
        "",
        f"**The bar:** {md(q.bar)}",
        "",
        "Answer outline:",
        "",
        *(f"{n}. {md(step, start=True)}" for n, step in enumerate(outline_steps(q), 1)),
        "",
    ]
    if note and note.strip():
        out += ["Your note:", "", *_quoted(note), ""]
    return out


def _quoted(note: str) -> list[str]:
    """The candidate's note as a quote, its lines kept (a backslash at a line's end breaks
    the line in CommonMark and pandoc alike), its text literal, each line's indent kept as
    no-break spaces (a tab as four): Markdown drops a line's leading spaces, and an outline
    with points indented under a line printed flat, where the screen shows it indented."""
    lines = [
        kept_indent(line) + md(line.strip(), start=True) if line.strip() else ""
        for line in text_lines(note.strip())
    ]
    ends = [
        bool(line) and k + 1 < len(lines) and bool(lines[k + 1]) for k, line in enumerate(lines)
    ]
    return [
        f"> {line}\\" if end else f"> {line}".rstrip()
        for line, end in zip(lines, ends, strict=True)
    ]


def kept_indent(line: str) -> str:
    """The line's indent as no-break spaces, which Markdown keeps and shows as typed."""
    spaces = line.expandtabs(4)
    return "\u00a0" * (len(spaces) - len(spaces.lstrip(" ")))


FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^( {0,3})(#{1,6}(?:[ \t]|$))")
UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
AUTOLINK = r"[A-Za-z][\w+.-]{1,31}:[^\s<>]*>|[\w.+-]+@[\w.-]+>"  # <https://...>, <me@x.org>
TAG = re.compile(rf"<(?!{AUTOLINK})(?=[A-Za-z/!?])")
CODE = re.compile(r"(?: {4}|\t)")
QUOTE = re.compile(r"(?: {0,3}> ?)+")
CELLS = re.compile(r"(?<!\\)\|")  # a table's cell separator: a pipe not escaped
DELIMITER = re.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def star_text(text: str) -> str:
    """A story's part as Markdown that stays inside its section: what the candidate typed keeps
    its emphasis, lists, links (`<https://...>` too), tables and code, but no line of it can
    open a heading (`# ...`, or a line underlined with `---`), an HTML tag (`<!--` or `<script>`
    hides the rest of the page) or a code block that never closes (it would take in every later
    story). A table typed right under a line, or a line right under a table, gets a blank line
    between them: CommonMark's tables (GitHub's, markdown-it's) start under a line and take the
    line after them in as a row, pandoc's do neither, so the two read the same part apart (a
    table in one, its pipes as text in the other). A control character is written as its
    escape (`\\x1b`), as the screen shows it."""
    out: list[str] = []
    fence = ""
    table: str | None = None  # in a table: its rows' quote marks (`> `, or none)
    for typed in re.split(r"\r\n|\r|\n", text):  # a pasted CRLF ends a line, as in CommonMark
        line = escaped(typed)
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = "" if not line[opening.end() :].strip() else fence
        elif opening:
            fence = opening.group(1)
        elif not CODE.match(line):  # an indented code block is shown as typed
            if UNDERLINE.match(line) and out and out[-1].strip():
                line = "\\" + line.lstrip()
            line = HEADING.sub(r"\1\\\2", line, count=1)
            line = _outside_code(line, lambda part: TAG.sub(r"\\<", part))
        quote, body = _quoted_body(line)
        if table is not None and body.strip() and not (quote == table and CELLS.search(body)):
            out.append(table.rstrip())  # the line after a table, not a row of it
            table = None
        if not body.strip():
            table = None
        elif table is None and not fence and _opens_table(out, quote, body):
            table = quote
            above = _quoted_body(out[-2]) if len(out) > 1 else ("", "")
            if above[0] == quote and above[1].strip():
                out.insert(len(out) - 1, quote.rstrip())  # the header apart from the line above
        out.append(line)
    return "\n".join(out + ([fence] if fence else []))


def _cells(line: str) -> int:
    """The number of cells in a table's row, the pipes at its ends left out."""
    return len(CELLS.split(line.strip().removeprefix("|").removesuffix("|")))


def _quoted_body(line: str) -> tuple[str, str]:
    """A line's quote marks (`> > `, where a table or a quote may be) and the rest of it."""
    quote = QUOTE.match(line)
    return (quote.group(), line[quote.end() :]) if quote else ("", line)


def _opens_table(out: list[str], quote: str, body: str) -> bool:
    """Whether `body` is a table's delimiter row (`|---|:-:|`) under a header row in the same
    quote with a pipe and as many cells, as CommonMark's tables and pandoc's pipe tables both
    take it."""
    if not out or not DELIMITER.match(body):
        return False
    above, header = _quoted_body(out[-1])
    if above != quote or CODE.match(header):
        return False
    return bool(CELLS.search(header)) and _cells(header) == _cells(body)


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """`change` applied to the line's text but not to its code spans (`` `<div>` `` stays)."""
    parts, pos = [], 0
    for ticks in re.finditer(r"`+", line):
        if ticks.start() < pos:
            continue
        close = re.compile(rf"(?<!`){ticks.group()}(?!`)").search(line, ticks.end())
        if close:
            parts += [change(line[pos : ticks.start()]), line[ticks.start() : close.end()]]
            pos = close.end()
    return "".join(parts) + change(line[pos:])


# What pandoc alone reads as a list marker at the start of an item's text (its fancy lists):
# a letter or a roman numeral before `.` or `)`, or any marker in parentheses.
FANCY = re.compile(r"^(\s*)(?:\(|([A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)([.)])(?=\s|$))")


def md(text: str, *, start: bool = False) -> str:
    """`text` as literal Markdown: punctuation CommonMark or pandoc would read as markup is
    escaped (`&` only where it would start an entity; `{`, which ends a heading with pandoc's
    attributes, `{-}`); with `start`, also what opens a block at the start of a line or of a
    list item's text (a list item, pandoc's `a)`, `iv.` and `(1)` too, a setext underline,
    pandoc's line block `| `, a table's delimiter row `:--|--:`): a follow-up written "1. ..."
    or "(a) ..." is not a list inside the list, nor a note's `:-- | --:` a table. A control
    character is written as its escape (`\\x1b`), as the screen shows it: a file read with
    `cat` cannot retitle or clear the terminal."""
    text = " ".join(escaped(text).split("\n"))
    text = re.sub(r"([\\`*_\[\]<>~$^@#{]|&(?=#?\w+;))", r"\\\1", text)
    if start:
        text = re.sub(r"^(\s*\d*)([-+=.)|])", r"\1\\\2", text)
        text = re.sub(r"^(\s*):", r"\1\\:", text)  # a table's delimiter row, `:-- | --:`
        text = FANCY.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[1]}\\(", text)
    return text
