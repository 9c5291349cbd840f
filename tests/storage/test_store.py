from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import installed_emprep, reviews, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprep.core import limits
from emprep.core.days import WEEKDAYS
from emprep.core.models import HoursBefore, Profile, Progress, RestBefore, Story
from emprep.core.scheduler import record
from emprep.storage import locking, store
from emprep.storage.progress_text import dumps

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
QIDS = ["rec-why-coursera", "tech-kafka-events", "ppl-promotion", "exe-scaling"]


def _progress(ratings: list[tuple[int, int, int]], profile: Profile) -> Progress:
    p = Progress(profile=profile)
    for i, (q, rating, secs) in enumerate(ratings):
        p = record(p, QIDS[q], rating, seconds=secs, now=T0 + timedelta(hours=7 * i))
    return p


profiles = st.builds(
    Profile,
    interview=st.none() | st.dates(date(2026, 1, 1), date(2030, 1, 1)),
    start=st.none() | st.dates(date(2026, 1, 1), date(2030, 1, 1)),
    hours=st.none() | st.floats(0.1, 80),
    track=st.none() | st.sampled_from(["remote", "hub"]),
    count=st.none() | st.integers(1, 50),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ratings=st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, 4), st.integers(0, 3600)), max_size=20
    ),
    profile=profiles,
)
def test_round_trip(tmp_path: Path, ratings: list[tuple[int, int, int]], profile: Profile) -> None:
    p = _progress(ratings, profile)
    path = tmp_path / "rt.toml"
    store.update(path, lambda _: p)
    assert store.load(path) == p
    assert store.parse(dumps(p), path) == p


def test_new_file_is_private_and_backup_holds_the_previous_version(isolated: Path) -> None:
    assert run("review", "rec-why-coursera", "good").code == 0
    first = isolated.read_bytes()
    assert stat.S_IMODE(isolated.stat().st_mode) == 0o600
    assert run("review", "exe-scaling", "again").code == 0
    bak = isolated.with_name("progress.toml.bak")
    assert bak.read_bytes() == first
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600
    assert len(reviews(store.load(isolated))) == 2
    assert [p.name for p in isolated.parent.iterdir() if p.suffix == ".tmp"] == []


