"""The question bank as an Anki package (`.apkg`), with emprep's own note type.

A package carries its note type, so Anki never looks one up by name: the text import's
`#notetype:Basic` finds nothing in a collection whose Basic is called `Einfach` or `基本`, and
Anki then silently uses whatever note type is current. The note type, the deck and every note
have ids that only what they are decides (`identity.py`): importing a newer package updates
the notes instead of adding copies. Each note is dated when what it holds last changed
(`storage/note_dates.py`), never the day of an export that changed nothing: Anki updates a note
only from a newer one, so an edit made in Anki stays until the note's text in the pack changes,
and two exports of one pack are the same bytes. The note type is dated when this layout last
changed (LAYOUT_CHANGED). genanki builds the collection; emprep zips it in memory, so no
temporary file is left behind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from emprep.core.models import Question
from emprep.core.pack import Pack
from emprep.ui.export.anki import FIELDS, deck_name, note_fields, note_tags
from emprep.ui.export.identity import loop_key, stable_id

MODEL_NAME = "emprep question"

FRONT = """<div class="rounds">{{Rounds}}</div>
<div class="question">{{Question}}</div>"""

# the candidate's own note, under the outline as the drill shows it; nothing where it is empty
NOTE = """{{#Your note}}<h4>Your note</h4>
<div>{{Your note}}</div>{{/Your note}}"""

BACK = (
    """{{FrontSide}}
<hr id="answer">
<h4>Outline</h4>
<div>{{Answer outline}}</div>
"""
    + NOTE
    + """
<h4>A strong answer covers</h4>
{{Points}}
<h4>They will ask next</h4>
{{Follow-ups}}
<h4>Red flags</h4>
{{Red flags}}
<h4>The bar</h4>
<div>{{Bar}}</div>
<div class="id">{{Id}}</div>"""
)

CSS = """.card {
  font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 18px;
  line-height: 1.4;
  text-align: left;
  color: black;
  background-color: white;
  max-width: 46em;
  margin: 0 auto;
}
.night_mode .card { color: #e6e6e6; background-color: #2f2f31; }
.rounds { font-size: 14px; opacity: 0.7; margin-bottom: 0.5em; }
.question { font-size: 22px; font-weight: 600; }
h4 { margin: 1em 0 0.3em; }
ul { text-align: left; margin: 0; padding-left: 1.3em; }
li { margin: 0.2em 0; }
.id { font-size: 12px; opacity: 0.5; margin-top: 1.5em; }
"""


def model_id() -> int:
    """The note type's id: changes only when its fields do, so a package with other fields
    comes in as a new note type instead of breaking the old one's notes."""
    return stable_id(MODEL_NAME, *FIELDS)


def deck_id(pack: Pack) -> int:
    return stable_id("emprep deck", loop_key(pack))


def note_guid(pack: Pack, q: Question) -> str:
    """Anki's GUID for a question of this loop (not the `emprep-ID` of the text import: a note
    found under the same GUID with another note type would be skipped)."""
    import genanki

    return str(genanki.guid_for("emprep", loop_key(pack), q.id))


# When FIELDS, FRONT, BACK or CSS last changed (a test holds their digest: changed without a
# later date here, it fails).
LAYOUT_CHANGED = 1795427073.0  # 2026-11-23 09:44:33 UTC


def questions_apkg(
    pack: Pack,
    questions: list[Question],
    notes: dict[str, str],
    changed: float,
    dated: Callable[[dict[str, str], int], dict[str, int]],
) -> bytes:
    """The package's bytes: one note per question in the deck `emprep::COMPANY ROLE`, with
    the candidate's own note on it from `notes` (a note changed is a note newer), each
    dated by `dated` (`storage.note_dates.Dates.of`), which is given each note's digest and
    `changed`, the date of a note never exported before. None is
    refused before any file is written: an empty deck to import says nothing of the filter
    that left it empty (a CSV keeps its header row: a table of no rows is still a table)."""
    if not questions:
        from emprep.core.errors import EmprepError

        raise EmprepError(
            "no question matches those filters, and a package of none is an empty deck: "
            "loosen them (emprep questions lists what they match)"
        )
    import genanki

    model = genanki.Model(
        model_id(),
        MODEL_NAME,
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    deck = genanki.Deck(deck_id(pack), deck_name(pack))
    digests = {}
    for q in questions:
        fields = note_fields(pack, q, notes.get(q.id))
        note = genanki.Note(
            model=model,
            fields=[fields[f] for f in FIELDS],
            guid=note_guid(pack, q),
            tags=note_tags(q),
        )
        deck.add_note(note)
        digests[note.guid] = _digest(note.fields, note.tags)
    timestamp = max(changed, LAYOUT_CHANGED)
    return _zipped(genanki.Package(deck), timestamp, dated(digests, int(timestamp)))


def _digest(fields: list[str], tags: list[str]) -> str:
    """What a note holds, as Anki compares it: its fields and tags."""
    import hashlib

    held = "\x1f".join(fields) + "\x00" + " ".join(tags)
    return hashlib.sha256(held.encode()).hexdigest()[:32]


def _zipped(package: Any, timestamp: float, dates: dict[str, int]) -> bytes:
    """What genanki's write_to_file writes, built in memory: the collection as SQLite and an
    empty media list, zipped, each entry dated `timestamp` rather than the clock, and each
    note by its GUID's date in `dates`."""
    import io
    import itertools
    import sqlite3
    import time
    import zipfile

    db = sqlite3.connect(":memory:")
    try:
        package.write_to_db(db.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        db.executemany(
            "UPDATE notes SET mod = ? WHERE guid = ?", [(d, g) for g, d in dates.items()]
        )
        db.commit()
        collection = db.serialize()
    finally:
        db.close()
    buf = io.BytesIO()
    stamp = max(time.gmtime(timestamp)[:6], (1980, 1, 1, 0, 0, 0))  # a zip's dates start in 1980
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            z.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()
