"""The candidate's own notes, and what a round asked: text a terminal can show safely."""

from __future__ import annotations

import os
from pathlib import Path

import pexpect
from conftest import PTY_TIMEOUT, Terminal, ended, installed_emprep, run, spawn

from emprep.storage import store

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}


def test_a_note_with_a_control_character_is_refused_and_nothing_changes(isolated: Path) -> None:
    """As a story's fields are: an escape sequence would reach the terminal of the drill."""
    assert run("note", "rec-why-coursera", "--text", "fine").code == 0
    before = isolated.read_bytes()
    r = run("note", "rec-why-coursera", "--text", "red \x1b[31m text")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: note: 'red \\x1b[31m text' holds the control character \\x1b; leave it "
        "out\n",
    )
    assert isolated.read_bytes() == before
    assert run("note", "rec-why-coursera", "--text", "two\nlines\tand a tab").code == 0


def test_a_line_or_paragraph_separator_in_a_note_is_a_line_break() -> None:
    """A line separator (U+2028) or a paragraph separator (U+2029), pasted from a web page,
    was kept: one terminal broke the line there, another showed nothing, and the exports kept
    it inside one line. It is a line break, as a CR is."""
    from emprep.core.notes import note_template, parse_note

    note = parse_note("Mission first\u2028the ranking\u2029[action] too")
    assert note == "Mission first\nthe ranking\n[action] too"
    assert parse_note(note_template("rec-why-coursera", "Why Coursera?", note)) == note


def test_a_note_given_back_as_it_was_says_so_not_saved(isolated: Path) -> None:
    """A note set to the text it has, or its editor closed unchanged, writes nothing (the backup
    keeps the file before the last change), but the line said "Note for ... saved."."""
    assert run("note", "rec-why-coursera", "--text", "Mission first", env=NOW).code == 0
    assert run("note", "rec-why-coursera", "--text", "Mission now", env=NOW).code == 0
    before = isolated.read_bytes()
    bak = isolated.with_name("progress.toml.bak").read_bytes()
    same = "Note for rec-why-coursera is as it was: nothing to save.\n"
    r = run("note", "rec-why-coursera", "--text", " Mission now ", env=NOW)
    assert (r.code, r.stdout, r.stderr) == (0, same, "")
    child = spawn(["note", "rec-why-coursera"], isolated, NOW["EMPREP_NOW"], editor="true")
    child.expect_exact(same.strip())
    assert ended(child) == 0
    assert (isolated.read_bytes(), isolated.with_name("progress.toml.bak").read_bytes()) == (
        before,
        bak,
    )
    r = run("note", "rec-why-coursera", "--text", "Mission first", env=NOW)
    assert (r.code, r.stdout) == (0, "Note for rec-why-coursera saved.\n")


def test_a_note_removed_says_so_and_text_with_remove_is_refused(isolated: Path) -> None:
    """`--remove` said "No note for ..." after removing one; given with `--text` as well it
    threw the new text away without a word."""
    assert run("note", "rec-why-coursera", "--text", "Mission first").code == 0
    before = isolated.read_bytes()
    r = run("note", "rec-why-coursera", "--remove", "--text", "New outline")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: give --text or --remove, not both: --text sets the note, --remove "
        "forgets it (emprep note rec-why-coursera --remove)\n",
    )
    assert isolated.read_bytes() == before
    r = run("note", "rec-why-coursera", "--remove")
    assert (r.code, r.stdout) == (0, "Removed the note for rec-why-coursera.\n")
    r = run("note", "rec-why-coursera", "--remove")
    assert (r.code, r.stdout) == (0, "No note for rec-why-coursera: nothing to remove.\n")


def test_a_note_on_a_question_the_pack_no_longer_has_is_removed_and_said(
    isolated: Path,
) -> None:
    """Before, `--remove` of a note kept for a dropped question said "unknown question", and
    the note could only be taken out of the file by hand."""
    assert run("note", "rec-why-coursera", "--text", "Mission first").code == 0
    text = isolated.read_text(encoding="utf-8")
    isolated.write_text(text.replace("rec-why-coursera", "rec-dropped-question"))
    r = run("note", "REC-dropped-question", "--remove")
    assert (r.code, r.stdout, r.stderr) == (
        0,
        "Removed the note for rec-dropped-question (a question the loop pack in use does not "
        "have).\n",
        "",
    )
    assert store.load(isolated).notes == {}
    before = isolated.read_bytes()
    r = run("note", "rec-dropped-question", "--remove")  # gone now: an unknown id, as ever
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr.startswith("emprep: error: unknown question 'rec-dropped-question': ")
    assert isolated.read_bytes() == before


