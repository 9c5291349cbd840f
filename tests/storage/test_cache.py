"""The cache of validated files: used only for the very bytes it was made from, never trusted
over the file, and never in the way when it is broken or cannot be written."""

from __future__ import annotations

import marshal
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import as_a_user, needs_setpriv, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import emprep
from emprep.core.datatype import EAGER, FIELDS, LATER, PENDING
from emprep.core.errors import EmprepError
from emprep.core.models import CardState, Mock, MockAnswer, Point, Progress, Question, RestBefore
from emprep.core.pack import Pack, PackIds
from emprep.core.scheduler import record
from emprep.core.undo import undo
from emprep.storage import cache, locking, progress_text, store
from emprep.storage.packs import builtin_data_dir, load_ids, load_pack

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
LATER_NAMES, EAGER_NAMES = vars(Question)[LATER], vars(Question)[EAGER]


def _entries() -> list[Path]:
    folder = cache.folder()
    return sorted(folder.glob("*.marshal")) if folder.is_dir() else []


def _kind(kind: str) -> Path:
    """The one entry of `kind`."""
    (entry,) = cache.folder().glob(f"{kind}-*.marshal")
    return entry


def test_cache_lives_in_the_users_cache_folder(tmp_path: Path) -> None:
    assert cache.folder() == tmp_path / "cache" / "emprep"
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    names = [p.name.split("-")[0] for p in _entries()]
    assert sorted(names) == ["ids", "pack", "progress"]
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
        kept = cache.get("progress", isolated, raw, cls=Progress)
        assert isinstance(kept, Progress)
        assert kept == store._parse(raw, isolated)
        assert progress_text.dumps(kept) == raw


def test_a_file_edited_by_hand_is_read_afresh(isolated: Path) -> None:
    run("config", "set", "interview", "2027-01-15", env=NOW)
    assert "2027-01-15" in run("config", "show").stdout
    isolated.write_bytes(isolated.read_bytes().replace(b"2027-01-15", b"2027-02-01"))
    shown = run("config", "show").stdout
    assert "2027-02-01" in shown and "2027-01-15" not in shown


def test_a_broken_file_is_refused_though_its_last_good_bytes_are_cached(isolated: Path) -> None:
    run("review", "exe-scaling", "good", env=NOW)
    assert [e.name.split("-")[0] for e in _entries()] == ["ids", "pack", "progress"]
    isolated.write_bytes(isolated.read_bytes().replace(b"exe-scaling 3", b"exe-scaling 9"))
    r = run("progress")
    assert r.code == 2
    assert "reviews[0]: " in r.stderr and "rating '9' is not 1-4" in r.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[: len(b) // 2],
        lambda b: b"not marshal data at all",
        lambda b: marshal.dumps(("another version", "x", b"", b"")),
        lambda b: marshal.dumps([1, 2, 3]),
        lambda b: b.replace(b"Progress", b"Pathlike"),
    ],
)
def test_a_damaged_entry_is_a_miss(isolated: Path, damage: Callable[[bytes], bytes]) -> None:
    run("review", "exe-scaling", "good", env=NOW)
    want = run("progress", env=NOW).stdout
    for entry in _entries():
        entry.write_bytes(damage(entry.read_bytes()))
    r = run("progress", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, want, "")


def test_an_entry_damaged_on_the_disk_is_neither_shown_nor_saved(isolated: Path) -> None:
    """A byte of an entry changed on the disk (a bad sector, a bit flipped) was read as what
    the file holds: `questions` showed a note never typed, and the next rating saved it into
    the file, the note as typed left in the backup alone. Its checksum makes it a miss."""
    assert run("note", "exe-scaling", "--text", "call Alice first", env=NOW).code == 0
    [entry] = [e for e in _entries() if e.name.startswith("progress-")]
    data = entry.read_bytes()
    at = data.rindex(b"call Alice")  # in the values, after the file's bytes the entry holds
    entry.write_bytes(data[:at] + b"call Bobby" + data[at + len(b"call Alice") :])
    shown = run("questions", "exe-scaling", env=NOW)
    assert shown.code == 0
    assert "call Alice first" in shown.stdout and "Bobby" not in shown.stdout
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    text = isolated.read_text()
    assert 'exe-scaling = "call Alice first"' in text and "Bobby" not in text


def test_an_entry_holds_its_files_bytes_after_its_values(isolated: Path) -> None:
    """The files' bytes an entry is for are held after its marshal data, not in it (reading
    them out of it copied them): the progress file's, and the pack's two files' one after the
    other, each one's size in the data."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    record, held = _record(_kind("progress"))
    assert (record[2], record[3], held) == (None, len(isolated.read_bytes()), isolated.read_bytes())
    pack = [(builtin_data_dir() / name).read_bytes() for name in ("rounds.toml", "questions.toml")]
    for kind in ("pack", "ids"):
        record, held = _record(_kind(kind))
        assert (record[2], record[3], held) == (None, (len(pack[0]), len(pack[1])), b"".join(pack))


@settings(max_examples=200, deadline=None)
@given(
    first=st.binary(max_size=6),
    second=st.binary(max_size=6),
    change=st.sampled_from(["byte", "longer", "shorter", "split", "swapped", "one", "kind"]),
    at=st.integers(0, 20),
)
def test_files_bytes_held_apart_match_only_the_very_bytes(
    tmp_path_factory: pytest.TempPathFactory, first: bytes, second: bytes, change: str, at: int
) -> None:
    """An entry is for its files' very bytes: any other bytes are a miss, a byte changed, added
    or taken away in either file, the same bytes split otherwise between the two files, the
    files swapped, or one file's bytes where two were kept; and a key of another kind."""
    path = tmp_path_factory.mktemp("held") / "p"
    raw = (first, second)
    cache.put("pack", path, raw, value=Progress(last_story=7))
    assert cache.get("pack", path, raw, cls=Progress) == Progress(last_story=7)
    both = first + second
    other: object = [first, second]  # "kind", and a change an empty pack cannot have
    if change == "byte" and both:
        i = at % len(both)
        flipped = both[:i] + bytes([both[i] ^ 1]) + both[i + 1 :]
        other = (flipped[: len(first)], flipped[len(first) :])
    elif change == "longer":
        other = (first, second + b"\n")
    elif change == "shorter" and both:
        other = (first[:-1], second) if first else (first, second[:-1])
    elif change == "split":
        cut = at % (len(both) + 1)
        other = (both[:cut], both[cut:])
    elif change == "swapped":
        other = (second, first)
    elif change == "one":
        other = both
    assert (cache.get("pack", path, other, cls=Progress) is None) == (other != raw)


