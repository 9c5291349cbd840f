"""The exports of a candidate two weeks in (reviews, notes, stories, the screen had and logged,
the onsite on another day, rest days), read by the programs people import them into: three
calendar parsers written apart (icalendar, vobject, Home Assistant's strict `ical`), Anki's own
collection importer, pandas, and the programs khal, csvkit and pandoc, all from the test extra;
calcurse and LibreOffice where they are installed (no wheel has them). Without a program a test
needs, it is skipped (each test says which), so a checkout installed without them still passes."""

from __future__ import annotations

import subprocess
import tomllib
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from conftest import program, run
from typer.testing import CliRunner

from emprep.cli import app
from emprep.core import stories
from emprep.core.models import Progress
from emprep.core.pack import Pack
from emprep.core.scheduler import record
from emprep.storage import store
from emprep.ui.export.anki import FIELDS
from emprep.ui.export.anki import note_fields as anki_fields

LOOP = "coursera-software-engineering-manager-m4"
EARLY, LATER = "2026-11-21T10:00:00+00:00", "2026-11-23T18:30:00+00:00"
ONSITE = ["technical", "people", "strategic", "executive"]
HOSTILE = '# Not a heading\n* **free, open**; «日本語» 🚀\n<script>alert(1)</script>\n=1+1, "q"'


def at(now: str) -> dict[str, str]:
    return {"EMPREP_NOW": now}


@pytest.fixture
def candidate(isolated: Path, pack: Pack) -> Path:
    """Started 2026-11-07, practised every day since; the screen on the 19th (had, logged),
    the onsite on 2026-12-10; no practice on Sundays and Wednesdays."""
    start = datetime(2026, 11, 7, 8, tzinfo=UTC)

    def build(p: Progress) -> Progress:
        for day in range(14):
            for i, q in enumerate(pack.questions[day * 5 : day * 5 + 5]):
                when = start + timedelta(days=day, minutes=i)
                p = record(p, q.id, 1 if i == 4 else 3, seconds=90, now=when)
        star = {"title": "Rescuing, <div> & *launch*", "situation": HOSTILE}
        action = "A\n# not a heading\n| fear | count |\n|---|--:|\n| scope | 9 |\nThen I acted."
        star |= {"task": "T; a, b", "action": action, "result": "p95 3 h -> 4 min"}
        draft = stories.Draft(star, ["system-design"], ["tech-perf-grading"])
        return stories.add(p, draft, start + timedelta(days=2))

    store.update(isolated, build)
    for setting in [
        ("start", "2026-11-07"),
        ("interview", "2026-12-10"),
        ("interview.recruiter", "2026-11-19"),
        ("rest-days", "sun,wed"),
    ]:
        assert run("config", "set", *setting, env=at("2026-11-07T08:00:00+00:00")).code == 0
    assert run("note", "rec-why-coursera", "--text", HOSTILE, env=at(EARLY)).code == 0
    log = ["rounds", "log", "recruiter", "--asked", "rec-why-coursera", "--note", HOSTILE]
    assert run(*log, env=at("2026-11-19T18:00:00+00:00")).code == 0
    return isolated


def calendar(now: str, *args: str) -> bytes:
    """The calendar's bytes as written (CRLF line ends and all)."""
    r = CliRunner().invoke(app, [*args, "plan", "--format", "ics"], env=at(now))
    assert r.exit_code == 0, r.stderr
    return r.stdout_bytes


Event = tuple[str, object, object, str, str]  # summary, start, end (exclusive), description, status


def read_icalendar(ics: bytes) -> dict[str, Event]:
    from icalendar import Calendar

    return {
        str(e["uid"]): (
            str(e["summary"]),
            e.decoded("dtstart"),
            e.decoded("dtend"),
            str(e["description"]),
            str(e.get("status", "")),
        )
        for e in Calendar.from_ical(ics).walk("VEVENT")
    }


def unasked(events: dict[str, Event]) -> dict[str, Event]:
    """The events with no "Questions to introduce" in their descriptions."""
    return {
        uid: (e[0], e[1], e[2], e[3].split("\n\nQuestions to introduce:")[0], e[4])
        for uid, e in events.items()
    }


def read_vobject(ics: bytes) -> dict[str, Event]:
    import vobject

    def status(e: Any) -> str:
        return str(e.status.value) if "status" in e.contents else ""

    return {
        e.uid.value: (
            e.summary.value,
            e.dtstart.value,
            e.dtend.value,
            e.description.value,
            status(e),
        )
        for e in vobject.readOne(ics.decode()).vevent_list
    }


