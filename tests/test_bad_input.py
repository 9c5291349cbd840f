"""Bad input of any kind, on every command: exit 0 or one line on stderr and exit 2, never a
traceback, and no file changed unless the command succeeded (README: Exit codes and errors).

The commands and their options are read from emprep's own command tree, what each `--help`
lists; each parameter's kind of value is in KINDS (a new one without a kind fails
`test_every_parameter_has_a_kind`). Hypothesis gives each command valid values, odd ones
(empty, blank, control characters, bytes that are not UTF-8, text that shows nothing or reorders
a line, numbers past every range, impossible dates, ids in capitals or with a space, `-` and
`--`, an option's own name, tens of thousands of characters) and odd words in odd places, an
option twice, emprep's own options after the command; the environment's corners are a table
run through the installed emprep.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import PTY_TIMEOUT, installed_emprep, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprep.storage.packs import builtin_data_dir

NOW = "2026-11-22T10:00:00+00:00"

# Each parameter of every command by its name in the code, the kind of value it takes
KINDS = {
    "data": "folder",
    "progress": "file",
    "version": "flag",
    "question_id": "question",
    "question_ids": "question",
    "round_id": "round",
    "story_id": "story",
    "rating": "rating",
    "key": "key",
    "value": "value",
    "numbers": "task",
    "shell": "choice",
    "fmt": "choice",
    "tag": "tag",
    "search": "text",
    "track": "track",
    "difficulty": "difficulty",
    "output": "output",
    "bom": "flag",
    "start": "date",
    "interview": "date",
    "on": "date",
    "weeks": "whole",
    "count": "whole",
    "minutes": "whole",
    "seconds": "whole",
    "hours": "hours",
    "more": "flag",
    "list_only": "flag",
    "go_on": "flag",
    "remove": "flag",
    "use_editor": "flag",
    "yes": "flag",
    "resume": "input",
    "source": "input",
    "from_file": "input",
    "text": "text",
    "note": "text",
    "title": "text",
    "situation": "text",
    "task": "text",
    "action": "text",
    "result": "text",
    "asked": "asked",
    "competencies": "competencies",
    "questions": "questions",
}

VALID = {
    "folder": ["pack"],
    "file": ["progress.toml", "new/progress.toml", "../state/progress.toml"],
    "question": ["rec-why-coursera", "exe-scaling", "tech-tradeoff"],
    "round": ["recruiter", "technical", "people", "executive", "tech"],
    "story": ["s1"],
    "rating": ["good", "1", "again", "easy"],
    "key": ["interview", "interview.recruiter", "start", "hours", "track", "count", "rest-days"],
    "value": ["2027-01-15", "6", "hub", "sat,sun", "2026-12-01"],
    "task": ["1", "2"],
    "tag": ["scaling", "Motivation"],
    "text": ["went well", "Launch of the grading"],
    "track": ["remote", "hub", "all"],
    "difficulty": ["core", "m4", "stretch"],
    "output": ["out.md", "out.json", "-", "out.csv", "out.ics"],
    "date": ["2026-12-01", "2027-01-15", "2026-11-20"],
    "whole": ["5", "1", "30"],
    "hours": ["5", "4.5"],
    "input": ["note.txt"],
    "asked": ["rec-why-coursera", "how I grew a team"],
    "competencies": ["leadership", "leadership,technical"],
    "questions": ["rec-why-coursera", "exe-scaling,tech-tradeoff"],
}

# No absolute path but devices emprep refuses: an export or a save run as root could
# otherwise write anywhere, were a refusal ever lost.
ODD = [
    *("", " ", "\t", "\n", " \n ", "\x00", "a\x00b", "\x01", "\x1b[2J", "\x7f", "\x85"),
    *("\udce9", "caf\udce9", "\udcff\udcfe", "\u202eabc", "\u200b", "\ufeff", "\u2028"),
    *("\U0001f642", "\u0301", "\uffff", "-", "--", "-x", "---", "-1", "0", "-0", "00"),
    *("1.5", "4.", ".5", "+5", "1e3", "1e309", "nan", "inf", "-inf", "9" * 30, "9" * 5000),
    *("\uff15", "\u0665", "0x10", "1_0", "5 5", "2026-02-30", "2028-02-29", "0000-01-01"),
    *("9999-12-31", "1999-12-31", "2100-01-01", "2026-13-01", "2026-1-1", "20261120"),
    *("2026-W47-1", "2026-11-20T09:00", "2026-11-20T09:00+25:00", "2026-11-20T24:00"),
    *(" 2026-11-20", "today", "tomorrow", "REC-WHY-COURSERA", "rec-why-coursera ", "rec"),
    *("r", "t", "s", "p", "S1", "s1 ", "s0", "s01", "s-1", "s1,s1", ",", ",,", "a,"),
    *("rec-why-coursera,rec-why-coursera", "--help", "-h", "--version", "--format"),
    *("--format=json", "--progress", "/", "/dev/null", "~", "~/x", "~nosuchuser/x"),
    *("$HOME/x", "./-", ".", "..", "x/", "nowhere/x", "note.txt/x", "\\", "'", '"'),
    *("$(true)", "%s%n", "{}", "a" * 300, "x" * 100_000, "\u00e9" * 50_000),
]


def parameters() -> dict[str, list[Any]]:
    """Every command (its words, `story add`) and its parameters, as `--help` lists them."""
    import typer.main

    from emprep.cli import app
    from emprep.cli.rounds import RoundsGroup

    found: dict[str, list[Any]] = {}

    def visit(command: Any, path: list[str]) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name in list(subs):
                visit(subs[name], [*path, name])
            if isinstance(command, RoundsGroup):  # `rounds [ID]`, its own form: `show`'s words
                found[" ".join(path)] = list(subs["show"].params)
        else:
            found[" ".join(path)] = list(command.params)

    root = typer.main.get_command(app)
    visit(root, [])
    found[""] = list(root.params)
    return found


COMMANDS = parameters()


def test_every_parameter_has_a_kind() -> None:
    """A new option or argument gets the valid values of its kind, not text alone."""
    assert sorted({p.name for params in COMMANDS.values() for p in params} - set(KINDS)) == []


def test_the_rounds_group_s_own_form_is_a_command_of_its_own() -> None:
    """`emprep rounds [ID]` is `rounds show`'s, under its own words."""
    assert [p.name for p in COMMANDS["rounds"]] == ["round_id", "fmt"]


