"""Tests never touch the real home: every run gets its own progress file and no stray settings."""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import shutil
import signal
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
from typer.testing import CliRunner

from emprep.cli import app
from emprep.core.models import Progress, ReviewEntry, review_entry
from emprep.core.pack import Pack
from emprep.storage import cache, clock, files
from emprep.storage.packs import builtin_data_dir, load_pack
from emprep.ui import render

# How long a pseudo-terminal test waits for a screen: a shared machine under load can take
# many seconds for one; a test that fails waits this long once, one that passes never does.
PTY_TIMEOUT = 60

FIXTURES = Path(__file__).parent / "fixtures"
# where a line redrawn in place ends (the line under a question, the rating): the screen
# cleared after it, then the cursor back at its start (emprep.ui.answer_line.LiveLine)
ENDS = "\x1b[J\r"


@pytest.fixture(scope="session", autouse=True)
def compiled() -> None:
    """emprep's bytecode, written once as an install writes it. The tests run the installed
    emprep in about 140 processes; where PYTHONDONTWRITEBYTECODE is set and the checkout has
    no bytecode (or stale bytecode), each of them compiled emprep's modules again: about 50
    ms of CPU apiece, 6 s of a quick run (benchmarks/timing.py compiles for the same reason)."""
    import compileall

    import emprep

    compileall.compile_dir(Path(emprep.__file__).parent, quiet=2)


@pytest.fixture(scope="session")
def pack_entry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in pack's cache entry, made once: checking the pack afresh (TOML and pydantic)
    takes about 70 ms, which every test's first command paid in its own empty cache folder."""
    folder = tmp_path_factory.mktemp("pack-cache")
    with pytest.MonkeyPatch.context() as m:
        m.setenv("XDG_CACHE_HOME", str(folder))
        load_pack()
        [entry] = cache.folder().glob("pack-*.marshal")
    return entry


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack_entry: Path) -> Path:
    """Every test its own progress file, home and cache folder; the cache starts with the
    built-in pack's entry, as after a first run."""
    progress = tmp_path / "state" / "progress.toml"
    monkeypatch.setenv("EMPREP_PROGRESS", str(progress))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # no process left behind each `review` to compute the pace advice (tests/cli/test_warm.py
    # lets it run)
    monkeypatch.setenv("EMPREP_WARM", "0")
    # COLUMNS and LINES: a shell's (or pytest-xdist's worker's) would size every terminal
    for var in (
        *("EMPREP_DATA", "EMPREP_NOW", "EMPREP_DEBUG", "NO_COLOR", "VISUAL", "EDITOR"),
        *("COLUMNS", "LINES"),
    ):
        monkeypatch.delenv(var, raising=False)
    folder = cache.folder()
    folder.mkdir(parents=True, mode=0o700)
    shutil.copyfile(pack_entry, folder / pack_entry.name)
    # Each test its own console: it is made once a process, and rich keeps a line it could
    # not write (an encoding that lacks a character) to write before the next one, so a test
    # that made it fail put its "░" into the next story shown in the same worker, whichever
    # test that was under -n 2 ("Situation\n░\nS1").
    render.console.cache_clear()
    # how the last run in this process was given its paths: each test starts with none
    monkeypatch.setattr(files, "FROM_ENVIRONMENT", {})
    # what the clock found wrong with the time zone, and said: a process's, as each run is one
    monkeypatch.setattr(clock, "UNSURE", set())
    monkeypatch.setattr(clock, "SAID", set())
    return progress


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs of the story commands take their streams for a terminal, where the
    editor is opened: for tests of what an editor that needs none (a script) gives back.
    Without a terminal the editor is refused (tests/ui/test_story_entry.py)."""
    monkeypatch.setattr("emprep.ui.story_entry.interactive", lambda: True)


@pytest.fixture(scope="session")
def pack() -> Pack:
    return load_pack()


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the built-in pack, for tests that break it."""
    dest = tmp_path / "pack"
    shutil.copytree(builtin_data_dir(), dest)
    return dest


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


