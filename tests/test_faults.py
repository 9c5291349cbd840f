"""Faults: killed writers, bad command lines, broken files. Every one ends in a clear message
and exit 2 (or in a file that still loads with every acknowledged rating), never a traceback."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pexpect
import pytest
from conftest import (
    Result,
    another_path,
    as_a_user,
    at_the_moment,
    ended,
    installed_emprep,
    needs_setpriv,
    numbered_afresh,
    reviews,
    run,
    spawn,
    when_held,
    without_overrides,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprep.core.models import Mock
from emprep.core.pack import Pack
from emprep.core.scheduler import record
from emprep.storage import files, locking, store

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
LONG = "x" * 5000

BAD_LINES = [
    ["plna"],
    ["rounds", "nope"],
    ["rounds", ""],
    ["rounds", LONG],
    ["rounds", "--format", "xml"],
    ["questions", "--round", "zzz"],
    ["questions", "--tag", ""],
    ["questions", "--tag", "nosuchtag"],
    ["questions", "--search", ""],
    ["questions", "--track", ""],
    ["questions", "--format", "pdf"],
    ["plan", "--start", ""],
    ["plan", "--start", "2026-02-30"],
    ["plan", "--interview", "tomorrow"],
    ["plan", "--interview", "2026-11-19"],
    ["plan", "--weeks", "0"],
    ["plan", "--weeks", "-1"],
    ["plan", "--weeks", "1.5"],
    ["plan", "--hours", "0"],
    ["plan", "--hours", "lots"],
    ["plan", "--hours", "nan"],
    ["plan", "--track", "moon"],
    ["plan", "--weeks", "2", "--interview", "2027-01-01"],
    ["drill", "--count", "0"],
    ["drill", "--count", "many"],
    ["drill", "--round", LONG],
    ["review"],
    ["review", "", "good"],
    ["review", "exe-scaling", ""],
    ["review", "exe-scaling", "5"],
    ["review", "exe-scaling", "good", "--seconds", "soon"],
    ["config", "set", "bogus", "1"],
    ["config", "set", "count", "-"],
    ["config", "set", "interview", LONG],
    ["config", "unset", "bogus"],
    ["config", "show", "--format", "yaml"],
    ["progress", "--format", "html"],
    ["--data", "/nonexistent/pack", "rounds"],
    ["--bogus-option"],
    ["plan", "--hours", "inf"],
    ["plan", "--hours", "1e400"],
    ["plan", "--hours", "1e9"],
    ["plan", "--hours", "169"],
    ["plan", "--weeks", "105"],
    ["plan", "--weeks", "100000"],
    ["plan", "--weeks", "1000000"],
    ["plan", "--interview", "9999-12-31"],
    ["plan", "--interview", "0026-11-20"],
    ["plan", "--interview", "2099-01-01"],
    ["plan", "--start", "1999-12-31"],
    ["review", "exe-scaling", "good", "--seconds", "99999999999999999999"],
    ["review", "exe-scaling", "good", "--seconds", "86401"],
    ["drill", "--count", "101"],
    ["mock", "--round", "people", "--minutes", "601"],
    ["config", "set", "interview", "0026-11-20"],
    ["config", "set", "hours", "inf"],
    ["config", "set", "hours", "1e400"],
    ["config", "set", "count", "1000"],
]


@pytest.mark.parametrize("args", BAD_LINES, ids=lambda a: " ".join(a)[:40] or "(empty)")
def test_bad_command_line_is_one_clear_line_exit_2(args: list[str], isolated: Path) -> None:
    r = run(*args, env=NOW)
    assert r.code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("emprep: error: ")
    assert r.stderr.count("\n") == 1
    assert len(r.stderr) < 400
    assert "Traceback" not in r.stderr
    assert not isolated.exists()


def _bytes_refused(args: list[bytes], env: dict[str, str]) -> str:
    """The one line the installed emprep says on refusing `args`, bytes as a shell passes
    them (not UTF-8 here); exit 2."""
    out = subprocess.run(
        [installed_emprep().encode(), *args], env=env, capture_output=True, check=False
    )
    assert out.returncode == 2
    err = out.stderr.decode("utf-8")
    assert err.startswith("emprep: error: ") and err.count("\n") == 1
    return err


@pytest.mark.parametrize(
    "args",
    [[b"rounds", b"\xff\xfe"], [b"review", b"\xc3\x28", b"good"], [b"plan", b"--start", b"\xff"]],
)
def test_non_utf8_arguments(args: list[bytes], tmp_path: Path) -> None:
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml")}
    err = _bytes_refused(args, env)
    assert "\\x" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        [b"note", b"rec-why-coursera", b"--text", b"x\xff\xfe"],
        [b"rounds", b"log", b"recruiter", b"--note", b"caf\xe9"],
        [b"rounds", b"log", b"recruiter", b"--asked", b"\xff"],
        b"story add --title \xff --situation S --task T --action A --result R".split(),
    ],
)
def test_non_utf8_text_to_keep_is_refused_and_nothing_is_written(
    args: list[bytes], tmp_path: Path
) -> None:
    path = tmp_path / "p.toml"
    store.update(
        path,
        lambda p: record(p, "exe-scaling", 3, seconds=1, now=datetime(2026, 11, 20, tzinfo=UTC)),
    )
    before = path.read_bytes()
    env = {**os.environ, **NOW, "EMPREP_PROGRESS": str(path)}
    err = _bytes_refused(args, env)
    assert "is not UTF-8" in err and "\\x" in err and "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_an_acknowledged_rating(tmp_path: Path) -> None:
    """200 times: a writer records ratings, acknowledging each on a pipe, until killed."""
    path = tmp_path / "progress.toml"
    rng = random.Random(20261120)
    started = time.monotonic()
    store.update(path, lambda p: record(p, "exe-scaling", 3, seconds=1, now=datetime.now(UTC)))
    store.update(path, lambda p: record(p, "exe-scaling", 3, seconds=1, now=datetime.now(UTC)))
    window = max(0.03, 3 * (time.monotonic() - started))  # a few saves, however busy the machine
    acknowledged = 2  # and the writer's imports are warm, so kills land mid-write
    for _ in range(200):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_end)
            try:
                n = 0
                while True:
                    store.update(
                        path,
                        lambda p: record(p, "exe-scaling", 3, seconds=1, now=datetime.now(UTC)),
                    )
                    n += 1
                    os.write(write_end, b"+")
            finally:
                os._exit(0)
        os.close(write_end)
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with os.fdopen(read_end, "rb") as f:
            acknowledged += len(f.read())
        count = len(reviews(store.load(path)))
        assert count >= acknowledged
        assert count <= acknowledged + 1  # at most the one being written when killed
        acknowledged = count
    assert acknowledged > 10  # writes did happen between the kills (load-dependent count)


def test_read_only_folder_is_reported_and_nothing_changes(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("review", "rec-why-coursera", "good")
    before = isolated.read_bytes()
    if os.geteuid() == 0:  # root writes anywhere: simulate what the kernel says to a user

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("tempfile.mkstemp", refuse)
    else:
        isolated.parent.chmod(0o500)
    try:
        r = run("review", "exe-scaling", "good")
    finally:
        isolated.parent.chmod(0o700)
    assert r.code == 2
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: cannot be written (Permission denied); "
        "nothing was changed: the file and its backup are as they were. "
        "Fix the folder's permissions, then try again\n"
    )
    assert isolated.read_bytes() == before


def test_a_change_that_changes_nothing_keeps_the_backup_of_the_last_one(isolated: Path) -> None:
    """`config set hours 6` with hours 6 already, or a story's editor closed unchanged, saved
    (the story with a new time of change) and so refreshed the backup: the copy before the last
    real change, a `story rm` that copying the backup back takes back, became the file itself,
    and the story was gone for good."""
    from conftest import spawn

    story = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("config", "set", "hours", "6", env=NOW).code == 0
    assert run("story", "add", "--title", "Launch", *story, env=NOW).code == 0
    assert run("story", "add", "--title", "Reorg", *story, env=NOW).code == 0
    assert run("story", "rm", "s2", "--yes", env=NOW).code == 0
    bak = isolated.with_name("progress.toml.bak")
    before, kept = isolated.read_bytes(), bak.read_bytes()
    assert b'title = "Reorg"' in kept
    later = {"EMPREP_NOW": "2026-11-21T09:00:00+00:00"}
    assert run("config", "set", "hours", "6", env=later).code == 0
    same = run("story", "edit", "s1", "--title", "Launch", env=later)
    assert (same.code, same.stdout) == (0, "Story s1 is as it was (Launch): nothing to save.\n")
    child = spawn(["story", "edit", "s1"], isolated, later["EMPREP_NOW"], editor="true")
    child.expect_exact("Story s1 is as it was (Launch): nothing to save.")
    assert ended(child) == 0
    assert (isolated.read_bytes(), bak.read_bytes()) == (before, kept)
    for _ in range(2):  # a link, then the same link again: one change
        assert run("story", "link", "s1", "exe-scaling", env=later).code == 0
    assert bak.read_bytes() == before
    assert b"updated = 2026-11-21 09:00:00+00:00" in isolated.read_bytes()


def _mutate(text: str, data: st.DataObject) -> str:
    """One random edit: delete, duplicate or replace a span, or insert random text."""
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, min(len(text), i + 40)))
    kind = data.draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
    junk = data.draw(st.text(max_size=12))
    if kind == "delete":
        return text[:i] + text[j:]
    if kind == "insert":
        return text[:i] + junk + text[i:]
    if kind == "replace":
        return text[:i] + junk + text[j:]
    return text[:j] + text[i:j] + text[j:]


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_packs_load_or_are_refused(pack_copy: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(["rounds.toml", "questions.toml"]))
    path = pack_copy / name
    original = path.read_text()
    path.write_text(_mutate(original, data))
    try:
        r = run("--data", str(pack_copy), "questions", "--format", "json")
        assert r.code in (0, 2)
        if r.code == 2:
            assert r.stderr.startswith(f"emprep: error: {pack_copy}")
            assert r.stderr.count("\n") == 1
        assert "Traceback" not in r.stderr
    finally:
        path.write_text(original)


def _a_scored_mock(path: Path) -> None:
    from emprep.core import mock
    from emprep.storage.packs import load_pack

    pack = load_pack()
    r = pack.round("people")
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    plan = mock.plan_mock(pack, store.load(path), at, r=r, minutes=20, scope=pack.questions)
    store.update(path, lambda p: mock.start(p, plan, at))
    store.update(
        path, lambda p: mock.answer(p, at, plan.items[0].question.id, rating=3, seconds=60, now=at)
    )
    scores = {c: 3 for c in r.criteria}
    store.update(
        path, lambda p: mock.finish(p, at, scores, rejections=r.rejection_reasons[:1], now=at)
    )


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_progress_files_load_or_are_refused(isolated: Path, data: st.DataObject) -> None:
    if not isolated.exists():
        run("config", "set", "interview", "2027-01-15")
        for qid, rating in [("rec-why-coursera", "good"), ("exe-scaling", "again")]:
            run("review", qid, rating, "--seconds", "30", env=NOW)
        star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
        run("story", "add", "--title", "One", *star, "--competencies", "leadership", env=NOW)
        run("story", "link", "s1", "com-hiring", env=NOW)
        _a_scored_mock(isolated)
    good = isolated.read_bytes()
    bad = _mutate(good.decode(), data).encode("utf-8", "surrogatepass")
    isolated.write_bytes(bad)
    try:
        for command in (["progress", "--format", "json"], ["story", "coverage"]):
            r = run(*command, env=NOW)
            assert r.code in (0, 2)
            if r.code == 2:
                assert r.stderr.startswith(f"emprep: error: progress file {isolated}: ")
                assert r.stderr.count("\n") == 1
                assert isolated.read_bytes() == bad
            assert "Traceback" not in r.stderr
    finally:
        isolated.write_bytes(good)


# --- Odd files: what the progress path can be, and what each one gives ----------------------

GOOD = "emprep: error: progress file {p}: "


def _a_review(path: Path) -> bytes:
    store.update(
        path,
        lambda p: record(p, "exe-scaling", 3, seconds=5, now=datetime(2026, 11, 19, tzinfo=UTC)),
    )
    return path.read_bytes()


def _folder(p: Path) -> Path:
    p.mkdir(parents=True)
    return p


def _fifo(p: Path) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(p)
    return p


def _loop(p: Path) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.symlink_to(p.name)
    return p


def _huge(p: Path) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("wb") as f:
        f.truncate(65 * 1024 * 1024)
    return p


def _latin1(p: Path) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(b"schema = 2\n[profile]\ntrack = 'caf\xe9'\n")
    return p


ODD_FILES = {  # what --progress is -> the message after "progress file PATH: "
    "folder": (_folder, "is a folder; give a regular file's path"),
    "FIFO": (_fifo, "is a FIFO (a named pipe); give a regular file's path"),
    "/dev/null": (lambda p: Path("/dev/null"), "is a device; give a regular file's path"),
    "/dev/zero": (lambda p: Path("/dev/zero"), "is a device; give a regular file's path"),
    "/proc/version": (
        lambda p: Path("/proc/version"),
        "is a kernel file under /proc, not a file of yours; give a regular file's path",
    ),
    "symlink loop": (_loop, "is a symlink loop; give a regular file's path"),
    "larger than the limit": (
        _huge,
        # before, "give a regular file's path", which it is
        "is larger than 64 MB, more than emprep reads; no save of emprep's makes one so large, "
        "so it is another file or a damaged one; give your progress file's path, or move this "
        "one away to start afresh",
    ),
    "Latin-1 bytes": (
        _latin1,
        "is not UTF-8 text (byte 0xe9 on line 3); save it as UTF-8, or fix it by hand, or move "
        "it away to start afresh",
    ),
}


@pytest.mark.parametrize("case", ODD_FILES)
@pytest.mark.parametrize("command", [["progress"], ["review", "exe-scaling", "good"]])
def test_odd_progress_files_are_refused_at_once_and_left_alone(
    tmp_path: Path, case: str, command: list[str]
) -> None:
    """Read or written, a path that is not a regular file is one line, exit 2, said by what
    it is: no hang on a FIFO, no endless read of /dev/zero (either would outlast the run's
    time-out), no wait for a lock in /proc (that would end in the lock's message, 15 s on)."""
    make, said = ODD_FILES[case]
    path = make(tmp_path / "state" / "progress.toml")
    kind = os.stat(path, follow_symlinks=False).st_mode if os.path.lexists(path) else None
    out = _installed(command, path, **NOW)
    assert (out.returncode, out.stdout) == (2, "")
    if said.endswith("give a regular file's path"):  # how, as the path was given: the variable
        said += f": {another_path(path)}"
    assert out.stderr == GOOD.format(p=path) + said + "\n"
    assert (os.stat(path, follow_symlinks=False).st_mode if kind else None) == kind
    assert not path.with_name(path.name + ".bak").exists()
    if case not in ("larger than the limit", "Latin-1 bytes") and path.parent.name == "state":
        assert not path.with_name(path.name + ".lock").exists()  # refused before any lock


def _installed(
    args: list[str], progress: Path | str, *, cwd: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """The installed `emprep ARGS` run as a user runs it (in `cwd`), on the progress file
    `progress`: a path, or the text EMPREP_PROGRESS holds as typed."""
    return subprocess.run(
        [installed_emprep(), *args],
        env={**os.environ, **env, "EMPREP_PROGRESS": str(progress)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_fifo_in_a_pack_folder_is_refused_not_read(pack_copy: Path, tmp_path: Path) -> None:
    (pack_copy / "questions.toml").unlink()
    os.mkfifo(pack_copy / "questions.toml")
    out = _installed(["--data", str(pack_copy), "rounds"], tmp_path / "p.toml")
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: {pack_copy / 'questions.toml'}: is a FIFO (a named pipe); "
        "a pack folder holds rounds.toml and questions.toml as regular files\n"
    )


@pytest.mark.parametrize(
    ("new_id", "problem"),
    [
        # before, it loaded, then "unknown round 'recruiter': did you mean 'recruiter'?", the
        # second with U+0435, a Cyrillic e
        (
            "r\u0435cruiter",
            "holds '\u0435' (U+0435); an id is typed, so it is made of a-z, "
            "0-9, '.', '_' and '-'; write it in those",
        ),
        # before, the escape went to the terminal raw in `progress` and the calendar's UIDs
        (
            "rec\x1bhr",
            "holds '\\x1b' (U+001B); an id is typed, so it is made of a-z, 0-9, "
            "'.', '_' and '-'; write it in those",
        ),
        # before, "unknown round ' rec': did you mean ' rec'?", whatever was typed
        (
            " rec",
            "holds ' ' (U+0020); an id is typed, so it is made of a-z, 0-9, '.', '_' "
            "and '-'; write it in those",
        ),
        # before, `rounds show -rec` was "No such option: -r"
        (
            "-rec",
            "starts with '-'; an id starts with a letter or a digit (one starting with "
            "'-' would be taken for an option); write it so",
        ),
    ],
)
def test_a_pack_id_that_cannot_be_typed_is_refused_where_it_stands(
    pack_copy: Path, tmp_path: Path, new_id: str, problem: str
) -> None:
    """A round id is typed (`config set interview.ID`, `mock --round ID`): one with a look-alike
    letter, a space, a control character or a leading '-' is said where it is, not loaded."""
    for name in ("rounds.toml", "questions.toml"):
        f = pack_copy / name
        f.write_text(f.read_text().replace('"recruiter"', json.dumps(new_id)))
    out = _installed(["--data", str(pack_copy), "rounds"], tmp_path / "p.toml")
    shown = new_id.replace("\x1b", "\\x1b")
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: {pack_copy / 'rounds.toml'}: round[0].id: '{shown}' {problem} (and "
        "so wherever it is named)\n"
    )
    assert not (tmp_path / "p.toml").exists()


@pytest.mark.parametrize(
    ("old", "new", "where", "problem"),
    [
        # before, "question[0].id: String should match pattern '^[A-Za-z0-9][A-Za-z0-9._-]*$'"
        (
            'id = "rec-why-coursera"',
            'id = "rec-why-cours\u0435ra"',
            "question[0].id: 'rec-why-cours\u0435ra'",
            "holds '\u0435' (U+0435); an id is typed, so it is made of a-z, 0-9, '.', '_' and "
            "'-'; write it in those",
        ),
        (
            'id = "rec-why-coursera"',
            'id = "-rec-why-coursera"',
            "question[0].id: '-rec-why-coursera'",
            "starts with '-'; an id starts with a letter or a digit (one starting with '-' "
            "would be taken for an option); write it so",
        ),
        (
            'replaces = ["rec-management-style"]',
            'replaces = ["rec-management style"]',
            "question[{i}].replaces[0]: 'rec-management style'",
            "holds ' ' (U+0020); an id is typed, so it is made of a-z, 0-9, '.', '_' and '-'; "
            "write it in those",
        ),
    ],
)
def test_a_pack_question_id_that_cannot_be_typed_is_said_as_a_round_id_is(
    pack_copy: Path, tmp_path: Path, pack: Pack, old: str, new: str, where: str, problem: str
) -> None:
    """A question id follows the rule of every other id of a pack, with its message."""
    f = pack_copy / "questions.toml"
    text = f.read_text(encoding="utf-8")
    assert text.count(old) == 1
    f.write_text(text.replace(old, new), encoding="utf-8")
    out = _installed(["--data", str(pack_copy), "questions"], tmp_path / "p.toml")
    i = next(i for i, q in enumerate(pack.questions) if "rec-management-style" in q.replaces)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: {f}: {where.format(i=i)} {problem} (and so wherever it is named)\n"
    )
    assert not (tmp_path / "p.toml").exists()


def test_a_pack_round_longer_than_a_mock_can_run_is_refused_where_it_stands(
    pack_copy: Path, tmp_path: Path
) -> None:
    """Before, a pack with a 700-minute round loaded, and `mock --round recruiter` (no
    --minutes given) said "--minutes must be from 1 to 600 (got 700); try --minutes 700"."""
    rounds = pack_copy / "rounds.toml"
    text = rounds.read_text()
    total = int(text.split("total_minutes = ")[1].split("\n")[0])
    text = text.replace(f"total_minutes = {total}", f"total_minutes = {total + 655}")
    rounds.write_text(text.replace("minutes = 45\n", "minutes = 700\n", 1))
    out = _installed(
        ["--data", str(pack_copy), "mock", "--round", "recruiter", "--list"], tmp_path / "p.toml"
    )
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: {rounds}: round[0].minutes: 700 in 'recruiter' is more than the 600 "
        "minutes its mock (as long as the round) can run; give 1 to 600\n"
    )


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (
            ["story", "add", "--title", "Mine", "--competencies", "leadership"],
            "--title, --competencies",
        ),
        (["story", "edit", "s1", "--questions", "exe-scaling"], "--questions"),
    ],
)
def test_a_field_given_beside_a_template_file_is_refused_not_dropped(
    isolated: Path, tmp_path: Path, command: list[str], named: str
) -> None:
    """Before, the file's story was saved and the option typed beside it went unused without a
    word (`story edit s1 --from FILE --questions ID` even took the story's links away)."""
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "One", *star, env=NOW).code == 0
    before = isolated.read_bytes()
    story = tmp_path / "story.txt"
    story.write_text("[title]\nT\n[situation]\nS\n[task]\nK\n[action]\nA\n[result]\nR\n")
    out = _installed([*command, "--from", str(story)], isolated, **NOW)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: --from {story} holds the whole story, so {named} would not be used: "
        "write it under its [heading] there, or give the fields without --from\n"
    )
    assert isolated.read_bytes() == before


