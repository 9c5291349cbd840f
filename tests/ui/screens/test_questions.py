"""`emprep questions ID`: one question in full, the candidate's note and its practice."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pexpect
import pytest
from conftest import run, spawn

from emprep.core.pack import Pack
from emprep.core.scheduler import record
from emprep.storage import store

NOW = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
LATER = {"EMPREP_NOW": "2026-11-22T09:00:00+00:00"}


def test_one_question_in_full_before_any_practice(pack: Pack) -> None:
    r = run("questions", "rec-why-c", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    q = pack.question("rec-why-coursera")
    assert r.stdout == "\n".join(
        [
            "rec-why-coursera",
            "  Why are you interested in Coursera?",
            "",
            "Rounds: Recruiter/HR Interview (recruiter); placed by the guide",
            "Source: guide",
            "Difficulty: core · 2 min",
            "Criteria: Cultural fit · Communication skills",
            "Tags: Motivation",
            "",
            "A strong answer covers",
            *(f"  {n}. {p.text} [{p.criterion}]" for n, p in enumerate(q.points, start=1)),
            "",
            "They will ask next",
            *(f"  - {f}" for f in q.follow_ups),
            "",
            "Red flags",
            *(f"  - {f.text} [{f.reason}]" for f in q.red_flags),
            "",
            f"The bar: {q.bar}",
            "",
            "Answer outline",
            "  1. Lead with the one-sentence reason",
            "  2. The evidence you looked at (a product, a number, a launch)",
            "  3. Why this team and this role now",
            "  4. Close with what you would bring",
            "",
            "Your note: none yet (emprep note rec-why-coursera)",
            "",
            "Your stories for it: none yet (emprep story link ID rec-why-coursera)",
            "",
            "Practice",
            "  Not practised yet; no deadline ahead (emprep config set interview YYYY-MM-DD).",
            "  Rate an answer to it: emprep review rec-why-coursera RATING",
            "",
        ]
    )


def test_an_outline_is_a_list_of_capitalised_steps(pack: Pack) -> None:
    """The pack writes an outline as one sentence (`a · b · c.`); listed a step a line, each
    starts with a capital and the last loses the sentence's full stop; a term keeps its case."""
    from emprep.ui.screens.questions import outline_steps

    q = replace(pack.question("rec-why-coursera"), outline="p99 first · a fix, 2 min · stop.")
    assert outline_steps(q) == ["p99 first", "A fix, 2 min", "Stop"]
    q = replace(q, outline="iOS first · follow-up: one-on-ones · the rest")
    assert outline_steps(q) == ["iOS first", "Follow-up: one-on-ones", "The rest"]
    assert outline_steps(replace(q, outline="5 min requirements · e.g. a learner.")) == [
        "5 min requirements",
        "e.g. a learner",
    ]


def test_a_commonly_asked_question_says_so_in_the_guides_words() -> None:
    """The guide lists ten "Commonly Asked Questions" under no round; the screen said "common
    to every round", which sent candidates to expect them in all five."""
    facts = run("questions", "com-online-education").stdout.split("\n\n")[1].splitlines()
    assert facts[:3] == [
        "Rounds: Recruiter/HR Interview (recruiter), Strategic & Product Alignment (strategic); "
        "placed by emprep",
        "Source: guide, commonly asked",
        "Difficulty: core · 4 min",
    ]
    track = run("questions", "hub-talent-market").stdout.split("\n\n")[1].splitlines()
    assert track[1] == "Source: guide, hub track"
    listed = run("rounds", "people").stdout.splitlines()
    conflict = "Tell me about a time you had to manage a conflict within your team."
    assert f"  - com-team-conflict: {conflict} How did you resolve it? (guide, commonly asked)" in (
        listed
    )


