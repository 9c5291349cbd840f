"""Drafts and the editor: what is typed in the editor is kept until the story is saved."""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pexpect
import pytest
from conftest import run, spawn

from emprep.core.errors import EmprepError
from emprep.storage import editor, files, store

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}

FULL = {
    "title": "Rescuing the grading launch",
    "situation": "Deadline peaks took grading down.",
    "task": "Ship a fix in two weeks.",
    "action": "Split the queue.",
    "result": "No outage since.",
    "competencies": "system-design-and-architecture, Problem-solving abilities",
    "questions": "tech-perf-grading",
}


def filled(tmp_path: Path, name: str, **sections: str) -> Path:
    path = tmp_path / name
    path.write_text("".join(f"[{k}]\n{v}\n\n" for k, v in sections.items()))
    return path


@pytest.mark.usefixtures("at_a_terminal")
def test_editor_writes_the_story_and_the_draft_goes(isolated: Path, tmp_path: Path) -> None:
    source = filled(tmp_path, "full.txt", **FULL)
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": f"cp {shlex.quote(str(source))}"})
    assert r.code == 0, r.stderr
    assert r.stdout.startswith(
        "Saved story s1: Rescuing the grading launch (shows 4 competencies, answers 1 "
    )
    s = store.load(isolated).stories[0]
    assert s.competencies == ["system-design-and-architecture", "problem-solving-abilities"]
    assert list((isolated.parent / "drafts").iterdir()) == []


@pytest.mark.usefixtures("at_a_terminal")
def test_the_editor_sees_the_template_with_the_options_filled(tmp_path: Path) -> None:
    seen = tmp_path / "seen.txt"
    r = run(
        "story",
        "add",
        "--editor",
        "--title",
        "Pre-filled",
        "--questions",
        "com-hiring",
        env={**NOW, "VISUAL": f"sh -c 'cp \"$1\" {seen}; exit 1' sh", "EDITOR": "false"},
    )
    assert r.code == 2
    text = seen.read_text()
    assert "[title]\n# a few words you will recognise\nPre-filled\n" in text
    assert "[questions]\n# Question ids" in text and text.endswith("\ncom-hiring\n")
    assert "#   conflict-resolution" in text


@pytest.mark.usefixtures("at_a_terminal")
def test_a_failing_editor_keeps_the_draft(isolated: Path) -> None:
    editor = 'sh -c \'echo "[title]" >> "$1"; echo typed by hand >> "$1"; exit 3\' sh'
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": editor})
    assert r.code == 2
    drafts = list((isolated.parent / "drafts").iterdir())
    assert len(drafts) == 1
    assert drafts[0].read_text().endswith("[title]\ntyped by hand\n")
    assert drafts[0].stat().st_mode & 0o777 == 0o600
    assert r.stderr == (
        f"emprep: error: the editor 'sh' exited with status 3; your draft is kept in {drafts[0]}; "
        f"finish it with: emprep story add --from {drafts[0]} --editor\n"
    )
    assert not isolated.exists()


@pytest.mark.usefixtures("at_a_terminal")
def test_a_template_closed_with_nothing_written_adds_nothing_and_keeps_no_draft(
    isolated: Path,
) -> None:
    """Opening the editor and closing it without a word is changing one's mind, as at the
    prompts: no story, no empty draft left behind (one per attempt), exit 0. A template with
    anything written under a heading is kept as before."""
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": "true"})
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "No story added: nothing was written in the template.\n",
        "",
    )
    assert list((isolated.parent / "drafts").iterdir()) == []
    assert not isolated.exists() or store.load(isolated).stories == []
    one_word = 'sh -c \'printf "[action]\\nI\\n" >> "$1"\' sh'
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": one_word})
    assert r.code == 2
    [draft] = list((isolated.parent / "drafts").iterdir())
    assert draft.read_text().endswith("[action]\nI\n")


