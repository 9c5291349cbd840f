"""Export files written whole or not at all, with the mode `>` would give, never into anything
but a regular file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import as_a_user, needs_setpriv

from emprep.core.errors import EmprepError
from emprep.storage.exports import save


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    old = os.umask(0o027)
    try:
        out = save(str(folder / "q.csv"), b"one")
        assert (out.read_bytes(), mode(out)) == (b"one", 0o640)
        out.chmod(0o600)
        save(str(out), b"two")
        assert (out.read_bytes(), mode(out)) == (b"two", 0o600)
    finally:
        os.umask(old)
    assert [p.name for p in folder.iterdir()] == ["q.csv"]  # no temporary file left


def test_a_symlink_is_followed_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.apkg"
    target.write_bytes(b"old")
    link = tmp_path / "link.apkg"
    link.symlink_to(target)
    save(str(link), b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.mkdir(), "is a folder; give the path of a file"),
        (lambda p: os.mkfifo(p), "is a FIFO (a named pipe); give the path of a file"),
    ],
)
def test_anything_but_a_file_is_refused_unopened(
    tmp_path: Path, make: object, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make(Path("out"))  # type: ignore[operator]
    with pytest.raises(EmprepError) as e:
        save("out", b"x")
    assert str(e.value) == f"--output out: {said}"


def test_a_missing_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(EmprepError) as e:
        save("decks/emprep.apkg", b"x")
    assert str(e.value) == "--output decks/emprep.apkg: no folder decks; create it first"


@pytest.mark.parametrize(
    ("spelling", "what"),
    [
        ("p.toml", "the progress file (TMP/p.toml)"),
        ("./sub/../p.toml", "the progress file (TMP/p.toml)"),
        ("link.md", "the progress file (TMP/p.toml)"),
        ("hard.md", "the progress file (TMP/hard.md)"),
        ("p.toml.bak", "the progress file's backup (TMP/p.toml.bak)"),
        ("p.toml.lock", "the progress file's lock (TMP/p.toml.lock)"),
        ("drafts/story.md", "in your drafts folder (TMP/drafts/story.md)"),
        ("pack/questions.toml", "in the pack's folder (TMP/pack/questions.toml)"),
    ],
)
def test_an_export_over_emprep_s_own_files_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str, what: str
) -> None:
    """`emprep plan -o progress.toml --format md` wrote the plan over the progress file (and
    `-o progress.toml.bak` over its backup): every review and story gone. The line's example
    name fits each command that writes Markdown (it said plan.md to `questions` too)."""
    import shutil

    from conftest import run

    from emprep.storage.packs import builtin_data_dir

    monkeypatch.chdir(tmp_path)
    shutil.copytree(builtin_data_dir(), "pack")
    (tmp_path / "sub").mkdir()
    (tmp_path / "drafts").mkdir()
    env = {"EMPREP_PROGRESS": "p.toml", "EMPREP_NOW": "2026-11-20T09:00:00Z"}
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    (tmp_path / "link.md").symlink_to("p.toml")
    os.link("p.toml", "hard.md")
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for args in (["plan"], ["story", "list"], ["questions"]):
        r = run("--data", "pack", *args, "--format", "md", "-o", spelling, env=env)
        assert (r.code, r.stdout) == (2, "")
        shown = what.replace("TMP", str(tmp_path.resolve()))
        assert r.stderr == (
            f"emprep: error: --output {spelling}: that is {shown}, which an export would "
            "write over; give another file's name (say --output emprep.md)\n"
        )
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == kept
        assert not (tmp_path / "drafts" / "story.md").exists()


def test_output_dash_is_standard_output_and_an_empty_name_is_said(isolated: Path) -> None:
    """`plan -o -` said "--format md is a binary file, not for a terminal or a pipe" (md is
    text); `-o ''` said "is a folder"."""
    from conftest import run

    env = {"EMPREP_NOW": "2026-11-20T09:00:00Z"}
    for args in (["plan", "--format", "md"], ["plan", "--format", "ics"], ["story", "list"]):
        want = run(*args, env=env)
        got = run(*args, "-o", "-", env=env)
        assert (got.code, got.stdout, got.stderr) == (0, want.stdout, "")
    r = run("plan", "-o", "", env=env)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: --output: the path given is empty; give a file's name, or - for "
        "standard output\n",
    )


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (
            28,
            "cannot be written (No space left on device); nothing was written; free some "
            "space, or give a path on another disk",
        ),
        (
            30,
            "cannot be written (Read-only file system); nothing was written; give a path on "
            "a disk that can be written",
        ),
        (
            13,
            "cannot be written (permission denied); nothing was written; give a path in a "
            "folder you can write",
        ),
    ],
)
def test_an_export_that_cannot_be_written_says_where_to_go_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, said: str
) -> None:
    """A full disk or a read-only one (tried on a real 64 KB tmpfs) said only "--output
    plan.md: cannot be written (No space left on device)", with no way forward."""
    from emprep.storage import exports

    def fails(*_: object, **__: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(exports, "write_atomic", fails)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    with pytest.raises(EmprepError) as e:
        save("plan.md", b"# plan\n")
    assert str(e.value) == f"--output plan.md: {said}"
    assert list((tmp_path / "out").iterdir()) == []


@needs_setpriv
@pytest.mark.parametrize(
    ("mode", "owner", "said"),
    [
        (
            0o444,
            None,
            "is read-only, so nothing is written to it; make it writable first (chmod u+w",
        ),
        (
            0o000,
            None,
            "cannot be read (permission denied); make it readable and writable first (chmod u+rw",
        ),
        (
            0o644,
            4321,
            "belongs to user id 4321, which no account on this computer has, so you "
            'cannot write it; make it yours first (sudo chown "$(id -un)"',
        ),
    ],
)
def test_a_file_you_cannot_read_or_write_is_not_replaced_by_an_export(
    tmp_path: Path, mode: int, owner: int | None, said: str
) -> None:
    """Before: replaced all the same, through a file beside it (the folder is writable), where
    the shell's `>` and `cp` refuse: a file made read-only to keep it was lost."""
    kept = tmp_path / "mine.csv"
    kept.write_text("keep me\n")
    if owner is not None:
        if os.geteuid() != 0:
            pytest.skip("giving a file to another user needs root")
        os.chown(kept, owner, owner)
    kept.chmod(mode)
    r = as_a_user("questions", "-o", "mine.csv", cwd=tmp_path)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --output mine.csv: {said} '{kept}'), then try again\n",
    )
    kept.chmod(0o600)
    assert kept.read_text() == "keep me\n"
    assert sorted(tmp_path.glob("*mine.csv*")) == [kept]


