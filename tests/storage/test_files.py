"""Files as emprep meets them: a file it may not read or write is said with a fix that works
for this user (chmod for their own file, chown for another's, another path on a read-only disk),
one line, exit 2, the file left as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import pytest
from conftest import PTY_TIMEOUT, another_path, as_a_user, installed_emprep, needs_setpriv, run
from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.storage import locking, store

NOW = {"EMPREP_NOW": "2026-11-23T09:00"}


def _reviewed(isolated: Path) -> bytes:
    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    return isolated.read_bytes()


@needs_setpriv
def test_a_file_closed_to_its_owner_says_chmod_u_rw_not_u_w(isolated: Path) -> None:
    """ "chmod u+w" (said before for reads and writes alike) left it unreadable."""
    data = _reviewed(isolated)
    isolated.chmod(0o000)
    try:
        for args in (["review", "exe-scaling", "good"], ["today"]):
            r = as_a_user(*args, env=NOW)
            assert (r.code, r.stdout, r.stderr) == (
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
        r = as_a_user("review", "exe-scaling", "good", env=NOW)
        assert (r.code, r.stdout, r.stderr) == (
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
    elsewhere = f"give a path on a disk that can be written: {another_path(isolated)}"
    r = run("review", "exe-scaling", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: is on a read-only file system, so nothing "
        f"is written to it; {elsewhere}\n",
    )
    assert isolated.read_bytes() == data
    isolated.unlink()  # before a story is typed, the folder a new file would go in is checked
    with pytest.raises(locking.StoreError) as e:
        store.ready(isolated)
    assert str(e.value) == (
        f"progress file {isolated}: its folder {isolated.parent} is on a read-only file "
        f"system; {elsewhere}"
    )


PLACES = st.sampled_from(["", "/", "/srv/x", "/srv/x/", "//srv", "rel/x", "~/x", " /x", "/a/../b"])


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(["cache", "data"]),
    home=st.none() | PLACES,
    xdg=st.none() | PLACES,
    android=st.sampled_from([None, "/data", "/elsewhere"]),
)
def test_the_user_folders_are_where_platformdirs_puts_them(
    kind: Literal["cache", "data"], home: str | None, xdg: str | None, android: str | None
) -> None:
    """`files.user_folder` follows platformdirs' rule without importing it: the same folder
    for any HOME and XDG variable, set or not, absolute or not."""
    import platformdirs

    from emprep.storage.files import user_folder

    variable = "XDG_CACHE_HOME" if kind == "cache" else "XDG_DATA_HOME"
    asked = platformdirs.user_cache_path if kind == "cache" else platformdirs.user_data_path
    with pytest.MonkeyPatch.context() as m:
        for name, value in (("HOME", home), (variable, xdg), ("ANDROID_DATA", android)):
            if value is None:
                m.delenv(name, raising=False)
            else:
                m.setenv(name, value)
        m.setenv("ANDROID_ROOT", "/system")
        try:
            want: Path | str = asked("emprep")
        except RuntimeError as e:  # no home folder that platformdirs can find
            want = str(e)
        try:
            got: Path | str = user_folder(kind)
        except RuntimeError as e:
            got = str(e)
    assert got == want


def test_the_default_progress_file_and_cache_folder_follow_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from emprep.storage import cache

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert (store.default_path(), cache.folder()) == (
        tmp_path / "home" / ".local" / "share" / "emprep" / "progress.toml",
        tmp_path / "home" / ".cache" / "emprep",
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cached"))
    assert (store.default_path(), cache.folder()) == (
        tmp_path / "data" / "emprep" / "progress.toml",
        tmp_path / "cached" / "emprep",
    )


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_each_folder_emprep_makes_is_0700_whatever_the_umask_and_one_there_is_left_alone(
    tmp_path: Path, umask: int
) -> None:
    """The XDG Base Directory spec makes a missing base folder 0700. `mkdir -p` gave the
    folders above emprep's own the umask's mode: 0777 under `umask 000`, a `~/.local/share`
    and an `$XDG_CACHE_HOME` anyone could write to."""
    import subprocess

    root = tmp_path / "user"
    home = root / "fresh"
    (home / ".local").mkdir(parents=True)
    os.chmod(home, 0o751)
    os.chmod(home / ".local", 0o775)  # the user's own, as they made it
    cache_home = root / "xdg" / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "EMPREP_"))}
    env |= {"HOME": str(home), "XDG_CACHE_HOME": str(cache_home), "EMPREP_WARM": "0"}
    done = subprocess.run(
        [installed_emprep(), "review", "rec-why-coursera", "good"],
        capture_output=True,
        text=True,
        env={**env, **NOW},
        umask=umask,
        timeout=PTY_TIMEOUT,
    )
    assert (done.returncode, done.stderr) == (0, "")
    modes = {
        str(p.relative_to(root)): oct(p.stat().st_mode & 0o777)
        for p in sorted(root.rglob("*"))
        if p.is_dir()
    }
    assert modes == {
        "fresh": "0o751",
        "fresh/.local": "0o775",
        "fresh/.local/share": "0o700",
        "fresh/.local/share/emprep": "0o700",
        "xdg": "0o700",
        "xdg/cache": "0o700",
        "xdg/cache/emprep": "0o700",
    }
