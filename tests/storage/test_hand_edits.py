"""Progress files edited by hand into shapes emprep never writes: each is refused on load with
one line naming the key and the fix (exit 2, the file left as it was), never an unexpected
error, and never loaded into something a later command turns into a loss."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import installed_emprep, run

from emprep.core import limits
from emprep.storage import store

NOW = {"EMPREP_NOW": "2026-11-23T09:00"}


def _reviewed(isolated: Path) -> bytes:
    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    return isolated.read_bytes()


def _refused(isolated: Path, edited: bytes, problem: str, *, own_fix: bool = False) -> None:
    """Every command that reads the file says `problem` in one line, exit 2, file untouched;
    the usual fix (the backup, or a fresh start) follows unless the problem has its `own_fix`."""
    isolated.write_bytes(edited)
    bak = isolated.with_name("progress.toml.bak")
    hint = (
        f"; fix it by hand, or go back to the last good copy: cp '{bak}' '{isolated}'"
        if bak.exists()
        else "; fix it by hand, or move it away to start afresh"
    )
    hint = "" if own_fix else hint
    for args in (["today"], ["progress"], ["review", "exe-scaling", "good"], ["story", "list"]):
        r = run(*args, env=NOW)
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: progress file {isolated}: {problem}{hint}\n",
        ), args
    assert isolated.read_bytes() == edited


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0.0", "Input should be greater than or equal to 1"),  # was ZeroDivisionError
        ("-2.0", "Input should be greater than or equal to 1"),  # was TypeError (complex)
        ("10.5", "Input should be less than or equal to 10"),
    ],
)
def test_a_difficulty_outside_what_fsrs_gives_is_refused(
    isolated: Path, value: str, problem: str
) -> None:
    good = _reviewed(isolated)
    line = next(x for x in good.splitlines() if x.startswith(b"difficulty = "))
    edited = good.replace(line, b"difficulty = " + value.encode())
    _refused(isolated, edited, f"cards.rec-why-coursera.difficulty: {problem}")


def test_the_difficulty_bounds_are_fsrs_own() -> None:
    from fsrs.scheduler import MAX_DIFFICULTY, MIN_DIFFICULTY

    assert (limits.MIN_DIFFICULTY, limits.MAX_DIFFICULTY) == (MIN_DIFFICULTY, MAX_DIFFICULTY)


def test_a_story_copied_by_hand_with_its_id_is_refused_not_deleted_with_the_other(
    isolated: Path,
) -> None:
    """Before, both loaded; `story rm s1` then deleted the two stories at once."""
    for title in ("first", "second"):
        args = ("--situation", "s", "--task", "t", "--action", "a", "--result", "r")
        assert run("story", "add", "--title", title, *args, env=NOW).code == 0
    good = isolated.read_bytes()
    edited = good.replace(b'id = "s2"', b'id = "s1"')
    problem = (
        "stories[1].id: 's1' is stories[0]'s id too; give it one no story has "
        '(id = "s3", and last_story = 3)'
    )
    _refused(isolated, edited, problem, own_fix=True)
    assert run("story", "rm", "s1", "--yes", env=NOW).code == 2
    assert isolated.read_bytes().count(b'id = "s1"') == 2


def test_arrays_nested_too_deeply_are_invalid_toml_not_an_unexpected_error(
    isolated: Path,
) -> None:
    good = _reviewed(isolated)
    edited = good.replace(b"mocks = []", b"mocks = " + b"[" * 5000 + b"]" * 5000)
    _refused(
        isolated, edited, "invalid TOML: arrays or tables nested too deeply (emprep writes none)"
    )


def test_a_pack_nested_too_deeply_is_named(isolated: Path, tmp_path: Path) -> None:
    from emprep.storage.packs import builtin_data_dir

    pack = tmp_path / "pack"
    shutil.copytree(builtin_data_dir(), pack)
    rounds = pack / "rounds.toml"
    rounds.write_bytes(b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n" + rounds.read_bytes())
    r = run("--data", str(pack), "questions")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {rounds}: invalid TOML: arrays or tables nested too deeply\n",
    )


def _as_a_user(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed emprep as the kernel treats anyone but root (no override of permissions)."""
    prefix = []
    if os.geteuid() == 0:
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
    env = {**os.environ, **NOW}
    return subprocess.run(
        [*prefix, installed_emprep(), *args], capture_output=True, text=True, timeout=60, env=env
    )


needs_setpriv = pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"), reason="root without setpriv"
)


@needs_setpriv
def test_a_file_closed_to_its_owner_says_chmod_u_rw_not_u_w(isolated: Path) -> None:
    """ "chmod u+w" (said before for reads and writes alike) left it unreadable."""
    data = _reviewed(isolated)
    isolated.chmod(0o000)
    try:
        for args in (["review", "exe-scaling", "good"], ["today"]):
            r = _as_a_user(*args)
            assert (r.returncode, r.stdout, r.stderr) == (
                2,
                "",
                f"emprep: error: progress file {isolated}: cannot be read (permission denied); "
                f"make it readable and writable first (chmod u+rw '{isolated}'), then try again\n",
            ), args
    finally:
        isolated.chmod(0o600)
    assert isolated.read_bytes() == data


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root")
def test_a_file_of_another_user_says_chown_not_chmod(isolated: Path) -> None:
    """Its owner's chmod is not the user's to run (before: "make it writable: chmod u+w")."""
    data = _reviewed(isolated)
    os.chown(isolated, 4321, 4321)
    who = "user id 4321, which no account on this computer has"
    fix = f"make it yours first (sudo chown \"$(id -un)\" '{isolated}'), then try again\n"
    for mode, verb in ((0o600, "read or write"), (0o644, "write")):
        isolated.chmod(mode)
        r = _as_a_user("review", "exe-scaling", "good")
        assert (r.returncode, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: progress file {isolated}: belongs to {who}, so you cannot "
            f"{verb} it; {fix}",
        )
    assert isolated.read_bytes() == data


def test_a_read_only_file_system_is_named_not_chmod(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a disk mounted read-only, chmod fails too: the fix is another path."""
    data = _reviewed(isolated)
    statvfs = os.statvfs
    monkeypatch.setattr(
        os,
        "statvfs",
        lambda p: (
            SimpleNamespace(f_flag=os.ST_RDONLY) if Path(p) == isolated.parent else statvfs(p)
        ),
    )
    access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode & os.W_OK else access(p, mode))
    elsewhere = "give a path on a disk that can be written: --progress PATH (or EMPREP_PROGRESS)"
    r = run("review", "exe-scaling", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: is on a read-only file system, so nothing "
        f"is written to it; {elsewhere}\n",
    )
    assert isolated.read_bytes() == data
    isolated.unlink()  # before a story is typed, the folder a new file would go in is checked
    with pytest.raises(store.StoreError) as e:
        store.ready(isolated)
    assert str(e.value) == (
        f"progress file {isolated}: its folder {isolated.parent} is on a read-only file "
        f"system; {elsewhere}"
    )
