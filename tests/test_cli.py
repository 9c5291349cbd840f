from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pexpect
import pytest
from conftest import PTY_TIMEOUT, Terminal, installed_emprep, numbered_afresh, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprep import __version__
from emprep.cli import app
from emprep.cli.app import COMMANDS, built
from emprep.core.pack import Pack

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}


def test_version() -> None:
    r = run("--version")
    assert (r.code, r.stdout, r.stderr) == (0, f"emprep {__version__}\n", "")


def test_no_arguments_shows_help() -> None:
    r = run()
    assert r.code == 0
    assert "Usage: emprep [OPTIONS] COMMAND [ARGS]..." in r.stdout


def test_every_command_has_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {"rounds", "questions", "plan"} <= set(names)
    for name in names:
        r = run(name, "--help")
        assert r.code == 0, name
        assert f"Usage: emprep {name}" in r.stdout
        assert group.commands[name].help, name  # type: ignore[attr-defined]


def test_a_usage_line_names_its_arguments_as_a_person_writes_them() -> None:
    """typer wrote every required argument in braces ("Usage: emprep review [OPTIONS] {ID}
    {RATING}") and `completion`'s as "{shell}:<bash|zsh|fish|powershell>"; and `emprep
    completion` alone said its choices as "Choose from:\\n\\tbash,\\n\\tzsh..." on its line."""
    import typer.main

    usages: dict[str, str] = {}

    def visit(cmd: Any, path: list[str]) -> None:
        subs = getattr(cmd, "commands", {})
        for name, sub in subs.items():
            visit(sub, [*path, name])
        if not subs:
            usages[" ".join(path)] = run(*path, "--help").stdout.splitlines()[0]

    visit(typer.main.get_command(app), [])
    assert [
        u
        for u in usages.values()
        if not re.fullmatch(r"Usage: emprep [a-z ]+\[OPTIONS\]( \[?[A-Z]+(\.\.\.)?\]?)*", u)
    ] == []
    assert usages["review"] == "Usage: emprep review [OPTIONS] ID RATING"
    assert usages["story link"] == "Usage: emprep story link [OPTIONS] ID QUESTION..."
    assert usages["questions"] == "Usage: emprep questions [OPTIONS] [ID]"
    assert usages["completion"] == "Usage: emprep completion [OPTIONS] SHELL"
    assert (
        "  SHELL  Your shell: bash, zsh, fish or powershell.  [required]\n"
        in run("completion", "--help").stdout
    )
    r = run("completion")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: Missing argument 'SHELL'. Choose from: bash, zsh, fish, powershell "
        "(see 'emprep completion --help')\n",
    )


def test_the_command_list_reads_alike_and_says_what_each_does() -> None:
    """`emprep --help` listed "Your profile." and "Your STAR story bank." with a full stop
    among lines without one; `rounds --help` read as if `rounds` showed what a round asked
    (`rounds log` records it; nothing shows it back but `progress`), and its usage line asked
    for a COMMAND, naming neither the ID that `emprep rounds tech` takes nor --format."""
    from emprep.cli.app import COMMANDS

    assert [name for name, (_, _, short) in COMMANDS.items() if short.endswith(".")] == []
    for group in ("story", "config", "rounds", "task"):  # and each group's own list
        listed = run(group, "--help").stdout.split("Commands:\n")[1].splitlines()
        assert [line for line in listed if line.endswith(".")] == [], group
    said = run("rounds", "--help").stdout
    assert said.startswith("Usage: emprep rounds [OPTIONS] [ID] | COMMAND [ARGS]...\n")
    assert " ".join(said.split("\n\n")[1].split()) == (
        "The loop at a glance or one round in full (emprep rounds [ID] [--format table|json]: "
        "rounds show, the command taken when none is named); rounds log records a round you had."
    )


def test_config_help_names_its_arguments_as_the_first_run_and_readme_do() -> None:
    """`config set --help` printed `{key} {value}`, lower case unlike every other argument,
    where the first run and the README say `emprep config set KEY VALUE`; `config show
    --help` left out rest-days."""
    said = run("config", "set", "--help").stdout
    assert "Usage: emprep config set [OPTIONS] KEY VALUE\n" in said
    assert "Usage: emprep config unset [OPTIONS] KEY\n" in run("config", "unset", "--help").stdout
    assert "count, rest-days." in run("config", "show", "--help").stdout


def test_option_helps_say_the_real_default_and_the_values() -> None:
    """`plan --weeks` said "[default: 8]": with an interview date the plan runs to it.
    `questions --difficulty` showed "<str>" for its three values."""
    said = " ".join(run("plan", "--help").stdout.split())
    assert "--weeks N Weeks to prepare [default: to interview, or 8]." in said
    said = " ".join(run("questions", "--help").stdout.split())  # not "--difficulty <str>"
    assert "--difficulty core|m4|stretch Only questions of this level." in said
    run("config", "set", "interview", "2026-12-18", env={"EMPREP_NOW": "2026-11-23T09:00"})
    out = run("plan", env={"EMPREP_NOW": "2026-11-23T09:00"}).stdout
    assert "2026-11-23 to 2026-12-18: 25 days, 4 weeks" in out


def test_a_command_imports_and_builds_only_itself() -> None:
    """A run builds the one command it runs (the others' modules are not even imported), and
    `--help` lists every command, in the table's order, without importing or building one."""
    code = (
        "import sys; from emprep.cli.app import app, built\n"
        "try: app(sys.argv[1:])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('emprep.cli.')), built.cache_info())"
    )

    def imported_and_built(*args: str) -> str:
        argv = [sys.executable, "-c", code, *args]
        done = subprocess.run(argv, capture_output=True, text=True, check=True)
        return done.stdout.splitlines()[-1]

    modules = [
        "emprep.cli.app",
        "emprep.cli.complete",
        "emprep.cli.context",
        "emprep.cli.group",
        "emprep.cli.options",
        "emprep.cli.practice",
    ]
    assert imported_and_built("progress").startswith(f"{modules} CacheInfo(hits=0, misses=1,")
    only = ["emprep.cli.app", "emprep.cli.group"]
    assert imported_and_built("--help").startswith(f"{only} CacheInfo(hits=0, misses=0,")
    listed = [line.split()[0] for line in run("--help").stdout.split("Commands:\n")[1].splitlines()]
    assert listed == list(COMMANDS)
    for name, (_, _, short) in COMMANDS.items():  # the line is the one the command gives itself
        assert built(name).get_short_help_str(80) == short, name


def test_rounds_overview_plain_when_piped() -> None:
    r = run("rounds")
    assert r.code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "Coursera · Software Engineering Manager · M4 · Hard"
    assert lines[2].split() == ["#", "id", "round", "kind", "difficulty", "length", "interviewer"]
    assert lines[3].startswith("1  recruiter  Recruiter/HR Interview")
    assert "45 min  Recruiter/HR" in lines[3]
    assert (
        "5 rounds, 270 min in all, ~21 days from first call to decision. "
        "Experience 6 - 10 yrs, salary US$170000 - US$220000." in lines
    )
    assert "\x1b[" not in r.stdout