def test_an_entry_for_other_bytes_or_another_file_is_a_miss(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    raw = progress_text.dumps(Progress())
    kept = Progress(last_story=3)
    cache.put("progress", a, raw, value=kept)
    assert cache.get("progress", a, raw, cls=Progress) == kept
    assert cache.get("progress", a, raw + b"\n", cls=Progress) is None
    assert cache.get("progress", b, raw, cls=Progress) is None


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


@needs_setpriv
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_cache_folder_closed_by_another_user_changes_nothing_but_speed(isolated: Path) -> None:
    """Each command failed with exit 74 and "warm-....lock: Permission denied; check it", a
    rating saved all the same: looking for the lock of the process that fills the cache."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    want = {c: as_a_user(c, env=NOW).stdout for c in ("today", "progress", "plan")}
    folder = cache.folder()
    os.chown(folder, 4321, 4321)
    folder.chmod(0o700)
    for command, shown in want.items():
        r = as_a_user(command, env=NOW)
        assert (r.code, r.stdout, r.stderr) == (0, shown, ""), command
    r = as_a_user("review", "rec-why-coursera", "good", env={**NOW, "EMPREP_WARM": "1"})
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "Recorded rec-why-coursera: Good. Next review 2026-11-22.\n",
        "",
    )
    assert len(store.load(isolated).log.splitlines()) == 2


@pytest.mark.parametrize("change", ["format", "version", "edited source"])
def test_another_format_version_or_source_makes_every_entry_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    path, raw = tmp_path / "p.toml", progress_text.dumps(Progress())
    cache.put("progress", path, raw, value=Progress(last_story=1))
    assert cache.get("progress", path, raw, cls=Progress) == Progress(last_story=1)
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
    assert cache.get("progress", path, raw, cls=Progress) is None


def _emptied() -> None:
    """The cache folder without the built-in pack's entry that every test starts with."""
    for entry in _entries():
        entry.unlink()


def test_pack_is_cached_and_an_edit_is_checked_again(pack_copy: Path) -> None:
    _emptied()
    first = load_pack(str(pack_copy))
    assert load_pack(str(pack_copy)) == first
    assert [p.name.split("-")[0] for p in _entries()] == ["pack"]
    questions = pack_copy / "questions.toml"
    questions.write_bytes(questions.read_bytes().replace(b"source = ", b"source = 7 #", 1))
    r = run("--data", str(pack_copy), "questions")
    assert r.code == 2
    assert f"{questions}: question[0].source: 7 is not one of 'guide'" in r.stderr


def test_a_question_from_the_cache_reads_as_the_pack_s_field_by_field(pack_copy: Path) -> None:
    """A question built back from the pack's entry is made without what a coach says of it
    (its points, red flags, follow-ups, outline and bar); each of its fields read, the later
    ones in any order, is what a fresh read of the pack gives, and so is the whole pack."""
    _emptied()
    fresh = load_pack(str(pack_copy))
    kept = load_pack(str(pack_copy))
    assert all(PENDING in vars(q) for q in kept.questions)
    assert all(not any(n in vars(q) for n in LATER_NAMES) for q in kept.questions)
    for i, (mine, theirs) in enumerate(zip(kept.questions, fresh.questions, strict=True)):
        names = [*EAGER_NAMES, *LATER_NAMES[i % 5 :], *LATER_NAMES[: i % 5]]
        assert [getattr(mine, n) for n in names] == [getattr(theirs, n) for n in names]
        assert list(vars(mine)) == [*EAGER_NAMES, *LATER_NAMES]  # PENDING gone
    assert load_pack(str(pack_copy)) == fresh and kept == fresh


def test_a_warm_command_builds_no_question_s_points(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`progress`, `today` and `drill --list` read no question's points, red flags, outline or
    bar: the pack's entry leaves them in bytes, not built; `questions ID` builds the one
    question's it shows, and shows them as the pack has them."""
    points = [p.text for p in load_pack().question("exe-scaling").points]
    built: list[str] = []

    def unpacked(kept: bytes, classes: dict[str, type]) -> Any:
        values = unpacking(kept, classes)
        built.append(values["points"][0].text)
        return values

    unpacking = cache._unpacked
    monkeypatch.setattr(cache, "_unpacked", unpacked)
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    assert run("config", "set", "interview", "2027-01-15").code == 0
    for command in (["progress"], ["today"], ["drill", "--list"], ["questions"]):
        assert run(*command, env=NOW).code == 0, command
    assert built == []
    shown = run("questions", "exe-scaling", env=NOW)
    assert shown.code == 0 and built == [points[0]]
    assert all(p in " ".join(shown.stdout.split()) for p in points)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(at=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7))
def test_a_bit_of_a_question_s_held_points_changed_is_a_miss(
    isolated: Path, at: float, bit: int
) -> None:
    """The bytes an entry holds for a question's points are in its checksum: one bit of them
    flipped, the pack is read afresh (its points as the files have them) and the entry made
    again whole."""
    want = load_pack()
    entry = _kind("pack")
    data = bytearray(entry.read_bytes())
    text = want.questions[3].points[1].text.encode()
    start = data.rindex(text)  # in the values, after the pack files' bytes the entry holds
    data[start + int(at * len(text))] ^= 1 << bit
    entry.write_bytes(bytes(data))
    got = load_pack()
    assert [q.points for q in got.questions] == [q.points for q in want.questions]
    assert cache.opened(entry.read_bytes()) is not None and load_pack() == want


def test_a_rating_builds_back_the_pack_s_ids_alone(isolated: Path) -> None:
    """A rating needs of the pack the ids a question is named by and each one's rounds, which
    the cache keeps apart: building back the pack (600 questions with their text and points)
    was most of what a rating spent of its own. Its entry, removed, is not made again."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    _kind("pack").unlink()
    r = run("review", "EXE-SCAL", "again", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "Recorded exe-scaling: Again. Next review 2026-11-21.\n",
        "",
    )
    assert [p.name.split("-")[0] for p in _entries()] == ["ids", "progress"]
    r = run("review", "exe-scalling", "good", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: unknown question 'exe-scalling': did you mean 'exe-scaling'? list the "
        "ids with 'emprep questions'\n",
    )
    r = run("review", "rec-management-style", "good", "--format", "json", env=NOW)
    assert r.code == 0
    assert '"id": "exe-leadership-philosophy"' in r.stdout  # the id it was merged into


def test_the_ids_kept_are_the_pack_s_and_an_edit_of_the_pack_is_checked_again(
    pack_copy: Path,
) -> None:
    _emptied()
    ids = load_ids(str(pack_copy))
    assert ids == PackIds.of(load_pack(str(pack_copy)))
    assert [p.name.split("-")[0] for p in _entries()] == ["ids", "pack"]
    _kind("pack").unlink()
    assert load_ids(str(pack_copy)) == ids  # from its own entry: the pack is not made
    assert [p.name.split("-")[0] for p in _entries()] == ["ids"]
    questions = pack_copy / "questions.toml"
    text = questions.read_text()
    questions.write_text(text.replace('id = "exe-scaling"', 'id = "exe-scale-up"'))
    edited = load_ids(str(pack_copy))
    assert edited == PackIds.of(load_pack(str(pack_copy)))
    assert "exe-scale-up" in edited.rounds_of and "exe-scaling" not in edited.rounds_of
    questions.write_text(
        text.replace('rounds = ["executive"]', 'rounds = ["executive", "technical"]', 1)
    )
    moved = load_ids(str(pack_copy))
    assert moved == PackIds.of(load_pack(str(pack_copy))) and moved.rounds_of != ids.rounds_of
    questions.write_text(text.replace("source = ", "source = 7 #", 1))
    r = run("--data", str(pack_copy), "review", "exe-scaling", "good")
    assert (r.code, r.stdout) == (2, "")
    assert f"{questions}: question[0].source: 7 is not one of 'guide'" in r.stderr


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(at=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7))
def test_a_byte_of_the_ids_entry_changed_is_a_miss(isolated: Path, at: float, bit: int) -> None:
    """Any bit of the entry flipped: the ids read are still the pack's, and the entry is made
    again whole."""
    want = PackIds.of(load_pack())
    assert load_ids() == want
    entry = _kind("ids")
    data = bytearray(entry.read_bytes())
    data[int(at * len(data))] ^= 1 << bit
    entry.write_bytes(bytes(data))
    assert load_ids() == want
    assert cache.opened(entry.read_bytes()) is not None


def test_no_stray_temporary_files(isolated: Path) -> None:
    for _ in range(3):
        run("review", "exe-scaling", "good", env=NOW)
    leftovers = [p for p in cache.folder().iterdir() if not p.name.endswith(".marshal")]
    assert leftovers == []
    assert not any(p.name.startswith(".") for p in os.scandir(isolated.parent))


def test_entries_are_named_by_version_and_install_and_do_not_evict_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _emptied()
    path, raw = tmp_path / "p.toml", progress_text.dumps(Progress())
    cache.put("progress", path, raw, value=Progress(last_story=1))
    [first] = _entries()
    assert first.name.startswith(f"progress-{emprep.__version__}-")
    with monkeypatch.context() as m:
        m.setattr(emprep, "__file__", str(tmp_path / "another" / "emprep" / "__init__.py"))
        cache.put("progress", path, raw, value=Progress(last_story=2))
        m.setattr(emprep, "__version__", emprep.__version__ + ".1")
        cache.put("progress", path, raw, value=Progress(last_story=3))
        assert len(_entries()) == 3
        assert cache.get("progress", path, raw, cls=Progress) == Progress(last_story=3)
    assert cache.get("progress", path, raw, cls=Progress) == Progress(last_story=1)


def test_an_entry_holds_plain_data_that_builds_back_without_pydantic(pack: Pack) -> None:
    data: Any = cache.plain(pack)
    assert marshal.loads(marshal.dumps(data)) == data
    assert cache.built(marshal.loads(marshal.dumps(data)), cache._classes()) == pack
    question = data[2]["questions"][1][0]
    assert question[0] == cache.LATE  # what a coach says of it apart, in bytes of their own
    assert set(question[2]) == set(EAGER_NAMES) and "points" not in question[2]
    coach = marshal.loads(question[3])
    assert coach[0] == cache.DICT and list(coach[1]) == list(LATER_NAMES)
    assert coach[1]["points"][1][0][0] == cache.LEAF  # a point holds only plain values
    for tag in (cache.CLASS, cache.LEAF):
        with pytest.raises(KeyError):
            cache.built((tag, "Popen", {"args": "true"}), cache._classes())
    with pytest.raises(KeyError):
        cache.built((cache.LATE, "Popen", {"args": "true"}, b""), cache._classes())


def _planted(isolated: Path) -> str:
    """A saved progress file with its cache entries; what `progress` prints from them."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    return run("progress", env=NOW).stdout


def _record(entry: Path) -> tuple[list[Any], bytes]:
    """An entry's marshal data (stamp, source, key, the files' sizes, value), and the files'
    bytes held after it."""
    body = bytes(cache.opened(entry.read_bytes()) or b"")
    record = list(marshal.loads(body))
    sizes = record[3]
    held = 0 if sizes is None else sizes if isinstance(sizes, int) else sum(sizes)
    return record, body[len(body) - held :]


def _lying_entries() -> None:
    """Every entry rewritten to say there were 99 stories, as a planted one would."""
    for entry in _entries():
        record, files = _record(entry)
        if entry.name.startswith("progress"):
            record[4][2]["last_story"] = 99
        entry.write_bytes(cache.sealed(marshal.dumps(tuple(record)), files))


@pytest.mark.parametrize("writable", ["folder", "entry"])
def test_an_entry_others_could_write_is_ignored(isolated: Path, writable: str) -> None:
    want = _planted(isolated)
    _lying_entries()
    assert cache.get("progress", isolated, isolated.read_bytes(), cls=Progress) is not None
    progress_entry = next(e for e in _entries() if e.name.startswith("progress-"))
    target = cache.folder() if writable == "folder" else progress_entry
    target.chmod(0o777 if writable == "folder" else 0o666)
    assert cache.get("progress", isolated, isolated.read_bytes(), cls=Progress) is None
    r = run("progress", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, want, "")
    assert store.load(isolated).last_story == 0


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_owned_by_someone_else_is_ignored(isolated: Path) -> None:
    _planted(isolated)
    _lying_entries()
    for entry in _entries():
        os.chown(entry, 1, 1)
    assert cache.get("progress", isolated, isolated.read_bytes(), cls=Progress) is None
    assert store.load(isolated).last_story == 0


def test_an_entry_holding_code_never_runs_it(isolated: Path, tmp_path: Path) -> None:
    want = _planted(isolated)
    ran = tmp_path / "ran"
    code = compile(f"open({str(ran)!r}, 'w').close()", "planted", "exec")
    for entry in _entries():
        record, files = _record(entry)
        entry.write_bytes(cache.sealed(marshal.dumps((*record[:4], code)), files))
    r = run("progress", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, want, "")
    assert not ran.exists()


def test_a_save_caches_what_the_written_bytes_read_back_as(isolated: Path) -> None:
    """A log line written in another form is cached as a fresh read puts it, not as given."""
    line = "2026-11-20T10:00+01:00 exe-scaling 3 5\n"
    written = store.update(isolated, lambda p: replace(p, log=line))
    assert written.log == line
    raw = isolated.read_bytes()
    kept = cache.get("progress", isolated, raw, cls=Progress)
    assert kept == store._parse(raw, isolated)
    assert kept is not None and kept.log == "2026-11-20T10:00:00+01:00 exe-scaling 3 5\n"


def test_a_save_that_does_not_read_back_is_never_cached(isolated: Path) -> None:
    store.update(isolated, lambda p: replace(p, profile=replace(p.profile, count=0)))
    assert _entries() == [] or all(e.name.startswith("pack") for e in _entries())
    with pytest.raises(
        locking.StoreError, match=r"profile\.count: must be from 1 to 100 \(got 0\)"
    ):
        store.load(isolated)


FRESH_OR_EDITOR = ("pack_files", "pack_checks", "story_template")


def test_a_warm_command_imports_neither_pydantic_nor_fsrs(isolated: Path) -> None:
    """pydantic checks files read afresh, fsrs rates a review, hashlib names what is exported:
    a command on files as they were never loads them (the pace forecast, which runs fsrs,
    comes from the cache). Nor platformdirs on Linux, whose rule `files.user_folder` follows.
    Nor emprep's own modules for a pack read afresh (its files' models and cross-checks) or for
    a story in the editor (its template); the plan's timeline only for `plan`."""
    import subprocess
    import sys

    setup = [["review", "exe-scaling", "good"], ["config", "set", "interview", "2027-01-15"]]
    for command in [*setup, ["progress"], ["drill", "--list"], ["today"], ["plan"]]:  # fills it
        assert run(*command, env=NOW).code == 0, command
    env = {**os.environ, **NOW}
    argv = [sys.executable, "-X", "importtime", "-m", "emprep"]
    warm = [["progress"], ["drill", "--list"], ["today"], ["rounds"], ["questions"], ["plan"]]
    warm.append(["questions", "exe-scaling"])
    for command in [*warm, ["story", "list"]]:
        done = subprocess.run(argv + command, env=env, capture_output=True, text=True, check=True)
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
        assert "emprep.cli" in imported
        assert "Forecast" in done.stdout or command != ["progress"]
        assert not {"pydantic", "tomllib", "fsrs", "hashlib", "platformdirs"} & imported, command
        assert not {f"emprep.core.{m}" for m in FRESH_OR_EDITOR} & imported, command
        assert ("emprep.ui.export.timeline" in imported) == (command == ["plan"]), command


def test_an_empty_folder_under_an_entry_s_name_is_replaced_by_the_entry(isolated: Path) -> None:
    """Before: the entry was never written again (every command read the pack afresh, about
    70 ms, silently); a folder holding anything is left as it is."""
    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    want = run("progress", env=NOW).stdout
    pack_entry, progress_entry = (_kind("pack"), _kind("progress"))
    for entry in (pack_entry, progress_entry):
        entry.unlink()
        entry.mkdir()
    (progress_entry / "notes.txt").write_text("mine")
    assert run("progress", env=NOW).stdout == want
    made = pack_entry.lstat()
    assert stat.S_ISREG(made.st_mode)
    assert run("progress", env=NOW).stdout == want
    assert pack_entry.lstat().st_mtime_ns == made.st_mtime_ns  # read, not made again
    assert [p.name for p in progress_entry.iterdir()] == ["notes.txt"]
    assert (progress_entry / "notes.txt").read_text() == "mine"


def test_temporaries_killed_writes_left_in_the_cache_folder_are_removed_once_old(
    isolated: Path,
) -> None:
    """Before: a write killed by SIGKILL left `.pack-....marshal.XXXXXXXX.tmp` (up to 550 KB)
    for good, one more at each kill. A fresh one (another emprep writing now), a file of
    another name, a folder and another user's file stay."""
    from emprep.storage import files

    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    pack_entry, progress_entry = (_kind("pack"), _kind("progress"))
    old, fresh = (files.temporary(e, b"half", durable=False) for e in (pack_entry, progress_entry))
    kept = [cache.folder() / name for name in ("notes.tmp", ".x.marshal.abcdefgh.tmp")]
    for path in kept:
        path.write_bytes(b"mine")
    folder = cache.folder() / f".{pack_entry.name}.folder00.tmp"
    folder.mkdir()
    aged = [old, *kept, folder]
    theirs = files.temporary(pack_entry, b"theirs", durable=False)
    if os.geteuid() == 0:
        os.chown(theirs, 4321, 4321)
        aged.append(theirs)
    hour_ago = time.time() - 3600
    for path in aged:
        os.utime(path, (hour_ago, hour_ago))
    assert (
        run("review", "exe-scaling", "good", env={"EMPREP_NOW": "2026-11-21T09:00:00Z"}).code == 0
    )
    left = sorted(p.name for p in cache.folder().iterdir() if not p.name.endswith(".marshal"))
    want = {fresh, *kept, folder} | ({theirs} if os.geteuid() == 0 else set())
    assert left == sorted(p.name for p in want)
    assert not old.exists()


def test_the_bank_listed_imports_nothing_of_the_anki_package(isolated: Path) -> None:
    """The notes' dates of an Anki package are JSON: `questions` (a table, one question)
    imported json for them, a millisecond more each time, with no package to make."""
    import subprocess
    import sys

    for command in [["questions"], ["questions", "exe-scaling"]]:
        assert run(*command, env=NOW).code == 0
        argv = [sys.executable, "-X", "importtime", "-m", "emprep", *command]
        env = {**os.environ, **NOW}
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
        assert "emprep.ui.export.apkg" in imported
        assert not {"json", "genanki"} & imported, command


def test_a_fifo_under_an_entry_s_name_is_a_miss_not_a_hang(isolated: Path) -> None:
    """A FIFO where an entry should be (a name reused by another program) made every
    command wait forever on its open."""
    import subprocess

    from conftest import installed_emprep

    run("review", "exe-scaling", "good", env=NOW)
    want = run("progress", env=NOW).stdout
    for entry in _entries():
        entry.unlink()
        os.mkfifo(entry)
    r = subprocess.run(
        [installed_emprep(), "progress"],
        env={**os.environ, **NOW},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (r.returncode, r.stdout, r.stderr) == (0, want, "")


def test_one_warming_process_at_a_time(isolated: Path) -> None:
    assert not cache.warming(isolated)
    assert list(cache.folder().glob("*.lock")) == []  # asking makes no lock file
    with cache.warm_lock(isolated):
        assert cache.warming(isolated)
        assert cache.warming(isolated.with_name("other.toml")) is False
    assert not cache.warming(isolated)
    [lock] = [p.name for p in cache.folder().glob("*.lock")]
    assert lock.startswith(f"warm-{emprep.__version__}-")


def test_no_warming_without_a_cache_folder(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = isolated.parent.parent / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.warming(isolated)


def test_waited_for_the_warming_process_only_while_it_runs(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not waited for when none runs, nor past the time given; waited for, and True, once
    the one running ends within it: not before it has ended."""
    import threading

    assert cache.waited(isolated, timeout=5) is False  # none runs
    held = cache.warm_lock(isolated)
    held.acquire()
    assert cache.waited(isolated, timeout=0.3) is False  # still running: no longer waited for
    assert cache.warming(isolated)  # running all along: the False was the time given, up
    held.release()
    taken, seen, ended = threading.Event(), threading.Event(), threading.Event()
    running = cache.warming

    def found(source: Path) -> bool:
        busy = running(source)
        if busy and threading.current_thread() is threading.main_thread():
            seen.set()  # the wait found it at work: from now on it waits for its end
        return busy

    monkeypatch.setattr(cache, "warming", found)

    def warming() -> None:  # a lock is let go by the thread that took it
        with cache.warm_lock(isolated):
            taken.set()
            seen.wait(timeout=60)
            ended.set()

    behind = threading.Thread(target=warming)
    behind.start()
    taken.wait()
    assert cache.waited(isolated, timeout=60) is True
    assert ended.is_set()
    behind.join()
    assert not running(isolated)


def test_junk_larger_than_any_entry_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 3 GB file under the pack's entry name took 40 s and 3 GB of memory before `today`
    said anything: it was read whole, then found not to be an entry. Now its size says so."""
    source = tmp_path / "progress.toml"
    entry = cache._entry("progress", source)
    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(entry, "wb") as f:
        f.truncate(256 * 1024 * 1024 + 1)  # sparse: no disk space, no time
    os.chmod(entry, 0o600)
    read: list[int] = []
    monkeypatch.setattr(marshal, "loads", lambda data: read.append(len(data)))
    assert cache.get("progress", source, b"", cls=Progress) is None
    assert read == []


def test_an_upgrade_of_fsrs_makes_what_it_computed_stale() -> None:
    """The fit, the pace advice and the plan's weeks are FSRS's results: kept across an
    upgrade of FSRS alone (emprep's version and modules unchanged), they were its old ones."""
    import fsrs

    scheduler = Path(fsrs.__file__).with_name("scheduler.py")
    assert cache._scheduling()[-1] == scheduler.stat().st_mtime_ns


def test_every_module_the_drill_and_the_forecast_choose_with_is_watched() -> None:
    """An edit of one of them must not leave the cache serving the old pace advice: the gain
    and the final passes had moved to modules of their own that were not watched."""
    import re

    from emprep.core import models
    from emprep.storage.cache import SCHEDULING

    core = Path(models.__file__).parent
    data_only = {"datatype", "models", "limits", "errors"}
    # the plan's introductions read the pack, the plan and the settings only into their key
    inputs = {"pack", "planner", "settings"}
    for name in ("drill.py", "pace.py", "introductions.py"):
        used = set(re.findall(r"from emprep\.core\.(\w+) import", (core / name).read_text()))
        assert {f"{m}.py" for m in used - data_only - inputs} <= set(SCHEDULING), name


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_under_sudo_the_warming_lock_in_a_users_cache_folder_is_theirs(isolated: Path) -> None:
    """A `review` run as root left a lock of root's in the user's cache folder: their own
    `review` could never take it, so the pace advice was never computed behind it again."""
    folder = cache.folder()
    os.chown(folder, 4321, 4322)
    lock = cache.warm_lock(isolated).lock_file
    st = os.stat(lock)
    assert (st.st_uid, st.st_gid) == (4321, 4322)
    os.chown(lock, 0, 0)  # one an earlier version left
    cache.warm_lock(isolated)
    assert os.stat(lock).st_uid == 4321


# --- A rating cached as written, without reading the file back -----------------------------

RATED = ["exe-scaling", "a.b_c-9", "com-team-conflict", "x"]
moments = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30), timezones=st.just(UTC)
)
zones = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


def _same(a: object, b: object) -> bool:
    """Equal in the cache's own terms, types and all (1 is not 1.0 there, nor True)."""
    return repr(cache.plain(a)) == repr(cache.plain(b))


def _kept(path: Path) -> Progress:
    kept = cache.get("progress", path, path.read_bytes(), cls=Progress)
    assert kept is not None
    return kept


HAND_MADE = b"""schema = 2
last_story = 1
reviews = '''
2026-11-18T09:00:00Z exe-scaling 3 40
2026-11-19T21:30-05:00 com-team-conflict 2 7
'''

[profile]
interview = 2027-01-15
hours = 5
rest_days = ["sun"]

[cards.exe-scaling]
card_id = 7
state = 2
stability = 3
difficulty = 5.5
due = 2026-11-22T09:00:00+01:00
last_review = 2026-11-18T09:00:00Z

[[stories]]
id = "s1"
title = "T"
situation = "line one\\r\\nline two"
task = "K"
action = "A"
result = "R"
created = 2026-11-18T09:00:00+05:30
updated = 2026-11-18T09:00:00+05:30
questions = ["exe-scaling"]

[[mocks]]
round = "people"
at = 2026-11-19T10:00:00Z
minutes = 45
questions = ["exe-scaling"]

[[mocks]]
round = "people"
at = 2026-11-19T10:00:00Z
minutes = 30
questions = ["exe-scaling"]

[notes]
exe-scaling = "an outline\\r"
"""


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ratings=st.lists(
        st.tuples(
            st.sampled_from(RATED),
            st.integers(1, 4),
            st.integers(0, 86400),
            moments,
            zones,
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    ),
    hand_made=st.booleans(),
)
def test_the_entry_a_rating_leaves_is_what_a_fresh_read_of_the_file_gives(
    isolated: Path,
    ratings: list[tuple[str, int, int, datetime, timezone, bool]],
    hand_made: bool,
) -> None:
    """A rating's save, and its undo's, caches the value it wrote (`read_as_written`), not the
    bytes read back: that value is what a fresh read of those bytes gives, types and all,
    after a file edited by hand (a line in UTC, one to the minute, an int for a float, CR LF
    in a story, two mocks of one start) as after emprep's own. A rating out of order is
    refused, as ever."""
    path = Path(tempfile.mkdtemp(dir=isolated.parent.parent)) / "progress.toml"
    if hand_made:
        path.write_bytes(HAND_MADE)
    else:
        store.update(path, lambda p: replace(p, profile=replace(p.profile, hours=5.0)))
    for qid, rating, seconds, at, zone, taken_back in sorted(ratings, key=lambda r: r[3]):
        moment = at.astimezone(zone)
        rate = partial(record, question_id=qid, rating=rating, seconds=seconds, now=moment)
        try:
            store.update(path, rate)
        except EmprepError:  # before the card's last review: refused, nothing written
            continue
        assert _same(_kept(path), store._parse(path.read_bytes(), path))
        if taken_back:
            store.update(path, undo)
            assert _same(_kept(path), store._parse(path.read_bytes(), path))


def test_a_rating_on_a_file_in_the_cache_does_not_read_it_back(isolated: Path) -> None:
    """Nor import pydantic or tomllib: the save caches what it wrote."""
    import subprocess
    import sys

    assert run("review", "exe-scaling", "good", env=NOW).code == 0
    env = {**os.environ, **NOW}
    argv = [sys.executable, "-X", "importtime", "-m", "emprep", "review", "exe-scaling", "easy"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "fsrs" in imported
    assert not {"pydantic", "tomllib"} & imported
    assert _same(_kept(isolated), store._parse(isolated.read_bytes(), isolated))
    assert _kept(isolated).log.count("\n") == 2


def test_what_a_rating_leaves_unchanged_is_every_field_but_the_cards_and_the_log() -> None:
    names = {f.name for f in fields(Progress)}
    assert set(progress_text.UNCHANGED) == names - {"cards", "log"}


aware = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30), timezones=st.just(UTC)
)
# values a card's field may be given, of the right type and not, in its range and not
wild = (
    st.floats(allow_nan=True, allow_infinity=True)
    | st.floats(-1, 12)
    | st.integers(-(2**64), 2**64)
    | st.integers(-2, 12)
    | st.booleans()
    | st.none()
    | st.datetimes(min_value=datetime(1999, 12, 31), max_value=datetime(2200, 1, 2))
    | st.datetimes(
        min_value=datetime(1999, 12, 31),
        max_value=datetime(2200, 1, 2),
        timezones=st.integers(-14 * 3600, 14 * 3600).map(lambda s: timezone(timedelta(seconds=s))),
    )
)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(["exe-scaling", "Exe", "a b", "a.b", "é", "0", "-x", "x\n"])
    | st.text(max_size=4),
    card=st.builds(
        CardState,
        card_id=st.integers(0, 2**32),
        state=st.integers(1, 3),
        due=aware,
        step=st.none() | st.integers(0, 3),
        stability=st.floats(0.001, 1000),
        difficulty=st.floats(1, 10),
        last_review=aware,
    ),
    changed=st.none() | st.tuples(st.sampled_from([f.name for f in fields(CardState)]), wild),
)
def test_a_card_taken_as_read_reads_back_so(
    tmp_path: Path, key: str, card: CardState, changed: tuple[str, Any] | None
) -> None:
    """`read_as_written` takes a new card only when a read of the written file gives it back,
    types and all: for a card as FSRS makes one with any field given any value, of the wrong
    type or out of range included."""
    if changed is not None:
        card = replace(card, **{changed[0]: changed[1]})
    path = tmp_path / "cards.toml"
    before = store._parse(progress_text.dumps(Progress(log=LINE)), path)
    after = replace(before, cards={**before.cards, key: card})
    if not progress_text.read_as_written(before, after):
        return
    assert _same(store._parse(progress_text.dumps(after), path), after)