@pytest.mark.usefixtures("at_a_terminal")
def test_a_half_filled_template_keeps_the_draft_and_can_be_finished(
    isolated: Path, tmp_path: Path
) -> None:
    half = filled(tmp_path, "half.txt", title="Half", situation="Only this", task="", action="")
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": f"cp {half}"})
    assert r.code == 2
    [draft] = list((isolated.parent / "drafts").iterdir())
    assert "Only this" in draft.read_text()
    assert r.stderr.startswith(
        "emprep: error: the story is not finished: task, action, result left empty; "
        f"your draft is kept in {draft}"
    )
    assert not isolated.exists()

    full = filled(tmp_path, "full.txt", **FULL)
    r = run("story", "add", "--from", str(draft), "--editor", env={**NOW, "EDITOR": f"cp {full}"})
    assert r.code == 0, r.stderr
    assert list((isolated.parent / "drafts").iterdir()) == []
    assert [s.title for s in store.load(isolated).stories] == [FULL["title"]]


@pytest.mark.usefixtures("at_a_terminal")
def test_an_unfinished_file_given_without_the_editor_says_how_to_finish_it(
    isolated: Path, tmp_path: Path
) -> None:
    """The draft Ctrl-C keeps is a half-filled template: given to --from alone, it is refused
    with the command that opens it in the editor, as the same draft given with --editor is;
    that command then saves it. So is `story edit`'s."""
    half = filled(tmp_path, "half.txt", title="Half", situation="Only this", task="", action="")
    r = run("story", "add", "--from", str(half), env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: the story is not finished: task, action, result left empty; "
        f"finish it with: emprep story add --from {half} --editor\n"
    )
    assert not isolated.exists()
    full = filled(tmp_path, "full.txt", **FULL)
    r = run("story", "add", "--from", str(half), "--editor", env={**NOW, "EDITOR": f"cp {full}"})
    assert r.code == 0, r.stderr
    r = run("story", "edit", "s1", "--from", str(half), env=NOW)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: the story is not finished: task, action, result left empty; "
        f"finish it with: emprep story edit s1 --from {half} --editor\n"
    )
    assert store.load(isolated).stories[0].title == FULL["title"]


@pytest.mark.usefixtures("at_a_terminal")
def test_add_from_a_file_and_edit_through_the_editor(isolated: Path, tmp_path: Path) -> None:
    r = run("story", "add", "--from", str(filled(tmp_path, "a.txt", **FULL)), env=NOW)
    assert r.code == 0, r.stderr
    changed = filled(tmp_path, "b.txt", **{**FULL, "result": "Zero outages in a year."})
    r = run("story", "edit", "s1", "--editor", env={**NOW, "EDITOR": f"cp {changed}"})
    assert (r.code, r.stdout) == (0, SAVED)
    assert store.load(isolated).stories[0].result == "Zero outages in a year."


SAVED = (
    "Saved story s1: Rescuing the grading launch (shows 4 competencies, answers 1 question). "
    "See it with: emprep story show s1\n"
)


@pytest.mark.usefixtures("at_a_terminal")
def test_a_story_saved_from_the_editor_is_summed_up_as_one_typed_in(tmp_path: Path) -> None:
    """`story edit` in the editor said only "Saved story s1: TITLE", where `story add` says
    what the story shows and answers and what to run next: every save says it all."""
    options = [f"--{k}={v}" for k, v in FULL.items()]
    assert run("story", "add", *options, env=NOW).stdout == SAVED
    changed = filled(tmp_path, "b.txt", **{**FULL, "questions": ""})
    r = run("story", "edit", "s1", "--editor", env={**NOW, "EDITOR": f"cp {changed}"})
    assert (r.code, r.stdout) == (
        0,
        "Saved story s1: Rescuing the grading launch (shows 3 competencies, answers 0 "
        "questions). Say which questions it answers: emprep story link s1 ID... (emprep story "
        "coverage lists those no story answers yet)\n",
    )
    r = run("story", "edit", "s1", "--questions", FULL["questions"], env=NOW)
    assert (r.code, r.stdout) == (0, SAVED)
    full = filled(tmp_path, "full.txt", **FULL)
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": f"cp {full}"})
    assert (r.code, r.stdout) == (0, SAVED.replace("s1", "s2"))


# A disk that fills under the drafts folder: said as the draft that cannot be written, with what
# it still holds and how to go on, exit 2; before, it reached the command's end as "cannot
# write the output (No space left on device) ... send it elsewhere", exit 74.