CORRUPTIONS = {
    "truncated": lambda b: b[: len(b) // 2],
    "not toml": lambda b: b + b"\n[[[\n",
    "wrong type": lambda b: b.replace(b"state = 2", b'state = "review"'),
    "bad review line": lambda b: b.replace(b" rec-why-coursera 3 ", b" rec-why-coursera good "),
    "rating out of range": lambda b: b.replace(b" rec-why-coursera 3 ", b" rec-why-coursera 7 "),
    "line break in a review": lambda b: b.replace(
        b" rec-why-coursera 3 ", b" rec-why\\ncoursera 3 "
    ),
    "unknown key": lambda b: b.replace(b"schema = 3", b"schema = 3\ncolour = 1"),
    "newer schema": lambda b: b.replace(b"schema = 3", b"schema = 9"),
    "not utf-8": lambda b: b + b"\n# \xff\xfe\n",
}


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
@pytest.mark.parametrize(
    "args",
    [
        ["review", "exe-scaling", "good"],
        ["drill", "--list"],
        ["progress"],
        ["config", "set", "count", "3"],
        ["plan"],
    ],
)
def test_unreadable_file_is_reported_and_left_untouched(
    isolated: Path, kind: str, args: list[str]
) -> None:
    assert run("review", "rec-why-coursera", "good").code == 0
    bad = CORRUPTIONS[kind](isolated.read_bytes())
    isolated.write_bytes(bad)
    before = sorted(p.name for p in isolated.parent.iterdir())
    r = run(*args)
    assert r.code == 2
    assert r.stderr.startswith(f"emprep: error: progress file {isolated}: ")
    assert r.stderr.count("\n") == 1
    assert "Traceback" not in r.stderr
    assert isolated.read_bytes() == bad
    assert sorted(p.name for p in isolated.parent.iterdir()) == before


def test_corruption_messages_name_the_place_and_the_fix(isolated: Path) -> None:
    env = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00", "TZ": "UTC"}
    run("review", "rec-why-coursera", "good", "--seconds", "40", env=env)
    run("review", "exe-scaling", "good", env=env)
    good = isolated.read_bytes()
    assert b"\n2026-11-20T09:00:00+00:00 rec-why-coursera 3 40\n" in good
    bak = isolated.with_name("progress.toml.bak")
    os.utime(bak, (T0.timestamp(), T0.timestamp()))
    hint = (
        "fix it by hand, or go back to its backup from 2026-11-20 09:00 (1 review; this file: "
        f"2 reviews), keeping this file aside: cp '{isolated}' '{isolated}.broken' && "
        f"cp '{bak}' '{isolated}'"
    )
    cases = {
        b"rec-why-coursera 3 40": (
            b"rec-why-coursera good 40",
            "reviews[0]: '2026-11-20T09:00:00+00:00 rec-why-coursera good 40': rating 'good' is "
            "not 1-4",
        ),
        b"rec-why-coursera 3": (
            b"rec-why-coursera 9",
            "reviews[0]: '2026-11-20T09:00:00+00:00 rec-why-coursera 9 40': rating '9' is not 1-4",
        ),
        b"-coursera 3 40": (
            b"-coursera 3",
            "reviews[0]: '2026-11-20T09:00:00+00:00 rec-why-coursera 3': expected "
            "'TIME QUESTION RATING SECONDS'",
        ),
        b"09:00:00+00:00 exe": (
            b"09:00:00 exe",
            "reviews[1]: '2026-11-20T09:00:00 exe-scaling 3 0': time '2026-11-20T09:00:00' has "
            "no time zone; end it with its offset (-05:00), or Z",
        ),
        # the one rule of ids, with its words: before, "question '...' is not a question id"
        b"why-coursera 3 40": (
            "why-cours\u0435ra 3 40".encode(),
            "reviews[0]: '2026-11-20T09:00:00+00:00 rec-why-cours\u0435ra 3 40': question "
            "'rec-why-cours\u0435ra' holds '\u0435' (U+0435); an id is typed, so it is made of "
            "a-z, 0-9, '.', '_' and '-'; write it in those",
        ),
        b"schema = 3": (b'schema = "two"', "schema: 'two' is not a schema number"),
        b"state = 2": (
            b'state = "review"',
            "cards.rec-why-coursera.state: 'review' is not a whole number",
        ),
    }
    for old, (new, problem) in cases.items():
        isolated.write_bytes(good.replace(old, new, 1))
        r = run("progress", env=env)
        assert (r.code, r.stderr) == (
            2,
            f"emprep: error: progress file {isolated}: {problem}; {hint}\n",
        ), problem
    isolated.write_bytes(good.replace(b"schema = 3", b"schema = 4"))
    assert run("progress").stderr == (
        f"emprep: error: progress file {isolated}: written by a newer emprep (schema 4, this "
        "one reads 3); upgrade emprep: pip install --upgrade emprep\n"
    )
    isolated.write_bytes(b"schema = 2\n[profile]\ninterview = 2027-13-01\n")
    assert run("progress").stderr.startswith(
        f"emprep: error: progress file {isolated}: invalid TOML: "
    )
    assert "(at line 3, column" in run("progress").stderr


def test_an_id_in_capitals_is_refused_naming_its_place_and_the_lower_case_one(
    isolated: Path,
) -> None:
    """Only a hand edit makes one, and it counted for no question: a review of
    REC-WHY-COURSERA loaded and was in no recall, no drill, no count."""
    env = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    run("review", "rec-why-coursera", "good", "--seconds", "40", env=env)
    run("note", "rec-why-coursera", "--text", "Mission first", env=env)
    run("story", "add", "--title", "T", "--situation", "S", "--task", "T", "--action", "A",
        "--result", "R", "--questions", "com-team-conflict", env=env)  # fmt: skip
    run("rounds", "log", "people", "--date", "2026-11-19", "--asked", "ppl-difficult-feedback")
    run("config", "set", "interview.people", "2026-12-01", env=env)
    good = isolated.read_bytes()
    mock = b'mocks = [{round = "Recruiter", at = 2026-11-20T09:00:00Z, minutes = 30, questions = '
    cases = {
        b"00 rec-why-coursera 3": (
            b"00 REC-WHY-COURSERA 3",
            "reviews[0]: '2026-11-20T09:00:00+00:00 REC-WHY-COURSERA 3 40': question "
            "'REC-WHY-COURSERA'",
        ),
        b"[cards.rec-why": (b"[cards.Rec-why", "cards.Rec-why-coursera: 'Rec-why-coursera'"),
        b"rec-why-coursera = ": (b"REC-why-coursera = ",
            "notes.REC-why-coursera: 'REC-why-coursera'"),
        b'"com-team-conflict"': (b'"COM-team-conflict"',
            "stories[0].questions[0]: 'COM-team-conflict'"),
        b'"ppl-difficult-feedback"': (
            b'"Ppl-difficult-feedback"', "interviews[0].questions[0]: 'Ppl-difficult-feedback'"
        ),
        b'round = "people"': (b'round = "People"', "interviews[0].round: 'People'"),
        b"people = 2026-12-01": (b"PEOPLE = 2026-12-01", "profile.rounds.PEOPLE: 'PEOPLE'"),
        b"mocks = []": (mock + b'["rec-why-coursera"]}]', "mocks[0].round: 'Recruiter'"),
    }  # fmt: skip
    for old, (new, place) in cases.items():
        assert old in good, old
        isolated.write_bytes(good.replace(old, new, 1))
        written = isolated.read_bytes()
        r = run("progress", env=env)
        word = place.rsplit("'", 2)[1]
        assert (r.code, r.stderr) == (
            2,
            f"emprep: error: progress file {isolated}: {place} has a capital letter, but ids "
            f"are lower case and it would count for nothing; write it '{word.lower()}'\n",
        ), place
        assert isolated.read_bytes() == written


def _new_file(dst: str) -> bool:
    name = Path(dst).name
    return name.endswith(".tmp") and name.startswith(".progress.toml.") and ".bak." not in name


SAVE_STEPS: dict[str, tuple[Callable[[str], bool], str]] = {  # failing step -> the message
    "new file": (
        _new_file,
        "cannot be written (No space left on device); nothing was changed: the file and its "
        "backup are as they were.",
    ),
    "backup": (
        lambda dst: dst.endswith(".bak"),
        "its backup {p}.bak cannot be written (No space left on device); nothing was changed: "
        "the file and its backup are as they were.",
    ),
    "replace": (
        lambda dst: dst.endswith("progress.toml"),
        "cannot be replaced (No space left on device); nothing was changed: the file and its "
        "backup are as they were.",
    ),
}


@pytest.mark.parametrize("step", SAVE_STEPS)
def test_a_save_failing_at_any_step_leaves_the_file_and_its_backup_as_they_were(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The new file is written first, then the backup, then the replace: a full disk at any
    of them loses neither the file nor the older backup."""
    run("review", "rec-why-coursera", "good")
    run("review", "exe-scaling", "good")
    before = isolated.read_bytes()
    bak = isolated.with_name("progress.toml.bak")
    older = bak.read_bytes()
    fails, said = SAVE_STEPS[step]
    real_replace, real_fsync = os.replace, os.fsync

    def replace(src: str, dst: str) -> None:
        if step != "new file" and fails(str(dst)):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    def fsync(fd: int) -> None:
        if step == "new file" and fails(os.readlink(f"/proc/self/fd/{fd}")):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "fsync", fsync)
    r = run("review", "ppl-promotion", "good")
    assert r.code == 2
    assert r.stderr == (
        f"emprep: error: progress file {isolated}: {said.format(p=isolated)} "
        "Free some space on its disk, then try again\n"
    )
    assert isolated.read_bytes() == before
    assert bak.read_bytes() == older  # put back when the replace fails
    assert [p.name for p in isolated.parent.iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.parametrize("inodes", [0, 5])
def test_a_disk_out_of_inodes_is_said_so_not_only_out_of_space(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, inodes: int
) -> None:
    """A disk out of inodes (the files it can hold) refuses a new file with "No space left on
    device" while `df -h` shows space free: "free some space" sent the person to look for
    gigabytes. Said when the disk has no inode left (statvfs's f_favail, what `df -i`
    reads); a disk with inodes left is out of space, said as before."""
    run("review", "rec-why-coursera", "good")
    before = isolated.read_bytes()
    real_open, real_statvfs = os.open, os.statvfs

    def full_open(path: str, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if str(path).endswith(".tmp"):  # the new file a save writes first
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        return real_open(path, flags, mode, **kw)

    def statvfs(path: str) -> os.statvfs_result:
        st = real_statvfs(path)
        return os.statvfs_result((*st[:5], 1000, inodes, inodes, *st[8:]))

    monkeypatch.setattr(os, "open", full_open)
    monkeypatch.setattr(os, "statvfs", statvfs)
    r = run("review", "exe-scaling", "good")
    why = "No space left on device"
    if not inodes:
        why += ": out of inodes (files), though df -h may show space; df -i shows them"
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: progress file {isolated}: cannot be written ({why}); nothing was "
        "changed: the file and its backup are as they were. Free some space on its disk, then "
        "try again\n",
    )
    assert isolated.read_bytes() == before


def test_where_a_disk_cannot_be_asked_about_inodes_a_full_one_is_said_as_full(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no os.statvfs: a full disk is said as full there, and a folder is taken to
    be writable until a write says otherwise. The inode check raised AttributeError, a
    traceback in place of the line."""
    from emprep.storage import files

    run("review", "rec-why-coursera", "good")
    before = isolated.read_bytes()
    real_open = os.open

    def full_open(path: str, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if str(path).endswith(".tmp"):  # the new file a save writes first
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        return real_open(path, flags, mode, **kw)

    monkeypatch.delattr(os, "statvfs")
    assert files.read_only_disk(isolated.parent) is False
    monkeypatch.setattr(os, "open", full_open)
    r = run("review", "exe-scaling", "good")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: progress file {isolated}: cannot be written (No space left on device); "
        "nothing was changed: the file and its backup are as they were. Free some space on its "
        "disk, then try again\n",
    )
    assert isolated.read_bytes() == before


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime, UTC
    from pathlib import Path
    from emprep.core import models
    from emprep.storage import store
    from emprep.core.scheduler import record
    path = Path(sys.argv[1])
    real = os.replace
    def crash(src, dst):
        if Path(dst) == path:
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst)
    os.replace = crash
    store.update(path, lambda p: record(p, "exe-scaling", 3, seconds=5, now=datetime.now(UTC)))
    """
)


def test_crash_between_temp_file_and_replace_leaves_old_file_whole(isolated: Path) -> None:
    run("review", "rec-why-coursera", "good")
    before = isolated.read_bytes()
    proc = subprocess.run([sys.executable, "-c", KILLER, str(isolated)], check=False)
    assert proc.returncode == -9
    assert isolated.read_bytes() == before
    assert [r.question for r in reviews(store.load(isolated))] == ["rec-why-coursera"]
    assert run("review", "exe-scaling", "good").code == 0


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, UTC
    from pathlib import Path
    from emprep.core import models
    from emprep.storage import store
    from emprep.core.scheduler import record
    path, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(n):
        store.update(path, lambda p: record(p, "exe-scaling", 3, seconds=i, now=datetime.now(UTC)))
    """
)


