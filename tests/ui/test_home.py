"""`emprep today`'s screen."""

from __future__ import annotations

import json
import os
import shlex
import signal
from pathlib import Path

import pexpect
import pytest
from conftest import (
    ended,
    installed_emprep,
    listed,
    needs_setpriv,
    practised,
    run,
    signalled_in_editor,
    six_days_of_ten_then_four,
    spawn,
    when_held,
)

from emprep.storage import store


def test_the_day_of_the_month_has_no_leading_zero() -> None:
    """As people write it, and as the pace line below it says "Mon 14 Dec"."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    r = run("today", env={"EMPREP_NOW": "2026-12-03T09:00"})
    assert (r.code, r.stdout.splitlines()[0]) == (
        0,
        "Thursday 3 December: 11 days to the interview (2026-12-14)",
    )
    assert run("config", "unset", "interview").code == 0
    r = run("today", env={"EMPREP_NOW": "2026-12-03T09:00"})
    assert r.stdout.splitlines()[0] == "Thursday 3 December: no interview date yet"


def test_the_heading_names_the_next_round_before_the_last_as_progress_does() -> None:
    """Not only the days to the last round while the screen is sooner: the same words as
    `progress`, and on the screen's day, that it is today."""
    assert run("config", "set", "interview", "2026-12-15").code == 0
    assert run("config", "set", "interview.recruiter", "2026-12-01").code == 0
    r = run("today", env={"EMPREP_NOW": "2026-11-21T09:00"})
    assert (r.code, r.stdout.splitlines()[0]) == (
        0,
        "Saturday 21 November: 10 days to the Recruiter/HR Interview (2026-12-01), "
        "24 days to the interview (2026-12-15)",
    )
    r = run("today", env={"EMPREP_NOW": "2026-12-01T09:00"})
    assert r.stdout.splitlines()[0] == (
        "Tuesday 1 December: today: the Recruiter/HR Interview (2026-12-01), "
        "14 days to the interview (2026-12-15)"
    )
    r = run("today", env={"EMPREP_NOW": "2026-12-02T09:00"})
    assert r.stdout.splitlines()[0] == "Wednesday 2 December: 13 days to the interview (2026-12-15)"


def test_a_day_with_nothing_to_practise_is_not_called_done() -> None:
    """Interview day without any practice: no warm-up to do, and nothing was rated."""
    assert run("config", "set", "interview", "2026-12-04").code == 0
    lines = run("today", env={"EMPREP_NOW": "2026-12-04T07:00"}).stdout.splitlines()
    at = lines.index("Today's drill")
    assert lines[at + 1] == "  nothing to practise today"


