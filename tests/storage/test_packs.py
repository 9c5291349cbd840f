"""Loading a pack: a broken one is reported as file, key path and problem; another is used."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import as_a_user, needs_setpriv, run


def _write(path: Path, text: str) -> None:
    path.write_text(text)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "rounds.toml",
            'level = "M4"',
            'level = "M4"\ncolour = "blue"',
            "loop.colour: unknown key; remove it or check its spelling",
        ),
        (
            "rounds.toml",
            'minutes = 45\nquestion_minutes = 6\ninterviewer = "Recruiter/HR"',
            'minutes = "45"\nquestion_minutes = 6\ninterviewer = "Recruiter/HR"',
            "round[0].minutes: '45' is not a whole number",
        ),
        (
            "rounds.toml",
            'minutes = 45\nquestion_minutes = 6\ninterviewer = "Recruiter/HR"',
            'minutes = 50\nquestion_minutes = 6\ninterviewer = "Recruiter/HR"',
            "loop.total_minutes: says 270 but the rounds add up to 275; fix one of them",
        ),
        (
            "rounds.toml",
            'minutes = 45\nquestion_minutes = 6\ninterviewer = "Recruiter/HR"',
            'minutes = 45\nquestion_minutes = 50\ninterviewer = "Recruiter/HR"',
            "round[0].question_minutes: 50 in 'recruiter' is longer than the round (45 min)",
        ),
        (
            "rounds.toml",
            'minutes = 45\nquestion_minutes = 6\ninterviewer = "Recruiter/HR"',
            'minutes = 45\nquestion_minutes = 0\ninterviewer = "Recruiter/HR"',
            "round[0].question_minutes: must be at least 1 (got 0)",
        ),
        (
            "rounds.toml",
            "first_week = 3\nlast_week = 4",
            "first_week = 4\nlast_week = 4",
            "phase[1] (people): covers weeks 4-4 but must start at week 3; "
            "phases cover the plan's weeks without gap or overlap",
        ),
        (
            "rounds.toml",
            'prepares = ["people"]',
            'prepares = ["peopel"]',
            "phase[1].prepares: unknown round 'peopel'; "
            "rounds are recruiter, technical, people, strategic, executive",
        ),
        (  # before, "competency[14].id: duplicate id 'communication-skills'", a key no file has
            "rounds.toml",
            'practices",\n]\ntips = [',
            'practices",\n  "Communication skills",\n]\ntips = [',
            "round[1].criteria[4]: 'Communication skills' is also round[0].criteria[0] "
            "('Communication skills'), and story coverage names both 'communication-skills'; "
            "give each its own words (a round's criteria are its own)",
        ),
        (
            "rounds.toml",
            'practices",\n]\ntips = [',
            'practices",\n  "Strategic",\n]\ntips = [',
            "round[1].criteria[4]: 'Strategic' is also criteria_group[2].id ('strategic'), and "
            "story coverage names both 'strategic'; give each its own words (a round's criteria "
            "are its own)",
        ),
        (
            "questions.toml",
            'id = "rec-em-experience"',
            'id = "rec-why-coursera"',
            "question[1].id: duplicate id 'rec-why-coursera'; ids must be unique",
        ),
        (  # before, every command said "unknown question 'Rec-Why-Coursera': did you mean
            # 'Rec-Why-Coursera'?" (a typed id is matched in lower case)
            "questions.toml",
            'id = "rec-why-coursera"',
            'id = "Rec-Why-Coursera"',
            "question[0].id: 'Rec-Why-Coursera' has a capital letter, but ids are typed in any "
            "case and matched in lower case; write it 'rec-why-coursera' (and so wherever it is "
            "named)",
        ),
        (  # before, a pack naming it 'Recruiter' everywhere loaded, then refused 'Recruiter'
            "rounds.toml",
            'id = "recruiter"',
            'id = "Recruiter"',
            "round[0].id: 'Recruiter' has a capital letter, but ids are typed in any case and "
            "matched in lower case; write it 'recruiter' (and so wherever it is named)",
        ),
        (  # before, the old id's reviews never reached its heir
            "questions.toml",
            'replaces = ["tech-modern-java"]',
            'replaces = ["Tech-Modern-Java"]',
            "question[{tech-play-scala-migration}].replaces[0]: 'Tech-Modern-Java' has a capital "
            "letter, but ids are typed in any case and matched in lower case; write it "
            "'tech-modern-java' (and so wherever it is named)",
        ),
        (
            "questions.toml",
            'rounds = ["recruiter"]\nplaced_by = "guide"\ntext = "Why are you interested',
            'rounds = ["recruter"]\nplaced_by = "guide"\ntext = "Why are you interested',
            "question[0].rounds: unknown round 'recruter' in 'rec-why-coursera'; "
            "rounds are recruiter, technical, people, strategic, executive",
        ),
        (  # before, "question[0].criteria: missing; this key is required (and 1 more)"
            "questions.toml",
            'source = "guide"\ncriteria = ["Cultural fit", "Communication skills"]',
            'source = "guide"\ncritera = ["Cultural fit", "Communication skills"]',
            "question[0].critera: unknown key; did you mean 'criteria', a required key?",
        ),
        (  # a field the cache builds back when first read is as required as any
            "questions.toml",
            'bar = "At M4: one reason that is yours',
            '# bar = "At M4: one reason that is yours',
            "question[0].bar: missing; this key is required",
        ),
        (
            "questions.toml",
            'source = "guide"\ncriteria = ["Cultural fit", "Communication skills"]',
            'source = "book"\ncriteria = ["Cultural fit", "Communication skills"]',
            "question[0].source: 'book' is not one of 'guide', 'posting' or 'authored'",
        ),
        (
            "questions.toml",
            'track = "remote"\ncriteria = ["Performance management"',
            'track = "mars"\ncriteria = ["Performance management"',
            "question[{remote-underperformer}].track: unknown track 'mars' in "
            "'remote-underperformer'; tracks are remote, hub",
        ),
        (
            "questions.toml",
            'criteria = ["Cultural fit", "Communication skills"]\ndifficulty = "core"',
            'criteria = ["Charm"]\ndifficulty = "core"',
            "question[0].criteria: 'Charm' in 'rec-why-coursera' is not an "
            "evaluation criterion of its rounds (recruiter)",
        ),
        (
            "questions.toml",
            '{ criterion = "Cultural fit", text = "A personal link',
            '{ criterion = "Executive presence", text = "A personal link',
            "question[0].points[0].criterion: 'Executive presence' in 'rec-why-coursera' is not "
            "an evaluation criterion of its rounds (recruiter)",
        ),
        (
            "questions.toml",
            '{ criterion = "Cultural fit", text = "A personal link',
            '{ criterion = "Basic understanding of management principles", text = "A personal link',
            "question[0].points[0].criterion: 'Basic understanding of management principles' in "
            "'rec-why-coursera' is not in its criteria; add it to them",
        ),
        (
            "questions.toml",
            '{ reason = "Lack of clear communication", text = "A five-minute tour',
            '{ reason = "Lack of technical depth", text = "A five-minute tour',
            "question[0].red_flags[1].reason: 'Lack of technical depth' in 'rec-why-coursera' is "
            "not a common reason for rejection of its rounds (recruiter)",
        ),
        (
            "questions.toml",
            'follow_ups = [\n  "Which Coursera product have you used yourself, and what would you '
            'change in it?",\n',
            "follow_ups = [\n",
            "question[0].follow_ups: holds 1 item; at least 2",
        ),
        (
            "questions.toml",
            'difficulty = "core"\nminutes = 2\n',
            'difficulty = "easy"\nminutes = 2\n',
            "question[0].difficulty: 'easy' is not one of 'core', 'm4' or 'stretch'",
        ),
        (
            "questions.toml",
            'difficulty = "core"\nminutes = 2\n',
            'difficulty = "core"\nminutes = 50\n',
            "question[0].minutes: 50 in 'rec-why-coursera' is longer than its round (45 min)",
        ),
        (
            "questions.toml",
            'id = "rec-why-leaving"\nrounds = ["recruiter"]\n',
            'id = "rec-why-leaving"\nrounds = ["recruiter"]\nplaced_by = "guide"\n',
            "question[3].placed_by: 'guide' in 'rec-why-leaving': placed_by = \"guide\" is for "
            'a question whose source is "guide" that is neither common nor a track\'s',
        ),
        (
            "questions.toml",
            'replaces = ["rec-management-style"]',
            'replaces = ["rec-why-leaving"]',
            "question[{exe-leadership-philosophy}].replaces: 'rec-why-leaving' in "
            "'exe-leadership-philosophy': it is a question; a question replaces only ids that "
            "are gone, and one id has one heir",
        ),
        (
            "rounds.toml",
            '{ phase = "people", text = "Write how you ran',
            '{ phase = "peeple", text = "Write how you ran',
            "track[0].tasks[1].phase: unknown phase 'peeple'; "
            "phases are company, people, technical, strategic, mock",
        ),
        (
            "rounds.toml",
            'know least." = "Write one line for each',
            'know least." = "Write a line for each',
            "phase[2].renamed: 'Write a line for each technology in the posting (modern Jav…' "
            "is not a task of phase 'technical'",
        ),
        (
            "rounds.toml",
            '[phase.renamed]\n"Write one line for each technology',
            '[phase.renamed]\n"Write one line for each technology" = "Whiteboard two Coursera '
            "designs against the clock, 35 minutes each (course recommendations, lecture video "
            'delivery); photograph them and write what you left out."\n"Whiteboard two Coursera '
            "designs against the clock, 35 minutes each (course recommendations, lecture video "
            'delivery); photograph them and write what you left out." = "Whiteboard two Coursera '
            "designs against the clock, 35 minutes each (course recommendations, lecture video "
            'delivery); photograph them and write what you left out."\n"Write one line for each '
            "technology",
            "phase[2].renamed: 'Whiteboard two Coursera designs against the clock, 35 minut…' "
            "is still a task; remove it from renamed",
        ),
        (
            "rounds.toml",
            "strategic = \"Run a timed mock of the strategic round at its real length ('emprep "
            "mock --round strategic'), and write two questions only the product director can "
            'answer: how roadmap conflicts are settled."',
            "strategic = \"Run the daily drill until 'emprep progress' shows every round at its "
            'target recall on interview day."',
            "phase[4].before_round.strategic: 'Run the daily drill until 'emprep progress' shows "
            "every rou…' is also phase[4].tasks[2]: a tick is kept by the task's text, so it would "
            "tick both; give each its own words",
        ),
        (
            "rounds.toml",
            'tasks = [\n  "Write a table mapping',
            "tasks = [\n  \"Run the daily drill until 'emprep progress' shows every round at its "
            'target recall on interview day.",\n  "Write a table mapping',
            "phase[4].tasks[2]: 'Run the daily drill until 'emprep progress' shows every rou…' is "
            "also phase[3].tasks[0]: a tick is kept by the task's text, so it would tick both; "
            "give each its own words",
        ),
        (
            "rounds.toml",
            'text = "Write how you ran one underperformance case remotely: the signals, the '
            'written plan, the outcome."',
            "text = \"Run the daily drill until 'emprep progress' shows every round at its "
            'target recall on interview day."',
            "track[0].tasks[1]: 'Run the daily drill until 'emprep progress' shows every rou…' "
            "is also phase[4].tasks[2]: a tick is kept by the task's text, so it would tick "
            "both; give each its own words",
        ),
        (
            "rounds.toml",
            'text = "Run one mock over video with a person in another time zone, and review the '
            'recording for clarity without a whiteboard."',
            'text = "Write how you ran one underperformance case remotely: the signals, the '
            'written plan, the outcome."',
            "track[0].tasks[2]: 'Write how you ran one underperformance case remotely: the s…' "
            "is also track[0].tasks[1]: a tick is kept by the task's text, so it would tick "
            "both; give each its own words",
        ),
        (  # a pack someone sent: a question no screen or export could show
            "questions.toml",
            'text = "Why are you interested in Coursera?"',
            'text = "  "',
            "question[{rec-why-coursera}].text: '  ' in 'rec-why-coursera' shows nothing; "
            "write the question",
        ),
        (
            "questions.toml",
            'text = "Why are you interested in Coursera?"',
            'text = "\\u200b\\u200d"',
            "question[{rec-why-coursera}].text: '\\u200b\\u200d' in 'rec-why-coursera' shows "
            "nothing; write the question",
        ),
        (  # it counted twice for the round, and was named twice on every screen
            "questions.toml",
            'id = "rec-why-coursera"\nrounds = ["recruiter"]',
            'id = "rec-why-coursera"\nrounds = ["recruiter", "recruiter"]',
            "question[{rec-why-coursera}].rounds[1]: 'recruiter' is named twice in "
            "'rec-why-coursera'; name each once",
        ),
        (
            "questions.toml",
            'criteria = ["Cultural fit", "Communication skills"]',
            'criteria = ["Cultural fit", "Communication skills", "Cultural fit"]',
            "question[{rec-why-coursera}].criteria[2]: 'Cultural fit' is named twice in "
            "'rec-why-coursera'; name each once",
        ),
        (  # `--tag` finds them as one
            "questions.toml",
            'tags = ["Motivation"]',
            'tags = ["Motivation", "\\uff2dotivation"]',
            "question[{rec-why-coursera}].tags[1]: '\uff2dotivation' is named twice in "
            "'rec-why-coursera' (as 'Motivation'); name each once",
        ),
        (  # every screen and export showed it twice
            "questions.toml",
            '  "What else are you interviewing for, and what would make you choose us?",\n]',
            '  "What else are you interviewing for, and what would make you choose us?",\n'
            '  "Which Coursera product have you used yourself, and what would you change in it?",'
            "\n]",
            "question[{rec-why-coursera}].follow_ups[2]: 'Which Coursera product have you used "
            "yourself, and what wou…' is written twice in 'rec-why-coursera'; write each once",
        ),
        (  # the estimates would pair a task with another's
            "rounds.toml",
            "minutes = [120, 45, 240, 15, 45]",
            "minutes = [120, 45]",
            "phase[0].minutes: 2 estimates for 5 tasks; give one for each task, in the tasks' "
            "order (or none: each task is then an hour)",
        ),
        (  # what a short plan keeps would be another task's
            "rounds.toml",
            "priority = [2, 1, 2, 3]",
            "priority = [2, 1, 2]",
            "phase[1].priority: 3 priorities for 4 tasks; give one for each task, in the tasks' "
            "order (or none: each task is then 2)",
        ),
        (
            "rounds.toml",
            "priority = [2, 1, 2, 3]",
            "priority = [2, 1, 2, 4]",
            "phase[1].priority[3]: must be from 1 to 3 (got 4)",
        ),
        (
            "rounds.toml",
            "minutes = [75, 60, 0]",
            "minutes = [75, 60, 1441]",
            "phase[4].minutes[2]: 1441 minutes is more than a day's work; give 0 to 1440, or "
            "split the task",
        ),
        (
            "rounds.toml",
            "minutes = [75, 60, 0]",
            "minutes = [75, 60, -1]",
            "phase[4].minutes[2]: must be at least 0 (got -1)",
        ),
        (
            "rounds.toml",
            'the outcome.", minutes = 45 }',
            'the outcome.", minutes = 2000 }',
            "track[0].tasks[1].minutes: 2000 minutes is more than a day's work; give 0 to "
            "1440, or split the task",
        ),
    ],
)
def test_broken_pack_is_reported_with_file_key_and_problem(
    pack_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    path = pack_copy / file
    text = path.read_text()
    assert old in text
    _write(path, text.replace(old, new, 1))
    ids = re.findall(r'(?m)^id = "([^"]+)"', (pack_copy / "questions.toml").read_text())
    message = re.sub(r"\{([a-z0-9-]+)\}", lambda m: str(ids.index(m.group(1))), message)
    r = run("--data", str(pack_copy), "rounds")
    assert r.code == 2
    assert r.stderr == f"emprep: error: {path}: {message}\n"
    assert r.stdout == ""


def test_invalid_toml_names_the_line(pack_copy: Path) -> None:
    path = pack_copy / "questions.toml"
    lines = path.read_text().splitlines()
    lines[6] = "id = = broken"
    _write(path, "\n".join(lines))
    r = run("--data", str(pack_copy), "questions")
    assert r.code == 2
    assert re.fullmatch(
        rf"emprep: error: {re.escape(str(path))}: invalid TOML: .*\(at line 7, column \d+\); "
        r"fix it there, or ask whoever made the pack for a corrected copy\n",
        r.stderr,
    )


def test_missing_pack_file_and_folder(pack_copy: Path, tmp_path: Path) -> None:
    (pack_copy / "questions.toml").unlink()
    r = run("--data", str(pack_copy), "rounds")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {pack_copy / 'questions.toml'}: not found; a pack folder holds "
        "rounds.toml and questions.toml\n",
    )
    r = run("rounds", env={"EMPREP_DATA": str(tmp_path / "nowhere")})
    assert (r.code, r.stderr) == (  # the variable named with its value: no --data was typed
        2,
        f"emprep: error: {tmp_path / 'nowhere'}: no such folder; set EMPREP_DATA to a pack "
        f"folder's path (your environment has EMPREP_DATA={tmp_path / 'nowhere'}), or unset it "
        "for the built-in pack\n",
    )
    r = run("--data", str(tmp_path / "nowhere"), "rounds")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {tmp_path / 'nowhere'}: no such folder; --data and EMPREP_DATA name a "
        "pack folder\n",
    )
    r = run("--data", str(pack_copy / "rounds.toml"), "rounds")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {pack_copy / 'rounds.toml'}: not a folder; --data and EMPREP_DATA name "
        "a pack folder\n",
    )


def test_a_data_path_that_cannot_be_resolved_says_what_it_is(tmp_path: Path) -> None:
    """A `--data` symlink loop was "not a folder", as if it were a file: it says it is a loop,
    and a link to nothing says where it points, each with the fix."""
    fix = "point the link at the pack folder, or give --data (or EMPREP_DATA) the folder's path"
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    r = run("--data", str(tmp_path / "a"), "rounds")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {tmp_path / 'a'}: is a symlink loop, so it cannot be resolved to a "
        f"folder; {fix}\n",
    )
    (tmp_path / "gone").symlink_to(tmp_path / "old-pack")
    r = run("rounds", env={"EMPREP_DATA": str(tmp_path / "gone")})
    assert (r.code, r.stderr) == (  # the variable named with its value: no --data was typed
        2,
        f"emprep: error: {tmp_path / 'gone'}: is a symlink to {tmp_path / 'old-pack'}, which "
        "does not exist; point the link at the pack folder, or set EMPREP_DATA to a pack "
        f"folder's path (your environment has EMPREP_DATA={tmp_path / 'gone'}), or unset it for "
        "the built-in pack\n",
    )


def test_a_data_path_too_long_is_bad_input_not_the_output_s_failure(tmp_path: Path) -> None:
    """A `--data` name longer than the file system allows ended in exit 74, "the output could
    not be written", with the system's words alone: "99...9: File name too long; check it and
    try again"."""
    name = "9" * 300
    r = run("--data", name, "rounds")
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {name}: cannot be read (File name too long); --data and EMPREP_DATA "
        "name a pack folder\n",
    )


