"""The Anki package opened as what it is, without genanki: a zip holding a SQLite collection,
whose note type, deck, fields, styling, GUIDs and tags are read back with sqlite3."""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import run
from tricky import TRICKY, tricky_pack

from emprep.core.pack import Pack

FIELDS = [
    *("Question", "Rounds", "Points", "Follow-ups", "Red flags", "Answer outline", "Your note"),
    *("Bar", "Id"),
]
MODEL_ID = 1788992827  # a change makes Anki take the next package for another note type
DECK_ID = 1565341225


def export(tmp_path: Path, *args: str, now: str = "2026-11-20T09:00:00+00:00") -> Path:
    out = tmp_path / f"emprep-{now[:10]}.apkg"
    r = run(*args, "questions", "--format", "apkg", "--output", str(out), env={"EMPREP_NOW": now})
    assert (r.code, r.stdout) == (0, ""), r.stderr
    assert r.stderr == f"Wrote {out} ({out.stat().st_size:,} bytes).\n"
    return out


def collection(apkg: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(apkg) as z:
        assert sorted(z.namelist()) == ["collection.anki2", "media"]
        assert z.read("media") == b"{}"
        db = tmp_path / f"{apkg.stem}.anki2"
        db.write_bytes(z.read("collection.anki2"))
    return sqlite3.connect(db)


def notes(col: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Id field -> the note's guid, note type, fields by name and tags."""
    out = {}
    for guid, mid, tags, flds in col.execute("select guid, mid, tags, flds from notes"):
        fields = dict(zip(FIELDS, flds.split("\x1f"), strict=True))
        out[fields["Id"]] = {"guid": guid, "mid": mid, "tags": tags.split(), "fields": fields}
    return out


def test_the_note_type_is_emprep_s_own(tmp_path: Path) -> None:
    col = collection(export(tmp_path), tmp_path)
    [(models, decks)] = col.execute("select models, decks from col")
    [model] = json.loads(models).values()
    assert (int(model["id"]), model["name"]) == (MODEL_ID, "emprep question")
    assert [f["name"] for f in model["flds"]] == FIELDS
    assert ".card {" in model["css"] and "text-align: left;" in model["css"]
    assert "text-align: center" not in model["css"]
    [template] = model["tmpls"]
    assert "{{Question}}" in template["qfmt"] and "{{Points}}" not in template["qfmt"]
    for field in FIELDS[2:]:
        assert "{{" + field + "}}" in template["afmt"]
    deck = json.loads(decks)[str(DECK_ID)]
    assert deck["name"] == "emprep::Coursera Software Engineering Manager (M4)"


def test_two_levels_of_one_role_are_two_decks_named_apart(tmp_path: Path, pack_copy: Path) -> None:
    """An M4 and an M5 package had decks of one name: Anki put both levels' notes together."""
    import tomllib

    import tomli_w

    rounds = pack_copy / "rounds.toml"
    doc = tomllib.loads(rounds.read_text())
    doc["loop"]["level"] = "M5"
    rounds.write_text(tomli_w.dumps(doc))
    (tmp_path / "m5").mkdir()
    m5 = collection(export(tmp_path / "m5", "--data", str(pack_copy)), tmp_path / "m5")
    m4 = collection(export(tmp_path), tmp_path)
    named: dict[str, int] = {}
    for col in (m4, m5):
        [[decks]] = col.execute("select decks from col")
        named |= {d["name"]: int(d["id"]) for d in json.loads(decks).values() if d["id"] != 1}
    assert named == {
        "emprep::Coursera Software Engineering Manager (M4)": DECK_ID,
        "emprep::Coursera Software Engineering Manager (M5)": 1663893357,
    }


def test_one_note_per_question_with_literal_text_and_emprep_tags(
    tmp_path: Path, pack: Pack
) -> None:
    got = notes(collection(export(tmp_path), tmp_path))
    assert list(got) == [q.id for q in pack.questions]
    assert {n["mid"] for n in got.values()} == {MODEL_ID}
    assert len({n["guid"] for n in got.values()}) == len(pack.questions)
    note = got["str-business-objectives"]
    assert note["fields"]["Question"] == (
        "How do you ensure your team's work directly contributes to Coursera's business objectives?"
    )
    q = pack.question("str-business-objectives")
    assert (
        note["fields"]["Rounds"]
        == f"Strategic &amp; Product Alignment · {q.minutes} min · {q.difficulty}"
    )
    assert note["fields"]["Points"].startswith("<ul><li>")
    assert note["fields"]["Points"].count("<li>") == len(q.points)
    assert f"<i>({q.points[0].criterion})</i></li>" in note["fields"]["Points"]
    assert note["fields"]["Follow-ups"].count("<li>") == len(q.follow_ups)
    assert note["fields"]["Red flags"].count("<li>") == len(q.red_flags)
    assert note["tags"] == [
        "emprep::round::strategic",
        "emprep::source::guide",
        f"emprep::difficulty::{q.difficulty}",
        "emprep::tag::Strategy",
        "emprep::tag::Business_Acumen",
    ]
    assert not any("&#x27;" in f for n in got.values() for f in n["fields"].values())


def test_your_note_is_a_field_of_its_own_and_a_change_to_it_dates_its_note_anew(
    tmp_path: Path,
) -> None:
    """The package carried the question and the coach's answer, not the candidate's own note
    (`emprep note`), which the study sheet, the CSV and the JSON carry: it is the field "Your
    note", shown on the back under the outline where there is one, its lines and indents
    kept. Changed in emprep, its note is dated anew (Anki updates from a newer note alone);
    the other notes keep their dates."""
    assert run("note", "rec-why-coursera", "--text", "Mission.\n  - <s1> & s2").code == 0
    (tmp_path / "first").mkdir()
    first = export(tmp_path / "first")
    got = notes(collection(first, tmp_path))
    assert got["rec-why-coursera"]["fields"]["Your note"] == (
        "Mission.<br>\u00a0\u00a0- &lt;s1&gt; &amp; s2"
    )
    assert {k for k, n in got.items() if n["fields"]["Your note"]} == {"rec-why-coursera"}
    [[models]] = collection(first, tmp_path).execute("select models from col")
    [model] = json.loads(models).values()
    [template] = model["tmpls"]
    assert (
        "<div>{{Answer outline}}</div>\n{{#Your note}}<h4>Your note</h4>\n"
        "<div>{{Your note}}</div>{{/Your note}}\n<h4>A strong answer covers</h4>"
    ) in template["afmt"]
    dated = note_dates(first, tmp_path)
    assert run("note", "rec-why-coursera", "--text", "Mission, in one line.").code == 0
    before = int(time.time())
    later = note_dates(export(tmp_path), tmp_path)
    assert before <= later.pop("rec-why-coursera") <= int(time.time())
    dated.pop("rec-why-coursera")
    assert later == dated


def test_exported_on_another_day_the_same_notes_keep_their_guids(tmp_path: Path) -> None:
    first = notes(collection(export(tmp_path), tmp_path))
    later = notes(collection(export(tmp_path, now="2026-12-24T18:30:00+00:00"), tmp_path))
    assert {k: n["guid"] for k, n in first.items()} == {k: n["guid"] for k, n in later.items()}
    assert first["rec-why-coursera"]["guid"] == "O-867R;YR^"


def dates(apkg: Path, tmp_path: Path) -> set[int]:
    """Every modification time the package gives Anki: notes, cards and the note type."""
    col = collection(apkg, tmp_path)
    [[models]] = col.execute("select models from col")
    stamps = {m for [m] in col.execute("select mod from notes union select mod from cards")}
    return stamps | {model["mod"] for model in json.loads(models).values()}


def note_dates(apkg: Path, tmp_path: Path) -> dict[str, int]:
    """Each note's modification time, by its Id field."""
    col = collection(apkg, tmp_path)
    got = col.execute("select flds, mod from notes")
    return {flds.split("\x1f")[FIELDS.index("Id")]: mod for flds, mod in got}


def test_notes_are_dated_when_their_text_changed_not_when_exported(
    tmp_path: Path, pack_copy: Path
) -> None:
    """Every package was dated by the clock, so each import updated every note (Anki updates
    from a newer note) and an edit made in Anki was lost: now the same pack gives the same
    bytes on any day, a pack's files touched without a change re-date no note, and a note
    whose text changed is dated after its last date, whatever the files' times."""
    from emprep.ui.export.apkg import LAYOUT_CHANGED

    made = (int(LAYOUT_CHANGED) + 120) // 2 * 2  # a zip dates to the even second
    for name in ("rounds.toml", "questions.toml"):
        os.utime(pack_copy / name, (made - 60, made - 60))
    os.utime(pack_copy / "questions.toml", (made, made))
    days = ["2026-11-20T09:00:00+00:00", "2026-12-24T18:30:00+00:00"]
    for d in days:
        (tmp_path / d[:10]).mkdir()
    first, later = (export(tmp_path / d[:10], "--data", str(pack_copy), now=d) for d in days)
    assert first.read_bytes() == later.read_bytes()
    assert dates(first, tmp_path) == {made}
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {time.gmtime(made)[:6]}
    os.utime(pack_copy / "rounds.toml", (made + 86400, made + 86400))
    touched = export(tmp_path, "--data", str(pack_copy))
    assert set(note_dates(touched, tmp_path).values()) == {made}
    questions = pack_copy / "questions.toml"
    questions.write_text(questions.read_text().replace("Why are you interested", "Why are you"))
    os.utime(questions, (made - 86400, made - 86400))  # unpacked from an older zip, say
    (tmp_path / "edited").mkdir()
    before = int(time.time())
    edited = note_dates(export(tmp_path / "edited", "--data", str(pack_copy)), tmp_path)
    assert before <= edited.pop("rec-why-coursera") <= int(time.time())
    assert set(edited.values()) == {made}
    kept = json.loads((tmp_path / "home/.local/share/emprep/anki-notes.json").read_text())
    assert (kept["format"], len(kept["notes"])) == (1, len(edited) + 1)


def test_a_note_dated_in_the_future_is_dated_after_it_when_its_text_changes(
    tmp_path: Path, pack_copy: Path
) -> None:
    """A pack whose files were dated ahead of the clock (made on a computer whose clock ran
    ahead): a change after it is still newer, so Anki takes it."""
    ahead = int(time.time()) + 86400
    for name in ("rounds.toml", "questions.toml"):
        os.utime(pack_copy / name, (ahead, ahead))
    (tmp_path / "first").mkdir()
    assert set(
        note_dates(export(tmp_path / "first", "--data", str(pack_copy)), tmp_path).values()
    ) == {ahead}
    questions = pack_copy / "questions.toml"
    questions.write_text(questions.read_text().replace("Why are you interested", "Why are you"))
    got = note_dates(export(tmp_path, "--data", str(pack_copy)), tmp_path)
    assert got.pop("rec-why-coursera") == ahead + 1
    assert set(got.values()) == {ahead}


@pytest.mark.parametrize(
    ("kept", "why"),
    [
        (b"", "is not JSON (Expecting value: line 1 column 1 (char 0))"),
        (
            b'{"format": 1, "notes": {"x',
            "is not JSON (Unterminated string starting at: line 1 column 25 (char 24))",
        ),
        (b'{"format": 1, "notes": {"x": [1, 2, 3]}}', "is not what emprep writes there"),
        (b"[]", "is not what emprep writes there"),
        (b'{"format": 1}', "is not what emprep writes there"),
        (
            b"\xff",
            "is not JSON ('utf-8' codec can't decode byte 0xff in position 0: invalid start byte)",
        ),
    ],
)
def test_dates_kept_that_cannot_be_read_stop_the_export_and_stay_as_they_are(
    tmp_path: Path, pack_copy: Path, kept: bytes, why: str
) -> None:
    """A damaged or foreign file where the notes' dates are kept was read as none kept, and
    written afresh: every note was dated by the pack's files again, so a note whose text had
    changed since was no newer for Anki, whose own import kept its old text without a word,
    and every other pack's dates were lost with the file."""
    record = tmp_path / "home/.local/share/emprep/anki-notes.json"
    record.parent.mkdir(parents=True)
    record.write_bytes(kept)
    out = tmp_path / "deck.apkg"
    r = run("--data", str(pack_copy), "questions", "--format", "apkg", "--output", str(out))
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        f"emprep: error: the Anki notes' dates {record} {why}; no package was written "
        "(without them, a note whose text changed can keep its old text in Anki): fix it, or "
        f"move it away (mv '{record}' '{record}.broken') and import the next package with "
        "Anki's Update notes: Always\n"
    )
    assert (record.read_bytes(), out.exists()) == (kept, False)


def test_dates_kept_too_large_or_newer_stop_the_export(tmp_path: Path, pack_copy: Path) -> None:
    """A file larger than emprep reads was read as none kept (and written afresh), as was one
    of a later format; each is said, the file left as it was."""
    record = tmp_path / "home/.local/share/emprep/anki-notes.json"
    record.parent.mkdir(parents=True)
    newer = b'{"format": 2, "notes": {}}'
    record.write_bytes(newer)
    args = (
        "--data",
        str(pack_copy),
        "questions",
        "--format",
        "apkg",
        "-o",
        str(tmp_path / "x.apkg"),
    )
    r = run(*args)
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: the Anki notes' dates {record} was written by a newer emprep (format "
        "2, this one reads 1); no package was written (without them, a note whose text changed "
        "can keep its old text in Anki): upgrade emprep: pip install --upgrade emprep\n",
    )
    assert record.read_bytes() == newer
    os.truncate(record, 16 * 1024 * 1024 + 1)  # sparse: no disk taken
    r = run(*args)
    assert r.code == 2
    assert r.stderr.startswith(
        f"emprep: error: the Anki notes' dates {record} is larger than 16 MB, more than emprep "
        "reads; no package was written"
    )
    assert record.stat().st_size == 16 * 1024 * 1024 + 1