def test_the_practice_state_is_the_drills_own(isolated: Path) -> None:
    run("config", "set", "interview", "2027-01-15")
    assert run("review", "rec-why-coursera", "good", "--seconds", "95", env=NOW).code == 0
    run("note", "rec-why-coursera", "--text", "Mission: free, open learning.\nStory s1.")
    r = run("questions", "rec-why-coursera", env=LATER)
    assert r.stdout.split("Answer outline\n")[1].splitlines()[5:] == [
        "Your note",
        "  Mission: free, open learning.",
        "  Story s1.",
        "",
        "Your stories for it: none yet (emprep story link ID rec-why-coursera)",
        "",
        "Practice",
        "  Reviewed 1 time, last Good on 2026-11-20; next due 2026-11-22.",
        "  Recall now 91%; at its deadline (2027-01-15) 61%.",
    ]
    doc = json.loads(run("questions", "rec-why-coursera", "--format", "json", env=LATER).stdout)
    drill = json.loads(
        run("drill", "--list", "--count", "10", "--format", "json", env=LATER).stdout
    )
    [item] = [i for i in drill["items"] if i["id"] == "rec-why-coursera"]
    assert doc["state"] == {
        "reviews": 1,
        "last_rating": 3,
        "last_review": "2026-11-20T09:00:00Z",
        "due": item["due"],
        "deadline": item["deadline"],
        "recall_now": item["recall_now"],
        "recall_interview": item["recall_interview"],
        "rounds_over": None,
        "skipped": None,
    }
    assert (item["due"], item["deadline"]) == ("2026-11-22", "2027-01-15")
    assert item["recall_now"] == 0.909 and item["recall_interview"] == 0.609
    bank = json.loads(run("questions", "--format", "json").stdout)["questions"]
    [same] = [q for q in bank if q["id"] == "rec-why-coursera"]
    assert doc == {**same, "stories": [], "state": doc["state"]}
    assert doc["note"] == "Mission: free, open learning.\nStory s1."


def test_the_stories_linked_to_it_are_named_as_the_drill_names_them(isolated: Path) -> None:
    """The mock's and the drill's reveals named the stories linked to a question; `questions
    ID`, where a candidate reads a question in full, named none. Now after the note, in story
    order, each title on one line; the JSON has their ids, as a mock item's `stories`."""
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    for title in ["The values call", "Why we\tstayed"]:
        r = run("story", "add", "--title", title, *star, "--questions", "rec-mission-values")
        assert r.code == 0, r.stderr
    assert run("story", "add", "--title", "Other", *star, "--questions", "com-hiring").code == 0
    r = run("questions", "rec-mission-values", env=NOW)
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.split("Your note: none yet (emprep note rec-mission-values)\n\n")[1] == (
        "\n".join(
            [
                "Your stories for it",
                "  - s1: The values call",
                "  - s2: Why we stayed",
                "",
                "Practice",
                "  Not practised yet; no deadline ahead (emprep config set interview YYYY-MM-DD).",
                "  Rate an answer to it: emprep review rec-mission-values RATING",
                "",
            ]
        )
    )
    doc = json.loads(run("questions", "rec-mission-values", "--format", "json").stdout)
    assert list(doc)[-3:] == ["note", "stories", "state"]
    assert doc["stories"] == ["s1", "s2"]
    other = json.loads(run("questions", "com-hiring", "--format", "json").stdout)
    assert other["stories"] == ["s3"]


def test_of_two_ratings_at_one_instant_the_last_given_is_the_last(isolated: Path) -> None:
    """Two machines sharing one progress file, one clock three minutes behind: its Hard, given
    after the other's Good, is stamped at the Good's time (a review cannot go before the last).
    `questions ID` then said "last Good", while `undo` takes back the Hard, the log's last line;
    and `review` said nothing of the time it took (across midnight, another day's)."""
    run("config", "set", "interview", "2027-01-15")
    ahead = {"EMPREP_NOW": "2026-11-20T09:03:00+00:00"}
    assert run("review", "rec-why-coursera", "good", env=ahead).code == 0
    behind = run("review", "rec-why-coursera", "hard", env=NOW)
    assert (behind.code, behind.stdout.split(". Next review")[0]) == (
        0,
        "Recorded rec-why-coursera: Hard, at 2026-11-20 09:03, the time of its last review: "
        "this clock (2026-11-20 09:00) is behind the one that gave it",
    )
    practice = run("questions", "rec-why-coursera", env=ahead).stdout.split("Practice\n")[1]
    assert practice.startswith("  Reviewed 2 times, last Hard on 2026-11-20; next due ")
    doc = json.loads(run("questions", "rec-why-coursera", "--format", "json", env=ahead).stdout)
    assert (doc["state"]["last_rating"], doc["state"]["last_review"]) == (
        2,
        "2026-11-20T09:03:00Z",
    )
    assert run("undo", env=ahead).stdout.startswith(
        "Took back rec-why-coursera: Hard (2026-11-20 09:03)"
    )


