"""Faults: killed writers, bad command lines, broken files. Every one ends in a clear message
and exit 2 (or in a file that still loads with every acknowledged rating), never a traceback."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import installed_emprep, reviews, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprep.core.scheduler import record
from emprep.storage import store

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


@pytest.mark.parametrize(
    "args",
    [[b"rounds", b"\xff\xfe"], [b"review", b"\xc3\x28", b"good"], [b"plan", b"--start", b"\xff"]],
)
def test_non_utf8_arguments(args: list[bytes], tmp_path: Path) -> None:
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml")}
    out = subprocess.run(
        [installed_emprep().encode(), *args], env=env, capture_output=True, check=False
    )
    assert out.returncode == 2
    err = out.stderr.decode("utf-8")
    assert err.startswith("emprep: error: ") and err.count("\n") == 1
    assert "\\x" in err and "Traceback" not in err


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_an_acknowledged_rating(tmp_path: Path) -> None:
    """200 times: a writer records ratings, acknowledging each on a pipe, until killed."""
    path = tmp_path / "progress.toml"
    rng = random.Random(20261120)
    store.update(path, lambda p: record(p, "exe-scaling", 3, 1, datetime.now(UTC)))
    acknowledged = 1  # and the writer's imports are warm, so kills land mid-write
    for _ in range(200):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_end)
            try:
                n = 0
                while True:
                    store.update(path, lambda p: record(p, "exe-scaling", 3, 1, datetime.now(UTC)))
                    n += 1
                    os.write(write_end, b"+")
            finally:
                os._exit(0)
        os.close(write_end)
        time.sleep(rng.uniform(0, 0.03))
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
        "nothing was changed. Free some space or fix the folder's permissions, then try again\n"
    )
    assert isolated.read_bytes() == before


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
    plan = mock.plan_mock(pack, store.load(path), at, r, 20, pack.questions)
    store.update(path, lambda p: mock.start(p, plan, at))
    store.update(path, lambda p: mock.answer(p, at, plan.items[0].question.id, 3, 60, at))
    scores = {c: 3 for c in r.criteria}
    store.update(path, lambda p: mock.finish(p, at, scores, r.rejection_reasons[:1]))


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
