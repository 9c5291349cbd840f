"""The loop pack and the progress file as plain dataclasses, checked strictly by pydantic.

The classes are stdlib dataclasses so that a command whose data is in the cache (see `cache`)
never imports pydantic: the rules below are markers that become pydantic constraints only when
`validate` builds a validator, for a file read afresh. Every leaf field carries a `Rule`, which
makes it strict (no "3" for 3); unknown keys are refused, not ignored. The values are never
changed in place (changes go through `dataclasses.replace`), but are not frozen: a frozen
dataclass takes twice as long to define, and every command defines them all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, TypeVar

from emprep.core import limits
from emprep.core.datatype import datatype, later

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

T = TypeVar("T")

CONFIG = {"extra": "forbid"}


class Rule:
    """A strict field with pydantic's `Field` constraints (`ge`, `min_length`, `pattern`...);
    `aware=True` makes a datetime require a time zone; `lines=True` makes a string's line
    ends LF (`line_breaks`), as read; `shown=True` refuses a string that shows nothing
    (`blank`), as a typed one is; `unique=True` refuses a list holding an item twice. `says`
    is what a `pattern` takes, in words, for the line a value that does not match gets."""

    def __init__(
        self,
        aware: bool = False,
        lines: bool = False,
        shown: bool = False,
        unique: bool = False,
        says: str = "",
        **constraints: Any,
    ) -> None:
        self.aware = aware
        self.lines = lines
        self.shown = shown
        self.unique = unique
        self.says = says
        self.constraints = constraints

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import AwareDatetime, Field
        from pydantic_core import core_schema

        base = AwareDatetime if self.aware else source
        schema = handler(Annotated[base, Field(strict=True, **self.constraints)])
        if self.lines:
            schema = core_schema.no_info_after_validator_function(line_breaks, schema)
        if self.shown:
            schema = core_schema.no_info_after_validator_function(_shows_something, schema)
        if self.unique:
            schema = core_schema.no_info_after_validator_function(_once_each, schema)
        return schema


def _shows_something(text: str) -> str:
    """`text`, unless it shows nothing (`blank`): a title of a zero-width space alone, edited
    into the file, is an empty one, as it is typed."""
    if blank(text):
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(
            "blank", "shows nothing (only spaces or invisible characters); write it"
        )
    return text


def _once_each(items: list[T]) -> list[T]:
    """`items`, unless one is in it twice (`rest_days = ["sat", "sat"]`)."""
    twice = next((item for item, n in Counter(items).items() if n > 1), None)
    if twice is not None:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("twice", "holds '{item}' twice; keep one", {"item": twice})
    return items


def blank(text: str) -> bool:
    """Whether `text` shows nothing: spaces, and the characters that take no place of their
    own (a zero-width space, a joiner, a byte order mark, a lone combining mark, a variation
    selector), which `str.strip` keeps. A title or a note of them alone is an empty one, not
    a story or a note no one can see."""
    import unicodedata

    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Mn", "Me") for c in text)


def line_breaks(text: str) -> str:
    """`text` with a Windows line end (CR LF) or an old Mac's (CR) as a line break (LF): typed,
    and as an older version kept it in a file, where each CR showed as `\\x0d`. So too a line
    or a paragraph separator (U+2028, U+2029, pasted from a web page or a word processor):
    kept, one terminal broke the line there and another showed nothing, while the screens'
    tables and the exports kept it inside a line."""
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )


def text_lines(text: str) -> list[str]:
    """`text`'s lines, split at its line breaks alone (`line_breaks`): `str.splitlines` splits
    at a form feed, a vertical tab, \\x1c-\\x1e and NEL too, control characters a field
    never holds as line breaks."""
    return line_breaks(text).split("\n")


Text = Annotated[str, Rule(min_length=1, lines=True)]
# the candidate's own words in the progress file: text that shows nothing is an empty one
Words = Annotated[str, Rule(min_length=1, lines=True, shown=True)]
Int = Annotated[int, Rule()]
Count = Annotated[int, Rule(ge=1)]
Amount = Annotated[int, Rule(ge=0)]
TASK_MINUTES = 60  # a plan task's estimate where its pack gives none
TASK_PRIORITY = 2  # and its priority: kept when the week's hours hold it
Bool = Annotated[bool, Rule()]
Day = Annotated[date, Rule(ge=limits.FIRST_DAY, le=limits.LAST_DAY)]
Moment = Annotated[datetime, Rule(aware=True, ge=limits.FIRST_MOMENT, lt=limits.END_MOMENT)]
Due = Annotated[datetime, Rule(aware=True, ge=limits.FIRST_MOMENT, lt=limits.END_DUE)]
# a pack's id: what one may hold is checked with the pack (`pack_checks`, `ids.id_fault`)
Id = Annotated[str, Rule(min_length=1)]
WEEKDAY = r"^(mon|tue|wed|thu|fri|sat|sun)$"
# at most six: a week of rest days would leave no day to practise
WEEKDAYS = "a weekday's first three letters (mon, tue, wed, thu, fri, sat, sun)"
RestDays = Annotated[
    list[Annotated[str, Rule(pattern=WEEKDAY, says=WEEKDAYS)]], Rule(max_length=6, unique=True)
]
# more than 0: files from before a week's hours were at least 1 may hold less
Hours = Annotated[float, Rule(gt=0, le=limits.MAX_HOURS, allow_inf_nan=False)]
Rating = Annotated[int, Rule(ge=1, le=4)]  # Again, Hard, Good, Easy
Seconds = Annotated[int, Rule(ge=0, le=limits.MAX_SECONDS)]  # an answer's time


@datatype
class Loop:
    """The loop as the guide gives it: company, role, totals."""

    __pydantic_config__ = CONFIG
    company: Text
    family: Text
    role: Text
    level: Text
    difficulty: Text
    summary: Text
    rounds: Count
    timeline: Text
    timeline_days: Count
    experience: Text
    experience_min_years: Amount
    experience_max_years: Amount
    salary: Text
    salary_currency: Text
    salary_min: Amount
    salary_max: Amount
    total_minutes: Count
    plan_weeks: Count


@datatype
class CriteriaGroup:
    """One of the guide's four groups of criteria."""

    __pydantic_config__ = CONFIG
    id: Text
    name: Text
    items: Annotated[list[Text], Rule(min_length=1)]
    criteria: list[Text] = field(default_factory=list)  # the rounds' criteria it groups