def read_ical(ics: bytes) -> dict[str, Event]:
    from ical.calendar_stream import IcsCalendarStream

    return {
        str(e.uid): (
            e.summary or "",
            e.dtstart,
            e.dtend,
            e.description or "",
            e.status.value if e.status else "",
        )
        for e in IcsCalendarStream.calendar_from_ics(ics.decode()).events
    }


def test_three_parsers_read_the_candidate_s_calendar_alike(candidate: Path) -> None:
    import vobject
    from icalendar import Calendar

    ics = calendar(EARLY)
    got = read_icalendar(ics)
    assert read_vobject(ics) == got == read_ical(ics)
    assert vobject.readOne(ics.decode()).validate(raiseException=True)  # its RFC 5545 checks
    assert [c.errors for c in Calendar.from_ical(ics).walk() if c.errors] == []
    days = {uid.split(".")[0]: (start, end) for uid, (_, start, end, _, _) in got.items()}
    assert days == {
        "week-1": (date(2026, 11, 7), date(2026, 11, 14)),
        "week-2": (date(2026, 11, 14), date(2026, 11, 21)),
        "week-3": (date(2026, 11, 21), date(2026, 11, 28)),
        "week-4": (date(2026, 11, 28), date(2026, 12, 5)),
        "week-5": (date(2026, 12, 5), date(2026, 12, 10)),
        "round-recruiter": (date(2026, 11, 19), date(2026, 11, 20)),
        **{f"round-{r}": (date(2026, 12, 10), date(2026, 12, 11)) for r in ONSITE},
    }
    assert all(type(s) is date and type(e) is date for s, e in days.values())  # all-day
    assert {status for *_, status in got.values() if status} == {"CONFIRMED"}
    lines = ics.split(b"\r\n")
    assert ics.count(b"\n") == ics.count(b"\r\n")
    assert all(
        line.startswith((b"DTSTART;VALUE=DATE:", b"DTEND;VALUE=DATE:"))
        for line in lines
        if line.startswith((b"DTSTART", b"DTEND"))
    )
    assert [line for line in lines if line.startswith(b"DTSTAMP")] == [
        b"DTSTAMP:20261121T100000Z"
    ] * 10


def test_the_same_events_two_days_later_after_a_review_and_a_new_date(candidate: Path) -> None:
    ics = calendar(EARLY)
    first = read_icalendar(ics)
    assert len(first) == ics.count(b"BEGIN:VEVENT") == ics.count(b"\r\nUID:") == 10  # unique
    assert run("review", "tech-design-feature", "good", env=at(LATER)).code == 0
    # only DTSTAMP and SEQUENCE differ, and the weeks' questions: the drill's from the progress
    # as it stands, which the review and two more days moved on
    assert unasked(read_icalendar(calendar(LATER))) == unasked(first)
    assert run("config", "set", "interview", "2026-12-17", env=at(LATER)).code == 0
    later = read_ical(calendar(LATER))
    assert set(later) - set(first) == {f"week-6.{LOOP}@emprep"}  # one more week, the rest moved
    assert later[f"round-recruiter.{LOOP}@emprep"][1] == date(2026, 11, 19)
    assert later[f"round-people.{LOOP}@emprep"][1] == date(2026, 12, 17)


def test_text_that_needs_escaping_and_folding_reads_back_whole(pack_copy: Path) -> None:
    """Commas, semicolons, backslashes, a literal `\\n` and line breaks in a pack's text are
    escaped once; long Japanese lines are folded at 75 octets between characters, never inside
    one (a client decoding each line would see broken UTF-8)."""
    path = pack_copy / "rounds.toml"
    doc = tomllib.loads(path.read_text())
    doc["loop"]["company"] = "株式会社テスト, Inc.; 東京"
    doc["round"][1]["name"] = "Technical 深掘り, round; two"
    tricky = 'a, b; c\\d, a literal \\n, "q"\nnext line 🎉 ' + "日本語の長い説明文。" * 9
    doc["round"][1]["look_for"][0] = tricky
    path.write_text(tomli_w.dumps(doc))
    assert run("--data", str(pack_copy), "config", "set", "interview", "2026-12-14").code == 0
    ics = calendar(EARLY, "--data", str(pack_copy))
    lines = ics.split(b"\r\n")
    assert max(len(line) for line in lines) == 75
    for line in lines:
        line.decode()  # raises if a fold split a character
    got = read_icalendar(ics)
    assert read_vobject(ics) == got == read_ical(ics)
    [technical] = [e for u, e in got.items() if u.startswith("round-technical.")]
    assert technical[0] == "Interview: Technical 深掘り, round; two (60 min)"
    assert technical[3].startswith("株式会社テスト, Inc.; 東京 Software Engineering Manager (M4)")
    assert f"- {tricky}\n" in technical[3]
    assert b'a\\, b\\; c\\\\d\\, a literal \\\\n\\, "q"\\nnext line' in ics.replace(b"\r\n ", b"")