@needs_setpriv
def test_an_export_into_a_folder_closed_to_you_is_said_with_its_chmod(tmp_path: Path) -> None:
    """An export into a folder inside one you cannot enter said "cannot be read (permission
    denied); give the path of a file", of a file to be written, without the fix; a name too
    long for the file system said "cannot be read" too."""
    closed = tmp_path / "closed"
    (closed / "inner").mkdir(parents=True)
    closed.chmod(0o000)
    try:
        r = as_a_user("questions", "-o", "closed/inner/x.md", cwd=tmp_path)
    finally:
        closed.chmod(0o700)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: --output closed/inner/x.md: is in closed, which you cannot enter; open "
        "it first (chmod u+rwx 'closed'), then try again\n",
    )
    assert os.listdir(closed / "inner") == []
    r = as_a_user("questions", "-o", f"{'a' * 300}.md", cwd=tmp_path)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --output {'a' * 59}…: cannot be written (File name too long); give the "
        "path of a file\n",
    )


@needs_setpriv
def test_a_file_you_can_write_but_not_read_is_replaced_as_the_shell_s_redirect_does(
    tmp_path: Path,
) -> None:
    """Before: refused as unreadable, where `>` and `cp` need only the right to write."""
    kept = tmp_path / "mine.csv"
    kept.write_text("old\n")
    kept.chmod(0o200)
    r = as_a_user("questions", "--search", "salary", "-o", "mine.csv", cwd=tmp_path)
    assert (r.code, r.stdout) == (0, "")
    assert r.stderr.startswith(f"Wrote {kept} (")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o200
    kept.chmod(0o600)
    assert kept.read_text().startswith("id,")
    assert "rec-salary-expectations" in kept.read_text()
    assert sorted(tmp_path.glob("*mine.csv*")) == [kept]


def test_a_temporary_an_export_killed_midway_left_is_removed_once_ten_minutes_old(
    tmp_path: Path,
) -> None:
    """An export killed (kill -9) between writing its temporary file and putting it in place
    left `.plan.md.XXXXXXXX.tmp` beside the file for good, as large as the export; a later
    export to that file removes it once no write at work can be that old. A younger one (an
    export at work in another terminal) and another file's stay."""
    import time

    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "plan.md"
    old = folder / ".plan.md.k3j_x9a2.tmp"
    young = folder / ".plan.md.abcdefgh.tmp"
    other = folder / ".notes.md.k3j_x9a2.tmp"
    for t in (old, young, other):
        t.write_text("half an export")
    ago = time.time() - 601
    for t in (old, other):
        os.utime(t, (ago, ago))
    save(str(out), b"the plan")
    assert sorted(p.name for p in folder.iterdir()) == [
        ".notes.md.k3j_x9a2.tmp",
        ".plan.md.abcdefgh.tmp",
        "plan.md",
    ]
    assert out.read_bytes() == b"the plan"