def valued(draw: Any, param: Any) -> str:
    """A value for `param`: one of its kind, an odd one, the two mixed, or any text."""
    choices = getattr(param.type, "choices", None)
    pool = list(choices) if choices else VALID.get(KINDS[param.name], ["x"])
    how = draw(st.integers(0, 9))
    if how < 4:
        return str(draw(st.sampled_from(pool)))
    if how < 7:
        return str(draw(st.sampled_from(ODD)))
    if how < 8:
        good, odd = draw(st.sampled_from(pool)), draw(st.sampled_from(ODD))
        return str(draw(st.sampled_from([good + odd, odd + good, good.upper(), good + " "])))
    if how < 9:
        return str(draw(st.text(max_size=20)))
    return str(draw(st.binary(max_size=12)).decode("utf-8", "surrogateescape"))


def given_as(draw: Any, param: Any) -> list[str]:
    """`param` given on a command line: a flag, `--opt VALUE`, `--opt=VALUE` or `-oVALUE`."""
    name = draw(st.sampled_from(param.opts))
    if param.is_flag:
        return [name]
    value = valued(draw, param)
    if draw(st.integers(0, 9)):
        return [name, value]
    return [f"{name}={value}" if name.startswith("--") else f"{name}{value}"]


# EMPREP_NOW as a script or a test may set it: mostly a moment emprep accepts
CLOCKS = [
    *(NOW, NOW, NOW, NOW, "2026-11-22", "2026-11-22T23:59", "2027-01-15T09:00-08:00"),
    *("", " ", "soon", "2026-02-30", "0000-01-01", "9999-12-31", "1970-01-01T00:00:00Z"),
    *("2026-11-22T10:00:00+25:00", "2026-11-22T10:00:00+05:30:15", "2026-11-22T25:00"),
    *("\u0662\u0660\u0662\u0666-11-22", "nan", "2026-11-22T10:00:00[Europe/Paris]"),
]