@pytest.mark.slow
def test_two_processes_recording_100_each_at_once_lose_nothing(isolated: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(isolated), tag, "100"])
        for tag in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    log = reviews(store.load(isolated))
    assert len(log) == 200
    assert sorted(r.seconds for r in log) == sorted(list(range(100)) * 2)


SCHEMA_1 = b"""schema = 1
reviews = [
    "2026-11-19T08:30:00+01:00 exe-scaling 3 40",
    "2026-11-18T09:00:00Z rec-why-coursera 1 12",
]

[profile]
interview = 2027-01-15
"""


def test_a_schema_1_file_is_read_and_written_back_as_the_latest_schema(isolated: Path) -> None:
    isolated.parent.mkdir(parents=True)
    isolated.write_bytes(SCHEMA_1)
    p = store.load(isolated)
    assert p.log == (
        "2026-11-19T08:30:00+01:00 exe-scaling 3 40\n2026-11-18T09:00:00Z rec-why-coursera 1 12\n"
    )
    assert p.first_line == "2026-11-18T09:00:00Z rec-why-coursera 1 12"
    now = {"EMPREP_NOW": "2026-11-20T09:00:00Z"}
    assert run("review", "ppl-promotion", "good", env=now).code == 0
    text = isolated.read_text()
    assert "schema = 3\n" in text
    assert (
        "reviews = '''\n"
        "2026-11-19T08:30:00+01:00 exe-scaling 3 40\n"
        "2026-11-18T09:00:00Z rec-why-coursera 1 12\n"
        "2026-11-20T09:00:00+00:00 ppl-promotion 3 0\n"
        "'''\n"
    ) in text
    assert isolated.with_name("progress.toml.bak").read_bytes() == SCHEMA_1


