from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import FIXTURES, run

from emprep.core.pack import Pack

GUIDE = (FIXTURES / "em-m4-interview-guide.txt").read_text()
GUIDE_LINES = [line.strip() for line in GUIDE.splitlines()]
POSTING = (FIXTURES / "senior-backend-job-posting.txt").read_text()


def _section(start: str, end: str, after: int = 0) -> list[str]:
    """Non-empty guide lines between the `after`-th heading `start` and the next `end`."""
    i = [k for k, line in enumerate(GUIDE_LINES) if line == start][after] + 1
    out = []
    while GUIDE_LINES[i] != end:
        if GUIDE_LINES[i]:
            out.append(GUIDE_LINES[i])
        i += 1
    return out


def guide_questions() -> set[str]:
    qs = set(_section("Commonly Asked Questions", "Location-Based Differences"))
    for n in range(2):
        qs |= set(_section("Common Questions", "Tips", after=n))
    for n in range(5):
        asked = _section("Questions Asked", "Preparation Tips", after=n)
        qs |= set(asked[0::2])  # each question is followed by its tag line
    return qs


def test_builtin_pack_has_the_loop(pack: Pack) -> None:
    loop = pack.loop
    assert (loop.company, loop.role, loop.level, loop.difficulty) == (
        "Coursera",
        "Software Engineering Manager",
        "M4",
        "Hard",
    )
    assert (loop.rounds, loop.timeline_days, loop.total_minutes, loop.plan_weeks) == (5, 21, 270, 8)
    assert (loop.experience_min_years, loop.experience_max_years) == (6, 10)
    assert (loop.salary_min, loop.salary_max) == (170000, 220000)
    assert pack.round_ids == ["recruiter", "technical", "people", "strategic", "executive"]
    assert [r.minutes for r in pack.rounds] == [45, 60, 60, 45, 60]
    assert [len(g.items) for g in pack.criteria_groups] == [6, 4, 4, 4]
    assert len(pack.tips) == 7
    assert [(p.first_week, p.last_week) for p in pack.phases] == [
        (1, 2),
        (3, 4),
        (5, 6),
        (7, 7),
        (8, 8),
    ]
    assert pack.track_ids == ["remote", "hub"]


def test_every_guide_question_is_in_the_pack_word_for_word(pack: Pack) -> None:
    expected = guide_questions()
    assert len(expected) == 31
    in_pack = {q.text for q in pack.questions if q.source == "guide"}
    assert in_pack == expected
    assert sum(q.common for q in pack.questions) == 10
    assert {q.text for q in pack.questions if q.common} == set(
        _section("Commonly Asked Questions", "Location-Based Differences")
    )


def test_round_questions_keep_the_guides_tags(pack: Pack) -> None:
    asked = _section("Questions Asked", "Preparation Tips", after=1)
    q = next(q for q in pack.questions if q.text == asked[0])
    assert "".join(q.tags) == asked[1] == "System DesignArchitecture"


def test_every_guide_string_in_rounds_toml_is_word_for_word(pack: Pack) -> None:
    """All text of rounds.toml but emprep's own `tasks` appears in the guide as written."""
    data = tomllib.loads((pack.source / "rounds.toml").read_text())
    own = {"tasks", "prepares", "id", "family", "salary_currency"}

    def strings(node: object, key: str = "") -> list[str]:
        if key in own:
            return []
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [s for x in node for s in strings(x, key)]
        if isinstance(node, dict):
            return [s for k, v in node.items() for s in strings(v, k)]
        return []

    found = strings(data)
    assert len(found) > 150
    missing = [s for s in found if s not in GUIDE]
    assert missing == []


def test_bank_is_worth_drilling(pack: Pack) -> None:
    for rid in pack.round_ids:
        assert sum(rid in q.rounds for q in pack.questions) >= 12, rid
    posting = [q for q in pack.questions if q.source == "posting" and "technical" in q.rounds]
    assert len(posting) >= 8
    stack = ["Java", "MySQL", "DynamoDB", "gRPC", "GraphQL", "Kafka", "microservices", "A/B test"]
    for word in [*stack, "monitoring", "deploy many times a day"]:
        assert word.lower() in POSTING.lower()
        assert any(word.lower() in q.text.lower() for q in posting), word
    for q in pack.questions:
        assert 3 <= len(q.points) <= 5
    placeholders = [q for q in pack.questions if "[" in q.text]
    assert len(placeholders) == 3
    variants = {"tech-design-recommendations", "tech-perf-catalog-search", "str-vision-degrees"}
    assert variants <= set(pack.question_by_id)