@st.composite
def command_lines(draw: Any) -> list[str]:
    """A command of emprep's with values of every kind, odd words in odd places."""
    path = draw(st.sampled_from(sorted(p for p in COMMANDS if p)))
    options = [p for p in COMMANDS[path] if p.param_type_name == "option"]
    words: list[str] = []
    for param in COMMANDS[""]:
        if param.name != "version" and not draw(st.integers(0, 4)):
            words += given_as(draw, param)
    words += path.split()
    for param in COMMANDS[path]:
        if param.param_type_name == "argument":
            if draw(st.integers(0, 19)) and (param.required or draw(st.booleans())):
                words.append(valued(draw, param))
                if param.nargs == -1 and draw(st.booleans()):
                    words.append(valued(draw, param))
        elif not draw(st.integers(0, 3)):
            words += given_as(draw, param)
    if options and not draw(st.integers(0, 9)):  # one option twice
        param = draw(st.sampled_from(options))
        words += given_as(draw, param) + given_as(draw, param)
    if not draw(st.integers(0, 2)):  # odd words in odd places
        for _ in range(draw(st.integers(1, 2))):
            odd = ["--", "-", "--x", "-z", *(o for p in options for o in p.opts), *ODD[:40]]
            word = draw(st.sampled_from([*odd, "--progress", "--data"]))
            words.insert(draw(st.integers(0, len(words))), word)
    return words


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A progress file with a profile, ratings, a note, a story, a round had and a task
    ticked, and a folder to run in holding a text file."""
    base = tmp_path_factory.mktemp("bad-input")
    env = {
        "EMPREP_PROGRESS": str(base / "state" / "progress.toml"),
        "HOME": str(base / "home"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "EMPREP_NOW": NOW,
        "EMPREP_WARM": "0",
        "EMPREP_DATA": "",
    }
    for line in (
        "config set interview 2027-01-15",
        "config set start 2026-11-16",
        "review rec-why-coursera good --seconds 60",
        "review exe-scaling again",
        "task done 1",
    ):
        assert run(*line.split(), env=env).code == 0, line
    for args in (
        ["note", "rec-why-coursera", "--text", "my outline"],
        ["rounds", "log", "recruiter", "--asked", "rec-why-coursera", "--date", "2026-11-20"],
        [
            *("story", "add", "--title", "The reorg", "--situation", "S", "--task", "T"),
            *("--action", "A", "--result", "R", "--competencies", "leadership"),
            *("--questions", "rec-why-coursera"),
        ],
    ):
        assert run(*args, env=env).code == 0, args
    (base / "cwd").mkdir()
    (base / "cwd" / "note.txt").write_text("an outline\n")
    shutil.copytree(builtin_data_dir(), base / "cwd" / "pack")
    shutil.rmtree(base / "cache")
    return base


def _files(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root` but the cache, with its bytes (None: a folder)."""
    seen: dict[str, bytes | None] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if Path(folder, d) != root / "cache"]
        for name in dirs + names:
            p = Path(folder, name)
            seen[str(p.relative_to(root))] = (
                None
                if p.is_dir() and not p.is_symlink()
                else os.readlink(p).encode()
                if p.is_symlink()
                else p.read_bytes()
            )
    return seen


def _afresh(made: Path, root: Path) -> None:
    """`root` as `made` left it: its progress file, home and the folder run in."""
    for name in ("state", "home", "cwd"):
        shutil.rmtree(root / name, ignore_errors=True)
        if (made / name).exists():
            shutil.copytree(made / name, root / name, symlinks=True)