INVISIBLE = ["\u200b", "\ufeff \u200d", "\u0301", "\ufe0f\u2060"]  # they take no place


@pytest.mark.parametrize("nothing", INVISIBLE, ids=["zwsp", "bom-zwj", "mark", "vs-wj"])
def test_text_that_shows_nothing_is_empty_text(isolated: Path, nothing: str) -> None:
    """A zero-width space, a byte order mark, a joiner or a lone combining mark is not
    whitespace to `str.strip`: a story titled with one alone was saved (a row with no title in
    `story list`), a note of one saved, a question "asked" of one logged. They are empty text,
    refused as a blank one is; text with them among letters is kept as typed."""
    assert run("note", "exe-scaling", "--text", "Grew the team", env=NOW).code == 0
    before = isolated.read_bytes()
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    refused = {
        ("story", "add", "--title", nothing, *star): (
            "the story's title cannot be empty; give --title"
        ),
        ("note", "exe-scaling", "--text", nothing): (
            "--text: empty, so the note for exe-scaling is kept as it was; give the note's "
            "text, or forget the note with: emprep note exe-scaling --remove"
        ),
        ("rounds", "log", "people", "--date", "2026-11-19", "--asked", nothing): (
            "--asked: the question given is empty; give its id or its words, e.g. emprep "
            "rounds log people --asked 'Why this company?'"
        ),
    }
    for command, said in refused.items():
        out = _installed(list(command), isolated, **NOW)
        assert (out.returncode, out.stdout, out.stderr) == (2, "", f"emprep: error: {said}\n")
        assert isolated.read_bytes() == before
    title = "\u2764\ufe0f Launch e\u0301\u200d"
    assert run("story", "add", "--title", title, *star, env=NOW).code == 0
    assert store.load(isolated).stories[0].title == title


NINES = "9" * 5000  # more digits than Python's int() reads (4300)


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["config", "set", "count", NINES], "count must be a whole number from 1 to 100"),
        (["config", "set", "hours", NINES], "hours must be a number from 1 to 168 a week"),
        (["plan", "--weeks", NINES], "--weeks must be a whole number from 1 to 104"),
        (["plan", "--hours", NINES], "--hours must be a number from 1 to 168 a week"),
        (["drill", "--list", "--count", NINES], "--count must be a whole number from 1 to 100"),
        (
            ["review", "exe-scaling", "good", "--seconds", NINES],
            "--seconds must be a whole number from 0 to 86400",
        ),
        (["task", "done", NINES], "N must be a task's number in this week's list"),
    ],
)
def test_a_number_of_thousands_of_digits_is_said_as_any_out_of_range(
    isolated: Path, command: list[str], said: str
) -> None:
    """Before, `config set count` with 5,000 digits ended "unexpected ValueError: Exceeds the
    limit (4300 digits) ...", exit 1; an option gave click's "Invalid value" with all 5,000
    digits, and --hours said "(got inf)", a word never typed."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    r = run(*command, env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.startswith(f"emprep: error: {said} (got {'9' * 19}…); try ")
    assert r.stderr.count("\n") == 1
    assert isolated.read_bytes() == before


def test_a_file_holding_an_integer_of_thousands_of_digits_is_refused_in_one_line(
    isolated: Path, pack_copy: Path, tmp_path: Path
) -> None:
    """TOML reads an integer of any length; Python's int() stops at 4300 digits, and the
    progress file, a pack file or a drill's draft holding one ended "unexpected ValueError",
    exit 1, with no way back named."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    text = isolated.read_text()
    isolated.write_text(text.replace("card_id = ", f"card_id = {NINES}\nold_id = ", 1))
    before = isolated.read_bytes()
    r = run("today", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.startswith(
        f"emprep: error: progress file {isolated}: invalid TOML: an integer of more than 4300 "
        "digits (emprep writes none); fix it by hand, or go back to its backup from "
    )
    assert isolated.read_bytes() == before
    rounds = pack_copy / "rounds.toml"
    rounds.write_text(rounds.read_text().replace("minutes = 45", f"minutes = {NINES}", 1))
    r = run("--data", str(pack_copy), "rounds", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: {rounds}: invalid TOML: an integer of more than 4300 digits; fix it "
        "there, or ask whoever made the pack for a corrected copy\n"
    )
    draft = tmp_path / "drill.toml"
    draft.write_text(f'kind = "drill"\nstarted = {NINES}\n')
    r = run("drill", "--resume", str(draft), env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --resume {draft}: is not a draft emprep wrote (an integer of more than "
        "4300 digits); give the draft that the failed save's message named "
        "(drafts/drill-DATE-TIME.toml)\n"
    )


def test_a_draft_nested_too_deeply_is_said_not_a_draft(isolated: Path, tmp_path: Path) -> None:
    """tomllib recurses once a level: a draft of 5,000 nested arrays was "unexpected
    RecursionError", exit 1, where the progress file and the pack say it in one line."""
    draft = tmp_path / "drill.toml"
    draft.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    for kind in ("drill", "mock"):
        r = run(kind, "--resume", str(draft), env=NOW)
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr == (
            f"emprep: error: --resume {draft}: is not a draft emprep wrote (arrays or tables "
            "nested too deeply); give the draft that the failed save's message named "
            f"(drafts/{kind}-DATE-TIME.toml)\n"
        )
    assert isolated.exists() is False


def test_utf8_typed_in_a_locale_that_is_not_utf8_is_kept(isolated: Path) -> None:
    """With LC_ALL=C and Python's UTF-8 mode off, every byte past ASCII on the command line
    arrives as a lone surrogate: a title or a note typed in UTF-8 was refused as "not UTF-8
    text" (while the same text from standard input was saved). A Latin-1 byte still is."""
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    c_locale = {**NOW, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    out = _installed(["story", "add", "--title", "Lancé 日本", *star], isolated, **c_locale)
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout.startswith("Saved story s1: Lanc\\xe9 \\u65e5\\u672c (shows ")
    out = _installed(["note", "exe-scaling", "--text", "café"], isolated, **c_locale)
    assert (out.returncode, out.stderr) == (0, "")
    progress = store.load(isolated)
    assert (progress.stories[0].title, progress.notes) == ("Lancé 日本", {"exe-scaling": "café"})
    before = isolated.read_bytes()
    latin1 = subprocess.run(
        [installed_emprep(), "note", "exe-scaling", "--text", b"caf\xe9"],
        env={**os.environ, **c_locale, "EMPREP_PROGRESS": str(isolated)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (latin1.returncode, latin1.stdout) == (2, "")
    assert latin1.stderr == (
        "emprep: error: note: 'caf\\xe9' is not UTF-8 text; type it again in a UTF-8 terminal "
        "or save it as UTF-8\n"
    )
    assert isolated.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "named"),
    [
        (["story", "add", "--title", "Launch", "--title", "Reorg", "--situation", "S"], "--title"),
        (["note", "exe-scaling", "--text", "first outline", "--text", "second"], "--text"),
        (["rounds", "log", "people", "--note", "went well", "--note", "x"], "--note"),
        (["review", "exe-scaling", "good", "--seconds", "90", "--seconds", "95"], "--seconds"),
        (["rounds", "recruiter", "--format", "json", "--format", "csv"], "--format"),
        (["--progress", "a.toml", "--progress", "b.toml", "today"], "--progress"),
        (["plan", "-o", "a.md", "--output", "b.md"], "--output"),
    ],
)
def test_an_option_given_twice_is_refused_not_half_dropped(
    isolated: Path, tmp_path: Path, command: list[str], named: str
) -> None:
    """Before, the last of the two was taken and the other dropped without a word: the first
    title or note typed was not saved, exit 0."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    out = _installed(command, isolated, cwd=str(tmp_path), **NOW)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: {named} is given 2 times, and only one would be kept; give it once\n"
    )
    assert isolated.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "state"]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (
            ["rounds", "log", "recruiter", "--asked", "--"],
            "--asked's value '--' marks the end"
            " of the options; to give it as the value, write --asked=--",
        ),
        (
            ["rounds", "log", "people", "--note", "--asked", "Why us?"],
            "--note's value"
            " '--asked' is one of its options; to give it as the value, write --note=--asked",
        ),
        (
            ["story", "add", "--title", "--help"],
            "--title's value '--help' is one of its"
            " options; to give it as the value, write --title=--help",
        ),
        (
            ["note", "exe-scaling", "--text", "--from"],
            "--text's value '--from' is one of its"
            " options; to give it as the value, write --text=--from",
        ),
        (
            ["plan", "-o", "--help"],
            "-o's value '--help' is one of its options; to give it as"
            " the value, write --output=--help",
        ),
        (
            ["--progress", "--help", "today"],
            "--progress's value '--help' is one of its"
            " options; to give it as the value, write --progress=--help",
        ),
        (
            ["rounds", "log", "recruiter", "--asked", "--note=went well"],
            "--asked's value '--note=went well' is one of its"
            " options; to give it as the value, write --asked='--note=went well'",
        ),
    ],
)
def test_an_option_s_value_that_is_one_of_its_options_is_refused(
    isolated: Path, tmp_path: Path, command: list[str], said: str
) -> None:
    """Before, click took the next word whatever it was: a value left out saved "--" as a
    question asked, "--asked" as the round's note, "--help" as a story's title."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    out = _installed(command, isolated, cwd=str(tmp_path), **NOW)
    assert (out.returncode, out.stdout, out.stderr) == (2, "", f"emprep: error: {said}\n")
    assert isolated.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "state"]


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (
            ["mock", "--resume"],
            "--resume needs a value (--resume DRAFT), and none is given after "
            "it (see 'emprep mock --help')",
        ),
        (
            ["story", "add", "--title", "T", "--questions"],
            "--questions needs a value "
            "(--questions IDS), and none is given after it (see 'emprep story add --help')",
        ),
        (
            ["questions", "--format"],
            "--format needs a value (--format "
            "<table|json|csv|md|anki|apkg>), and none is given after it (see 'emprep questions "
            "--help')",
        ),
        (
            ["--progress"],
            "--progress needs a value (--progress PATH), and none is given after "
            "it (see 'emprep --help')",
        ),
    ],
)
def test_an_option_given_last_with_no_value_is_said_with_the_value_it_takes(
    isolated: Path, tmp_path: Path, command: list[str], said: str
) -> None:
    """`mock --resume` alone (or `--questions $IDS` with IDS empty, unquoted) said click's
    "Option '--resume' requires an argument" and nothing more: no fix, no help to see."""
    out = _installed(command, isolated, cwd=str(tmp_path), **NOW)
    assert (out.returncode, out.stdout, out.stderr) == (2, "", f"emprep: error: {said}\n")
    assert not isolated.exists()