def another_path(progress: Path) -> str:
    """The fix a message gives for another progress file when EMPREP_PROGRESS named `progress`
    (as it does in every test): the variable and its value, as no --progress was typed."""
    return (
        f"set EMPREP_PROGRESS to it (your environment has EMPREP_PROGRESS={progress}), or unset "
        "it for the default"
    )


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    r = CliRunner().invoke(app, list(args), env=env, input=input)
    return Result(r.exit_code, r.stdout, r.stderr)


def listed(count: int, now: str) -> list[dict[str, str]]:
    """The items `drill --list --format json` gives at `now` for a drill of `count`."""
    doc = json.loads(
        run(
            "drill", "--list", "--count", str(count), "--format", "json", env={"EMPREP_NOW": now}
        ).stdout
    )
    return doc["items"]  # type: ignore[no-any-return]


def practised(days: list[str], count: int) -> None:
    """Each day at 08:00, the day's drill of `count` rated (Good, Again, Good, Hard, ...)."""
    for day in days:
        env = {"EMPREP_NOW": f"{day}T08:00"}
        for i, item in enumerate(listed(count, f"{day}T08:00")):
            rating = ["good", "again", "good", "hard"][i % 4]
            assert run("review", item["id"], rating, "--seconds", "90", env=env).code == 0


def six_days_of_ten_then_four() -> None:
    """Ten a day from 2026-11-21 to 26, the recruiter round on the 27th, then a count of 4: on
    the 28th six reviews are due, and the day's drill of 4 holds one of them."""
    for key, value in [
        ("interview", "2027-01-16"),
        ("interview.recruiter", "2026-11-27"),
        ("count", "10"),
    ]:
        assert run("config", "set", key, value).code == 0
    practised([f"2026-11-{d}" for d in range(21, 27)], 10)
    assert run("config", "set", "count", "4").code == 0


def _default_signals() -> None:
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)


