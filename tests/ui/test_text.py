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
from conftest import run

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