def test_the_built_in_pack_and_the_layout_are_dated_by_what_they_hold(tmp_path: Path) -> None:
    """An install does not keep its files' times: the built-in pack's notes dated by them
    changed with each install, and Anki took a reinstall's package over an edit made in it.
    The dates are in the code, held to what they date: a change to the built-in pack or to
    the note layout without a later date fails here."""
    import hashlib

    from emprep.storage.packs import BUILTIN_CHANGED, builtin_data_dir
    from emprep.ui.export import anki, apkg

    bank = hashlib.sha256()
    for name in ("rounds.toml", "questions.toml"):
        bank.update((builtin_data_dir() / name).read_bytes())
    assert (bank.hexdigest(), BUILTIN_CHANGED) == (
        "f7178fcde1b870f2f8a2e67df50cc85ef1e7cb51d1bc436bda9525b0e39b0a5b",
        1795388439.0,
    ), "data/ changed: set BUILTIN_CHANGED in storage/packs.py to now, and this digest"
    layout = "\x00".join([apkg.MODEL_NAME, *anki.FIELDS, apkg.FRONT, apkg.BACK, apkg.CSS])
    assert (hashlib.sha256(layout.encode()).hexdigest(), apkg.LAYOUT_CHANGED) == (
        "cb0135ac5064af2734b74319efeee276001d149badcb6815058d48937e517305",
        1795427073.0,
    ), "the note layout changed: set LAYOUT_CHANGED in ui/export/apkg.py to now, and this digest"
    assert dates(export(tmp_path), tmp_path) == {int(max(BUILTIN_CHANGED, apkg.LAYOUT_CHANGED))}


