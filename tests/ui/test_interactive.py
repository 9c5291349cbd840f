"""The drill, the mock and the story prompts as a person uses them: a real pseudo-terminal,
keys pressed one by one."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect
from conftest import reviews, run, spawn

from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"


def _spawn(args: list[str], progress: Path) -> pexpect.spawn:
    return spawn(args, progress, NOW)


def _listed(count: int) -> list[dict[str, str]]:
    doc = json.loads(
        run(
            "drill", "--list", "--count", str(count), "--format", "json", env={"EMPREP_NOW": NOW}
        ).stdout
    )
    return doc["items"]  # type: ignore[no-any-return]


def test_drill_rate_skip_and_ctrl_c_keeps_every_rating(isolated: Path) -> None:
    run("config", "set", "interview", "2027-01-01")
    items = _listed(4)
    child = _spawn(["drill", "--count", "4"], isolated)
    child.expect_exact("[1/4]")
    child.expect_exact(items[0]["text"])
    box = f"{items[0]['minutes']}:00"
    child.expect_exact(f"0:01 / {box} · space: reveal · s: skip · q: quit")  # the clock runs
    child.send(" ")
    child.expect_exact("What the interviewers look for")
    child.expect_exact("A strong answer covers")
    child.expect_exact("They will ask next")
    child.expect_exact("Red flags")
    child.expect_exact("The bar: ")
    child.expect_exact("Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e)")
    child.send("x")  # ignored
    child.send("g")
    child.expect(r"Saved: Good\. Next review 2026-11-22\.")
    child.expect_exact("[2/4]")
    child.expect_exact(items[1]["text"])
    child.send("s")
    child.expect_exact("[3/4]")
    child.expect_exact(items[2]["text"])
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("1")
    child.expect(r"Saved: Again\. Next review 2026-11-21\.")
    child.expect_exact("[4/4]")
    child.sendintr()
    child.expect(
        r"Stopped\. 2 rated \(Again 1, Good 1\), 1 skipped, 0 min \d+ s answering\. "
        r"Every rating is saved\."
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    log = reviews(store.load(isolated))
    assert [(r.question, r.rating) for r in log] == [
        (items[0]["id"], 3),
        (items[2]["id"], 1),
    ]
    assert log[0].seconds >= 1


def test_q_quits_cleanly_and_a_second_run_continues(isolated: Path) -> None:
    items = _listed(3)
    child = _spawn(["drill", "--count", "3"], isolated)
    child.expect_exact("Welcome to emprep")  # no progress file yet: the first-run setup
    for prompt in ["Interview date", "Your track", "Questions a day"]:
        child.expect_exact(prompt)
        child.sendline("")  # every answer can be skipped
    child.expect_exact("Nothing set: the defaults apply.")
    child.expect_exact(items[0]["text"])
    child.send("\r")
    child.expect_exact("Rate:")
    child.send("4")
    child.expect_exact("Saved: Easy.")
    child.expect_exact("[2/3]")
    child.send("q")
    child.expect(r"1 rated \(Easy 1\), 0 skipped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert [r.question for r in reviews(store.load(isolated))] == [items[0]["id"]]
    rest = _listed(3)
    assert items[0]["id"] not in [i["id"] for i in rest]
    assert rest[0]["id"] == items[1]["id"]


def test_interactive_drill_asks_exactly_what_list_shows(isolated: Path) -> None:
    run("config", "set", "interview", "2026-12-20")
    items = _listed(5)
    child = _spawn(["drill"], isolated)
    for n, item in enumerate(items, start=1):
        child.expect_exact(f"[{n}/5]")
        child.expect_exact(item["text"])
        child.send("s")
    child.expect(r"0 rated, 5 skipped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert reviews(store.load(isolated)) == []


def _planned(*args: str) -> list[dict[str, str]]:
    r = run("mock", *args, "--list", "--format", "json", env={"EMPREP_NOW": NOW})
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)["items"]  # type: ignore[no-any-return]


def test_a_short_mock_runs_to_the_end_and_shows_in_progress(isolated: Path) -> None:
    run(
        "story", "add", "--title", "The reorg", "--situation", "S", "--task", "T",
        "--action", "A", "--result", "R", "--questions", "com-team-conflict",
    )  # fmt: skip
    [item] = _planned("--round", "people", "--minutes", "3")
    assert item["id"] == "com-team-conflict"
    child = _spawn(["mock", "--round", "people", "--minutes", "3"], isolated)
    child.expect_exact("Mock: People Management & Leadership, 3 min")
    child.expect_exact("Interviewer: Director of Engineering/VP of Engineering")
    child.expect_exact("What they score")
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1] People Management & Leadership")
    child.expect_exact("unseen")
    child.expect_exact(item["text"])
    child.expect_exact("answer 0:01/3:00 · round 2:58 left")  # both clocks run
    child.send(" ")
    child.expect(r"You took 0:0\d of its 5-minute time box\.")
    child.expect_exact("Your stories for it")
    child.expect_exact("s1: The reorg")
    child.expect_exact("A strong answer covers")
    child.expect_exact("Each side heard alone first")
    child.expect_exact("They will ask next")
    child.expect_exact("What if one of them had been your strongest engineer?")
    child.expect_exact("Red flags")
    child.expect(r"\[Difficulty\s+in\s+handling\s+difficult\s+conversations\]")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    for key in "43524":
        child.expect_exact("[1-5]: ")
        child.send(key)
    child.expect_exact("which applied to this mock?")
    child.send("1")
    child.expect_exact("Ticked: 1 ·")
    child.send("3")
    child.expect_exact("Ticked: 1, 3 ·")
    child.send("1")
    child.expect_exact("Ticked: 3 ·")
    child.send("\r")
    child.expect(r"1 answered \(Good 1\), 0 skipped, 0 min \d+ s answering\. The mock is saved\.")
    child.expect_exact("Weakest: Conflict resolution, 2/5")
    child.expect_exact("Watch for: Poor delegation skills")
    child.expect_exact("Next: emprep drill --round people")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    [m] = store.load(isolated).mocks
    assert (m.round, m.minutes, m.finished) == ("people", 3, True)
    assert [(a.question, a.rating) for a in m.answers] == [("com-team-conflict", 3)]
    assert list(m.scores.values()) == [4, 3, 5, 2, 4]
    assert m.rejections == ["Poor delegation skills"]
    assert [r.question for r in reviews(store.load(isolated))] == ["com-team-conflict"]

    doc = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": NOW}).stdout)
    assert doc["mocks"][0]["scores"]["Conflict resolution"] == 2
    assert doc["mocks"][0]["weakest"] == "Conflict resolution"
    assert doc["stories"]["questions_with_story"] == 1
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert "  People Management & Leadership: 1 mock, last scored 2026-11-20: mean 3.6\n" in out
    assert "    weakest: Conflict resolution\n" in out


def test_ctrl_c_ends_the_mock_and_keeps_the_answers(isolated: Path) -> None:
    items = _planned("--round", "tech", "--minutes", "20")
    assert len(items) == 2
    child = _spawn(["mock", "--round", "tech", "--minutes", "20"], isolated)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/2]")
    child.expect_exact(items[0]["text"])
    child.send(" ")
    child.expect_exact("No story answers it yet: emprep story link ID " + items[0]["id"])
    child.expect_exact("Rate:")
    child.send("2")
    child.expect_exact("Saved: Hard.")
    child.expect_exact("[2/2]")
    child.expect_exact(items[1]["text"])
    child.sendintr()
    child.expect(r"Stopped\. 1 answered \(Hard 1\), 0 skipped")
    child.expect_exact("It has no scores")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    [m] = store.load(isolated).mocks
    assert m.finished is False and m.scores == {}
    assert [(a.question, a.rating) for a in m.answers] == [(items[0]["id"], 2)]
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert "  Technical Deep Dive: 1 mock, none scored yet (1 answer)\n" in out


def test_q_ends_the_questions_and_goes_to_the_scores(isolated: Path) -> None:
    child = _spawn(["mock", "--round", "recruiter"], isolated)
    child.expect_exact("4 questions, 11:15 each.")
    child.send(" ")
    child.expect_exact("[1/4]")
    child.send("q")
    for _ in range(3):
        child.expect_exact("[1-5]: ")
        child.send("5")
    child.expect_exact("Enter: done")
    child.send("\r")
    child.expect(r"0 answered, 0 skipped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [m] = store.load(isolated).mocks
    assert m.finished and m.answers == [] and set(m.scores.values()) == {5}


def test_quitting_at_the_introduction_saves_nothing(isolated: Path) -> None:
    child = _spawn(["mock", "--round", "exec"], isolated)
    child.expect_exact("space: start the clock")
    child.send("q")
    child.expect_exact("Nothing was asked; no mock is saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert not isolated.exists()


def test_a_story_typed_at_the_prompts(isolated: Path) -> None:
    child = _spawn(["story", "add"], isolated)
    child.expect_exact("Title (a few words you will recognise): ")
    child.sendline("")
    child.expect_exact("This one is needed.")
    child.sendline("Saving the launch")
    child.expect_exact("Situation (the context: team, company, what was at stake); an empty line")
    for line in ["Grading fell over", "at every deadline peak", ""]:  # two lines, then the end
        child.expect_exact("> ")
        child.sendline(line)
    for answer in ["Fix it in two weeks", "Split the queue", "No outage"]:
        child.expect_exact("an empty line ends it:")
        child.sendline(answer)
        child.expect_exact("> ")
        child.sendline("")
    child.expect_exact("15. Conflict resolution (People Management & Leadership)")
    child.expect_exact("Competencies it shows")
    child.sendline("15, charm")
    child.expect_exact("unknown competency 'charm'")
    child.sendline("15, technical")
    child.expect_exact("Questions it answers")
    child.sendline("? conflict")  # the picker: questions matching a term
    child.expect_exact("Questions matching 'conflict'")
    child.expect_exact("com-team-conflict: Tell me about a time you had to manage a conflict")
    child.expect_exact("Questions: ")
    child.sendline("?")  # and those the competencies suggest
    child.expect_exact("Questions your competencies suggest")
    child.expect_exact("Questions: ")
    child.sendline("com-team-conflict")
    child.expect(
        r"Saved story s1: Saving the launch \(shows (\d+) competencies, answers 1 question\)"
    )
    shows = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [s] = store.load(isolated).stories
    assert (s.situation, s.result) == ("Grading fell over\nat every deadline peak", "No outage")
    assert s.competencies == ["conflict-resolution", "technical"]
    line = f"s1   Saving the launch: answers 1 question, shows {shows} competencies"
    assert line in run("story", "coverage").stdout  # one count, the same everywhere


def test_ctrl_c_at_the_prompts_keeps_a_draft(isolated: Path) -> None:
    child = _spawn(["story", "add", "--title", "Half typed"], isolated)
    child.expect_exact("Situation")
    child.sendline("The one thing I wrote")
    child.expect_exact("  > ")
    child.sendline("")
    child.expect_exact("Task")
    child.expect_exact("  > ")
    child.sendline("Half a task")  # a line typed, the field not ended: kept too
    child.expect_exact("Half a task")
    child.expect_exact("  > ")  # the next line's prompt: the first one is read
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    [draft] = list((isolated.parent / "drafts").iterdir())
    text = draft.read_text()
    assert "[title]\n# a few words you will recognise\nHalf typed\n" in text
    assert "The one thing I wrote" in text
    assert "Half a task" in text
    assert f"emprep story add --from {draft} --editor" in (child.before or "")
    assert not isolated.exists()


def test_a_round_logged_at_the_prompts(isolated: Path) -> None:
    run("config", "set", "interview.rec", "2026-11-20")
    child = _spawn(["rounds", "log", "recruiter"], isolated)
    child.expect_exact("What did the Recruiter/HR Interview ask?")
    child.expect_exact("Question 1: ")
    child.sendline("rec-why-corsera")
    child.expect_exact("did you mean 'rec-why-coursera'?")
    child.expect_exact("Question 1: ")
    child.sendline("rec-why-coursera")
    child.expect_exact("from the bank: Why are you interested in Coursera?")
    child.expect_exact("Question 2: ")
    child.sendline("What would your last team say about you?")
    child.expect_exact("in your words")
    child.expect_exact("Question 3: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.sendline("Short and friendly")
    child.expect_exact(
        "Logged the Recruiter/HR Interview of 2026-11-20: 1 question from the bank "
        "(rec-why-coursera), 1 in your words, a note."
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (log,) = store.load(isolated).interviews
    assert (log.round, log.questions, log.asked, log.note) == (
        "recruiter",
        ["rec-why-coursera"],
        ["What would your last team say about you?"],
        "Short and friendly",
    )


def test_ctrl_c_while_logging_a_round_keeps_the_questions_typed(isolated: Path) -> None:
    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.sendintr()
    child.expect_exact("emprep: interrupted; the questions typed are saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    (log,) = store.load(isolated).interviews
    assert (log.round, log.questions, str(log.day)) == (
        "people",
        ["ppl-difficult-feedback"],
        "2026-11-20",
    )


def test_first_run_setup_asks_three_things_once_and_never_off_a_terminal(isolated: Path) -> None:
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("someday")
    child.expect_exact("is not a date")
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track")
    child.sendline("remote")
    child.expect_exact("Questions a day")
    child.sendline("4")
    child.expect_exact("Saved: interview 2027-01-15, track remote, count 4.")
    child.expect_exact("Friday 20 November: 56 days to the interview (2027-01-15)")
    child.expect_exact("to do: 4 questions: emprep drill")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    profile = store.load(isolated).profile
    assert (str(profile.interview), profile.track, profile.count) == ("2027-01-15", "remote", 4)
    again = _spawn(["today"], isolated)  # asked once: the file is there now
    again.expect_exact("Friday 20 November")
    again.expect(pexpect.EOF)
    assert "Welcome" not in (again.before or "")
    isolated.unlink()
    r = run("today", env={"EMPREP_NOW": NOW})  # off a terminal: never asked
    assert (r.code, r.stdout.splitlines()[0]) == (0, "Friday 20 November: no interview date yet")
    assert not isolated.exists()
