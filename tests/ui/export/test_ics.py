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


def rounds(ics: bytes) -> dict[str, tuple[str, date, str]]:
    """UID -> summary, day and STATUS of each round's event."""
    from icalendar import Calendar

    return {
        str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), str(e["status"]))
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if str(e["uid"]).startswith("round-")
    }


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

    assert sequence(datetime(2020, 1, 1, 0, 0, 1, tzinfo=UTC)) == 1
    assert sequence(datetime(2026, 11, 20, 9, tzinfo=UTC)) == 217328400
    # RFC 5545's INTEGER is 32 bits: from 2088 on the last value, never a wider number
    assert sequence(datetime(2088, 1, 19, 3, 14, 7, tzinfo=UTC)) == 2**31 - 1
    assert sequence(datetime(2099, 12, 31, 23, 59, tzinfo=UTC)) == 2**31 - 1
    assert sequence(datetime(2000, 1, 1, tzinfo=UTC)) == 0


def test_two_exports_of_one_minute_with_the_onsite_moved_between_have_rising_sequences() -> None:
    """Exported, the onsite moved, exported again 30 seconds later: both files had SEQUENCE
    3622140 (minutes since 2020), and a client that compares it kept the old day."""
    first = events(export("--interview", "2027-01-15", now="2026-11-20T09:00:05+00:00"))
    moved = events(export("--interview", "2027-01-29", now="2026-11-20T09:00:35+00:00"))
    round_ = f"round-technical.{LOOP}@emprep"
    assert (first[round_]["start"], moved[round_]["start"]) == (
        date(2027, 1, 15),
        date(2027, 1, 29),
    )
    assert (first[round_]["sequence"], moved[round_]["sequence"]) == (217328405, 217328435)


def test_descriptions_name_the_rounds() -> None:
    got = events(export("--start", "2026-11-20", "--weeks", "8"))
    desc = str(got[f"week-1.{LOOP}@emprep"]["description"])
    assert desc.startswith("9 h. Prepares: Recruiter/HR Interview.\n\nTasks:\n- ")
    assert "recruiter" not in desc.split("\n")[0]


def test_a_week_s_event_says_what_its_hours_leave_out() -> None:
    """Ten days at 12 h: week 1's event listed its four kept tasks only, and said nothing of
    the seven its hours leave out, which the plan and `today` list. An event is read alone, so
    it says them too, with each task's estimate and the week's line weighing tasks and drill."""
    got = events(export("--start", "2026-11-23", "--interview", "2026-12-03", "--hours", "12"))
    desc = str(got[f"week-1.{LOOP}@emprep"]["description"])
    tasks = desc.split("Tasks:\n")[1].split("\n\nQuestions to introduce:")[0].split("\n")
    estimates = [line.rsplit(". (", 1)[-1] for line in tasks]
    assert estimates == [
        *("2 h)", "4 h)", "1 h 30)", "1 h 30)"),
        "",
        "Tasks about 9 h of your 12 h; the drill about 4 h 22 (5 a day): 1 h 22 more than the "
        "week's hours, as its tasks of priority 1 (the stories, 'Why Coursera?', a design, the "
        "mocks) are kept at any hours; 14 h a week would hold them (emprep "
        "config set hours 14).",
        "",
        "Left out, as the week's hours do not hold them after the drill:",
        *("45 min)", "15 min)", "45 min)", "1 h)", "30 min)", "1 h)", "1 h 30)"),
    ]
    assert tasks[8].startswith("- List your eight strongest accomplishments")
    roomy = events(export("--start", "2026-11-23", "--interview", "2026-12-03", "--hours", "40"))
    assert "Left out" not in str(roomy[f"week-1.{LOOP}@emprep"]["description"])


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
    name = "emprep: Acme, Inc.; Ltd Software Engineering Manager (M4)"
    assert str(Calendar.from_ical(ics)["x-wr-calname"]) == name
    assert vobject.readOne(ics.decode()).x_wr_calname.value == name


