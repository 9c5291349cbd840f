"""The question bank for Anki: one note per question, with the same fields, text and tags in
both forms emprep writes, the tab-separated import file (here) and the package (`apkg.py`).

Text is HTML, as Anki stores it: `&`, `<` and `>` escaped, and the `[` of what Anki would play
or typeset (`[sound:`, `[$]`, `[latex]`), nothing else, so an apostrophe stays an apostrophe and
Anki's search finds `Coursera's`; a line break becomes `<br>` and a tab
(or any other control character) a space, so nothing can split a note or a row.
"""

from __future__ import annotations

from collections.abc import Iterable

from emprep.core.models import Question
from emprep.core.pack import Pack
from emprep.ui.export.identity import loop_key, loop_name
from emprep.ui.text import escaped

# The loop of the built-in pack: its text files were written before the GUID named the loop,
# and keep their GUIDs so that a file imported then is still updated, not copied.
FIRST_LOOP = "coursera-software-engineering-manager-m4"

FIELDS = (
    *("Question", "Rounds", "Points", "Follow-ups", "Red flags", "Answer outline", "Your note"),
    *("Bar", "Id"),
)


# What Anki reads in a field as media, speech or LaTeX rather than text: `[sound:x.mp3]` is a
# play button, `[$]x^2[/$]` an image of the formula; its `[` as an entity shows as typed.
# Anki reads `[latex]` in any case (`[LaTeX]`), `[sound:` and `[anki:tts` in lower case only.
ANKI_MARKUP = r"\[(?=sound:|/?anki:tts|(?i:/?latex\])|/?\$\$?\])"


def text_html(text: str) -> str:
    """Plain text as one line of HTML. Any other control character becomes a space too: Anki
    keeps a note's fields apart with one (0x1f)."""
    import html  # here: its table of entities costs `questions` 1 ms of start-up
    import re
    import unicodedata

    lines = re.sub(ANKI_MARKUP, "&#91;", html.escape(text, quote=False)).splitlines()
    return "<br>".join(
        "".join(" " if unicodedata.category(c) == "Cc" else c for c in line) for line in lines
    )


def list_html(items: Iterable[str | tuple[str, str]]) -> str:
    """A bulleted list; an item (text, what it shows) gets the second part in italics: a
    point's criterion, a red flag's reason for rejection."""
    out = []
    for item in items:
        text, shows = item if isinstance(item, tuple) else (item, "")
        out.append(text_html(text) + (f" <i>({text_html(shows)})</i>" if shows else ""))
    return "<ul>" + "".join(f"<li>{x}</li>" for x in out) + "</ul>"


def note_fields(pack: Pack, q: Question, note: str | None) -> dict[str, str]:
    """The note's fields, in the order of FIELDS; `note` is the candidate's own on the
    question (`emprep note`), empty where there is none."""
    rounds = " / ".join(pack.round(r).name for r in pack.rounds_of(q))
    return {
        "Question": text_html(q.text),
        "Rounds": text_html(f"{rounds} · {q.minutes} min · {q.difficulty}"),
        "Points": list_html((p.text, p.criterion) for p in q.points),
        "Follow-ups": list_html(q.follow_ups),
        "Red flags": list_html((f.text, f.reason) for f in q.red_flags),
        "Answer outline": text_html(q.outline),
        "Your note": note_html(note),
        "Bar": text_html(q.bar),
        "Id": text_html(q.id),
    }


def note_html(note: str | None) -> str:
    """The candidate's note as HTML, its lines kept and each line's indent as no-break spaces
    (a tab as four), as the study sheet keeps them: HTML drops a line's leading spaces, and an
    outline with points indented under a line showed flat."""
    from emprep.core.models import text_lines
    from emprep.ui.export.markdown import kept_indent

    if note is None or not note.strip():
        return ""
    return text_html(
        "\n".join(kept_indent(line) + line.strip() for line in text_lines(note.strip()))
    )