def _options_taking_a_value() -> list[tuple[list[str], str, str]]:
    """Every command's every option that takes a value (its path, its long name), with another
    long option of the same command: each is a place a value left out took the next word."""
    import typer
    from typer.core import TyperOption

    from emprep.cli import app

    found: list[tuple[list[str], str, str]] = []

    def walk(command: Any, path: list[str]) -> None:
        options = [p for p in command.params if isinstance(p, TyperOption)]
        names = [max(p.opts, key=len) for p in options]
        for p, name in zip(options, names, strict=True):
            if not p.is_flag and not p.count:
                found.append((path, name, next(n for n in [*names, "--help"] if n != name)))
        for sub, inner in getattr(command, "commands", {}).items():
            walk(inner, [*path, sub])

    walk(typer.main.get_command(app), [])
    return found


def test_every_option_s_value_that_is_an_option_or_the_end_of_options_is_refused(
    isolated: Path,
) -> None:
    """All of them, free text or not: `--title`, `--asked`, `--note`, `--text`, `--from`,
    `--search`, `-o`, `--progress`... each given `--`, or another option with its value,
    says so in one line, exit 2, nothing written. Before, `--asked --note="went well"` logged
    the option as a question asked."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    every = _options_taking_a_value()
    assert len(every) == 59
    assert {name for _, name, _ in every} >= {
        *("--title", "--situation", "--task", "--action", "--result", "--asked", "--note"),
        *("--text", "--from", "--search", "--tag", "--output", "--progress", "--data"),
    }
    for path, name, other in every:
        for value, what in (
            ("--", "marks the end of the options"),
            (f"{other}=x", "is one of its options"),
        ):
            out = run(*path, name, value, env=NOW)
            assert (out.code, out.stdout, out.stderr) == (
                2,
                "",
                f"emprep: error: {name}'s value '{value}' {what}; to give it as the value, "
                f"write {name}={value}\n",
            ), (path, name, value)
    assert isolated.read_bytes() == before


def test_an_option_s_value_given_with_equals_is_the_value(isolated: Path) -> None:
    """`--text=--from` is the way to mean it: saved as typed."""
    assert run("note", "exe-scaling", "--text=--from", env=NOW).code == 0
    assert store.load(isolated).notes == {"exe-scaling": "--from"}
    assert run("rounds", "log", "recruiter", "--asked=--", "--note=--asked", env=NOW).code == 0
    logged = store.load(isolated).interviews[-1]
    assert (logged.asked, logged.note) == (["--"], "--asked")


@pytest.mark.parametrize(
    "command",
    [
        ["story", "add", "--competencies", "no-such-competency"],
        ["story", "add", "--title", "Mine", "--questions", "rec"],  # an ambiguous prefix
        ["story", "edit", "s1", "--questions", "no-such-question"],
    ],
)
def test_a_missing_template_file_is_said_before_the_fields_beside_it(
    isolated: Path, tmp_path: Path, command: list[str]
) -> None:
    """Before, the ids given beside --from were checked first ("unknown competency ..."),
    though they would not be used, and with a field given emprep said the missing file "holds
    the whole story"."""
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "One", *star, env=NOW).code == 0
    before = isolated.read_bytes()
    missing = tmp_path / "no story.txt"
    out = _installed([*command, "--from", str(missing)], isolated, **NOW)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: --from {missing}: cannot be read (not found); give a text file's "
        "path, or - for standard input\n"
    )
    assert isolated.read_bytes() == before
    story = tmp_path / "story.txt"
    story.write_text("[title]\nT\n[situation]\nS\n[task]\nK\n[action]\nA\n[result]\nR\n")
    out = _installed([*command, "--from", str(story)], isolated, **NOW)
    named = ", ".join(w for w in command if w.startswith("--"))
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        f"emprep: error: --from {story} holds the whole story, so {named} would not be used: "
        "write it under its [heading] there, or give the fields without --from\n"
    )
    assert isolated.read_bytes() == before


@pytest.mark.parametrize("command", [["note", "exe-scaling"], ["story", "add"]])
def test_a_template_longer_than_emprep_reads_is_said_with_the_fix(
    isolated: Path, tmp_path: Path, command: list[str]
) -> None:
    """Before, a 2 MB text file given to --from was "larger than 1 MB, more than emprep
    reads; give a text file's path", which it is; from standard input, no fix was said."""
    long = tmp_path / "long.txt"
    long.write_text("x" * 2_000_000 + "\n")
    env = {**os.environ, "EMPREP_PROGRESS": str(isolated), **NOW}
    said = "more than emprep reads; shorten it: a note or a story is an outline, well under that"
    for source, stdin, shown in [
        (str(long), None, f"{long}: is larger than 1 MB,"),
        ("-", long, "-: standard input holds more than 1 MB,"),
    ]:
        with open(stdin or os.devnull, "rb") as given:
            out = subprocess.run(
                [installed_emprep(), *command, "--from", source],
                env=env,
                stdin=given,
                capture_output=True,
                text=True,
                timeout=60,
            )
        assert (out.returncode, out.stdout) == (2, "")
        assert out.stderr == f"emprep: error: --from {shown} {said}\n"
    assert not isolated.exists()


@pytest.mark.parametrize(
    ("tail", "said"),
    [
        # before, "a pack folder holds rounds.toml and questions.toml as regular files": it is one
        (
            b"#" + b"x" * (17 * 1024 * 1024),
            "is larger than 16 MB, more than emprep reads; a loop pack's file is a small "
            "fraction of that; check it is the pack's",
        ),
        # before, no fix at all
        (b"# caf\xe9\n", "is not UTF-8 text (byte 0xe9 on line {line}); save it as UTF-8"),
    ],
)
def test_a_pack_file_too_large_or_not_utf8_is_said_with_its_fix(
    pack_copy: Path, tmp_path: Path, tail: bytes, said: str
) -> None:
    rounds = pack_copy / "rounds.toml"
    line = rounds.read_bytes().count(b"\n") + 1
    with rounds.open("ab") as f:
        f.write(tail)
    out = _installed(["--data", str(pack_copy), "rounds"], tmp_path / "p.toml")
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == f"emprep: error: {rounds}: {said.format(line=line)}\n"


def test_a_progress_path_with_a_variable_no_shell_expanded_is_refused(tmp_path: Path) -> None:
    """Before, `EMPREP_PROGRESS='$HOME/p.toml'` (quoted, or in a file no shell reads) made a
    folder named `$HOME` in the current one and saved there: a new progress file in each
    folder emprep was run from."""
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    env = {"HOME": str(home), **NOW}
    out = _installed(["review", "exe-scaling", "good"], "$HOME/p.toml", cwd=str(work), **env)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == (
        "emprep: error: EMPREP_PROGRESS='$HOME/p.toml': holds $HOME, which no shell expanded (it "
        "was quoted, or set where no shell reads it), and no such file exists; give the path "
        f"itself, say '{home}/p.toml'\n"
    )
    assert list(work.iterdir()) == []
    (work / "$HOME").mkdir()
    (work / "$HOME" / "p.toml").touch()  # a file of that name is taken as meant
    out = _installed(["review", "exe-scaling", "good"], "$HOME/p.toml", cwd=str(work), **env)
    assert out.returncode == 0
    assert "exe-scaling" in (work / "$HOME" / "p.toml").read_text()


def test_weeks_that_put_the_interview_past_the_accepted_dates_are_refused(isolated: Path) -> None:
    """Before, `plan --start 2099-12-20 --weeks 104` planned an interview on 2101-12-18, a date
    emprep refuses wherever it is typed, into the Markdown and the calendar."""
    r = run("plan", "--start", "2099-12-20", "--weeks", "104", "--format", "ics", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: --weeks 104 from the start (2099-12-20) puts the interview on "
        "2101-12-18, after the last date emprep accepts (2099-12-31); give fewer weeks or an "
        "earlier --start\n"
    )
    assert run("plan", "--start", "2099-12-03", "--weeks", "4", env=NOW).code == 0


def test_an_empty_file_is_not_a_fresh_start_while_its_backup_holds_progress(
    isolated: Path,
) -> None:
    _a_review(isolated)
    kept = _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    saved = datetime(2026, 11, 19, 9, 0, tzinfo=UTC).timestamp()
    os.utime(bak, (saved, saved))
    isolated.write_bytes(b"")  # a crash of another program, a sync conflict
    for command in (["progress"], ["review", "ppl-promotion", "good"]):
        r = run(*command, env={**NOW, "TZ": "UTC"})
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr == (
            f"emprep: error: progress file {isolated}: is empty, but {bak} holds your progress "
            "as it was before its last save (from 2026-11-19 09:00: 1 review); go back to it: "
            f"cp '{bak}' '{isolated}' (or delete both to start afresh)\n"
        )
    assert isolated.read_bytes() == b""
    assert bak.read_bytes() != b"" and len(reviews(store.parse(bak.read_bytes(), bak))) == 1
    assert kept != b""


def test_a_missing_file_is_not_a_fresh_start_while_its_backup_holds_progress(
    isolated: Path,
) -> None:
    """Before: the file moved or deleted (a sync client, an `mv`), `review` started afresh,
    and the next save rotated that into the backup: the stories and ratings were gone from
    both."""
    fields = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "Mine", *fields, env=NOW).code == 0
    _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    kept = bak.read_bytes()
    saved = datetime(2026, 11, 20, 8, 30, tzinfo=UTC).timestamp()
    os.utime(bak, (saved, saved))
    isolated.unlink()
    for command in (["today"], ["review", "ppl-promotion", "good"], ["review", "exe-scaling", "3"]):
        r = run(*command, env={**NOW, "TZ": "America/New_York"})
        assert (r.code, r.stdout) == (2, ""), command
        assert r.stderr == (
            f"emprep: error: progress file {isolated}: is not there, but {bak} holds your "
            "progress as it was before its last save (from 2026-11-20 03:30: 0 reviews, 1 "
            f"story); go back to it: cp '{bak}' '{isolated}' (or delete the backup to start "
            "afresh)\n"
        )
    assert not isolated.exists() and bak.read_bytes() == kept
    shutil.copyfile(bak, isolated)
    assert run("review", "ppl-promotion", "good", env=NOW).code == 0
    assert [s.title for s in store.load(isolated).stories] == ["Mine"]
    bak.unlink()
    isolated.unlink()
    assert run("review", "exe-scaling", "good", env=NOW).code == 0  # both gone: afresh


@pytest.mark.parametrize("make", [os.mkdir, os.mkfifo])
def test_a_folder_or_a_fifo_in_the_files_place_names_the_backup_that_holds_progress(
    isolated: Path, make: Callable[[Path], None]
) -> None:
    """A folder made under the file's name (or a FIFO) was said as "give a regular file's
    path", which starts afresh elsewhere, while the backup beside it held the progress."""
    _a_review(isolated)
    _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    saved = datetime(2026, 11, 20, 8, 30, tzinfo=UTC).timestamp()
    os.utime(bak, (saved, saved))
    isolated.unlink()
    make(isolated)
    what = "a folder" if make is os.mkdir else "a FIFO (a named pipe)"
    for command in (["progress"], ["review", "ppl-promotion", "good"]):
        out = _installed(command, isolated, **NOW, TZ="UTC")
        assert (out.returncode, out.stdout) == (2, ""), command
        assert out.stderr == (
            f"emprep: error: progress file {isolated}: is {what}, but {bak} holds your progress "
            "as it was before its last save (from 2026-11-20 08:30: 1 review); if it took the "
            f"file's place, move it away and go back to the backup: mv '{isolated}' "
            f"'{isolated}.broken' && cp '{bak}' '{isolated}'; if not, give a regular file's "
            f"path: {another_path(isolated)}\n"
        )
    assert sorted(p.name for p in isolated.parent.iterdir()) == [
        "progress.toml",
        "progress.toml.bak",
        "progress.toml.lock",
    ]


def test_an_empty_file_whose_backup_does_not_load_is_not_said_to_hold_progress(
    isolated: Path,
) -> None:
    """Before: "is empty, but ... .bak holds your progress (... 0 reviews); go back to it: cp
    ...", of a backup that does not load, which the copy would only make the file."""
    _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    broken = b"reviews = '''\n"
    bak.write_bytes(broken)
    for emptied, what, both in ((True, "is empty", "both"), (False, "is not there", "the backup")):
        if emptied:
            isolated.write_bytes(b"")
        else:
            isolated.unlink()
        r = run("review", "ppl-promotion", "good", env=NOW)
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: progress file {isolated}: {what}, and its backup {bak} does not "
            f"load either (emprep --progress '{bak}' progress says why); fix the backup by hand, "
            f"then copy it back: cp '{bak}' '{isolated}' (or delete {both} to start afresh)\n",
        )
        assert bak.read_bytes() == broken


