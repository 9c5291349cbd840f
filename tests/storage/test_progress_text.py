"""The progress file's text: every review line in range reads back, a line in emprep's own
form is checked as any other, and the tables written are every field but the empty ones."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from emprep.core import journal, limits, models
from emprep.core.datatype import FIELDS
from emprep.core.models import Progress, review_entry, review_line
from emprep.storage import progress_text, store

instants = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2099, 12, 31, 23, 59, 59),
    timezones=st.just(UTC),
)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@pytest.mark.slow  # a property test of several seconds: CI runs it
@settings(max_examples=300, deadline=None)
@given(
    at=instants,
    zone=offsets,
    question=st.from_regex(r"[a-z0-9][a-z0-9._-]{0,30}", fullmatch=True),
    rating=st.integers(1, 4),
    seconds=st.integers(0, limits.MAX_SECONDS),
)
def test_every_review_line_in_range_reads_back(
    at: datetime, zone: timezone, question: str, rating: int, seconds: int
) -> None:
    line = review_line(question, at.astimezone(zone), rating, seconds=seconds)
    assert progress_text.review(line.rstrip("\n")) == line
    assert review_entry(line.rstrip("\n")) == (question, at.replace(microsecond=0), rating, seconds)


# lines in emprep's own form, and lines one step from it: a day or an hour that does not exist,
# a rating or seconds out of range, a leading zero, digits that are not ASCII
near_written = st.from_regex(
    r"20[0-9]{2}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9]"
    r"(Z|[+-][0-2][0-9]:[0-6][0-9]) "
    r"[a-z][a-z0-9.-]{0,5} [0-5] (0|[0-9]{1,6})",
    fullmatch=True,
)


@settings(max_examples=100, deadline=None)
@given(line=near_written | st.builds(review_line, st.just("q"), instants, st.integers(1, 4),
       seconds=st.integers(0, limits.MAX_SECONDS), known=st.booleans()).map(str.strip)
       | st.builds(lambda at, zone: review_line("q", at.astimezone(zone), 3, seconds=5),
                   instants, offsets).map(str.strip))  # fmt: skip
@example("2026-02-30T09:00:00Z q 3 5")
@example("2026-11-20T24:00:00Z q 3 5")
@example("2026-11-20T09:00:00Z q 3 86401")
@example("2026-11-20T09:00:00Z q 3 007")
@example("2026-11-20T09:00:00Z q 3 \u0665")
@example("2099-12-31T23:59:59Z q 4 86400")
@example("2000-01-01T00:30:00+01:00 q 3 5")  # before 2000 in UTC
@example("2026-11-20T09:00:00-00:00 q 3 5")  # UTC, written +00:00
@example("2026-11-20T09:00:00+24:00 q 3 5")
@example("2026-11-20T09:00:00-05:60 q 3 5")
def test_a_line_in_emprep_s_own_form_is_checked_as_any_other_line(line: str) -> None:
    """Reading a line emprep wrote takes a short cut (a save of 10,000 reviews reads them all
    back): the result, or the error, is the one parsing and writing the line again gives."""
    try:
        expected = progress_text.reformatted(line)
    except ValueError as e:
        with pytest.raises(ValueError) as raised:
            progress_text.review(line)
        assert str(raised.value) == str(e)
    else:
        assert progress_text.review(line) == expected


def _by_fields(node: Any) -> Any:
    """`progress_text.plain` as it was written first: each value asked whether it is a
    dataclass, its fields asked of `dataclasses.fields`."""
    if dataclasses.is_dataclass(node):
        pairs = ((f.name, getattr(node, f.name)) for f in dataclasses.fields(node))
        return {k: _by_fields(v) for k, v in pairs if v is not None and v != {}}
    if isinstance(node, dict):
        return {k: _by_fields(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_by_fields(x) for x in node]
    return node


def test_every_model_keeps_the_names_of_its_fields_in_their_order() -> None:
    """What `plain` reads a model's fields by: the names `dataclasses.fields` gives, in order."""
    classes = [
        cls
        for module in (models, journal)
        for cls in vars(module).values()
        if isinstance(cls, type) and FIELDS in cls.__dict__
    ]
    assert len(classes) > 15
    for cls in classes:
        assert getattr(cls, FIELDS) == tuple(f.name for f in dataclasses.fields(cls)), cls


EVERY_TABLE = b"""schema = 2
last_story = 2
reviews = '''
2026-11-18T09:00:00Z exe-scaling 3 40
2026-11-19T21:30:00-05:00 com-team-conflict 1 7
'''
done_tasks = ["Read the guide"]

[profile]
interview = 2027-01-15
start = 2026-11-01
hours = 5.5
track = "people"
count = 7
rest_days = ["sun"]
rounds = {recruiter = 2026-12-01}
rest_before = [{until = 2026-11-10, days = ["sat"]}, {until = 2026-11-12}]
hours_before = [{until = 2026-11-10, hours = 4.0}, {until = 2026-11-12}]

[cards.exe-scaling]
card_id = 7
state = 2
stability = 3.5
difficulty = 5.5
due = 2026-11-22T09:00:00+01:00
last_review = 2026-11-18T09:00:00Z

[cards.com-team-conflict]
card_id = -3
state = 3
step = 0
stability = 0.4
difficulty = 9.25
due = 2026-11-20T21:30:00-05:00
last_review = 2026-11-19T21:30:00-05:00

[[stories]]
id = "s2"
title = "T"
situation = "S"
task = "K"
action = "A"
result = "R"
created = 2026-11-18T09:00:00+05:30
updated = 2026-11-18T09:00:00+05:30
questions = ["exe-scaling"]

[[mocks]]
round = "people"
at = 2026-11-19T10:00:00Z
minutes = 45
questions = ["exe-scaling", "com-team-conflict"]

[[interviews]]
round = "recruiter"
day = 2026-12-01
logged = 2026-12-01T18:00:00+01:00
questions = ["exe-scaling"]
asked = ["Why us?"]
note = "went well"

[notes]
exe-scaling = "an outline"
"""


@pytest.mark.parametrize("text", [EVERY_TABLE, b""], ids=["every table", "empty"])
def test_the_tables_written_are_every_field_but_the_empty_ones(text: bytes) -> None:
    """`plain`, reading each model's fields by the names it keeps, gives the very tables (keys
    in order, values of the same types) a walk asking `dataclasses` of each value gives; and
    `dumps` writes them so."""
    progress = store._parse(text, Path("p.toml")) if text else Progress()
    assert repr(progress_text.plain(progress)) == repr(_by_fields(progress))
    assert store._parse(progress_text.dumps(progress), Path("p.toml")) == progress