SCHEMA_2 = b"""schema = 2
last_story = 0
reviews = '''
2026-11-18T09:00:00Z rec-why-coursera 1 12
2026-11-20T23:05-05:00 exe-scaling 3 40
'''

[profile]
interview = 2027-01-15
"""


def test_a_schema_2_file_keeps_its_lines_and_an_edited_line_its_offset(isolated: Path) -> None:
    """A file an older emprep wrote: its `Z` lines stay as they are (their zone is not known),
    a line typed with an offset is put in emprep's form keeping that offset, and the file is
    saved as schema 3, which an older emprep refuses as a newer one's rather than writing
    every line back in UTC. A new rating keeps the offset it was given at."""
    isolated.parent.mkdir(parents=True)
    isolated.write_bytes(SCHEMA_2)
    env = {"TZ": "Europe/London", "EMPREP_NOW": "2026-11-21T10:00"}
    assert run("review", "ppl-promotion", "good", env=env).code == 0
    text = isolated.read_text()
    assert "\nschema = 3\n" in text
    assert (
        "reviews = '''\n"
        "2026-11-18T09:00:00Z rec-why-coursera 1 12\n"
        "2026-11-20T23:05:00-05:00 exe-scaling 3 40\n"
        "2026-11-21T10:00:00+00:00 ppl-promotion 3 0\n"
        "'''\n"
    ) in text
    assert isolated.with_name("progress.toml.bak").read_bytes() == SCHEMA_2


def test_a_line_with_an_offset_of_seconds_is_refused(isolated: Path) -> None:
    """No time zone has had one since 1972: it can only be a typo, and emprep keeps minutes."""
    isolated.parent.mkdir(parents=True)
    bad = SCHEMA_2.replace(b"23:05-05:00", b"23:05-05:00:30")
    isolated.write_bytes(bad)
    r = run("progress")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: progress file {isolated}: reviews[1]: '2026-11-20T23:05-05:00:30 "
        "exe-scaling 3 40': time '2026-11-20T23:05-05:00:30' has an offset of seconds; write "
        "it as +HH:MM; fix it by hand, or move it away to start afresh\n",
    )
    assert isolated.read_bytes() == bad


def test_a_clock_with_an_offset_of_seconds_writes_a_line_that_reads_back(isolated: Path) -> None:
    """A POSIX TZ rule may give an offset of seconds, which a review line (and a draft's TOML)
    cannot hold: it is taken to the minute, so the next command reads the file. Before, the
    line was written `+05:30:15` and every command after refused the file."""
    posix = {**os.environ, "TZ": "XYZ-5:30:15", "EMPREP_NOW": "2026-11-20T09:00"}
    for args in (["review", "rec-why-coursera", "good"], ["progress", "--format", "json"]):
        out = subprocess.run(
            [installed_emprep(), *args], env=posix, capture_output=True, text=True, check=False
        )
        assert (out.returncode, out.stderr) == (0, ""), args
    assert store.load(isolated).log == "2026-11-20T09:00:00+05:30 rec-why-coursera 3 0\n"


@pytest.mark.parametrize("tz", ["UTC+25", "UTC-24"])
def test_a_tz_rule_a_day_or_more_from_utc_is_refused_before_anything_is_written(
    isolated: Path, tz: str
) -> None:
    """A POSIX rule a day or more from UTC, which the C library takes and Python's zones
    cannot hold, was "unexpected ValueError: offset must be a timedelta strictly between
    ...", exit 1, on every command that reads the clock."""
    store.update(isolated, lambda p: replace(p, profile=Profile(count=7)))
    before = isolated.read_bytes()
    for args in (["today"], ["review", "rec-why-coursera", "good"]):
        for now in ({}, {"EMPREP_NOW": "2026-11-20T09:00"}):
            out = subprocess.run(
                [installed_emprep(), *args],
                env={**os.environ, "TZ": tz, **now},
                capture_output=True,
                text=True,
                check=False,
            )
            assert (out.returncode, out.stdout, out.stderr) == (
                2,
                "",
                f"emprep: error: TZ={tz}: sets the clock a day or more from UTC, which no time "
                "zone is; give a zone's name (TZ=Europe/Berlin), or unset TZ for the computer's "
                "own\n",
            ), (args, now)
    assert isolated.read_bytes() == before