def test_a_rest_day_says_so_and_asks_for_no_drill() -> None:
    """Saturday with rest-days sat,sun: the drill is offered, not asked for; a weekday asks."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    assert run("config", "set", "rest-days", "sat,sun").code == 0
    assert (
        run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"}).code == 0
    )
    saturday = {"EMPREP_NOW": "2026-11-21T09:00"}
    lines = run("today", env=saturday).stdout.splitlines()
    at = lines.index("Today's drill")
    assert lines[at + 1] == "  a rest day: 5 questions all the same if you want them: emprep drill"
    rest = (
        "Next: rest: today is one of your rest days (the drill is there all the same: 5 questions)"
    )
    assert lines[-1] == rest
    assert run("progress", env=saturday).stdout.splitlines()[-1] == rest
    doc = json.loads(run("today", "--format", "json", env=saturday).stdout)
    assert (doc["drill"]["rest_day"], doc["drill"]["left"]) == (True, 5)
    monday = {"EMPREP_NOW": "2026-11-23T09:00"}
    lines = run("today", env=monday).stdout.splitlines()
    assert lines[lines.index("Today's drill") + 1] == "  to do: 5 questions: emprep drill"
    assert lines[lines.index("Today's drill") + 2].startswith(
        "  At 5 a day about "
    )  # the advice's own sentence whole
    assert (
        " At 5 a day more reviews fall due than the day's drill takes (1 more due today: "
        "emprep drill --more)."
    ) in lines[lines.index("Today's drill") + 2]
    assert lines[-1] == "Next: emprep drill (today's 5 questions)"  # the backlog is the pace's
    shown = run("progress", env=monday).stdout.splitlines()
    assert shown[-1] == lines[-1]
    assert "(1 more due today: emprep drill --more)" in next(
        line for line in shown if line.startswith("At 5 a day")
    )
    listed = run("drill", "--list", env=monday).stdout.splitlines()
    assert listed[-1].startswith("At 5 a day about ")  # the advice's own sentence whole
    assert (
        " At 5 a day more reviews fall due than the day's drill takes (1 more due today: "
        "emprep drill --more)."
    ) in listed[-1]
    assert not json.loads(run("today", "--format", "json", env=monday).stdout)["drill"]["rest_day"]


NOTE_NOW = "2026-11-20T09:00:00+00:00"


def _note_with_editor(isolated: Path, script: str, opened: Path) -> pexpect.spawn:
    """`emprep note rec-why-coursera` at a wide terminal, its editor the shell `script`, once
    the script has made `opened`: the editor is open on the draft."""
    child = spawn(
        ["note", "rec-why-coursera"],
        isolated,
        NOTE_NOW,
        width=400,
        editor=f"sh -c {shlex.quote(script)} sh",
    )
    when_held(opened)
    return child


def _note_in(*, editor: str, width: int) -> pexpect.spawn:
    """`emprep note rec-why-coursera` at a terminal with EDITOR set to `editor`, run to its end."""
    child = spawn(
        ["note", "rec-why-coursera"],
        Path(os.environ["EMPREP_PROGRESS"]),
        NOTE_NOW,
        width=width,
        editor=editor,
    )
    child.expect(pexpect.EOF)
    child.close()
    return child


def test_the_editor_closed_with_nothing_written_says_so_not_nothing_to_remove(
    isolated: Path,
) -> None:
    """Nothing was asked to be removed: the editor came back empty on a question with no note."""
    child = _note_in(editor="true", width=120)
    assert child.exitstatus == 0
    assert child.before.replace("\r", "") == "No note for rec-why-coursera: nothing was written.\n"
    r = run("note", "rec-why-coursera", "--text", "")
    assert (r.code, r.stdout) == (0, "No note for rec-why-coursera: nothing was written.\n")


def test_a_note_kept_from_a_failing_editor_is_named_as_a_note(isolated: Path) -> None:
    """Not `drafts/story-...txt`: a folder of drafts says which is a story and which a note."""
    child = _note_in(editor="sh -c 'echo my outline >> \"$1\"; exit 3' sh", width=200)
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.name == "note-rec-why-coursera-20261120-090000.txt"
    assert draft.read_text().endswith("my outline\n")
    assert f"your note is kept in {draft}" in child.before
    assert child.exitstatus == 2


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "\\351",  # a Latin-1 editor's é
            "the draft {draft}: is not UTF-8 text (byte 0xe9 on line 4); save it as UTF-8 (your "
            "note is kept there, not saved)",
        ),
        (
            "\\033[31m",
            "note: 'my outline caf\\x1b[31m' holds the control character \\x1b; leave it out "
            "(your note is kept in {draft}, not saved)",
        ),
    ],
)
def test_a_note_refused_for_what_it_holds_says_to_change_its_draft_first(
    isolated: Path, written: str, said: str
) -> None:
    """The line said "...; save it as UTF-8; your note is kept in DRAFT; save it with: emprep
    note ID --from DRAFT", the draft named twice and a command that refused it the same until
    it was changed: now one line, the change first, then the command; the draft kept whole."""
    child = _note_in(editor=f'sh -c \'printf "my outline caf{written}\\n" >> "$1"\' sh', width=400)
    [draft] = (isolated.parent / "drafts").iterdir()
    assert (child.exitstatus, child.before.replace("\r", "")) == (
        2,
        f"emprep: error: {said.format(draft=draft)}, then: emprep note rec-why-coursera --from "
        f"{draft}\n",
    )
    assert draft.read_bytes().endswith(
        b"my outline caf" + (b"\xe9" if "351" in written else b"\x1b[31m") + b"\n"
    )
    assert not isolated.exists()
    draft.write_bytes(draft.read_bytes().replace(b"\xe9", "é".encode()).replace(b"\x1b[31m", b""))
    r = run("note", "rec-why-coursera", "--from", str(draft))
    assert (r.code, r.stdout) == (0, "Note for rec-why-coursera saved.\n")
    fixed = "my outline café" if "351" in written else "my outline caf"
    assert store.load(isolated).notes == {"rec-why-coursera": fixed}


def test_an_editor_that_removes_the_draft_has_it_put_back_not_said_kept(isolated: Path) -> None:
    """An editor that deletes the file it is given (or moves it away) left no draft, while the
    line said "your note is kept in DRAFT": the draft is written again with what it held when
    the editor opened, the note saved before with it, and the line says so."""
    assert run("note", "rec-why-coursera", "--text", "my outline", env={"EMPREP_NOW": NOTE_NOW})
    saved = isolated.read_bytes()
    child = _note_in(editor="sh -c 'rm \"$1\"' sh", width=400)
    [draft] = (isolated.parent / "drafts").iterdir()
    again = f"emprep note rec-why-coursera --from {draft}"
    assert (child.exitstatus, child.before.replace("\r", "")) == (
        2,
        "emprep: error: the editor 'sh' removed the draft; it is put back as it was before the "
        "editor opened (what was typed in the editor is not in it); your note is kept in "
        f"{draft}; save it with: {again}\n",
    )
    assert draft.read_text().startswith("my outline\n# Your note for rec-why-coursera: ")
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    assert isolated.read_bytes() == saved


def test_an_editor_that_removes_the_drafts_folder_says_nothing_is_kept(isolated: Path) -> None:
    """The draft cannot be written again where its folder is gone: the line says nothing was
    saved, and names no draft as kept."""
    child = _note_in(editor='sh -c \'rm -r "$(dirname "$1")"\' sh', width=400)
    drafts = isolated.parent / "drafts"
    assert (child.exitstatus, child.before.replace("\r", "")) == (
        2,
        f"emprep: error: the editor 'sh' removed the draft {drafts}/note-rec-why-coursera-"
        "20261120-090000.txt, and it cannot be written again (No such file or directory); "
        "nothing was saved\n",
    )
    assert not drafts.exists()


def test_an_editor_variable_with_an_open_quote_is_bad_input(isolated: Path) -> None:
    """EDITOR="'code --wait" (a quote left open) was an "unexpected ValueError: No closing
    quotation ... report it", exit 1; it is said as the variable to fix, the draft kept."""
    child = _note_in(editor="'code --wait", width=400)
    assert child.exitstatus == 2
    [draft] = (isolated.parent / "drafts").iterdir()
    assert child.before.startswith(
        "emprep: error: EDITOR 'code --wait: no closing quotation; set it to a command a shell "
        f"would run, e.g. export EDITOR=nano; your note is kept in {draft}"
    )


