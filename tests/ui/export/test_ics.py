"""The plan's calendar: events keep their UIDs from one export to the next, so a re-import
updates them; the file parses in icalendar and in an independent parser."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from emprep.cli import app
from emprep.core.pack import Pack
from emprep.ui.export.ics import event_uid, sequence
from emprep.ui.export.identity import loop_key

LOOP = "coursera-software-engineering-manager-m4"


def export(*args: str, now: str = "2026-11-20T09:00:00+00:00", data: Path | None = None) -> bytes:
    pack = ["--data", str(data)] if data else []
    r = CliRunner().invoke(app, [*pack, "plan", *args, "--format", "ics"], env={"EMPREP_NOW": now})
    assert r.exit_code == 0, r.stderr
    return r.stdout_bytes


def events(ics: bytes) -> dict[str, dict[str, object]]:
    """UID -> the event's decoded summary, start, end, sequence and description."""
    from icalendar import Calendar

    out: dict[str, dict[str, object]] = {}
    for e in Calendar.from_ical(ics).walk("VEVENT"):
        out[str(e["uid"])] = {
            "summary": str(e["summary"]),
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "sequence": int(str(e["sequence"])),
            "description": str(e["description"]),
        }
    return out


def test_uids_say_what_the_event_is(pack: Pack) -> None:
    assert loop_key(pack) == LOOP
    assert event_uid(pack, "week-3") == f"week-3.{LOOP}@emprep"
    got = events(export("--interview", "2027-01-15"))
    assert list(got) == [f"week-{n}.{LOOP}@emprep" for n in range(1, 9)] + [
        f"round-{r}.{LOOP}@emprep" for r in pack.round_ids
    ]


def test_exported_on_two_days_the_same_plan_keeps_its_uids() -> None:
    """The start defaults to today: on the 20th and the 23rd the weeks fall on other dates and
    the hours differ, but every event is the same event, updated."""
    first = events(export("--interview", "2027-01-15", "--hours", "5"))
    later = events(
        export("--interview", "2027-01-15", "--hours", "8", now="2026-11-23T18:30:00+00:00")
    )
    assert list(first) == list(later)
    week1 = f"week-1.{LOOP}@emprep"
    assert (first[week1]["start"], later[week1]["start"]) == (
        date(2026, 11, 20),
        date(2026, 11, 23),
    )
    assert first[f"round-executive.{LOOP}@emprep"]["start"] == date(2027, 1, 15)
    assert later[f"round-executive.{LOOP}@emprep"]["start"] == date(2027, 1, 15)
    assert all(later[u]["sequence"] > first[u]["sequence"] for u in first)  # type: ignore[operator]


def test_more_weeks_update_the_old_ones_and_add_the_rest() -> None:
    eight = events(export("--start", "2026-11-20", "--weeks", "8"))
    ten = events(export("--start", "2026-11-20", "--weeks", "10"))
    assert set(eight) < set(ten)
    assert set(ten) - set(eight) == {f"week-9.{LOOP}@emprep", f"week-10.{LOOP}@emprep"}


def test_sequence_rises_with_the_export_time() -> None:
    from datetime import UTC, datetime

    assert sequence(datetime(2020, 1, 1, 0, 1, tzinfo=UTC)) == 1
    assert sequence(datetime(2026, 11, 20, 9, tzinfo=UTC)) == 3622140


def test_descriptions_name_the_rounds() -> None:
    got = events(export("--start", "2026-11-20", "--weeks", "8"))
    desc = str(got[f"week-1.{LOOP}@emprep"]["description"])
    assert desc.startswith("6 h. Prepares: Recruiter/HR Interview.\n\nTasks:\n- ")
    assert "recruiter" not in desc.split("\n")[0]


def test_an_independent_parser_reads_the_same_events() -> None:
    """vobject shares no code with icalendar: the same UIDs, dates, text and sequence."""
    import vobject

    ics = export("--start", "2026-11-20", "--weeks", "3", "--track", "remote")
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))  # folded as RFC 5545 asks
    mine = events(ics)
    theirs = {
        e.uid.value: {
            "summary": e.summary.value,
            "start": e.dtstart.value,
            "end": e.dtend.value,
            "sequence": int(e.sequence.value),
            "description": e.description.value,
        }
        for e in vobject.readOne(ics.decode()).vevent_list
    }
    assert theirs == mine
    assert len(theirs) == 3 + 5


def test_a_calendar_name_with_a_comma_reads_whole_in_both_parsers(pack_copy: Path) -> None:
    """X-WR-CALNAME is TEXT: written as is, `Acme, Inc.; Ltd` was cut at the comma by vobject
    (`emprep: Acme`); escaped and marked VALUE=TEXT, both parsers read the whole name."""
    import tomllib

    import tomli_w
    import vobject
    from icalendar import Calendar

    rounds = pack_copy / "rounds.toml"
    doc = tomllib.loads(rounds.read_text())
    doc["loop"]["company"] = "Acme, Inc.; Ltd"
    rounds.write_text(tomli_w.dumps(doc))
    ics = export("--interview", "2026-12-14", data=pack_copy)
    name = "emprep: Acme, Inc.; Ltd Software Engineering Manager"
    assert str(Calendar.from_ical(ics)["x-wr-calname"]) == name
    assert vobject.readOne(ics.decode()).x_wr_calname.value == name


def test_output_takes_the_format_from_the_files_name(tmp_path: Path) -> None:
    """`plan -o loop.ics` writes the calendar (the same bytes as --format ics), `-o plan.md`
    the Markdown; a name with a suffix the plan cannot write names the ones it can."""
    from conftest import run

    env = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    ics = tmp_path / "loop.ics"
    r = run("plan", "-o", str(ics), env=env)
    assert (r.code, r.stdout, r.stderr) == (0, "", f"Wrote {ics} ({ics.stat().st_size:,} bytes).\n")
    assert events(ics.read_bytes()) == events(export())
    md = tmp_path / "plan.MD"
    assert run("plan", "--output", str(md), env=env).code == 0
    assert md.read_text().startswith("# Interview plan: ")
    forced = tmp_path / "plan.txt"
    assert run("plan", "--format", "json", "-o", str(forced), env=env).code == 0
    assert json.loads(forced.read_text())["weeks"]
    r = run("plan", "-o", str(tmp_path / "plan.txt"), env=env)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: --output writes a file in one of these formats: ics, json, md; give it "
        "with --format, or end the file's name with one (say --output emprep.ics)\n"
    )
