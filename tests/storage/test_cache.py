"""The cache of validated files: used only for the very bytes it was made from, never trusted
over the file, and never in the way when it is broken or cannot be written."""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run

import emprep
from emprep.core.models import Progress
from emprep.storage import cache, store
from emprep.storage.packs import load_pack

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}


def _entries() -> list[Path]:
    folder = cache.folder()
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_cache_lives_in_the_users_cache_folder(tmp_path: Path) -> None:
    assert cache.folder() == tmp_path / "cache" / "emprep"
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    names = [p.name.split("-")[0] for p in _entries()]
    assert sorted(names) == ["pack", "progress"]
    assert stat.S_IMODE(cache.folder().stat().st_mode) == 0o700


def test_every_save_leaves_an_entry_equal_to_a_fresh_read_of_the_file(isolated: Path) -> None:
    steps = [
        ("review", "exe-scaling", "good", "--seconds", "40"),
        ("config", "set", "interview", "2027-01-15"),
        ("config", "set", "hours", "7.5"),
        ("story", "add", "--title", "T", "--situation", "S", "--task", "K", "--action", "A",
         "--result", "R", "--competencies", "conflict-resolution",
         "--questions", "com-team-conflict"),
        ("review", "com-team-conflict", "hard"),
        ("story", "link", "s1", "exe-scaling"),
    ]  # fmt: skip
    for args in steps:
        assert run(*args, env=NOW).code == 0, args
        raw = isolated.read_bytes()
        kept = cache.get("progress", isolated, raw)
        assert isinstance(kept, Progress)
        assert kept == store._parse(raw, isolated)
        assert store.dumps(kept) == raw


def test_a_file_edited_by_hand_is_read_afresh(isolated: Path) -> None:
    run("config", "set", "interview", "2027-01-15", env=NOW)
    assert "2027-01-15" in run("config", "show").stdout
    isolated.write_bytes(isolated.read_bytes().replace(b"2027-01-15", b"2027-02-01"))
    shown = run("config", "show").stdout
    assert "2027-02-01" in shown and "2027-01-15" not in shown


def test_a_broken_file_is_refused_though_its_last_good_bytes_are_cached(isolated: Path) -> None:
    run("review", "exe-scaling", "good", env=NOW)
    assert len(_entries()) == 2
    isolated.write_bytes(isolated.read_bytes().replace(b"exe-scaling 3", b"exe-scaling 9"))
    r = run("progress")
    assert r.code == 2
    assert "reviews[0]: " in r.stderr and "rating '9' is not 1-4" in r.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[: len(b) // 2],
        lambda b: b"not a pickle at all",
        lambda b: pickle.dumps(("another version", "x", b"", b"")),
        lambda b: pickle.dumps([1, 2, 3]),
    ],
)
def test_a_damaged_entry_is_a_miss(isolated: Path, damage: Callable[[bytes], bytes]) -> None:
    run("review", "exe-scaling", "good", env=NOW)
    want = run("progress", env=NOW).stdout
    for entry in _entries():
        entry.write_bytes(damage(entry.read_bytes()))
    r = run("progress", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, want, "")


def test_an_entry_for_other_bytes_or_another_file_is_a_miss(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    raw = store.dumps(Progress())
    cache.put("progress", a, raw, "kept for a")
    assert cache.get("progress", a, raw) == "kept for a"
    assert cache.get("progress", a, raw + b"\n") is None
    assert cache.get("progress", b, raw) is None


def test_an_unwritable_cache_folder_changes_nothing_but_speed(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    r = run("progress", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert "1 review" in r.stdout
    assert blocker.read_text() == "a file where the cache folder would be"


@pytest.mark.parametrize("change", ["format", "version", "edited source"])
def test_another_format_version_or_source_makes_every_entry_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    path, raw = tmp_path / "p.toml", store.dumps(Progress())
    cache.put("progress", path, raw, "old")
    assert cache.get("progress", path, raw) == "old"
    if change == "format":
        monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    elif change == "version":
        monkeypatch.setattr(emprep, "__version__", emprep.__version__ + ".1")
    else:
        real = os.stat

        def touched(p: str | os.PathLike[str]) -> os.stat_result:
            """models.py as if saved a nanosecond later."""
            r = real(p)
            if not str(p).endswith("models.py"):
                return r
            return os.stat_result(r[:10], {"st_mtime_ns": r.st_mtime_ns + 1})

        monkeypatch.setattr(os, "stat", touched)
    assert cache.get("progress", path, raw) is None


def test_pack_is_cached_and_an_edit_is_checked_again(pack_copy: Path) -> None:
    first = load_pack(str(pack_copy))
    assert load_pack(str(pack_copy)) == first
    assert [p.name.split("-")[0] for p in _entries()] == ["pack"]
    questions = pack_copy / "questions.toml"
    questions.write_bytes(questions.read_bytes().replace(b"source = ", b"source = 7 #", 1))
    r = run("--data", str(pack_copy), "questions")
    assert r.code == 2
    assert f"{questions}: question[0].source: Input should be 'guide'" in r.stderr


def test_no_stray_temporary_files(isolated: Path) -> None:
    for _ in range(3):
        run("review", "exe-scaling", "good", env=NOW)
    leftovers = [p for p in cache.folder().iterdir() if not p.name.endswith(".pickle")]
    assert leftovers == []
    assert not any(p.name.startswith(".") for p in os.scandir(isolated.parent))