def test_a_note_from_a_file_or_standard_input_has_no_argument_limit(
    isolated: Path, tmp_path: Path
) -> None:
    """A kept draft over 128 KB could not be saved through --text "$(...)": one argument."""
    body = "\n".join(f"point {i}: " + "x" * 60 for i in range(3000))  # ~200 KB
    draft = tmp_path / "note draft.txt"
    draft.write_text(f"# Your note for rec-why-coursera\n# a comment\n{body}\n")
    r = run("note", "rec-why-c", "--from", str(draft))
    assert (r.code, r.stdout, r.stderr) == (0, "Note for rec-why-coursera saved.\n", "")
    assert store.load(isolated).notes == {"rec-why-coursera": body}
    r = run("note", "rec-why-c", "--from", "-", input="# left out\nfrom a pipe\n")
    assert (r.code, r.stdout, r.stderr) == (0, "Note for rec-why-coursera saved.\n", "")
    assert store.load(isolated).notes == {"rec-why-coursera": "from a pipe"}


def test_a_note_from_a_file_is_refused_with_text_or_remove_or_if_unreadable(
    isolated: Path, tmp_path: Path
) -> None:
    assert run("note", "rec-why-coursera", "--text", "kept").code == 0
    before = isolated.read_bytes()
    r = run("note", "rec-why-coursera", "--text", "x", "--from", "f.txt")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: give --text or --from, not both: --text sets the note, --from sets it "
        "from a file (emprep note rec-why-coursera --from FILE)\n",
    )
    r = run("note", "rec-why-coursera", "--from", str(tmp_path / "nope.txt"))
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --from {tmp_path / 'nope.txt'}: cannot be read (not found); give a "
        "text file's path, or - for standard input\n",
    )
    os.mkfifo(tmp_path / "pipe")  # as /dev/stdin is when a pipe feeds emprep
    r = run("note", "rec-why-coursera", "--from", str(tmp_path / "pipe"))
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: --from {tmp_path / 'pipe'}: is a FIFO (a named pipe); give a text "
        "file's path, or - for standard input\n",
    )
    assert isolated.read_bytes() == before


def test_what_a_round_asked_is_checked_as_typed_text(isolated: Path) -> None:
    assert run("config", "set", "interview", "2026-11-20").code == 0
    assert run("rounds", "log", "rec", "--note", "fine", env=NOW).code == 0
    before = isolated.read_bytes()
    r = run("rounds", "log", "rec", "--asked", "What\x1b[2J?", env=NOW)
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: asked: 'What\\x1b[2J?' holds the control character \\x1b; leave it out\n",
    )
    r = run("rounds", "log", "rec", "--note", "ding\x07", env=NOW)
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: note: 'ding\\x07' holds the control character \\x07; leave it out\n",
    )
    assert isolated.read_bytes() == before


def test_a_note_left_in_the_editor_with_a_control_character_keeps_its_draft(
    isolated: Path,
) -> None:
    editor = 'sh -c \'printf "my outline \\033[31m\\n" >> "$1"\' sh'
    env = {**os.environ, **NOW, "EDITOR": editor, "NO_COLOR": "1", "TERM": "xterm"}
    child = Terminal(
        installed_emprep(), ["note", "rec-why-coursera"], env=env, encoding="utf-8",
        timeout=PTY_TIMEOUT, dimensions=(40, 200),
    )  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.read_text().endswith("my outline \x1b[31m\n")
    assert "holds the control character \\x1b; leave it out (your note is kept in" in child.before
    assert child.exitstatus == 2
    assert not isolated.exists()