def test_rounds_json(pack: Pack) -> None:
    r = run("rounds", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["totals"] == {
        "rounds": 5,
        "minutes": 270,
        "timeline_days": 21,
        "questions": len(pack.questions),
    }
    assert [x["id"] for x in doc["rounds"]] == pack.round_ids
    assert doc["rounds"][1]["interviewer"] == "Senior Software Engineer/Engineering Lead"
    assert len(doc["preparation_tips"]) == 7
    assert [g["name"] for g in doc["criteria_groups"]][1] == "Technical Acumen"


def test_one_round_by_prefix_and_case(pack: Pack) -> None:
    r = run("rounds", "TECH")
    assert r.code == 0
    assert r.stdout.startswith("2. Technical Deep Dive (technical)\n")
    assert "Technical Interview · Hard · 60 min · Senior Software Engineer/Engineering Lead" in (
        r.stdout
    )
    assert "  - Lack of technical depth\n" in r.stdout
    technical = [q for q in pack.questions if "technical" in q.rounds]
    assert "Questions the guide lists for this round (3)\n" in r.stdout
    assert f"Questions emprep places in this round ({len(technical) - 3})\n" in r.stdout
    assert "  - Problem-solving abilities [Technical Acumen]\n" in r.stdout
    assert "  - com-agile: What is your philosophy on agile development" in r.stdout
    doc = json.loads(run("rounds", "people", "--format", "json").stdout)
    assert doc["round"]["criteria"][-1] == "Performance management"
    # a round's prefix is a round before it is a mistyped command ('s' starts `show` too)
    r = run("rounds", "s", "--format", "json")
    assert (r.code, r.stderr, json.loads(r.stdout)["round"]["id"]) == (0, "", "strategic")
    assert len(doc["questions"]) == sum("people" in q.rounds for q in pack.questions)


def test_a_pack_of_one_s_own_is_not_called_the_guide(pack_copy: Path, isolated: Path) -> None:
    """ "The guide" is the interview guide the built-in pack is made from: with a pack of
    one's own (`--data`), the screens and notes said "the guide lists", "placed by the guide",
    "which the guide puts first" of a pack that may come from anywhere. They say "the pack"."""
    data = ["--data", str(pack_copy)]
    r = run(*data, "rounds", "technical")
    assert r.code == 0, r.stderr
    assert "Questions the pack lists for this round (3)\n" in r.stdout
    assert "Evaluation criteria (the pack's; the group in brackets is emprep's)\n" in r.stdout
    assert "(pack, commonly asked)\n" in r.stdout
    assert "the guide" not in r.stdout and "(guide," not in r.stdout
    shown = run(*data, "questions", "tech-design-feature")
    assert "; placed by the pack\n" in shown.stdout
    sheet = run(*data, "questions", "--round", "recruiter", "--format", "md")
    assert "(placed by the pack)" in sheet.stdout and "placed by the guide" not in sheet.stdout
    run(*data, "config", "set", "interview", "2026-12-14")
    r = run(*data, "config", "set", "interview.executive", "2026-12-01")
    assert r.stderr.endswith(
        "strategic, which the pack puts first; fine if that is how your loop runs\n"
    )
    run(*data, "config", "unset", "interview.executive")
    r = run(*data, "config", "set", "interview.recruiter", "2026-11-10")
    assert "more than the pack's ~21 days from first call to decision" in r.stderr
    assert "placed by the guide" in run("questions", "tech-design-feature").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rounds", "tehcnical"],
            "unknown round 'tehcnical': did you mean 'technical'? "
            "valid: recruiter, technical, people, strategic, executive",
        ),
        (
            ["review", "rec-slary", "good"],  # a typo in a prefix, as prefixes are taken
            "unknown question 'rec-slary': did you mean 'rec-salary-expectations'? list the ids "
            "with 'emprep questions'",
        ),
        (
            ["review", "rec-sar", "good"],  # as close to rec-sal, rec-sea and rec-str: no guess
            "unknown question 'rec-sar': list the ids with 'emprep questions'",
        ),
        (
            ["rounds", "xyz"],
            "unknown round 'xyz': valid: recruiter, technical, people, strategic, executive",
        ),
        (
            ["questions", "--track", "remte"],
            "unknown track 'remte': did you mean 'remote'? valid: remote, hub, all",
        ),
        (
            ["questions", "--tag", "kafak"],
            "unknown tag 'kafak': did you mean 'kafka'? list the tags with "
            "'emprep questions --format json'",
        ),
        (["questions", "--search", " "], "--search: empty text; give a word to look for"),
        (
            ["questions", "--format", "xml"],
            "Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv', 'md', "
            "'anki', 'apkg' (see 'emprep questions --help')",
        ),
        (
            ["plan", "--start", "2026-13-01"],
            "--start: '2026-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15",
        ),
        (
            ["plan", "--start", "2026-W48-1"],  # an ISO week date, which Python reads
            "--start: '2026-W48-1' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15",
        ),
        (
            ["plan", "--interview", "20270115"],
            "--interview: '20270115' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15",
        ),
        (
            ["plan", "--interview", "next friday"],
            "--interview: 'next friday' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15",
        ),
        (
            ["plan", "--start", "2026-11-20", "--interview", "2026-11-19"],
            "the interview (2026-11-19) is before the start (2026-11-20); give a later "
            "--interview or an earlier --start",
        ),
        (
            ["plan", "--weeks", "0"],
            "--weeks must be a whole number from 1 to 104 (got 0); try --weeks 8",
        ),
        (
            ["plan", "--hours", "-3"],
            "--hours must be a number from 1 to 168 a week (got -3); try --hours 6",
        ),
        (
            ["plan", "--hours", "0.25"],
            "--hours must be a number from 1 to 168 a week (got 0.25); try --hours 6",
        ),
        (  # said as 168, which the range holds
            ["plan", "--hours", "168.0001"],
            "--hours must be a number from 1 to 168 a week (got 168.0001); try --hours 6",
        ),
        (
            ["plan", "--hours", "0.99999999"],
            "--hours must be a number from 1 to 168 a week (got 0.99999999); try --hours 6",
        ),
        (
            ["plan", "--weeks", "two"],
            "--weeks must be a whole number from 1 to 104 (got 'two'); try --weeks 8",
        ),
        (
            ["plan", "--track", "mars"],
            "unknown track 'mars': valid: remote, hub",
        ),
        (
            ["plan", "--format", "pdf"],
            "Invalid value for '--format': 'pdf' is not one of 'table', 'md', 'json', 'ics' "
            "(see 'emprep plan --help')",
        ),
        (["plna"], "No such command 'plna'. Did you mean 'plan'? (see 'emprep --help')"),
        (
            ["plan", "--bogus"],
            "No such option: --bogus (Possible options: --hours) (see 'emprep plan --help')",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], message: str) -> None:
    r = run(*args, env=NOW)
    assert (r.code, r.stderr, r.stdout) == (2, f"emprep: error: {message}\n", "")


@pytest.mark.parametrize(
    ("args", "option", "line"),
    [
        (["drill", "--progress", "p.toml"], "--progress", "emprep --progress p.toml drill"),
        (
            ["--data", "pack", "story", "list", "--progress=my p.toml"],
            "--progress",
            "emprep --data pack '--progress=my p.toml' story list",
        ),
        (
            ["--progress", "drill", "drill", "--data=x"],
            "--data",
            "emprep --progress drill --data=x drill",
        ),
        (["rounds", "log", "rec", "--data", "x"], "--data", "emprep --data x rounds log rec"),
        (["today", "--progress"], "--progress", "emprep --progress PATH today"),
        (["plan", "--version"], "--version", "emprep --version"),
    ],
)
def test_emprep_s_own_option_after_the_command_is_said_with_the_line_that_gives_it(
    args: list[str], option: str, line: str
) -> None:
    """Before: "No such option: --progress (Possible options: --more)" for `drill`, and for
    `rounds log rec --data x` "(Possible options: --date)": a fix that was none, or wrong."""
    r = run(*args, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {option} is emprep's own option, given before the command: {line}\n",
    )


def test_emprep_s_own_option_before_and_after_the_command_is_said_as_given_twice() -> None:
    """The line said was the one typed (the first `--progress` moved where it was), and one
    with both before the command is refused as given twice: the two to choose from."""
    r = run("--progress", "a.toml", "today", "--progress", "b.toml", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: --progress is emprep's own option, given before the command, where it "
        "is given already: give it once, emprep --progress a.toml today or emprep --progress "
        "b.toml today\n",
    )


NUMBER_OPTIONS = [
    (["plan", "--weeks"], "--weeks must be a whole number from 1 to 104 (got '{}'); try --weeks 8"),
    (
        ["plan", "--hours"],
        "--hours must be a number from 1 to 168 a week (got '{}'); try --hours 6",
    ),
    (
        ["drill", "--list", "--count"],
        "--count must be a whole number from 1 to 100 (got '{}'); try --count 5",
    ),
    (
        ["review", "rec-why-coursera", "good", "--seconds"],
        "--seconds must be a whole number from 0 to 86400 (got '{}'); try --seconds 90",
    ),
    (
        ["mock", "--round", "recruiter", "--list", "--minutes"],
        "--minutes must be a whole number from 1 to 600 (got '{}'); try --minutes 30",
    ),
    (
        ["task", "done"],
        "N must be a task's number in this week's list (got '{}'); try emprep task done 1",
    ),
    (
        ["task", "undo"],
        "N must be a task's number in this week's list (got '{}'); try emprep task undo 1",
    ),
]


