"""The progress file's text, apart from the file: the review log checked line by line as it is
read, and the whole progress written as TOML.
"""

from __future__ import annotations

import contextlib
import math
import re
from dataclasses import fields, is_dataclass
from datetime import date, datetime, timedelta
from typing import Any

from emprep.core import limits
from emprep.core.datatype import FIELDS
from emprep.core.errors import EmprepError, shown
from emprep.core.ids import id_fault
from emprep.core.models import REVIEW_FORMAT, SCHEMA, CardState, Progress, review_line

# A review line as `review_line` writes it: a time to the second with its offset in minutes (or
# Z, in UTC: a line from before offsets were kept), a question id, a rating and whole seconds
# without a leading zero (`-00:00` is UTC, written `+00:00`).
WRITTEN = re.compile(
    r"(20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
    r"(?:Z|(?!-00:00)[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])) "
    r"[a-z0-9][a-z0-9._-]* [1-4] (0|[1-9][0-9]{0,4})"
)

# The local days on which an offset can take an instant out of the years emprep accepts: a line
# on them is checked in full (comparing instants of two offsets is ten times the parse).
EDGES = ("2000-01-01", "2099-12-31")


class Capital(ValueError):
    """An id with a capital letter, which only a hand edit makes: ids are lower case, and one
    in capitals would count for no question. The fix is to write it in lower case."""


def lower_id(where: str, x: str) -> None:
    """Capital for an id of the progress file (`where` says which) that is not lower case."""
    if x != x.lower():
        raise Capital(
            f"{where}'{shown(x)}' has a capital letter, but ids are lower case and it would "
            f"count for nothing; write it '{shown(x.lower())}'"
        )


def lower_ids(progress: Progress) -> None:
    """Capital for the first question or round id of `progress` that is not lower case: the
    places a person edits by hand, besides the review log (`review` checks its lines)."""
    for table, keys in (("cards", progress.cards), ("notes", progress.notes)):
        for key in keys:
            lower_id(f"{table}.{shown(key)}: ", key)
    for rid in progress.profile.rounds:
        lower_id(f"profile.rounds.{shown(rid)}: ", rid)
    for i, story in enumerate(progress.stories):
        for j, qid in enumerate(story.questions):
            lower_id(f"stories[{i}].questions[{j}]: ", qid)
    for i, m in enumerate(progress.mocks):
        lower_id(f"mocks[{i}].round: ", m.round)
        for j, qid in enumerate(m.questions):
            lower_id(f"mocks[{i}].questions[{j}]: ", qid)
        for j, a in enumerate(m.answers):
            lower_id(f"mocks[{i}].answers[{j}].question: ", a.question)
    for i, logged in enumerate(progress.interviews):
        lower_id(f"interviews[{i}].round: ", logged.round)
        for j, qid in enumerate(logged.questions):
            lower_id(f"interviews[{i}].questions[{j}]: ", qid)


def review_log(reviews: object) -> str:
    """The review log checked line by line, as the text `Progress.log` holds. Schema 1 kept
    it as a list of strings; both are read. ValueError says what is wrong and where."""
    if isinstance(reviews, str):
        lines = [line.strip() for line in reviews.splitlines() if line.strip()]
    elif isinstance(reviews, list):
        lines = reviews
    else:
        raise ValueError(f"reviews: is not a block of lines '{REVIEW_FORMAT}'")
    checked = []
    for i, line in enumerate(lines):
        try:
            checked.append(review(line))
        except ValueError as e:
            raise type(e)(f"reviews[{i}]: '{shown(str(line))}': {e}") from None
    return "".join(checked)


def review(line: object) -> str:
    """One review as the file gave it, checked, as `review_line` writes it (so every line of
    `Progress.log` has one form); ValueError saying what is wrong. A line already in that form
    (every line emprep wrote) is its own result once its time is a real moment: checking it so
    is a third of the time `reformatted` takes, which a save of 10,000 reviews pays each time
    it reads back what it wrote."""
    m = WRITTEN.fullmatch(line) if isinstance(line, str) else None
    if m and int(m[2]) <= limits.MAX_SECONDS and not m[1].startswith(EDGES):
        with contextlib.suppress(ValueError):  # not a real moment: `reformatted` says so
            datetime.fromisoformat(m[1][:19])  # the offset is one: WRITTEN's hours and minutes
            return m[0] + "\n"
    return reformatted(line)


