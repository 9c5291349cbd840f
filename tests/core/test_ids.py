"""Every command that takes a question id takes it as `emprep questions` does: any case, a
unique prefix, and an ambiguous prefix refused naming the ids it could be."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

from emprep.storage import store

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
AMBIGUOUS = (
    "question 'rec-why' is ambiguous: it could be rec-why-coursera, rec-why-leaving, "
    "rec-why-management; give more of the id (emprep questions lists them)"
)
STORY = ["--title", "T", "--situation", "S", "--task", "K", "--action", "A", "--result", "R"]


def test_review_and_note_take_a_unique_prefix(isolated: Path) -> None:
    r = run("review", "tech-tradeof", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "Recorded tech-tradeoff: Good. Next review 2026-11-22.\n",
        "",
    )
    r = run("note", "TECH-TRADE", "--text", "weigh both", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, "Note for tech-tradeoff saved.\n", "")
    p = store.load(isolated)
    assert list(p.cards) == ["tech-tradeoff"] and p.notes == {"tech-tradeoff": "weigh both"}


def test_stories_and_round_logs_take_a_unique_prefix(isolated: Path) -> None:
    r = run("story", "add", *STORY, "--questions", "tech-tradeof", env=NOW)
    assert r.code == 0, r.stderr
    r = run("story", "link", "S1", "rec-why-c", env=NOW)
    assert r.code == 0, r.stderr
    assert store.load(isolated).stories[0].questions == ["tech-tradeoff", "rec-why-coursera"]
    r = run("story", "unlink", "S1", "rec-why-co", env=NOW)
    assert r.code == 0, r.stderr
    assert store.load(isolated).stories[0].questions == ["tech-tradeoff"]
    r = run("rounds", "log", "recruiter", "--asked", "rec-why-c", "--date", "2026-11-19", env=NOW)
    assert r.code == 0, r.stderr
    assert store.load(isolated).interviews[0].questions == ["rec-why-coursera"]


@pytest.mark.parametrize(
    "args",
    [
        ["questions", "rec-why"],
        ["review", "rec-why", "good"],
        ["note", "rec-why", "--text", "x"],
        ["story", "add", *STORY, "--questions", "rec-why"],
        ["rounds", "log", "recruiter", "--asked", "rec-why", "--date", "2026-11-19"],
    ],
)
def test_an_ambiguous_prefix_is_one_line_naming_the_candidates(
    isolated: Path, args: list[str]
) -> None:
    r = run(*args, env=NOW)
    tail = ", or write the question in words" if args[0] == "rounds" else ""
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {AMBIGUOUS}{tail}\n")
    assert not isolated.exists()