def test_an_emprep_now_with_an_offset_of_seconds_is_refused(isolated: Path) -> None:
    """Refused before anything is written, in the words of the review line's check: emprep
    keeps offsets of whole minutes."""
    r = run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00+05:30:15"})
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: EMPREP_NOW: '2026-11-20T09:00+05:30:15' has an offset of seconds; "
        "write it as +HH:MM\n",
    )
    assert not isolated.exists()


def test_a_review_holding_a_control_character_is_reported_escaped(isolated: Path) -> None:
    isolated.parent.mkdir(parents=True)
    isolated.write_bytes(b'schema = 1\nreviews = ["2026-11-20T09:00:00Z exe\\u001b[2J 3 4"]\n')
    r = run("progress")
    assert (r.code, r.stderr.count("\n")) == (2, 1)
    assert (
        "reviews[0]: '2026-11-20T09:00:00Z exe\\x1b[2J 3 4': question 'exe\\x1b[2J' holds "
        "'\\x1b' (U+001B); an id is typed, so it is made of a-z, 0-9, '.', '_' and '-'; write "
        "it in those; fix it by hand, or move it away to start afresh\n"
    ) in r.stderr
    assert "\x1b" not in r.stderr


# --- Every value in the accepted ranges reads back ------------------------------------------

instants = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2099, 12, 31, 23, 59, 59),
    timezones=st.just(UTC),
)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
days = st.dates(limits.FIRST_DAY, limits.LAST_DAY)
# no CR: text is read with its line ends as LF (typed, emprep keeps none)
texts = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r"), min_size=1
).filter(str.strip)


@pytest.mark.slow  # a property test of several seconds: CI runs it
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moments=st.lists(st.tuples(instants, offsets), min_size=1, max_size=6),
    ratings=st.lists(st.integers(1, 4), min_size=6, max_size=6),
    seconds=st.integers(0, limits.MAX_SECONDS),
    profile=st.builds(
        Profile,
        interview=st.none() | days,
        start=st.none() | days,
        hours=st.none() | st.floats(0, limits.MAX_HOURS, exclude_min=True),
        track=st.none() | texts,
        count=st.none() | st.integers(1, limits.MAX_COUNT),
        rounds=st.dictionaries(st.sampled_from(["people", "technical"]), days),
        rest_before=st.lists(
            st.builds(
                RestBefore,
                until=days,
                days=st.lists(st.sampled_from(WEEKDAYS), max_size=6, unique=True),
            ),
            max_size=3,
        ),
        hours_before=st.lists(
            st.builds(
                HoursBefore,
                until=days,
                hours=st.none() | st.floats(0, limits.MAX_HOURS, exclude_min=True),
            ),
            max_size=3,
        ),
    ),
    story=st.tuples(texts, texts, texts, texts, texts, instants),
)
def test_every_file_in_the_accepted_ranges_is_saved_and_read_back(
    tmp_path: Path,
    moments: list[tuple[datetime, timezone]],
    ratings: list[int],
    seconds: int,
    profile: Profile,
    story: tuple[str, str, str, str, str, datetime],
) -> None:
    """The whole accepted range of dates and values, through FSRS and the file: what emprep
    saves, a fresh read of the same bytes gives back."""
    p = Progress(profile=profile)
    for (at, zone), rating in zip(sorted(moments, key=lambda m: m[0]), ratings, strict=False):
        p = record(p, QIDS[rating - 1], rating, seconds=seconds, now=at.astimezone(zone))
    title, situation, task, action, result, at = story
    when = at.replace(microsecond=0)
    kept = Story("s1", title, situation, task, action, result, when, when, ["leadership"])
    p = replace(p, stories=[kept], last_story=1)
    path = tmp_path / "range.toml"
    store.update(path, lambda _: p)
    assert store._parse(path.read_bytes(), path) == p  # afresh, not from the cache
    assert store.load(path) == p


def test_a_whole_week_of_rest_days_edited_in_is_refused_on_load(isolated: Path) -> None:
    week = '["mon", "tue", "wed", "thu", "fri", "sat", "sun"]'
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text(f"schema = 2\n\n[profile]\ninterview = 2027-01-15\nrest_days = {week}\n")
    for command in ("progress", "today", "drill"):
        r = run(command, env={"EMPREP_NOW": "2026-11-23T09:00"})
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr.startswith(
            f"emprep: error: progress file {isolated}: profile.rest_days: holds 7 items; at most 6"
        )
        assert r.stderr.count("\n") == 1


def test_a_backup_that_does_not_load_is_not_called_the_last_good_copy(isolated: Path) -> None:
    """Copying a broken backup over a broken file helps no one: the hint sends a person to
    the backup only when it loads."""
    assert run("review", "rec-why-coursera", "good").code == 0
    assert run("review", "exe-scaling", "good").code == 0
    bak = isolated.with_name("progress.toml.bak")
    good_bak = bak.read_bytes()
    broken = isolated.read_bytes().replace(b"schema = 3", b'schema = "two"')
    isolated.write_bytes(broken)
    bak.write_bytes(b"reviews = '''\n")  # half-written
    r = run("progress")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: progress file {isolated}: schema: 'two' is not a schema number; "
        f"fix it by hand (its backup {bak} does not load either)\n",
    )
    assert isolated.read_bytes() == broken
    bak.write_bytes(good_bak)
    os.utime(bak, (T0.timestamp(), T0.timestamp()))
    assert run("progress", env={"TZ": "UTC"}).stderr.endswith(
        "go back to its backup from 2026-11-20 09:00 (1 review; this file: 2 reviews), keeping "
        f"this file aside: cp '{isolated}' '{isolated}.broken' && cp '{bak}' '{isolated}'\n"
    )


