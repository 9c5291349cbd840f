"""What a progress file that does not load still shows, counted as a person reading it would."""

from __future__ import annotations

from datetime import UTC, date, datetime

from emprep.core.models import Interview, Mock, MockAnswer, Progress, Story
from emprep.core.scheduler import record
from emprep.storage.progress_text import dumps
from emprep.storage.recovery import compared, counted, scanned

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _full() -> Progress:
    """A file with some of everything, its text holding what looks like TOML: `[x]`, `a = b`."""
    p = record(Progress(), "rec-why-coursera", 3, seconds=40, now=T0)
    p = record(p, "exe-scaling", 1, seconds=5, now=T0)
    story = Story("s1", "[notes]", "a = b", "T", "A\n[[stories]]\nx = 1", "R", T0, T0)
    mock = Mock("technical", T0, 45, ["tech-kafka-events"], [MockAnswer("tech-kafka-events", 3, 9)])
    logged = Interview("recruiter", date(2026, 11, 19), T0, asked=["why = us?"], note="[[mocks]]")
    notes = {"rec-why-coursera": "one = two\n[cards]", "exe-scaling": "plain"}
    return Progress(
        log=p.log,
        cards=p.cards,
        stories=[story],
        mocks=[mock, mock],
        interviews=[logged],
        notes=notes,
        last_story=1,
    )


def test_a_file_emprep_wrote_is_counted_as_it_loads() -> None:
    full = _full()
    assert counted(full) == (2, 1, 2, 2, 1)
    assert scanned(dumps(full)) == counted(full)
    assert scanned(dumps(Progress())) == (0, 0, 0, 0, 0)


def test_a_damaged_file_is_counted_as_far_as_it_can_be_read() -> None:
    text = dumps(_full()).replace(b" 3 40\n", b" good\n").replace(b'"plain"', b'"plain')
    assert scanned(text + b"\n\xff[[[broken\n") == (2, 1, 2, 2, 1)


def test_the_comparison_says_every_kind_either_side_has() -> None:
    assert compared((3, 0, 0, 0, 0), (4, 0, 0, 0, 0)) == "3 reviews; this file: 4 reviews"
    assert compared((1, 1, 0, 0, 0), (0, 1, 1, 0, 1)) == (
        "1 review, 1 story, 0 notes, 0 logged rounds; "
        "this file: 0 reviews, 1 story, 1 note, 1 logged round"
    )


def test_the_lines_of_a_multi_line_string_are_not_counted_as_reviews_or_notes() -> None:
    """A note written by hand as a multi-line string: a line of it with `=` was counted as
    another note, one starting with a time as a review (3 reviews, 3 notes, for 2 and 2)."""
    raw = (
        "reviews = '''\n"
        "2026-11-21T09:00:00Z rec-why-coursera 3 0\n"
        "2026-11-21T09:05:00Z rec-hands-on 3 0\n"
        "'''\n"
        "[notes]\n"
        "rec-why-coursera = '''Line one\n"
        "key = value here\n"
        "2026-11-20T09:00 rec-x 3 did it'''\n"
        'rec-hands-on = """two\nlines = too"""\n'
        "[[[broken\n"
    )
    assert scanned(raw.encode()) == (2, 0, 2, 0, 0)
