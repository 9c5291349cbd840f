"""The loop's calendar: a date for each round, where it came from, and what looks odd about it.

A loop is a process, not a day: the screen often comes weeks before the onsite. Each round
takes its own date (`interview.ROUND`) or the loop's (`interview`); a question is due at the
earliest date among its rounds that is still ahead. Pure: `today` is an argument.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from emprep.core.datatype import datatype
from emprep.core.models import Interview, Progress, Question, Round, days_given, log_lines, stamp
from emprep.core.pack import Pack
from emprep.core.scheduler import interview_moment
from emprep.core.words import plural, the_round

if TYPE_CHECKING:
    from emprep.core.planner import Plan
    from emprep.core.settings import Settings

LOOP_KEY = "interview"
# A round's hour is not known: its questions are weighed at 09:00 (`interview_moment`), and by
# the end of a working day its day's rounds are surely over.
ROUNDS_OVER_BY = time(18)
# A round had is logged while it is remembered: the next step, and the plan's loop, ask for it
# this many days after its day, and no longer.
LOG_WITHIN_DAYS = 7


@datatype
class RoundDate:
    """One round's date; `source` is the config key it came from (`interview.ROUND` when set
    for the round, `interview` when it takes the loop's), None while it has no date."""

    round: Round
    date: date | None
    source: str | None

    @property
    def hint(self) -> str | None:
        """What a round with no date yet says in `config show`: that, and the command that
        gives it one (None once it has a date, whose `source` says where it came from)."""
        if self.date is not None:
            return None
        return f"no date yet; set it: emprep config set {round_key(self.round.id)} YYYY-MM-DD"


@datatype
class Countdown:
    """Days from today to one round: negative once it is past, when it is `done`; so is a round
    `had` today (over: logged, or its day's rounds surely are), as `progress` says it."""

    round: Round
    date: date | None
    source: str | None
    days: int | None
    had: bool = False

    @property
    def done(self) -> bool:
        return self.had or (self.days is not None and self.days < 0)


def rounds_over(day: date, minutes: int, tz: tzinfo | None) -> datetime:
    """When the rounds of `day` (`minutes` long in all) are surely over: 18:00, or later when
    they run past it back to back from 09:00."""
    end = interview_moment(day, tz) + timedelta(minutes=minutes)
    return max(datetime.combine(day, ROUNDS_OVER_BY, tzinfo=tz), end)


def over_today(
    pack: Pack,
    dates: Mapping[str, date | None],
    logged: Iterable[tuple[str, date]],
    now: datetime,
) -> frozenset[str]:
    """The rounds dated today (`dates`: each round's day) that are over: logged for today
    (`logged`: round and day), or all of them once the day's rounds are surely over."""
    today = now.date()
    on = [r for r, d in dates.items() if d == today]
    if not on:
        return frozenset()
    late = now >= rounds_over(today, sum(pack.round(r).minutes for r in on), now.tzinfo)
    had = set(logged)
    return frozenset(r for r in on if late or (r, today) in had)


def plan_marks(
    pack: Pack, progress: Progress, plan: Plan, *, s: Settings, now: datetime
) -> tuple[list[str], set[str], frozenset[str]]:
    """The rounds the plan marks: undated (a round's day is a date only when the candidate gave
    it; else it is the plan's guess), logged (`rounds log`), and over today (logged, or the
    evening come), as `today` counts them."""
    undated = [r for r in pack.round_ids if s.date_of(r) != plan.round_day(r)]
    logs = this_loop(progress)
    logged = {i.round for i in logs}
    dated = {r: plan.round_day(r) for r in pack.round_ids if r not in undated}
    over = over_today(pack, dated, ((i.round, i.day) for i in logs), now)
    return undated, logged, over


def this_loop(progress: Progress) -> list[Interview]:
    """The rounds logged in this loop: those on or after the day it started, where a date for
    the next loop, once one was over, started it (`next_loop`: `loops_before`). One logged
    before was an earlier loop's, so it marks none of this loop's rounds as had, nor boosts a
    question. All of them in a file's first loop, whatever its start: a start set after a
    round had (a recruiter's call before the plan's first day) does not make that round
    another loop's."""
    since = _since(progress)
    return [i for i in progress.interviews if since is None or i.day >= since]


def earlier_loops(progress: Progress) -> list[Interview]:
    """The rounds logged before this loop started (`this_loop`): an earlier loop's."""
    since = _since(progress)
    return [i for i in progress.interviews if since is not None and i.day < since]


