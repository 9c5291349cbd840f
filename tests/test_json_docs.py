"""The README's JSON field lists are what the commands print: every documented field is there,
every field there is documented, and every command that speaks JSON has its list."""

from __future__ import annotations

import json
import re
import shlex
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import run

from emprep.cli import app
from emprep.core import mock, stories
from emprep.core.models import Progress
from emprep.core.pack import Pack
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


@pytest.fixture
def lived_in(isolated: Path, pack: Pack) -> Path:
    """A progress file where every list a document holds has something in it: reviews (some
    failed), a story, two scored mocks, a profile with a round on its own day and a rest day
    on the eve of the last, a round logged, tasks the first week's hours leave out."""

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
        return p

    store.update(isolated, build)
    # seven weeks at 1 h: week 1 leaves tasks out, its drill weighed at the answers' minute
    assert run("config", "set", "interview", "2027-01-08", env=ENV).code == 0
    assert run("config", "set", "hours", "1", env=ENV).code == 0
    assert run("config", "set", "interview.recruiter", "2027-01-04", env=ENV).code == 0
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
