"""The STAR story bank: add, edit, link, remove, the editor's drafts, and coverage arithmetic."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import run

from emprep.core import stories
from emprep.core.models import Progress
from emprep.core.pack import Pack
from emprep.storage import progress_text, store
from emprep.storage.packs import load_pack

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
MOMENT = datetime(2026, 11, 20, 9, tzinfo=UTC)
STAR_FLAGS = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]


def add(title: str, *extra: str) -> str:
    r = run("story", "add", "--title", title, *STAR_FLAGS, *extra, env=NOW)
    assert r.code == 0, r.stderr
    return r.stdout


def test_add_list_show_edit_link_unlink_rm(isolated: Path) -> None:
    out = add(
        "Payments to Kafka",
        "--competencies",
        "technical-leadership, Conflict resolution",
        "--questions",
        "com-team-conflict",
    )
    assert out == (
        "Saved story s1: Payments to Kafka (shows 6 competencies, answers 1 question). "
        "See it with: emprep story show s1\n"
    )
    assert add("Hiring a team") == (  # a story no question reaches: how to link it
        "Saved story s2: Hiring a team (shows 0 competencies, answers 0 questions). Say which "
        "questions it answers: emprep story link s2 ID... (emprep story coverage lists those no "
        "story answers yet)\n"
    )
    r = run("story", "link", "s2", "com-hiring", "com-mentor", "com-hiring")
    assert (r.code, r.stdout) == (
        0,
        "Linked s2 to com-hiring, com-mentor; it answers 2 questions.\n",
    )
    before = isolated.read_bytes()
    r = run("story", "link", "s2", "com-mentor")  # said "Linked s2 to com-mentor", as if new
    assert (r.code, r.stdout) == (
        0,
        "s2 was linked to com-mentor already; it answers 2 questions.\n",
    )
    assert isolated.read_bytes() == before
    r = run("story", "link", "s2", "com-hiring", "com-team-conflict")
    assert (r.code, r.stdout) == (
        0,
        "Linked s2 to com-team-conflict (com-hiring already); it answers 3 questions.\n",
    )
    r = run("story", "unlink", "s2", "com-team-conflict")
    assert r.code == 0
    r = run("story", "unlink", "S2", "com-mentor")
    assert (r.code, r.stdout) == (0, "Unlinked com-mentor from s2; it answers 1 question.\n")
    r = run("story", "edit", "2", "--result", "Four hires in a quarter", env=NOW)
    assert (r.code, r.stdout) == (
        0,
        "Saved story s2: Hiring a team (shows 3 competencies, answers 1 question). "
        "See it with: emprep story show s2\n",
    )
    assert run("story", "list").stdout.splitlines() == [
        "id  title              competencies                               questions",
        "s1  Payments to Kafka  technical-leadership, conflict-resolution  com-team-conflict",
        "s2  Hiring a team      -                                          com-hiring",
    ]
    shown = run("story", "show", "s2").stdout
    assert "Result\nFour hires in a quarter\n" in shown
    assert "  - com-hiring: Describe your approach to hiring" in shown
    doc = json.loads(run("story", "show", "s1", "--format", "json").stdout)
    assert doc["competencies"] == ["technical-leadership", "conflict-resolution"]
    assert doc["created"] == "2026-11-20T09:00:00Z"

    r = run("story", "rm", "s2", "--yes")
    assert r.code == 0 and r.stdout.startswith("Deleted story s2.")
    assert "Saved story s3:" in add("A third")  # ids are never reused
    saved = store.load(isolated)
    assert [s.id for s in saved.stories] == ["s1", "s3"]
    assert saved.last_story == 3
    backup = store.parse(isolated.with_name("progress.toml.bak").read_bytes(), isolated)
    assert [s.id for s in backup.stories] == ["s1"]


def test_a_story_s_days_are_those_where_it_is_read_not_in_utc(isolated: Path) -> None:
    """Written at 20:00 on the 20th in New York and changed at 21:00 on the 21st, the story
    showed "Written 2026-11-21, changed 2026-11-22": the UTC days of the times the file
    keeps. They are the days in the reader's zone, as a rating's day was before ratings kept
    their zone; the JSON keeps the instants."""
    fields = ("--situation", "s", "--task", "t", "--action", "a", "--result", "r")
    env = {"TZ": "America/New_York", "EMPREP_NOW": "2026-11-20T20:00"}
    assert run("story", "add", "--title", "Launch", *fields, env=env).code == 0
    env["EMPREP_NOW"] = "2026-11-21T21:00"
    assert run("story", "edit", "s1", "--result", "Shipped", env=env).code == 0
    shown = run("story", "show", "s1", env=env).stdout.splitlines()
    assert shown[1] == "Written 2026-11-20, changed 2026-11-21"
    doc = json.loads(run("story", "show", "s1", "--format", "json", env=env).stdout)
    assert (doc["created"], doc["updated"]) == ("2026-11-21T01:00:00Z", "2026-11-22T02:00:00Z")


def test_stories_survive_the_file_round_trip(pack: Pack) -> None:
    p = stories.add(
        Progress(),
        stories.Draft(
            {"title": "T", "situation": "Two\nlines", "task": "k", "action": "a", "result": "r"},
            ["leadership"],
            ["com-hiring"],
        ),
        MOMENT,
    )
    assert store.parse(progress_text.dumps(p), Path("x.toml")) == p


def test_an_unknown_story_with_none_yet_points_to_story_add(isolated: Path) -> None:
    """With no story at all, "list them with 'emprep story list'" led to an empty list."""
    r = run("story", "show", "1")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: unknown story '1': no stories yet; add one with 'emprep story add'\n",
    )
    add("One")
    r = run("story", "show", "s2")
    assert r.stderr == (
        "emprep: error: unknown story 's2': your stories are s1; "
        "list them with 'emprep story list'\n"
    )


def test_coverage_arithmetic(pack: Pack) -> None:
    p = stories.add(
        Progress(),
        stories.Draft(
            {"title": "a", "situation": "s", "task": "t", "action": "a", "result": "r"},
            ["conflict-resolution"],
            ["com-hiring", "str-pm-disagreements"],
        ),
        MOMENT,
    )
    p = stories.add(
        p,
        stories.Draft(
            {"title": "b", "situation": "s", "task": "t", "action": "a", "result": "r"},
            ["strategic"],
            [],
        ),
        MOMENT,
    )
    cov = stories.coverage(pack, p.stories, pack.questions)
    rows = {row.competency.id: row for row in cov.competencies}
    # s1 names conflict resolution; its two questions test these criteria:
    hiring = pack.question("com-hiring").criteria
    pm = pack.question("str-pm-disagreements").criteria
    implied = set(hiring) | set(pm)
    for c in pack.competencies:
        row = rows[c.id]
        testing = [q for q in pack.questions if c.name in q.criteria]
        if not c.is_group:
            assert row.questions == len(testing)
        expected_s1 = c.id == "conflict-resolution" or c.name in implied
        if c.is_group:
            members = {m.name for m in pack.competencies if m.group == c.id}
            expected_s1 = bool(members & (implied | {"Conflict resolution"}))
        assert ("s1" in row.stories) == expected_s1, c.id
        assert ("s2" in row.stories) == (c.id == "strategic"), c.id
    assert rows["conflict-resolution"].named == ["s1"]
    assert rows["strategic"].named == ["s2"]
    assert cov.scope - len(cov.unanswered) == 2
    assert {q.id for q in pack.questions} - {q.id for q in cov.unanswered} == {
        "com-hiring",
        "str-pm-disagreements",
    }
    assert [(r.story.id, r.questions) for r in cov.stories] == [("s1", 2), ("s2", 0)]
    gap_sizes = [g.questions for g in cov.gaps]
    assert gap_sizes == sorted(gap_sizes, reverse=True)
    assert all(not g.stories for g in cov.gaps)
    assert len(cov.gaps) + sum(bool(r.stories) for r in cov.competencies) == 24
    by_round = {r.round.id: r for r in cov.rounds}
    assert by_round["people"].stories == ["s1"]
    assert by_round["strategic"].stories == ["s1"]
    assert by_round["recruiter"].stories == []
    assert by_round["strategic"].answered == 1


def test_coverage_command_tells_the_gaps(isolated: Path) -> None:
    add("Only one", "--competencies", "leadership", "--questions", "com-hiring")
    doc = json.loads(run("story", "coverage", "--format", "json").stdout)
    assert doc["stories"] == json.loads(run("progress", "--format", "json").stdout)["stories"]
    assert doc["stories"]["stories"] == 1
    assert doc["stories"]["questions_with_story"] == 1
    assert doc["stories"]["questions"] == len(load_pack().questions)
    assert doc["story_reach"] == [
        {"id": "s1", "title": "Only one", "questions": 1, "competencies": 3}
    ]
    pack = load_pack()
    tested = {
        g.id: sum(bool(set(g.criteria) & set(q.criteria)) for q in pack.questions)
        for g in pack.criteria_groups
        if g.id != "leadership"
    }
    assert doc["stories"]["gaps"][:2] == sorted(tested, key=lambda g: -tested[g])[:2]
    out = run("story", "coverage").stdout.splitlines()
    n = len(pack.questions)
    assert out[0] == f"1 story: 1 of {n} questions has one; 3 of 24 competencies are shown"
    assert "  s1   Only one: answers 1 question, shows 3 competencies" in out
    assert (
        f"Questions no story answers ({n - 1}), those asking for a story first, worst gaps first"
        in out
    )


def test_the_questions_a_story_answers_lead_the_gaps(isolated: Path) -> None:
    """Before: the questions no story answers were ordered by the competencies they test
    alone, so two design questions led the list and an opinion or a question for the
    interviewer (`rec-questions-for-us`) came among them: no story answers those."""
    add("Cutting video start time", "--competencies", "technical")
    out = run("story", "coverage", env=NOW).stdout.splitlines()
    start = out.index(
        "Questions no story answers (108), those asking for a story first, worst gaps first"
    )
    listed = [line.removeprefix("  - ").split(":")[0] for line in out[start + 1 : start + 109]]
    stories = [q.id for q in load_pack().questions if "Behavioral" in q.tags]
    assert len(stories) == 33
    assert sorted(listed[:33]) == sorted(stories)
    assert listed[:3] == ["com-complex-project", "com-difficult-decision", "tech-ambiguous-problem"]
    assert listed[33:35] == ["tech-ab-testing", "tech-design-autograder"]
    assert listed.index("rec-questions-for-us") > 33
    doc = json.loads(run("story", "coverage", "--format", "json", env=NOW).stdout)
    assert doc["questions_without_story"] == listed


def test_a_round_behind_the_candidate_is_no_gap_and_the_next_story_is_said(isolated: Path) -> None:
    """The screen logged, its own questions (the recruiter's questions for us first among the
    gaps) were still the stories to write four days before the onsite; and nothing said in
    words which story to write next."""
    for key, value in (("interview", "2027-04-06"), ("interview.rec", "2027-03-31")):
        assert run("config", "set", key, value, env={"EMPREP_NOW": "2027-03-20T09:00"}).code == 0
    add("Cutting video start time", "--competencies", "technical")

    def covered(now: str) -> tuple[list[str], dict[str, Any], dict[str, Any]]:
        at = {"EMPREP_NOW": now}
        doc = json.loads(run("story", "coverage", "--format", "json", env=at).stdout)
        report = json.loads(run("progress", "--format", "json", env=at).stdout)
        return run("story", "coverage", env=at).stdout.splitlines(), doc, report

    nxt = "Next: a story that shows {}; {} questions test it: emprep story add --competencies {}"
    out, doc, report = covered("2027-03-31T09:00")  # the screen's morning: all 108 ahead
    assert out[:2] == ["1 story: 0 of 108 questions have one; 1 of 24 competencies is shown", ""]
    assert "rec-questions-for-us" in doc["questions_without_story"]
    assert out[-1] == nxt.format(
        "Technical leadership (Technical Deep Dive)", 34, "technical-leadership"
    )
    assert (
        run(
            "rounds",
            "log",
            "rec",
            "--asked",
            "rec-why-coursera",
            env={"EMPREP_NOW": "2027-03-31T15:00"},
        ).code
        == 0
    )
    for now in ("2027-03-31T15:00", "2027-04-02T23:30"):  # logged on its day, then past
        out, doc, report = covered(now)
        assert out[:3] == [
            "1 story: 0 of 98 questions have one; 1 of 24 competencies is shown",
            "The Recruiter/HR Interview is behind you: the questions only it asks are left out.",
            "",
        ]
        assert doc["stories"] == report["stories"]
        assert doc["stories"]["questions"] == 98
        only_recruiter = {q.id for q in load_pack().questions if q.rounds == ["recruiter"]}
        assert len(only_recruiter) == 10
        assert not only_recruiter & set(doc["questions_without_story"])
        assert len(doc["questions_without_story"]) == 98
        assert out[-1] == nxt.format(
            "Technical leadership (Technical Deep Dive)", 34, "technical-leadership"
        )
    out, doc, report = covered("2027-04-07T09:00")  # the loop over: the whole bank again
    assert out[0] == "1 story: 0 of 108 questions have one; 1 of 24 competencies is shown"
    assert doc["stories"]["questions"] == report["stories"]["questions"] == 108


def test_empty_coverage_says_how_to_start() -> None:
    out = run("story", "coverage").stdout.splitlines()
    assert out[:5] == [
        "No STAR stories yet",
        "Add your first with: emprep story add",
        "",
        "Competencies no story shows, most-tested first",
        "  - Leadership & People Management: 56 questions test it",
    ]
    assert len(out) == 4 + 24  # every competency, and no question list of the whole bank


def test_an_unknown_competency_points_to_a_list_there_before_the_first_story() -> None:
    """`story add --competencies nope` said "see them all with 'emprep story coverage'", which
    before the first story printed only "No STAR stories yet": the names were nowhere."""
    bad = run("story", "add", "--title", "t", *STAR_FLAGS, "--competencies", "nope")
    assert bad.code == 2
    assert bad.stderr == (
        "emprep: error: unknown competency 'nope': see them all with 'emprep story coverage'\n"
    )
    listed = run("story", "coverage").stdout
    assert "  - Conflict resolution (People Management & Leadership): 6 questions test it" in listed
    added = run(
        "story", "add", "--title", "t", *STAR_FLAGS, "--competencies", "Conflict resolution"
    )
    assert added.code == 0
    assert "(shows 2 competencies, answers 0 questions)" in added.stdout


BAD = [
    (
        ["story", "show", "s9"],
        "unknown story 's9': your stories are s1; list them with 'emprep story list'",
    ),
    (["story", "link", "s1", "nope"], "unknown question 'nope'"),
    (
        ["story", "add", "--title", "", *STAR_FLAGS],
        "the story's title cannot be empty; give --title",
    ),
    (
        ["story", "add", "--title", "x", *STAR_FLAGS, "--competencies", "charm"],
        "unknown competency 'charm'",
    ),
    (["story", "add", "--title", "x"], "not a terminal, so nothing is asked: give --situation"),
    (["story", "rm", "s1"], "not a terminal, so nothing is asked: add --yes to delete s1"),
    (["story", "unlink", "s1", "com-mentor"], "story s1 is not linked to com-mentor"),
    (["story", "edit", "s1"], "not a terminal, so no editor is opened"),
    (["story", "add", "--from", "/no/such/file"], "--from /no/such/file: cannot be read"),
    (
        ["mock", "--round", "people", "--minutes", "0"],
        "--minutes must be a whole number from 1 to 600 (got 0)",
    ),
    (["mock", "--round", "manager"], "unknown round 'manager'"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_bad_input_leaves_the_file_untouched(isolated: Path, args: list[str], message: str) -> None:
    add("Kept", "--questions", "com-hiring")
    before = isolated.read_bytes()
    r = run(*args, env=NOW)
    assert r.code == 2
    assert r.stderr.startswith(f"emprep: error: {message}"), r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert isolated.read_bytes() == before


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        # no competency is spelt like it: the ones most of the questions on it test
        ("hiring", "the questions on hiring test 'team-building-and-development'; "),
        (
            "feedback",
            "the questions on feedback test 'people-management-skills' and "
            "'performance-management'; ",
        ),
        # a word of a competency's name
        ("design", "did you mean 'system-design-and-architecture'? "),
        ("vision", "did you mean 'leadership-vision'? "),
        # a typo, as before
        ("leadrship", "did you mean 'leadership'? "),
        # nothing near it: the list's place, as before
        ("charm", ""),
    ],
)
def test_an_unknown_competency_says_the_ones_it_may_mean(
    isolated: Path, word: str, meant: str
) -> None:
    """`--competencies hiring` said only "see them all with 'emprep story coverage'": no
    competency is spelt like it, and a typo's did-you-mean found none, while "Team building and
    development" is what the bank's questions on hiring test."""
    r = run("story", "add", "--title", "x", *STAR_FLAGS, "--competencies", word, env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        f"emprep: error: unknown competency '{word}': {meant}see them all with "
        "'emprep story coverage'\n",
    )
    assert not isolated.exists()