def test_a_track_this_loop_lacks_names_the_setting_and_the_fix(isolated: Path) -> None:
    """A profile's track edited by hand (or set under another pack) is refused where the plan
    needs it, with the commands that fix it; those commands and the stories still work."""
    assert run("config", "set", "interview", "2026-12-20", env=NOW).code == 0
    text = isolated.read_text().replace("[profile]\n", '[profile]\ntrack = "rem"\n')
    isolated.write_text(text)
    for command in (["progress"], ["drill", "--list"], ["plan"], ["today"]):
        r = run(*command, env=NOW)
        assert (r.code, r.stdout) == (2, ""), command
        assert r.stderr == (
            "emprep: error: profile.track in your progress file is 'rem', which this loop lacks "
            "(its tracks: remote, hub); set one: emprep config set track remote, or none: "
            "emprep config unset track\n"
        )
    assert isolated.read_text() == text
    assert run("story", "list", env=NOW).code == 0
    assert run("config", "set", "track", "remote", env=NOW).code == 0
    assert run("progress", env=NOW).code == 0


def test_an_empty_file_without_a_backup_starts_afresh_and_is_not_rotated(isolated: Path) -> None:
    isolated.parent.mkdir(parents=True)
    isolated.write_bytes(b"\n")
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert len(reviews(store.load(isolated))) == 1
    assert not isolated.with_name("progress.toml.bak").exists()


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["undo"], "nothing to undo: no rating is recorded"),
        (
            ["config", "set", "count", "0"],
            "count must be a whole number from 1 to 100 (got 0); try emprep config set count 5",
        ),
        (
            ["story", "link", "s9", "exe-scaling"],
            "unknown story 's9': no stories yet; add one with 'emprep story add'",
        ),
        (["task", "done", "9"], "no task 9 this week: give 1 to 2 (see them with: emprep today)"),
    ],
)
def test_a_change_refused_where_there_is_no_file_yet_makes_nothing(
    isolated: Path, command: list[str], said: str
) -> None:
    """The first change to a progress file that is not there yet, refused, left the file's
    folder and its lock behind the error: `--progress typo.toml undo` made `typo.toml.lock`."""
    r = run(*command, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {said}\n")
    assert not isolated.parent.exists()
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert sorted(p.name for p in isolated.parent.iterdir()) == [
        "progress.toml",
        "progress.toml.lock",
    ]


def test_a_symlink_is_followed_written_in_its_targets_folder_and_locked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    synced = tmp_path / "Dropbox" / "progress.toml"
    synced.parent.mkdir()
    _a_review(synced)
    link = tmp_path / "home" / "progress.toml"
    link.parent.mkdir()
    link.symlink_to(synced)
    r = run("--progress", str(link), "review", "ppl-promotion", "good", env=NOW)
    assert r.code == 0, r.stderr
    assert link.is_symlink() and link.resolve() == synced
    assert len(reviews(store.load(synced))) == 2
    assert len(reviews(store.parse(synced.with_name("progress.toml.bak").read_bytes(), link))) == 1
    assert sorted(p.name for p in link.parent.iterdir()) == ["progress.toml"]
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.2)
    with FileLock(str(synced) + ".lock"):  # one spelling holds it: the other waits for it
        r = run("--progress", str(link), "review", "exe-scaling", "good", env=NOW)
    assert r.code == 2
    assert r.stderr == (
        f"emprep: error: progress file {link}: another program, most likely an emprep still "
        f"running, has held its lock for 0.2 s; finish it and try again (lsof '{synced}.lock' "
        "names it)\n"
    )


def test_a_backup_that_is_a_folder_is_named_and_nothing_changes(isolated: Path) -> None:
    """Its fix was said as for a full disk or the folder's permissions ("Free some space or
    fix the folder's permissions"), neither of which fixes it: the move that does is said."""
    before = _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    bak.mkdir()
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: its backup {bak} is a folder, where emprep "
        "keeps a plain file; nothing was changed: the file and its backup are as they were. "
        f"Move it away (mv '{bak}' '{bak}.old'), then try again\n"
    )
    assert isolated.read_bytes() == before and bak.is_dir()
    bak.rename(f"{bak}.old")
    assert run("review", "ppl-promotion", "good", env=NOW).code == 0
    assert bak.read_bytes() == before


def test_a_lock_that_is_a_symlink_loop_is_named_at_once(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named before the lock is waited for: no wait of its 15 s for a lock never to be had."""
    from filelock import BaseFileLock

    before = _a_review(isolated)
    lock = isolated.with_name("progress.toml.lock")
    lock.unlink()
    lock.symlink_to(lock.name)
    waited: list[str] = []
    acquire = BaseFileLock.acquire

    def watched(self: BaseFileLock, *args: Any, **kwargs: Any) -> Any:
        waited.append(self.lock_file)
        return acquire(self, *args, **kwargs)

    monkeypatch.setattr(BaseFileLock, "acquire", watched)
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: progress file {isolated}: its lock {lock} cannot be opened (is a "
        "symlink loop); move it away and try again\n",
    )
    assert str(lock) not in waited
    assert isolated.read_bytes() == before


@pytest.mark.parametrize("to", ["notes.txt", "gone.txt"])
def test_a_lock_that_is_a_symlink_is_named_and_its_target_untouched(
    isolated: Path, to: str
) -> None:
    """Before, emprep opened the lock through the link (a dangling one made its target), then
    filelock, which does not follow one, failed: "...lock: Too many levels of symbolic links",
    exit 74, as if the output could not be written."""
    before = _a_review(isolated)
    other = isolated.with_name("notes.txt")
    other.write_text("mine\n")
    lock = isolated.with_name("progress.toml.lock")
    lock.unlink()
    lock.symlink_to(to)
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its lock {lock} cannot be opened (is a "
        "symlink, where emprep keeps a plain file); move it away and try again\n",
    )
    assert isolated.read_bytes() == before and other.read_text() == "mine\n"
    assert not isolated.with_name("gone.txt").exists()


def test_a_lock_that_is_a_folder_is_named_as_one(isolated: Path) -> None:
    """It was said "cannot be opened (cannot be read (Is a directory))": a read it never
    tried, in parentheses inside parentheses."""
    before = _a_review(isolated)
    lock = isolated.with_name("progress.toml.lock")
    lock.unlink()
    lock.mkdir()
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its lock {lock} cannot be opened (is a "
        "folder, where emprep keeps a plain file); move it away and try again\n",
    )
    assert isolated.read_bytes() == before


def test_a_byte_order_mark_is_read_past(isolated: Path) -> None:
    before = _a_review(isolated)
    isolated.write_bytes(b"\xef\xbb\xbf" + before)
    r = run("progress", "--format", "json", env=NOW)
    assert r.code == 0, r.stderr
    assert run("review", "ppl-promotion", "good", env=NOW).code == 0
    assert len(reviews(store.load(isolated))) == 2


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_under_sudo_the_users_file_keeps_its_owner_and_mode(isolated: Path) -> None:
    _a_review(isolated)
    os.chown(isolated, 4321, 4322)
    isolated.chmod(0o640)
    assert run("review", "ppl-promotion", "good", env=NOW).code == 0
    for p in (isolated, isolated.with_name("progress.toml.bak")):
        st = p.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4322, 0o640), p
    lock = isolated.with_name("progress.toml.lock").stat()
    assert (lock.st_uid, lock.st_gid) == (4321, 4322)


def test_a_kept_mode_without_root(isolated: Path) -> None:
    _a_review(isolated)
    isolated.chmod(0o640)
    assert run("review", "ppl-promotion", "good", env=NOW).code == 0
    assert stat.S_IMODE(isolated.stat().st_mode) == 0o640


def test_stale_temp_files_of_killed_writes_are_removed_by_the_next_save(isolated: Path) -> None:
    _a_review(isolated)
    folder = isolated.parent
    stale = [folder / ".progress.toml.abc_1234.tmp", folder / ".progress.toml.bak.zz9x8y7w.tmp"]
    others = [folder / ".progress.toml.x.abcdefgh.tmp", folder / "notes.tmp"]
    for p in stale + others:
        p.write_bytes(b"x" * 1000)
    assert run("progress", env=NOW).code == 0
    assert all(p.exists() for p in stale)  # a read takes no lock, so it removes nothing
    assert run("review", "ppl-promotion", "good", env=NOW).code == 0
    assert [p.exists() for p in stale + others] == [False, False, True, True]


@pytest.mark.parametrize(
    ("fake", "shown_as"),
    [
        ("0026-11-20", "0026-11-20T00:00:00+00:00"),  # a typo of 2026
        ("0001-01-01", "0001-01-01T00:00:00+00:00"),
        ("9999-12-31", "9999-12-31T00:00:00+00:00"),
        ("1999-12-31T23:59:59Z", "1999-12-31T23:59:59+00:00"),
        ("2100-01-01T00:00:00Z", "2100-01-01T00:00:00+00:00"),
    ],
)
def test_emprep_now_outside_the_accepted_years_is_refused_before_anything_is_written(
    isolated: Path, fake: str, shown_as: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    _a_review(isolated)
    before = isolated.read_bytes()
    for command in (["review", "exe-scaling", "good"], ["progress"], ["story", "list"]):
        r = run(*command, env={"EMPREP_NOW": fake})
        if command == ["story", "list"]:  # reads no clock: nothing to refuse
            assert r.code == 0
            continue
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr == (
            f"emprep: error: EMPREP_NOW: {shown_as} is outside the times emprep accepts "
            "(2000-01-01 to 2099-12-31, UTC)\n"
        )
    assert isolated.read_bytes() == before


@pytest.mark.parametrize(
    ("fake", "said"),
    [
        ("garbage", "'garbage' is not a date or time; write it as YYYY-MM-DD[THH:MM]"),
        # Python reads an ISO week date and the basic form; emprep says YYYY-MM-DD alone
        ("2026-W48-1", "'2026-W48-1' is not a date or time; write it as YYYY-MM-DD[THH:MM]"),
        (
            "20261123T0900",
            "'20261123T0900' is not a date or time; write it as YYYY-MM-DD[THH:MM]",
        ),
        (
            "9999-12-31",
            "9999-12-31T00:00:00+00:00 is outside the times emprep accepts (2000-01-01 to "
            "2099-12-31, UTC)",
        ),
    ],
)
def test_undo_under_a_clock_emprep_refuses_takes_nothing_back(
    isolated: Path, fake: str, said: str
) -> None:
    """`undo` read the clock once the rating was taken back and saved: EMPREP_NOW=garbage said
    the error, exit 2, and the file had lost its last rating (the backup holding it)."""
    _a_review(isolated)
    before = isolated.read_bytes()
    r = run("undo", env={"EMPREP_NOW": fake})
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: EMPREP_NOW: {said}\n")
    assert isolated.read_bytes() == before
    assert not store.backup(isolated).exists()


def test_the_last_accepted_moment_is_written_and_read_back(isolated: Path) -> None:
    last = {"EMPREP_NOW": "2099-12-31T23:59:59Z"}
    assert run("review", "exe-scaling", "easy", env=last).code == 0
    assert run("review", "exe-scaling", "easy", env=last).code == 0
    r = run("progress", "--format", "json", env=last)
    assert r.code == 0, r.stderr
    assert [e.at for e in reviews(store.load(isolated))] == [
        datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
    ] * 2


def test_a_review_before_the_last_one_is_refused_with_a_word_about_the_clock(
    isolated: Path,
) -> None:
    """The last review may be another computer's, whose clock is ahead, in a file synced
    between two: the message said only that this clock was wrong or the file edited."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    r = run("review", "exe-scaling", "good", env={"EMPREP_NOW": "2026-11-19T09:00:00Z"})
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: the clock says 2026-11-19 09:00 UTC, before the last review of "
        "exe-scaling (2026-11-20 09:00 UTC); set the computer's clock right (or EMPREP_NOW), "
        "then rate it again; if the clock is right, that review was given on a computer whose "
        "clock is ahead (the progress file synced from it), or the file's "
        "cards.exe-scaling.last_review was edited: rate it after 2026-11-20 09:00 UTC and set "
        "that computer's clock right, or fix the file by hand\n"
    )
    assert isolated.read_bytes() == before
    # two terminals saving at once: a few seconds out of order is taken as the same moment
    r = run("review", "exe-scaling", "good", env={"EMPREP_NOW": "2026-11-20T08:59:30Z"})
    assert r.code == 0, r.stderr
    assert [e.at for e in reviews(store.load(isolated))] == [
        datetime(2026, 11, 20, 9, tzinfo=UTC)
    ] * 2


def test_undo_after_the_clock_went_back_takes_back_the_rating_just_given(isolated: Path) -> None:
    """A clock an hour fast, set right between two ratings of two questions: `undo` took back
    the first (later by the clock), not the one just given, which stayed."""
    assert run("review", "exe-scaling", "good", env={"EMPREP_NOW": "2026-11-20T10:00Z"}).code == 0
    assert run("review", "rec-hands-on", "again", env={"EMPREP_NOW": "2026-11-20T09:00Z"}).code == 0
    r = run("undo", env={"EMPREP_NOW": "2026-11-20T09:01Z"})
    assert (r.code, r.stdout) == (
        0,
        "Took back rec-hands-on: Again (2026-11-20 09:00); it is new again.\n",
    )
    kept = store.load(isolated)
    assert [(e.question, e.rating) for e in reviews(kept)] == [("exe-scaling", 3)]
    assert list(kept.cards) == ["exe-scaling"]


def test_undo_after_days_away_says_the_review_is_overdue_not_due_on_a_day_gone_by(
    isolated: Path,
) -> None:
    """Back from a holiday, a rating given and taken back: the card is as it was, due since a
    day weeks ago. The line said "next review 2026-11-22", a day gone by; `questions ID` says
    "due since 2026-11-22 (overdue)", and so does the line now. A card due today or later is
    still its next review."""
    assert (
        run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    )
    back = {"EMPREP_NOW": "2026-12-10T09:00"}
    assert run("review", "rec-why-coursera", "hard", env=back).code == 0
    r = run("undo", env=back)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "Took back rec-why-coursera: Hard (2026-12-10 09:00); due since 2026-11-22 (overdue).\n",
        "",
    )
    assert (
        "; due since 2026-11-22 (overdue)." in run("questions", "rec-why-coursera", env=back).stdout
    )
    for rating in ("good", "hard"):
        assert run("review", "exe-scaling", rating, env=back).code == 0
    r = run("undo", env=back)
    assert r.stdout == "Took back exe-scaling: Hard (2026-12-10 09:00); next review 2026-12-12.\n"


