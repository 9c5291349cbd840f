from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from conftest import run

from emprep.core.models import Profile, Progress
from emprep.core.scheduler import record
from emprep.storage import store


def test_reviews_of_a_round_already_past_are_not_counted_as_still_due(isolated: Path) -> None:
    """On the last round's day the screen (recruiter) is behind: its questions take no place, so
    `today` must not send the candidate to `drill --more` for them."""
    p = Progress(
        profile=Profile(
            interview=date(2027, 1, 15), count=5, rounds={"recruiter": date(2027, 1, 4)}
        )
    )
    for qid in ("exe-scaling", "rec-why-coursera"):
        p = record(p, qid, 3, seconds=60, now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    store.update(isolated, lambda _: p)
    env = {"EMPREP_NOW": "2027-01-15T09:00:00+00:00"}
    items = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]
    assert [(i["id"], i["kind"]) for i in items] == [("exe-scaling", "warm-up")]
    assert run("review", "exe-scaling", "good", env=env).code == 0
    drill = json.loads(run("today", "--format", "json", env=env).stdout)["drill"]
    assert (drill["left"], drill["still_due"]) == (0, 0)
    more = json.loads(run("drill", "--more", "--list", "--format", "json", env=env).stdout)
    assert [i["id"] for i in more["items"]] == []
