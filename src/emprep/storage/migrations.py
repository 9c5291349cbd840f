"""The progress file's schema steps, as a named list: each migration turns the data of schema N
(as TOML read it) into schema N+1, and `migrate` runs the ones a file needs, in order.

The next schema is one more function here, decorated with `@migration`, and `SCHEMA` in
`core/models.py` one higher (a test holds the two together). A new optional field with a default
needs neither: files without it still read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]
MIGRATIONS: list[Callable[[Data], Data]] = []


def migration(step: Callable[[Data], Data]) -> Callable[[Data], Data]:
    """Add `step` as the migration from schema len(MIGRATIONS) + 1 to the one after."""
    MIGRATIONS.append(step)
    return step


@migration
def m001_review_log_as_one_block(data: Data) -> Data:
    """Schema 1 -> 2: the review log was a list of strings; it is one block, a line per review.
    A list that is not one line per item is left for the loader to report, item by item."""
    reviews = data.get("reviews")
    if isinstance(reviews, list) and all(
        isinstance(line, str) and line.strip() and "\n" not in line for line in reviews
    ):
        return {**data, "reviews": "".join(f"{line}\n" for line in reviews)}
    return data


@migration
def m002_review_lines_keep_their_offset(data: Data) -> Data:
    """Schema 2 -> 3: a review line is written with the local offset it was given at, not in
    UTC. Nothing to change: a line of schema 2 ends `Z`, its zone not known, and is read in the
    current one as before. The number goes up so that an older emprep, which would write every
    line back in UTC (losing its day), refuses the file as a newer one's."""
    return data


def migrate(data: Data, schema: int) -> Data:
    """`data` of `schema` brought to the latest schema, one step at a time."""
    for step in MIGRATIONS[schema - 1 :]:
        data = step(data)
    return data