@datatype
class Phase:
    """One phase of the guide's 8-week plan."""

    __pydantic_config__ = CONFIG
    id: Text
    order: Count
    name: Text
    first_week: Count
    last_week: Count
    summary: Text
    details: Text
    prepares: Annotated[list[Text], Rule(min_length=1)]
    tasks: Annotated[list[Text], Rule(min_length=1)]
    # each task's minutes, in the tasks' order (`task_minutes`); none given: an hour each
    minutes: list[Amount] = field(default_factory=list)
    # what a week whose hours do not hold its tasks keeps first (`task_priority`): 1 whatever
    # the hours, then 2, then 3
    priority: list[Annotated[int, Rule(ge=1, le=3)]] = field(default_factory=list)
    # a task's former text -> its text now: a tick stored on the former still counts
    renamed: dict[Text, Text] = field(default_factory=dict)
    # a round's own task, done in the days before that round (its mock): round id -> text
    before_round: dict[Text, Text] = field(default_factory=dict)

    @property
    def weeks(self) -> int:
        return self.last_week - self.first_week + 1

    @property
    def task_minutes(self) -> dict[str, int]:
        """Each task's estimate: its `minutes`, or an hour where the pack gives none."""
        return dict(zip(self.tasks, self.minutes or [TASK_MINUTES] * len(self.tasks), strict=True))

    @property
    def task_priority(self) -> dict[str, int]:
        """Each task's priority: its `priority`, or 2 (kept when the week holds it)."""
        return dict(
            zip(self.tasks, self.priority or [TASK_PRIORITY] * len(self.tasks), strict=True)
        )


@datatype
class TrackTask:
    """A task a track adds to the plan, in the weeks of one phase (emprep's own)."""

    __pydantic_config__ = CONFIG
    phase: Text
    text: Text
    minutes: Amount = TASK_MINUTES
    priority: Annotated[int, Rule(ge=1, le=3)] = TASK_PRIORITY


@datatype
class Track:
    """A candidate's track (remote or hub) and what it adds."""

    __pydantic_config__ = CONFIG
    id: Text
    name: Text
    focus: Annotated[list[Text], Rule(min_length=1)]
    tips: Annotated[list[Text], Rule(min_length=1)]
    tasks: list[TrackTask] = field(default_factory=list)