def test_a_merged_questions_reviews_count_for_its_heir(isolated: Path) -> None:
    at = datetime(2026, 11, 18, 9, tzinfo=UTC)
    store.update(isolated, lambda p: record(p, "rec-management-style", 2, seconds=60, now=at))
    r = run("questions", "rec-management-style", env=NOW)  # the old id names its heir
    assert r.stdout.startswith("exe-leadership-philosophy\n")
    late = "  Reviewed 1 time, last Hard on 2026-11-18; due since 2026-11-19 (overdue).\n"
    assert late in r.stdout
    doc = json.loads(run("questions", "exe-leadership-p", "--format", "json", env=NOW).stdout)
    assert (doc["id"], doc["state"]["reviews"], doc["state"]["last_rating"]) == (
        "exe-leadership-philosophy",
        1,
        2,
    )
    assert doc["state"]["deadline"] is None and doc["state"]["recall_interview"] is None
    assert 0 < doc["state"]["recall_now"] < 1


def test_a_question_whose_rounds_end_first_says_what_review_and_the_drill_say(
    isolated: Path,
) -> None:
    """A recruiter question with the screen on the 24th and the loop on 10 December: `review`
    said "Next review: none" while `questions ID` promised FSRS's day; once the screen was
    past it advised setting an interview date already set."""
    run("config", "set", "interview", "2026-12-10")
    run("config", "set", "interview.recruiter", "2026-11-24")
    r = run("review", "rec-em-experience", "easy", env=NOW)
    assert r.stdout == (
        "Recorded rec-em-experience: Easy. Next review: none; FSRS's (2026-11-28) falls after "
        "its last round (2026-11-24).\n"
    )
    shown = run("questions", "rec-em-experience", env=NOW).stdout.splitlines()[-2:]
    assert shown == [
        "  Reviewed 1 time, last Easy on 2026-11-20; next review none: FSRS's (2026-11-28) "
        "falls after its last round (2026-11-24).",
        "  Recall now 100%; at its deadline (2026-11-24) 94%.",
    ]
    after = {"EMPREP_NOW": "2026-11-26T09:00:00+00:00"}
    assert run("questions", "rec-why-leaving", env=after).stdout.splitlines()[-2] == (
        "  Not practised yet; its rounds are over (the last on 2026-11-24): the drill leaves it "
        "until the loop is over."
    )
    doc = json.loads(run("questions", "rec-em-exp", "--format", "json", env=after).stdout)
    assert (doc["state"]["due"], doc["state"]["deadline"]) == ("2026-11-28", None)
    assert (doc["state"]["rounds_over"], doc["state"]["skipped"]) == ("2026-11-24", "2026-11-24")


def test_a_review_due_after_a_single_interview_day_keeps_its_date(isolated: Path) -> None:
    """One date for the whole loop, a question rated a week before it whose next review falls
    after it: no "Next review: none" (that is for a round over before the loop is): the drill,
    plain FSRS once the loop is over, gives it on its day, as the README says."""
    run("config", "set", "interview", "2026-11-27", env=NOW)
    r = run("review", "rec-em-experience", "easy", "--format", "json", env=NOW)
    doc = json.loads(r.stdout)
    assert (doc["due"], doc["next_review"], doc["skipped"], doc["deadline"]) == (
        "2026-11-28",
        "2026-11-28",
        None,
        "2026-11-27",
    )
    r = run("review", "rec-em-experience", "easy", env=NOW)
    assert r.stdout == "Recorded rec-em-experience: Easy. Next review 2026-12-03.\n"


def test_on_its_rounds_day_the_recall_is_now_only(isolated: Path) -> None:
    """As the drill's card: "at its deadline (2026-11-24)" at 14:00 on the 24th was this
    morning's 09:00, already past."""
    run("config", "set", "interview", "2026-12-10")
    run("config", "set", "interview.recruiter", "2026-11-24")
    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    day = {"EMPREP_NOW": "2026-11-24T14:00:00+00:00"}
    last = run("questions", "rec-why-coursera", env=day).stdout.splitlines()[-1]
    assert last == "  Recall now 85%; its round is today."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rec-why-corusera"],
            "unknown question 'rec-why-corusera': did you mean 'rec-why-coursera'? "
            "list the ids with 'emprep questions'",
        ),
        (
            ["rec-why"],
            "question 'rec-why' is ambiguous: it could be rec-why-coursera, rec-why-leaving, "
            "rec-why-management; give more of the id (emprep questions lists them)",
        ),
        (
            ["tech-"],
            "question 'tech-' is ambiguous: it could be tech-design-feature, "
            "tech-improve-performance, tech-tradeoff, tech-design-progress-tracking, "
            "tech-perf-catalog-search and 26 more; give more of the id "
            "(emprep questions lists them)",
        ),
        (
            ["tech-kafka", "--round", "technical"],
            "--round filters the bank, and ID names one question: give one or the other "
            "(emprep questions tech-kafka)",
        ),
    ],
)
def test_a_bad_id_is_one_line_exit_2(args: list[str], message: str) -> None:
    r = run("questions", *args)
    assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n")