DRAFTED = datetime(2026, 11, 21, 10, 0)
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_draft_that_cannot_be_started_is_said_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "drafts"
    fdopen = os.fdopen

    class Full:
        """The draft's file on a full disk: opened, and refusing its first write."""

        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.file = fdopen(fd, "w")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, text: str) -> int:
            raise ENOSPC

    monkeypatch.setattr(os, "fdopen", Full)
    with pytest.raises(EmprepError) as e:
        editor.keep(folder, "[title]\n", DRAFTED)
    assert str(e.value) == (
        f"drafts folder {folder}: a draft cannot be written (No space left on device); free "
        "some space on its disk, then try again"
    )
    assert list(folder.iterdir()) == []


def test_a_draft_that_cannot_take_the_next_answer_keeps_the_ones_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = editor.keep(tmp_path, "[title]\nThe reorg\n", DRAFTED)

    def full(path: Path, data: bytes, **_: object) -> None:
        raise ENOSPC

    monkeypatch.setattr(files, "write_atomic", full)
    with pytest.raises(EmprepError) as e:
        editor.rewrite(draft, "[title]\nThe reorg\n[situation]\nTyped now\n", "emprep go on")
    assert str(e.value) == (
        f"the draft {draft} cannot be written (No space left on device): it holds every answer "
        "but the last, which is on the screen above; free some space, then go on with: "
        "emprep go on"
    )
    assert draft.read_text() == "[title]\nThe reorg\n"


def template(**sections: str) -> str:
    return "".join(f"[{k}]\n{v}\n\n" for k, v in sections.items())


def test_a_story_is_read_from_standard_input(isolated: Path, tmp_path: Path) -> None:
    """`story add --from -` reads the template from standard input, as `note --from -` does,
    and says what `--from FILE` says: the same summary, the same refusals."""
    r = run("story", "add", "--from", "-", env=NOW, input=template(**FULL))
    assert (r.code, r.stdout, r.stderr) == (0, SAVED, "")
    assert store.load(isolated).stories[0].action == FULL["action"]
    r = run(
        "story",
        "edit",
        "s1",
        "--from",
        "-",
        env=NOW,
        input=template(**{**FULL, "task": "Two weeks."}),
    )
    assert (r.code, r.stdout) == (0, SAVED)
    assert store.load(isolated).stories[0].task == "Two weeks."
    bad = template(**{**FULL, "competencies": "nope"})
    by_file = run(
        "story",
        "add",
        "--from",
        str(filled(tmp_path, "bad.txt", **{**FULL, "competencies": "nope"})),
        env=NOW,
    )
    assert by_file.stderr == (
        "emprep: error: unknown competency 'nope': see them all with 'emprep story coverage'\n"
    )
    r = run("story", "add", "--from", "-", env=NOW, input=bad)
    # what came in is not lost: it is kept as a draft, as a refused editor save is
    [draft] = list((isolated.parent / "drafts").iterdir())
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        by_file.stderr.removesuffix("\n")
        + f"; your draft is kept in {draft}; finish it with: emprep story add --from {draft} "
        "--editor\n",
    )
    assert draft.read_text() == bad
    assert run("story", "add", "--from", "-", env=NOW, input="").stderr == (
        f"emprep: note: {draft} holds a story not saved yet (from a run that ended before saving "
        "it, or one still open in another terminal); emprep story add --from "
        f"{draft} --editor saves it\n"
        "emprep: error: the story is not finished: title, situation, task, action, result left "
        "empty\n"
    )
    assert len(list((isolated.parent / "drafts").iterdir())) == 1
    assert [s.id for s in store.load(isolated).stories] == ["s1"]


@pytest.mark.parametrize("command", [["add"], ["edit", "s1"]])
def test_standard_input_and_the_editor_are_not_both_taken(command: list[str]) -> None:
    r = run("story", *command, "--from", "-", "--editor", env={**NOW, "EDITOR": "true"}, input="")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: --from - reads the story from standard input, and --editor needs the "
        "terminal: give one of them (a story in a file opens in the editor with --from FILE "
        "--editor)\n",
    )