def test_an_empty_text_or_file_never_removes_a_note(isolated: Path, tmp_path: Path) -> None:
    """Before: `emprep note ID --text "$OUTLINE"` with the variable unset, or `--from -` fed
    by a command that failed, said "Removed the note for ID." and the outline typed was gone.
    `--remove` forgets a note; an empty one is refused and the note kept."""
    assert run("note", "rec-why-coursera", "--text", "My outline", env=NOW).code == 0
    before = isolated.read_bytes()
    empty = tmp_path / "empty.txt"
    empty.write_text("# a comment only\n\n")
    for given, said in (
        (["--text", ""], "--text"),
        (["--text", "  \n"], "--text"),
        (["--from", str(empty)], f"--from {empty}"),
        (["--from", "-"], "--from -"),
    ):
        r = run("note", "rec-why-coursera", *given, env=NOW, input="")
        assert (r.code, r.stdout) == (2, ""), given
        assert r.stderr == (
            f"emprep: error: {said}: empty, so the note for rec-why-coursera is kept as it was; "
            "give the note's text, or forget the note with: emprep note rec-why-coursera "
            "--remove\n"
        ), given
        assert isolated.read_bytes() == before
    r = run("note", "rec-why-coursera", "--remove", env=NOW)
    assert (r.code, r.stdout) == (0, "Removed the note for rec-why-coursera.\n")
    r = run("note", "rec-why-coursera", "--text", "", env=NOW)  # nothing to keep: as before
    assert (r.code, r.stdout) == (0, "No note for rec-why-coursera: nothing was written.\n")


def test_an_empty_from_path_is_refused_not_read_as_the_folder(isolated: Path) -> None:
    """Before: `note ID --from ''` said "--from .: is a folder", and `story add --from ''`
    took it for no --from at all ("not a terminal, so nothing is asked: give --title ..."),
    or with --editor opened a new template."""
    fields = ["--title", "t", "--situation", "s", "--task", "t", "--action", "a", "--result", "r"]
    assert run("story", "add", *fields, env=NOW).code == 0
    before = isolated.read_bytes()
    for command in (
        ["note", "rec-why-coursera", "--from", ""],
        ["story", "add", "--from", ""],
        ["story", "add", "--from", "", "--editor"],
        ["story", "edit", "s1", "--from", ""],
    ):
        r = run(*command, env={**NOW, "EDITOR": "true"})
        assert (r.code, r.stdout, r.stderr) == (
            2,
            "",
            "emprep: error: --from: the path given is empty; give a text file's path, or - for "
            "standard input\n",
        ), command
    assert isolated.read_bytes() == before


def test_an_empty_note_on_a_fresh_setup_writes_no_file(isolated: Path) -> None:
    """Before, `note ID --text ""` (or `--remove`) with no progress file yet said "nothing was
    written" and created one: a first run's file with nothing in it."""
    assert not isolated.exists()
    for given, why in (
        (["--text", ""], "nothing was written"),
        (["--remove"], "nothing to remove"),
    ):
        r = run("note", "rec-why-coursera", *given, env=NOW)
        assert (r.code, r.stdout, r.stderr) == (0, f"No note for rec-why-coursera: {why}.\n", "")
        assert not isolated.parent.exists() or not any(isolated.parent.iterdir())


def test_the_command_that_forgets_a_note_names_this_runs_progress_file(tmp_path: Path) -> None:
    """Before, with `--progress P`, the refusal of an empty note said `emprep note ID
    --remove`: run as printed, it acted on the default progress file, not on P."""
    progress = tmp_path / "p.toml"
    assert run("--progress", str(progress), "note", "rec-why-coursera", "--text", "Mine").code == 0
    r = run("--progress", str(progress), "note", "rec-why-coursera", "--text", "")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: --text: empty, so the note for rec-why-coursera is kept as it was; give "
        f"the note's text, or forget the note with: emprep --progress {progress} note "
        "rec-why-coursera --remove\n",
    )