LINE = "2026-11-20T09:00:00+01:00 exe-scaling 3 40\n"


@pytest.mark.parametrize(
    "added",
    [
        "2026-11-20T10:00+01:00 exe-scaling 3 40\n",  # to the minute: read back to the second
        "2026-11-20T10:00:00+01:00 Exe-scaling 3 40\n",
        "2026-11-20T10:00:00+01:00 exe-scaling 3 40",  # no line end
        " 2026-11-20T10:00:00+01:00 exe-scaling 3 40\n",
        "2026-11-20T10:00:00+01:00 exe-scaling 5 40\n",
        "2099-12-31T23:00:00-05:00 exe-scaling 3 40\n",  # 2100 in UTC
    ],
)
def test_a_log_line_a_read_would_change_or_refuse_is_read_back(added: str) -> None:
    path = Path("p.toml")
    before = store._parse(progress_text.dumps(Progress(log=LINE)), path)
    assert not progress_text.read_as_written(before, replace(before, log=LINE + added))
    assert progress_text.read_as_written(before, replace(before, log=LINE + LINE))
    assert progress_text.read_as_written(before, replace(before, log=""))  # an undo
    twice = store._parse(progress_text.dumps(Progress(log=LINE + LINE)), path)
    assert progress_text.read_as_written(twice, replace(twice, log=LINE))
    assert not progress_text.read_as_written(twice, replace(twice, log=LINE + LINE[:-3]))
    assert not progress_text.read_as_written(before, replace(before, notes={}))