def test_a_title_of_several_lines_is_refused(isolated: Path, tmp_path: Path) -> None:
    """The prompt asks a title of several lines again, but one from an option or a template
    was saved, and broke the rows of `story list`: it is refused there too."""
    given = {**FULL, "title": "Rescuing\nthe grading launch"}
    r = run("story", "add", *[f"--{k}={v}" for k, v in given.items()], env=NOW)
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: a story's title is one line, and this one has 2; give --title one line "
        "(the rest is the situation)\n",
    )
    source = filled(tmp_path, "two.txt", **given)
    r = run("story", "add", "--from", str(source), env=NOW)
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: a story's title is one line, and this one has 2; join them under "
        f"[title] (or move the rest); finish it with: emprep story add --from {source} --editor\n",
    )
    assert not isolated.exists()


def test_a_draft_name_taken_meanwhile_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `story add` in the same second: the other may make the name between the look for a
    free one and the open. Before, that open's "File exists" was said as "drafts folder ...: a
    draft cannot be written (File exists); free some space or fix the folder's permissions"."""
    taken = tmp_path / "story-20261121-100000.txt"
    taken.write_text("the other draft")
    monkeypatch.setattr(Path, "exists", lambda self: False)  # as if made after the look
    draft = editor.keep(tmp_path, "[title]\n", DRAFTED)
    assert draft.name == "story-20261121-100000-2.txt"
    assert (draft.read_text(), taken.read_text()) == ("[title]\n", "the other draft")


@pytest.mark.parametrize("kind", ["file", "symlink leading nowhere"])
def test_a_file_in_the_drafts_folders_place_is_said_with_the_mv_that_moves_it(
    tmp_path: Path, kind: str
) -> None:
    """Before: "a draft cannot be written (File exists); free some space or fix the folder's
    permissions", neither of which helps where a file is under the folder's name."""
    folder = tmp_path / "drafts"
    if kind == "file":
        folder.write_text("mine")
    else:
        folder.symlink_to(tmp_path / "nowhere")
    with pytest.raises(EmprepError) as e:
        editor.keep(folder, "[title]\n", DRAFTED)
    assert str(e.value) == (
        f"drafts folder {folder}: a draft cannot be written (File exists); a file that is no "
        f"folder is in its place; move it away (mv '{folder}' '{folder}.old'), then try again"
    )
    assert os.path.lexists(folder) and not folder.is_dir()


def test_a_drafts_folder_on_a_read_only_disk_names_the_fix_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "(Read-only file system); free some space or fix the folder's permissions", and
    neither helps on a disk mounted read-only (`note ID` there, before the editor opens)."""

    def read_only(*_: object, **__: object) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(EmprepError) as e:
        editor.keep(tmp_path, "[title]\n", DRAFTED)
    assert str(e.value) == (
        f"drafts folder {tmp_path}: a draft cannot be written (Read-only file system); it is "
        "beside the progress file: give a path on a disk that can be written, --progress PATH "
        "(or EMPREP_PROGRESS)"
    )


def test_a_draft_whose_folder_was_made_read_only_says_chmod_not_free_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The drafts folder made read-only at the story prompts: "free some space" did not help."""
    draft = editor.keep(tmp_path, "[title]\nThe reorg\n", DRAFTED)

    def denied(path: Path, data: bytes, **_: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files, "write_atomic", denied)
    with pytest.raises(EmprepError) as e:
        editor.rewrite(draft, "[title]\nThe reorg\n[situation]\nTyped now\n", "emprep go on")
    assert str(e.value) == (
        f"the draft {draft} cannot be written (Permission denied): it holds every answer but "
        f"the last, which is on the screen above; make its folder writable (chmod u+w "
        f"'{tmp_path}'), then go on with: emprep go on"
    )
    assert draft.read_text() == "[title]\nThe reorg\n"