def test_the_way_back_to_the_backup_says_what_it_takes_back_and_keeps_the_file(
    isolated: Path,
) -> None:
    """Before, the hint offered `cp progress.toml.bak progress.toml` as "the last good copy":
    it took back the last save (here the note), unsaid, and the broken file with it. Now it
    says what the backup holds against what the file shows, and its command keeps the file."""
    env = {"EMPREP_NOW": "2026-11-20T09:00", "TZ": "UTC"}
    fields = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    assert run("review", "rec-why-coursera", "good", env=env).code == 0
    assert run("story", "add", "--title", "Mine", *fields, env=env).code == 0
    assert run("note", "rec-why-coursera", "--text", "Why this team", env=env).code == 0
    bak = isolated.with_name("progress.toml.bak")
    os.utime(bak, (T0.timestamp(), T0.timestamp()))
    broken = isolated.read_bytes().replace(b'"Why this team"', b'"Why this team')
    isolated.write_bytes(broken)  # a quote lost in a hand edit
    (isolated.parent / "progress.toml.broken").write_bytes(b"kept from before")
    aside = isolated.parent / "progress.toml.broken-2"
    command = f"cp '{isolated}' '{aside}' && cp '{bak}' '{isolated}'"
    r = run("today", env=env)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: progress file {isolated}: invalid TOML: Illegal character '\\n' (at "
        "line 34, column 34); fix it by hand, or go back to its backup from "
        "2026-11-20 09:00 (1 review, 1 story, 0 notes; this file: 1 review, 1 story, 1 note), "
        f"keeping this file aside: {command}\n",
    )
    assert isolated.read_bytes() == broken
    subprocess.run(["sh", "-c", command], check=True)
    assert aside.read_bytes() == broken  # the note is still there to copy back by hand
    assert (isolated.parent / "progress.toml.broken").read_bytes() == b"kept from before"
    back = store.load(isolated)
    assert (len(back.stories), back.notes, back.review_count) == (1, {}, 1)


def test_the_backup_keeps_the_time_of_the_version_it_holds(isolated: Path) -> None:
    """The way back names the backup's time: that of the version it holds, not of the save
    that made it."""
    assert run("review", "rec-why-coursera", "good").code == 0
    os.utime(isolated, (T0.timestamp(), T0.timestamp()))
    assert run("review", "exe-scaling", "good").code == 0
    bak = isolated.with_name("progress.toml.bak")
    assert bak.stat().st_mtime == T0.timestamp()
    assert isolated.stat().st_mtime > T0.timestamp()


@pytest.mark.parametrize("key", ["stability", "difficulty", "last_review"])
def test_a_card_without_what_a_review_gives_it_is_refused(isolated: Path, key: str) -> None:
    """A hand edit that lost a card's last_review loaded, and the drill stopped on it with an
    unexpected error to report; it is refused with the file named, as any broken field."""
    now = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2027-01-15", env=now).code == 0
    assert run("review", "exe-scaling", "again", env=now).code == 0
    lines = isolated.read_text().splitlines(keepends=True)
    isolated.write_text("".join(line for line in lines if not line.startswith(f"{key} =")))
    r = run("progress", "--format", "json", env=now)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.startswith(
        f"emprep: error: progress file {isolated}: cards.exe-scaling: {key}: missing (a card "
        "that has been reviewed has stability, difficulty, last_review); "
    )


