"""Control characters in a pack's text, or edited by hand into the progress file, reach no
export raw: each is written as its escape (`\\x1b`), as the screen shows it. Before, `emprep
questions --format csv` (or md, or `plan`, or an .ics) sent them as they were: shown on a
terminal, or later with `cat`, they retitled it, rang its bell and cleared it."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import tomli_w
from conftest import run, spawn

RAW = "\x1b]0;owned\x07\x1b[2J\x9b1m"  # retitle the terminal, ring its bell, clear the
# screen, and bold through the one-character CSI
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but a line break and a tab
NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}


def hostile_pack(pack_copy: Path) -> Path:
    """The pack with the sequence in the loop's names, a round's, a phase's and a task's, and
    the first question's text, tag and bar."""
    path = pack_copy / "rounds.toml"
    doc = tomllib.loads(path.read_text())
    doc["loop"]["company"] += RAW
    doc["loop"]["timeline"] += RAW
    doc["round"][0]["name"] += RAW
    doc["round"][0]["look_for"][0] += RAW
    doc["phase"][0]["name"] += RAW
    doc["phase"][0]["tasks"][1] += RAW
    path.write_text(tomli_w.dumps(doc))
    path = pack_copy / "questions.toml"
    doc = tomllib.loads(path.read_text())
    first = doc["question"][0]
    first["text"] += RAW
    first["tags"].append("tag" + RAW)
    first["bar"] += RAW
    path.write_text(tomli_w.dumps(doc))
    return pack_copy


def hostile_progress(progress: Path) -> None:
    """A story and a note saved, then the sequence edited into their text by hand (typed, it is
    refused)."""
    story = ("--situation", "S", "--task", "T", "--action", "A", "--result", "R")
    assert run("story", "add", "--title", "Title", *story, "--competencies", "leadership").code == 0
    assert run("note", "rec-why-coursera", "--text", "my note").code == 0
    text = progress.read_text()
    escaped = RAW.replace("\x1b", "\\u001b").replace("\x07", "\\u0007").replace("\x9b", "\\u009b")
    text = text.replace('"Title"', f'"Title{escaped}"').replace('"my note"', f'"my note{escaped}"')
    progress.write_text(text)


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--interview", "2027-01-10"),
        ("plan", "--interview", "2027-01-10", "--format", "ics"),
        ("questions", "--format", "md"),
        ("questions", "rec-why-coursera", "--format", "md"),
        ("questions", "--format", "csv"),
        ("questions", "--format", "anki"),
        ("story", "list", "--format", "md"),
    ],
)
def test_a_control_character_reaches_no_export_raw(
    pack_copy: Path, isolated: Path, args: tuple[str, ...]
) -> None:
    data = str(hostile_pack(pack_copy))
    hostile_progress(isolated)
    r = run("--data", data, *args, env=NOW)
    assert r.code == 0, r.stderr
    text = r.stdout.replace("\r\n", "\n") if "ics" in args else r.stdout
    assert CONTROL.findall(text) == []
    # an .ics folds its lines; Markdown and iCalendar double a backslash
    said = text.replace("\n ", "").replace("\\\\", "\\")
    assert "\\x1b" in said and "\\x07" in said


def test_a_line_break_in_the_loop_s_name_starts_no_header_of_the_anki_file(
    pack_copy: Path,
) -> None:
    """`#deck:` is one line: a company of two lines wrote a line `#html:false` of its own."""
    path = pack_copy / "rounds.toml"
    doc = tomllib.loads(path.read_text())
    doc["loop"]["company"] = "Acme\n#html:false"
    path.write_text(tomli_w.dumps(doc))
    r = run("--data", str(pack_copy), "questions", "--format", "anki")
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines()[:4] == [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:emprep::Acme #html:false Software Engineering Manager (M4)",
    ]


def test_json_escapes_what_a_terminal_would_act_on_and_reads_back_the_same(
    pack_copy: Path, isolated: Path
) -> None:
    """JSON escapes C0 controls itself, but not DEL or the C1 controls: U+009B (CSI) reached
    the terminal of `emprep questions ID --format json` raw."""
    data = str(hostile_pack(pack_copy))
    hostile_progress(isolated)
    for args in (("questions", "rec-why-coursera"), ("story", "show", "s1")):
        r = run("--data", data, *args, "--format", "json")
        assert r.code == 0, r.stderr
        assert CONTROL.findall(r.stdout) == [] and "\\u009b" in r.stdout
    doc = json.loads(
        run("--data", data, "questions", "rec-why-coursera", "--format", "json").stdout
    )
    assert doc["text"].endswith(RAW) and doc["note"] == "my note" + RAW
    story = json.loads(run("--data", data, "story", "show", "s1", "--format", "json").stdout)
    assert story["title"] == "Title" + RAW