def test_two_levels_of_one_role_make_two_calendars_named_apart(pack_copy: Path) -> None:
    """The calendar's name (RFC 7986 NAME and X-WR-CALNAME) carries the level, as the plan's
    heading and the events' UIDs do: an M4 and an M5 loop were both `emprep: Coursera Software
    Engineering Manager`, two calendars of one name in the client's list."""
    import tomllib

    import tomli_w
    from conftest import run
    from ical.calendar_stream import IcsCalendarStream
    from icalendar import Calendar

    rounds = pack_copy / "rounds.toml"
    doc = tomllib.loads(rounds.read_text())
    doc["loop"]["level"] = "M5"
    rounds.write_text(tomli_w.dumps(doc))
    for data, level in [(None, "M4"), (pack_copy, "M5")]:
        ics = export("--interview", "2026-12-14", data=data)
        name = f"emprep: Coursera Software Engineering Manager ({level})"
        mine = Calendar.from_ical(ics)
        assert (str(mine["name"]), str(mine["x-wr-calname"])) == (name, name)
        theirs = IcsCalendarStream.calendar_from_ics(ics.decode())
        assert theirs.name == [name]
        assert [(x.name, x.value) for x in theirs.extras] == [("x-wr-calname", name)]
        pack = ["--data", str(data)] if data else []
        md = run(*pack, "plan", "--interview", "2026-12-14", "--format", "md").stdout
        assert md.splitlines()[0] == f"# Interview plan: {name.removeprefix('emprep: ')}"


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
    # before: the same line, though plan.json ends with a format: the clash is --format table
    r = run("plan", "--format", "table", "-o", str(tmp_path / "plan.json"), env=env)
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: --format table is drawn on the screen, not written to a file: give "
        "--format one of ics, json, md, or leave it out for the one the file's name ends with\n"
    )
    assert not (tmp_path / "plan.json").exists()


def test_a_round_with_no_date_yet_is_a_tentative_event_until_it_has_one() -> None:
    """The screen dated, the onsite not: the plan ends on the screen's day, but the calendar
    does not say the onsite is that day. Its events say no date yet (TENTATIVE, in the summary
    and the description, with the command that dates it); dated, they are the same events."""
    import vobject
    from conftest import run
    from ical.calendar_stream import IcsCalendarStream

    env = {"EMPREP_NOW": "2026-11-21T10:00:00+00:00"}
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=env).code == 0
    r = run("plan", "--format", "ics", env=env)
    assert r.code == 0
    got = rounds(r.stdout.encode())
    assert got[f"round-recruiter.{LOOP}@emprep"] == (
        "Interview: Recruiter/HR Interview (45 min)",
        date(2026, 11, 30),
        "CONFIRMED",
    )
    summary, day, status = got[f"round-technical.{LOOP}@emprep"]
    assert (summary, day, status) == (
        "Interview (no date yet): Technical Deep Dive (60 min)",
        date(2026, 11, 30),
        "TENTATIVE",
    )
    desc = str(events(r.stdout.encode())[f"round-technical.{LOOP}@emprep"]["description"])
    assert desc.startswith(
        "No date yet: the plan puts it on its last day, 2026-11-30. Date it, then export "
        "again and this event moves: emprep config set interview.technical YYYY-MM-DD\n\n"
    )
    mine = {u: s for u, (_, _, s) in got.items()}
    found = vobject.readOne(r.stdout).vevent_list
    theirs = {e.uid.value: e.status.value for e in found if "status" in e.contents}
    strict = IcsCalendarStream.calendar_from_ics(r.stdout).events
    assert theirs == mine == {e.uid: e.status.value for e in strict if e.status}

    assert run("config", "set", "interview", "2026-12-14", env=env).code == 0
    later = rounds(run("plan", "--format", "ics", env=env).stdout.encode())
    assert set(later) == set(got)
    assert later[f"round-technical.{LOOP}@emprep"] == (
        "Interview: Technical Deep Dive (60 min)",
        date(2026, 12, 14),
        "CONFIRMED",
    )


def test_questions_the_drill_does_not_reach_are_said_in_every_week(pack: Pack) -> None:
    """At 1 question a day, eight weeks list 56 questions: the calendar said nothing of the
    other 52, which the plan's Markdown and JSON count. Each week's event says it, as an event
    is read alone; the weeks' lists and the unreached make the bank. It points to the count
    `progress` gives only once the interview is dated: with no date, `progress` gives none."""
    from conftest import run

    env = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    assert run("config", "set", "count", "1", env=env).code == 0
    undated = [e for u, e in events(export()).items() if u.startswith("week-")]
    assert {str(e["description"]).rsplit("\n\n", 1)[1] for e in undated} == {
        "At 1 question a day, 52 of the 108 questions are in no week: the drill does not reach "
        "them by the last round."
    }
    assert run("config", "set", "interview", "2027-01-15", env=env).code == 0
    pace = json.loads(run("progress", "--format", "json", env=env).stdout)["pace"]
    assert pace["advised"]["count"] > 1
    unreached = json.loads(run("plan", "--format", "json", env=env).stdout)["unreached"]
    assert len(unreached) == 52
    weeks = [e for u, e in events(export()).items() if u.startswith("week-")]
    said = (
        "At 1 question a day, 52 of the 108 questions are in no week: the drill does not reach "
        "them by the last round (emprep progress gives the count that would)."
    )
    assert [str(e["description"]).rsplit("\n\n", 1)[1] for e in weeks] == [said] * 8
    listed = [
        line.removeprefix("- ")
        for e in weeks
        for line in str(e["description"]).split("Questions to introduce:\n")[1].split("\n")
        if line.startswith("- ")
    ]
    texts = {q.id: q.text for q in pack.questions}
    assert sorted(listed + [texts[i] for i in unreached]) == sorted(texts.values())
    assert run("config", "set", "count", "10", env=env).code == 0
    assert all(said not in str(e["description"]) for e in events(export()).values())


