"""The README's JSON field lists are what the commands print: every documented field is there,
every field there is documented, and every command that speaks JSON has its list."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import run

from emprep.cli import app
from emprep.core import mock, stories
from emprep.core.models import LoopBefore, Progress
from emprep.core.pack import Pack
from emprep.core.rounds import log_round
from emprep.core.scheduler import record
from emprep.storage import store

README = Path(__file__).resolve().parents[1] / "README.md"
NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
ENV = {"EMPREP_NOW": NOW.isoformat()}

Spec = dict[str, set[str]]  # path ("" the document, "weeks[]", "loop.rounds[]") -> its fields
MAPS = "{}"  # a field written `scores{}`: an object whose keys are data


def documented() -> dict[str, Spec]:
    """Command line -> spec, from the README's "JSON output" section."""
    text = README.read_text()
    section = text[text.index("## JSON output") :]
    section = section[: section.index("\n## ", 1)]
    out: dict[str, Spec] = {}
    command = ""
    for item in re.findall(r"^( *)- (.*(?:\n {4,}\S.*)*)", section, flags=re.M):
        indent, body = item[0], " ".join(item[1].split())
        if not indent:
            command = body.strip("`")
            out[command] = {}
            continue
        path, _, fields = body.rpartition(": ") if body.startswith("`") else ("", "", body)
        out[command][path.strip("`")] = {f.strip() for f in fields.split(",")}
    return out


def walk(value: Any, path: str, spec: Spec, seen: set[str], problems: list[str]) -> None:
    """Compare every object in `value` with the spec of its path; `seen` collects the paths met."""
    if isinstance(value, list):
        for item in value:
            walk(item, f"{path}[]", spec, seen, problems)
        return
    if not isinstance(value, dict):
        return
    seen.add(path)
    fields = spec.get(path)
    if fields is None:
        problems.append(f"{path or 'the document'}: an object the README does not describe")
        return
    names = {f.removesuffix(MAPS) for f in fields}
    for name in sorted(names - set(value)):
        problems.append(f"{path or 'the document'}: documented field '{name}' is not printed")
    for name in sorted(set(value) - names):
        problems.append(f"{path or 'the document'}: printed field '{name}' is not documented")
    for name, inner in value.items():
        if name in names and f"{name}{MAPS}" not in fields:
            walk(inner, f"{path}.{name}" if path else name, spec, seen, problems)


# What the README says of the values, by field name: dates `YYYY-MM-DD`, times ISO 8601 in UTC
# but the `at` of review and undo (local, with its offset), recall a probability or null,
# ratings 1-4, minutes, seconds and counts whole numbers (a list of them for a task list's).
DATE = re.compile(r"\d{4}-\d\d-\d\d")
UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
LOCAL_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
DAYS = {"date", "start", "end", "due", "today", "first", "next_due", "deadline", "next_review"}
DAYS |= {"skipped", "rounds_over", "day", "last", "first_interview", "last_interview"}
DAYS |= {"decision_around", "interview"}
TIMES = {"last_review", "logged", "created", "updated", "begun"}
WHOLE = {"seconds", "spare_seconds", "reviews", "count", "still_due", "left", "rated_today"}
WHOLE |= {"done_today", "unseen", "new_quota", "streak", "practice_days", "total_minutes"}
WHOLE |= {"question_minutes", "drill_minutes", "minutes", "next_due_count", "ready", "total"}
WHOLE |= {"timed_answers", "task_weeks", "over_minutes", "dropped_weeks", "moved_weeks"}
LISTS_OF_MINUTES = {"task_minutes", "dropped_minutes", "moved_minutes"}
LISTS_OF_FLAGS = {"task_done"}
FLAGS = {"common", "dated", "past", "done", "rest_day", "loop_over", "short", "fitted"}
FLAGS |= {"decision_after_last"}