def reformatted(line: object) -> str:
    """`review`, for any line: parsed, checked and written again."""
    if not isinstance(line, str) or "\n" in line:
        raise ValueError(f"expected one line '{REVIEW_FORMAT}'")
    parts = line.split()
    if len(parts) != 4:
        raise ValueError(f"expected '{REVIEW_FORMAT}'")
    stamp, question, rating, seconds = parts
    try:
        at = datetime.fromisoformat(stamp)
    except ValueError:
        raise ValueError(f"time '{shown(stamp)}' is not like 2026-11-20T09:00:00+01:00") from None
    offset = at.utcoffset()
    if offset is None:
        raise ValueError(
            f"time '{shown(stamp)}' has no time zone; end it with its offset (-05:00), or Z"
        )
    if offset % timedelta(minutes=1):
        raise ValueError(f"time '{shown(stamp)}' has an offset of seconds; write it as +HH:MM")
    if not limits.FIRST_MOMENT <= at < limits.END_MOMENT:
        raise ValueError(f"time '{shown(stamp)}' is outside {limits.DAYS} (UTC)")
    if (fault := id_fault(question)) is not None:
        raise ValueError(f"question '{shown(question)}' {fault}")
    lower_id("question ", question)
    if rating not in ("1", "2", "3", "4"):
        raise ValueError(f"rating '{shown(rating)}' is not 1-4")
    if not (
        seconds.isascii()
        and seconds.isdigit()
        and len(seconds) < 7
        and int(seconds) <= limits.MAX_SECONDS
    ):
        raise ValueError(
            f"seconds '{shown(seconds)}' is not a whole number from 0 to {limits.MAX_SECONDS}"
        )
    known = not stamp.endswith("Z")  # a numeric offset is kept, so is the line's day
    return review_line(question, at, int(rating), seconds=int(seconds), known=known)


def read_as_written(before: Progress, after: Progress) -> bool:
    """Whether a fresh read of `dumps(after)` gives `after` back, known without reading it (a
    read of a large file costs a rating more than the rest: pydantic, about 100 ms): `before`
    is a read of the file `after` replaces, and `after` differs from it by cards alone, each
    new one within what a read accepts, and the log: lines added in the form a read keeps, or
    its last lines taken out (each line left was read). Everything else must be the very
    objects of `before`: each reads back as it did. A rating is such a change, and so is its
    undo outside a mock; for any other the store reads the written bytes back."""
    if any(getattr(after, name) is not getattr(before, name) for name in UNCHANGED):
        return False
    if before.log.startswith(after.log):  # lines taken out: whole ones
        if after.log[-1:] not in ("", "\n"):
            return False
    elif not (after.log.startswith(before.log) and _as_read(after.log[len(before.log) :])):
        return False
    cards = before.cards
    return all(
        card is cards.get(qid) or (CARD_KEY.fullmatch(qid) is not None and _card_as_read(card))
        for qid, card in after.cards.items()
    )


def _as_read(lines: str) -> bool:
    """Whether `lines` are review lines in the form a read keeps them."""
    try:
        return review_log(lines) == lines
    except ValueError:
        return False


# What `read_as_written` needs unchanged; a test holds it to be every field but the two it checks.
UNCHANGED = (
    "profile",
    "last_story",
    "stories",
    "mocks",
    "done_tasks",
    "notes",
    "interviews",
    "loops_before",
    "loop",
)
CARD_KEY = re.compile(r"[a-z0-9][a-z0-9._-]*")  # a bare TOML key, and lower case
WHOLE = 2**63  # TOML's integers are 64-bit


