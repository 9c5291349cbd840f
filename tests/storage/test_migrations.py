"""Schema migrations: one named step per schema, run in order, only those a file needs."""

from __future__ import annotations

from emprep.core.models import SCHEMA
from emprep.storage.migrations import MIGRATIONS, m001_review_log_as_one_block, migrate


def test_one_step_per_schema_before_the_latest() -> None:
    assert len(MIGRATIONS) == SCHEMA - 1
    assert [m.__name__[:4] for m in MIGRATIONS] == [f"m{n:03d}" for n in range(1, SCHEMA)]


def test_schema_1_review_list_becomes_a_block() -> None:
    old = {"reviews": ["2026-11-20T09:00:00Z exe-scaling 3 40"], "last_story": 0}
    assert m001_review_log_as_one_block(old) == {
        "reviews": "2026-11-20T09:00:00Z exe-scaling 3 40\n",
        "last_story": 0,
    }
    assert old["reviews"] == ["2026-11-20T09:00:00Z exe-scaling 3 40"]  # not changed in place


def test_a_list_that_is_not_one_line_per_item_is_left_for_the_loader() -> None:
    for reviews in (["a\nb"], [3], [""]):
        assert m001_review_log_as_one_block({"reviews": reviews}) == {"reviews": reviews}


def test_migrate_runs_only_the_steps_a_file_needs() -> None:
    latest = {"reviews": "2026-11-20T09:00:00Z exe-scaling 3 40\n"}
    assert migrate(latest, SCHEMA) is latest
    assert migrate({"reviews": ["2026-11-20T09:00:00Z exe-scaling 3 40"]}, 1) == latest