@pytest.mark.parametrize("value", ["abc", "", "1_0", "+5", "1e1", "5.", "inf"])
@pytest.mark.parametrize(
    ("args", "said"),
    NUMBER_OPTIONS,
    ids=["weeks", "hours", "count", "seconds", "minutes", "task-done", "task-undo"],
)
def test_a_number_option_not_written_in_digits_is_refused_not_read_as_another(
    isolated: Path, args: list[str], said: str, value: str
) -> None:
    """Python's int() and float() read `1_0` as 10, `+5` as 5 and `1e1` as 10: `plan --weeks
    1_0` planned ten weeks, `review --seconds +5` saved five seconds and `plan --hours 1e1`
    planned ten hours, while `config set count +5` was refused. A number is typed in digits
    (`--hours` with a point: 4.5); the rest is refused as any other number that is not one,
    in the line a number out of range gets: before, `--seconds abc` said "'abc' is not a valid
    int range" and `--count abc` "'abc' is not a valid int", naming no range."""
    assert run("config", "set", "interview", "2027-01-15", env=NOW).code == 0
    before = isolated.read_bytes()
    r = run(*args, value, env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == f"emprep: error: {said.format(value)}\n"
    assert isolated.read_bytes() == before


def test_every_number_a_command_takes_is_checked_as_typed() -> None:
    """Every option or argument read as a number goes through the same check, and is in the
    list above: one added later with typer's own int says "is not a valid int" again."""
    import typer.main
    from typer._click.types import FloatParamType, IntParamType

    from emprep.cli.options import Number, Whole

    found: list[str] = []

    def visit(cmd: Any, path: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            visit(sub, [*path, name])
        for param in cmd.params:
            if isinstance(param.type, IntParamType | FloatParamType):
                assert isinstance(param.type, Whole | Number), (path, param.name)
                found.append(" ".join([*path, param.opts[0]]))

    visit(typer.main.get_command(app), [])
    assert sorted(found) == [  # each in NUMBER_OPTIONS
        "drill --count",
        "mock --minutes",
        "plan --hours",
        "plan --weeks",
        "review --seconds",
        "task done numbers",
        "task undo numbers",
    ]


def test_a_number_option_in_digits_reads_as_the_number(isolated: Path) -> None:
    """The forms a person types: a point in hours, spaces around, another script's digits."""
    assert run("config", "set", "interview", "2027-01-15", env=NOW).code == 0
    for hours, read in (("4.5", 4.5), (" 6 ", 6.0), ("\uff15", 5.0)):
        plan = json.loads(run("plan", "--hours", hours, "--format", "json", env=NOW).stdout)
        assert plan["hours_per_week"] == read
    plan = json.loads(run("plan", "--weeks", " 3 ", "--format", "json", env=NOW).stdout)
    assert plan["interview"] == "2026-12-11"


def test_questions_filters(pack: Pack) -> None:
    r = run("questions", "--round", "tech")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["id", "rounds", "source", "question"]
    assert len(lines) == 1 + sum("technical" in q.rounds for q in pack.questions)
    r = run("questions", "--tag", "kafka", "--format", "json")
    doc = json.loads(r.stdout)
    kafka = [q.id for q in pack.questions if "kafka" in (t.lower() for t in q.tags)]
    assert [q["id"] for q in doc["questions"]] == kafka
    assert doc["count"] == len(kafka) >= 2
    r = run("questions", "--difficulty", "stretch", "--round", "strategic", "--format", "json")
    stretch = [
        q.id for q in pack.questions if q.difficulty == "stretch" and "strategic" in q.rounds
    ]
    assert [q["id"] for q in json.loads(r.stdout)["questions"]] == stretch != []
    r = run("questions", "--difficulty", "hard")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: --difficulty: 'hard' is not a difficulty; use one of core, m4, stretch\n",
    )
    r = run("questions", "--search", "DYNAMODB", "--format", "json")
    dynamo = [
        q.id
        for q in pack.questions
        if any("dynamodb" in x.lower() for x in [q.text, *q.tags, *(p.text for p in q.points)])
    ]
    assert [q["id"] for q in json.loads(r.stdout)["questions"]] == dynamo
    assert "tech-mysql-dynamodb" in dynamo
    r = run("questions", "--track", "hub", "--format", "json")
    ids = [q["id"] for q in json.loads(r.stdout)["questions"]]
    assert len(ids) == sum(q.track != "remote" for q in pack.questions)
    assert "hub-ecosystem" in ids and "remote-challenges" not in ids
    r = run("questions", "--round", "recruiter", "--search", "zzzz")
    assert (r.code, r.stdout, r.stderr) == (0, "", "emprep: no question matches those filters\n")


def test_questions_list_the_candidates_track_unless_told_otherwise(pack: Pack) -> None:
    """With a track set, the bank lists its questions, as the drill, the plan and the
    picker of `story add` take them; `--track` picks the other, `all` both; an id shows any."""

    def ids(*args: str) -> list[str]:
        r = run("questions", *args, "--format", "json")
        assert r.code == 0, r.stderr
        return [q["id"] for q in json.loads(r.stdout)["questions"]]

    assert run("config", "set", "track", "remote").code == 0
    mine = ids()
    assert mine == [q.id for q in pack.questions if q.track != "hub"]
    assert "hub-talent-market" not in ids("--round", "recruiter")
    assert "hub-talent-market" in ids("--round", "recruiter", "--track", "hub")
    assert ids("--track", "all") == [q.id for q in pack.questions]
    assert ids("--track", "A") == [q.id for q in pack.questions]
    table = run("questions", "--round", "recruiter").stdout
    assert "remote-challenges" in table and "hub-talent-market" not in table
    assert run("questions", "hub-talent-market").stdout.startswith("hub-talent-market\n")


def test_questions_csv_round_trips(pack: Pack) -> None:
    r = run("questions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == len(pack.questions)
    first = pack.questions[0]
    assert rows[0]["id"] == first.id
    assert rows[0]["text"] == first.text
    assert rows[0]["points"].split("\n") == [f"{p.criterion}: {p.text}" for p in first.points]
    assert rows[0]["red_flags"].split("\n") == [f"{f.reason}: {f.text}" for f in first.red_flags]
    assert rows[0]["follow_ups"].split("\n") == first.follow_ups
    assert (rows[0]["minutes"], rows[0]["difficulty"]) == (str(first.minutes), first.difficulty)
    assert rows[0]["tags"] == "Motivation"


def test_plan_markdown_when_piped() -> None:
    r = run("plan", "--start", "2026-11-20", "--hours", "5")
    assert r.code == 0
    out = r.stdout
    assert out.startswith("# Interview plan: Coursera Software Engineering Manager (M4)\n\n")
    assert "2026-11-20 to 2027-01-15: 56 days, 8 weeks, 5 h a week (40 h in all)" in out
    assert (
        "\n\nThe daily drill is 5 questions (emprep config set count N): each week lists the "
        "questions it first asks in that week, drilled every practice day with every answer "
        "Good; once the interview has a date (emprep config set interview YYYY-MM-DD), emprep "
        "progress forecasts how many will be ready on the day.\n\nA drill question "
        "is weighed at its time box, 7 min 28 on average, the most an answer may take, until "
        "you have timed 10 answers (emprep drill times each).\n\n## Week 1" in out
    )
    run("config", "set", "count", "1")
    one = run("plan", "--start", "2026-11-20", "--hours", "5", "--format", "md").stdout
    assert "\n\nThe daily drill is 1 question (emprep config set count N)" in one
    assert "## Week 1: 2026-11-20 to 2026-11-26 (5 h)" in out
    assert "## Week 8: 2027-01-08 to 2027-01-14 (5 h)" in out
    assert "Phase: 5. Mock Interviews & Refinement" in out
    assert "## The loop, from 2027-01-15" in out
    assert "5 rounds, 270 min; \\~21 days to a decision (around 2027-02-05)." in out


@pytest.mark.parametrize(
    "command",
    [["plan", "--start", "2026-11-20"], ["questions", "--round", "rec"], ["story", "list"]],
)
def test_markdown_is_taken_for_md(command: list[str], tmp_path: Path) -> None:
    md = run(*command, "--format", "md", env=NOW)
    assert md.code == 0 and md.stdout.startswith("# ")
    for spelling in ("markdown", "Markdown"):
        r = run(*command, "--format", spelling, env=NOW)
        assert (r.code, r.stdout, r.stderr) == (0, md.stdout, "")
    out = tmp_path / "export.markdown"
    r = run(*command, "-o", str(out), env=NOW)
    assert (r.code, r.stdout) == (0, "") and r.stderr.startswith(f"Wrote {out} (")
    assert out.read_text() == md.stdout


def test_questions_output_takes_the_format_its_name_ends_with(tmp_path: Path) -> None:
    out = tmp_path / "questions.csv"
    r = run("questions", "-o", str(out), "--bom")
    assert (r.code, r.stdout) == (0, "") and r.stderr.startswith(f"Wrote {out} (")
    assert out.read_bytes() == run("questions", "--format", "csv", "--bom").stdout.encode("utf-8")


@pytest.mark.parametrize(
    ("command", "valid"),
    [(["plan"], "'table', 'md', 'json', 'ics'"), (["today"], "'table', 'json'")],
)
def test_a_format_not_there_lists_the_valid_ones(command: list[str], valid: str) -> None:
    word = "markdown" if command == ["today"] else "mark"
    r = run(*command, "--format", word, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: Invalid value for '--format': '{word}' is not one of {valid} "
        f"(see 'emprep {command[0]} --help')\n",
    )


def test_plan_json_round_trips(pack: Pack) -> None:
    r = run(
        "plan",
        "--start",
        "2026-11-20",
        "--interview",
        "2027-01-01",
        "--track",
        "remote",
        "--format",
        "json",
    )
    doc = json.loads(r.stdout)
    assert set(doc) == {
        "start",
        "interview",
        "days",
        "hours_per_week",
        "total_hours",
        "drill_count",
        "drill_question_minutes",
        "timed_answers",
        "unreached",
        "track",
        "warnings",
        "phases",
        "weeks",
        "interview_day",
        "loop",
    }
    assert (doc["drill_question_minutes"], doc["timed_answers"]) == (7.64, 0)  # the remote bank
    assert doc["unreached"] == []  # 5 a day for 42 days reaches the whole remote bank
    assert doc["interview_day"] == {  # the day after the last week: every round, one date
        "date": "2027-01-01",
        "interviews": [{"id": r.id, "date": "2027-01-01"} for r in pack.rounds],
    }
    assert (doc["start"], doc["interview"], doc["days"], doc["track"]) == (
        "2026-11-20",
        "2027-01-01",
        42,
        "remote",
    )
    assert doc["drill_count"] == 5  # the configured count (the default)
    run("config", "set", "count", "7")
    again = run("plan", "--start", "2026-11-20", "--interview", "2027-01-01", "--format", "json")
    assert json.loads(again.stdout)["drill_count"] == 7
    assert [p["days"] for p in doc["phases"]] == [11, 11, 10, 5, 5]
    assert sum(w["days"] for w in doc["weeks"]) == 42
    w1 = doc["weeks"][0]
    assert set(w1) == {
        "number",
        "start",
        "end",
        "days",
        "phases",
        "focus",
        "tasks",
        "task_minutes",
        "task_weeks",
        "task_phases",
        "task_done",
        "drill_minutes",
        "drill_fits",
        "over_minutes",
        "hours_that_hold",
        "dropped",
        "dropped_minutes",
        "dropped_weeks",
        "dropped_phases",
        "moved",
        "moved_minutes",
        "moved_weeks",
        "moved_phases",
        "rounds",
        "interviews",
        "hours",
        "questions",
    }
    assert w1["interviews"] == []
    assert w1["phases"] == ["company"]
    assert w1["focus"] == ["Weeks 1-2: Coursera overview, resume review, STAR stories."]
    assert date.fromisoformat(doc["weeks"][-1]["end"]) == date(2026, 12, 31)
    assert doc["loop"]["decision_around"] == "2027-01-22"
    assert sum(len(w["questions"]) for w in doc["weeks"]) == len(pack.questions_for("remote"))


def test_plan_ics_parses_back() -> None:
    from icalendar import Calendar

    r = CliBytes.run("plan", "--start", "2026-11-20", "--weeks", "3", "--format", "ics")
    cal = Calendar.from_ical(r)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 8
    summaries = [str(e.get("summary")) for e in events]
    assert summaries[0] == "Week 1: Company & Self-Assessment / People Management Skills"
    # --weeks without a date: the rounds sit on the plan's last day, which no one has given them
    assert summaries[3] == "Interview (no date yet): Recruiter/HR Interview (45 min)"
    assert summaries[-1] == "Interview (no date yet): Executive Leadership Interview (60 min)"
    assert events[0].decoded("dtstart") == date(2026, 11, 20)
    assert events[0].decoded("dtend") == date(2026, 11, 27)
    assert {e.decoded("dtstart") for e in events[3:]} == {date(2026, 12, 11)}
    assert "Tasks:" in str(events[0].get("description"))
    assert len({str(e.get("uid")) for e in events}) == 8


class CliBytes:
    @staticmethod
    def run(*args: str) -> bytes:
        from typer.testing import CliRunner

        r = CliRunner().invoke(app, list(args), env=NOW)
        assert r.exit_code == 0, r.stderr
        return r.stdout_bytes


def test_plan_short_warns_on_stderr() -> None:
    r = run("plan", "--start", "2026-11-20", "--interview", "2026-11-22")
    assert r.code == 0
    assert r.stderr == (
        "emprep: note: only 2 days to the interview: too few for all 5 phases (one day each), "
        "so this plan keeps the last 2: Strategic & Business Acumen, "
        "Mock Interviews & Refinement\n"
    )


def test_a_settings_interview_before_the_start_names_the_setting(isolated: Path) -> None:
    """The interview date came from `config set`, not from an option: the fix says so, and the
    progress file is left as it was."""
    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    assert run("config", "set", "interview", "2026-11-19", env=NOW).code == 0
    before = isolated.read_bytes()
    r = run("plan", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: the interview (2026-11-19, from your settings) is before the start "
        "(2026-11-20); set a later one: emprep config set interview YYYY-MM-DD, or plan from an "
        "earlier day: --start DATE\n",
    )
    assert isolated.read_bytes() == before
    assert run("plan", "--start", "2026-11-01", "--format", "json", env=NOW).code == 0


def test_plan_defaults_to_today() -> None:
    r = run("plan", "--format", "json", env=NOW)
    doc = json.loads(r.stdout)
    assert (doc["start"], doc["interview"]) == ("2026-11-20", "2027-01-15")


def test_bad_emprep_now() -> None:
    r = run("plan", env={"EMPREP_NOW": "soon"})
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: EMPREP_NOW: 'soon' is not a date or time; write it as YYYY-MM-DD[THH:MM]\n",
    )


def test_installed_emprep_runs_from_anywhere(tmp_path: Path) -> None:
    exe = installed_emprep()
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), "NO_COLOR": "1"}
    env.pop("EMPREP_DATA", None)
    out = subprocess.run(
        [exe, "plan", "--start", "2026-11-20", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["days"] == 56
    bad = subprocess.run(
        [exe, "rounds", "nope"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("emprep: error: unknown round 'nope'")
    assert "Traceback" not in bad.stderr
    mod = subprocess.run(
        [sys.executable, "-m", "emprep", "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mod.stdout == f"emprep {__version__}\n"


def test_the_installed_program_runs_a_command_and_lists_them_all(isolated: Path) -> None:
    from conftest import installed_emprep

    exe = installed_emprep()
    args = [exe, "--progress", str(isolated), "rounds", "people"]
    done = subprocess.run(args, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("3. People Management & Leadership")
    listed = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    for name in ["rounds", "questions", "plan", "drill", "review", "progress", "mock", "config"]:
        assert f"\n  {name} " in listed
    typo = subprocess.run([exe, "roudns"], capture_output=True, text=True)
    assert (typo.returncode, typo.stderr) == (
        2,
        "emprep: error: No such command 'roudns'. Did you mean 'rounds'? (see 'emprep --help')\n",
    )


def _rounds_probed(*lines: str) -> str:
    """What a Python prints that runs `lines` (one imports a `main`), then that `main` as
    `emprep rounds`: a probe of what the console script does around the command."""
    probe = "\n".join(
        ["import atexit, gc, sys", "sys.argv = ['emprep', 'rounds']", *lines, "main()"]
    )
    r = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env={**os.environ, **NOW}
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_the_console_script_exits_without_walking_what_it_made() -> None:
    """`main` freezes the objects it leaves at exit, so the interpreter's last collection
    skips them (measured: about 13 ms of every command)."""
    out = _rounds_probed(
        "from emprep.cli import main",
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 1000))",
    )
    assert out.endswith("frozen at exit: True\n")


def test_the_console_script_sets_the_collector_before_importing_typer() -> None:
    """`emprep.__main__.main` (the console script and `python -m emprep`) raises the youngest
    generation's threshold first: importing typer, rich and emprep then walks their objects
    less often (measured: about 5 ms of every command)."""
    out = _rounds_probed(
        "from emprep.__main__ import main",
        "print('typer before:', 'typer' in sys.modules, gc.get_threshold())",
        "atexit.register(lambda: print('after:', gc.get_threshold()))",
    )
    assert out.startswith("typer before: False (700, 10, 10)\n")
    assert out.endswith("after: (100000, 10, 10)\n")


def test_a_whole_loop_set_in_the_past_gets_a_note(isolated: Path) -> None:
    """Accepted (a loop can be over), but said at once: most often it is a typo of the year,
    and nothing else would say so until the drill quietly turned plain FSRS."""
    r = run("config", "set", "interview", "2025-12-14", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "interview = 2025-12-14\n",
        "emprep: note: the interview (2025-12-14) is before today (2026-11-20): the loop is "
        "over, so the drill is plain FSRS and nothing paces to it; if that is a typo: "
        "emprep config set interview YYYY-MM-DD\n",
    )
    r = run("config", "set", "interview", "2026-12-08", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    # a round already had is a real case, not a typo: no note
    assert run("config", "set", "interview.recruiter", "2026-11-19", env=NOW).stderr == ""


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "hours",
            "-1",
            "hours must be a number from 1 to 168 a week (got -1); try emprep config set hours 6",
        ),
        (
            "count",
            "-3",
            "count must be a whole number from 1 to 100 (got -3); try emprep config set count 5",
        ),
        (
            "count",
            "-x",
            "count must be a whole number from 1 to 100 (got '-x'); try emprep config set count 5",
        ),
    ],
)
def test_a_negative_config_value_is_checked_as_a_value_not_taken_for_an_option(
    isolated: Path, key: str, value: str, message: str
) -> None:
    """Not "No such option: -1": the value is what was typed, and its check says the range."""
    r = run("config", "set", key, value)
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n")
    assert not isolated.exists()


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["task", "done", "-1"], "emprep task done"),
        (["task", "undo", "-0.5"], "emprep task undo"),
        (["review", "exe-scaling", "-4"], "emprep review"),
    ],
)
def test_a_negative_number_as_an_argument_is_said_as_one_not_as_a_mistyped_option(
    isolated: Path, args: list[str], command: str
) -> None:
    """Before: "No such option: -1" (of `-0.5`, "-0"), as if an option were mistyped."""
    r = run(*args, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {args[-1]} is read as an option, and {command} has none: no number it "
        f"takes is below 0 (see '{command} --help')\n",
    )
    assert not isolated.exists()


