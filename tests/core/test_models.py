"""The models: every leaf strict, so pydantic never turns "3" into 3; the review log read in
parts as splitting it reads it."""

from __future__ import annotations

import dataclasses
import itertools
import types
import typing
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core import models, pack_files
from emprep.core.models import last_line, lines_dated, log_lines, review_line


def test_every_leaf_field_is_strict() -> None:
    """A leaf without a Rule would let pydantic turn "3" into 3: every one must carry one."""

    def leaves_ok(tp: object, where: str) -> None:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(tp)
            if any(isinstance(m, models.Rule) for m in meta):
                return
            leaves_ok(base, where)
        elif origin in (list, typing.Union, types.UnionType):
            for arg in typing.get_args(tp):
                leaves_ok(arg, where)
        elif origin is dict:
            leaves_ok(typing.get_args(tp)[1], where)
        elif origin is typing.Literal or tp is type(None) or dataclasses.is_dataclass(tp):
            return
        else:
            raise AssertionError(f"{where}: {tp} is not strict")

    checked = 0
    for module in (models, pack_files):
        for cls in vars(module).values():
            if (
                isinstance(cls, type)
                and hasattr(cls, "__pydantic_config__")
                and cls.__module__ == module.__name__
            ):
                hints = typing.get_type_hints(cls, include_extras=True)
                for f in dataclasses.fields(cls):
                    leaves_ok(hints[f.name], f"{cls.__name__}.{f.name}")
                    checked += 1
    assert checked > 80


def test_the_first_review_is_the_earliest_instant_not_the_least_text() -> None:
    """08:00 in Tokyo is 23:00 in UTC the day before: earlier than a line of 00:30 UTC that
    sorts first as text, and than one of the evening before in New York."""
    log = (
        "2026-11-20T00:30:00Z exe-scaling 3 5\n"
        "2026-11-20T08:00:00+09:00 rec-why-coursera 3 5\n"
        "2026-11-19T19:00:00-05:00 ppl-promotion 3 5\n"
        "2026-11-22T00:00:00+14:00 tech-kafka-events 3 5\n"
    )
    first = models.Progress(log=log).first_line
    assert first == "2026-11-20T08:00:00+09:00 rec-why-coursera 3 5"
    assert models.Progress().first_line is None


START = datetime(2026, 11, 15, tzinfo=UTC)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["q1", "q2", "q3"]),
            st.integers(0, 6 * 24 * 60),  # minutes after START
            st.sampled_from([None, -12 * 60, -5 * 60, 0, 5 * 60 + 30, 14 * 60]),  # None: `Z`
        ),
        max_size=20,
    ),
    days=st.sets(st.integers(-1, 7), max_size=3),
)
def test_the_log_read_in_parts_is_what_splitting_it_gives(
    lines: list[tuple[str, int, int | None]], days: set[int]
) -> None:
    """The lines split once a log, the lines of some days found by searching the text, and the
    last line found from the end: each what splitting the whole log gives, in its order; the
    days practised and the seconds, what reading each line gives."""
    log = "".join(
        review_line(
            q,
            (START + timedelta(minutes=m)).astimezone(timezone(timedelta(minutes=off or 0))),
            3,
            seconds=seconds,
            known=off is not None,
        )
        for (q, m, off), seconds in zip(lines, itertools.cycle([30, 0, 1234]), strict=False)
    )
    split = log.splitlines()
    assert log_lines(log) == tuple(split)
    dated = [(START.date() + timedelta(days=d)).isoformat() for d in days]
    assert lines_dated(log, dated) == [line for line in split if line[:10] in dated]
    assert last_line(log) == (split[-1] if split else "")
    for tz in (None, UTC, timezone(timedelta(hours=-7))):
        practised, seconds = models.Progress(log=log).practice(tz)
        assert practised == Counter(models.days_given(split, tz))
        assert list(practised) == list(Counter(models.days_given(split, tz)))
        assert seconds == sum(int(line.split(" ")[3]) for line in split)


def _given_to_each(
    progress: models.Progress, questions: list[SimpleNamespace], tz: tzinfo
) -> dict[str, datetime]:
    """`Progress.given_to` as it was first written: every question looked up."""
    lines, out = models._last_given(progress.log), {}
    for q in questions:
        if (card := progress.cards.get(q.id)) is None:
            continue
        made = (lines.get(i) for i in (q.id, *q.replaces))
        at = next((a for a in made if a is not None and a == card.last_review), None)
        if at is not None and at.date() != at.astimezone(tz).date():
            out[q.id] = at
    return out


QIDS = ["q1", "q2", "q3", "q4"]


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(QIDS),
            st.integers(0, 3 * 24 * 60),  # minutes after START
            st.sampled_from([None, -12 * 60, -5 * 60, 0, 5 * 60 + 30, 14 * 60]),  # None: `Z`
        ),
        max_size=12,
    ),
    carded=st.lists(st.tuples(st.sampled_from(QIDS), st.integers(-1, 11)), max_size=4),
    replaces=st.dictionaries(st.sampled_from(QIDS), st.lists(st.sampled_from(QIDS), max_size=2)),
    zone=st.sampled_from([-10 * 60, -5 * 60, 0, 60, 9 * 60, 13 * 60]),
)
def test_the_days_cards_were_given_on_are_those_each_question_looked_up_gives(
    lines: list[tuple[str, int, int | None]],
    carded: list[tuple[str, int]],
    replaces: dict[str, list[str]],
    zone: int,
) -> None:
    """`given_to` looks up no question when no last line was given on another day than the
    zone has (a candidate who stays in one zone): what it gives is what looking up each
    question gives, whatever the log, the cards (from a question's last line, a merged one's,
    another line, or none) and the zone."""
    written = [
        (q, (START + timedelta(minutes=m)).astimezone(timezone(timedelta(minutes=off or 0))), off)
        for q, m, off in lines
    ]
    log = "".join(
        review_line(q, at, 3, seconds=30, known=off is not None) for q, at, off in written
    )
    cards = {
        q: models.CardState(
            card_id=1,
            state=2,
            due=START,
            last_review=(written[i][1] if 0 <= i < len(written) else START).astimezone(UTC),
        )
        for q, i in carded
    }
    progress = models.Progress(log=log, cards=cards)
    # a question as `given_to` reads it: its id and the ids it replaces
    questions: typing.Any = [SimpleNamespace(id=q, replaces=replaces.get(q, [])) for q in QIDS]
    tz = timezone(timedelta(minutes=zone))
    want = _given_to_each(progress, questions, tz)
    assert progress.given_to(questions, tz) == want
    assert progress.given_to(questions[1:], tz) == {k: v for k, v in want.items() if k != "q1"}