def _card_as_read(card: object) -> bool:
    """A card as a read checks it (`CardState`'s rules, `store._reviewed_cards`), of the very
    types a read gives: no bool for an int, no int for a float."""
    if type(card) is not CardState:
        return False
    state, step = card.state, card.step
    return (
        _integer(card.card_id, -WHOLE)
        and _integer(state, 1, 3)
        and (_integer(step, 0) if step is not None or state in (1, 3) else True)
        and _real(card.stability, 0.0, math.inf)
        and _real(card.difficulty, limits.MIN_DIFFICULTY, limits.MAX_DIFFICULTY, low_in=True)
        and _moment(card.due, limits.END_DUE)
        and _moment(card.last_review, limits.END_MOMENT)
    )


def _integer(x: object, low: int, high: int = WHOLE - 1) -> bool:
    return type(x) is int and low <= x <= high


def _real(x: object, low: float, high: float, *, low_in: bool = False) -> bool:
    return type(x) is float and math.isfinite(x) and (low <= x if low_in else low < x) and x <= high


def _moment(x: object, end: datetime) -> bool:
    """An aware datetime TOML holds as it is (an offset of whole minutes), in range."""
    if type(x) is not datetime:
        return False
    offset = x.utcoffset()
    return (
        offset is not None and not offset % timedelta(minutes=1) and limits.FIRST_MOMENT <= x < end
    )


# The values `plain` returns as they are, by exact type: what a model's field holds most often.
AS_IS = frozenset({str, int, float, bool, datetime, date})


def plain(node: Any) -> Any:
    """Dataclasses as tables, without the `None`s TOML cannot hold or empty tables. (asdict
    deep-copies every value, which made saving a large file twice as slow.) A datatype's
    fields are read from the names it keeps (`FIELDS`), and a value TOML writes as it is
    returned first: asking `is_dataclass` and `fields` of each of a large file's thousands of
    values was a third of writing it."""
    kind = type(node)
    if kind in AS_IS:
        return node
    names = kind.__dict__.get(FIELDS)
    if names is not None:
        return {k: plain(v) for k in names if (v := getattr(node, k)) is not None and v != {}}
    if is_dataclass(node):
        pairs = ((f.name, getattr(node, f.name)) for f in fields(node))
        return {k: plain(v) for k, v in pairs if v is not None and v != {}}
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [plain(x) for x in node]
    return node


def dumps(progress: Progress) -> bytes:
    """The file: the log as one literal block (TOML reads it many times faster than a list of
    strings or tables, and it is what grows), after the top keys and before the tables."""
    import tomli_w

    tables = plain(progress)
    del tables["log"]
    if not tables.get("done_tasks"):  # written once used: older files stay as they were
        tables.pop("done_tasks", None)
    if not tables.get("loops_before"):  # and once a next loop starts
        tables.pop("loops_before", None)
    if not tables["profile"].get("rest_before"):  # the same: once the rest days change
        tables["profile"].pop("rest_before", None)
    if not tables["profile"].get("hours_before"):  # and once the hours change
        tables["profile"].pop("hours_before", None)
    top = {"schema": SCHEMA, "last_story": tables.pop("last_story")}
    if tables.pop("loop") > 1:  # written from the second loop on: a first loop's file is as it was
        top["loop"] = progress.loop
    header = (
        "# emprep progress file. Edit with care: emprep checks it on every load.\n"
        f"# reviews: one line each, {REVIEW_FORMAT} (rating 1-4: again, hard, good, easy).\n"
    )
    log = f"reviews = '''\n{progress.log}'''\n"
    text = header + tomli_w.dumps(top) + log + tomli_w.dumps(tables)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:  # bytes typed in another encoding reach us as surrogates
        line = text[text.rfind("\n", 0, e.start) + 1 :].split("\n", 1)[0]
        value = line.split(" = ", 1)[-1].strip().rstrip(",")
        raise EmprepError(
            f"the text {shown(value)} is not UTF-8, so it cannot be kept; "
            "type it again in UTF-8 (a terminal set to UTF-8, e.g. LANG=C.UTF-8)"
        ) from None