def test_a_story_in_a_broken_file_is_never_written_over(isolated: Path) -> None:
    add("Mine")
    isolated.write_bytes(isolated.read_bytes().replace(b'title = "Mine"', b'title = ""'))
    broken = isolated.read_bytes()
    r = run("story", "add", "--title", "New", *STAR_FLAGS, env=NOW)
    assert r.code == 2
    assert "stories[0].title" in r.stderr
    assert isolated.read_bytes() == broken


def test_a_link_to_a_question_the_pack_no_longer_has_can_be_taken_off(isolated: Path) -> None:
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    now = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    assert (
        run("story", "add", "--title", "Old", *star, "--questions", "com-hiring", env=now).code == 0
    )
    isolated.write_bytes(
        isolated.read_bytes().replace(b'"com-hiring"', b'"com-retired", "com-hiring"')
    )
    r = run("story", "unlink", "s1", "com-retired", env=now)
    assert (r.code, r.stdout) == (0, "Unlinked com-retired from s1; it answers 1 question.\n")
    assert store.load(isolated).stories[0].questions == ["com-hiring"]
    r = run("story", "unlink", "s1", "com-nowhere", env=now)
    assert r.code == 2 and r.stderr.startswith("emprep: error: unknown question 'com-nowhere'")


def test_link_and_unlink_take_ids_comma_separated_as_questions_does(isolated: Path) -> None:
    """`story add --questions a,b` and then `story link s1 c,d` (the same habit) was refused:
    "unknown question 'c,d': did you mean 'd'?"."""
    add("Reorg")
    r = run("story", "link", "s1", "remote-underperformer,ppl-performance-reviews", "com-hiring")
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout == (
        "Linked s1 to remote-underperformer, ppl-performance-reviews, com-hiring; "
        "it answers 3 questions.\n"
    )
    r = run("story", "unlink", "s1", "com-hiring, remote-underperformer")
    assert (r.code, r.stdout) == (
        0,
        "Unlinked com-hiring, remote-underperformer from s1; it answers 1 question.\n",
    )
    assert store.load(isolated).stories[0].questions == ["ppl-performance-reviews"]
    r = run("story", "link", "s1", "com-hiring,com-hirnig")
    assert r.code == 2 and r.stderr.startswith("emprep: error: unknown question 'com-hirnig'")
    assert store.load(isolated).stories[0].questions == ["ppl-performance-reviews"]


