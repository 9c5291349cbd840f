"""stdout and stderr closed (`>&-`, `2>&-`) or full (`2>/dev/full`) under the installed
program: a documented exit code and, where it can be written, one line; never "unexpected",
never an error line in stdout, and never a change half reported."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import ended, installed_emprep, spawn

NOW = {"EMPREP_NOW": "2026-11-21T10:00"}


def _sh(tmp_path: Path, redirect: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The installed emprep with its streams redirected as a shell script would."""
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    return subprocess.run(
        ["sh", "-c", f'exec "$0" "$@" {redirect}', installed_emprep(), *args],
        env=env,
        capture_output=True,
        timeout=60,
    )


CLOSED = (
    b"emprep: error: stdout is closed (>&-), so nothing was done; send the output elsewhere: "
    b"> /dev/null to drop it\n"
)


def test_a_closed_stdout_is_said_before_anything_is_done(tmp_path: Path) -> None:
    """Before: "unexpected AttributeError: 'NoneType' object has no attribute 'flush'", exit 1,
    after the rating had been saved."""
    for args in (["questions"], ["review", "rec-why-coursera", "good"]):
        r = _sh(tmp_path, ">&-", *args)
        assert (r.returncode, r.stderr) == (74, CLOSED), args
    assert not (tmp_path / "p.toml").exists()
    assert _sh(tmp_path, ">&- 2>&-", "review", "rec-why-coursera", "good").returncode == 74
    assert not (tmp_path / "p.toml").exists()


def test_a_closed_stdin_is_no_terminal_not_a_crash(tmp_path: Path) -> None:
    """Before: "unexpected AttributeError: 'NoneType' object has no attribute 'isatty'", exit
    1, from every command that may ask (`<&-` in a cron line or a service)."""
    r = _sh(tmp_path, "<&-", "drill")
    assert (r.returncode, r.stderr) == (
        0,
        b"emprep: note: not a terminal, so nothing is asked; record an answer with 'emprep "
        b"review ID RATING' (RATING 1-4: again, hard, good, easy)\n",
    )
    assert r.stdout.startswith(b"Drill for 2026-11-21: 5 questions (no interview date")
    r = _sh(tmp_path, "<&-", "rounds", "log", "recruiter")
    assert (r.returncode, r.stderr) == (
        2,
        b"emprep: error: not a terminal, so nothing is asked: give --asked ID|TEXT (once per "
        b"question) and/or --note TEXT\n",
    )
    assert not (tmp_path / "p.toml").exists()
    r = _sh(tmp_path, "<&-", "today")
    assert (r.returncode, r.stderr) == (0, b"")


def test_from_stdin_when_stdin_is_closed_says_it_is_closed(tmp_path: Path) -> None:
    """Before, a closed stdin read as empty text: "--from -: empty, so the note for
    exe-scaling is kept as it was", and for a story "the story is not finished"."""
    progress = tmp_path / "p.toml"
    assert _sh(tmp_path, "", "note", "exe-scaling", "--text", "mine").returncode == 0
    before = progress.read_bytes()
    said = (
        b"emprep: error: --from -: standard input is closed (<&-), so there is nothing to "
        b"read; give the text on it (< FILE, or a pipe), or the file itself: --from FILE\n"
    )
    for args in (["note", "exe-scaling", "--from", "-"], ["story", "add", "--from", "-"]):
        r = _sh(tmp_path, "<&-", *args)
        assert (r.returncode, r.stdout, r.stderr) == (2, b"", said), args
    assert progress.read_bytes() == before
    assert _sh(tmp_path, "< /dev/null", "note", "exe-scaling", "--from", "-").stderr == (
        b"emprep: error: --from -: empty, so the note for exe-scaling is kept as it was; give "
        b"the note's text, or forget the note with: emprep note exe-scaling --remove\n"
    )


def test_a_closed_stderr_keeps_the_error_out_of_stdout(tmp_path: Path) -> None:
    """Before, print fell back to stdout: a script reading the output got the error line."""
    r = _sh(tmp_path, "2>&-", "review", "no-such-question", "good")
    assert (r.returncode, r.stdout) == (2, b"")
    r = _sh(tmp_path, "2>&-", "review", "rec-why-coursera", "good")
    assert (r.returncode, r.stdout) == (
        0,
        b"Recorded rec-why-coursera: Good. Next review 2026-11-23.\n",
    )


def test_a_full_stderr_keeps_the_exit_code_of_the_error(tmp_path: Path) -> None:
    """Before: 1 (the failed print was an unexpected error), for what is bad input (2)."""
    r = _sh(tmp_path, "2>/dev/full", "review", "no-such-question", "good")
    assert (r.returncode, r.stdout, r.stderr) == (2, b"", b"")
    r = _sh(tmp_path, ">/dev/full 2>/dev/full", "rounds")
    assert (r.returncode, r.stdout, r.stderr) == (74, b"", b"")