@datatype
class Round:
    """One interview round: who, how long, what they look for and score."""

    __pydantic_config__ = CONFIG
    id: Text
    order: Count
    name: Text
    summary: Text
    kind: Text
    difficulty: Text
    minutes: Count
    interviewer: Text
    description: Text
    look_for: Annotated[list[Text], Rule(min_length=1)]
    criteria: Annotated[list[Text], Rule(min_length=1)]
    tips: Annotated[list[Text], Rule(min_length=1)]
    rejection_reasons: Annotated[list[Text], Rule(min_length=1)]
    question_minutes: Count = (
        10  # a question and its follow-ups in a mock, unless its box is longer
    )


@datatype
class Coding:
    """The guide's coding-questions heading: it names the heading and lists no question, so
    `advice` (emprep's) says how to prepare for it."""

    __pydantic_config__ = CONFIG
    heading: Text
    summary: Text
    advice: Annotated[list[Text], Rule(min_length=1)]


@datatype
class Point:
    """One thing a strong answer covers, and the criterion of its rounds it shows."""

    __pydantic_config__ = CONFIG
    criterion: Text
    text: Text


@datatype
class RedFlag:
    """What a weak answer does, and the round's common reason for rejection it leads to."""

    __pydantic_config__ = CONFIG
    reason: Text
    text: Text


DIFFICULTIES = ("core", "m4", "stretch")


@datatype
class Question:
    """A question of the bank, the rounds that ask it and what a coach says of its answer.

    `placed_by` says whose choice `rounds` is: the guide's for the questions it lists under a
    round, emprep's for everything else (its common and track questions name no round).
    `replaces` names the ids of questions merged into this one: their reviews count for it."""

    __pydantic_config__ = CONFIG
    id: Id
    rounds: Annotated[list[Text], Rule(min_length=1)]
    text: Text
    source: Literal["guide", "posting", "authored"]
    criteria: Annotated[list[Text], Rule(min_length=1)]
    difficulty: Literal["core", "m4", "stretch"]
    minutes: Count
    bar: Text
    outline: Text
    follow_ups: Annotated[list[Text], Rule(min_length=2, max_length=3)]
    points: Annotated[list[Point], Rule(min_length=4, max_length=6)]
    red_flags: Annotated[list[RedFlag], Rule(min_length=2, max_length=3)]
    tags: list[Text] = field(default_factory=list)
    common: Bool = False
    track: Text | None = None
    placed_by: Literal["guide", "emprep"] = "emprep"
    replaces: list[Id] = field(default_factory=list)


# What a coach says of the answer, which only the screens that show a question read: the cache
# builds back a question without them until one is read (600 questions' points and red flags
# were most of the pack a warm command builds back and never reads)
later(Question, "bar", "outline", "follow_ups", "points", "red_flags")


# --- The progress file ----------------------------------------------------------------------

# 3: a review line keeps the local offset it was given at (`Z`: a line from before, zone not
# known); 2: the review log is one text block, a line per review (1: a list of strings)
SCHEMA = 3


@datatype
class RestBefore:
    """Rest days a change of them replaced: they held on the days before `until` (and on or
    after the `until` of the change before), so a streak judges those days by them."""

    __pydantic_config__ = CONFIG
    until: Day
    days: RestDays = field(default_factory=list)


@datatype
class LoopBefore:
    """A loop a date for the next one put behind (`profile.next_loop`): the day its plan
    counted its weeks from, and the plan tasks ticked in it, which the next loop's plan starts
    without. Setting `start` back to that day (the same loop, its date moved after it had
    passed, not another company's) brings the ticks back: nothing ticked is lost."""

    __pydantic_config__ = CONFIG
    start: Day
    until: Day  # the day the next loop started: a round logged before it is this loop's
    done_tasks: list[Text] = field(default_factory=list)
    loop: Count = 1  # its number (`Progress.loop`), the file's again once it is brought back


@datatype
class HoursBefore:
    """Hours a week a change of them replaced: they held on the days before `until` (and on or
    after the `until` of the change before), so the plan's weeks that ended before the change
    keep the hours they were planned at. None: none set then, the plan's default."""

    __pydantic_config__ = CONFIG
    until: Day
    hours: Hours | None = None