def _plain_by_calls(value: object) -> object:
    """`cache.plain` as first written: every value, plain or not, through a call of its own."""
    kind = type(value)
    if kind in cache.SCALARS or value is None:
        return value
    names = kind.__dict__.get(FIELDS)
    if names is not None:
        inside = {name: _plain_by_calls(getattr(value, name)) for name in names}
        leaf = not any(type(v) is tuple for v in inside.values())
        return (cache.LEAF if leaf else cache.CLASS, kind.__name__, inside)
    if isinstance(value, datetime):
        return (cache.MOMENT, value.isoformat())
    if isinstance(value, date):
        return (cache.DAY, value.isoformat())
    if isinstance(value, Path):
        return (cache.PATH, str(value))
    if isinstance(value, list):
        items = [_plain_by_calls(v) for v in value]
        return (cache.LIST, items) if any(type(v) is tuple for v in items) else items
    if isinstance(value, dict):
        pairs = {k: _plain_by_calls(v) for k, v in value.items()}
        return (cache.DICT, pairs) if any(type(v) is tuple for v in pairs.values()) else pairs
    raise TypeError(kind.__name__)


class Tagged(list[object]):
    """A list of a class of its own: `plain` takes it by `isinstance`, not by its type."""


leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=3)
    | st.dates()
    | moments
    | st.builds(Path, st.sampled_from(["a", "/b/c"]))
    | st.tuples(st.integers())  # which the cache cannot hold
)
trees = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(Tagged)
        | st.dictionaries(st.text(max_size=2), inner, max_size=4)
        | st.builds(RestBefore, inner, inner)
        | st.builds(Point, inner, inner)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=trees)