def _clash(tmp_path: Path, elsewhere: str, here: str) -> str:
    """An editor during which another terminal runs `emprep note rec-why-coursera` with
    `elsewhere`, then `here` runs in it on the draft ($1)."""
    script = tmp_path / "editor.sh"
    script.write_text(
        f"#!/bin/sh\n{shlex.quote(installed_emprep())} note rec-why-coursera {elsewhere} "
        f">/dev/null\n{here}\n"
    )
    script.chmod(0o700)
    return str(script)


def test_a_note_changed_elsewhere_and_in_the_editor_is_not_written_over(
    isolated: Path, tmp_path: Path
) -> None:
    """Two editors on one note (or `note --text` in another terminal while the editor is
    open): the last to close wrote over the other, unsaid. Now the one changed in both is
    refused, naming the conflict, the draft kept for `--from`; the other stays."""
    assert run("note", "rec-why-coursera", "--text", "First").code == 0
    child = _note_in(editor=_clash(tmp_path, "--text Theirs", 'echo Mine >> "$1"'), width=400)
    [draft] = (isolated.parent / "drafts").iterdir()
    assert (child.exitstatus, child.before.replace("\r", "")) == (
        2,
        "emprep: error: the note for rec-why-coursera was changed elsewhere while your editor "
        "was open (see it with: emprep questions rec-why-coursera), and you changed it too, so "
        f"yours is not written over it; your note is kept in {draft}; save it with: emprep note "
        f"rec-why-coursera --from {draft}\n",
    )
    assert store.load(isolated).notes == {"rec-why-coursera": "Theirs"}
    kept = draft.read_text()  # the note first, the comments under it, the editor's line last
    assert (kept.startswith("First\n# Your note for rec-why-coursera"), kept[-5:]) == (
        True,
        "Mine\n",
    )
    assert run("note", "rec-why-coursera", "--from", str(draft)).code == 0
    assert store.load(isolated).notes == {"rec-why-coursera": "First\nMine"}