def mistyped(name: str, path: str, value: Any) -> str | None:
    """What is wrong with a field's value for the README's words on it, or None."""
    whole = type(value) is int and value >= 0
    if isinstance(value, dict):  # an object the field lists describe (`rounds ID`'s `date`)
        return None
    if (path, name) in {("forecast[]", "due"), ("", "count")} or name in {
        "drill_fits",
        "hours_that_hold",
    }:
        ok = whole or value is None  # `config show`'s count: null where not set
    elif path == "loop.rounds[]" and name == "logged":
        ok = type(value) is bool
    elif name == "at":
        ok = isinstance(value, str) and LOCAL_TIME.fullmatch(value) is not None
    elif name in TIMES:
        ok = value is None or (isinstance(value, str) and UTC_TIME.fullmatch(value) is not None)
    elif name in DAYS and path != "weeks[]":  # a week's `interviews` are rounds
        ok = value is None or (isinstance(value, str) and DATE.fullmatch(value) is not None)
    elif name in {"recall", "recall_now", "recall_interview"}:
        ok = value is None or (type(value) in (int, float) and 0 <= value <= 1)
    elif name in {"rating", "last_rating"}:
        ok = value is None or (type(value) is int and 1 <= value <= 4)
    elif name in WHOLE and path != "mocks[]":  # a mock's `criteria` and the like are lists
        ok = whole or (isinstance(value, list) and all(type(v) is int for v in value))
    elif name in LISTS_OF_MINUTES:
        ok = isinstance(value, list) and all(type(v) is int and v >= 0 for v in value)
    elif name in FLAGS:
        ok = type(value) is bool
    elif name in LISTS_OF_FLAGS:
        ok = isinstance(value, list) and all(type(v) is bool for v in value)
    else:
        return None
    return None if ok else f"{path}.{name}: {value!r} is not as the README says".lstrip(".")


def typed(value: Any, path: str, problems: list[str]) -> None:
    """Every field of every object in `value` checked against the README's words on its type."""
    if isinstance(value, list):
        for item in value:
            typed(item, f"{path}[]", problems)
    elif isinstance(value, dict):
        for name, inner in value.items():
            wrong = mistyped(name, path, inner)
            problems += [wrong] if wrong else []
            if isinstance(inner, dict | list) and name not in {"scores", "trend"}:
                typed(inner, f"{path}.{name}" if path else name, problems)


@pytest.fixture
def lived_in(isolated: Path, pack: Pack) -> Path:
    """A progress file where every list a document holds has something in it: reviews (some
    failed), a story, two scored mocks, a profile with a round on its own day and a rest day
    on the eve of the last, a round logged (and one of an earlier loop), a task this week's
    hours leave out and one they move to a later week."""

    def build(p: Progress) -> Progress:
        for i, q in enumerate(pack.questions[:8]):
            p = record(p, q.id, 1 if i % 3 == 0 else 3, seconds=60, now=NOW - timedelta(days=3))
        star = {"title": "T", "situation": "S", "task": "T", "action": "A", "result": "R"}
        draft = stories.Draft(star, ["conflict-resolution"], ["com-team-conflict"])
        p = stories.add(p, draft, NOW)
        people = pack.round("people")
        plan = mock.plan_mock(pack, p, NOW, r=people, minutes=20, scope=pack.questions)
        for day, scores in [(-2, [2, 3, 3, 1, 4]), (-1, [3, 3, 4, 2, 4])]:
            at = NOW + timedelta(days=day)
            p = mock.start(p, plan, at)
            p = mock.answer(p, at, plan.items[0].question.id, rating=3, seconds=70, now=at)
            p = mock.finish(
                p, at, dict(zip(people.criteria, scores, strict=True)), rejections=[], now=at
            )
        # an earlier loop's round, logged before the day a date for this loop started it
        earlier = NOW - timedelta(days=50)
        p = log_round(
            p, "technical", earlier.date(), asked=(["tech-tradeoff"], []), note="", now=earlier
        )
        began = (NOW - timedelta(days=3)).date()
        before = LoopBefore(start=earlier.date(), until=began)
        return replace(p, profile=replace(p.profile, start=began), loops_before=[before], loop=2)

    store.update(isolated, build)
    # seven weeks at 3 h: week 1 leaves tasks out and moves one to week 2, ticked or not, its
    # drill weighed at the answers' minute
    assert run("config", "set", "start", "2026-11-17", env=ENV).code == 0
    assert run("config", "set", "interview", "2027-01-01", env=ENV).code == 0
    assert run("config", "set", "hours", "3", env=ENV).code == 0
    assert run("config", "set", "interview.recruiter", "2026-11-23", env=ENV).code == 0
    assert run("config", "set", "rest-days", "thu", env=ENV).code == 0  # the eve of the loop
    logged = ["rounds", "log", "recruiter", "--asked", "rec-why-coursera", "--asked", "Why now?"]
    assert run(*logged, "--note", "Friendly", env=ENV).code == 0
    return isolated