def tag(text: str) -> str:
    """Anki tags are separated by spaces, so whitespace inside one becomes `_`; a control
    character is written as its escape (`\\x1b`), as the screen shows it."""
    return "_".join(escaped(text).split())


def note_tags(q: Question) -> list[str]:
    """emprep's tags, all under `emprep::`, so they stay out of the way of the user's own."""
    tags = [f"emprep::round::{r}" for r in q.rounds]
    tags += [f"emprep::source::{q.source}", f"emprep::difficulty::{q.difficulty}"]
    return tags + [f"emprep::tag::{tag(t)}" for t in q.tags]


def deck_name(pack: Pack) -> str:
    """`emprep::Coursera Software Engineering Manager (M4)`: the loop as every heading names
    it, its level included, so two levels of one role go to two decks. One line, control
    characters as escapes: a line break in the loop's name would end the text file's `#deck:`
    header and start another."""
    return escaped(f"emprep::{loop_name(pack)}").replace("\n", " ")


def text_guid(pack: Pack, q: Question) -> str:
    """The text import's GUID: `emprep-LOOP-ID`, so that another loop's file (a pack of your
    own) adds its own notes instead of overwriting this loop's; the first loop's is
    `emprep-ID`, as it always was."""
    key = loop_key(pack)
    return f"emprep-{q.id}" if key == FIRST_LOOP else f"emprep-{key}-{q.id}"


def misnamed(output: str) -> str | None:
    """What to say of a text file Anki will not open: its File > Import takes one only by
    the ending .txt, .tsv or .csv (any other is "Unsupported file type.", and the file
    dialog hides it). The file is written as asked; the line says how to name it."""
    from pathlib import PurePath

    from emprep.core.errors import shown

    if PurePath(output).suffix.lower() in (".txt", ".tsv", ".csv"):
        return None
    stem = PurePath(output.rstrip(".") or "emprep")  # `deck.` has no suffix to replace
    better = shown(str(stem.with_suffix(".tsv")), limit=1000)
    return (
        "Anki's File > Import opens a text file only by its ending, .txt, .tsv or .csv: "
        f"rename it, or write it with --output {better}"
    )


def questions_anki(pack: Pack, questions: list[Question], notes: dict[str, str]) -> str:
    """A tab-separated file with Anki's import header lines: one Basic note per question, the
    question on the front and everything else on the back. A field holding a double quote is
    quoted, as Anki's reader expects, and so is a note whose question starts with `#`. Front
    and back come first: where `#notetype:Basic` finds nothing (Basic is `Einfach` in a German
    collection), Anki fills the note type it falls back to in column order."""
    import csv
    import io

    buf = io.StringIO()
    buf.write(
        "#separator:tab\n#html:true\n#notetype:Basic\n"
        f"#deck:{deck_name(pack)}\n"
        "#columns:Front\tBack\tTags\tGUID\n#tags column:3\n#guid column:4\n"
    )
    out = csv.writer(buf, delimiter="\t", lineterminator="\n")
    # Anki reads a line starting with `#` as a header before the first note (`#deck:` would
    # move every note) and as a comment after it (the note lost): such a question is quoted
    quoted = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_ALL)
    for q in questions:
        f = note_fields(pack, q, notes.get(q.id))
        mine = f"<br><b>Your note</b><br>{f['Your note']}" if f["Your note"] else ""
        back = "".join(
            [
                f"<b>{f['Rounds']}</b><br>{f['Answer outline']}{mine}",
                f["Points"],
                f"<b>They will ask next</b>{f['Follow-ups']}",
                f"<b>Red flags</b>{f['Red flags']}",
                f"<b>The bar</b>: {f['Bar']}",
            ]
        )
        row = [f["Question"], back, " ".join(note_tags(q)), text_guid(pack, q)]
        (quoted if row[0].startswith("#") else out).writerow(row)
    return buf.getvalue()