@pytest.mark.parametrize(
    "args",
    [
        ["drill"],  # "emprep: note: not a terminal, so nothing is asked; ..."
        ["mock", "--round", "people"],
        ["questions", "--search", "no such words anywhere"],  # "no question matches"
        ["questions", "--search", "salary", "-o", "salary.md"],  # "Wrote salary.md (...)"
    ],
)
def test_a_full_stderr_keeps_the_exit_code_of_a_command_that_succeeds(
    tmp_path: Path, args: list[str]
) -> None:
    """Before: a note or the line an export writes, on a full stderr, failed the command
    with 74, "the output could not be written", though the output itself was written."""
    r = subprocess.run(
        ["sh", "-c", 'exec "$0" "$@" 2>/dev/full </dev/null', installed_emprep(), *args],
        env={**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW},
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )
    assert (r.returncode, r.stderr) == (0, b"")
    if args[0] != "questions":
        assert r.stdout.startswith(b"Drill for " if args == ["drill"] else b"Mock: People")
    if "-o" in args:
        assert (tmp_path / "salary.md").read_text().startswith("# ")


def test_text_the_output_s_encoding_lacks_is_escaped_not_a_crash(tmp_path: Path) -> None:
    """Before: "unexpected UnicodeEncodeError: 'ascii' codec can't encode characters ...",
    exit 1, with a title in Hebrew under an output encoding without it (a Latin-1 locale)."""
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    fields = ["--situation", "s", "--task", "t", "--action", "a", "--result", "r"]
    title = "שלום \u202eé"
    add = [installed_emprep(), "story", "add", "--title", title, *fields]
    assert subprocess.run(add, env=env, capture_output=True, timeout=60).returncode == 0
    env["PYTHONIOENCODING"] = "ascii"
    before = (tmp_path / "p.toml").read_bytes()
    shown = subprocess.run(
        [installed_emprep(), "story", "list"], env=env, capture_output=True, timeout=60
    )
    escaped = rb"\u05e9\u05dc\u05d5\u05dd \u202e\xe9"
    assert (shown.returncode, shown.stderr) == (0, b"")
    assert escaped in shown.stdout
    wrong = subprocess.run(
        [installed_emprep(), "story", "show", "é"], env=env, capture_output=True, timeout=60
    )
    assert (wrong.returncode, wrong.stdout) == (2, b"")
    assert wrong.stderr.startswith(rb"emprep: error: unknown story '\xe9'")
    assert (tmp_path / "p.toml").read_bytes() == before


def test_json_for_an_output_that_lacks_a_character_is_still_json(tmp_path: Path) -> None:
    """Before: `"title": "\\xe9t\\xe9 \\u2713"` under PYTHONIOENCODING=ascii (or a Latin-1
    locale): the stream's escape `\\xe9` is no JSON, and jq stopped at it. A document that
    the output can write whole is written as it is."""
    import json

    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    fields = ["--situation", "s", "--task", "t", "--action", "a", "--result", "r"]
    title = "été ✓ שלום 😀"
    add = [installed_emprep(), "story", "add", "--title", title, *fields]
    assert subprocess.run(add, env=env, capture_output=True, timeout=60).returncode == 0
    show = [installed_emprep(), "story", "show", "s1", "--format", "json"]
    for encoding in ("ascii", "latin-1"):
        got = subprocess.run(
            show, env={**env, "PYTHONIOENCODING": encoding}, capture_output=True, timeout=60
        )
        assert (got.returncode, got.stderr) == (0, b""), encoding
        assert json.loads(got.stdout.decode("ascii"))["title"] == title, encoding
    env["PYTHONIOENCODING"] = "utf-8"
    got = subprocess.run(show, env=env, capture_output=True, timeout=60)
    assert f'"title": "{title}"'.encode() in got.stdout