def test_a_week_s_event_marks_its_ticks_and_its_tasks_from_other_weeks() -> None:
    """The week's event listed every task alike: a task ticked (`task done`) is `[x]`, the
    others `[ ]`, as the plan's Markdown has them, and the hiring page, moved to week 1 of 5
    at 10 h, says the week and the phase it is from; read the same by icalendar and vobject."""
    import vobject

    now = "2026-11-23T09:00:00+00:00"
    settings = [("start", "2026-11-23"), ("interview", "2026-12-28"), ("hours", "10")]
    for args in [["config", "set", *kv] for kv in settings] + [["task", "done", "3"]]:
        assert CliRunner().invoke(app, args, env={"EMPREP_NOW": now}).exit_code == 0, args
    ics = export(now=now)
    desc = str(events(ics)[f"week-1.{LOOP}@emprep"]["description"])
    theirs = {e.uid.value: e.description.value for e in vobject.readOne(ics.decode()).vevent_list}
    assert theirs[f"week-1.{LOOP}@emprep"] == desc
    tasks = desc.split("Tasks:\n")[1].split("\n\n")[0].split("\n")
    assert [t[:6] for t in tasks] == ["- [ ] ", "- [ ] ", "- [x] "]
    assert tasks[1].endswith("the raw material of your stories. (45 min)")
    assert tasks[2] == (
        "- [x] Write your hiring process on one page: profile, loop, rubric, calibration, "
        "closing, onboarding; add a hire you regret and what the process missed. (1 h; from "
        "week 2, People Management Skills)"
    )


