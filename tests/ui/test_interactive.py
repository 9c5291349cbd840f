"""A session's draft given to --resume: anything but a draft emprep wrote, of that command's
kind, is refused with one line naming it and the fix; nothing is made or changed. The draft of
a continued mock (`mock --continue`) saves what the progress file lacks, whatever the first
session of the mock gave, and a draft left over is named before a session."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pexpect
import pytest
from conftest import ended, hang_up, reviews, run, scored, spawn

from emprep.storage import store

RATING = '[[ratings]]\nquestion = "{}"\nrating = 3\nseconds = 4\nat = 2026-11-20T09:00:00Z\n'
FIX = "; give the draft that the failed save's message named (drafts/{}-DATE-TIME.toml)"


@pytest.mark.parametrize(
    ("kind", "text", "problem"),
    [
        ("drill", "hi\n", "is not a draft emprep wrote (Expected '=' after a key in a key/value "
         "pair (at line 1, column 3))" + FIX.format("drill")),
        ("mock", 'kind = "mock"\n', "is not a draft emprep wrote (mock: missing)"
         + FIX.format("mock")),
        ("drill", 'kind = "mock"\n', "is a mock's draft; save it with: emprep mock --resume "
         "{draft}"),
        ("drill", 'kind = "drill"\n' + RATING.format("zzz"), "its rating of 'zzz' names no "
         "question of the loop pack in use; resume it with the pack the drill was taken with "
         "(--data DIR, or none for the built-in one), or take that rating out of the draft"),
        ("drill", 'kind = "drill"\n' + RATING.format("rec-why-coursera") + "extra = 1\n",
         "is not a draft emprep wrote (ratings[0].extra: unknown key; remove it or check its "
         "spelling)" + FIX.format("drill")),
    ],
)  # fmt: skip
def test_what_is_not_a_draft_of_that_kind_is_refused(
    isolated: Path, tmp_path: Path, kind: str, text: str, problem: str
) -> None:
    draft = tmp_path / "draft.toml"
    draft.write_text(text)
    r = run(kind, "--resume", str(draft))
    said = problem.format(draft=draft)
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: --resume {draft}: {said}\n")
    assert not isolated.exists()
    assert draft.read_text() == text


def test_a_draft_of_the_other_kind_is_said_with_this_runs_progress_file(tmp_path: Path) -> None:
    """Before, `emprep --progress P mock --resume D` with a drill's draft said `emprep drill
    --resume D` without `--progress P` (and a path with a space unquoted): run as printed, it
    saved the ratings into the default progress file and removed the draft."""
    progress = tmp_path / "mine" / "p.toml"
    draft = tmp_path / "my drafts" / "d.toml"
    draft.parent.mkdir()
    draft.write_text('kind = "drill"\n')
    r = run("--progress", str(progress), "mock", "--resume", str(draft))
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --resume {draft}: is a drill's draft; save it with: emprep --progress "
        f"{progress} drill --resume '{draft}'\n",
    )


MOCK_AT = "2026-11-20T09:00:00+00:00"
LATER = "2026-11-20T19:00:00+00:00"


def _items() -> list[dict[str, str]]:
    r = run(
        "mock", "--round", "recruiter", "--list", "--format", "json", env={"EMPREP_NOW": MOCK_AT}
    )
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)["items"]  # type: ignore[no-any-return]


def _first_answered(progress: Path, first: str) -> None:
    """A recruiter mock whose first question is answered (Good), then the terminal closed."""
    child = spawn(["mock", "--round", "recruiter"], progress, MOCK_AT, width=80)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact(first[:40])
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[2/6]")
    assert hang_up(child) == (129, None)


def _continued(progress: Path) -> pexpect.spawn:
    child = spawn(["mock", "--continue", "--round", "recruiter"], progress, LATER, width=80)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/5] Recruiter/HR Interview")
    return child


def _failed(child: pexpect.spawn, progress: Path, good: bytes, key: str) -> Path:
    """`key` pressed while the progress file is broken by hand: the save fails (exit 2), the
    draft keeps it; the file is mended. The draft."""
    progress.write_bytes(good.replace(b"schema = 3", b"schema = two"))
    child.send(key)
    assert ended(child) == 2
    progress.write_bytes(good)
    [draft] = (progress.parent / "drafts").iterdir()
    assert f"emprep mock --resume {draft}" in child.before.replace("\r\n", "")
    return draft


def test_an_answer_of_a_continued_mock_whose_save_failed_is_saved_by_resume(
    isolated: Path,
) -> None:
    """The draft was read as if it began with the mock's first answer: `--resume` took its
    one answer for that one, said "Already in the progress file", and removed the draft with
    the answer in neither. It is saved now, after the answer the mock already had."""
    items = _items()
    _first_answered(isolated, items[0]["text"])
    child = _continued(isolated)
    child.expect_exact(items[1]["text"][:40])
    child.send(" ")
    child.expect_exact("Rate:")
    draft = _failed(child, isolated, isolated.read_bytes(), "e")
    r = run("mock", "--resume", str(draft), env={"EMPREP_NOW": LATER})
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Saved from the draft: 1 answer ({items[1]['id']}).\nThe draft {draft} is removed.\n",
        "",
    )
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [
        (items[0]["id"], 3),
        (items[1]["id"], 4),
    ]
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        (items[0]["id"], 3),
        (items[1]["id"], 4),
    ]


def test_the_scores_of_a_continued_mock_whose_save_failed_are_saved_by_resume(
    isolated: Path,
) -> None:
    """A draft with no answer of its own, for a mock with one, was refused as older than the
    file ("remove the draft"), with the scores the file lacked in it. They are saved now."""
    items = _items()
    _first_answered(isolated, items[0]["text"])
    child = _continued(isolated)
    child.expect_exact("q: end the round")
    child.send("q")
    scored(child, "432")
    child.expect_exact("which applied to this mock?")
    draft = _failed(child, isolated, isolated.read_bytes(), "\r")
    r = run("mock", "--resume", str(draft), env={"EMPREP_NOW": LATER})
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Saved from the draft: its scores.\nThe draft {draft} is removed.\n",
        "",
    )
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [(items[0]["id"], 3)]
    assert (list(m.scores.values()), m.finished) == ([4, 3, 2], True)


def test_continue_takes_in_a_draft_left_over(isolated: Path) -> None:
    """A mock killed part way leaves its draft; `mock` named it and the command that saves
    what it holds, `mock --continue` went on without a word. Going on with that same mock, it
    now saves what the draft holds and the file lacks (here nothing), and removes it."""
    items = _items()
    child = spawn(["mock", "--round", "recruiter"], isolated, MOCK_AT)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact(items[0]["text"][:40])
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[2/6]")
    child.kill(signal.SIGKILL)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    child = spawn(["mock", "--continue", "--round", "recruiter"], isolated, LATER)
    child.expect_exact("Mock: Recruiter/HR Interview")
    assert " ".join(child.before.split()) == (
        f"Already in the progress file: 1 answer. The draft {draft} is removed."
    )
    child.expect_exact("space: start the clock")
    child.send("q")
    assert ended(child) == 0
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_a_mock_s_rewrite_cut_short_is_named_with_the_continue_that_asks_again(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mock's answer is the mock's too: `review` saves its rating, not the mock's record of
    it, so the line names `mock --continue`, which asks what the mock lacks."""
    from emprep.ui.interactive import say_left

    drafts = isolated.parent / "drafts"
    drafts.mkdir(parents=True)
    draft = drafts / "mock-20261120-090000.toml"
    temp = drafts / ".mock-20261120-090000.toml.k3j_x9a2.tmp"
    temp.write_text('kind = "mock"\n[[ratings]]\nquestion = "rec-why')
    say_left(isolated, "mock")
    assert capsys.readouterr().err == (
        f"emprep: note: {temp} is a rewrite of {draft} that a kill cut short: the answer "
        "given at that moment may be at its end, not saved; read it, emprep mock --continue "
        f"asks again what the mock lacks, then remove it (rm {temp})\n"
    )