DOCUMENTED = documented()


@pytest.mark.parametrize("command", list(DOCUMENTED))
def test_documented_fields_are_the_printed_fields(command: str, lived_in: Path) -> None:
    args = shlex.split(command)
    assert args[0] == "emprep"
    r = run(*args[1:], env=ENV)
    assert r.code == 0, r.stderr
    spec = DOCUMENTED[command]
    seen: set[str] = set()
    problems: list[str] = []
    walk(json.loads(r.stdout), "", spec, seen, problems)
    problems += [
        f"{p}: documented, but no such object is printed" for p in sorted(set(spec) - seen)
    ]
    typed(json.loads(r.stdout), "", problems)
    problems = list(dict.fromkeys(problems))
    assert not problems, f"{command}: README 'JSON output' differs:\n" + "\n".join(problems)


def json_commands() -> list[str]:
    """Every command path with a --format option that offers json."""
    found: list[str] = []

    def visit(cmd: Any, path: str) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            visit(sub, f"{path} {name}")
        for param in cmd.params:
            if "--format" in param.opts and "json" in getattr(param.type, "choices", ()):
                found.append(path)

    visit(typer.main.get_command(app), "emprep")
    return found


def reached(line: str) -> str:
    """The command a command line runs, as click resolves it (`rounds people` is `rounds show`)."""
    cmd: Any = typer.main.get_command(app)
    path, args = ["emprep"], shlex.split(line)[1:]
    while hasattr(cmd, "commands"):
        ctx = cmd.make_context(path[-1], list(args), resilient_parsing=True)
        # click keeps a group's subcommand and its arguments apart from the group's own
        name, cmd, args = cmd.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
        path.append(name)
    return " ".join(path)


def test_every_json_command_is_documented() -> None:
    assert sorted(json_commands()) == sorted({reached(c) for c in DOCUMENTED})


def test_the_checker_catches_drift_both_ways() -> None:
    spec: Spec = {"": {"a", "b", "m{}"}, "b[]": {"x"}}
    problems: list[str] = []
    walk({"a": 1, "b": [{"x": 1, "y": 2}], "m": {"any": {"k": 1}}}, "", spec, set(), problems)
    assert problems == ["b[]: printed field 'y' is not documented"]
    problems = []
    walk({"b": [{"x": {"deep": 1}}]}, "", spec, set(), problems)
    assert problems == [
        "the document: documented field 'a' is not printed",
        "the document: documented field 'm' is not printed",
        "b[].x: an object the README does not describe",
    ]


def test_the_checker_catches_a_value_of_another_type() -> None:
    problems: list[str] = []
    doc = {"at": "2026-11-20T09:00:00Z", "due": "20/11/2026", "weeks": [{"task_minutes": ["1"]}]}
    typed(doc | {"items": [{"recall_now": 1.5, "minutes": "5", "rating": 3}]}, "", problems)
    assert problems == [
        "at: '2026-11-20T09:00:00Z' is not as the README says",
        "due: '20/11/2026' is not as the README says",
        "weeks[].task_minutes: ['1'] is not as the README says",
        "items[].recall_now: 1.5 is not as the README says",
        "items[].minutes: '5' is not as the README says",
    ]
