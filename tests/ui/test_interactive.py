"""A session's draft given to --resume: anything but a draft emprep wrote, of that command's
kind, is refused with one line naming it and the fix; nothing is made or changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run

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