def _since(progress: Progress) -> date | None:
    """The day this loop started, or None in a file's first loop."""
    return max((b.until for b in progress.loops_before), default=None)


def round_key(rid: str) -> str:
    return f"{LOOP_KEY}.{rid}"


def left_out(pack: Pack, own: Mapping[str, date], where: str) -> str | None:
    """The dates kept for rounds that `pack` (named by `where`) has none of, a profile used
    with another pack: they count nowhere, so this says which, once; None when there are none."""
    gone = {r: d for r, d in own.items() if r not in pack.round_ids}
    if not gone:
        return None
    many = len(gone) > 1
    keys = " and ".join(f"{round_key(r)} ({d})" for r, d in gone.items())
    names = ", ".join(f"'{r}'" for r in gone)
    return (
        f"{keys} {'are' if many else 'is'} left out: {where} has no round{'s' if many else ''} "
        f"{names} (its rounds: {', '.join(pack.round_ids)}); the "
        f"{'dates stay' if many else 'date stays'} in your progress file"
    )


def round_dates(pack: Pack, loop: date | None, own: dict[str, date]) -> list[RoundDate]:
    """Every round of the pack, in the guide's order, with its date and where it came from."""
    out = []
    for r in pack.rounds:
        if r.id in own:
            out.append(RoundDate(r, own[r.id], round_key(r.id)))
        else:
            out.append(RoundDate(r, loop, LOOP_KEY if loop else None))
    return out


def settings_dates(pack: Pack, s: Settings) -> list[RoundDate]:
    return round_dates(pack, s.loop_date, s.round_dates)


def countdowns(pack: Pack, s: Settings, today: date) -> list[Countdown]:
    """Days to each round, in the guide's order: what `progress` and `today` show."""
    return [
        Countdown(d.round, d.date, d.source, None if d.date is None else (d.date - today).days)
        for d in settings_dates(pack, s)
    ]


def notes(pack: Pack, dates: list[RoundDate]) -> list[str]:
    """What looks odd about the dates, said, not refused: rounds out of the guide's order,
    and a loop spread wider than the guide's timeline."""
    dated = [(d.round, d.date) for d in dates if d.date is not None]
    out = []
    for i, (r, day) in enumerate(dated):
        later = [e.id for e, on in dated[:i] if on > day]
        if later:
            out.append(
                f"{r.id} ({day}) is dated before {', '.join(later)}, which {pack.guide} puts "
                "first; fine if that is how your loop runs"
            )
    days = [day for _, day in dated]
    if days and (max(days) - min(days)).days > pack.loop.timeline_days:
        out.append(
            f"your rounds span {plural((max(days) - min(days)).days, 'day')} ({min(days)} to "
            f"{max(days)}), "
            f"more than {pack.guide}'s {pack.loop.timeline} from first call to decision; "
            "check the dates (emprep config show)"
        )
    return out


def deadline(q: Question, s: Settings, today: date) -> date | None:
    """The day a question must be ready: the earliest date among its rounds that is today or
    later; None when every one of its dated rounds is past, or none has a date."""
    return first_ahead((s.date_of(r) for r in q.rounds), today)


def past_round(
    pack: Pack, s: Settings, rid: str, today: date, had: Collection[str] = ()
) -> str | None:
    """What a drill of one round (`--round`) says once that round's day is past (or it is over
    today: `had`) and the loop is not: its own questions are asked no more, and `drill --round`
    alone would give nothing and not say why."""
    r = pack.round(rid)
    day = s.date_of(r.id)
    if day is None or s.interview is None or s.over(today):
        return None
    if day > today or (day == today and r.id not in had):
        return None
    when = f"today ({day})" if day == today else f"on {day}"
    return (
        f"{the_round(r.name)} was {when}: the drill asks no more of the questions only it asks; "
        f"those a later round asks come as that round's. To rehearse it all the same: "
        f"emprep mock --round {r.id}"
    )


def first_ahead(days: Iterable[date | None], today: date) -> date | None:
    """The earliest of `days` that is today or later."""
    return min((d for d in days if d is not None and d >= today), default=None)


def deadlines_on(dates: Mapping[str, Sequence[date]], day: date) -> dict[str, date]:
    """Each question's deadline on `day`, from its rounds' dates (`dates`): what the drill
    aims at that day. A question whose dates are all past is absent, as one without any."""
    return {q: d for q, days in dates.items() if (d := first_ahead(days, day)) is not None}