def test_the_next_loop_on_the_same_pack_has_events_of_its_own(pack: Pack, isolated: Path) -> None:
    """Loop B (another company, weeks later, the same pack) exported the first loop's UIDs:
    imported, its calendar moved loop A's past rounds and weeks to B's days, and A left the
    calendar. From the second loop on the UIDs carry its number; the first loop's stay as they
    were (calendars hold them), and B's are the same after a date moved and a start set by
    hand, so a re-import moves its events and adds none. Read alike by icalendar and vobject."""
    import vobject
    from conftest import run

    def calendar(now: str) -> dict[str, tuple[date, date, str]]:
        """UID -> first day, end and summary, as both parsers read them."""
        ics = export(now=now)
        mine = {u: (e["start"], e["end"], e["summary"]) for u, e in events(ics).items()}
        theirs = {
            e.uid.value: (e.dtstart.value, e.dtend.value, e.summary.value)
            for e in vobject.readOne(ics.decode()).vevent_list
        }
        assert theirs == mine
        return mine  # type: ignore[return-value]

    a = {"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}
    assert run("config", "set", "interview", "2026-12-14", env=a).code == 0
    assert run("review", "rec-why-coursera", "good", env=a).code == 0
    loop_a = calendar("2026-11-23T09:00:00+00:00")
    rec_a = f"round-recruiter.{LOOP}@emprep"
    assert list(loop_a) == [f"week-{n}.{LOOP}@emprep" for n in range(1, 4)] + [
        f"round-{r}.{LOOP}@emprep" for r in pack.round_ids
    ]
    assert loop_a[rec_a][0] == date(2026, 12, 14)
    progress = isolated
    assert "loop =" not in progress.read_text()  # a first loop's file is as it was
    b = {"EMPREP_NOW": "2027-01-19T09:00:00+00:00"}
    assert run("config", "set", "interview", "2027-02-11", env=b).code == 0
    assert "\nloop = 2\n" in progress.read_text()
    assert run("config", "set", "interview.rec", "2027-01-28", env=b).code == 0
    loop_b = calendar("2027-01-19T09:00:00+00:00")
    b_key = f"{LOOP}.loop-2@emprep"
    assert list(loop_b) == [f"week-{n}.{b_key}" for n in range(1, 5)] + [
        f"round-{r}.{b_key}" for r in pack.round_ids
    ]
    assert not set(loop_a) & set(loop_b)
    assert loop_b[f"round-recruiter.{b_key}"] == (
        date(2027, 1, 28),
        date(2027, 1, 29),
        "Interview: Recruiter/HR Interview (45 min)",
    )
    assert loop_b[f"week-1.{b_key}"][0] == date(2027, 1, 19)
    moved = {"EMPREP_NOW": "2027-01-21T09:00:00+00:00"}
    assert run("config", "set", "interview.rec", "2027-01-29", env=moved).code == 0
    assert run("config", "set", "start", "2027-01-18", env=moved).code == 0
    again = calendar("2027-01-21T09:00:00+00:00")
    assert list(again) == list(loop_b)
    assert again[f"round-recruiter.{b_key}"][0] == date(2027, 1, 29)
    assert again[f"week-1.{b_key}"][0] == date(2027, 1, 18)


def test_a_system_zone_file_that_cannot_be_read_does_not_stop_the_calendar(
    isolated: Path, tmp_path: Path
) -> None:
    """The export stamp (DTSTAMP) is UTC, which needs no zone file; icalendar read the
    system's file for UTC all the same, and one that could not be read (closed to the user, a
    disk failing) ended the export, exit 74 with "check it and try again" as if it were a file
    of emprep's, and a damaged one with an unexpected error, exit 1. The calendar is the same
    with or without it."""
    import os
    import subprocess

    from conftest import as_a_user, installed_emprep

    zones = tmp_path / "zoneinfo"
    zones.mkdir()
    env = {"EMPREP_NOW": "2026-11-20T09:00:00+01:00", "TZ": "UTC"}
    plain = subprocess.run(
        [installed_emprep(), "plan", "--format", "ics"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    ).stdout
    assert "DTSTAMP:20261120T080000Z" in plain
    (zones / "UTC").write_bytes(b"not a zone file")
    for mode in (0o644, 0o000):
        (zones / "UTC").chmod(mode)
        r = as_a_user("plan", "--format", "ics", env={**env, "PYTHONTZPATH": str(zones)})
        assert (r.code, r.stderr, r.stdout) == (0, "", plain), mode


def test_each_loop_of_a_file_is_a_calendar_named_apart(isolated: Path) -> None:
    """Imported as two calendars, loop A's and loop B's were both `emprep: Coursera Software
    Engineering Manager (M4)` in the client's list. From the second loop on the name carries
    its number, as the UIDs do (never its dates, which move); the first loop's is as it was.
    Both names (RFC 7986 NAME and X-WR-CALNAME) read alike in icalendar and vobject."""
    import vobject
    from conftest import run
    from icalendar import Calendar

    def names(now: str) -> tuple[str, str]:
        ics = export(now=now)
        mine = Calendar.from_ical(ics)
        theirs = vobject.readOne(ics.decode())
        assert (theirs.contents["name"][0].value, theirs.x_wr_calname.value) == (
            str(mine["name"]),
            str(mine["x-wr-calname"]),
        )
        return str(mine["name"]), str(mine["x-wr-calname"])

    a = {"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}
    assert run("config", "set", "interview", "2026-12-14", env=a).code == 0
    assert run("review", "rec-why-coursera", "good", env=a).code == 0
    first = "emprep: Coursera Software Engineering Manager (M4)"
    assert names("2026-11-23T09:00:00+00:00") == (first, first)
    b = {"EMPREP_NOW": "2027-01-19T09:00:00+00:00"}
    assert run("config", "set", "interview", "2027-02-11", env=b).code == 0
    assert names("2027-01-19T09:00:00+00:00") == (f"{first}, loop 2", f"{first}, loop 2")
    assert run("config", "set", "start", "2027-01-18", env=b).code == 0
    assert names("2027-01-19T09:00:00+00:00") == (f"{first}, loop 2", f"{first}, loop 2")
    c = {"EMPREP_NOW": "2027-03-01T09:00:00+00:00"}
    assert run("config", "set", "interview", "2027-03-20", env=c).code == 0
    assert names("2027-03-01T09:00:00+00:00") == (f"{first}, loop 3", f"{first}, loop 3")
    back = run("config", "set", "start", "2027-01-18", env=c)
    assert back.stdout.splitlines()[-1] == "The loop that started on 2027-01-18 is this one again."
    assert names("2027-03-01T09:00:00+00:00") == (f"{first}, loop 2", f"{first}, loop 2")