@datatype
class Profile:
    """The candidate's settings: `emprep config`."""

    __pydantic_config__ = CONFIG
    interview: Day | None = None
    start: Day | None = None
    hours: Hours | None = None
    track: Text | None = None
    count: Annotated[int, Rule(ge=1, le=limits.MAX_COUNT)] | None = None
    rounds: dict[str, Day] = field(default_factory=dict)  # a round's own date: interview.ROUND
    rest_days: RestDays | None = None
    rest_before: list[RestBefore] = field(default_factory=list)  # earlier rest days, oldest first
    hours_before: list[HoursBefore] = field(default_factory=list)  # earlier hours, oldest first


@datatype
class CardState:
    """An fsrs Card's `to_dict()`, with its `None`s left out (TOML has no null)."""

    __pydantic_config__ = CONFIG
    card_id: Int
    state: Annotated[int, Rule(ge=1, le=3)]
    due: Due
    step: Annotated[int, Rule(ge=0)] | None = None
    stability: Annotated[float, Rule(gt=0, allow_inf_nan=False)] | None = None
    difficulty: (
        Annotated[
            float,
            Rule(ge=limits.MIN_DIFFICULTY, le=limits.MAX_DIFFICULTY, allow_inf_nan=False),
        ]
        | None
    ) = None
    last_review: Moment | None = None


class ReviewEntry(NamedTuple):
    """One line of the review log; read from text, so checked by `store`, not pydantic."""

    question: str
    at: datetime
    rating: int
    seconds: int


STORY_ID = r"^s[1-9][0-9]*$"
STAR = ("situation", "task", "action", "result")


@datatype
class Story:
    """A STAR story; `competencies` are competency ids, `questions` question ids."""

    __pydantic_config__ = CONFIG
    id: Annotated[str, Rule(pattern=STORY_ID, says="a story's id (s1, s2, ...)")]
    title: Words
    situation: Words
    task: Words
    action: Words
    result: Words
    created: Moment
    updated: Moment
    competencies: list[Text] = field(default_factory=list)
    questions: list[Text] = field(default_factory=list)


@datatype
class MockAnswer:
    """One answer in a mock: the question, its rating, the time taken."""

    __pydantic_config__ = CONFIG
    question: Text
    rating: Rating
    seconds: Seconds


@datatype
class Mock:
    """One mock round, saved as it goes: `finished` once the self-scores are in. `scored` is
    when its scores were last saved (a mock begun one day may be scored the next); a file
    written before it was kept has none, and its start stands for it."""

    __pydantic_config__ = CONFIG
    round: Text
    at: Moment
    minutes: Annotated[int, Rule(ge=1, le=limits.MAX_MINUTES)]
    questions: Annotated[list[Text], Rule(min_length=1)]
    answers: list[MockAnswer] = field(default_factory=list)
    scores: dict[str, Annotated[int, Rule(ge=1, le=5)]] = field(default_factory=dict)
    rejections: list[Text] = field(default_factory=list)
    finished: Bool = False
    scored: Moment | None = None


@datatype
class Interview:
    """A round as it happened: the questions asked (bank ids, and in the candidate's words
    those the bank lacks) and a note; `emprep rounds log`."""

    __pydantic_config__ = CONFIG
    round: Text
    day: Day
    logged: Moment
    questions: list[Text] = field(default_factory=list)
    asked: list[Words] = field(default_factory=list)
    note: Annotated[str, Rule(lines=True)] = ""