def test_tricky_text_is_escaped_once_and_kept_whole(tmp_path: Path, pack_copy: Path) -> None:
    apkg = export(tmp_path, "--data", str(tricky_pack(pack_copy)))
    note = notes(collection(apkg, tmp_path))["rec-why-coursera"]
    assert note["fields"]["Question"] == (
        'Why Coursera\'s "mission", and why now?<br>Say it &lt;in&gt; two lines &amp; no more; '
        "é ü 学"
    )
    assert note["fields"]["Follow-ups"] == (
        '<ul><li>And the team\'s "why"?</li><li>Tab here, line<br>there</li></ul>'
    )
    assert note["fields"]["Bar"] == "A &lt;b&gt;bold&lt;/b&gt; claim &amp; a 'quote'"
    assert "emprep::tag::C++_&_Go" in note["tags"] and TRICKY["tags"][0] == "Cover letter"


def test_a_package_is_written_to_a_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    hint = "give --output FILE (say --output emprep.apkg)"
    for extra in ([], ["--output", "-"]):
        r = run("questions", "--format", "apkg", *extra)
        assert (r.code, r.stdout) == (2, "")
        assert r.stderr == (
            f"emprep: error: --format apkg is a binary file, not for a terminal or a pipe: {hint}\n"
        )
    (tmp_path / "decks").mkdir()
    before = sorted(tmp_path.rglob("*"))
    r = run("questions", "--format", "apkg", "--output", "decks")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: --output decks: is a folder; give the path of a file\n",
    )
    r = run("questions", "--format", "apkg", "--output", "none/x.apkg")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: --output none/x.apkg: no folder none; create it first\n",
    )
    assert sorted(tmp_path.rglob("*")) == before