@needs_setpriv
def test_a_data_folder_behind_one_closed_to_you_is_said_with_its_chmod(
    tmp_path: Path, pack_copy: Path
) -> None:
    """A pack folder inside one you cannot enter ended in exit 74, "the output could not be
    written": "...: Permission denied; check it and try again"."""
    closed = tmp_path / "closed"
    closed.mkdir()
    pack_copy.rename(closed / "pack")
    closed.chmod(0o000)
    try:
        r = as_a_user("--data", str(closed / "pack"), "rounds")
    finally:
        closed.chmod(0o700)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: {closed / 'pack'}: cannot be read (permission denied); the folder "
        f"{closed} is closed to you: open it first (chmod u+rx '{closed}'), then try again\n",
    )


def test_another_pack_is_used(pack_copy: Path) -> None:
    path = pack_copy / "rounds.toml"
    _write(path, path.read_text().replace('company = "Coursera"', 'company = "Acme"'))
    r = run("--data", str(pack_copy), "rounds", "--format", "json")
    assert r.code == 0
    assert '"company": "Acme"' in r.stdout


def test_a_pack_nested_too_deeply_is_named(isolated: Path, tmp_path: Path) -> None:
    """Before: "unexpected RecursionError ... report it", exit 1."""
    import shutil

    from emprep.storage.packs import builtin_data_dir

    pack = tmp_path / "pack"
    shutil.copytree(builtin_data_dir(), pack)
    rounds = pack / "rounds.toml"
    rounds.write_bytes(b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n" + rounds.read_bytes())
    r = run("--data", str(pack), "questions")
    assert (r.code, r.stderr) == (
        2,
        f"emprep: error: {rounds}: invalid TOML: arrays or tables nested too deeply; fix it "
        "there, or ask whoever made the pack for a corrected copy\n",
    )


def test_a_renamed_question_s_reviews_are_said_left_out_until_it_replaces_the_old_id(
    isolated: Path, pack_copy: Path
) -> None:
    """Before, a question renamed in a pack lost its reviews without a word: the round's
    readiness dropped a question seen, and nothing said why or how to keep them."""
    now = {"EMPREP_NOW": "2026-11-22T09:00:00Z"}
    assert run("--data", str(pack_copy), "review", "rec-why-coursera", "3", env=now).code == 0
    path = pack_copy / "questions.toml"
    _write(path, path.read_text().replace('id = "rec-why-coursera"', 'id = "rec-why-acme"', 1))
    r = run("--data", str(pack_copy), "progress", env=now)
    assert (r.code, r.stderr) == (
        0,
        f"emprep: note: the reviews of 'rec-why-coursera' are left out: the loop pack in use "
        f"({pack_copy}) has no question 'rec-why-coursera'; if it was renamed, add replaces = "
        '["rec-why-coursera"] to its new entry in questions.toml and they count for it; they '
        "stay in your progress file\n",
    )
    assert "Recruiter/HR Interview          -     -     0/18" in r.stdout
    heir = 'id = "rec-why-acme"\nreplaces = ["rec-why-coursera"]'
    _write(path, path.read_text().replace('id = "rec-why-acme"', heir, 1))
    r = run("--data", str(pack_copy), "progress", env=now)
    assert (r.code, r.stderr) == (0, "")
    assert "Recruiter/HR Interview          -     -     1/18" in r.stdout


def test_a_pack_without_estimates_counts_each_task_an_hour(pack_copy: Path) -> None:
    """A pack made before tasks had minutes and priorities still loads: each of its tasks is
    an hour, a round's own task (its mock) the round's length, as in the built-in pack."""
    path = pack_copy / "rounds.toml"
    text = re.sub(r"(?m)^(minutes|priority) = \[[0-9, ]+\]\n", "", path.read_text())
    _write(path, re.sub(r", minutes = [0-9]+ }", " }", text))
    args = ["plan", "--start", "2026-11-23", "--interview", "2026-12-03", "--hours", "40"]
    args += ["--format", "json"]
    r = run("--data", str(pack_copy), *args)
    assert (r.code, r.stderr) == (0, "")
    weeks = json.loads(r.stdout)["weeks"]
    mocks = [
        m
        for w in weeks
        for t, m in zip(w["tasks"], w["task_minutes"], strict=True)
        if "timed mock" in t
    ]
    assert sorted(mocks) == [45, 45, 60, 60, 60]  # the rounds' lengths
    assert (
        sum(m for w in weeks for m in w["task_minutes"]) == 60 * 21 + 270
    )  # 21 phase tasks, 5 mocks