def test_local_days_follow_each_reviews_own_daylight_saving_rule(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review at 00:30 every night in Berlin, across the end of summer time (2026-10-25):
    eleven days in a row, none moved to the evening before."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    for day in range(20, 31):
        at = datetime(2026, 10, day, 0, 30, tzinfo=berlin)
        store.update(
            isolated, partial(record, question_id="exe-scaling", rating=3, seconds=5, now=at)
        )
    r = run("progress", "--format", "json", env={"EMPREP_NOW": "2026-10-30T10:00"})
    assert r.code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["streak"] == 11
    days = {d["date"] for d in doc["heatmap"] if d["reviews"]}
    assert days == {f"2026-10-{d}" for d in range(20, 31)}


@pytest.mark.parametrize(
    "command",
    [
        ["rounds"],
        ["rounds", "technical"],
        ["questions", "--format", "json"],
        ["plan"],
        ["progress"],
        ["story", "list"],
        [],  # the help a group prints with no command: `emprep config | head -3`
        ["config"],
        ["story"],
    ],
)
def test_a_closed_pipe_ends_quietly_with_141(tmp_path: Path, command: list[str]) -> None:
    """`emprep rounds | head -1`: the reader has gone before emprep writes; emprep ends as
    any program SIGPIPE ends, 128 + 13, and says nothing."""
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    p = subprocess.Popen(
        [installed_emprep(), *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=20) == 141
    assert b"error" not in err and b"Traceback" not in err and b"Exception" not in err


@pytest.mark.parametrize(
    "command",
    [
        ["questions", "--format", "json"],
        ["questions", "--format", "csv"],
        ["questions", "--format", "anki"],
        ["questions", "--format", "md"],
    ],
)
def test_a_reader_gone_in_the_middle_of_an_export_ends_it_with_141(
    tmp_path: Path, command: list[str]
) -> None:
    """`emprep questions --format json | head -c 100`: the export (300 KB, more than a pipe
    holds) is one write, and the reader leaves while it waits. The write comes back short,
    without an error, and emprep ended 0, as if all had been delivered."""
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    p = subprocess.Popen(
        [installed_emprep(), *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert p.stdout is not None and p.stderr is not None
    assert len(p.stdout.read(1)) == 1  # the export is being written, the pipe full behind it
    p.stdout.close()
    err = p.stderr.read()
    assert (p.wait(timeout=20), err) == (141, b"")


@pytest.mark.parametrize("command", [["rounds"], ["questions", "--format", "json"]])
def test_a_full_disk_under_stdout_is_one_line_and_exit_74(
    tmp_path: Path, command: list[str]
) -> None:
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    with open("/dev/full", "wb") as full:
        out = subprocess.run(
            [installed_emprep(), *command],
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=20,
        )
    assert (out.returncode, out.stderr) == (
        74,
        "emprep: error: cannot write the output (No space left on device); free some space, "
        "or send it elsewhere\n",
    )


def test_control_characters_in_a_hand_edited_story_are_escaped_on_a_terminal(
    isolated: Path,
) -> None:
    from conftest import spawn

    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "Plain", *star, env=NOW).code == 0
    text = isolated.read_bytes().replace(b'"Plain"', b'"Clear\\u001b[2J\\u0000me"')
    isolated.write_bytes(text.replace(b'situation = "S"', b'situation = "Bell\\u0007"'))
    for command in (["story", "show", "s1"], ["story", "list"]):
        child = spawn(command, isolated, NOW["EMPREP_NOW"])
        assert ended(child) == 0
        shown = child.before or ""
        assert "Clear\\x1b[2J\\x00me" in shown
        assert "\x1b[2J" not in shown and "\x00" not in shown and "\x07" not in shown


@needs_setpriv
def test_a_read_only_folder_without_a_lock_yet_is_named_as_the_folder(isolated: Path) -> None:
    """Not "its lock cannot be opened ...; move it away": there is no lock to move."""
    assert run("review", "rec-why-coursera", "good").code == 0
    isolated.with_name("progress.toml.lock").unlink()
    before = sorted(isolated.parent.iterdir())
    data = isolated.read_bytes()
    isolated.parent.chmod(0o555)
    try:
        r = as_a_user("review", "exe-scaling", "good")
    finally:
        isolated.parent.chmod(0o700)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its folder {isolated.parent} cannot be "
        "written (Permission denied); fix the folder's permissions first, then try again\n",
    )
    assert sorted(isolated.parent.iterdir()) == before
    assert isolated.read_bytes() == data


@needs_setpriv
def test_a_read_only_progress_file_is_refused_and_left_without_a_lock(isolated: Path) -> None:
    """A file made read-only is not written over, and nothing is left behind that would stop
    emprep once it is writable again (a lock with the file's mode 0444 did)."""
    assert run("review", "rec-why-coursera", "good").code == 0
    lock = isolated.with_name("progress.toml.lock")
    lock.unlink()
    data = isolated.read_bytes()
    isolated.chmod(0o444)
    r = as_a_user("review", "exe-scaling", "good")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: is read-only, so nothing is written to it; "
        f"make it writable first (chmod u+w '{isolated}'), then try again\n",
    )
    assert isolated.read_bytes() == data
    assert not lock.exists()
    assert as_a_user("progress").code == 0  # reading it is fine
    isolated.chmod(0o644)
    assert as_a_user("review", "exe-scaling", "good").code == 0


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root")
def test_a_lock_made_by_root_stays_open_to_the_files_owner(isolated: Path) -> None:
    """Under sudo a read-only file is still written (root may), and its new lock takes the
    file's owner and mode, plus read and write for that owner: else the owner's own emprep
    could never open it again."""
    assert run("review", "rec-why-coursera", "good").code == 0
    lock = isolated.with_name("progress.toml.lock")
    lock.unlink()
    isolated.chmod(0o444)
    assert run("review", "exe-scaling", "good").code == 0
    assert stat.S_IMODE(lock.stat().st_mode) == 0o644
    isolated.chmod(0o644)
    assert as_a_user("review", "exe-scaling", "good").code == 0


def _draft(folder: Path, *ratings: tuple[str, str]) -> Path:
    """A drill's draft as the drill writes it, a rating of 3 for each (question, moment)."""
    from emprep.core.journal import Journal, rated
    from emprep.storage.journal import text

    journal = Journal("drill")
    for question, at in ratings:
        journal = rated(journal, question, 3, seconds=40, at=datetime.fromisoformat(at))
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / "drill-20261120-090000.toml"
    draft.write_text(text(journal), encoding="utf-8")
    return draft


def test_a_draft_dated_after_now_is_refused_not_saved_into_the_future(isolated: Path) -> None:
    """A drill taken under EMPREP_NOW a year ahead (or a clock set ahead), resumed at the real
    time: before, its rating went into the file at that moment, and every rating of the
    question until then was refused as "before the last review"."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    draft = _draft(
        isolated.parent / "drafts",
        ("exe-scaling", "2026-11-20T09:00:00+00:00"),
        ("rec-why-coursera", "2027-11-20T09:00:00+00:00"),
    )
    r = run("drill", "--resume", str(draft), env={"EMPREP_NOW": "2026-11-20T10:00:00+00:00"})
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --resume {draft}: its rating of rec-why-coursera is dated 2027-11-20 "
        "09:00 UTC, after the clock's 2026-11-20 10:00 UTC: the drill ran with the clock set "
        "ahead (or EMPREP_NOW); resume it at that time (EMPREP_NOW=2027-11-20T09:00:00Z), or "
        "set its `at` in the draft to when it was given\n"
    )
    assert isolated.read_bytes() == before
    assert draft.exists()


def test_a_draft_edited_to_name_a_question_as_typed_is_saved_under_its_id(
    isolated: Path,
) -> None:
    """Before, `EXE-SCAL` (a prefix in capitals, as `review` takes it) passed the check and
    went into the log as written: the file was then refused by every command ("question
    'EXE-SCAL' has a capital letter")."""
    draft = _draft(isolated.parent / "drafts", ("EXE-SCAL", "2026-11-20T09:00:00+00:00"))
    r = run("drill", "--resume", str(draft), env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Saved from the draft: 1 rating (exe-scaling).\nThe draft {draft} is removed.\n",
        "",
    )
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [("exe-scaling", 3)]
    assert run("progress", env=NOW).code == 0


@pytest.mark.parametrize(
    ("kind", "options", "named"),
    [
        ("drill", ["--format", "json"], "--format"),
        (
            "drill",
            ["--list", "--round", "people", "--count", "3", "--more"],
            "--round, --count, --more, --list",
        ),
        ("mock", ["--round", "tech", "--minutes", "5", "--list"], "--round, --minutes, --list"),
    ],
)
def test_an_option_of_a_session_beside_resume_is_refused_not_left_unused(
    isolated: Path, kind: str, options: list[str], named: str
) -> None:
    """`--resume` saves a draft and starts no session: before, `drill --resume DRAFT --format
    json` printed its text lines to a script reading JSON, and `--list` (ask nothing, print)
    or `--round` went unused without a word, the draft saved and removed all the same."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    draft = _draft(isolated.parent / "drafts", ("rec-why-coursera", "2026-11-20T09:00:00+00:00"))
    kept = draft.read_bytes()
    r = run(kind, "--resume", str(draft), *options, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --resume saves what a draft holds and starts no {kind}, so {named} "
        f"would not be used: give --resume alone: emprep {kind} --resume {draft}\n",
    )
    assert isolated.read_bytes() == before
    assert draft.read_bytes() == kept
    assert run("drill", "--resume", str(draft), env=NOW).code == 0
    assert not draft.exists()


def test_a_draft_of_a_question_the_pack_lacks_names_the_pack_as_the_fix(isolated: Path) -> None:
    """A drill taken with another pack (`--data`), resumed without it: before, "unknown
    question 'team-okrs': list the ids with 'emprep questions'", which cannot help."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    before = isolated.read_bytes()
    draft = _draft(
        isolated.parent / "drafts",
        ("exe-scaling", "2026-11-20T09:00:00+00:00"),
        ("team-okrs", "2026-11-20T09:01:00+00:00"),
    )
    r = run("drill", "--resume", str(draft), env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --resume {draft}: its rating of 'team-okrs' names no question of the "
        "loop pack in use; resume it with the pack the drill was taken with (--data DIR, or "
        "none for the built-in one), or take that rating out of the draft\n"
    )
    assert isolated.read_bytes() == before
    assert draft.exists()


_DRAFTED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _mock_draft_resumed(isolated: Path, begun: Mock, rating: str) -> tuple[Result, Path]:
    """`mock --resume` of a draft left by a mock `begun` at _DRAFTED, one answer `rating` in."""
    from emprep.core.journal import Journal, rated
    from emprep.storage.journal import text

    journal = rated(Journal("mock", mock=begun), rating, 3, seconds=60, at=_DRAFTED)
    draft = isolated.parent / "drafts" / "mock-20261120-090000.toml"
    draft.parent.mkdir(parents=True)
    draft.write_text(text(journal), encoding="utf-8")
    return run("mock", "--resume", str(draft), env=NOW), draft


def test_a_mock_draft_scored_on_another_pack_s_criteria_is_refused(isolated: Path) -> None:
    """Before, a mock taken with another pack (`--data`) and resumed without it saved its
    scores on criteria the round lacks: `progress` then scored the round on them."""
    begun = Mock("people", _DRAFTED, 60, ["ppl-prioritize"], scores={"Depth of design": 4})
    r, draft = _mock_draft_resumed(isolated, begun, "ppl-prioritize")
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --resume {draft}: its mock scores 'Depth of design', which the people "
        "round of the loop pack in use does not name; resume it with the pack the mock was "
        "taken with (--data DIR, or none for the built-in one)\n"
    )
    assert not isolated.exists()
    assert draft.exists()


@pytest.mark.parametrize(
    ("questions", "rating", "place"),
    [
        (["ppl-prioritize", "tech-design-feature"], "ppl-prioritize", "questions hold"),
        (["ppl-prioritize"], "tech-design-feature", "ratings hold"),
    ],
)
def test_a_mock_draft_holding_another_round_s_question_is_refused(
    isolated: Path, questions: list[str], rating: str, place: str
) -> None:
    """Before, a mock draft edited to hold a question its round does not ask was saved as it
    was, and `mock --continue` then asked the technical round's design question in the
    people round."""
    r, draft = _mock_draft_resumed(isolated, Mock("people", _DRAFTED, 60, questions), rating)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --resume {draft}: its mock's {place} 'tech-design-feature', which the "
        "people round of the loop pack in use does not ask (edited by hand?); take it out of "
        "the draft, or resume it with the pack the mock was taken with (--data DIR, or none "
        "for the built-in one)\n"
    )
    assert not isolated.exists()
    assert draft.exists()


def _continued_mock(
    isolated: Path, round_id: str, questions: list[str], listed: list[str]
) -> Result:
    """`mock --continue` (with `listed`) of a mock of `round_id` asking `questions`, one of them
    answered, put in the file as a hand edit would: refused with exit 2 and nothing on stdout,
    the file as it was, the other commands still working."""
    from dataclasses import replace

    from emprep.core.models import Mock, MockAnswer

    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    at = datetime(2026, 11, 20, 9, 5, tzinfo=UTC)
    answer = MockAnswer("rec-why-coursera", 3, 100)
    mock = Mock(round_id, at, 45, questions, [answer])
    store.update(isolated, lambda p: replace(p, mocks=[mock]))
    before = isolated.read_bytes()
    r = run("mock", "--continue", *listed, env={"EMPREP_NOW": "2026-11-20T10:00:00+00:00"})
    assert (r.code, r.stdout) == (2, "")
    assert isolated.read_bytes() == before
    assert run("progress", env=NOW).code == 0
    return r


@pytest.mark.parametrize("listed", [["--list"], []])
def test_a_mock_in_the_file_holding_another_round_s_question_is_not_gone_on_with(
    isolated: Path, listed: list[str]
) -> None:
    """Before, `mock --continue` of a recruiter mock edited by hand to hold the technical
    round's design question planned it: "Recruiter/HR Interview, 35 min, 1 question of
    35:00", tech-design-feature."""
    r = _continued_mock(isolated, "recruiter", ["rec-why-coursera", "tech-design-feature"], listed)
    assert r.stderr == (
        "emprep: error: mocks[0].questions in your progress file holds 'tech-design-feature', "
        "which the recruiter round does not ask in this loop (edited by hand?): take it out "
        "of that mock, or go on with the pack the mock was taken with (--data DIR)\n"
    )


@pytest.mark.parametrize("listed", [["--list"], []])
def test_a_mock_in_the_file_of_a_round_the_loop_lacks_is_named_where_it_is(
    isolated: Path, listed: list[str]
) -> None:
    """Before, `mock --continue` of a mock whose round the pack lacks (edited by hand, or
    taken with another `--data` pack) said "unknown round 'board': valid: ...", as if the
    round had been typed, where nothing was: the line now names the mock in the file."""
    r = _continued_mock(isolated, "board", ["rec-why-coursera", "rec-why-leaving"], listed)
    assert r.stderr == (
        "emprep: error: mocks[0].round in your progress file is 'board', a round this loop "
        "lacks (its rounds: recruiter, technical, people, strategic, executive): go on with "
        "the pack the mock was taken with (--data DIR), or take that mock out of the file\n"
    )