LEFT = (
    "Note for rec-why-coursera: left as it was in your editor, so the one saved elsewhere "
    "meanwhile is kept.\n"
)


@pytest.mark.parametrize(
    ("elsewhere", "here", "kept", "said"),
    [
        ("--text Theirs", "true", "Theirs", LEFT),  # closed as it was: theirs stays
        ("--remove", "true", None, LEFT),  # removed elsewhere, left as it was here
        (  # the same change in both: the file holds it already, nothing is written
            "--text Same",
            "printf 'Same\\n' > \"$1\"",
            "Same",
            "Note for rec-why-coursera is as it was: nothing to save.\n",
        ),
    ],
)
def test_a_note_changed_in_one_place_only_keeps_that_change(
    isolated: Path, tmp_path: Path, elsewhere: str, here: str, kept: str | None, said: str
) -> None:
    assert run("note", "rec-why-coursera", "--text", "First").code == 0
    child = _note_in(editor=_clash(tmp_path, elsewhere, here), width=400)
    assert (child.exitstatus, child.before.replace("\r", "")) == (0, said)
    assert store.load(isolated).notes.get("rec-why-coursera") == kept
    assert not (isolated.parent / "drafts").exists() or not any(
        (isolated.parent / "drafts").iterdir()
    )


def test_a_note_whose_save_fails_after_the_editor_is_kept_in_its_draft(isolated: Path) -> None:
    """The draft was deleted as the editor closed, before the save: a progress file broken
    meanwhile (or a lock held 15 s, a full disk) lost the note typed in the editor."""
    assert run("config", "set", "count", "5").code == 0
    editor = f'sh -c \'echo my outline >> "$1"; echo "[[[" >> {isolated}\' sh'
    child = _note_in(editor=editor, width=400)
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.read_text().endswith("my outline\n")
    assert child.exitstatus == 2
    said = child.before.replace("\r", "")
    assert said.startswith(f"emprep: error: progress file {isolated}: invalid TOML: ")
    assert said.endswith(
        f"; your note is kept in {draft}; save it with: emprep note rec-why-coursera "
        f"--from {draft}\n"
    )
    assert "my outline" not in isolated.read_text()
    isolated.write_text(isolated.read_text().replace("[[[\n", ""))
    r = run("note", "rec-why-coursera", "--from", str(draft))
    assert (r.code, r.stdout, r.stderr) == (0, "Note for rec-why-coursera saved.\n", "")
    assert store.load(isolated).notes == {"rec-why-coursera": "my outline"}


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_a_signal_while_the_note_is_in_the_editor_says_where_the_draft_is(
    isolated: Path, signum: int, code: int
) -> None:
    """Ctrl-C said only "interrupted", SIGTERM and SIGHUP nothing: the note typed and saved in
    the editor was in a draft nobody was told of."""
    child = signalled_in_editor(
        ["note", "rec-why-coursera"], isolated, NOTE_NOW, line="my outline", signum=signum
    )
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.read_text().endswith("my outline\n")
    assert child.exitstatus == code
    assert child.before.replace("\r", "").endswith(
        f"emprep: interrupted; your note is kept in {draft}; save it with: "
        f"emprep note rec-why-coursera --from {draft}\n"
    )
    r = run("note", "rec-why-coursera", "--from", str(draft))
    assert (r.code, r.stdout) == (0, "Note for rec-why-coursera saved.\n")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_to_emprep_alone_is_passed_to_the_editor_and_the_editor_waited_for(
    isolated: Path, signum: int, code: int
) -> None:
    """SIGTERM sent to emprep alone while the note's editor was open: emprep ended and the
    editor stayed on the terminal. Now the signal goes on to the editor and emprep waits
    for it: what the editor saves on that signal is in the draft the line names, and no
    editor is left."""
    marks = isolated.parent.parent
    opened, pid = marks / "editor-opened", marks / "editor-pid"
    script = (
        f'echo $$ > {pid}; echo "my outline" >> "$1"; '
        f'trap \'sleep 0.5; echo "saved on the signal" >> "$1"; exit 1\' TERM HUP; '
        f"touch {opened}; while :; do sleep 0.1; done"
    )
    child = _note_with_editor(isolated, script, opened)
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.read_text().endswith("my outline\nsaved on the signal\n")
    assert child.exitstatus == code
    assert child.before.replace("\r", "").endswith(
        f"emprep: interrupted; your note is kept in {draft}; save it with: "
        f"emprep note rec-why-coursera --from {draft}\n"
    )
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid.read_text()), 0)