@pytest.mark.parametrize("state", ["learning", "relearning"])
def test_a_learning_card_without_its_step_is_refused(isolated: Path, state: str) -> None:
    """A card learning or relearning without the step it is at (its line deleted by hand)
    loaded, and `today`, `progress` and the drill stopped on it with an unexpected error to
    report; it is refused with the file named, as any broken field."""
    now = {"EMPREP_NOW": "2026-11-24T09:00"}
    if state == "relearning":  # a question known, then forgotten
        assert (
            run("review", "exe-scaling", "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
        )
    assert run("review", "exe-scaling", "again", env=now).code == 0
    text = isolated.read_text()
    number = {"learning": 1, "relearning": 3}[state]
    assert f"state = {number}\n" in text
    isolated.write_text(text.replace("step = 0\n", ""))
    for command in (["today"], ["progress", "--format", "json"], ["drill", "--list"]):
        r = run(*command, env=now)
        assert (r.code, r.stdout) == (2, ""), command
        assert r.stderr.startswith(
            f"emprep: error: progress file {isolated}: cards.exe-scaling: step: missing (a card "
            f"in state {number}, {state}, has the step it is at); "
        ), r.stderr


# Hand edits into shapes emprep never writes: refused on load, one line naming the key and the
# fix, exit 2, the file left as it was; never loaded into something a later command loses.

EDITED_NOW = {"EMPREP_NOW": "2026-11-23T09:00"}


def _reviewed(isolated: Path) -> bytes:
    assert run("review", "rec-why-coursera", "good", env=EDITED_NOW).code == 0
    return isolated.read_bytes()


def _refused(isolated: Path, edited: bytes, problem: str, *, own_fix: bool = False) -> None:
    """Every command that reads the file says `problem` in one line, exit 2, file untouched;
    the usual fix (a fresh start: a file of one save has no backup; the way back to one is
    test_the_way_back_...) follows unless the problem has its `own_fix`."""
    isolated.write_bytes(edited)
    assert own_fix or not isolated.with_name("progress.toml.bak").exists()
    hint = "" if own_fix else "; fix it by hand, or move it away to start afresh"
    for args in (["today"], ["progress"], ["review", "exe-scaling", "good"], ["story", "list"]):
        r = run(*args, env=EDITED_NOW)
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            f"emprep: error: progress file {isolated}: {problem}{hint}\n",
        ), args
    assert isolated.read_bytes() == edited


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("0.0", "must be from 1 to 10 (got 0.0)"),  # was ZeroDivisionError
        ("-2.0", "must be from 1 to 10 (got -2.0)"),  # was TypeError (complex)
        ("10.5", "must be from 1 to 10 (got 10.5)"),
    ],
)
def test_a_difficulty_outside_what_fsrs_gives_is_refused(
    isolated: Path, value: str, problem: str
) -> None:
    good = _reviewed(isolated)
    line = next(x for x in good.splitlines() if x.startswith(b"difficulty = "))
    edited = good.replace(line, b"difficulty = " + value.encode())
    _refused(isolated, edited, f"cards.rec-why-coursera.difficulty: {problem}")


STORY = (
    'stories = [{ id = "s1", title = "Launch", situation = "s", task = "t", action = "a", '
    'result = "r", created = 2026-11-20 09:00:00Z, updated = 2026-11-20 09:00:00Z }]'
)
PROFILE = "[profile]\n"


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (PROFILE, "count = 0", "profile.count: must be from 1 to 100 (got 0)"),
        (PROFILE, "count = 1000000000", "profile.count: must be from 1 to 100 (got 1000000000)"),
        (PROFILE, "count = 5.5", "profile.count: 5.5 is not a whole number"),
        (PROFILE, "hours = -3", "profile.hours: must be more than 0 and at most 168 (got -3)"),
        (
            PROFILE,
            "interview = 2100-01-01",
            "profile.interview: must be from 2000-01-01 to 2099-12-31 (got 2100-01-01)",
        ),
        (
            PROFILE,
            'interview = "2027-01-15"',
            "profile.interview: '2027-01-15' is not a date (YYYY-MM-DD, without quotes)",
        ),
        (PROFILE, 'rest_days = ["sat", "sat"]', "profile.rest_days: holds 'sat' twice; keep one"),
        (
            PROFILE,
            'rest_days = ["saturday"]',
            "profile.rest_days[0]: 'saturday' is not a weekday's first three letters (mon, tue, "
            "wed, thu, fri, sat, sun)",
        ),
        (
            "stories = []",
            STORY.replace("Launch", "\\u200b\\u200d"),
            "stories[0].title: shows nothing (only spaces or invisible characters); write it",
        ),
        (
            "stories = []",
            STORY.replace('"r"', '"  "'),
            "stories[0].result: shows nothing (only spaces or invisible characters); write it",
        ),
        (
            "stories = []",
            STORY.replace("s1", "story-1"),
            "stories[0].id: 'story-1' is not a story's id (s1, s2, ...)",
        ),
        ("last_story = 0", "last_story = -1", "last_story: must be at least 0 (got -1)"),
        ("mocks = []", "mocks = 5", "mocks: 5 is not a list ([...])"),
        ("state = 2", "state = 7", "cards.rec-why-coursera.state: must be from 1 to 3 (got 7)"),
        (
            "last_review = 2026",
            "last_review = 2126",
            "cards.rec-why-coursera.last_review: must be from 2000-01-01 to 2099-12-31 UTC (got "
            "2126-11-23 09:00:00Z)",
        ),
        (
            "+00:00\nstability",
            "\nstability",
            "cards.rec-why-coursera.due: 2026-11-25 09:00:00 has no offset from UTC; add one "
            "(+00:00)",
        ),
    ],
)
def test_a_value_edited_out_of_range_is_said_in_emprep_words(
    isolated: Path, old: str, new: str, problem: str
) -> None:
    """Before, pydantic's own words ("Input should be greater than or equal to 1", "String
    should match pattern ..."); a rest day given twice and a title of zero-width characters
    alone were taken."""
    good = _reviewed(isolated)
    edited = good.replace(old.encode(), (f"{old}{new}\n" if old == PROFILE else new).encode(), 1)
    assert edited != good
    _refused(isolated, edited, problem)


def test_the_difficulty_bounds_are_fsrs_own() -> None:
    from fsrs.scheduler import MAX_DIFFICULTY, MIN_DIFFICULTY

    assert (limits.MIN_DIFFICULTY, limits.MAX_DIFFICULTY) == (MIN_DIFFICULTY, MAX_DIFFICULTY)