def test_an_entry_holds_what_plain_as_first_written_gives(value: object) -> None:
    """`plain` takes a plain value in a list, a dict or an instance as it is, without a call of
    its own (a replay of 10,000 observations: 9 ms, now 5): the very data, tags and types,
    that one call for each value gives; and refuses what it refuses."""
    try:
        expected = repr(_plain_by_calls(value))
    except TypeError:
        with pytest.raises(TypeError):
            cache.plain(value)
    else:
        assert repr(cache.plain(value)) == expected


CHANGES = ["none", "same", "other zone", "equal int", "list", "field added", "dict replaced"]


@settings(max_examples=200, deadline=None)
@given(
    change=st.sampled_from(CHANGES),
    which=st.integers(0, 2),
    field=st.sampled_from(["card_id", "step", "due", "last_review", "stability"]),
)
def test_a_card_read_from_the_cache_is_plain_as_it_is_now(
    tmp_path_factory: pytest.TempPathFactory, change: str, which: int, field: str
) -> None:
    """A card built back from an entry, its fields still the very values it was built with,
    is given as the plain data it came from (a rating's save and the pace advice's key made
    the 600 cards' data afresh: 2.2 ms); one changed since, in any way, is given as it is now,
    as `plain` as first written gives it: a field set to an equal value written otherwise (a
    time at another offset), to a list, a field added."""
    path = tmp_path_factory.mktemp("cards") / "progress.toml"
    due = datetime(2026, 11, 22, 9, tzinfo=timezone(timedelta(hours=1)))
    cards = {
        f"q{i}": CardState(
            card_id=2**40 + i, state=2, step=None, stability=2.5, difficulty=5.0, due=due,
            last_review=datetime(2026, 11, 20, 8, tzinfo=UTC),
        )
        for i in range(3)
    }  # fmt: skip
    cache.put("progress", path, b"raw", value=Progress(cards=cards))
    kept = cache.get("progress", path, b"raw", cls=Progress)
    assert kept is not None and kept.cards == cards
    card = kept.cards[f"q{which}"]
    now, changed = getattr(card, field), True
    if change == "same":
        setattr(card, field, now)
    elif change == "other zone" and isinstance(now, datetime):
        setattr(card, field, now.astimezone(timezone(timedelta(hours=-5))))
    elif change == "equal int" and isinstance(now, int):
        setattr(card, field, int(str(now)))
    elif change == "list":
        setattr(card, field, [now])
    elif change == "field added":
        vars(card)["extra"] = 1
    else:
        changed = False
        if change == "dict replaced":
            card.__dict__ = dict(card.__dict__)
    for one in kept.cards.values():
        assert repr(cache.plain(one)) == repr(_plain_by_calls(one))
    assert repr(cache.plain(kept)) == repr(_plain_by_calls(kept))
    others = [c for c in kept.cards.values() if c is not card]
    assert all(cache.plain(c) is cache.plain(c) for c in others)  # the data it came from
    assert (cache.plain(card) is cache.plain(card)) == (change == "same" or not changed)