def test_windows_line_ends_typed_are_line_breaks_not_escapes(isolated: Path) -> None:
    """Text pasted from a Windows file (`--text "$(cat outline.txt)"`) ends its lines with CR LF:
    kept, each CR showed as `\\x0d` on every screen and in the CSV."""
    assert run("note", "rec-why-coursera", "--text", "one\r\ntwo\rthree\r\n").code == 0
    star = ["--task", "T", "--action", "A\r\nB", "--result", "R"]
    r = run("story", "add", "--title", "Launch", "--situation", "S1\r\nS2", *star, env=NOW)
    assert r.code == 0, r.stderr
    saved = store.load(isolated)
    assert saved.notes == {"rec-why-coursera": "one\ntwo\nthree"}
    assert (saved.stories[0].situation, saved.stories[0].action) == ("S1\nS2", "A\nB")
    assert "Your note\n  one\n  two\n  three\n" in run("questions", "rec-why-coursera").stdout
    assert "Situation\nS1\nS2\n" in run("story", "show", "s1").stdout


def test_windows_line_ends_saved_by_an_older_version_are_line_breaks(isolated: Path) -> None:
    """An older version kept a typed CR in the file: the story showed `S1\\x0d` and the note's
    CR too. They are line breaks once the file is read; the rest of the file is as it was."""
    assert run("note", "rec-why-coursera", "--text", "one\ntwo").code == 0
    star = ["--task", "T", "--action", "A", "--result", "R"]
    assert run("story", "add", "--title", "L", "--situation", "S1\nS2", *star, env=NOW).code == 0
    old = isolated.read_text().replace("S1\\nS2", "S1\\r\\nS2").replace("one\\ntwo", "one\\rtwo")
    assert old.count("\\r") == 2
    isolated.write_text(old)
    shown = run("story", "show", "s1")
    assert (shown.code, shown.stderr) == (0, "")
    assert "Situation\nS1\nS2\n\nTask\n" in shown.stdout
    assert "Your note\n  one\n  two\n" in run("questions", "rec-why-coursera").stdout
    saved = store.load(isolated)
    assert (saved.stories[0].situation, saved.notes) == ("S1\nS2", {"rec-why-coursera": "one\ntwo"})
    assert isolated.read_text() == old  # reading changes no file


def test_text_typed_where_the_editor_opens_is_the_note_not_glued_to_a_comment(
    isolated: Path, tmp_path: Path
) -> None:
    """vi and nano open on the template's first line, and that was the comment naming the
    question: text typed there at once (nano, or vi's `i`) joined the comment line, which then
    no longer started with `#`, and the note saved was "Lead with the mission.# Your note for
    rec-why-coursera: Why are you interested in Coursera?". The note, or an empty line, comes
    first, the comments under it. The editor here types at the start of the first line, as
    those do; then, on a note that has text, adds a line after it."""

    def edited(name: str, sed: str) -> None:
        """`emprep note` with an editor that runs `sed` on the file, saved."""
        editor = tmp_path / name
        editor.write_text(f"#!/bin/sh\nsed -i '{sed}' \"$1\"\n")
        editor.chmod(0o755)
        child = spawn(["note", "rec-why-coursera"], isolated, NOW["EMPREP_NOW"], editor=str(editor))
        child.expect_exact("Note for rec-why-coursera saved.")
        assert ended(child) == 0

    edited("typing.sh", "1s/^/Lead with the mission./")
    assert store.load(isolated).notes == {"rec-why-coursera": "Lead with the mission."}
    edited("again.sh", "1a Then the launch I would build.")
    assert store.load(isolated).notes == {
        "rec-why-coursera": "Lead with the mission.\nThen the launch I would build."
    }


def test_a_note_indented_from_its_first_line_keeps_its_lines_side_by_side(
    isolated: Path,
) -> None:
    """`note ID --text`, `--from` and a story's `--from` alike: the indent the lines share goes,
    each keeps its own beyond it (the first line alone trimmed made `  - b` a sub-item of
    `- a`)."""
    assert run("note", "rec-why-coursera", "--text", "  - a\n  - b\n      - c").code == 0
    assert store.load(isolated).notes["rec-why-coursera"] == "- a\n- b\n    - c"
    r = run("note", "tech-tradeoff", "--from", "-", input="\n\t1. cost\n\t2. speed\n\n")
    assert r.code == 0
    assert store.load(isolated).notes["tech-tradeoff"] == "1. cost\n2. speed"
    template = "[title]\nT\n[situation]\nS\n[task]\nK\n[action]\n  - one\n  - two\n[result]\nR\n"
    assert run("story", "add", "--from", "-", input=template).code == 0
    assert store.load(isolated).stories[0].action == "- one\n- two"