def import_apkg(
    anki: Any, col: Any, path: Path, *, always: bool = False, merge: bool = False
) -> tuple[int, int, int]:
    """Anki's own importer, as File > Import runs it by default: a note is updated only from a
    newer one (`always`: its option Update notes: Always; `merge`: its Merge note types).
    Notes added, updated, and left as they were (or skipped)."""
    update = 1 if always else 0  # ImportAnkiPackageUpdateCondition: IF_NEWER, ALWAYS, NEVER
    opts = anki.ImportAnkiPackageOptions(
        with_scheduling=False, update_notes=update, update_notetypes=0, merge_notetypes=merge
    )
    req = anki.ImportAnkiPackageRequest(package_path=str(path), options=opts)
    log = col.import_anki_package(req).log
    return len(log.new), len(log.updated), len(log.duplicate) + len(log.conflicting)


def test_anki_imports_the_package_and_a_later_one_updates_it(
    candidate: Path, tmp_path: Path, pack: Pack, pack_copy: Path
) -> None:
    """A package of the same pack leaves the notes, and an edit made in Anki, as they were
    (each import used to update every note: the edit was lost), even when the pack's files
    were touched; one of a changed pack updates the note that changed, even when its files
    carry older times (unpacked from a zip: Anki kept the old text without a word), and the
    review history stays either way."""
    import os

    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "collection.anki2"))
    data = {"EMPREP_DATA": str(pack_copy)}

    def export(name: str, now: str) -> Path:
        path = tmp_path / name
        assert run("questions", "--format", "apkg", "-o", str(path), env=at(now) | data).code == 0
        return path

    n = len(pack.questions)
    assert import_apkg(anki, col, export("first.apkg", EARLY)) == (n, 0, 0)
    assert (col.note_count(), col.card_count()) == (n, n)
    decks = {d.name for d in col.decks.all_names_and_ids() if col.decks.card_count(d.id, False)}
    assert decks == {"emprep::Coursera Software Engineering Manager (M4)"}
    card = col.get_card(col.find_cards("Id:rec-why-coursera")[0])
    kind = card.note().note_type()
    assert kind is not None and kind["name"] == "emprep question"
    assert [field["name"] for field in kind["flds"]] == [
        *("Question", "Rounds", "Points", "Follow-ups", "Red flags", "Answer outline"),
        *("Your note", "Bar", "Id"),
    ]
    shown = [card.note()[name] for name in ("Question", "Rounds", "Id")]
    assert shown == [
        "Why are you interested in Coursera?",
        "Recruiter/HR Interview · 2 min · core",
        "rec-why-coursera",
    ]
    assert (card.type, card.queue) == (0, 0)  # new, whatever the candidate reviewed in emprep
    card.start_timer()
    col.sched.answerCard(card, 3)
    guids = {col.get_note(i).guid for i in col.find_notes("")}
    note = col.get_note(card.nid)
    exported = note.mod
    note["Answer outline"] = "My own outline"
    col.update_note(note)
    # edited a second after the package's date: an export in the same second as the edit is
    # no newer, as Anki counts (in seconds)
    col.db.execute("update notes set mod = ? where id = ?", exported + 1, card.nid)
    assert import_apkg(anki, col, export("same.apkg", LATER)) == (0, 0, n)
    assert col.get_note(card.nid)["Answer outline"] == "My own outline"
    questions = pack_copy / "questions.toml"
    os.utime(questions, (exported + 3600, exported + 3600))
    assert import_apkg(anki, col, export("touched.apkg", LATER)) == (0, 0, n)
    assert col.get_note(card.nid)["Answer outline"] == "My own outline"
    outline = "Lead with the one-sentence reason"
    questions.write_text(questions.read_text().replace(outline, "Start with the reason"))
    os.utime(questions, (exported - 86400, exported - 86400))
    assert import_apkg(anki, col, export("changed.apkg", LATER)) == (0, 1, n - 1)
    assert {col.get_note(i).guid for i in col.find_notes("")} == guids
    assert (col.note_count(), col.card_count()) == (n, n)
    assert col.get_card(card.id).reps == 1  # the review made before the re-imports stays
    note = col.get_note(card.nid)
    assert note["Question"] == "Why are you interested in Coursera?"
    assert note["Answer outline"].startswith("Start with the reason · the evidence")
    assert "emprep::round::recruiter" in note.tags
    people = [q for q in pack.questions if "people" in q.rounds]
    assert len(col.find_notes("tag:emprep::round::people")) == len(people)
    col.close()