EDITOR_ENDS = {
    "without a word": "exit 1",
    "like nano": 'cp "$1" "$1.save"; echo "my outline" >> "$1.save"; exit 1',
    "like vim": 'echo "my outline" > "$(dirname "$1")/.$(basename "$1").swp"; exit 1',
}


@pytest.mark.parametrize("ends", list(EDITOR_ENDS))
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_an_editor_that_ends_on_the_signal_without_writing_the_draft_is_said_to(
    isolated: Path, signum: int, code: int, ends: str
) -> None:
    """vim and nano, on SIGTERM or SIGHUP, keep the text in `.DRAFT.swp` or `DRAFT.save`, not
    in the draft: emprep said the note was kept in the draft and gave a command that saved
    nothing. Now it says the editor did not write it, where the text may be, and how to go
    on from there."""
    opened = isolated.parent.parent / "editor-opened"
    script = f"trap '{EDITOR_ENDS[ends]}' TERM HUP; touch {opened}; while :; do sleep 0.1; done"
    child = _note_with_editor(isolated, script, opened)
    child.kill(signum)
    child.expect(pexpect.EOF)
    child.close()
    draft = next((isolated.parent / "drafts").glob("*.txt"))
    again = f"emprep note rec-why-coursera --from {draft}"
    where = {
        "without a word": "the editor did not save what was typed in it",
        "like nano": f"what you typed may be in {draft}.save; put it in the draft with: "
        f"mv {draft}.save {draft}, and go on with: {again}",
        "like vim": f"what you typed may be in its swap file {draft.parent}/.{draft.name}.swp; "
        f"recover it with: vim -r {draft} (then :wq), and go on with: {again}",
    }[ends]
    assert child.exitstatus == code
    assert child.before.replace("\r", "").endswith(
        f"emprep: interrupted; the editor ended without writing to {draft}: {where}\n"
    )
    if ends == "like nano":
        (draft.parent / f"{draft.name}.save").replace(draft)
        r = run(*shlex.split(again)[1:])
        assert (r.code, r.stdout) == (0, "Note for rec-why-coursera saved.\n")
        assert store.load(isolated).notes == {"rec-why-coursera": "my outline"}