@pytest.mark.slow
@settings(
    max_examples=1000,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(words=command_lines(), clock=st.sampled_from(CLOCKS))
def test_any_command_line_is_done_or_refused_in_one_line_with_nothing_changed(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, words: list[str], clock: str
) -> None:
    """Every command, given valid and odd values: exit 0, or exit 2 with one line on stderr
    that is emprep's error, and every file as it was; never exit 1 (a bug), never a
    traceback."""
    from typer.testing import CliRunner

    from emprep.cli import app
    from emprep.ui import render

    _afresh(made, tmp_path)
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setenv("EMPREP_PROGRESS", str(tmp_path / "state" / "progress.toml"))
    monkeypatch.setenv("EMPREP_NOW", clock)
    render.console.cache_clear()
    before = _files(tmp_path)
    r = CliRunner().invoke(app, words)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert r.exit_code in (0, 2), (r.exit_code, r.stderr)
    assert "Traceback" not in r.stdout + r.stderr
    if r.exit_code == 0:
        return
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("emprep: error: "), r.stderr
    assert _files(tmp_path) == before


def _installed(env: dict[str, str | None], *args: str, cwd: Path) -> Any:
    """The installed emprep run in `cwd` with `env` over the test's environment (None: unset;
    `{cwd}` in a value is `cwd`)."""
    environment = {**os.environ}
    for key, value in env.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value.replace("{cwd}", str(cwd))
    return subprocess.run(
        [installed_emprep(), *args],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=PTY_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


# The environment's corners, each run through the installed emprep: (what, the environment
# over the test's (None: unset), the command, its exit, its stderr's first words)
CORNERS: list[tuple[str, dict[str, str | None], list[str], int, str]] = [
    ("EMPREP_NOW malformed", {"EMPREP_NOW": "soon"}, ["undo"], 2, "emprep: error: EMPREP_NOW: "),
    (
        "EMPREP_NOW far past",
        {"EMPREP_NOW": "1970-01-01"},
        ["review", "exe-scaling", "good"],
        2,
        "emprep: error: EMPREP_NOW: ",
    ),
    (
        "EMPREP_NOW far future",
        {"EMPREP_NOW": "9999-12-31"},
        ["task", "done", "2"],
        2,
        "emprep: error: EMPREP_NOW: ",
    ),
    ("TZ unknown", {"TZ": "Nowhere/Unknown"}, ["today"], 0, ""),
    ("TZ a zone file", {"TZ": ":/etc/localtime"}, ["progress"], 0, ""),
    (
        "TZ beyond a day",
        {"TZ": "UTC+25", "EMPREP_NOW": "2026-11-22T10:00"},
        ["today"],
        2,
        "emprep: error: TZ=UTC+25: ",
    ),
    ("TZ a rule of seconds", {"TZ": "XYZ-5:30:15"}, ["review", "exe-scaling", "good"], 0, ""),
    ("LANG=C, text not ASCII", {"LANG": "C", "LC_ALL": None}, ["story", "list"], 0, ""),
    (
        "LC_ALL=POSIX, text not ASCII",
        {"LC_ALL": "POSIX"},
        ["note", "exe-scaling", "--text", "\u00c9t\u00e9 \U0001f642"],
        0,
        "",
    ),
    ("COLUMNS=0", {"COLUMNS": "0"}, ["today"], 0, ""),
    ("COLUMNS=1", {"COLUMNS": "1"}, ["questions", "rec-why-coursera"], 0, ""),
    ("COLUMNS=100000", {"COLUMNS": "100000"}, ["drill", "--list"], 0, ""),
    ("NO_COLOR empty, TERM=dumb", {"NO_COLOR": "", "TERM": "dumb"}, ["progress"], 0, ""),
    (  # the default progress file under a HOME that is a file
        "HOME a file",
        {"HOME": "{cwd}/note.txt", "EMPREP_PROGRESS": None, "XDG_DATA_HOME": None},
        ["review", "exe-scaling", "good"],
        2,
        "emprep: error: progress file ",
    ),
    (
        "XDG_DATA_HOME a file",
        {"XDG_DATA_HOME": "{cwd}/note.txt", "EMPREP_PROGRESS": None},
        ["note", "exe-scaling", "--text", "an outline"],
        2,
        "emprep: error: progress file ",
    ),
    ("XDG_CACHE_HOME a file", {"XDG_CACHE_HOME": "{cwd}/note.txt"}, ["undo"], 0, ""),
    ("EMPREP_DATA a file", {"EMPREP_DATA": "{cwd}/note.txt"}, ["rounds"], 2, "emprep: error: "),
]


@pytest.mark.parametrize(
    ("env", "args", "code", "said"),
    [corner[1:] for corner in CORNERS],
    ids=[corner[0] for corner in CORNERS],
)
def test_the_environment_s_corners_are_done_or_refused_in_one_line(
    made: Path,
    tmp_path: Path,
    env: dict[str, str | None],
    args: list[str],
    code: int,
    said: str,
) -> None:
    """Each corner of the environment through the installed emprep: its exit and, for exit 2,
    its one line, every file as it was."""
    _afresh(made, tmp_path)
    before = _files(tmp_path)
    progress = str(tmp_path / "state" / "progress.toml")
    done = _installed(
        {"EMPREP_PROGRESS": progress, "EMPREP_NOW": NOW, "TZ": "UTC", **env},
        *args,
        cwd=tmp_path / "cwd",
    )
    assert (done.returncode, "Traceback" in done.stdout + done.stderr) == (code, False), done.stderr
    if code == 0:
        return
    assert done.stderr.startswith(said) and done.stderr.count("\n") == 1, done.stderr
    assert _files(tmp_path) == before
