"""Export files written whole or not at all, with the mode `>` would give, never into anything
but a regular file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

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