def test_ctrl_c_in_the_editor_is_the_editor_s_and_the_note_is_saved_after_it(
    isolated: Path,
) -> None:
    """Ctrl-C at the terminal reaches the editor too, and vi takes it to leave insert mode:
    emprep took it for itself, killed the editor a quarter of a second later (what it had
    not written was lost) and ended, 130. Now emprep leaves that key to the editor and goes on
    once the editor ends."""
    opened = isolated.parent.parent / "editor-opened"
    script = f'trap "" INT; echo "my outline" >> "$1"; touch {opened}; sleep 1'
    child = _note_with_editor(isolated, script, opened)
    child.sendintr()
    child.expect_exact("Note for rec-why-coursera saved.")
    assert ended(child) == 0
    assert store.load(isolated).notes == {"rec-why-coursera": "my outline"}


def test_the_reviews_the_drill_leaves_are_counted_whatever_the_next_step() -> None:
    """Six days of 10, then 4 a day, and the recruiter round yesterday: six reviews due, the
    drill of 4 holds one. `today` said "to do: 4 questions: emprep drill" and nothing of the
    five it leaves, as its next step was to log the round; `progress` counted six due and the
    drill's end five more. The drill line counts them, before the drill as after it; at a
    count that cannot make the loop ready (4 here), the pace line does, as what that count
    does."""
    six_days_of_ten_then_four()
    env = {"EMPREP_NOW": "2026-11-28T08:00"}
    lines = run("today", env=env).stdout.splitlines()
    assert lines[lines.index("Today's drill") + 1] == "  to do: 4 questions: emprep drill"
    assert lines[lines.index("Today's drill") + 2].startswith(
        "  At 4 a day about "
    )  # the advice's own sentence whole
    assert (
        " At 4 a day more reviews fall due than the day's drill takes (5 more due today: "
        "emprep drill --more)."
    ) in lines[lines.index("Today's drill") + 2]
    assert lines[-1] == (
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you remember it)"
    )
    shown = run("progress", env=env).stdout
    assert "Due next 7 days: Sat 28 6  Sun 29 5" in shown  # the five left are still due
    doc = json.loads(run("progress", "--format", "json", env=env).stdout)
    home = json.loads(run("today", "--format", "json", env=env).stdout)
    assert doc["still_due"] == home["drill"]["still_due"] == 5  # a script has it from either
    assert sum(item["kind"] == "review" for item in listed(4, "2026-11-28T08:00")) == 1
    practised(["2026-11-28"], 4)
    lines = run("today", env=env).stdout.splitlines()
    assert lines[lines.index("Today's drill") + 1] == (
        "  done: 4 questions rated today; next due 2026-11-29 (7)"
    )
    assert "(5 more due today: emprep drill --more)" in lines[lines.index("Today's drill") + 2]
    assert run("config", "set", "count", "10").code == 0
    lines = run("today", env=env).stdout.splitlines()
    assert lines[lines.index("Today's drill") + 1 :][:2] == [  # a count that keeps up
        "  to do: 6 questions (4 done): emprep drill; 1 more due after it (emprep drill --more)",
        "  At 10 a day about 96 of 98 questions will be ready on Sat 16 Jan (FSRS's prediction, "
        "for an average learner until your ratings show otherwise: recall of 90 % or more on "
        "the day).",
    ]


@needs_setpriv
def test_a_note_s_draft_that_cannot_be_removed_after_the_save_is_said_not_a_failure(
    isolated: Path, tmp_path: Path
) -> None:
    """The drafts folder made read-only while the editor was open: the note was saved, then
    "note-....txt: Permission denied; check it and try again", exit 74."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\necho Mine >> "$1"\nchmod 555 "$(dirname "$1")"\n')
    script.chmod(0o700)
    child = spawn(
        ["note", "rec-why-coursera"], isolated, NOTE_NOW, width=400, editor=str(script), user=True
    )
    child.expect(pexpect.EOF)
    child.close()
    drafts = isolated.parent / "drafts"
    drafts.chmod(0o700)
    [draft] = drafts.iterdir()
    assert (child.exitstatus, child.before.replace("\r", "")) == (
        0,
        f"emprep: note: the draft {draft} is left as it is: it cannot be removed (Permission "
        "denied); all it holds is saved, delete it\nNote for rec-why-coursera saved.\n",
    )
    assert store.load(isolated).notes == {"rec-why-coursera": "Mine"}