def test_anki_keeps_your_note_in_its_own_field_and_a_later_package_updates_it(
    candidate: Path, tmp_path: Path, pack: Pack
) -> None:
    """The package carried the question and the coach's answer but not the candidate's own
    note, which the study sheet, the CSV and the JSON carry. It is in a field of its own,
    "Your note", on the back after the outline, its lines and their indents kept; a note
    changed in emprep is newer in the next package, so Anki's default import updates that
    note alone, adding none; a question without a note has the field empty."""
    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "collection.anki2"))

    def export(name: str, now: str) -> Path:
        path = tmp_path / name
        assert run("questions", "--format", "apkg", "-o", str(path), env=at(now)).code == 0
        return path

    n = len(pack.questions)
    assert import_apkg(anki, col, export("first.apkg", EARLY)) == (n, 0, 0)
    mine = col.get_note(col.find_notes("Id:rec-why-coursera")[0])
    assert mine["Your note"] == (
        "# Not a heading<br>* **free, open**; «日本語» 🚀<br>&lt;script&gt;alert(1)&lt;/script&gt;"
        '<br>=1+1, "q"'
    )
    assert col.get_note(col.find_notes("Id:rec-why-leaving")[0])["Your note"] == ""
    kind = mine.note_type()
    assert kind is not None
    assert [field["name"] for field in kind["flds"]] == list(FIELDS)
    card = col.get_card(mine.card_ids()[0])
    assert "<h4>Your note</h4>" in card.answer() and "<h4>Your note</h4>" not in card.question()
    bare = col.get_card(col.get_note(col.find_notes("Id:rec-why-leaving")[0]).card_ids()[0])
    assert "Your note" not in bare.answer()
    card.start_timer()
    col.sched.answerCard(card, 3)
    outline = "Mission: free, open learning.\n  - the grading launch\n\t- s1"
    assert run("note", "rec-why-coursera", "--text", outline, env=at(LATER)).code == 0
    assert import_apkg(anki, col, export("noted.apkg", LATER)) == (0, 1, n - 1)
    assert (col.note_count(), col.card_count()) == (n, n)
    assert col.get_note(mine.id)["Your note"] == (
        "Mission: free, open learning.<br>\u00a0\u00a0- the grading launch<br>"
        "\u00a0\u00a0\u00a0\u00a0- s1"
    )
    assert col.get_card(card.id).reps == 1
    col.close()