def test_an_id_with_an_export_format_exports_that_question(tmp_path: Path) -> None:
    r = run("questions", "rec-why-coursera", "--format", "csv")
    assert r.stdout.splitlines()[0].startswith("id,")
    assert [line.split(",")[0] for line in r.stdout.splitlines()[1:2]] == ["rec-why-coursera"]
    out = tmp_path / "one.json"
    r = run("questions", "rec-why-coursera", "--format", "json", "--output", str(out))
    assert (r.code, r.stdout) == (0, "")
    assert json.loads(out.read_text())["state"]["reviews"] == 0


def test_output_without_a_file_format_names_every_format_an_id_can_write() -> None:
    """The refusal named json alone, while md, csv, anki and apkg write the question too."""
    r = run("questions", "rec-why-coursera", "--output", "one.txt")
    assert (r.code, r.stdout) == (2, "")
    assert r.stderr == (
        "emprep: error: --output writes a file in one of these formats: anki, apkg, csv, json, "
        "md; give it with --format, or end the file's name with one (say --output emprep.tsv)\n"
    )


def test_at_60_columns_labels_and_steps_wrap_under_their_text(isolated: Path) -> None:
    child = spawn(["questions", "tech-play"], isolated, NOW["EMPREP_NOW"], width=60)
    child.expect(pexpect.EOF)
    lines = [line.rstrip() for line in child.before.replace("\r\n", "\n").split("\n")]
    assert lines[:12] == [
        "tech-play-scala-migration",
        "  Suppose part of our backend still runs on Play/Scala while",
        "  new services are written in modern Java. How would you",
        "  decide what to migrate, when and with whom, without",
        "  stalling the roadmap?",
        "",
        "Rounds: Technical Deep Dive (technical); placed by emprep",
        "Source: authored",
        "Difficulty: m4 · 10 min",
        "Criteria: Technical leadership · Understanding of software",
        "          development best practices",
        "Tags: Migration, Java, Scala, Technical Leadership",
    ]
    assert all(len(line) <= 60 for line in lines)


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (
            60,
            [
                "  3. Candidate generation, then ranking, then business rules",
                "     (language, already enrolled, degree paths, partner",
                "     fairness), each replaceable on its own.",
                "     [System design and architecture]",
            ],
        ),
        (
            40,
            [
                "  3. Candidate generation, then ranking,",
                "     then business rules (language,",
                "     already enrolled, degree paths,",
                "     partner fairness), each replaceable",
                "     on its own.",
                "     [System design and architecture]",
            ],
        ),
        (
            40,  # a tag wider than a line's room is cut at its spaces, as any text
            [
                "  - Draws boxes for the whole time and",
                "    never says what ships first, who",
                "    owns the model in production or",
                "    where the design should be in a",
                "    year. [Inability to articulate",
                "    technical vision]",
            ],
        ),
    ],
)
def test_a_points_criterion_is_kept_whole_where_it_fits(
    isolated: Path, width: int, lines: list[str]
) -> None:
    """At 60 columns "[System design and" / "architecture]" read as two tags: the tag goes
    down whole where a line can hold it; the copied text has plain spaces."""
    child = spawn(["questions", "tech-design-feature"], isolated, NOW["EMPREP_NOW"], width=width)
    child.expect(pexpect.EOF)
    shown = child.before.replace("\r\n", "\n").split("\n")
    start = shown.index(lines[0])
    assert shown[start : start + len(lines)] == lines
    assert "\xa0" not in child.before and "\ue000" not in child.before


def test_a_review_past_its_due_day_is_said_overdue_not_next(isolated: Path) -> None:
    """Rated Good on 11-20, due 11-22, looked at on 12-03: "next due 2026-11-22" named a day
    eleven days gone as the next one. It says since when it is due."""
    run("config", "set", "interview", "2027-01-15")
    assert run("review", "rec-why-coursera", "good", env=NOW).code == 0
    on_time = run("questions", "rec-why-coursera", env=LATER).stdout
    assert "  Reviewed 1 time, last Good on 2026-11-20; next due 2026-11-22.\n" in on_time
    late = run("questions", "rec-why-coursera", env={"EMPREP_NOW": "2026-12-03T09:00:00Z"})
    assert "  Reviewed 1 time, last Good on 2026-11-20; due since 2026-11-22 (overdue).\n" in (
        late.stdout
    )