def test_a_value_read_from_the_cache_with_a_list_changed_in_place_is_plain_as_it_is_now(
    tmp_path: Path,
) -> None:
    """A value built back whose field is the very list it was built with, changed since in
    place, is given as it is now: only values that cannot change so are taken as built."""
    path = tmp_path / "progress.toml"
    answer = MockAnswer(question="exe-scaling", rating=3, seconds=60)
    mock = Mock(round="executive", at=datetime(2026, 11, 20, tzinfo=UTC), minutes=45,
                questions=["exe-scaling"], answers=[answer])  # fmt: skip
    cache.put("progress", path, b"raw", value=Progress(mocks=[mock]))
    kept = cache.get("progress", path, b"raw", cls=Progress)
    assert kept is not None
    [read] = kept.mocks
    assert read == mock
    read.answers.append(replace(answer, rating=1))
    assert repr(cache.plain(read)) == repr(_plain_by_calls(read))
    assert "'rating': 1" in repr(cache.plain(kept))


def _facts_found(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The logs whose facts are found from their lines from now on, each listed as it is; none
    known in this process yet, as in a command's own."""
    from emprep.core import models

    found: list[str] = []
    find = models.found_facts

    def counted(log: str) -> models.LogFacts:
        found.append(log)
        return find(log)

    monkeypatch.setattr(models, "found_facts", counted)
    models._FACTS.clear()
    return found


def test_a_long_logs_facts_are_found_once_then_read_from_the_cache(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From FACTS_KEPT lines on, the first command after the log changed finds its facts and
    keeps them; the next reads them from the cache, and shows what finding them shows. A
    shorter log keeps none."""
    from emprep.cli import context

    for qid in ("exe-scaling", "rec-why-coursera", "exe-scaling"):
        assert run("review", qid, "good", env=NOW).code == 0
    monkeypatch.setattr(context, "FACTS_KEPT", 4)
    found = _facts_found(monkeypatch)
    assert run("progress", env=NOW).code == 0
    assert not list(cache.folder().glob("log-*.marshal"))
    monkeypatch.setattr(context, "FACTS_KEPT", 3)
    first = run("progress", env=NOW)
    log = isolated.read_text().split("'''\n")[1]
    assert (first.code, found[1:]) == (0, [log])
    _kind("log")
    for command in (["progress"], ["today"], ["drill", "--list"]):
        found = _facts_found(monkeypatch)
        shown = run(*command, env=NOW)
        assert (shown.code, found) == (0, [])
        found = _facts_found(monkeypatch)
        elsewhere = str(isolated.parent / "-".join(command))  # an empty cache folder
        computed = run(*command, env={**NOW, "XDG_CACHE_HOME": elsewhere})
        assert (computed.stdout, found) == (shown.stdout, [log])
    assert run("review", "tech-tradeoff", "hard", env=NOW).code == 0
    found = _facts_found(monkeypatch)
    assert run("progress", env=NOW).code == 0
    assert found == [isolated.read_text().split("'''\n")[1]]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["q1", "q2", "q3", "q4"]),
            st.integers(0, 8 * 24 * 60),  # minutes after 2026-11-15T00:00Z
            st.sampled_from([None, -12 * 60, -5 * 60, 0, 5 * 60 + 30, 14 * 60]),  # None: `Z`
            st.integers(0, 3600),
        ),
        max_size=25,
    ),
    hours=st.integers(0, 8 * 24),
)
def test_a_logs_facts_from_the_cache_answer_as_its_lines_do(
    lines: list[tuple[str, int, int | None, int]], hours: int
) -> None:
    """The facts built back from what the cache keeps give the first review, the days
    practised and the seconds, each question's last review and the day's new questions that
    reading the log's lines gives."""
    from emprep.core import models
    from emprep.core.scheduler import introduced_on

    start = datetime(2026, 11, 15, tzinfo=UTC)
    log = "".join(
        models.review_line(
            q,
            (start + timedelta(minutes=m)).astimezone(timezone(timedelta(minutes=off or 0))),
            3,
            seconds=seconds,
            known=off is not None,
        )
        for q, m, off, seconds in lines
    )
    progress = Progress(log=log)
    now = start + timedelta(hours=hours)
    models._FACTS.clear()
    read = (
        progress.first_line,
        progress.practice(UTC),
        progress.given_in(),
        introduced_on(progress, now),
    )
    facts = models.found_facts(log)
    data: Any = cache.plain(facts)
    kept = cache.built(marshal.loads(marshal.dumps(data)), cache._classes())
    assert kept == facts
    models._FACTS.clear()
    models._last_given.cache_clear()
    models.known_facts(log, kept)
    assert (
        progress.first_line,
        progress.practice(UTC),
        progress.given_in(),
        introduced_on(progress, now),
    ) == read