def live_on(
    dates: Mapping[str, Sequence[date]], order: Iterable[str], day: date
) -> tuple[dict[str, date], list[str]]:
    """`day`'s deadlines (`deadlines_on`) and the questions of `order` the drill asks that day:
    those with a round ahead, and those without a date; one whose rounds are all past, no more.
    The pace forecast and the plan's first-asked weeks play the drill's days by this one rule."""
    on = deadlines_on(dates, day)
    return on, [q for q in order if q in on or not dates.get(q)]


def introduction_order(questions: list[Question], first: Iterable[str]) -> list[Question]:
    """`questions` in the order new ones are introduced: those of the rounds `first` first,
    and within that every round's questions in evenly (`spread`)."""
    preferred = set(first)
    place = {q: i for i, q in enumerate(spread({q.id: q.rounds for q in questions}))}
    return sorted(questions, key=lambda q: (not preferred & set(q.rounds), place[q.id]))


def spread(rounds: Mapping[str, Sequence[str]]) -> list[str]:
    """Question ids (`rounds`: each id's rounds, in the bank's order) in an order that brings
    every round's questions in evenly, a question counting for each round that asks it: the
    next is from the round with the smallest share of its questions in so far (ties: the round
    met first in the bank), and of that round's, one that the most rounds ask (ties: the bank's
    order). A budget too small for the bank then leaves out part of every round, not the last
    rounds whole, and each place it has prepares as many rounds as it can."""
    key = tuple((q, tuple(rs)) for q, rs in rounds.items())
    if (known := _SPREAD.get(key)) is None:
        if len(_SPREAD) >= 8:
            _SPREAD.clear()
        known = _SPREAD[key] = _spread(rounds)
    return list(known)


# A command asks `spread` of the same questions more than once (the drill, then the pace
# advice): a bounded memo of a pure function, any equal key giving an equal result.
_SPREAD: dict[tuple[tuple[str, tuple[str, ...]], ...], list[str]] = {}


def _spread(rounds: Mapping[str, Sequence[str]]) -> list[str]:
    """`spread`, each round's share and untaken questions kept as they change rather than
    counted again for each place (that took about 0.5 ms of every warm command's drill)."""
    from collections import Counter

    of = {q: list(dict.fromkeys(rs)) or [""] for q, rs in rounds.items()}
    size = Counter(r for rs in of.values() for r in rs)
    queue: dict[str, list[str]] = {r: [] for r in size}
    for q in sorted(of, key=lambda q: -len(of[q])):  # stable: the bank's order among equals
        for r in of[q]:
            queue[r].append(q)
    head, left, covered = dict.fromkeys(size, 0), dict(size), Counter[str]()
    share = {r: 0 / n for r, n in size.items()}  # covered[r] / size[r]
    out: list[str] = []
    taken: set[str] = set()
    while len(out) < len(of):
        lag = min([r for r in size if left[r]], key=share.__getitem__)
        line, at = queue[lag], head[lag]
        while line[at] in taken:
            at += 1
        head[lag] = at
        q = line[at]
        out.append(q)
        taken.add(q)
        for r in of[q]:
            covered[r] += 1
            left[r] -= 1
            share[r] = covered[r] / size[r]
    return out


def last_date(q: Question, s: Settings) -> date | None:
    """The last day the question can be asked: after it, it takes no place in the drill. None
    while one of its rounds has no date yet (that round may still ask it), or none has one."""
    return last_of(q.rounds, s)


def last_of(rounds: list[str], s: Settings) -> date | None:
    """`last_date` of a question asked in `rounds`."""
    days = [s.date_of(r) for r in rounds]
    return None if None in days else max((d for d in days if d is not None), default=None)


def skipped_until_over(rounds: list[str], s: Settings, due: date) -> date | None:
    """The last round of a question asked in `rounds` when FSRS's next review (`due`) falls
    after it and before the loop's end: the drill gives it no place on that day (its rounds are
    past), so the review FSRS promises does not come until the loop is over."""
    last = last_of(rounds, s)
    if s.interview is None or last is None or not last < due <= s.interview:
        return None
    return last