def test_a_story_line_wraps_under_its_title_at_60_columns(isolated: Path) -> None:
    story = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    title = ["--title", "Rescuing the grading launch at every deadline peak"]
    assert run("story", "add", *title, *story, "--competencies", "leadership").code == 0
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "60"}
    child = Terminal(
        installed_emprep(),
        ["story", "coverage"],
        env=env,
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(40, 60),
    )
    child.expect(pexpect.EOF)
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("  s1   Rescuing the grading launch at every deadline peak:")
    assert lines[at + 1] == "       answers 0 questions, shows 1 competency"


@pytest.mark.parametrize("option", ["--progress", "--data"])
def test_an_empty_path_option_is_refused(isolated: Path, option: str) -> None:
    """`--progress "$P"` with P unset read and wrote the default progress file, not the one
    meant; an empty EMPREP_PROGRESS stays unset, as shells have it."""
    r = run(option, "", "config", "set", "count", "5")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {option}: the path given is empty; give one, or leave {option} out "
        "for the default\n",
    )
    assert not isolated.exists()
    assert run("config", "set", "count", "5", env={"EMPREP_DATA": ""}).code == 0


@pytest.mark.parametrize(
    ("option", "what"), [("--progress", "its progress file"), ("--data", "a pack folder")]
)
def test_a_dash_for_a_path_is_refused_not_made_a_file_named_dash(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, what: str
) -> None:
    """`--progress -` (standard input, as other tools have it) saved the rating in a file
    named `-` in the current folder, where no one would look for it."""
    monkeypatch.chdir(tmp_path)
    variable = {"--progress": "EMPREP_PROGRESS", "--data": "EMPREP_DATA"}[option]
    for args, env, named in (
        ([option, "-"], {}, f"{option} -"),
        ([], {variable: "-"}, f"{variable}=-"),
    ):
        r = run(*args, "review", "rec-why-coursera", "good", env={**env, **NOW})
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: {named}: emprep reads and writes {what} in place, not through "
            "standard input or output; give a path (./- for one named -)\n",
        )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("-")]
    assert not isolated.exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--progress", "~nouser-x/p.toml", "today"], "--progress"),
        (["--data", "~nouser-x/pack", "rounds"], "--data"),
        (["story", "add", "--from", "~nouser-x/draft.txt"], "--from"),
        (["questions", "--format", "csv", "--output", "~nouser-x/q.csv"], "--output"),
    ],
)
def test_a_tilde_for_a_user_who_does_not_exist_is_bad_input(
    isolated: Path, args: list[str], option: str
) -> None:
    """The shell leaves '~nouser' as typed; expanding it raised RuntimeError, said as an
    unexpected error to report (exit 70)."""
    r = run(*args)
    path = args[args.index(option) + 1]
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {option} {path}: there is no user 'nouser-x' for ~nouser-x; write the "
        "folder out in full\n",
    )
    assert not isolated.exists()


