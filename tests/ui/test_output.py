"""A command said for a person to paste (`command`, and the story draft's) names its paths
as bash reads them, even one holding a newline: pasted, it runs on the same files."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
from conftest import installed_emprep, run

from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"
STORY = "[title]\nT\n[situation]\nS\n[task]\nT\n[action]\nA\n[result]\nR\n"


def _pasted(said: str) -> subprocess.CompletedProcess[str]:
    """The command after "finish it with: " in `said`, pasted into bash (the installed emprep
    for `emprep`) without its `--editor`: the draft is filled in meanwhile."""
    import os

    line = said.rstrip("\n").split("finish it with: ", 1)[1]
    assert line.startswith("emprep ") and line.endswith(" --editor")
    script = shlex.quote(installed_emprep()) + line.removeprefix("emprep").removesuffix(" --editor")
    env = {**os.environ, "EMPREP_NOW": NOW}
    return subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)


@pytest.mark.usefixtures("at_a_terminal", "isolated")
def test_the_draft_kept_by_the_editor_is_named_as_bash_reads_it(tmp_path: Path) -> None:
    """Before, `--from '/tmp/a\\nb/drafts/story-...txt'` named a path that does not exist."""
    folder = tmp_path / "a\nb"
    progress = folder / "p.toml"
    half = tmp_path / "half.txt"
    half.write_text("[title]\nHalf\n[situation]\nOnly this\n")
    r = run(
        "--progress",
        str(progress),
        "story",
        "add",
        "--editor",
        env={"EMPREP_NOW": NOW, "EDITOR": f"cp {half}"},
    )
    assert r.code == 2
    [draft] = (folder / "drafts").iterdir()
    said = "$'" + str(tmp_path).replace("'", "\\'") + "/a\\nb/"
    assert r.stderr.endswith(
        f"finish it with: emprep --progress {said}p.toml' story add --from "
        f"{said}drafts/{draft.name}' --editor\n"
    ), r.stderr
    draft.write_text(STORY)
    done = _pasted(r.stderr)
    assert (done.returncode, done.stderr) == (0, "")
    assert [x.title for x in store.load(progress).stories] == ["T"]


def test_a_template_not_whole_is_finished_by_the_command_said(
    isolated: Path, tmp_path: Path
) -> None:
    progress = isolated
    folder = tmp_path / "a\nb"
    folder.mkdir()
    half = folder / "half.txt"
    half.write_text("[title]\nHalf\n[situation]\nOnly this\n")
    r = run("story", "add", "--from", str(half), env={"EMPREP_NOW": NOW})
    assert r.code == 2
    assert r.stderr.endswith(
        f"finish it with: emprep story add --from $'{tmp_path}/a\\nb/half.txt' --editor\n"
    ), r.stderr
    half.write_text(STORY)
    done = _pasted(r.stderr)
    assert (done.returncode, done.stderr) == (0, "")
    assert [x.title for x in store.load(progress).stories] == ["T"]