EXPORTS = [  # and whether it holds a character ASCII lacks (the plan's Markdown does not)
    (["questions", "--format", "csv"], True),
    (["questions", "--format", "md"], True),
    (["questions", "--format", "anki"], True),
    (["story", "list", "--format", "md"], True),
    (["plan", "--format", "md"], False),
]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8"])
def test_an_export_sent_to_a_file_or_a_pipe_is_the_file_output_writes(
    tmp_path: Path, encoding: str
) -> None:
    """Before: under PYTHONIOENCODING=ascii or a Latin-1 locale, `questions --format csv >
    bank.csv` held the stream's escapes (`\\xb7` for a middle dot, `\\u2014` for a dash) where
    `--output bank.csv` held the characters: a spreadsheet or Anki imported the escapes. Now
    `> FILE` and `| cmd` get the very bytes `--output FILE` writes."""
    env = {**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW}
    fields = ["--situation", "s", "--task", "t", "--action", "a — b", "--result", "r"]
    for args in (["story", "add", "--title", "Été ✓ שלום 😀", *fields], ["config", "set",
                 "interview", "2027-01-15"]):  # fmt: skip
        assert subprocess.run([installed_emprep(), *args], env=env).returncode == 0
    env["PYTHONIOENCODING"] = encoding
    for args, wide in EXPORTS:
        kept = tmp_path / "kept"
        wrote = subprocess.run(
            [installed_emprep(), *args, "--output", str(kept)], env=env, capture_output=True
        )
        assert wrote.returncode == 0, wrote.stderr
        with open(tmp_path / "redirected", "wb") as out:
            got = subprocess.run([installed_emprep(), *args], env=env, stdout=out)
        assert got.returncode == 0
        assert (tmp_path / "redirected").read_bytes() == kept.read_bytes(), args
        piped = subprocess.run([installed_emprep(), *args], env=env, capture_output=True)
        assert (piped.returncode, piped.stdout, piped.stderr) == (0, kept.read_bytes(), b"")
        assert kept.read_bytes().isascii() is not wide, args


@pytest.mark.parametrize(
    ("script", "said"),
    [
        (
            'ulimit -f 1; exec "$0" "$@" > big',  # a shell's limit of 1 block (512 bytes)
            "cannot write the output (File too large); a limit on a file's size stopped it "
            "(ulimit -f, or the file system's): send it elsewhere, or raise the limit",
        ),
        (
            'exec "$0" "$@" 1</dev/null',
            "cannot write the output (Bad file descriptor); stdout is not open for writing "
            "(1</dev/null, say): send it to a file or a pipe",
        ),
    ],
)
def test_a_write_that_fails_for_another_reason_than_space_says_its_own_fix(
    tmp_path: Path, script: str, said: str
) -> None:
    """Every failed write was "...; free some space, or send it elsewhere", whatever failed:
    a limit on a file's size, or a stdout opened for reading."""
    r = subprocess.run(
        ["sh", "-c", script, installed_emprep(), "questions"],
        env={**os.environ, "EMPREP_PROGRESS": str(tmp_path / "p.toml"), **NOW},
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert (r.returncode, r.stdout) == (74, b"")
    assert r.stderr.decode() == f"emprep: error: {said}\n"


def test_an_error_that_is_no_failed_write_is_named_not_said_as_the_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An OSError naming no file that is no write's failure (too many open files) read
    "cannot write the output (...); free some space", exit 74."""
    import errno

    from conftest import run

    def too_many(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))

    monkeypatch.setattr("emprep.core.query.filter_questions", too_many)
    monkeypatch.setattr("emprep.storage.store.SAVED", [])  # what an earlier test saved
    r = run("questions", env=NOW)
    assert (r.code, r.stdout) == (1, "")
    assert r.stderr == (
        "emprep: error: unexpected OSError: Too many open files (EMFILE); run again with "
        "EMPREP_DEBUG=1 for the traceback and report it\n"
    )


def test_an_export_on_a_terminal_shows_what_the_terminal_can(isolated: Path) -> None:
    """A terminal set to ASCII cannot show a middle dot: there the escape stays, readable."""
    child = spawn(
        ["questions", "--format", "csv", "--round", "tech"],
        isolated,
        NOW["EMPREP_NOW"],
        env={"PYTHONIOENCODING": "ascii"},
    )
    child.expect_exact("id,rounds,text")
    child.expect_exact(r"\xb7")
    assert ended(child) == 0
    assert "·" not in child.before


def test_a_change_saved_before_its_output_failed_says_so(tmp_path: Path) -> None:
    """Before: "cannot write the output (No space left on device); free some space, or send
    it elsewhere", as if nothing was done: `undo` run again took back a second rating."""
    path = tmp_path / "p.toml"
    for rating in ("good", "hard"):
        assert _sh(tmp_path, ">/dev/null", "review", "rec-why-coursera", rating).returncode == 0
    for args in (["review", "exe-scaling", "good"], ["undo"], ["config", "set", "hours", "6"]):
        r = _sh(tmp_path, ">/dev/full", *args)
        assert (r.returncode, r.stdout, r.stderr) == (
            74,
            b"",
            b"emprep: error: cannot write the output (No space left on device), but the change "
            b"is saved in " + str(path).encode() + b": do not run it again; free some space, "
            b"or send it elsewhere\n",
        ), args
    text = path.read_text()
    assert "exe-scaling" not in text and "rec-why-coursera 2 " in text and "hours = 6.0" in text
    r = _sh(tmp_path, ">/dev/full", "today")
    assert r.stderr == (
        b"emprep: error: cannot write the output (No space left on device); free some space, "
        b"or send it elsewhere\n"
    )