def test_a_note_edited_with_form_feeds_or_nel_shows_them_as_escapes_not_line_breaks(
    isolated: Path,
) -> None:
    """`str.splitlines` broke a note at a vertical tab, a form feed, \\x1c-\\x1e and NEL
    (\\x85) too: on the screen and in the study sheet those became line breaks instead of the
    escapes every other control character is shown as."""
    run("note", "rec-why-coursera", "--text", "placeholder")
    edited = '"a\\u000bb\\u000cc\\u001cd\\u0085e\\nnext\\u001ff"'
    isolated.write_text(isolated.read_text().replace('"placeholder"', edited))
    r = run("questions", "rec-why-coursera", env=NOW)
    assert r.stdout.split("Your note\n")[1].split("\n\n")[0].splitlines() == [
        "  a\\x0bb\\x0cc\\x1cd\\x85e",
        "  next\\x1ff",
    ]
    sheet = run("questions", "--format", "md", env=NOW).stdout
    assert "> a\\\\x0bb\\\\x0cc\\\\x1cd\\\\x85e\\\n> next\\\\x1ff\n" in sheet


@pytest.mark.parametrize("how", ["typed", "in the file"])
def test_a_line_or_paragraph_separator_in_a_note_is_a_line_break_everywhere(
    isolated: Path, how: str
) -> None:
    """A note with U+2028 or U+2029 (pasted from a web page) kept them: one terminal broke the
    line there and another showed nothing, and the study sheet, CSV and JSON kept them inside
    one line. Typed, or in a file an older version wrote, they are line breaks, on the screen
    and in every export alike."""
    typed = "Mission first\u2028the ranking\u2029too"
    if how == "typed":
        assert run("note", "rec-why-coursera", "--text", typed, env=NOW).code == 0
    else:
        run("note", "rec-why-coursera", "--text", "placeholder")
        edited = '"Mission first\\u2028the ranking\\u2029too"'
        isolated.write_text(isolated.read_text().replace('"placeholder"', edited))
    assert store.load(isolated).notes["rec-why-coursera"] == "Mission first\nthe ranking\ntoo"
    r = run("questions", "rec-why-coursera", env=NOW)
    assert "Your note\n  Mission first\n  the ranking\n  too\n\n" in r.stdout
    sheet = run("questions", "--format", "md", env=NOW).stdout
    assert "> Mission first\\\n> the ranking\\\n> too\n" in sheet
    assert ',"Mission first\nthe ranking\ntoo"' in run("questions", "--format", "csv").stdout
    doc = json.loads(run("questions", "rec-why-coursera", "--format", "json").stdout)
    assert doc["note"] == "Mission first\nthe ranking\ntoo"


def test_undo_says_where_it_leaves_a_question_in_review_s_words(isolated: Path) -> None:
    """`review` said "Next review 2026-11-23 (due 2026-11-22, a rest day)." and the undo of a
    later rating of the question, leaving it there, "next review 2026-11-22", a rest day the
    drill does not give it on; one whose last round comes first, a day it will not come."""
    at = {"EMPREP_NOW": "2026-11-20T09:00"}  # a Friday
    for key, value in [("interview", "2027-01-15"), ("rest-days", "sat,sun")]:
        assert run("config", "set", key, value, env=at).code == 0
    rested = "next review 2026-11-23 (due 2026-11-22, a rest day)"
    assert run("review", "rec-why-coursera", "good", env=at).stdout == (
        f"Recorded rec-why-coursera: Good. N{rested[1:]}.\n"
    )
    later = {"EMPREP_NOW": "2026-11-20T10:00"}
    assert run("review", "rec-why-coursera", "again", env=later).code == 0
    assert run("undo", env={"EMPREP_NOW": "2026-11-20T10:05"}).stdout == (
        f"Took back rec-why-coursera: Again (2026-11-20 10:00); {rested}.\n"
    )
    assert run("config", "set", "interview.rec", "2026-11-21", env=at).code == 0
    none = "next review: none; FSRS's (2026-11-22) falls after its last round (2026-11-21)"
    run("review", "rec-why-coursera", "again", env={"EMPREP_NOW": "2026-11-20T10:10"})
    assert run("undo", env={"EMPREP_NOW": "2026-11-20T10:15"}).stdout == (
        f"Took back rec-why-coursera: Again (2026-11-20 10:10); {none}.\n"
    )