def test_a_progress_path_with_a_space_around_it_is_refused_not_made_a_file(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`EMPREP_PROGRESS="/tmp/p.toml "` (a space copied from a file of settings) made a file
    named `p.toml `, and `EMPREP_PROGRESS=" "` one named ` ` in the current folder: the rating
    saved where no one looks. A file of that name that exists is taken as meant."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    path = f"{tmp_path}/p.toml "
    said = {
        path: f": begins or ends with a space, and no such file exists; give the path without "
        f"it, say '{tmp_path}/p.toml'\n",
        " ": ": the path given is blank; give one, or leave --progress and EMPREP_PROGRESS out "
        "for the default\n",
    }
    for value, line in said.items():
        for args, env, named in (
            (["--progress", value], {}, f"--progress '{value}'"),
            ([], {"EMPREP_PROGRESS": value}, f"EMPREP_PROGRESS='{value}'"),  # named as set
        ):
            r = run(*args, "review", "rec-why-coursera", "good", env={**env, **NOW})
            assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {named}{line}")
    assert sorted(os.listdir(tmp_path)) == ["cache", "here"] and os.listdir(here) == []
    Path(path).write_text("")
    assert run("--progress", path, "review", "rec-why-coursera", "good", env=NOW).code == 0
    assert "rec-why-coursera 3" in Path(path).read_text()


def test_a_progress_path_ending_in_a_slash_is_refused_not_made_a_file(
    isolated: Path, tmp_path: Path
) -> None:
    """`EMPREP_PROGRESS=/tmp/x/` (a folder meant) made a file named `x`: pathlib drops the
    trailing slash. The folder is not made either."""
    folder = tmp_path / "new"
    for args, env, named in (
        (["--progress", f"{folder}/"], {}, "--progress "),
        ([], {"EMPREP_PROGRESS": f"{folder}/"}, "EMPREP_PROGRESS="),
    ):
        r = run(*args, "review", "rec-why-coursera", "good", env={**env, **NOW})
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: {named}{folder}/: ends in /, so it names a folder; give the file's "
            f"path, say {folder}/progress.toml\n",
        )
    assert not folder.exists()
    assert not isolated.exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--progress", "a\0b", "today"], "--progress"),
        (["--data", "a\0b", "rounds"], "--data"),
        (["questions", "--output", "a\0b"], "--output"),
        (["note", "exe-scaling", "--from", "a\0b"], "--from"),
        (["drill", "--resume", "a\0b"], "--resume"),
    ],
)
def test_a_path_holding_a_nul_is_bad_input(isolated: Path, args: list[str], option: str) -> None:
    """A NUL in a path given from Python (a shell cannot pass one) was "unexpected
    ValueError: embedded null byte", exit 1, asking for a bug report."""
    r = run(*args, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {option} a\\x00b: holds a NUL character (\\x00), which no file's name "
        "can; give the path without it\n",
    )
    assert not isolated.exists()


