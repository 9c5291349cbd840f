"""The progress file's text: every review line in range reads back, and a line in emprep's own
form is checked as any other."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from emprep.core import limits
from emprep.core.models import review_entry, review_line
from emprep.storage import progress_text

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