def test_ids_in_one_word_apart_at_spaces_are_taken_as_at_commas(isolated: Path) -> None:
    """`story link s1 "a b"` (a list pasted in quotes) was refused, "unknown question 'a b'",
    while "a,b" was taken: an id holds no space, so a space parts ids as a comma does, in
    `story link`, `unlink` and `--questions`; a typo among them is still refused."""
    add("Reorg", "--questions", "com-hiring ppl-performance-reviews")
    assert store.load(isolated).stories[0].questions == ["com-hiring", "ppl-performance-reviews"]
    r = run("story", "link", "s1", "remote-underperformer  com-team-conflict,\tcom-hiring")
    assert (r.code, r.stderr, r.stdout) == (
        0,
        "",
        "Linked s1 to remote-underperformer, com-team-conflict (com-hiring already); it "
        "answers 4 questions.\n",
    )
    r = run("story", "unlink", "s1", "com-hiring remote-underperformer")
    assert (r.code, r.stdout) == (
        0,
        "Unlinked com-hiring, remote-underperformer from s1; it answers 2 questions.\n",
    )
    r = run("story", "link", "s1", "com-hiring com-hirnig")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: unknown question 'com-hirnig': did you mean 'com-hiring'? list the ids "
        "with 'emprep questions'\n",
    )
    assert store.load(isolated).stories[0].questions == [
        "ppl-performance-reviews",
        "com-team-conflict",
    ]


