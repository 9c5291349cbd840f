"""The tab-separated Anki import file, read back the way Anki reads it: the `#key:value` header
lines first, then rows split on the declared separator, a field in double quotes when it holds
one. Tabs, line breaks, quotes and apostrophes in a pack's text cannot break a row."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

from conftest import run
from tricky import TRICKY, tricky_pack

from emprep.core.pack import Pack
from emprep.storage.packs import load_pack
from emprep.ui.export.anki import text_html
from emprep.ui.export.identity import loop_key

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|"}


def read_like_anki(text: str) -> tuple[dict[str, str], list[list[str]]]:
    """The header lines and the rows, as Anki's text import parses them: every line starting
    with `#` before the first row is a header, and one after it a comment, skipped."""
    lines = text.split("\n")
    headers: dict[str, str] = {}
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        headers[key] = value
    sep = SEPARATORS.get(headers["separator"].lower(), headers["separator"])
    kept = "\n".join(line for line in lines if not line.startswith("#"))
    rows = [r for r in csv.reader(io.StringIO(kept), delimiter=sep) if r]
    return headers, rows


def plain(field: str) -> str:
    """What Anki shows of an HTML field, as text."""
    return html.unescape(field.replace("<br>", "\n"))


def test_headers_and_one_note_per_question(pack: Pack) -> None:
    r = run("questions", "--round", "strategic", "--format", "anki")
    headers, rows = read_like_anki(r.stdout)
    assert headers == {
        "separator": "tab",
        "html": "true",
        "notetype": "Basic",
        "deck": "emprep::Coursera Software Engineering Manager (M4)",
        "columns": "Front\tBack\tTags\tGUID",
        "tags column": "3",
        "guid column": "4",
    }
    strategic = [q for q in pack.questions if "strategic" in q.rounds]
    assert [row[3] for row in rows] == [f"emprep-{q.id}" for q in strategic]
    assert all(len(row) == 4 for row in rows)


def test_your_note_is_on_the_back_under_the_outline_its_indents_kept() -> None:
    """The text file's back carried the pack's outline but not the candidate's own note, which
    the study sheet, the CSV and the JSON carry: it follows the outline, its lines and their
    indents kept as no-break spaces (HTML drops a line's leading spaces); a question with no
    note has none."""
    outline = "Mission: free & open.\n  - the grading launch\n\t- s1"
    assert run("note", "rec-why-coursera", "--text", outline).code == 0
    _, rows = read_like_anki(run("questions", "--round", "recruiter", "--format", "anki").stdout)
    backs = {row[3]: row[1] for row in rows}
    assert (
        "close with what you would bring.<br><b>Your note</b><br>Mission: free &amp; open.<br>"
        "\u00a0\u00a0- the grading launch<br>\u00a0\u00a0\u00a0\u00a0- s1<ul>"
    ) in backs["emprep-rec-why-coursera"]
    assert "Your note" not in backs["emprep-rec-why-leaving"]


def test_apostrophes_stay_apostrophes() -> None:
    r = run("questions", "--format", "anki")
    assert "&#x27;" not in r.stdout and "&#39;" not in r.stdout
    _, rows = read_like_anki(r.stdout)
    fronts = [row[0] for row in rows]
    assert (
        "How do you ensure your team's work directly contributes to Coursera's business objectives?"
    ) in fronts
    assert sum("Coursera's" in row[0] for row in rows) == sum(
        "Coursera's" in plain(row[0]) for row in rows
    )


def test_question_tags_live_under_emprep(pack: Pack) -> None:
    _, rows = read_like_anki(run("questions", "--format", "anki").stdout)
    tags = {row[3]: row[2].split(" ") for row in rows}
    assert tags["emprep-str-business-objectives"] == [
        "emprep::round::strategic",
        "emprep::source::guide",
        f"emprep::difficulty::{pack.question('str-business-objectives').difficulty}",
        "emprep::tag::Strategy",
        "emprep::tag::Business_Acumen",
    ]
    assert all(t.startswith("emprep::") for row in rows for t in row[2].split(" "))


def test_tabs_newlines_quotes_and_apostrophes_round_trip(pack_copy: Path) -> None:
    r = run("--data", str(tricky_pack(pack_copy)), "questions", "--format", "anki")
    assert r.code == 0, r.stderr
    _, rows = read_like_anki(r.stdout)
    assert len(rows) == len(r.stdout.strip().split("\n")) - 7  # a row a line, none split
    assert all(len(row) == 4 for row in rows)
    front, back, tags, guid = rows[0]
    assert guid == "emprep-rec-why-coursera"
    assert plain(front) == TRICKY["text"].replace("\t", " ")
    assert front == (
        'Why Coursera\'s "mission", and why now?<br>Say it &lt;in&gt; two lines &amp; no more; '
        "é ü 学"
    )
    assert "<li>Tab here, line<br>there</li>" in back
    assert '<li>Point with a tab, a "quote" and an apostrophe\'s<br>break <i>(' in back
    assert "A &lt;b&gt;bold&lt;/b&gt; claim &amp; a 'quote'" in back
    assert tags.split(" ")[-2:] == ["emprep::tag::Cover_letter", "emprep::tag::C++_&_Go"]


def test_a_question_starting_with_a_hash_is_a_note_not_a_header_or_a_comment(
    pack_copy: Path,
) -> None:
    """Anki reads a line starting with `#` as a header before the first note (`#deck:` puts
    every note of the file in another deck) and as a comment after it (the note is not
    imported, unsaid). A pack's question starting with `#` is quoted, so it is a field."""
    questions = pack_copy / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    text = text.replace('"Why are you interested in Coursera?"', '"#deck:Elsewhere"')
    text = text.replace(
        '"Tell me about your experience as an engineering manager."',
        '"#1 lesson of your years as a manager?"',
    )
    questions.write_text(text, encoding="utf-8")
    r = run("--data", str(pack_copy), "questions", "--round", "recruiter", "--format", "anki")
    assert r.code == 0, r.stderr
    headers, rows = read_like_anki(r.stdout)
    assert headers["deck"] == "emprep::Coursera Software Engineering Manager (M4)"
    assert len(headers) == 7
    assert [row[0] for row in rows[:2]] == [
        "#deck:Elsewhere",
        "#1 lesson of your years as a manager?",
    ]
    assert len(rows) == len(r.stdout.strip().split("\n")) - 7  # every note a row


def test_control_characters_cannot_split_fields() -> None:
    assert text_html("a\x1fb\tc\r\nd\u2028e 👩\u200d💻") == "a b c<br>d<br>e 👩\u200d💻"


def test_what_anki_would_play_or_typeset_is_text() -> None:
    """Anki reads `[sound:x.mp3]` in a field as a play button and `[$]...[/$]`, `[$$]` and
    `[latex]` as an image of the formula (a broken one without LaTeX), `[anki:tts]` as speech:
    a pack's text saying so lost its words on the card. Its `[` is an entity; other brackets
    stay. `[LaTeX]`, as most type it, is LaTeX to Anki too (its pattern ignores case), while
    `[SOUND:` and `[anki:TTS` are text to it, so they stay as typed."""
    typed = "[sound:x.mp3] [$]x^2[/$] [$$]y[/$$] [latex]z[/latex] [anki:tts lang=en]hi[/anki:tts]"
    assert text_html(typed + " [a list] [sound] [$5]") == (
        "&#91;sound:x.mp3] &#91;$]x^2&#91;/$] &#91;$$]y&#91;/$$] &#91;latex]z&#91;/latex] "
        "&#91;anki:tts lang=en]hi&#91;/anki:tts] [a list] [sound] [$5]"
    )
    assert text_html("[LaTeX]a[/LaTeX] [LATEX]b[/Latex] [SOUND:x.mp3] [anki:TTS]c") == (
        "&#91;LaTeX]a&#91;/LaTeX] &#91;LATEX]b&#91;/Latex] [SOUND:x.mp3] [anki:TTS]c"
    )


def test_another_loops_file_names_its_loop_in_the_guid(pack_copy: Path) -> None:
    """Anki matches a text import's notes by GUID alone: with the question id only, a pack of
    one's own with the same ids updated the built-in loop's notes (two of them rewritten with the
    other loop's text, the rest skipped as duplicates, the other deck left empty). The built-in
    loop keeps the GUIDs it always had, so files imported before still update."""
    import tomllib

    import tomli_w

    rounds = pack_copy / "rounds.toml"
    doc = tomllib.loads(rounds.read_text())
    doc["loop"]["company"] = "株式会社テスト"
    rounds.write_text(tomli_w.dumps(doc))
    _, own = read_like_anki(run("questions", "--format", "anki").stdout)
    r = run("--data", str(pack_copy), "questions", "--format", "anki")
    assert r.code == 0, r.stderr
    _, other = read_like_anki(r.stdout)
    assert own[0][3] == "emprep-rec-why-coursera"
    key = loop_key(load_pack(str(pack_copy)))
    assert re.fullmatch(r"software-engineering-manager-m4-[0-9a-f]{12}", key)
    assert other[0][3] == f"emprep-{key}-rec-why-coursera"
    assert len({row[3] for row in own} | {row[3] for row in other}) == 2 * len(own)


def _level(pack_copy: Path, level: str) -> Path:
    """The built-in loop at another level: the same company, role and question ids."""
    import tomllib

    import tomli_w

    rounds = pack_copy / "rounds.toml"
    doc = tomllib.loads(rounds.read_text())
    doc["loop"]["level"] = level
    rounds.write_text(tomli_w.dumps(doc))
    return pack_copy


def test_two_levels_of_one_role_import_into_two_decks(pack_copy: Path) -> None:
    """The deck was `emprep::Coursera Software Engineering Manager` at every level: an M4 and
    an M5 file imported into one deck. The deck names the level, the same on every export."""
    m4 = run("questions", "--format", "anki").stdout
    assert run("questions", "--format", "anki").stdout == m4
    m5 = run("--data", str(_level(pack_copy, "M5")), "questions", "--format", "anki").stdout
    assert read_like_anki(m4)[0]["deck"] == "emprep::Coursera Software Engineering Manager (M4)"
    assert read_like_anki(m5)[0]["deck"] == "emprep::Coursera Software Engineering Manager (M5)"


def test_the_text_file_gets_a_name_anki_s_import_opens(tmp_path: Path) -> None:
    """Anki's File > Import opens a text file by its ending, .txt, .tsv or .csv only (any
    other is "Unsupported file type.", and the file dialog hides it); emprep suggested
    `--output emprep.anki`. `.tsv` now names the format, and a name Anki will not open is
    written as asked, with a line saying how to name it."""
    out = tmp_path / "deck.tsv"
    r = run("questions", "--round", "rec", "-o", str(out))
    assert (r.code, r.stderr) == (0, f"Wrote {out} ({out.stat().st_size:,} bytes).\n")
    assert out.read_text().startswith("#separator:tab\n")
    odd = tmp_path / "deck.anki"
    r = run("questions", "--round", "rec", "-o", str(odd))
    assert r.code == 0
    assert odd.read_bytes() == out.read_bytes()
    assert r.stderr.split("\n")[1:] == [
        "emprep: note: Anki's File > Import opens a text file only by its ending, .txt, .tsv "
        f"or .csv: rename it, or write it with --output {tmp_path / 'deck.tsv'}",
        "",
    ]
    txt = tmp_path / "deck.txt"
    r = run("questions", "--round", "rec", "--format", "anki", "-o", str(txt))
    assert (r.code, r.stderr) == (0, f"Wrote {txt} ({txt.stat().st_size:,} bytes).\n")


def test_a_name_ending_in_a_dot_is_told_the_tsv_name_without_two_dots(tmp_path: Path) -> None:
    """Before: `-o deck.` was told `--output deck..tsv`."""
    r = run("questions", "--round", "rec", "--format", "anki", "-o", str(tmp_path / "deck."))
    assert r.code == 0
    assert r.stderr.split("\n")[1] == (
        "emprep: note: Anki's File > Import opens a text file only by its ending, .txt, .tsv "
        f"or .csv: rename it, or write it with --output {tmp_path / 'deck.tsv'}"
    )
