from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
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
    own = {"tasks", "prepares", "id", "family", "salary_currency", "advice"}

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


def test_no_two_questions_ask_the_same_thing(pack: Pack) -> None:
    """No repeated text or follow-up, and no point shared word for word between questions."""
    texts = [q.text.lower() for q in pack.questions]
    assert len(set(texts)) == len(texts)
    follow_ups = [f.lower() for q in pack.questions for f in q.follow_ups]
    assert len(set(follow_ups)) == len(follow_ups)
    points = [p.text.lower() for q in pack.questions for p in q.points]
    assert len(set(points)) == len(points)


def test_emprep_marks_its_own_choices(pack: Pack) -> None:
    """Only the guide's 15 round questions are placed by the guide; common, track and authored
    questions say emprep placed them; the criteria group a round criterion is in is emprep's."""
    by_guide = [q for q in pack.questions if q.placed_by == "guide"]
    assert len(by_guide) == 15
    assert {sum(r.id in q.rounds for q in by_guide) for r in pack.rounds} == {3}
    assert all(q.placed_by == "emprep" for q in pack.questions if q.common or q.track)
    assert pack.group_of["Problem-solving abilities"].name == "Technical Acumen"
    assert pack.coding is not None
    assert pack.coding.heading in GUIDE and pack.coding.summary in GUIDE
    assert "Ask the recruiter whether" in pack.coding.advice[0]


def test_merged_questions_keep_their_reviews(pack: Pack) -> None:
    """A removed id lives on in `replaces`: its card carries over to its heir, old lines stay."""
    from emprep.core.models import Progress, Story
    from emprep.core.scheduler import record

    assert pack.replaced == {
        "tech-design-recommendations": "tech-design-feature",
        "rec-management-style": "exe-leadership-philosophy",
        "rec-people-management-basics": "exe-first-90-days",
        "tech-modern-java": "tech-play-scala-migration",
    }
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    p = record(Progress(), "rec-management-style", 3, 60, at)
    story = Story("s1", "t", "s", "t", "a", "r", at, at, questions=["rec-management-style"])
    p = replace(p, stories=[story])
    carried = pack.carry(p)
    assert carried.cards["exe-leadership-philosophy"] == p.cards["rec-management-style"]
    assert carried.cards["rec-management-style"] == p.cards["rec-management-style"]
    assert carried.log == p.log
    assert carried.stories[0].questions == ["exe-leadership-philosophy"]
    again = record(carried, "exe-leadership-philosophy", 3, 60, at + timedelta(days=3))
    assert again.cards["exe-leadership-philosophy"].stability != (
        record(Progress(), "exe-leadership-philosophy", 3, 60, at + timedelta(days=3))
        .cards["exe-leadership-philosophy"]
        .stability
    )
    assert pack.carry(again) == again  # the heir's own card wins once it has one


def test_stack_questions_stay_within_what_the_posting_says(pack: Pack) -> None:
    posting = [q for q in pack.questions if q.source == "posting" and "technical" in q.rounds]
    assert len(posting) >= 8
    stack = ["Java", "MySQL", "DynamoDB", "gRPC", "GraphQL", "Kafka", "microservices", "A/B test"]
    bank = " ".join(q.text.lower() for q in pack.questions)
    for word in [*stack, "Play/Scala", "monitoring", "deploy many times a day"]:
        assert word.lower() in POSTING.lower()
        assert word.lower() in bank, word
    assert "our services talk grpc" not in bank
    placeholders = [q for q in pack.questions if "[" in q.text]
    assert len(placeholders) == 3


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
            'rounds = ["recruiter"]\nplaced_by = "guide"\ntext = "Why are you interested',
            'rounds = ["recruter"]\nplaced_by = "guide"\ntext = "Why are you interested',
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
            "question[{remote-underperformer}].track: unknown track 'mars' in "
            "'remote-underperformer'; tracks are remote, hub",
        ),
        (
            "questions.toml",
            'criteria = ["Cultural fit", "Communication skills"]\ndifficulty = "core"',
            'criteria = ["Charm"]\ndifficulty = "core"',
            "question[0].criteria: 'Charm' in 'rec-why-coursera' is not an "
            "evaluation criterion of its rounds (recruiter)",
        ),
        (
            "questions.toml",
            '{ criterion = "Cultural fit", text = "A personal link',
            '{ criterion = "Executive presence", text = "A personal link',
            "question[0].points[0].criterion: 'Executive presence' in 'rec-why-coursera' is not "
            "an evaluation criterion of its rounds (recruiter)",
        ),
        (
            "questions.toml",
            '{ criterion = "Cultural fit", text = "A personal link',
            '{ criterion = "Basic understanding of management principles", text = "A personal link',
            "question[0].points[0].criterion: 'Basic understanding of management principles' in "
            "'rec-why-coursera' is not in its criteria; add it to them",
        ),
        (
            "questions.toml",
            '{ reason = "Lack of clear communication", text = "A five-minute tour',
            '{ reason = "Lack of technical depth", text = "A five-minute tour',
            "question[0].red_flags[1].reason: 'Lack of technical depth' in 'rec-why-coursera' is "
            "not a common reason for rejection of its rounds (recruiter)",
        ),
        (
            "questions.toml",
            'follow_ups = [\n  "Which Coursera product have you used yourself, and what would you '
            'change in it?",\n',
            "follow_ups = [\n",
            "question[0].follow_ups: List should have at least 2 items after validation, not 1",
        ),
        (
            "questions.toml",
            'difficulty = "core"\nminutes = 2\n',
            'difficulty = "easy"\nminutes = 2\n',
            "question[0].difficulty: Input should be 'core', 'm4' or 'stretch'",
        ),
        (
            "questions.toml",
            'difficulty = "core"\nminutes = 2\n',
            'difficulty = "core"\nminutes = 50\n',
            "question[0].minutes: 50 in 'rec-why-coursera' is longer than its round (45 min)",
        ),
        (
            "questions.toml",
            'id = "rec-why-leaving"\nrounds = ["recruiter"]\n',
            'id = "rec-why-leaving"\nrounds = ["recruiter"]\nplaced_by = "guide"\n',
            "question[3].placed_by: 'guide' in 'rec-why-leaving': only a question the guide "
            "lists under a round is placed by the guide",
        ),
        (
            "questions.toml",
            'replaces = ["rec-management-style"]',
            'replaces = ["rec-why-leaving"]',
            "question[{exe-leadership-philosophy}].replaces: 'rec-why-leaving' in "
            "'exe-leadership-philosophy': it is a question; a question replaces only ids that "
            "are gone, and one id has one heir",
        ),
        (
            "rounds.toml",
            '{ phase = "people", text = "Write how you ran',
            '{ phase = "peeple", text = "Write how you ran',
            "track[0].tasks[1].phase: unknown phase 'peeple'; "
            "phases are company, people, technical, strategic, mock",
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
    ids = re.findall(r'(?m)^id = "([^"]+)"', (pack_copy / "questions.toml").read_text())
    message = re.sub(r"\{([a-z0-9-]+)\}", lambda m: str(ids.index(m.group(1))), message)
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