def test_show_lists_every_competency_the_saved_message_counts(isolated: Path) -> None:
    """`story add` says "shows 4 competencies"; `story show` lists those four, not one."""
    saved = add(
        "Rescue", "--competencies", "Technical Acumen", "--questions", "tech-design-feature"
    )
    assert saved.startswith("Saved story s1: Rescue (shows 4 competencies, answers 1 question).")
    shown = run("story", "show", "s1").stdout
    part = shown.split("Competencies it shows\n")[1].split("\n\n")[0]
    assert part.splitlines() == [
        "  - Technical Acumen",
        "  - Technical leadership (Technical Deep Dive): through a question it answers",
        "  - System design and architecture (Technical Deep Dive): through a question it answers",
        "  - Problem-solving abilities (Technical Deep Dive): through a question it answers",
    ]


def test_a_group_is_taken_by_the_name_coverage_lists(isolated: Path) -> None:
    """Coverage lists "Technical Acumen"; --competencies takes that name, not only the id."""
    assert "  - Technical Acumen: 36 questions test it" in run("story", "coverage").stdout
    add("Rescue", "--competencies", "Technical Acumen, leadership & people management")
    doc = json.loads(run("story", "show", "s1", "--format", "json").stdout)
    assert doc["competencies"] == ["technical", "leadership"]