def _write(path: Path, text: str) -> None:
    path.write_text(text)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "rounds.toml",
            'level = "M4"',
            'level = "M4"\ncolour = "blue"',
            "loop.colour: unknown key; remove it or check its spelling",
        ),
        (
            "rounds.toml",
            'minutes = 45\ninterviewer = "Recruiter/HR"',
            'minutes = "45"\ninterviewer = "Recruiter/HR"',
            "round[0].minutes: Input should be a valid integer",
        ),
        (
            "rounds.toml",
            'minutes = 45\ninterviewer = "Recruiter/HR"',
            'minutes = 50\ninterviewer = "Recruiter/HR"',
            "loop.total_minutes: says 270 but the rounds add up to 275; fix one of them",
        ),
        (
            "rounds.toml",
            "first_week = 3\nlast_week = 4",
            "first_week = 4\nlast_week = 4",
            "phase[1] (people): covers weeks 4-4 but must start at week 3; "
            "phases cover the plan's weeks without gap or overlap",
        ),
        (
            "rounds.toml",
            'prepares = ["people"]',
            'prepares = ["peopel"]',
            "phase[1].prepares: unknown round 'peopel'; "
            "rounds are recruiter, technical, people, strategic, executive",
        ),
        (
            "questions.toml",
            'id = "rec-em-experience"',
            'id = "rec-why-coursera"',
            "question[1].id: duplicate id 'rec-why-coursera'; ids must be unique",
        ),
        (
            "questions.toml",
            'rounds = ["recruiter"]\ntext = "Why are you interested',
            'rounds = ["recruter"]\ntext = "Why are you interested',
            "question[0].rounds: unknown round 'recruter' in 'rec-why-coursera'; "
            "rounds are recruiter, technical, people, strategic, executive",
        ),
        (
            "questions.toml",
            'source = "guide"\ncriteria = ["Cultural fit", "Communication skills"]',
            'source = "book"\ncriteria = ["Cultural fit", "Communication skills"]',
            "question[0].source: Input should be 'guide', 'posting' or 'authored'",
        ),
        (
            "questions.toml",
            'track = "remote"\ncriteria = ["Performance management"',
            'track = "mars"\ncriteria = ["Performance management"',
            "question[25].track: unknown track 'mars' in 'remote-underperformer'; "
            "tracks are remote, hub",
        ),
        (
            "questions.toml",
            'criteria = ["Cultural fit", "Communication skills"]\npoints = [\n  "A specific',
            'criteria = ["Charm"]\npoints = [\n  "A specific',
            "question[0].criteria: 'Charm' in 'rec-why-coursera' is not an "
            "evaluation criterion of its rounds (recruiter)",
        ),
    ],
)
def test_broken_pack_is_reported_with_file_key_and_problem(
    pack_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    path = pack_copy / file
    text = path.read_text()
    assert old in text
    _write(path, text.replace(old, new, 1))
    r = run("--data", str(pack_copy), "rounds")
    assert r.code == 2
    assert r.stderr == f"emprep: error: {path}: {message}\n"
    assert r.stdout == ""


def test_invalid_toml_names_the_line(pack_copy: Path) -> None:
    path = pack_copy / "questions.toml"
    lines = path.read_text().splitlines()
    lines[6] = "id = = broken"
    _write(path, "\n".join(lines))
    r = run("--data", str(pack_copy), "questions")
    assert r.code == 2
    assert re.fullmatch(
        rf"emprep: error: {re.escape(str(path))}: invalid TOML: .*\(at line 7, column \d+\)\n",
        r.stderr,
    )


def test_missing_pack_file_and_folder(pack_copy: Path, tmp_path: Path) -> None:
    (pack_copy / "questions.toml").unlink()
    r = run("--data", str(pack_copy), "rounds")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {pack_copy / 'questions.toml'}: not found; a pack folder holds "
        "rounds.toml and questions.toml\n",
    )
    r = run("rounds", env={"EMPREP_DATA": str(tmp_path / "nowhere")})
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {tmp_path / 'nowhere'}: not a folder; --data and EMPREP_DATA name a "
        "pack folder\n",
    )


def test_another_pack_is_used(pack_copy: Path) -> None:
    path = pack_copy / "rounds.toml"
    _write(path, path.read_text().replace('company = "Coursera"', 'company = "Acme"'))
    r = run("--data", str(pack_copy), "rounds", "--format", "json")
    assert r.code == 0
    assert '"company": "Acme"' in r.stdout