def asked_questions(pack: Pack, values: list[str]) -> tuple[list[str], list[str]]:
    """What was asked, as typed: bank ids (any case, or a unique prefix) and, apart, questions
    in the candidate's words. A word shaped like an id that names no question is a typo,
    refused with a suggestion; so is one word that starts several ids (`rec`), with them. A
    list of ids in one value (`rec-why-coursera, rec-why-leaving`, as `story add --questions`
    takes them) is those ids: no question is worded so, and kept as words it told the drill of
    none of them. A list is one where a part at least names a
    question or nearly does (a prefix, a typo), each part then taken as it would be alone: a
    list of typos or of prefixes was kept as words, though each alone is refused or taken."""
    import re

    from emprep.core.errors import EmprepError
    from emprep.core.ids import did_you_mean
    from emprep.core.parse import plain_text

    ids: dict[str, None] = {}  # in the order typed, each once (a dict: 100,000 pasted lines)
    words: dict[str, None] = {}
    by_lower = {qid.lower(): qid for qid in pack.question_by_id}

    def shaped(text: str) -> bool:
        return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", text.lower()) is not None

    def starts(text: str) -> bool:
        """`text` is one word that starts a question's id (`rec`): an id cut short, which
        saved as words would count for no question, not a question worded so."""
        key = text.lower()
        return key.isascii() and key.isalnum() and any(i.startswith(key) for i in by_lower)

    def named(part: str) -> bool:
        """`part` names a question (its id, a prefix of one, a merged one's) or nearly does."""
        key = part.lower()
        return (
            key in pack.replaced
            or any(i.startswith(key) for i in by_lower)
            or bool(did_you_mean(key, list(by_lower), prefixes=True))
        )

    for value in values:
        text = " ".join(plain_text("asked", value).split())
        listed = [part for part in re.split(r"[\s,;]+", text) if part]
        if len(listed) > 1 and all(map(shaped, listed)) and any(map(named, listed)):
            parts = listed
        else:
            parts = [text]
        for part in parts:
            qid = by_lower.get(part.lower())
            if qid:
                ids[qid] = None
            elif shaped(part) or starts(part):
                try:
                    qid = pack.question(part).id
                except EmprepError as e:
                    raise EmprepError(f"{e}, or write the question in words") from None
                ids[qid] = None
            elif part:
                words[part] = None
    return list(ids), list(words)


def log_round(
    progress: Progress,
    rid: str,
    day: date,
    *,
    asked: tuple[list[str], list[str]],
    note: str,
    now: datetime,
) -> Progress:
    """The progress with one round as it happened: what was asked, and a note. A round already
    logged for that day gets the new questions and note added to its log (a question or a
    line remembered later), not a second log of the same round."""
    from emprep.core.parse import plain_text

    lines = [line.strip() for line in plain_text("note", note).splitlines()]
    earlier = [i for i in progress.interviews if i.round == rid and i.day == day]
    new = Interview(round=rid, day=day, logged=stamp(now), questions=asked[0], asked=asked[1])
    logs = [*earlier, new]  # a file from before this rule may hold several: they become one
    entry = replace(
        new,
        questions=list(dict.fromkeys(q for i in logs for q in i.questions)),
        asked=list(dict.fromkeys(a for i in logs for a in i.asked)),
        note=" ".join(filter(None, (*(i.note for i in earlier), *lines))),
    )
    rest = [i for i in progress.interviews if not (i.round == rid and i.day == day)]
    return replace(progress, interviews=[*rest, entry])


def log_day(s: Settings, rid: str, today: date) -> date:
    """The day a logged round happened, unless given: its date when that is past, else today."""
    day = s.date_of(rid)
    return day if day is not None and day <= today else today


def boosted(pack: Pack, progress: Progress, s: Settings, *, now: datetime) -> set[str]:
    """Questions asked in a round already had that another round still ahead (or undated) asks
    too, not practised since (on the round's day or after: the day each rating was given on,
    as the streak counts it, not its instant's day in UTC): interviewers compare notes, and a
    question that came up once may well come up again. The drill brings them first, once."""
    today = now.date()
    logs = this_loop(progress)
    practised = _last_days(progress, {q for log in logs for q in log.questions}, now)
    out = set()
    for log in logs:
        for qid in log.questions:
            q = pack.question_by_id.get(qid)
            if q is None or practised.get(qid, date.min) >= log.day:
                continue
            if any(r != log.round and (s.date_of(r) or today) >= today for r in q.rounds):
                out.add(qid)
    return out


def _last_days(progress: Progress, questions: set[str], now: datetime) -> dict[str, date]:
    """The last day each of `questions` was rated on, the day each rating was given on."""
    last: dict[str, date] = {}
    if not questions:  # most files log no round: their log is not read
        return last
    lines = log_lines(progress.log)
    for line, day in zip(lines, days_given(lines, now.tzinfo), strict=True):
        if (qid := line.split(" ", 2)[1]) in questions and day > last.get(qid, date.min):
            last[qid] = day
    return last