def test_show_names_the_round_of_a_criterion_it_names_as_of_one_it_implies(isolated: Path) -> None:
    add("Reorg", "--competencies", "people-management-skills")
    shown = run("story", "show", "s1").stdout
    part = shown.split("Competencies it shows\n")[1].split("\n\n")[0]
    assert part.splitlines() == [
        "  - People management skills (People Management & Leadership)",
        "  - Leadership & People Management: through one of its criteria",
    ]


def test_a_competency_one_question_tests_is_said_in_the_singular(pack_copy: Path) -> None:
    """A pack where one question alone tests a competency said "1 question test it"."""
    import tomllib

    import tomli_w

    path = pack_copy / "questions.toml"
    doc = tomllib.loads(path.read_text())
    testing = [q for q in doc["question"] if "Executive presence" in q["criteria"]]
    for q in testing[1:]:  # the first keeps it; the others test their next criterion instead
        q["criteria"].remove("Executive presence")
        for point in q["points"]:
            if point["criterion"] == "Executive presence":
                point["criterion"] = q["criteria"][0]
    path.write_text(tomli_w.dumps(doc))
    out = run("--data", str(pack_copy), "story", "coverage").stdout.splitlines()
    assert "  - Executive presence (Executive Leadership Interview): 1 question tests it" in out
    assert "  - Conflict resolution (People Management & Leadership): 6 questions test it" in out