def test_a_mock_draft_older_than_the_file_names_itself_and_the_fix(isolated: Path) -> None:
    from emprep.core.journal import Journal, rated
    from emprep.core.models import Mock
    from emprep.storage.journal import text

    at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    begun = Journal("mock", mock=Mock("people", at, 60, ["ppl-prioritize"]))
    draft = isolated.parent / "drafts" / "mock-20261120-090000.toml"
    draft.parent.mkdir(parents=True)
    draft.write_text(text(rated(begun, "ppl-prioritize", 3, seconds=60, at=at)), "utf-8")
    assert run("mock", "--resume", str(draft), env=NOW).code == 0
    before = isolated.read_bytes()
    draft.write_text(text(begun), "utf-8")
    r = run("mock", "--resume", str(draft), env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --resume {draft}: the mock begun at 2026-11-20 09:00:00+00:00 holds "
        "answers this draft lacks; the draft is older than the file, so nothing in it is "
        "missing there: remove the draft\n"
    )
    assert isolated.read_bytes() == before


def test_a_draft_given_through_a_link_leaves_the_link(isolated: Path) -> None:
    """Before, the path given was unlinked whatever it was: `drill --resume /dev/stdin <
    draft.toml` (a link to the file read) removed /dev/stdin itself when run as root."""
    draft = _draft(isolated.parent / "drafts", ("exe-scaling", "2026-11-20T09:00:00+00:00"))
    link = isolated.parent / "stdin"
    link.symlink_to(draft)
    r = run("drill", "--resume", str(link), env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        f"Saved from the draft: 1 rating (exe-scaling).\nThe draft {link} is left as it is: it "
        "is a link, not a draft emprep wrote; all it holds is in the progress file.\n"
    )
    assert link.is_symlink()
    assert draft.exists()


def test_a_draft_that_cannot_be_removed_after_its_save_is_said_not_a_failure(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the unlink's PermissionError (a draft in a folder of another user's) after
    the ratings were saved."""
    draft = _draft(isolated.parent / "drafts", ("exe-scaling", "2026-11-20T09:00:00+00:00"))

    unlink = Path.unlink

    def refused(self: Path, missing_ok: bool = False) -> None:
        if self == draft:
            raise PermissionError(13, "Permission denied", str(self))
        unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", refused)
    r = run("drill", "--resume", str(draft), env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        f"Saved from the draft: 1 rating (exe-scaling).\nThe draft {draft} is left as it is: it "
        "cannot be removed (Permission denied); all it holds is in the progress file.\n"
    )


@needs_setpriv
@pytest.mark.parametrize("what", ["is empty", "is not there"])
def test_a_file_gone_beside_a_backup_it_cannot_read_is_refused_with_the_fix(
    isolated: Path, what: str
) -> None:
    """Before: "unexpected Unfit: ...bak: cannot be read", exit 1, for every command."""
    _a_review(isolated)
    _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    kept = bak.read_bytes()
    if what == "is empty":
        isolated.write_bytes(b"")
    else:
        isolated.unlink()
    bak.chmod(0o000)
    try:
        for command in (["today"], ["review", "exe-scaling", "good"]):
            r = as_a_user(*command, env=NOW)
            assert (r.code, r.stdout, r.stderr) == (
                2,
                "",
                f"emprep: error: progress file {isolated}: {what}, and its backup {bak}, which "
                "may hold your progress, cannot be read (permission denied); make it readable "
                f"and writable first (chmod u+rw '{bak}'), then try again\n",
            ), command
    finally:
        bak.chmod(0o600)
    assert bak.read_bytes() == kept
    assert isolated.exists() == (what == "is empty")


@pytest.mark.parametrize("name", ["it's mine", 'say "hi" $HOME `id`', "ünïcode ✓ folder"])
def test_the_commands_a_message_gives_for_the_shell_work_pasted_whatever_the_path(
    tmp_path: Path, name: str
) -> None:
    """The ways back to a backup quoted each path in '...': a folder whose name holds a '
    gave a command the shell could not run (or one that ran something else)."""
    path = tmp_path / name / "progress.toml"
    env = {**NOW, "EMPREP_PROGRESS": str(path)}
    assert run("review", "exe-scaling", "good", env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    bak = path.with_name("progress.toml.bak")
    saved = bak.read_bytes()
    for damage, start, end in (
        (b"", "go back to it: ", " (or delete both"),
        (b"schema = [", "keeping this file aside: ", "\n"),
    ):
        path.write_bytes(damage)
        said = run("today", env=env).stderr
        pasted = said[said.index(start) + len(start) : said.index(end, said.index(start))]
        done = subprocess.run(["sh", "-c", pasted], capture_output=True, text=True, cwd=tmp_path)
        assert (done.returncode, done.stderr) == (0, ""), pasted
        assert path.read_bytes() == saved
    assert path.with_name("progress.toml.broken").read_bytes() == b"schema = ["
    path.chmod(0o444)
    said = as_a_user("review", "exe-scaling", "good", env=env).stderr
    pasted = said[said.index("(chmod") + 1 : said.index("), then")]
    done = subprocess.run(["sh", "-c", pasted], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, ""), pasted
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("shell", ["bash", "zsh"])
@pytest.mark.parametrize(
    "name", ["nl\nfolder", "tab\tit's", "esc\x1b[31mred\\", os.fsdecode(b"latin-\xe9")]
)
def test_a_path_with_a_control_character_is_pasted_in_ansi_c_quotes(
    tmp_path: Path, name: str, shell: str
) -> None:
    """The message is one line, so a newline in the path was shown as `\\n` inside '...':
    the `cp` it gave named a path that does not exist. Now `$'...'`, which bash and zsh
    read as the path itself."""
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / name / "progress.toml"
    env = {**NOW, "EMPREP_PROGRESS": str(path)}
    assert run("review", "exe-scaling", "good", env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    saved = path.with_name("progress.toml.bak").read_bytes()
    path.write_bytes(b"schema = [")
    said = run("today", env=env).stderr
    start = "keeping this file aside: "
    pasted = said[said.index(start) + len(start) : -1]
    assert "\n" not in said[:-1] and pasted.startswith("cp $'"), pasted
    done = subprocess.run([shell, "-c", pasted], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, ""), pasted
    assert path.read_bytes() == saved
    assert path.with_name("progress.toml.broken").read_bytes() == b"schema = ["


@needs_setpriv
def test_a_broken_file_beside_a_backup_it_cannot_read_names_the_backup_s_fix(
    isolated: Path,
) -> None:
    """Before: "its backup ... does not load either", as if the backup were broken too."""
    _a_review(isolated)
    _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    isolated.write_text("schema = [")
    bak.chmod(0o000)
    try:
        r = as_a_user("today", env=NOW)
    finally:
        bak.chmod(0o600)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.endswith(
        f"; fix it by hand, or see what its backup holds: {bak} cannot be read (permission "
        f"denied); make it readable first (chmod u+r '{bak}'), then try again\n"
    )


@needs_setpriv
def test_a_broken_file_beside_a_read_only_backup_that_does_not_load_says_so(
    isolated: Path,
) -> None:
    """Before: "make it writable first", which the backup did not need, and then "does not
    load either" once it was."""
    _a_review(isolated)
    _a_review(isolated)
    bak = isolated.with_name("progress.toml.bak")
    isolated.write_text("schema = [")
    bak.write_text("x = [")
    bak.chmod(0o400)
    try:
        r = as_a_user("today", env=NOW)
    finally:
        bak.chmod(0o600)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.endswith(f"; fix it by hand (its backup {bak} does not load either)\n")


@pytest.mark.parametrize(
    ("zone", "now", "interview"),
    [
        ("America/New_York", "2027-03-13T23:30", "2027-03-30"),  # summer time from 14 March
        ("America/New_York", "2027-03-14T03:30", "2027-03-30"),
        ("Europe/London", "2027-03-28T00:30", "2027-04-06"),  # summer time from 28 March
        ("Europe/London", "2027-03-28T23:59", "2027-04-06"),
        ("Europe/London", "2027-10-30T23:30", "2027-11-10"),  # winter time from 31 October
        ("America/New_York", "2027-11-07T01:30", "2027-11-20"),  # winter time from 7 November
    ],
)
def test_the_pace_forecast_and_rest_days_keep_their_days_across_a_clock_change(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, zone: str, now: str, interview: str
) -> None:
    """Sundays off, a loop whose weeks hold a change of the clocks: the forecast has each
    practice day once, from today (when it is one) to the interview, none shifted onto the
    Sunday or doubled by the hour that comes twice, and the Sunday of the change is a rest
    day at any hour."""
    monkeypatch.setenv("TZ", zone)
    at = {"EMPREP_NOW": now}
    run("config", "set", "interview", interview)
    run("config", "set", "rest-days", "sun")
    assert run("review", "rec-why-coursera", "good", env=at).code == 0
    doc = json.loads(run("progress", "--format", "json", env=at).stdout)
    days = [date.fromisoformat(p["date"]) for p in doc["pace"]["current"]["curve"]]
    first, last = date.fromisoformat(now[:10]), date.fromisoformat(interview)
    every = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    assert days == [d for d in every if d.weekday() != 6]
    drill = json.loads(run("drill", "--list", "--format", "json", env=at).stdout)
    assert (drill["date"], drill["rest_day"]) == (now[:10], first.weekday() == 6)


@needs_setpriv
def test_a_file_given_that_cannot_be_read_names_the_fix_that_reads_it(
    tmp_path: Path, pack_copy: Path
) -> None:
    """Before: "cannot be read (permission denied); give a text file's path" (or "a pack
    folder holds rounds.toml and questions.toml as regular files"): it is one."""
    given = tmp_path / "note.txt"
    given.write_text("My outline\n")
    given.chmod(0o000)
    r = as_a_user("note", "exe-scaling", "--from", str(given), env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --from {given}: cannot be read (permission denied); make it readable "
        f"first (chmod u+r '{given}'), then try again\n",
    )
    r = as_a_user("drill", "--resume", str(given), env=NOW)
    assert r.stderr.endswith(
        f"(permission denied); make it readable first (chmod u+r '{given}'), then try again\n"
    )
    questions = pack_copy / "questions.toml"
    questions.chmod(0o000)
    r = as_a_user("--data", str(pack_copy), "rounds", env=NOW)
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {questions}: cannot be read (permission denied); make it readable "
        f"first (chmod u+r '{questions}'), then try again\n",
    )
    questions.chmod(0o644)
    pack_copy.chmod(0o000)
    try:
        r = as_a_user("--data", str(pack_copy), "rounds", env=NOW)
    finally:
        pack_copy.chmod(0o755)
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {pack_copy / 'rounds.toml'}: cannot be read (permission denied); the "
        f"folder {pack_copy} is closed to you: open it first (chmod u+rx '{pack_copy}'), then "
        "try again\n",
    )
    if os.geteuid() == 0:
        given.chmod(0o600)
        os.chown(given, 4321, 4321)
        r = as_a_user("note", "exe-scaling", "--from", str(given), env=NOW)
        assert r.stderr == (
            f"emprep: error: --from {given}: cannot be read (permission denied); it belongs to "
            "user id 4321, which no account on this computer has: make it yours first (sudo "
            f"chown \"$(id -un)\" '{given}'), then try again\n"
        )


@needs_setpriv
def test_a_progress_folder_that_cannot_be_made_names_the_option_that_moves_it(
    tmp_path: Path,
) -> None:
    """A home you cannot write (a shared account's, a container's): "give a path in a folder
    you can write" did not say how."""
    home = tmp_path / "home"
    home.mkdir(mode=0o555)
    path = home / ".local" / "share" / "emprep" / "progress.toml"
    try:
        r = as_a_user("review", "exe-scaling", "good", env={**NOW, "EMPREP_PROGRESS": str(path)})
    finally:
        home.chmod(0o755)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {path}: its folder cannot be made (Permission denied); "
        f"give a path in a folder you can write: {another_path(path)}\n",
    )
    assert list(home.iterdir()) == []