class Terminal(pexpect.spawn):  # type: ignore[misc]  # pexpect has no type hints
    """pexpect's spawn without its pause of 100 ms at every close: a child that has closed the
    terminal is ending, so it is waited for (its exit status stays its own). The 50 ms before
    each key sent stay: keys sent at once would arrive as one read. Ctrl-C, SIGTERM and SIGHUP
    are back to their defaults in the child: a test run started in the background by a script
    inherits SIGINT ignored, one under `nohup` SIGHUP, and emprep keeps a signal it started
    with ignored: every Ctrl-C a test presses, every `kill -HUP` it sends, was then lost."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("preexec_fn", _default_signals)
        super().__init__(*args, **kwargs)

    def close(self, force: bool = True) -> None:
        if self.flag_eof:
            self.wait()
            self.ptyproc.delayafterclose = 0
        super().close(force)


def spawn(
    args: list[str],
    progress: Path,
    now: str,
    *,
    width: int = 120,
    editor: str | None = None,
    env: dict[str, str] | None = None,
    ignored: tuple[signal.Signals, ...] = (),
    user: bool = False,
    owner_only: bool = False,
    resizable: bool = False,
) -> pexpect.spawn:
    """The installed emprep in a real pseudo-terminal `width` columns wide, at the moment
    `now`, without colour; `editor` is its EDITOR, `env` more of its environment; `ignored`
    signals are ignored when it starts, as `nohup` leaves SIGHUP; `user`: permissions hold
    for it as for anyone but root (`as_a_user`), and `owner_only` too: nor may it move another's
    file out of a sticky folder. `resizable`: no COLUMNS, so the width is the terminal's as
    `setwinsize` changes it."""

    def started() -> None:
        _default_signals()
        for s in ignored:
            signal.signal(s, signal.SIG_IGN)

    environment = {
        **os.environ,
        **(env or {}),
        **({"EDITOR": editor} if editor else {}),
        "EMPREP_PROGRESS": str(progress),
        "EMPREP_NOW": now,
        "NO_COLOR": "1",
        "TERM": "xterm",
        "COLUMNS": str(width),
    }
    if resizable:
        del environment["COLUMNS"]
    program, argv = installed_emprep(), args
    if user and os.geteuid() == 0:
        program, argv = "setpriv", [*without_overrides(owner_only), program, *args]
    return Terminal(
        program,
        argv,
        env=environment,
        encoding="utf-8",
        codec_errors="replace",  # a test that types a Latin-1 byte sees it echoed
        timeout=PTY_TIMEOUT,
        dimensions=(40, width),
        preexec_fn=started,
    )


def ended(child: pexpect.spawn) -> int | None:
    """`child` run to its end: its exit status (None if a signal ended it)."""
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus  # type: ignore[no-any-return]  # pexpect has no type hints


def scored(child: pexpect.spawn, keys: str) -> None:
    """A mock's self-scores typed in turn: each of `keys` at its criterion's prompt."""
    for key in keys:
        child.expect_exact("[1-5]: ")
        child.send(key)


def hang_up(child: pexpect.spawn) -> tuple[int | None, int | None]:
    """The terminal window closed under `child`: the pseudo-terminal's master side goes, the
    kernel sends SIGHUP, and whatever the child writes to it fails (EIO). Its (exit status,
    signal that ended it) once it has ended."""
    child.ptyproc.fileobj.close()
    child.wait()
    child.ptyproc.closed = child.closed = True
    return child.exitstatus, child.signalstatus


def signalled_in_editor(
    args: list[str], progress: Path, now: str, *, line: str, signum: int
) -> pexpect.spawn:
    """emprep `args` at a terminal, its editor adding `line` to the draft and staying open:
    `signum` is sent once the line is in (SIGINT as Ctrl-C at the terminal, to the editor
    too: emprep leaves that key to the editor), and the process run to its end."""
    opened = progress.parent.parent / "editor-opened"
    # One process that marks itself open and dies of the signal as an editor would: a shell's
    # `touch` then `sleep` let a Ctrl-C sent as `touch` ended go unheeded (dash went on to
    # the sleep), which held the terminal for its minute.
    script = (
        "import pathlib, signal, sys, time; signal.signal(signal.SIGINT, signal.SIG_DFL); "
        f"open(sys.argv[1], 'a').write({line!r} + '\\n'); "
        f"pathlib.Path({str(opened)!r}).touch(); time.sleep(60)"
    )
    editor = shlex.join([sys.executable, "-c", script])
    child = spawn(args, progress, now, width=400, editor=editor)
    deadline = time.monotonic() + PTY_TIMEOUT
    while not opened.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if signum == signal.SIGINT:
        child.sendintr()
    else:
        child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    return child


def at_the_moment(
    function: str, text: str, held: Path, signum: int = signal.SIGINT
) -> dict[str, str]:
    """The environment that holds a Ctrl-C (or `signum`) sent to emprep until the call of
    `function` (`module:function` or `module:Class.function`) whose arguments hold `text`: the
    file `held` is made when emprep is there (tests/fixtures/interrupt/sitecustomize.py)."""
    return {
        "PYTHONPATH": str(FIXTURES / "interrupt"),
        "EMPREP_TEST_MOMENT": function,
        "EMPREP_TEST_MOMENT_TEXT": text,
        "EMPREP_TEST_MOMENT_FILE": str(held),
        "EMPREP_TEST_MOMENT_SIGNAL": str(int(signum)),
    }


def ctrl_c_when_held(child: pexpect.spawn, held: Path) -> None:
    """Ctrl-C pressed once emprep waits at the moment `at_the_moment` named."""
    when_held(held)
    child.sendintr()


def when_held(held: Path) -> None:
    """Once emprep waits at the moment `at_the_moment` named."""
    deadline = time.monotonic() + PTY_TIMEOUT
    while not held.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert held.exists(), "emprep never reached the moment"


class SessionClock:
    """The clock of a session at the keys (`emprep.ui.held`) in the emprep run with `env`: it
    stands still but when `advance` moves it, so the seconds an answer took, and those a
    pause or a stop leaves out, are exact however busy the machine
    (tests/fixtures/interrupt/sitecustomize.py)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "clock"
        self.seconds = 0.0
        self.file.write_text("0")
        self.env = {"PYTHONPATH": str(FIXTURES / "interrupt"), "EMPREP_TEST_CLOCK": str(self.file)}

    def advance(self, seconds: float) -> None:
        """`seconds` pass at once (written whole: emprep never reads half a number)."""
        self.seconds += seconds
        written = self.file.with_suffix(".new")
        written.write_text(str(self.seconds))
        written.replace(self.file)