def test_the_readmes_template_is_a_story_and_another_form_is_told_the_headings(
    isolated: Path, tmp_path: Path
) -> None:
    """A file written as "Title: ..." got "text before the first heading" and the editor
    command, and neither the README nor --help showed what the headings are: from a script
    the template's form could not be found. The README shows it, and the line names them."""
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    block = readme.split("  saying where. The template is a heading")[1].split("```text\n")[1]
    story = tmp_path / "story.txt"
    story.write_text(
        "".join(line.removeprefix("  ") + "\n" for line in block.split("```")[0].splitlines())
    )
    r = run("story", "add", "--from", str(story), env=NOW)
    assert (r.code, r.stderr) == (0, "")
    shown = json.loads(run("story", "show", "s1", "--format", "json").stdout)
    assert (shown["title"], shown["result"], shown["questions"]) == (
        "The on-call we fixed",
        "Pages fell from 25 to 6 a week.",
        ["tech-oncall-ownership", "ppl-burnout"],
    )
    before = isolated.read_bytes()
    other = tmp_path / "other.txt"
    other.write_text("Title: The on-call we fixed\nSituation: On-call paged all week.\n")
    r = run("story", "add", "--from", str(other), env=NOW)
    assert (r.code, r.stdout, r.stderr) == (
        2,
        "",
        "emprep: error: text before the first heading: 'Title: The on-call we fixed'; each part "
        "goes on the lines under its heading, a heading alone on its line: [title], [situation], "
        "[task], [action], [result], [competencies], [questions]; finish it with: emprep story "
        f"add --from {other} --editor\n",
    )
    assert isolated.read_bytes() == before