def test_a_draft_whose_disk_was_made_read_only_says_so_not_free_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft's disk remounted read-only at the story prompts: "free some space" did not
    help."""
    draft = editor.keep(tmp_path, "[title]\nThe reorg\n", DRAFTED)

    def read_only(path: Path, data: bytes, **_: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files, "write_atomic", read_only)
    with pytest.raises(EmprepError) as e:
        editor.rewrite(draft, "[title]\nThe reorg\n[situation]\nTyped now\n", "emprep go on")
    assert str(e.value) == (
        f"the draft {draft} cannot be written (Read-only file system): it holds every answer "
        "but the last, which is on the screen above; its disk was made read-only: make it "
        "writable again, then go on with: emprep go on"
    )
    assert draft.read_text() == "[title]\nThe reorg\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_under_sudo_the_drafts_folder_and_its_drafts_are_the_users(tmp_path: Path) -> None:
    """emprep run as root beside a user's progress file made a drafts folder only root could
    enter, mode 0700: every `note`, `story add` and drill draft of that user failed after."""
    os.chown(tmp_path, 4321, 4322)
    folder = tmp_path / "drafts"
    draft = editor.keep(folder, "[title]\n", DRAFTED)
    assert [(p.stat().st_uid, p.stat().st_gid) for p in (folder, draft)] == [(4321, 4322)] * 2
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root")
def test_a_drafts_folder_of_another_user_names_its_owner_and_the_chown(isolated: Path) -> None:
    """Before: "free some space or fix the folder's permissions", neither of which helps."""
    assert run("review", "exe-scaling", "good").code == 0
    folder = isolated.parent / "drafts"
    folder.mkdir(mode=0o700)
    os.chown(folder, 4321, 4321)
    child = spawn(["note", "exe-scaling"], isolated, "2026-11-21T10:00", editor="true", user=True)
    child.expect(pexpect.EOF)
    child.close()
    assert (child.exitstatus, child.before.replace("\r\n", "")) == (
        2,
        f"emprep: error: drafts folder {folder}: belongs to user id 4321, which no account on "
        "this computer has, so no draft can be written in it; make it yours first (sudo chown "
        f"-R \"$(id -un)\" '{folder}'), then try again",
    )


@pytest.mark.usefixtures("at_a_terminal")
def test_an_editor_under_the_home_folder_named_with_a_tilde_is_started(
    isolated: Path, tmp_path: Path
) -> None:
    """`VISUAL='~/bin/ed'` (the `~` kept by quotes in a shell's startup file, as git takes it
    through sh) was "the editor '~/bin/ed' could not be started (No such file or directory);
    set VISUAL or EDITOR to one that is installed": it is installed, under the home folder."""
    source = filled(tmp_path, "full.txt", **FULL)
    home = Path(os.environ["HOME"])
    ed = home / "bin" / "ed"
    ed.parent.mkdir(parents=True)
    ed.write_text(f'#!/bin/sh\ncp {shlex.quote(str(source))} "$1"\n')
    ed.chmod(0o755)
    r = run("story", "add", "--editor", env={**NOW, "VISUAL": "~/bin/ed", "EDITOR": "false"})
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.startswith("Saved story s1: Rescuing the grading launch")
    assert [s.title for s in store.load(isolated).stories] == ["Rescuing the grading launch"]