@pytest.mark.parametrize("under", ["", "a/"])
def test_a_progress_path_through_a_file_says_so_not_file_exists(tmp_path: Path, under: str) -> None:
    """`--progress notes.txt/p.toml` (a file where a folder goes, a HOME that is a file) said
    "its folder cannot be made (File exists)", or "(Not a directory)", of a folder that is
    not there."""
    (tmp_path / "notes.txt").write_text("mine\n")
    path = tmp_path / "notes.txt" / f"{under}p.toml"
    r = run("--progress", str(path), "review", "exe-scaling", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {path}: a folder in its path is a file; give a path in a "
        "folder you can write: --progress PATH (or EMPREP_PROGRESS)\n",
    )
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_a_relative_path_starting_with_a_dash_is_pasted_as_a_file_not_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--progress -p.toml`: the way back said `cp '-p.toml' ...`, which cp reads as options."""
    monkeypatch.chdir(tmp_path)
    env = {**NOW, "EMPREP_PROGRESS": "-p.toml"}
    assert run("review", "exe-scaling", "good", env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    path = tmp_path / "-p.toml"
    saved = path.with_name("-p.toml.bak").read_bytes()
    path.write_bytes(b"schema = [")
    said = run("today", env=env).stderr
    start = "keeping this file aside: "
    pasted = said[said.index(start) + len(start) : -1]
    assert pasted.startswith("cp './-p.toml' "), pasted
    done = subprocess.run(["sh", "-c", pasted], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, ""), pasted
    assert path.read_bytes() == saved


@needs_setpriv
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_lock_left_by_another_user_names_its_owner_and_the_mv_that_frees_it(
    isolated: Path,
) -> None:
    """Before: "cannot be opened (permission denied); move it away", naming neither."""
    _a_review(isolated)
    lock = isolated.with_name("progress.toml.lock")
    os.chown(lock, 4321, 4321)
    data = isolated.read_bytes()
    r = as_a_user("review", "exe-scaling", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its lock {lock} belongs to user id 4321, "
        f"which no account on this computer has, so you cannot open it; move it away (mv "
        f"'{lock}' '{lock}.old'), then try again\n",
    )
    assert isolated.read_bytes() == data
    pasted = _pasted(r.stderr, "away (", "), then")
    assert subprocess.run(["sh", "-c", pasted]).returncode == 0
    assert as_a_user("review", "exe-scaling", "good", env=NOW).code == 0


def _sticky(folder: Path) -> None:
    """`folder` as /tmp is: another user's, open to all, sticky."""
    os.chown(folder, 4321, 4321)
    folder.chmod(0o1777)


def _theirs_in_a_sticky_folder(
    isolated: Path, name: str, content: bytes | None = None
) -> tuple[bytes, Path, Result]:
    """After a review, `name` beside the file (written with `content` first, if given) given
    to a user id no account has, in a folder as /tmp is: the file's bytes then, that path, and
    the next review as a user without the power to move another's file."""
    _a_review(isolated)
    data = isolated.read_bytes()
    theirs = isolated.with_name(name)
    if content is not None:
        theirs.write_bytes(content)
    os.chown(theirs, 1234, 1234)
    _sticky(isolated.parent)
    return data, theirs, as_a_user("review", "exe-scaling", "good", env=NOW, owner_only=True)


def _pasted(said: str, start: str, end: str) -> str:
    """The command a message gives between `start` and `end`, as a person pastes it (as root
    here: `sudo` dropped)."""
    return said[said.index(start) + len(start) : said.index(end)].removeprefix("sudo ")


@needs_setpriv
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_another_users_backup_in_a_sticky_folder_is_said_with_what_moves_it(
    isolated: Path,
) -> None:
    """Before: "cannot be written (Operation not permitted) ... Free some space or fix the
    folder's permissions", neither of which helps there, nor a `mv` of it."""
    data, bak, r = _theirs_in_a_sticky_folder(isolated, "progress.toml.bak", b"theirs")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its backup {bak} belongs to user id 1234, "
        f"which no account on this computer has, and its folder {isolated.parent} lets only a "
        "file's owner replace it (a sticky folder, as /tmp is); nothing was changed: the file "
        "and its backup are as they were. Have it moved away by its owner or with sudo (sudo "
        f"mv '{bak}' '{bak}.old'), then try again, or give a path in a folder of your own: "
        f"{another_path(isolated)}\n",
    )
    assert (isolated.read_bytes(), bak.read_bytes()) == (data, b"theirs")
    assert subprocess.run(["sh", "-c", _pasted(r.stderr, "(sudo ", "), then")]).returncode == 0
    assert as_a_user("review", "exe-scaling", "good", env=NOW, owner_only=True).code == 0
    assert bak.read_bytes() == data


@needs_setpriv
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_another_users_backup_in_a_sticky_folder_is_said_before_the_drill_s_first_question(
    isolated: Path,
) -> None:
    """Every save fails on it, but it was said only at the first: the drill showed its first
    question, and the rating given went to the drill's draft, to be saved by `--resume` once
    the backup was moved (a story's prompts alike). Now it is said before anything is asked,
    as another emprep's lock is; root, who may replace it (sudo), is not stopped."""
    _a_review(isolated)
    data = isolated.read_bytes()
    bak = isolated.with_name("progress.toml.bak")
    bak.write_bytes(b"theirs")
    os.chown(bak, 1234, 1234)
    _sticky(isolated.parent)
    locking.writable(isolated)  # root, with CAP_FOWNER: may replace it
    child = spawn(["drill"], isolated, NOW["EMPREP_NOW"], user=True, owner_only=True)
    child.expect(pexpect.EOF)
    shown = child.before.replace("\r\n", " ")
    assert ended(child) == 2
    assert shown.startswith(
        f"emprep: error: progress file {isolated}: its backup {bak} belongs to user id 1234, "
    )
    assert "[1/" not in shown
    assert (isolated.read_bytes(), bak.read_bytes()) == (data, b"theirs")
    assert not (isolated.parent / "drafts").exists()


@needs_setpriv
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_another_users_lock_in_a_sticky_folder_is_said_with_what_moves_it(
    isolated: Path,
) -> None:
    """Before: "move it away (mv ...)", which the sticky folder refuses too."""
    data, lock, r = _theirs_in_a_sticky_folder(isolated, "progress.toml.lock")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its lock {lock} belongs to user id 1234, "
        f"which no account on this computer has, and its folder {isolated.parent} lets only a "
        "file's owner move it (a sticky folder, as /tmp is), so you can neither open nor move "
        f"it; have it moved away by its owner or with sudo (sudo mv '{lock}' '{lock}.old'), "
        f"then try again, or give a path in a folder of your own: {another_path(isolated)}\n",
    )
    assert isolated.read_bytes() == data
    mv = ["setpriv", *without_overrides(True), "mv", str(lock), f"{lock}.old"]
    assert subprocess.run(mv).returncode == 1  # as a user
    assert subprocess.run(["sh", "-c", _pasted(r.stderr, "(sudo ", "), then")]).returncode == 0
    assert as_a_user("review", "exe-scaling", "good", env=NOW, owner_only=True).code == 0


@needs_setpriv
def test_a_lock_of_ones_own_closed_to_all_is_said_with_the_chmod_that_opens_it(
    isolated: Path,
) -> None:
    """Before: "cannot be opened (permission denied); move it away", with no command."""
    _a_review(isolated)
    data = isolated.read_bytes()
    lock = isolated.with_name("progress.toml.lock")
    lock.chmod(0)
    r = as_a_user("review", "exe-scaling", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: its lock {lock} cannot be opened (its mode "
        f"is 0000: you may not read and write it); give it back to yourself (chmod u+rw "
        f"'{lock}'), then try again\n",
    )
    assert isolated.read_bytes() == data
    chmod = _pasted(r.stderr, "yourself (", "), then")
    assert subprocess.run(["sh", "-c", chmod]).returncode == 0
    assert as_a_user("review", "exe-scaling", "good", env=NOW).code == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_under_sudo_the_folders_made_in_a_users_home_are_the_users(tmp_path: Path) -> None:
    """`sudo emprep review ...` keeping HOME made ~/.local, ~/.local/share/emprep, ~/.cache
    and the progress file root's, mode 0700: that user's emprep (and pip --user) were locked
    out of them after."""
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, 4321, 4322)
    env = {**os.environ, **NOW, "HOME": str(home), "EMPREP_PROGRESS": "", "XDG_CACHE_HOME": ""}
    done = subprocess.run(
        [installed_emprep(), "review", "exe-scaling", "good"], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share" / "emprep"
    made = [
        home / ".local",
        home / ".local" / "share",
        data,
        home / ".cache",
        home / ".cache" / "emprep",
    ]
    made += [data / "progress.toml", data / "progress.toml.lock"]
    assert {p: (p.stat().st_uid, p.stat().st_gid) for p in made} == {p: (4321, 4322) for p in made}
    assert stat.S_IMODE((data / "progress.toml").stat().st_mode) == 0o600


@needs_setpriv
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_progress_folder_of_another_user_names_its_owner_and_the_chown(isolated: Path) -> None:
    """Before: "cannot be read (permission denied); check its permissions" (`today`), "give a
    regular file's path" (`review`)."""
    _a_review(isolated)
    folder = isolated.parent
    os.chown(folder, 4321, 4321)
    folder.chmod(0o700)
    for command in (["today"], ["review", "exe-scaling", "good"]):
        r = as_a_user(*command, env=NOW)
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: progress file {isolated}: is in {folder}, which belongs to user id "
            "4321, which no account on this computer has, so you cannot open it; make it yours "
            f"first (sudo chown -R \"$(id -un)\" '{folder}'), then try again\n",
        ), command


@needs_setpriv
def test_a_file_in_a_folder_you_cannot_enter_names_that_folder(isolated: Path) -> None:
    """Before: "let yourself into the folders on its path", naming none of them."""
    shut = isolated.parent.parent / "shut"
    shut.mkdir()
    (shut / "x.txt").write_text("my outline\n")
    shut.chmod(0o000)
    try:
        r = as_a_user("note", "rec-hands-on", "--from", str(shut / "x.txt"), env=NOW)
    finally:
        shut.chmod(0o700)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: --from {shut / 'x.txt'}: cannot be read (permission denied); the "
        f"folder {shut} is closed to you: open it first (chmod u+rx '{shut}'), then try again\n"
    )
    assert not isolated.exists()


def test_a_variable_no_shell_expanded_after_a_tilde_is_refused(isolated: Path) -> None:
    """`--progress '~/$HOME/p.toml'` made a folder named `$HOME` in the home folder and saved
    there: only a variable at the very start was caught."""
    r = run("--progress", "~/$HOME/p.toml", "config", "set", "hours", "5")
    assert (r.code, r.stdout) == (2, "")
    home = Path(os.environ["HOME"])
    assert r.stderr == (  # the path offered was '~/...', a ~ no shell expands in quotes
        "emprep: error: --progress '~/$HOME/p.toml': holds $HOME, which no shell expanded (it "
        "was quoted, or set where no shell reads it), and no such file exists; give the path "
        f"itself, say '{home}{home}/p.toml'\n"
    )
    r = run("--progress", "~/p.toml ", "config", "set", "hours", "5")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: --progress '~/p.toml ': begins or ends with a space, and no such file "
        f"exists; give the path without it, say '{home}/p.toml'\n",
    )
    assert not home.exists() or list(home.iterdir()) == []


@pytest.mark.parametrize("how", ["renamed", "in place"])
def test_a_file_a_sync_client_puts_in_place_during_a_save_is_changed_not_overwritten(
    isolated: Path, tmp_path: Path, how: str
) -> None:
    """A sync client that brought another computer's copy between emprep's read and its
    replace had that copy overwritten by the one changed from the read, and the backup held
    the read: what the other computer had saved was in neither. Now the change is made to
    the copy the client put there, and the backup holds that copy."""
    assert run("note", "exe-scaling", "--text", "mine", env=NOW).code == 0
    theirs = isolated.read_text().replace('"mine"', '"written on the other computer"')
    held = tmp_path / "held"
    # held where the new file is about to be written: the file has been read and changed
    # SIGWINCH, which emprep ignores here, lets the held call go on
    moment = at_the_moment(
        "emprep.storage.files:temporary", repr(str(isolated)), held, signal.SIGWINCH
    )
    child = subprocess.Popen(
        [installed_emprep(), "review", "rec-why-coursera", "good", "--seconds", "60"],
        env={**os.environ, **NOW, **moment},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    when_held(held)
    if how == "renamed":  # Syncthing, Dropbox: a temporary file renamed over it
        synced = isolated.with_name(".progress.toml.synced")
        synced.write_text(theirs)
        synced.replace(isolated)
    else:
        with isolated.open("w") as f:
            f.write(theirs)
    child.send_signal(signal.SIGWINCH)
    out, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (0, "")
    assert out.startswith("Recorded rec-why-coursera: Good.")
    saved = store.load(isolated)
    assert saved.notes == {"exe-scaling": "written on the other computer"}
    assert [(r.question, r.rating) for r in reviews(saved)] == [("rec-why-coursera", 3)]
    assert store.backup(isolated).read_text() == theirs


def test_a_file_replaced_at_every_save_is_said_and_left_as_the_other_program_left_it(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync client that never stops replacing the file: emprep gives up after 5 reads,
    says so, and overwrites none of the copies it brought, nor the backup: it still holds
    the version before the last save, not a copy the client replaced."""
    assert run("note", "exe-scaling", "--text", "first", env=NOW).code == 0
    assert run("note", "exe-scaling", "--text", "mine", env=NOW).code == 0
    kept = store.backup(isolated).read_bytes()
    assert b'"first"' in kept
    original = files.temporary
    brought = 0

    def racing(path: Path, data: bytes, **kwargs: Any) -> Path:
        nonlocal brought
        if path == isolated:  # another copy (of another size) each time emprep is to write
            brought += 1
            was = f'"{store.load(isolated).notes["exe-scaling"]}"'
            isolated.write_text(isolated.read_text().replace(was, f'"copy {brought * "+"}"'))
        return original(path, data, **kwargs)

    monkeypatch.setattr(files, "temporary", racing)
    r = run("review", "rec-why-coursera", "good", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: another program (a sync client?) replaced "
        "it 5 times while emprep saved a change to it; nothing was changed: the file is as "
        "that program left it. Let it finish (pause its syncing), then try again\n"
    )
    assert brought == 5
    monkeypatch.undo()
    assert store.load(isolated).notes == {"exe-scaling": "copy +++++"}
    assert reviews(store.load(isolated)) == []
    assert store.backup(isolated).read_bytes() == kept


def _within_one_tick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every regular file's times as one tick of a coarse clock gives them: every write in it
    leaves them as they were (a few ms on ext4 before Linux 6.13, a second on sshfs)."""
    pinned = {
        f"st_{k}time{ns}": 1800000000 * (10**9 if ns else 1) for k in "amc" for ns in ("", "_ns")
    }

    def ticked(looked: Callable[..., os.stat_result]) -> Callable[..., os.stat_result]:
        def look(*args: Any, **kwargs: Any) -> os.stat_result:
            st = looked(*args, **kwargs)
            return os.stat_result(list(st), pinned) if stat.S_ISREG(st.st_mode) else st

        return look

    monkeypatch.setattr(os, "stat", ticked(os.stat))
    monkeypatch.setattr(os, "fstat", ticked(os.fstat))


def test_a_rewrite_in_place_of_the_same_size_within_one_tick_is_changed_not_overwritten(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program that wrote the file in place, as many bytes, within the tick of the
    file system's clock of the last write before emprep read it left its inode, size and
    times as they were: the save took it for the file read and wrote over it (199 of 200
    such rewrites on ramfs, whose clock ticks every 4 ms). The bytes are compared at every
    save now: the change is made to what that program wrote."""
    assert run("note", "exe-scaling", "--text", "mine", env=NOW).code == 0
    _within_one_tick(monkeypatch)
    theirs = isolated.read_text().replace('"mine"', '"them"')
    original = files.temporary
    brought = 0

    def racing(path: Path, data: bytes, **kwargs: Any) -> Path:
        nonlocal brought
        if path == isolated and not brought:  # written in place as emprep is to write
            brought += 1
            with isolated.open("r+") as f:
                f.write(theirs)
        return original(path, data, **kwargs)

    monkeypatch.setattr(files, "temporary", racing)
    r = run("review", "exe-scaling", "hard", env=NOW)
    assert (r.code, r.stderr, brought) == (0, "", 1)
    saved = store.load(isolated)
    assert saved.notes == {"exe-scaling": "them"}
    assert [(x.question, x.rating) for x in reviews(saved)] == [("exe-scaling", 2)]
    assert store.backup(isolated).read_text() == theirs


def test_a_file_system_that_numbers_files_afresh_saves_and_still_sees_a_copy(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a file's inode number differs at every look, the file read and the file about
    to be replaced looked like two: every save gave up after 5 tries, "another program (a
    sync client?) replaced it". The very bytes read are the file read; a copy of other bytes
    (of the same size and time, as a sync client brings it) is still told apart and changed
    in turn, not overwritten."""
    assert run("note", "exe-scaling", "--text", "mine", env=NOW).code == 0
    numbered_afresh(monkeypatch, isolated)
    r = run("review", "rec-why-coursera", "good", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert [(x.question, x.rating) for x in reviews(store.load(isolated))] == [
        ("rec-why-coursera", 3)
    ]
    theirs = isolated.read_text().replace('"mine"', '"them"')
    original = files.temporary
    brought = 0

    def racing(path: Path, data: bytes, **kwargs: Any) -> Path:
        nonlocal brought
        if path == isolated and not brought:  # one copy, brought as emprep is to write
            brought += 1
            read = isolated.stat()
            synced = isolated.with_name(".progress.toml.synced")
            synced.write_text(theirs)
            os.utime(synced, ns=(read.st_atime_ns, read.st_mtime_ns))
            synced.replace(isolated)
        return original(path, data, **kwargs)

    monkeypatch.setattr(files, "temporary", racing)
    r = run("review", "exe-scaling", "hard", env=NOW)
    assert (r.code, r.stderr, brought) == (0, "", 1)
    saved = store.load(isolated)
    assert saved.notes == {"exe-scaling": "them"}
    assert [(x.question, x.rating) for x in reviews(saved)] == [
        ("rec-why-coursera", 3),
        ("exe-scaling", 2),
    ]
    assert store.backup(isolated).read_text() == theirs


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_symlink_to_a_folder_not_there_is_said_not_taken_for_a_first_run(
    isolated: Path, tmp_path: Path, linked: str
) -> None:
    """A progress file kept in a synced folder by a symlink (of the file, or of its folder),
    the synced folder not there yet (not mounted, not synced): `today` showed a first run,
    and a rating made the folder and a new file in it, which the mount then hid, or the sync
    set against the file it brought. Said in one line by every command; nothing made."""
    synced = tmp_path / "Dropbox" / "emprep"
    if linked == "file":
        isolated.parent.mkdir(parents=True, exist_ok=True)
        isolated.symlink_to(synced / "progress.toml")
    else:
        shutil.rmtree(isolated.parent, ignore_errors=True)
        isolated.parent.symlink_to(synced)
    said = (
        f"emprep: error: progress file {isolated}: a symlink leads it to "
        f"{synced / 'progress.toml'}, whose folder {synced} is not there (a synced folder or a "
        "disk not mounted yet?); nothing was changed. Mount it or let it sync, then try "
        f"again; to start afresh there, make the folder first: mkdir -p {files.quoted(synced)}\n"
    )
    for args in (("today",), ("review", "exe-scaling", "good"), ("config", "set", "hours", "6")):
        r = run(*args, env=NOW)
        assert (r.code, r.stdout, r.stderr) == (2, "", said), args
    assert not (tmp_path / "Dropbox").exists()
    synced.mkdir(parents=True)
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert [(x.question, x.rating) for x in reviews(store.load(isolated))] == [("exe-scaling", 3)]


def test_folders_missing_under_a_link_that_leads_somewhere_are_made(tmp_path: Path) -> None:
    """A home reached by a symlink (/home to /var/home), on a first run: the folders under
    it are made, as anywhere else."""
    (tmp_path / "var-home").mkdir()
    (tmp_path / "home").symlink_to(tmp_path / "var-home")
    path = tmp_path / "home" / ".local" / "share" / "emprep" / "progress.toml"
    r = run("--progress", str(path), "review", "exe-scaling", "good", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert (tmp_path / "var-home" / ".local" / "share" / "emprep" / "progress.toml").is_file()


def test_a_second_hard_link_keeps_the_file_as_it_was_before_a_save(
    isolated: Path, tmp_path: Path
) -> None:
    """A save replaces the file under the name given, as the README says: another hard link
    (a snapshot made with `cp -al`) keeps the version before it."""
    assert run("note", "exe-scaling", "--text", "first", env=NOW).code == 0
    snapshot = tmp_path / "snapshot.toml"
    os.link(isolated, snapshot)
    before = snapshot.read_bytes()
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert snapshot.read_bytes() == before
    assert (isolated.stat().st_nlink, snapshot.stat().st_nlink) == (1, 1)
    assert reviews(store.load(isolated))[-1].question == "exe-scaling"


def test_a_story_removed_from_a_file_a_sync_client_replaced_meanwhile_is_kept_once(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`story rm` writes the story out to a draft as it makes the change; a change made again
    to the copy a sync client put in place wrote a second draft, and the first stayed behind,
    a story of a file no longer there. One draft, the one the message names."""
    from emprep.storage import editor

    story = ["--situation", "s", "--task", "t", "--action", "a", "--result", "r"]
    assert run("story", "add", "--title", "Mine", *story, env=NOW).code == 0
    theirs = isolated.read_text().replace('"Mine"', '"Theirs"')
    original = files.temporary
    brought = 0

    def racing(path: Path, data: bytes, **kwargs: Any) -> Path:
        nonlocal brought
        if path == isolated and not brought:  # one copy, brought as emprep is to write
            brought += 1
            isolated.write_text(theirs)
        return original(path, data, **kwargs)

    monkeypatch.setattr(files, "temporary", racing)
    r = run("story", "rm", "s1", "--yes", env=NOW)
    assert (r.code, r.stderr, brought) == (0, "", 1)
    [draft] = editor.drafts_dir(isolated).iterdir()
    assert r.stdout.startswith(f"Deleted story s1. It is kept in {draft};")
    assert "\nTheirs\n" in draft.read_text()
    assert store.load(isolated).stories == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOLCK, "No locks available"),  # NFS without its lock service
        (errno.EOPNOTSUPP, "Operation not supported"),
        (errno.ENOSYS, "Function not implemented"),
    ],
)
def test_a_folder_on_a_file_system_that_cannot_lock_is_said_and_nothing_changes(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    """Before: "cannot write the output (No locks available); free some space", exit 74; and
    where flock is not implemented at all, filelock's warning, then 15 s of waiting for a lock
    a file's existence made, which emprep's lock file, always there, held for good."""
    import fcntl

    before = _a_review(isolated)

    def cannot(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", cannot)
    monkeypatch.setattr(locking, "LOCK_TIMEOUT", 0.5)
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: its folder {isolated.parent} is on a file "
        f"system that cannot lock files ({words}), and emprep saves only under a lock, so that "
        "two saves never mix; nothing was changed. Give a path on a local disk: "
        f"{another_path(isolated)}\n"
    )
    assert isolated.read_bytes() == before


def test_a_sync_client_s_conflicted_copy_beside_the_file_is_named_with_what_to_do(
    isolated: Path,
) -> None:
    """Two computers changed a synced progress file at once: the sync client kept one
    version as the file and the other as a copy beside it, which emprep never reads. What
    only the copy held (a review, a note) counted nowhere, without a word."""
    _a_review(isolated)
    folder = isolated.parent
    copies = [
        "progress (Jane's conflicted copy 2026-11-20).toml",  # Dropbox
        "progress.sync-conflict-20261120-091500-ABCDEFG.toml",  # Syncthing
    ]
    for name in copies:
        (folder / name).write_bytes(isolated.read_bytes())
    for name in ["progress.toml.bak", "progress-conflict.toml.old", "notes (conflicted).md"]:
        (folder / name).write_text("")
    r = run("progress", "--format", "json", env=NOW)
    assert r.code == 0
    json.loads(r.stdout)
    quoted = {
        copies[0]: "'" + str(folder / "progress (Jane'\\''s conflicted copy 2026-11-20).toml'"),
        copies[1]: f"'{folder / copies[1]}'",
    }
    assert r.stderr == "".join(
        f"emprep: note: {name} beside your progress file {isolated} is the copy a sync client "
        "kept when two computers changed the file at once: what only it holds (reviews, notes, "
        f"stories) counts nowhere; compare them (diff '{isolated}' {quoted[name]}), copy what "
        "you want into the file by hand, then delete the copy\n"
        for name in copies
    )
    for name in copies:
        (folder / name).unlink()
    assert run("progress", env=NOW).stderr == ""


def _failing_on(monkeypatch: pytest.MonkeyPatch, name: str, matches: Callable[[str], bool]) -> None:
    """`os.NAME` fails with an I/O error (EIO, a failing disk) on a path that `matches`."""
    real = getattr(os, name)

    def failing(target: Any, *args: Any, **kwargs: Any) -> Any:
        if matches(os.fsdecode(target)):
            raise OSError(errno.EIO, os.strerror(errno.EIO), os.fsdecode(target))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, name, failing)


def test_a_save_made_is_said_as_made_though_its_temporary_cannot_be_removed(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save's temporary was removed after the replace as well, which then fails (nothing
    is there); where the disk said so with an error, the saved change read as not made: exit
    74, "check it and try again", and `undo` run again took back a second rating."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert run("review", "ppl-promotion", "hard", env=NOW).code == 0
    _failing_on(monkeypatch, "unlink", lambda name: name.endswith(".tmp") and ".bak." not in name)
    r = run("undo", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert [e.question for e in reviews(store.load(isolated))] == ["exe-scaling"]
    assert [p.name for p in isolated.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("opened", [1, 2])  # emprep's own look at the lock, then filelock's
def test_a_lock_the_disk_will_not_open_is_said_as_the_lock_s_not_the_output_s(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, opened: int
) -> None:
    """An I/O error as filelock opened the lock (after emprep's own look at it) was said as
    the output's failure, exit 74: "PATH.lock: Input/output error; check it and try again",
    with nothing said of the file; at emprep's own look, "cannot be opened (cannot be read
    (Input/output error)); move it away", which does not help a failing disk."""
    before = _a_review(isolated)
    lock = f"{isolated}.lock"
    seen: list[str] = []

    def nth(name: str) -> bool:
        if name == lock:
            seen.append(name)
        return len(seen) == opened and name == lock

    _failing_on(monkeypatch, "open", nth)
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: its lock {lock} cannot be taken "
        "(Input/output error); nothing was changed. The disk failed to write it: try again, "
        "and if it fails again, check that disk (or the network share it is on: its "
        "connection)\n"
    )
    assert isolated.read_bytes() == before


def test_a_note_from_standard_input_that_cannot_be_saved_is_kept_as_a_draft(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What standard input held is read once: a note typed there (or a pipe's) whose save
    failed (a full disk, a lock held too long) was in no file, and the message said to try
    again. A story from standard input was kept as a draft already."""
    before = _a_review(isolated)
    real = os.open

    def full(name: Any, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(name).endswith(".tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fsdecode(name))
        return real(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    typed = "# mine\nAsk about on-call first\n"
    r = run("note", "exe-scaling", "--from", "-", input=typed, env=NOW)
    monkeypatch.setattr(os, "open", real)
    drafts = sorted((isolated.parent / "drafts").iterdir())
    assert [d.name for d in drafts] == ["note-exe-scaling-20261120-090000.txt"]
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: cannot be written (No space left on device); "
        "nothing was changed: the file and its backup are as they were. Free some space on its "
        f"disk, then try again; your note is kept in {drafts[0]}; save it "
        f"with: emprep note exe-scaling --from {drafts[0]}\n"
    )
    assert drafts[0].read_text() == "# mine\nAsk about on-call first\n"
    assert isolated.read_bytes() == before
    assert run("note", "exe-scaling", "--from", str(drafts[0]), env=NOW).code == 0
    assert store.load(isolated).notes == {"exe-scaling": "Ask about on-call first"}


FAILED_READ = (
    "cannot be read (Input/output error); the system failed to read it from its disk; try "
    "again, and if it fails again, check that disk (or the network share it is on: its "
    "connection)"
)


@pytest.mark.parametrize("which", ["progress", "pack", "from"])
def test_a_file_the_disk_fails_to_read_is_said_with_that_fix_not_another_path(
    isolated: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """An I/O error reading the progress file said "give a regular file's path" (it is one),
    a pack file "a pack folder holds rounds.toml and questions.toml as regular files", a
    `--from` file nothing: none of them is the fix, and trying again may be."""
    before = _a_review(isolated)
    given = isolated.parent / "note.txt"
    given.write_text("Ask about on-call first\n")
    failing = {
        "progress": isolated,
        "pack": pack_copy / "questions.toml",
        "from": given,
    }[which]
    _failing_on(monkeypatch, "open", lambda name: name == str(failing))
    args = ["note", "exe-scaling", "--from", str(given)]
    r = run("--data", str(pack_copy), *args, env=NOW)
    said = f"progress file {failing}" if which == "progress" else str(failing)
    if which == "from":
        said = f"--from {failing}"
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == f"emprep: error: {said}: {FAILED_READ}\n"
    assert isolated.read_bytes() == before


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (
            errno.EROFS,
            "Its disk was made read-only: make it writable again, or give a path on a disk "
            "that can be written: {another}",
        ),
        (
            errno.EIO,
            "The disk failed to write it: try again, and if it fails again, check that disk "
            "(or the network share it is on: its connection)",
        ),
        (errno.ENOSPC, "Free some space on its disk, then try again"),
        (
            errno.EDQUOT,
            "Free some space within your disk quota (quota -s shows it), then try again",
        ),
    ],
)
@pytest.mark.parametrize("step", ["temporary", "backup", "replace"])
def test_a_save_the_disk_refuses_names_the_fix_for_that_failure(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, code: int, fix: str, step: str
) -> None:
    """A disk the kernel made read-only after an error while emprep ran (its check before a
    drill's first question passed), or one failing to write, was told "Free some space or
    fix the folder's permissions", neither of which helps."""
    before = _a_review(isolated)

    def failing(name: str) -> bool:
        if step == "temporary":
            return name.startswith(f"{isolated.parent}/.progress.toml.") and ".bak." not in name
        return step == "backup" and ".progress.toml.bak." in name

    def refused(name: str) -> None:
        raise OSError(code, os.strerror(code), name)

    real_open, real_replace = os.open, os.replace

    def opening(name: Any, *args: Any, **kwargs: Any) -> int:
        if failing(os.fsdecode(name)):
            refused(os.fsdecode(name))
        return real_open(name, *args, **kwargs)

    def replacing(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if step == "replace" and os.fsdecode(dst) == str(isolated):
            refused(os.fsdecode(src))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "replace", replacing)
    r = run("review", "ppl-promotion", "good", env=NOW)
    what, state = {
        "temporary": (
            "cannot be written",
            "nothing was changed: the file and its backup are as they were",
        ),
        "backup": (
            f"its backup {isolated}.bak cannot be written",
            "nothing was changed: the file and its backup are as they were",
        ),
        "replace": (
            "cannot be replaced",
            "the file is as it was, and its backup now holds a copy of it",
        ),
    }[step]
    assert (r.code, r.stdout) == (2, "")
    fix = fix.format(another=another_path(isolated))
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: {what} ({os.strerror(code)}); {state}. {fix}\n"
    )
    assert isolated.read_bytes() == before


def test_a_replace_that_fails_puts_the_backup_of_the_change_before_back(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backup was refreshed before the replace: when the replace failed (an I/O error),
    it held a copy of the file, and the note removed by the change before, which only the
    backup kept, was in no file. Now the backup is put back as it was."""
    assert run("note", "exe-scaling", "--text", "only the backup keeps this", env=NOW).code == 0
    assert run("note", "exe-scaling", "--remove", env=NOW).code == 0
    bak = isolated.with_name(isolated.name + ".bak")
    before, kept = isolated.read_bytes(), bak.read_bytes()
    assert b"only the backup keeps this" in kept
    real = os.replace

    def failing(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if os.fsdecode(dst) == str(isolated):
            raise OSError(errno.EIO, os.strerror(errno.EIO), os.fsdecode(src))
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.startswith(
        f"emprep: error: progress file {isolated}: cannot be replaced (Input/output error); "
        "nothing was changed: the file and its backup are as they were. "
    )
    assert (isolated.read_bytes(), bak.read_bytes()) == (before, kept)
    assert sorted(p.name for p in isolated.parent.iterdir()) == [
        "progress.toml",
        "progress.toml.bak",
        "progress.toml.lock",
    ]


def test_a_lock_a_full_disk_cannot_make_is_said_with_free_space_not_a_move(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first save in a folder makes the lock; on a full disk that said "its lock ... cannot
    be opened (cannot be read (No space left on device)); move it away and try again": there
    is nothing to move, and space is the fix."""
    lock = f"{isolated}.lock"
    real = os.open

    def full(name: Any, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(name) == lock:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), lock)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", full)
    r = run("review", "ppl-promotion", "good", env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: its lock {lock} cannot be taken (No space "
        "left on device); nothing was changed. Free some space on its disk, then try again\n"
    )
    assert not isolated.exists()