def test_a_filter_that_matches_nothing_writes_no_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--search` matching nothing wrote a package of an empty deck (1,861 bytes), exit 0:
    now one line and exit 2, no file written and an earlier package left as it was; the CSV
    of the same filter keeps its header row."""
    folder = tmp_path / "decks"
    folder.mkdir()
    monkeypatch.chdir(folder)
    said = (
        "emprep: error: no question matches those filters, and a package of none is an empty "
        "deck: loosen them (emprep questions lists what they match)\n"
    )
    for args in (["--format", "apkg", "-o", "x.apkg"], ["-o", "x.apkg"], ["-o", "kept.apkg"]):
        (folder / "kept.apkg").write_bytes(b"an earlier package")
        r = run("questions", "--search", "xyzzy", *args)
        assert (r.code, r.stdout, r.stderr) == (2, "", said)
        assert sorted(p.name for p in folder.iterdir()) == ["kept.apkg"]
        assert (folder / "kept.apkg").read_bytes() == b"an earlier package"
    r = run("questions", "--search", "xyzzy", "--format", "csv")
    assert (r.code, r.stdout.splitlines()[0].split(",")[:3]) == (0, ["id", "rounds", "text"])


def test_dates_that_cannot_be_kept_are_said_when_a_note_was_re_dated(
    tmp_path: Path, pack_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export goes on when the notes' dates cannot be written, as before, but a note
    whose text changed is then dated anew by every later package, and Anki takes it again
    over an edit made there: that was not said. A first export that only dates new notes
    loses nothing by it, and says nothing."""
    from emprep.storage import files

    record = tmp_path / "home/.local/share/emprep/anki-notes.json"
    original = files.write_atomic

    def refused(path: Path, data: bytes, **kwargs: Any) -> None:
        if path.name == "anki-notes.json":
            raise PermissionError(13, "Permission denied", str(path))
        original(path, data, **kwargs)

    args = ("--data", str(pack_copy), "questions", "--format", "apkg", "-o")
    assert run(*args, str(tmp_path / "first.apkg")).code == 0
    kept = record.read_bytes()
    monkeypatch.setattr(files, "write_atomic", refused)
    out = tmp_path / "again.apkg"
    assert run(*args, str(out)).stderr == f"Wrote {out} ({out.stat().st_size:,} bytes).\n"
    questions = pack_copy / "questions.toml"
    questions.write_text(questions.read_text().replace("Why are you interested", "Why are you"))
    r = run(*args, str(out))
    assert (r.code, r.stderr.splitlines()[1:]) == (
        0,
        [
            f"emprep: note: the Anki notes' dates could not be kept in {record} (Permission "
            "denied): the package is written, but the next one dates each note changed since "
            "anew, and Anki takes it again over an edit made there; fix its folder "
            "(permissions, space), then export once more"
        ],
    )
    assert record.read_bytes() == kept