# Characters that reorder a line ("Trojan Source"): a right-to-left override, an isolate, a
# mark; on a terminal that honours them, what follows on the line is shown other than written.
BIDI = "\u202eevil\u202c \u2067rtl\u2069 \u200f\u061c"
BIDI_RAW = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_files(pack_copy: Path, progress: Path) -> str:
    """A pack with the characters in the loop's company and the first question's text, and a
    story's title and a note holding them, as typed (they are printable to a prompt)."""
    path = pack_copy / "rounds.toml"
    doc = tomllib.loads(path.read_text())
    doc["loop"]["company"] += BIDI
    path.write_text(tomli_w.dumps(doc))
    path = pack_copy / "questions.toml"
    doc = tomllib.loads(path.read_text())
    doc["question"][0]["text"] += BIDI
    path.write_text(tomli_w.dumps(doc))
    data = str(pack_copy)
    story = ("--situation", "S" + BIDI, "--task", "T", "--action", "A", "--result", "R")
    said = run("--data", data, "story", "add", "--title", "Title" + BIDI, *story)
    assert said.code == 0, said.stderr
    assert "Title\\u202eevil\\u202c \\u2067rtl\\u2069 \\u200f\\u061c (shows" in said.stdout
    assert run("--data", data, "note", "rec-why-coursera", "--text", "my note" + BIDI).code == 0
    assert BIDI in progress.read_text()  # the files keep what was typed
    return data


@pytest.mark.parametrize(
    "args",
    [
        ("rounds",),
        ("questions",),
        ("questions", "rec-why-coursera"),
        ("story", "list"),
        ("story", "show", "s1"),
        ("story", "coverage"),
    ],
)
def test_a_character_that_reorders_a_line_reaches_no_screen_raw(
    pack_copy: Path, isolated: Path, args: tuple[str, ...]
) -> None:
    """U+202E and its kind were sent to the terminal as they were, as the control characters
    were before: now each is shown as its escape, as they are."""
    data = bidi_files(pack_copy, isolated)
    r = run("--data", data, *args, env=NOW)
    assert r.code == 0, r.stderr
    assert BIDI_RAW.findall(r.stdout) == []
    assert "\\u202eevil\\u202c \\u2067rtl\\u2069 \\u200f\\u061c" in r.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--interview", "2027-01-10"),
        ("questions", "--format", "md"),
        ("questions", "--format", "csv"),
        ("questions", "--format", "anki"),
        ("story", "list", "--format", "md"),
    ],
)
def test_an_export_keeps_the_characters_that_reorder_a_line(
    pack_copy: Path, isolated: Path, args: tuple[str, ...]
) -> None:
    """An export is the user's text: a right-to-left title stays one, in a file or a pipe."""
    data = bidi_files(pack_copy, isolated)
    r = run("--data", data, *args, env=NOW)
    assert r.code == 0, r.stderr
    assert BIDI in r.stdout and "\\u202e" not in r.stdout


def test_json_escapes_the_characters_that_reorder_a_line_and_reads_back_the_same(
    pack_copy: Path, isolated: Path
) -> None:
    data = bidi_files(pack_copy, isolated)
    r = run("--data", data, "story", "show", "s1", "--format", "json")
    assert BIDI_RAW.findall(r.stdout) == [] and "\\u202e" in r.stdout
    assert json.loads(r.stdout)["title"] == "Title" + BIDI


def test_on_a_terminal_a_prompt_and_an_export_show_the_escapes(
    pack_copy: Path, isolated: Path
) -> None:
    """`story rm`'s question quotes the title; an export printed to a terminal is read there."""
    data = bidi_files(pack_copy, isolated)
    shown = "Title\\u202eevil\\u202c \\u2067rtl\\u2069 \\u200f\\u061c"
    child = spawn(["--data", data, "story", "list", "--format", "md"], isolated, "2026-11-20")
    screen = child.read()
    assert BIDI_RAW.findall(screen) == [] and f"### s1: {shown}" in screen
    child = spawn(["story", "rm", "s1"], isolated, "2026-11-20")
    child.expect_exact(f"Delete story s1 ({shown})? [y/N] ")
    child.sendline("n")
    assert BIDI_RAW.findall(child.read()) == []


def test_json_and_the_screen_escape_the_same_characters() -> None:
    """The characters that reorder a line were listed twice, for the screen and for JSON, so
    one added to the one list would have reached the other raw. JSON now takes the screen's
    list: every character `visible` escapes beyond what JSON escapes itself is escaped in a
    document, as `\\uXXXX`, and reads back the same."""
    from emprep.ui.export.docs import to_json
    from emprep.ui.text import visible

    for c in map(chr, range(0x20, 0x3000)):
        doc = to_json({"s": c})
        assert (doc != json.dumps({"s": c}, indent=2, ensure_ascii=False)) == (visible(c) != c)
        assert json.loads(doc) == {"s": c}