@datatype
class Progress:
    """`log` is the review log as the file holds it, a line per review, oldest first: kept as
    text, so a command that does not look at the log does not pay to parse it."""

    __pydantic_config__ = CONFIG
    profile: Profile = field(default_factory=Profile)
    cards: dict[str, CardState] = field(default_factory=dict)
    log: Annotated[str, Rule()] = ""
    last_story: Amount = 0  # story ids are never reused
    stories: list[Story] = field(default_factory=list)
    mocks: list[Mock] = field(default_factory=list)
    done_tasks: list[Text] = field(default_factory=list)  # plan tasks ticked, by their text
    notes: dict[str, Words] = field(default_factory=dict)  # question id -> the candidate's outline
    interviews: list[Interview] = field(default_factory=list)
    # Which loop this file prepares: 1, then one more each time a date starts the next loop
    # (`profile.next_loop`). The calendar's UIDs carry it from 2 on, so the next loop's events
    # leave the last one's where they were.
    loop: Count = 1
    loops_before: list[LoopBefore] = field(default_factory=list)  # oldest first

    @property
    def review_count(self) -> int:
        return self.log.count("\n")

    @property
    def first_line(self) -> str | None:
        """The line of the earliest review, which says the day it was given on (`days_given`).
        Lines of different offsets do not sort by their text, but an offset is less than a
        day: the earliest is among the lines whose local time is less than two days after the
        least one's, the only lines parsed (10,000 reviews: 0.8 ms, where parsing every line
        took 7 to 18). One of the log's facts (`log_facts`)."""
        return log_facts(self.log).first

    def given_in(self) -> dict[str, datetime]:
        """Each question's last review as it was given: its line's local time at its offset,
        the instant and the zone, where the day it falls due is counted from
        (`scheduler.due_day`). A `Z` line says no zone."""
        return _last_given(self.log)

    def given_to(self, questions: Iterable[Question], tz: tzinfo) -> dict[str, datetime]:
        """`given_in` for each of `questions` by the review its card came from: a card
        carried from a merged question (`Pack.carry`) came from that question's last line.
        Only those given on another day than `tz` has for that instant: FSRS's intervals are
        whole days, so elsewhere both count alike, and a candidate who stays in one zone (or
        rates far from midnight) has none to look up in every day the pace forecast plays.
        Asked 8 to 10 times a command: where no question's last line was given on another day
        than `tz` has (`_elsewhere`), none is looked up (600 questions: 0.6 ms a call)."""
        if not _elsewhere(self.log, tz):
            return {}
        lines, out = _last_given(self.log), {}
        for q in questions:
            if (card := self.cards.get(q.id)) is None:
                continue
            made = (lines.get(i) for i in (q.id, *q.replaces))
            at = next((a for a in made if a is not None and a == card.last_review), None)
            if at is not None and at.date() != at.astimezone(tz).date():
                out[q.id] = at
        return out

    def practice(self, tz: tzinfo | None) -> tuple[Counter[date], int]:
        """Reviews per day and the seconds spent, straight from the log's lines: no ReviewEntry
        is kept, so 100,000 reviews cost a third less time and no memory. A line's day is the
        one it was given on (`days_given`: a flight east moves no rating to the next day).
        Without a `Z` line every day is its text's date, counted as text and made a date once
        a day, from the log's facts (`log_facts`)."""
        facts = log_facts(self.log)
        if "Z " in self.log:  # a line in UTC: its day is the one in `tz`
            return Counter(days_given(log_lines(self.log), tz)), facts.seconds
        texts = facts.dates
        return Counter({date.fromisoformat(day): n for day, n in texts.items()}), facts.seconds


REVIEW_FORMAT = "TIME QUESTION RATING SECONDS"


def stamp(now: datetime) -> datetime:
    """An instant as the progress file keeps it: in UTC, to the second."""
    return now.astimezone(UTC).replace(microsecond=0)


def review_line(
    question: str, at: datetime, rating: int, *, seconds: int, known: bool = True
) -> str:
    """One line of the log, as `review_entry` reads it back: the local time to the second with
    its offset (`+00:00` in UTC), the day it was given on wherever it is read; with `known`
    false (a line from before offsets were kept), in UTC written `Z`."""
    if not known:
        return f"{at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ} {question} {rating} {seconds}\n"
    return f"{at.isoformat(timespec='seconds')} {question} {rating} {seconds}\n"


def days_given(lines: Iterable[str], tz: tzinfo | None) -> Iterator[date]:
    """The day each review line was given on: its text's date, in the zone it was given in (a
    flight moves it to no other day); a `Z` line's zone is not known, so its day is the one in
    `tz`. One pass, no call per line: `progress` reads 10,000 lines this way in about 2 ms (a
    function called per line took three times that)."""
    fromiso, onday = datetime.fromisoformat, date.fromisoformat
    return (
        fromiso(line[:20]).astimezone(tz).date() if line[19] == "Z" else onday(line[:10])
        for line in lines
    )


@lru_cache(maxsize=2)
def log_lines(log: str) -> tuple[str, ...]:
    """The review log's lines, split once a log: a command reads them in several places (the
    first review, the days practised, each question's last), and `today` split 10,000 lines
    about 15 times, 0.45 ms each."""
    return tuple(log.splitlines())