def test_a_story_copied_by_hand_with_its_id_is_refused_not_deleted_with_the_other(
    isolated: Path,
) -> None:
    """Before, both loaded; `story rm s1` then deleted the two stories at once."""
    for title in ("first", "second"):
        args = ("--situation", "s", "--task", "t", "--action", "a", "--result", "r")
        assert run("story", "add", "--title", title, *args, env=EDITED_NOW).code == 0
    good = isolated.read_bytes()
    edited = good.replace(b'id = "s2"', b'id = "s1"')
    problem = (
        "stories[1].id: 's1' is stories[0]'s id too; give it one no story has "
        '(id = "s3", and last_story = 3)'
    )
    _refused(isolated, edited, problem, own_fix=True)
    assert run("story", "rm", "s1", "--yes", env=EDITED_NOW).code == 2
    assert isolated.read_bytes().count(b'id = "s1"') == 2


def test_a_mock_copied_by_hand_with_its_start_is_refused(isolated: Path) -> None:
    """A mock is named by its start (its answers, `undo` and `mock --resume` find it by it):
    a block copied with it loaded, counted twice in `progress`, and `undo` of its answer took
    it out of one copy only."""
    from emprep.core.models import Mock

    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    mock = Mock(round="people", at=at, minutes=20, questions=["ppl-difficult-feedback"])
    store.update(isolated, lambda p: replace(p, mocks=[mock]))
    good = isolated.read_bytes()
    block = good[good.index(b"[[mocks]]") :]
    problem = (
        "mocks[1].at: 2026-11-20 09:00:00+00:00 is mocks[0]'s start too (a mock is named by "
        "its start); remove the copy, or give it a start no mock has"
    )
    _refused(isolated, good + b"\n" + block, problem, own_fix=True)


def test_two_mocks_of_one_start_written_by_emprep_are_both_kept(isolated: Path) -> None:
    """Two mocks begun in the same second (two terminals, or a fixed EMPREP_NOW) got one start
    before a mock begun in a taken second moved on: such a file was refused as holding a copy,
    and its fix, "remove the copy", deleted a real mock. The later now starts a second on."""
    from emprep.core.models import Mock

    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    mocks = [
        Mock(round="recruiter", at=at, minutes=20, questions=["rec-why-coursera"]),
        Mock(round="technical", at=at, minutes=20, questions=["tech-ab-testing"]),
    ]
    store.update(isolated, lambda p: replace(p, mocks=mocks))  # as the older emprep wrote
    assert isolated.read_bytes().count(b"at = 2026-11-20 09:00:00+00:00") == 2
    r = run("progress", "--format", "json", env=EDITED_NOW)
    assert (r.code, r.stderr) == (0, "")
    loaded = store.load(isolated).mocks
    assert [(m.round, m.at) for m in loaded] == [
        ("recruiter", at),
        ("technical", at + timedelta(seconds=1)),
    ]


def test_arrays_nested_too_deeply_are_invalid_toml_not_an_unexpected_error(
    isolated: Path,
) -> None:
    good = _reviewed(isolated)
    edited = good.replace(b"mocks = []", b"mocks = " + b"[" * 5000 + b"]" * 5000)
    _refused(
        isolated, edited, "invalid TOML: arrays or tables nested too deeply (emprep writes none)"
    )


def test_a_path_too_long_to_open_is_not_sent_to_its_permissions(isolated: Path) -> None:
    """Before: "cannot be read (File name too long); check its permissions"."""
    long = isolated.parent.parent / ("x" * 300 + ".toml")  # in a folder that is there
    r = run("--progress", str(long), "today", env=EDITED_NOW)
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: progress file {long}: cannot be read (File name too long); "
        "give a regular file's path: --progress PATH (or EMPREP_PROGRESS)\n",
    )


def test_a_save_in_progress_elsewhere_does_not_refuse_a_story_before_its_first_prompt(
    isolated: Path,
) -> None:
    """`story add` checked the lock with no wait: another emprep's save of a few milliseconds
    made it say "another emprep is using it; finish that one first" (3 times in 15 beside a
    loop of `config set`). A lock held for a moment is waited for; one held on is said."""
    import threading

    from filelock import FileLock

    assert run("config", "set", "hours", "5").code == 0
    lock = FileLock(str(isolated) + ".lock")
    held, release = threading.Event(), threading.Event()

    def save_elsewhere() -> None:
        with lock:
            held.set()
            release.wait(0.3)

    worker = threading.Thread(target=save_elsewhere)
    worker.start()
    held.wait(5)
    try:
        assert store.ready(isolated).profile.hours == 5
    finally:
        release.set()
        worker.join()


def test_a_change_that_would_make_the_file_too_large_to_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notes of a megabyte each (from the editor) grew the file past the 64 MB emprep reads:
    the save went through, and then every command refused the file."""
    from emprep.core.notes import set_note
    from emprep.storage.files import MiB

    path = tmp_path / "p.toml"
    store.update(path, lambda p: set_note(p, "rec-why-coursera", "short"))
    before = path.read_bytes()
    monkeypatch.setattr(store, "LIMIT", 2 * MiB)
    with pytest.raises(locking.StoreError) as e:
        store.update(path, lambda p: set_note(p, "exe-scaling", "x" * (3 * MiB)))
    assert str(e.value) == (
        f"progress file {path}: this change would make it 3.0 MB, more than emprep reads "
        "(2 MB); nothing was changed. Shorten what you gave (a note or a story is an outline), "
        "or remove a long note: emprep note ID --remove"
    )
    assert path.read_bytes() == before
    assert store.load(path).notes == {"rec-why-coursera": "short"}