@pytest.mark.parametrize(
    "value",
    [
        "~/bin/ed",
        "'~/bin/ed'",
        '"~/my ed" -w',
        "\\~/ed",
        "~/'my ed'",
        "code --wait ~/notes",
        "ed a~b ~",
        '~"root"/ed',
        "'' ~",
        'x "a\\"~" ~/a\\ b',
    ],
)
def test_the_editor_s_words_are_those_sh_gives(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `~` in quotes was made the home folder too (`VISUAL="'~/bin/ed'"` ran the home's
    bin/ed), where sh, which git runs the variable through, keeps it a `~`. The words are
    sh's own, quote by quote: sh itself says them here."""
    monkeypatch.setenv("VISUAL", value)
    said = subprocess.run(
        ["sh", "-c", f"printf '%s\\0' {value}"], capture_output=True, text=True, check=True
    ).stdout
    assert editor.command() == said.split("\0")[:-1]


@pytest.mark.parametrize(
    ("value", "waits"),
    [
        ("code", "'code --wait'"),
        ("/usr/local/bin/subl -n", "'/usr/local/bin/subl -n --wait'"),
        ("gvim", "'gvim --nofork'"),
        ("kate", "'kate --block'"),
        ("gvim -fn Monospace", "'gvim -fn Monospace --nofork'"),
        ("env code", "'env code --wait'"),
        ("/usr/bin/env code", "'/usr/bin/env code --wait'"),
        ("env -u DISPLAY LANG=C code", "'env -u DISPLAY LANG=C code --wait'"),
        ("env -- subl", "'env -- subl --wait'"),
        ("code-oss", "'code-oss --wait'"),
        ("vscodium", "'vscodium --wait'"),
        ("code.exe", "'code.exe --wait'"),
        ("/mnt/c/VSCode/Code.exe", "'/mnt/c/VSCode/Code.exe --wait'"),
        ("code.cmd -n", "'code.cmd -n --wait'"),
    ],
)
def test_an_editor_that_returns_at_once_is_refused_naming_its_flag_to_wait(
    value: str, waits: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", value)
    with pytest.raises(EmprepError) as e:
        editor.command()
    assert str(e.value) == (
        f"VISUAL {value}: the editor returns at once, leaving the file to a window of its own, "
        "so emprep would read the file before you wrote in it; give it the flag that makes it "
        f"wait: export VISUAL={waits}"
    )


@pytest.mark.parametrize(
    "value",
    [
        "code --wait",
        "code -n -w",
        "code -nw",
        "zed -wn",
        "kate -nb",
        "subl -w",
        "gvim -f",
        "gvim --remote-wait-silent",
        "mvim --remote-tab-wait",
        "gvim -v",
        "vim",
        "env code --wait",
        "env -u code vim",
        "env",
        "code.exe -w",
        "Code.exe --wait",
    ],
)
def test_an_editor_told_to_wait_or_that_waits_is_taken(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", value)
    assert editor.command() == value.split()


@pytest.mark.usefixtures("at_a_terminal")
def test_code_without_its_wait_flag_is_not_started(
    isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`EDITOR=code`: VS Code opened the template in a window and returned at once; emprep
    found the template unchanged, said "No story added: nothing was written in the template.",
    removed the draft, and the story then written in the window went to a file nothing reads."""
    started = tmp_path / "started"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "code").write_text(f"#!/bin/sh\ntouch {shlex.quote(str(started))}\n")
    (bin_dir / "code").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    r = run("story", "add", "--editor", env={**NOW, "EDITOR": "code"})
    [draft] = (isolated.parent / "drafts").iterdir()
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: EDITOR code: the editor returns at once, leaving the file to a window "
        "of its own, so emprep would read the file before you wrote in it; give it the flag "
        f"that makes it wait: export EDITOR='code --wait'; your draft is kept in {draft}; "
        f"finish it with: emprep story add --from {draft} --editor\n"
    )
    assert not started.exists()
    assert not isolated.exists()


def test_a_story_saved_as_utf16_by_windows_is_read_as_its_text(
    isolated: Path, tmp_path: Path
) -> None:
    """PowerShell's `>` and Notepad's "Unicode" write UTF-16 with a byte-order mark: a story
    written by hand that way was refused, "is not UTF-8 text (byte 0xff on line 1)"."""
    text = "".join(f"[{k}]\r\n{v}\r\n" for k, v in {**FULL, "title": "支払い 🚀"}.items())
    big_endian = b"\xfe\xff" + text.encode("utf-16-be")
    for name, data in [("le.txt", text.encode("utf-16")), ("be.txt", big_endian)]:
        (tmp_path / name).write_bytes(data)
        r = run("story", "add", "--from", str(tmp_path / name), env=NOW)
        assert (r.code, r.stderr) == (0, "")
    stories = store.load(isolated).stories
    assert [(s.title, s.situation) for s in stories] == [("支払い 🚀", FULL["situation"])] * 2
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8")  # a lone surrogate: no UTF-16
    r = run("story", "add", "--from", str(bad), env=NOW)
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: --from {bad}: is not UTF-16 text, though it starts as that does; "
        "save it as UTF-8\n",
    )