def test_notes_imported_from_a_package_without_your_note_are_moved_over_not_copied(
    candidate: Path, tmp_path: Path, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collection holding the notes of a package made before "Your note" (its note type
    without the field): the new package's note type is another, and Anki's default import
    skips every note it already has (their note type changed) rather than copy them; its
    Merge note types option, which the README names, moves them to the new note type and
    updates them, their reviews kept, and adds none."""
    from emprep.ui.export import apkg

    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "collection.anki2"))
    new = apkg.model_id()
    fields = anki_fields
    old = tuple(f for f in FIELDS if f != "Your note")
    with monkeypatch.context() as before:
        before.setattr(apkg, "FIELDS", old)
        before.setattr(apkg, "BACK", apkg.BACK.replace(apkg.NOTE, ""))
        before.setattr(apkg, "note_fields", lambda p, q, m: {f: fields(p, q, m)[f] for f in old})
        assert apkg.model_id() == 2076882982  # the note type of the packages before
        path = tmp_path / "before.apkg"
        assert run("questions", "--format", "apkg", "-o", str(path), env=at(EARLY)).code == 0
    n = len(pack.questions)
    assert import_apkg(anki, col, path) == (n, 0, 0)
    card = col.get_card(col.find_cards("Id:rec-why-coursera")[0])
    card.start_timer()
    col.sched.answerCard(card, 3)
    now = tmp_path / "now.apkg"
    assert run("questions", "--format", "apkg", "-o", str(now), env=at(LATER)).code == 0
    assert import_apkg(anki, col, now) == (0, 0, n)  # skipped: their note type changed
    assert col.note_count() == n
    assert import_apkg(anki, col, now, merge=True) == (0, n, 0)
    assert (col.note_count(), col.card_count()) == (n, n)
    note = col.get_note(card.nid)
    assert note.note_type()["id"] == new
    assert note["Your note"].startswith("# Not a heading<br>")
    assert col.get_card(card.id).reps == 1
    col.close()


def test_anki_takes_a_changed_note_after_damaged_dates_only_as_the_message_says(
    candidate: Path, tmp_path: Path, pack_copy: Path
) -> None:
    """The notes' dates damaged: read as none kept, a changed note was dated by the pack's
    files again, older than Anki's, and Anki kept its old text without a word. The export
    stops now; the file moved away as the line says, Anki's default import still keeps the
    old text, and its Update notes: Always, which the line names, takes the new."""
    import os

    anki = pytest.importorskip("anki.collection")
    col = anki.Collection(str(tmp_path / "collection.anki2"))
    data = {"EMPREP_DATA": str(pack_copy)}
    questions = pack_copy / "questions.toml"
    made = questions.stat().st_mtime

    def changed(old: str, new: str) -> None:  # unpacked from an older zip, say
        questions.write_text(questions.read_text().replace(old, new))
        os.utime(questions, (made, made))

    def export(name: str) -> tuple[int, Path]:
        path = tmp_path / name
        return run(
            "questions", "--format", "apkg", "-o", str(path), env=at(LATER) | data
        ).code, path

    n = import_apkg(anki, col, export("first.apkg")[1])[0]
    changed("Lead with the one-sentence reason", "Start with the reason")
    assert import_apkg(anki, col, export("changed.apkg")[1]) == (0, 1, n - 1)
    record = tmp_path / "home/.local/share/emprep/anki-notes.json"
    record.write_bytes(record.read_bytes()[:100])
    changed("Start with the reason", "Open with the reason")
    assert export("refused.apkg") == (2, tmp_path / "refused.apkg")
    record.rename(record.with_name("anki-notes.json.broken"))
    code, again = export("again.apkg")
    assert code == 0
    nid = col.find_notes("Id:rec-why-coursera")[0]
    assert import_apkg(anki, col, again) == (0, 0, n)
    assert col.get_note(nid)["Answer outline"].startswith("Start with the reason")
    assert import_apkg(anki, col, again, always=True) == (0, 1, n - 1)
    assert col.get_note(nid)["Answer outline"].startswith("Open with the reason")
    col.close()


def test_anki_puts_two_levels_of_one_role_into_two_decks(
    tmp_path: Path, pack_copy: Path, pack: Pack
) -> None:
    """An M4 and an M5 file, package or text, went into one deck: it did not name the level."""
    anki = pytest.importorskip("anki.collection")
    path = pack_copy / "rounds.toml"
    doc = tomllib.loads(path.read_text())
    doc["loop"]["level"] = "M5"
    path.write_text(tomli_w.dumps(doc))
    n = len(pack.questions)
    both = {f"emprep::Coursera Software Engineering Manager ({level})": n for level in ("M4", "M5")}
    for kind in ("apkg", "anki"):
        col = anki.Collection(str(tmp_path / f"{kind}.anki2"))
        for level, data in (("m4", []), ("m5", ["--data", str(pack_copy)])):
            out = tmp_path / f"{level}.{kind}"
            assert run(*data, "questions", "--format", kind, "-o", str(out)).code == 0
            if kind == "apkg":
                assert import_apkg(anki, col, out) == (n, 0, 0)
            else:
                meta = col.get_csv_metadata(str(out), None)
                request = anki.ImportCsvRequest(path=str(out), metadata=meta)
                assert len(col.import_csv(request).log.new) == n
        decks = {d.name: col.decks.card_count(d.id, False) for d in col.decks.all_names_and_ids()}
        assert {name: cards for name, cards in decks.items() if cards} == both, kind
        col.close()


class Read(HTMLParser):
    """A page as its reader sees it: the words of the body in order, and the headings."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[str] = []
        self.items = 0
        self.inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside.append(tag)
        self.items += tag == "li"
        if tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside[: len(self.inside) - self.inside[::-1].index(tag) - 1]

    def handle_data(self, data: str) -> None:
        if "head" not in self.inside:
            self.text += data.split()
            if {"h1", "h2", "h3", "h4"} & set(self.inside):
                self.headings[-1] = " ".join([*self.headings[-1].split(), *data.split()])

    @classmethod
    def page(cls, html: str) -> Read:
        read = cls()
        read.feed(html)
        return read


def test_the_readme_s_pandoc_commands_print_every_word_as_commonmark_reads_it(
    candidate: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's commands, run as written on the candidate's study sheet (notes and all) and
    story bank: no warning (pandoc -s without a title warned on every run), the sheet's heading
    the page's title, and every heading, list item and word as CommonMark reads the Markdown:
    a note's `--asked` stayed an en dash and its quotes curly with pandoc's smart punctuation, a
    story's table typed right under a line was a table in CommonMark and pipes in pandoc, and a
    note's `:-- | --:` under `Pros | Cons` a table in CommonMark."""
    import re
    import shlex

    from markdown_it import MarkdownIt

    pandoc = program("pandoc")
    note = 'log it with --asked -- or "quotes", it\'s... done'
    assert run("note", "rec-why-coursera", "--text", note, env=at(EARLY)).code == 0
    table = "Pros | Cons\n:-- | --:\n\nfast | costly"
    assert run("note", "str-okrs", "--text", table, env=at(EARLY)).code == 0
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    block = re.search(
        r"```sh\n(emprep questions --format md --output study-sheet.md.*?)```", readme, re.S
    )
    assert block is not None
    export, convert = (line.split("#")[0].strip() for line in block[1].strip().split("\n"))
    monkeypatch.chdir(tmp_path)
    assert run(*shlex.split(export)[1:], env=at(EARLY)).code == 0
    for out in ("study-sheet.html", "study-sheet.docx"):
        argv = [pandoc, *shlex.split(convert.replace("study-sheet.html", out))[1:]]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        assert (done.returncode, done.stderr) == (0, ""), out
    page = (tmp_path / "study-sheet.html").read_text()
    title = "Study sheet: Coursera Software Engineering Manager (M4)"
    assert f"<title>{title}</title>" in page
    assert page.count("<h1") == 6  # the title, then a heading per round
    stories = re.search(r"`(emprep story list --format md \| pandoc .*?)`", readme, re.S)
    assert stories is not None
    listed, printed = stories[1].replace("\n", " ").split(" | ")
    story_list = run(*shlex.split(listed)[1:], env=at(EARLY))
    argv = [pandoc, *shlex.split(printed)[1:]]
    subprocess.run(argv, input=story_list.stdout, text=True, check=True)
    commonmark = MarkdownIt("commonmark").enable("table")
    for markdown, html in [
        ((tmp_path / "study-sheet.md").read_text(), page),
        (story_list.stdout, (tmp_path / "stories.html").read_text()),
    ]:
        want, got = Read.page(commonmark.render(markdown)), Read.page(html)
        assert (got.headings, got.items) == (want.headings, want.items)
        assert got.text == want.text
    assert note in " ".join(Read.page(page).text)
    assert " ".join(table.split()) in " ".join(Read.page(page).text)
    assert "<table" not in page and "<table" in (tmp_path / "stories.html").read_text()


def test_khal_files_each_event_by_its_uid_and_a_later_export_moves_them(
    candidate: Path, tmp_path: Path
) -> None:
    """khal's vdir calendar (as vdirsyncer keeps one in step with a CalDAV server), in Tokyo's
    time zone: the weeks and rounds on their days, each in the file its UID names; the same
    export imported again changes nothing, and a later one with the onsite moved moves those
    events and adds the new week, not a copy of anything."""
    vdir = tmp_path / "khal"
    vdir.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[emprep]]\npath = {vdir}\ntype = calendar\n"
        "[locale]\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "local_timezone = Asia/Tokyo\ndefault_timezone = Asia/Tokyo\n"
    )
    khal = [program("khal"), "-c", str(config)]
    tokyo = {"TZ": "Asia/Tokyo", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    tokyo["HOME"] = str(tmp_path)  # khal's own database, kept under ~

    def imported(ics: bytes) -> list[str]:
        (tmp_path / "emprep.ics").write_bytes(ics)
        argv = [*khal, "import", "--batch", str(tmp_path / "emprep.ics")]
        subprocess.run(argv, env=tokyo, check=True)
        fmt = "{start-date} {end-date} {title} [{status}]"
        argv = [*khal, "list", "--once", "--format", fmt, "--day-format", "", "2026-11-01", "60d"]
        out = subprocess.run(argv, env=tokyo, capture_output=True, text=True, check=True)
        return sorted(out.stdout.splitlines())

    def files() -> dict[str, bytes]:
        """The vdir's events by file name (khal 0.14 also leaves a temporary file, `NAME.ics`
        and random letters, beside each event it updates: read by neither khal nor vdirsyncer)."""
        return {p.name: p.read_bytes() for p in vdir.iterdir() if p.suffix == ".ics"}

    def onsite(day: str) -> list[str]:
        names = [
            "Executive Leadership Interview (60 min)",
            "People Management & Leadership (60 min)",
        ]
        names += ["Strategic & Product Alignment (45 min)", "Technical Deep Dive (60 min)"]
        return [f"{day} {day} Interview: {name} [CONFIRMED ]" for name in names]

    first = imported(calendar(EARLY))
    assert first == [
        "2026-11-07 2026-11-13 Week 1: Company & Self-Assessment []",
        "2026-11-14 2026-11-20 Week 2: Company & Self-Assessment / People Management Skills []",
        "2026-11-19 2026-11-19 Interview: Recruiter/HR Interview (45 min) [CONFIRMED ]",
        "2026-11-21 2026-11-27 Week 3: People Management Skills / Technical Acumen []",
        "2026-11-28 2026-12-04 Week 4: Technical Acumen / Strategic & Business Acumen []",
        "2026-12-05 2026-12-09 Week 5: Strategic & Business Acumen / Mock Interviews & Refinement"
        " []",
        *onsite("2026-12-10"),
    ]
    stored = files()
    for name, ics in stored.items():
        assert read_icalendar(ics).keys() == {name.removesuffix(".ics")}
    assert imported(calendar(EARLY)) == first and files() == stored
    assert run("config", "set", "interview", "2026-12-17", env=at(LATER)).code == 0
    later = imported(calendar(LATER))
    kinds = [f"week-{n}" for n in range(1, 7)] + [f"round-{r}" for r in ["recruiter", *ONSITE]]
    assert sorted(files()) == sorted(f"{k}.{LOOP}@emprep.ics" for k in kinds)
    assert later[:3] == first[:3] and later[-4:] == onsite("2026-12-17")
    assert "2026-12-12 2026-12-16 Week 6: Mock Interviews & Refinement []" in later


def test_calcurse_imports_every_event_and_adds_copies_on_a_second_import(
    candidate: Path, tmp_path: Path
) -> None:
    """calcurse takes every event (a week as a day repeated to its last), the description as
    the event's note; it matches no UID, so a second import adds copies, as the README says."""
    (tmp_path / "emprep.ics").write_bytes(calendar(EARLY))
    argv = [program("calcurse"), "-D", str(tmp_path / "cc"), "-i", str(tmp_path / "emprep.ics")]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    assert "0 apps / 10 events / 0 todos / 0 skipped" in out
    apts = (tmp_path / "cc" / "apts").read_text().splitlines()
    assert [line.split(" >")[0] for line in apts[:2]] == [
        "11/07/2026 [1] {1D -> 11/13/2026}",
        "11/14/2026 [1] {1D -> 11/20/2026}",
    ]
    recruiter = next(line for line in apts if "Recruiter/HR Interview" in line)
    assert recruiter.startswith("11/19/2026 [1] >")
    note = (tmp_path / "cc" / "notes" / recruiter.split(" >")[1].split()[0]).read_text()
    assert note.startswith("Coursera Software Engineering Manager (M4), round 1 of 5: HR Screen")
    assert "It is past, and logged: emprep progress shows what it asked." in note
    subprocess.run(argv, capture_output=True, check=True)
    assert len((tmp_path / "cc" / "apts").read_text().splitlines()) == 20


def export(tmp_path: Path, name: str, *args: str) -> Path:
    path = tmp_path / name
    assert run("questions", *args, "-o", str(path), env=at(EARLY)).code == 0
    return path


def test_pandas_reads_the_csv_with_its_types_and_the_note_whole(
    candidate: Path, tmp_path: Path, pack: Pack
) -> None:
    """The columns in the JSON's order, `minutes` a number, `common` a boolean, every other
    column text (an empty cell empty, not a number), and a note's lines and quotes kept."""
    pd = pytest.importorskip("pandas")
    table = pd.read_csv(export(tmp_path, "questions.csv"))
    assert table.shape == (108, 18)
    assert list(table.columns) == [
        *("id", "rounds", "text", "source", "criteria", "difficulty", "minutes", "bar"),
        *("outline", "follow_ups", "points", "red_flags", "tags", "common", "track"),
        *("placed_by", "replaces", "note"),
    ]
    types = {column: str(kind) for column, kind in table.dtypes.items()}
    assert (types.pop("minutes"), types.pop("common")) == ("int64", "bool")
    assert all(pd.api.types.is_string_dtype(table[column]) for column in types), types
    by_id = {q.id: q for q in pack.questions}
    assert {row.id: (row.minutes, row.common) for row in table.itertuples()} == {
        q: (by_id[q].minutes, by_id[q].common) for q in table["id"]
    }
    row = table.set_index("id").loc["rec-why-coursera"]
    assert row["note"] == HOSTILE  # its line breaks, quotes and `=1+1` on a later line kept
    assert pd.isna(row["replaces"]) and row["criteria"] == "Cultural fit;Communication skills"


def test_csvkit_finds_the_csv_clean(candidate: Path, tmp_path: Path) -> None:
    """csvkit 2 writes the file back unchanged, no row of the wrong length reported; csvkit 1
    (Debian 12's) checks it with -n."""
    csvclean, path = program("csvclean"), export(tmp_path, "questions.csv")
    version = subprocess.run([csvclean, "--version"], capture_output=True, text=True, check=True)
    if version.stdout.startswith("csvclean 1."):
        done = subprocess.run([csvclean, "-n", str(path)], capture_output=True, text=True)
        assert (done.returncode, done.stdout.strip()) == (0, "No errors.")
        return
    argv = [csvclean, "--length-mismatch", str(path)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", path.read_text())


def test_libreoffice_converts_the_csv_with_the_readme_s_command(
    candidate: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told nothing, LibreOffice's headless conversion read the UTF-8 file as Western Europe
    (`·` became `Â·`): the README's command says UTF-8, and every cell comes across whole."""
    import re
    import shlex
    import zipfile

    libreoffice = program("libreoffice")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    found = re.search(r"^libreoffice --headless .*$", readme, re.M)
    assert found is not None
    export(tmp_path, "questions.csv")
    monkeypatch.chdir(tmp_path)
    argv = [libreoffice, *shlex.split(found[0])[1:]]
    lo = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(argv, env=lo, capture_output=True, check=True, timeout=300)
    with zipfile.ZipFile(tmp_path / "questions.xlsx") as book:
        cells = book.read("xl/sharedStrings.xml").decode()
    assert "Lead with the one-sentence reason · the evidence" in cells
    assert "«日本語» 🚀" in cells and "Â" not in cells


def test_anki_s_text_import_and_package_hold_the_same_escaped_fields_and_tags(
    tmp_path: Path, pack_copy: Path
) -> None:
    """A pack's `<`, `&`, quotes, tabs, line breaks and non-ASCII, in Anki's own importers: each
    character once as HTML, the same in the Basic note of the text file and in emprep's note
    type, and the card renders the template with them."""
    anki = pytest.importorskip("anki.collection")
    path = pack_copy / "questions.toml"
    doc = tomllib.loads(path.read_text())
    q = doc["question"][0]
    q["text"] = 'Why <b>us</b> & not "X"? café 日本語 1 < 2 &amp; [sound:x.mp3] [$]x[/$] '
    q["text"] += "[LaTeX]y[/LaTeX]"
    q["outline"] = "one\n\ttwo <i>x</i> & y"
    q["tags"] = ['C++ & "x"', "two words", "ünï"]
    path.write_text(tomli_w.dumps(doc))
    text = 'Why &lt;b&gt;us&lt;/b&gt; &amp; not "X"? café 日本語 1 &lt; 2 &amp;amp; '
    text += (
        "&#91;sound:x.mp3] &#91;$]x&#91;/$] &#91;LaTeX]y&#91;/LaTeX]"  # text, not sound or LaTeX
    )
    tags = ["emprep::difficulty::core", "emprep::round::recruiter", "emprep::source::guide"]
    tags += ['emprep::tag::C++_&_"x"', "emprep::tag::two_words", "emprep::tag::ünï"]
    data = ["--data", str(pack_copy)]
    notes = []
    for kind in ("apkg", "tsv"):
        out = tmp_path / f"q.{kind}"
        assert (
            run(*data, "questions", "--format", kind.replace("tsv", "anki"), "-o", str(out)).code
            == 0
        )
        col = anki.Collection(str(tmp_path / f"{kind}.anki2"))
        if kind == "apkg":
            assert import_apkg(anki, col, out) == (108, 0, 0)
        else:
            meta = col.get_csv_metadata(str(out), None)
            assert (
                len(col.import_csv(anki.ImportCsvRequest(path=str(out), metadata=meta)).log.new)
                == 108
            )
        [nid] = col.find_notes("café")
        note = col.get_note(nid)
        notes.append((note.fields[0], sorted(note.tags)))
        card = note.cards()[0]
        shown = card.answer()
        assert text in shown and "one<br> two &lt;i&gt;x&lt;/i&gt; &amp; y" in shown
        assert card.question_av_tags() == [] and "latex" not in shown
        col.close()
    assert notes == [(text, tags)] * 2


def test_anki_s_text_import_puts_its_text_back_over_an_edit_unless_told_to_preserve(
    tmp_path: Path,
) -> None:
    """What the README says of the text file, as Anki's importer does it: a text file has no
    date, so its default (update) overwrites an edit made in Anki, and preserve keeps it."""
    anki = pytest.importorskip("anki.collection")
    out = export(tmp_path, "emprep.tsv")
    col = anki.Collection(str(tmp_path / "collection.anki2"))

    def imported(resolution: int) -> tuple[int, int]:
        meta = col.get_csv_metadata(str(out), None)
        assert meta.dupe_resolution == 0  # Anki's default: update
        meta.dupe_resolution = resolution
        log = col.import_csv(anki.ImportCsvRequest(path=str(out), metadata=meta)).log
        return len(log.new), len(log.updated)

    def edited() -> str:
        note = col.get_note(nid)
        back = str(note["Back"])
        note["Back"] = "My own outline"
        col.update_note(note)
        return back

    assert imported(0) == (108, 0)
    nid = col.db.scalar("select id from notes where guid = ?", "emprep-rec-why-coursera")
    back = edited()
    assert imported(0) == (0, 1)
    assert col.get_note(nid)["Back"] == back  # the edit is gone
    edited()
    assert imported(1) == (0, 0)  # preserve
    assert col.get_note(nid)["Back"] == "My own outline"
    col.close()