PROMPT = "SHELL$ "  # the prompt of the shell `in_a_shell` starts


def in_a_shell(
    shell: str, progress: Path, now: str, clock: SessionClock | None = None
) -> pexpect.spawn:
    """An interactive shell with job control in a pseudo-terminal, as a person runs emprep:
    Ctrl-Z stops the job and `fg` brings it back (a process started alone in a terminal of
    its own is in an orphaned group, where a stop is discarded). The emprep it runs is at
    `now`, and keeps time by `clock` where one is given."""
    environment = {
        **os.environ,
        **(clock.env if clock else {}),
        "EMPREP_PROGRESS": str(progress),
        "EMPREP_NOW": now,
        "NO_COLOR": "1",
        "TERM": "xterm",
        "PS1": PROMPT,
    }
    child = Terminal(
        shell,
        ["--norc", "--noprofile", "-i"] if shell == "bash" else ["-i"],
        env=environment,
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(40, 80),
    )
    child.expect_exact(PROMPT)
    return child


def installed_emprep() -> str:
    """The console script installed beside this Python, as a user would run it."""
    exe = shutil.which("emprep", path=str(Path(sys.executable).parent))
    assert exe, "emprep is not installed beside this Python: pip install '.[test]' first"
    return exe


# setpriv's options that take root's power over permissions away from what it runs
WITHOUT_OVERRIDES = ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]


def without_overrides(owner_only: bool) -> list[str]:
    """setpriv's options that take away root's power over permissions; `owner_only`: over a
    sticky folder's files of other users too (CAP_FOWNER)."""
    if owner_only:
        return [f"{WITHOUT_OVERRIDES[0]},-fowner", *WITHOUT_OVERRIDES[1:]]
    return WITHOUT_OVERRIDES


def as_a_user(
    *args: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    owner_only: bool = False,
) -> Result:
    """The installed emprep as the kernel treats anyone but root: run by root, it runs without
    the capabilities that override permissions (setpriv), so a folder or file closed to its
    user id (or given to another) is closed to it too; `owner_only`: nor may it move another's
    file out of a sticky folder (as /tmp is). Callers skip without setpriv (`needs_setpriv`)."""
    import subprocess

    prefix = ["setpriv", *without_overrides(owner_only)] if os.geteuid() == 0 else []
    done = subprocess.run(
        [*prefix, installed_emprep(), *args],
        capture_output=True,
        text=True,
        timeout=PTY_TIMEOUT,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )
    return Result(done.returncode, done.stdout, done.stderr)


needs_setpriv = pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"), reason="root without setpriv"
)


def numbered_afresh(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Every look at `path` by name gives it a new inode number, as on a FUSE mount that
    numbers files afresh (sshfs without `-o use_ino` once the kernel forgets one)."""
    original = os.stat
    numbers = iter(range(10**9, 2 * 10**9))
    kept = ("st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns")

    def stat_afresh(p: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        st = original(p, *args, **kwargs)
        if not isinstance(p, str | Path) or os.path.realpath(p) != str(path):
            return st
        values = list(st)
        values[1] = next(numbers)
        return os.stat_result(values, {k: getattr(st, k) for k in kept})

    monkeypatch.setattr(os, "stat", stat_afresh)


def reviews(progress: Progress) -> list[ReviewEntry]:
    """The review log, a ReviewEntry per line."""
    return [review_entry(line) for line in progress.log.splitlines()]


def program(name: str) -> str:
    """The program's path: the one the test extra installed beside this Python (the venv's
    scripts, or pandoc inside pypandoc_binary), else one on PATH; skipped where there is none."""
    beside = Path(sysconfig.get_path("scripts")) / name
    wheel = importlib.util.find_spec("pypandoc") if name == "pandoc" else None
    if wheel is not None and wheel.origin is not None:
        beside = Path(wheel.origin).parent / "files" / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found