def lines_dated(log: str, days: Iterable[str]) -> list[str]:
    """The lines of `log` whose text starts with one of `days` (`YYYY-MM-DD`), in the log's
    order, found by searching the text for each day: the day's few lines among 10,000 without
    reading every line (about 1 ms, and `rated_on` is asked several times a command)."""
    text, found = "\n" + log, []
    for day in days:
        at = text.find("\n" + day)
        while at != -1:
            end = text.find("\n", at + 1)
            found.append((at, text[at + 1 : len(text) if end == -1 else end]))
            at = text.find("\n" + day, at + 1)
    return [line for _, line in sorted(found)]


@datatype
class LogFacts:
    """What commands read of the whole review log, each found in one pass over its lines
    (`log_facts`): at 10,000 reviews the passes cost `progress`, `today` and `drill --list`
    about 9 ms each, so the facts are kept in the cache keyed by the log itself, as FSRS's
    fit is (`context.log_facts_of`)."""

    last: dict[str, str]  # each question's last line's time as written (the order of saving)
    earliest: dict[str, str]  # each question's least date as written (`YYYY-MM-DD`)
    dates: dict[str, int]  # the lines of each date as written, in the order first written
    seconds: int  # the seconds answering, every line's
    first: str | None  # the earliest review's line (`Progress.first_line`)


# The facts of the last logs read in this process: found here, or read from the cache and
# given by `known_facts`.
_FACTS: dict[str, LogFacts] = {}


def log_facts(log: str) -> LogFacts:
    """The facts of `log` (`LogFacts`): the ones known for it in this process, else found."""
    facts = _FACTS.get(log)
    return known_facts(log, found_facts(log)) if facts is None else facts


def known_facts(log: str, facts: LogFacts) -> LogFacts:
    """`facts`, from now on the facts of `log` in this process (`found_facts(log)`, as the
    cache kept them for this very log); two logs' at most (a command that saves reads two)."""
    if len(_FACTS) >= 2:
        _FACTS.clear()
    _FACTS[log] = facts
    return facts


def found_facts(log: str) -> LogFacts:
    """The facts of `log` read from its lines."""
    lines = log_lines(log)
    last: dict[str, str] = {}
    earliest: dict[str, str] = {}
    for line in lines:
        at, question, _ = line.split(" ", 2)
        last[question] = at
        if at[:10] < earliest.get(question, "~"):
            earliest[question] = at[:10]
    return LogFacts(
        last=last,
        earliest=earliest,
        dates=dict(Counter([line[:10] for line in lines])),
        seconds=sum(map(int, [line.rpartition(" ")[2] for line in lines])),
        first=_first_line(lines),
    )


@lru_cache(maxsize=2)
def _last_given(log: str) -> dict[str, datetime]:
    """Each question's last line's time as written (in the log's order, the order of saving),
    from the log's facts: a command asks for every question's due day, and several commands
    ask in one process (the drill's end, `today` after it)."""
    last = log_facts(log).last
    return {q: datetime.fromisoformat(at) for q, at in last.items() if at[19] != "Z"}


@lru_cache(maxsize=4)
def _elsewhere(log: str, tz: tzinfo) -> frozenset[str]:
    """The questions whose last line (`_last_given`) was given on another day than `tz` has
    for that instant: only a card from one of them can be given on another day."""
    return frozenset(
        q for q, at in _last_given(log).items() if at.date() != at.astimezone(tz).date()
    )


def _first_line(lines: tuple[str, ...]) -> str | None:
    """`Progress.first_line` of a log's `lines`."""
    if not lines:
        return None
    fromiso = datetime.fromisoformat
    bound = f"{fromiso(min(lines)[:19]) + timedelta(days=2):%Y-%m-%dT%H:%M:%S}"
    return min(
        (line for line in lines if line < bound),
        key=lambda line: fromiso(line[: line.index(" ")]),
    )


def last_line(log: str) -> str:
    """The log's last line, the one a rating just added ("" for an empty log), found from its
    end: splitting 10,000 lines to take one cost a rating about 0.7 ms."""
    return log.rstrip("\n").rpartition("\n")[2]


def review_entry(line: str) -> ReviewEntry:
    """A line `review_line` wrote (the store checks every line it reads) as a ReviewEntry, its
    instant in UTC as FSRS takes it (`Progress.practice` reads a line's own day)."""
    at, question, rating, seconds = line.split(" ")
    when = datetime.fromisoformat(at).astimezone(UTC)
    return ReviewEntry(question, when, int(rating), int(seconds))