def test_a_line_about_a_path_of_thousands_of_characters_keeps_the_problem_and_the_fix(
    isolated: Path,
) -> None:
    """A path thousands of characters long (text pasted where a path goes, `--from "$(cat
    notes.txt)"`) filled the error line to its 2000 characters and was cut there: "emprep:
    error: 9999…", nothing of what was wrong or the fix."""
    r = run("--data", "9" * 5000, "rounds")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {'9' * 60}…{'9' * 39}: cannot be read (File name too long); --data and "
        "EMPREP_DATA name a pack folder\n",
    )
    r = run("note", "exe-scaling", "--from", "my outline " * 500)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.startswith("emprep: error: --from my outline my outline ")
    assert r.stderr.endswith(
        "my outline my outline : cannot be read (File name too long); give a text file's path, "
        "or - for standard input\n"
    )
    assert len(r.stderr) == len("emprep: error: ") + 2000 + 1
    assert not isolated.exists()


def test_plan_json_says_which_rounds_have_a_date_of_their_own() -> None:
    """A round's `date` is always a day (the plan's last for a round with no date yet);
    `dated` says whether the candidate gave it, as the calendar and the Markdown mark it."""
    env = {"EMPREP_NOW": "2026-11-21T10:00:00+00:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=env).code == 0
    doc = json.loads(run("plan", "--format", "json", env=env).stdout)
    assert [(r["id"], r["date"], r["dated"]) for r in doc["loop"]["rounds"]] == [
        ("recruiter", "2026-11-30", True),
        ("technical", "2026-11-30", False),
        ("people", "2026-11-30", False),
        ("strategic", "2026-11-30", False),
        ("executive", "2026-11-30", False),
    ]
    asked = run("plan", "--interview", "2026-12-14", "--format", "json", env=env)
    assert {r["dated"] for r in json.loads(asked.stdout)["loop"]["rounds"]} == {True}


def test_a_week_that_prepares_no_round_ahead_has_no_prepares_line() -> None:
    """The screen past, the onsite not dated: the plan takes the guide's weeks, and the company
    phase prepares only the screen, which is behind. Its weeks said "Prepares: " with nothing
    after it on the screen and in the Markdown, and "6 h. Prepares: ." in the calendar."""
    from icalendar import Calendar

    assert run("config", "set", "interview.recruiter", "2026-11-19", env=NOW).code == 0
    env = {"EMPREP_NOW": "2026-11-21T10:00:00+00:00"}
    doc = json.loads(run("plan", "--format", "json", env=env).stdout)
    assert [w["rounds"] for w in doc["weeks"][:3]] == [[], [], ["people"]]
    focus = "Focus: Weeks 1-2: Coursera overview, resume review, STAR stories."
    table = run("plan", "--format", "table", env=env).stdout.split("\n")
    week = table.index("Week 1  2026-11-21 to 2026-11-27  9 h  ← this week")
    assert [line.split()[0] for line in table[week + 1 : week + 4]] == [
        "Phase:",
        "Focus:",
        "Tasks:",
    ]
    people = "  Prepares: People Management & Leadership"
    assert next(line for line in table if line.startswith("  Prepares:")) == people
    text = run("plan", "--format", "md", env=env).stdout
    assert f"{focus}\n\nTasks:\n" in text
    assert text.count("Prepares:") == len(doc["weeks"]) - 2
    r = run("plan", "--format", "ics", env=env)
    events = list(Calendar.from_ical(r.stdout.encode()).walk("VEVENT"))
    descriptions = [str(e["description"]) for e in events if str(e["uid"]).startswith("week-")]
    assert [d.split("\n")[0] for d in descriptions[:3]] == [
        "9 h.",
        "9 h.",
        "9 h. Prepares: People Management & Leadership.",
    ]


def _pace_computed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The pace advice's computations from now on, each listed as it happens."""
    from emprep.core import practice

    made: list[object] = []
    advice = practice.pace_advice

    def counted(inputs: Any) -> object:
        made.append(inputs)
        return advice(inputs)

    monkeypatch.setattr(practice, "pace_advice", counted)
    return made


def _warmed_as_computed(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Once the process a command left behind is done, `progress` finds the pace advice in
    the cache and shows what computing it again shows; that `progress`'s output."""
    from emprep.storage import cache

    for _ in range(600):  # the warmer's entry, and its lock let go
        if list(cache.folder().glob("pace-*.marshal")) and not cache.warming(isolated):
            break
        time.sleep(0.1)
    made = _pace_computed(monkeypatch)
    warmed = run("progress", env=NOW)
    assert (warmed.code, made) == (0, [])
    for entry in cache.folder().glob("pace-*.marshal"):
        entry.unlink()
    computed = run("progress", env=NOW)
    assert len(made) == 1
    assert (warmed.stdout, warmed.stderr) == (computed.stdout, computed.stderr)
    return computed.stdout


def test_review_leaves_the_pace_advice_to_a_process_behind_it(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command after a rating finds the pace advice computed by the process `review`
    started, and shows what computing it gives."""
    run("config", "set", "interview", "2026-12-18", env=NOW)
    assert run("review", "exe-scaling", "again", env=NOW).code == 0
    env = {**os.environ, **NOW}
    del env["EMPREP_WARM"]
    done = subprocess.run(
        [installed_emprep(), "review", "rec-why-coursera", "good"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "Recorded rec-why-coursera: Good. Next review 2026-11-22.\n",
        "",
    )
    computed = _warmed_as_computed(isolated, monkeypatch)
    assert (
        "At 5 a day about 4 of 108 questions will be ready on Fri 18 Dec; 11 a day would make "
        "105 ready (emprep config set count 11), but that is about 10 h a week by the questions' "
        "time boxes, more than your plan's 9 h a week." in computed
    )


def test_undo_leaves_the_pace_advice_to_a_process_behind_it(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rating taken back changes the fit and the pace advice as a rating does: the command
    after `undo` finds them computed by the process it started, as computing them gives."""
    run("config", "set", "interview", "2026-12-18", env=NOW)
    for qid, rating in (("exe-scaling", "again"), ("rec-why-coursera", "good")):
        assert run("review", qid, rating, env=NOW).code == 0
    env = {**os.environ, **NOW}
    del env["EMPREP_WARM"]
    done = subprocess.run(
        [installed_emprep(), "undo"], env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "Took back rec-why-coursera: Good (2026-11-20 09:00); it is new again.\n",
        "",
    )
    _warmed_as_computed(isolated, monkeypatch)


def test_review_leaving_its_warmer_running_warns_of_nothing(isolated: Path) -> None:
    """Before, under `python -X dev` (or -W error): "Exception ignored in: <function
    Popen.__del__ ...> ResourceWarning: subprocess N is still running", after every rating."""
    run("config", "set", "interview", "2026-12-18", env=NOW)
    env = {**os.environ, **NOW}
    del env["EMPREP_WARM"]
    argv = [sys.executable, "-X", "dev", "-W", "error", "-m", "emprep", "review"]
    done = subprocess.run(
        [*argv, "rec-why-coursera", "good"], env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "Recorded rec-why-coursera: Good. Next review 2026-11-22.\n",
        "",
    )
    from emprep.storage import cache

    for _ in range(600):  # the warmer did its work
        if list(cache.folder().glob("pace-*.marshal")) and not cache.warming(isolated):
            break
        time.sleep(0.1)
    assert len(list(cache.folder().glob("pace-*.marshal"))) == 1


def test_review_starts_no_warmer_while_one_runs_or_when_told_not_to(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from emprep.cli import context
    from emprep.storage import cache

    started: list[list[str]] = []
    monkeypatch.setattr(subprocess, "Popen", lambda argv, **_: started.append(argv))
    assert run("review", "exe-scaling", "good", env=NOW).code == 0  # EMPREP_WARM=0
    monkeypatch.delenv("EMPREP_WARM")
    with cache.warm_lock(isolated):
        assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert started == []
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    [argv] = started
    lock = str(cache.warm_lock(isolated).lock_file)
    moment = "2026-11-20T09:00:00+00:00"
    assert argv == [sys.executable, "-P", "-c", context.WARMER, lock, "", str(isolated), moment]


def test_a_warmer_that_cannot_start_leaves_the_rating_said_and_saved(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No process to spare (EAGAIN): `review` exited 74 after saving the rating, and a
    script retrying on failure would have rated it twice."""

    def refused(*_: object, **__: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(subprocess, "Popen", refused)
    monkeypatch.delenv("EMPREP_WARM")
    result = run("review", "exe-scaling", "good", env=NOW)
    assert (result.code, result.stderr) == (0, "")
    from emprep.storage import store

    assert " exe-scaling 3 " in store.load(isolated).log


def test_a_cache_folder_that_cannot_lock_starts_no_warmer_and_warns_of_nothing(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder where flock is not implemented (ENOSYS): filelock printed "UserWarning:
    flock not supported on this filesystem, falling back to SoftFileLock" and its source line
    on stderr at the next command, and its lock made by a file's existence would be held for
    good by a warmer killed while it ran. Now no warmer is started there, and nothing said."""
    import errno
    import fcntl
    import warnings

    from emprep.storage import cache

    real = fcntl.flock

    def not_there(fd: int, operation: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(cache.folder())):
            raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS))
        real(fd, operation)

    started: list[list[str]] = []
    monkeypatch.setattr(subprocess, "Popen", lambda argv, **_: started.append(argv))
    monkeypatch.setattr(fcntl, "flock", not_there)
    monkeypatch.delenv("EMPREP_WARM")
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        rated = run("review", "exe-scaling", "good", env=NOW)
        shown = run("today", env=NOW)
    assert (rated.code, rated.stderr, shown.code, shown.stderr) == (0, "", 0, "")
    assert rated.stdout == "Recorded exe-scaling: Good. Next review 2026-11-22.\n"
    assert (started, [str(w.message) for w in said]) == ([], [])


def test_a_warmer_leaves_at_once_when_another_one_runs(isolated: Path) -> None:
    from emprep.cli import context
    from emprep.storage import cache

    run("config", "set", "interview", "2026-12-18", env=NOW)
    assert run("review", "exe-scaling", "again", env=NOW).code == 0
    lock = str(cache.warm_lock(isolated).lock_file)
    argv = [sys.executable, "-c", context.WARMER, lock, "", str(isolated), NOW["EMPREP_NOW"]]
    with cache.warm_lock(isolated):
        assert subprocess.run(argv, timeout=60).returncode == 0
        assert list(cache.folder().glob("pace-*.marshal")) == []
    assert subprocess.run(argv, timeout=60).returncode == 0
    assert len(list(cache.folder().glob("pace-*.marshal"))) == 1


def test_the_warmer_computes_again_while_the_file_changes_under_it(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from emprep.cli import context
    from emprep.storage import cache

    run("config", "set", "interview", "2026-12-18", env=NOW)
    assert run("review", "exe-scaling", "again", env=NOW).code == 0
    monkeypatch.setenv("EMPREP_NOW", NOW["EMPREP_NOW"])
    made = _pace_computed(monkeypatch)
    pace_of = context.pace_of

    def rated_meanwhile(*args: Any, **kwargs: Any) -> object:
        if len(made) == 0:
            assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
        return pace_of(*args, **kwargs)

    monkeypatch.setattr(context, "pace_of", rated_meanwhile)
    held = cache.warm_lock(isolated)
    held.acquire()
    context.warm(held, "", str(isolated), NOW["EMPREP_NOW"])
    assert len(made) == 2
    assert not cache.warming(isolated)  # let go
    monkeypatch.setattr(context, "pace_of", pace_of)
    assert run("progress", env=NOW).code == 0
    assert len(made) == 2  # the second computation was of the file as it ended


def test_the_warmer_ends_where_the_file_is_numbered_afresh_at_every_look(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system giving the file a new inode number at every look (a FUSE mount), the
    warmer took each look for a save made under it and computed again for ever, a core kept
    busy behind the user's back. A save is told by the file's size and times."""
    from emprep.cli import context
    from emprep.storage import cache

    run("config", "set", "interview", "2026-12-18", env=NOW)
    assert run("review", "exe-scaling", "again", env=NOW).code == 0
    monkeypatch.setenv("EMPREP_NOW", NOW["EMPREP_NOW"])
    numbered_afresh(monkeypatch, isolated)
    made = _pace_computed(monkeypatch)
    looks = 0
    stamp = context._stamp

    def counted(path: Path) -> object:
        nonlocal looks
        looks += 1
        assert looks <= 10, "the warmer went round and round"
        return stamp(path)

    monkeypatch.setattr(context, "_stamp", counted)
    held = cache.warm_lock(isolated)
    held.acquire()
    context.warm(held, "", str(isolated), NOW["EMPREP_NOW"])
    assert (looks, len(made)) == (2, 1)
    assert not cache.warming(isolated)


def test_the_warmer_leaves_a_home_deleted_under_it_deleted(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A home deleted (`rm -rf`) while the process a rating left behind computed came back:
    its entries made the cache folder again, and the folders above it, and `rm -rf` itself
    could fail, "Directory not empty"."""
    import shutil

    from emprep.cli import context
    from emprep.storage import cache

    run("config", "set", "interview", "2026-12-18", env=NOW)
    assert run("review", "exe-scaling", "again", env=NOW).code == 0
    monkeypatch.setenv("EMPREP_NOW", NOW["EMPREP_NOW"])
    made = _pace_computed(monkeypatch)
    held = cache.warm_lock(isolated)
    held.acquire()
    home = cache.folder().parent
    shutil.rmtree(home)
    context.warm(held, "", str(isolated), NOW["EMPREP_NOW"])
    assert len(made) == 1
    assert not home.exists()
    assert run("progress", env=NOW).code == 0  # a command makes it, as before
    assert len(list(cache.folder().glob("pace-*.marshal"))) == 1


@pytest.mark.parametrize("fit_first", [False, True])
def test_a_command_after_a_rating_waits_for_the_warmer_instead_of_computing_beside_it(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, fit_first: bool
) -> None:
    """The command waits for the warmer at work, whether it is on the fit or, the fit in the
    cache already (`fit_first`), still playing the forecast."""
    import threading

    from emprep.cli import context
    from emprep.core import practice
    from emprep.storage import cache

    run("config", "set", "interview", "2026-12-18", env=NOW)
    assert run("review", "exe-scaling", "again", env=NOW).code == 0
    monkeypatch.setenv("EMPREP_NOW", NOW["EMPREP_NOW"])
    made: list[str] = []  # by which thread
    advice = practice.pace_advice

    def counted(inputs: Any) -> object:
        made.append(threading.current_thread().name)
        return advice(inputs)

    monkeypatch.setattr(practice, "pace_advice", counted)
    monkeypatch.setattr(context, "WARM_WAIT", float(PTY_TIMEOUT))  # however slow the warmer
    taken, seen = threading.Event(), threading.Event()
    running, waited = cache.warming, cache.waited
    ends: list[bool] = []  # each wait of the command's: ended by the warmer's end (True)

    def found(source: Path) -> bool:
        busy = running(source)
        if busy and threading.current_thread() is threading.main_thread():
            seen.set()  # the command found the warmer at work: it waits for its end now
        return busy

    def recorded(source: Path, *, timeout: float) -> bool:
        ends.append(waited(source, timeout=timeout))
        return ends[-1]

    monkeypatch.setattr(cache, "warming", found)
    monkeypatch.setattr(cache, "waited", recorded)

    def warmer() -> None:
        with cache.warm_lock(isolated):
            ctx = context.warming_context("", str(isolated))
            if fit_first:
                context.fit_of(ctx, context.progress_of(ctx))
            taken.set()
            seen.wait(timeout=PTY_TIMEOUT)
            moment = context.now()
            context.pace_of(ctx, context.pack_of(ctx), context.progress_of(ctx), moment=moment)

    behind = threading.Thread(target=warmer, name="warmer")
    behind.start()
    taken.wait()
    shown = run("progress", env=NOW)
    behind.join()
    assert ends == [True]  # it waited, and not in vain: the warmer's end ended the wait
    assert (shown.code, made) == (0, ["warmer"])
    assert "\nAt 5 a day about " in shown.stdout  # the pace advice, from the warmer's entry


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ratings=st.lists(
        st.tuples(
            st.sampled_from(["exe-scaling", "rec-why-coursera", "ppl-org-design", "tech-tradeoff"]),
            st.integers(1, 4),
            st.integers(0, 24 * 20),
        ),
        min_size=1,
        max_size=40,
    ),
    count=st.integers(1, 12),
)
def test_the_warmed_pace_advice_is_the_one_computed_then(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, ratings: list[tuple[str, int, int]], count: int
) -> None:
    """For any review log, what the next command shows from the warmer's entry is what it
    shows computing the advice itself."""
    from datetime import UTC, datetime, timedelta

    from emprep.cli import context
    from emprep.core.models import Profile, Progress
    from emprep.core.scheduler import record
    from emprep.storage import cache, store

    start = datetime(2026, 11, 1, 9, tzinfo=UTC)
    p = Progress(profile=Profile(interview=date(2026, 12, 18), count=count))
    for qid, rating, hours in sorted(ratings, key=lambda r: r[2]):
        p = record(p, qid, rating, seconds=30, now=start + timedelta(hours=hours))
    store.update(isolated, lambda _: p)
    for entry in cache.folder().glob("pace-*.marshal"):
        entry.unlink()
    made = _pace_computed(monkeypatch)
    held = cache.warm_lock(isolated)
    held.acquire()
    context.warm(held, "", str(isolated), "2026-11-21T09:30:00+00:00")
    assert len(made) == 1
    now = {"EMPREP_NOW": "2026-11-21T09:45:00+00:00"}
    warmed = run("progress", "--format", "json", env=now)
    assert (warmed.code, len(made)) == (0, 1)
    for entry in cache.folder().glob("pace-*.marshal"):
        entry.unlink()
    computed = run("progress", "--format", "json", env=now)
    assert (len(made), computed.code) == (2, 0)
    assert warmed.stdout == computed.stdout
    assert json.loads(computed.stdout)["pace"] is not None


@pytest.mark.parametrize(
    "typed",
    ["\uff13", "\u0663", " 3 ", "\uff47\uff4f\uff4f\uff44", "03", "\u0660\u0663", "\u3000\uff13\n"],
)
def test_a_rating_in_another_script_s_digit_or_fullwidth_is_read_as_counts_are(
    typed: str,
) -> None:
    """A fullwidth 3 (a Japanese keyboard's) or an Arabic one was "unknown rating", while
    --count and every other number took another script's digits; a fullwidth "good" too; and
    `03` (an Arabic ٠٣), which `config set count 03` reads as 3."""
    r = run("review", "exe-scaling", typed, env={"EMPREP_NOW": "2026-11-20T09:00:00+00:00"})
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.startswith("Recorded exe-scaling: Good. Next review ")


def test_a_tab_in_a_story_title_keeps_the_table_s_columns_in_line() -> None:
    """A title pasted with a tab in it: the table counted the tab as one place, and printed it
    to the next tab stop, so the row's later columns stood four places right of their
    headers."""
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    competency = ["--competencies", "leadership"]
    r = run("story", "add", "--title", "Launch\tof the grading", *star, *competency)
    assert r.code == 0, r.stderr
    assert run("story", "list").stdout.splitlines() == [
        "id  title                  competencies  questions",
        "s1  Launch of the grading  leadership    -",
    ]


def test_a_line_break_in_a_story_title_edited_by_hand_keeps_the_table_s_row_whole(
    isolated: Path,
) -> None:
    """A title given a line break in the file (LF, CR LF, CR, U+2028, U+2029) split `story
    list`'s row in two, the competencies under the title's second line. In the table's cell
    each is a space, on a terminal and piped, and so in a line that names the story; `story
    show`, the JSON and the file keep the title as it is. A vertical tab and a form feed are
    control characters, shown as their escapes everywhere."""
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "Launch", *star, "--competencies", "leadership").code == 0
    edited = '"A\\nB\\r\\nC\\u2028D\\u2029E\\u000bF\\fG\\rH"'
    isolated.write_text(isolated.read_text().replace('"Launch"', edited))
    before = isolated.read_bytes()
    assert run("story", "list").stdout.splitlines() == [
        "id  title                  competencies  questions",
        "s1  A B C D E\\x0bF\\x0cG H  leadership    -",
    ]
    child = Terminal(
        installed_emprep(),
        ["story", "list"],
        env={**os.environ, "EMPREP_PROGRESS": str(isolated), "NO_COLOR": "1", "TERM": "xterm"},
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(24, 80),
    )
    child.expect(pexpect.EOF)
    assert (
        "│ s1 │ A B C D E\\x0bF\\x0cG H │ leadership   │ -         │" in child.before.splitlines()
    )
    assert run("story", "show", "s1").stdout.startswith("s1: A\nB\nC\nD\nE\\x0bF\\x0cG\nH\n")
    [doc] = json.loads(run("story", "list", "--format", "json").stdout)
    assert doc["title"] == "A\nB\nC\nD\nE\vF\fG\nH"
    covered = run("story", "coverage").stdout.splitlines()
    assert "  s1   A B C D E\\x0bF\\x0cG H: answers 0 questions, shows 1 competency" in covered
    assert isolated.read_bytes() == before


FULLWIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "coursera")  # a Japanese keyboard's


@pytest.mark.parametrize(
    "typed", ["Coursera\u2019s values", "COURSERA'S VALUES", f"{FULLWIDTH}'s values"]
)
def test_a_search_typed_with_a_phone_s_apostrophe_or_fullwidth_finds_the_question(
    typed: str,
) -> None:
    """A phone, macOS or a word processor types U+2019 for an apostrophe: `--search` with it
    found nothing ("no question matches"), though rec-mission-values says "Coursera's values";
    a fullwidth word found nothing either, and a fullwidth --tag was an unknown tag."""
    r = run("questions", "--search", typed, "--format", "json")
    assert r.code == 0, r.stderr
    assert [q["id"] for q in json.loads(r.stdout)["questions"]] == ["rec-mission-values"]
    tagged = run("questions", "--tag", "".join(chr(ord(c) + 0xFEE0) for c in "SCALING"))
    assert (tagged.code, tagged.stdout) == (0, run("questions", "--tag", "scaling").stdout)


def test_search_help_names_everything_it_searches() -> None:
    """`questions --search` finds a word in a question's tags too (`--search motivation` lists
    rec-why-coursera by its tag alone), as the README says; its help left the tags out."""
    said = " ".join(run("questions", "--help").stdout.split())
    assert "--search TEXT Text to find in questions, their tags and points." in said
    q = json.loads(run("questions", "rec-why-coursera", "--format", "json").stdout)
    assert "Motivation" in q["tags"]
    assert "motivation" not in " ".join([q["text"], *(p["text"] for p in q["points"])]).lower()
    assert "rec-why-coursera " in run("questions", "--search", "motivation").stdout


def test_a_bad_progress_path_is_said_as_it_was_given_typed_or_set_in_the_environment(
    isolated: Path, tmp_path: Path
) -> None:
    """EMPREP_PROGRESS set long ago (a shell's profile) to a folder, or to `~user` of no such
    user: the line named `--progress`, which was never typed. It names the variable with its
    value, and how to change it; a `--progress` typed is said as typed."""
    folder = tmp_path / "a-folder"
    folder.mkdir()
    r = run("review", "rec-why-coursera", "good", env={"EMPREP_PROGRESS": str(folder), **NOW})
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {folder}: is a folder; give a regular file's path: set "
        f"EMPREP_PROGRESS to it (your environment has EMPREP_PROGRESS={folder}), or unset it "
        "for the default\n",
    )
    r = run("--progress", str(folder), "review", "rec-why-coursera", "good", env=NOW)
    assert r.stderr == (
        f"emprep: error: progress file {folder}: is a folder; give a regular file's path: "
        "--progress PATH (or EMPREP_PROGRESS)\n"
    )
    r = run("today", env={"EMPREP_PROGRESS": "~nouser-x/p.toml", **NOW})
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: EMPREP_PROGRESS=~nouser-x/p.toml: there is no user 'nouser-x' for "
        "~nouser-x; write the folder out in full\n",
    )
    assert not isolated.exists()
