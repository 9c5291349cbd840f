"""A mock round as a person takes it: a real pseudo-terminal, keys pressed one by one."""

from __future__ import annotations

import io
import json
import re
import signal
import time
from dataclasses import replace
from pathlib import Path

import pexpect
import pytest
from conftest import (
    ENDS,
    SessionClock,
    ended,
    hang_up,
    listed,
    needs_setpriv,
    reviews,
    run,
    scored,
    spawn,
)

from emprep.core.models import Progress
from emprep.core.pack import Pack
from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"


def _spawn(args: list[str], progress: Path) -> pexpect.spawn:
    return spawn(args, progress, NOW)


def _gone_on_with(progress: Path) -> pexpect.spawn:
    """`emprep mock --continue` at a terminal, its introduction passed: the clock started."""
    child = _spawn(["mock", "--continue"], progress)
    child.expect("space: (start the clock|the scores) · q: quit")
    child.send(" ")
    return child


def _planned(*args: str) -> list[dict[str, str]]:
    r = run("mock", *args, "--list", "--format", "json", env={"EMPREP_NOW": NOW})
    assert r.code == 0, r.stderr
    return json.loads(r.stdout)["items"]  # type: ignore[no-any-return]


def test_a_short_mock_runs_to_the_end_and_shows_in_progress(isolated: Path, tmp_path: Path) -> None:
    run(
        "story", "add", "--title", "The reorg", "--situation", "S", "--task", "T",
        "--action", "A", "--result", "R", "--questions", "ppl-difficult-feedback",
    )  # fmt: skip
    [item] = _planned("--round", "people", "--minutes", "3")
    assert item["id"] == "ppl-difficult-feedback"  # the guide lists it for this round
    clock = SessionClock(tmp_path)
    child = spawn(["mock", "--round", "people", "--minutes", "3"], isolated, NOW, env=clock.env)
    child.expect_exact("Mock: People Management & Leadership, 3 min")
    child.expect_exact("Interviewer: Director of Engineering/VP of Engineering")
    child.expect_exact("What they score")
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1] People Management & Leadership")
    child.expect_exact("unseen")
    child.expect_exact(item["text"])
    # both clocks run; the answer's against the question's time box, as the reveal says it
    child.expect_exact("answer 0:00/5:00 · round 3:00 left")
    clock.advance(1)
    child.expect_exact("answer 0:01/5:00 · round 2:59 left")
    child.send(" ")
    child.expect_exact("You took 0:01 of its 5-minute time box.")
    child.expect_exact("Your stories for it")
    child.expect_exact("s1: The reorg")
    child.expect_exact("A strong answer covers")
    child.expect_exact("Specific, observed behaviour and its impact")
    child.expect_exact("They will ask next")
    child.expect_exact("How did they react, and what did you say next?")
    child.expect_exact("Red flags")
    child.expect(r"\[Difficulty\s+in\s+handling\s+difficult\s+conversations\]")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    scored(child, "43524")
    child.expect_exact("which applied to this mock?")
    child.send("1")
    child.expect_exact("Ticked: 1 ·")
    child.send("3")
    child.expect_exact("Ticked: 1, 3 ·")
    child.send("1")
    child.expect_exact("Ticked: 3 ·")
    child.send("\r")
    child.expect_exact("1 answered (Good 1), 0 skipped, 0 min 1 s answering. The mock is saved.")
    child.expect_exact("Weakest: Conflict resolution, 2/5")
    child.expect_exact("Watch for: Poor delegation skills")
    child.expect_exact("Next: emprep drill --round people")
    assert ended(child) == 0

    [m] = store.load(isolated).mocks
    assert (m.round, m.minutes, m.finished) == ("people", 3, True)
    assert [(a.question, a.rating) for a in m.answers] == [("ppl-difficult-feedback", 3)]
    assert list(m.scores.values()) == [4, 3, 5, 2, 4]
    assert m.rejections == ["Poor delegation skills"]
    assert [r.question for r in reviews(store.load(isolated))] == ["ppl-difficult-feedback"]

    doc = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": NOW}).stdout)
    assert doc["mocks"][0]["scores"]["Conflict resolution"] == 2
    assert doc["mocks"][0]["weakest"] == ["Conflict resolution"]
    assert doc["mocks"][0]["rejections"] == ["Poor delegation skills"]
    assert doc["stories"]["questions_with_story"] == 1
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert (
        "  People Management & Leadership: 1 mock, last scored 2026-11-20: mean 3.6\n"
        "    People management skills 4 · Team building and development 3 · Strategic planning "
        "5 · Conflict resolution 2 · Performance management 4\n"
        "    weakest: Conflict resolution\n"
        "    reasons to reject ticked: Poor delegation skills\n"
    ) in out


def test_once_the_rounds_time_is_up_the_answer_given_leaves_the_line_without_its_key(
    isolated: Path, tmp_path: Path
) -> None:
    """When the round's time ran out during an answer, the line under it said "time is up ·
    space: done" and kept saying it after space was pressed, above the reveal, as if a key
    were still to press: the line was drawn no more once the clocks stopped. It stays at the
    time it was up, drawn as every answer's line is, the key left out once the answer ends.
    The answer's seconds end there too, as the round does: space pressed five seconds later
    said "You took 3:06" under a line standing at 3:01, and saved 186 s of answering into a
    round of 180. The clocks stand at the moment the time ran out (3:00), not at the tick
    that saw it."""
    clock = SessionClock(tmp_path)
    args = ["mock", "--round", "people", "--minutes", "3"]
    child = spawn(args, isolated, NOW, width=80, env=clock.env)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("\r  answer 0:00/5:00 · round 3:00 left · space: done · q: end the round")
    clock.advance(181)
    child.expect_exact("\r  answer 3:00/5:00 · time is up · space: done" + ENDS)
    clock.advance(5)  # the line's clocks stand at the time up, and so do the answer's seconds
    child.send(" ")
    child.expect_exact("\r  answer 3:00/5:00 · time is up" + ENDS + "\r\n")
    child.expect_exact("You took 3:00 of its 5-minute time box.")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[1-5]: ")  # the round's one question asked, the scores
    child.send("q")
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    assert [(a.rating, a.seconds) for a in m.answers] == [(3, 180)]
    assert [r.seconds for r in reviews(store.load(isolated))] == [180]


def test_at_40_columns_a_time_up_line_still_says_the_key(isolated: Path, tmp_path: Path) -> None:
    """At 40 columns (36 for the line) "answer 3:00/5:00 · time is up · space: done" does not
    fit: the key went, and the line said the time was up with no way on. The label goes
    first, the key stays."""
    clock = SessionClock(tmp_path)
    args = ["mock", "--round", "people", "--minutes", "3"]
    child = spawn(args, isolated, NOW, width=40, env=clock.env)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("\r  0:00/5:00 · 3:00 left · space: done" + ENDS)
    clock.advance(200)
    child.expect_exact("\r  3:00/5:00 · time is up · space: done" + ENDS)
    child.send(" ")
    child.expect_exact("\r  answer 3:00/5:00 · time is up" + ENDS + "\r\n")
    child.expect_exact("You took 3:00 of its 5-minute time box.")
    child.sendcontrol("c")
    assert ended(child) == 130


def test_at_40_columns_the_clocks_are_said_shorter_not_cut(isolated: Path) -> None:
    """At 40 columns (36 for the line) "questions 0:01/2:00 · round 11:56 left" was cut at the
    edge ("... round 11:56 l"), as the answer's line is when its clocks are long: the round's
    clock is now said without its word where the whole does not fit. Nor was there room for
    the key that ends the answer ("answer 0:01/2:00 · round 7:59 left", 35, and no key): the
    label goes too where that makes room for it, so the line says how to go on."""
    child = spawn(["mock", "--round", "rec", "--minutes", "8"], isolated, NOW, width=40)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1] Recruiter/HR Interview")
    child.expect(r"\r  0:0\d/2:00 · 7:5\d left · space: done" + re.escape(ENDS))
    child.send(" ")
    child.expect(r"\r  answer 0:0\d/2:00 · round 7:5\d left" + re.escape(ENDS))
    child.expect_exact("4 Easy")
    child.send("g")
    child.expect_exact("Your questions for the interviewer")
    child.expect(r"\r  0:0\d/2:00 · 7:\d\d left · space: done" + re.escape(ENDS))
    assert "round 7" not in child.before + child.after
    child.send(" ")
    child.expect_exact("Score yourself")
    child.sendcontrol("c")
    assert ended(child) == 130


@pytest.mark.parametrize(
    ("width", "line"),
    [
        (40, r"0:0\d/\d+:00 · 19:5\d left · space: done"),
        (50, r"answer 0:0\d/\d+:00 · 19:5\d left · space: done"),
        (64, r"answer 0:0\d/\d+:00 · round 19:5\d left · space: done"),
        (70, r"answer 0:0\d/\d+:00 · 19:5\d left · space: done · q: end the round"),
        (80, r"answer 0:0\d/\d+:00 · round 19:5\d left · space: done · q: end the round"),
    ],
)
def test_the_answer_s_line_says_how_to_end_the_answer_before_any_other_key(
    isolated: Path, width: int, line: str
) -> None:
    """At 50 columns (a split pane) the line under a mock's question said "answer 0:00/5:00 ·
    round 19:59 left · s: skip": the round's clock took the room the key that ends the answer
    needed, and a shorter hint took what was left. At 64 and 70 it said "space: done · s:
    skip" and not how to end the round. The round's clock is now said without its word where
    that lets space and then q be said, and a key between them only beside both. Once the
    answer is given, the line is the clocks alone, the round's with its word again."""
    child = spawn(["mock", "--round", "people", "--minutes", "20"], isolated, NOW, width=width)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/2] People Management & Leadership")
    child.expect(rf"\r  {line}" + re.escape(ENDS))
    child.send(" ")
    child.expect(r"\r  answer 0:0\d/\d+:00 · round 19:5\d left" + re.escape(ENDS + "\r\n"))
    child.expect_exact("You took ")
    child.sendcontrol("c")
    assert ended(child) == 130


def test_the_minutes_left_after_the_questions_are_for_your_questions(isolated: Path) -> None:
    """ "1 question of 10:00, then 2:00 for your questions", the introduction said; the last
    answer rated, the mock went straight to the scores. Now it gives those minutes, timed, for
    the candidate's own questions to the interviewer; `q` ends them as it ends the questions."""
    for key in (" ", "q"):
        child = spawn(["mock", "--round", "rec", "--minutes", "8"], isolated, NOW, width=80)
        child.expect_exact("1 question of 6:00, then 2:00 for your questions.")
        child.expect_exact("space: start the clock")
        child.send(" ")
        child.expect_exact("[1/1] Recruiter/HR Interview")
        child.expect_exact("round 7:5")
        child.send(" ")
        child.expect_exact("Rate:")
        child.send("g")
        child.expect_exact("Saved: Good.")
        child.expect_exact("Your questions for the interviewer")
        child.expect_exact(
            "Ask the questions you prepared for the interviewer aloud, as at the end of the\r\n"
            "real round, and press space when you are done."
        )
        child.expect(r"  questions 0:0\d/2:00 · round 7:\d\d left · space: done · q: end the ")
        child.send(key)
        child.expect_exact("Score yourself")
        child.sendcontrol("c")
        assert ended(child) == 130
        m = store.load(isolated).mocks[-1]
        assert [a.rating for a in m.answers] == [3]  # the answer before them is kept
    child = spawn(["mock", "--round", "people", "--minutes", "3"], isolated, NOW, width=80)
    child.expect_exact("1 question of 3:00. Answer aloud")  # no minutes left: no such step
    child.send(" ")
    child.expect_exact("[1/1] People Management & Leadership")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.expect_exact("Score yourself")
    assert "Your questions" not in child.before
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_ctrl_c_ends_the_mock_and_keeps_the_answers(isolated: Path) -> None:
    items = _planned("--round", "tech", "--minutes", "30")
    assert len(items) == 2
    child = _spawn(["mock", "--round", "tech", "--minutes", "30"], isolated)
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
    child.expect_exact("q: end the round")  # the clock's line: the mock waits for a key
    child.sendintr()
    child.expect(r"Stopped\. 1 answered \(Hard 1\), 0 skipped")
    child.expect_exact("It has no scores")
    assert ended(child) == 130
    [m] = store.load(isolated).mocks
    assert m.finished is False and m.scores == {}
    assert [(a.question, a.rating) for a in m.answers] == [(items[0]["id"], 2)]
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert (
        "  Technical Deep Dive: 1 mock, none scored yet (1 answer); the last left part way, go "
        "on with it: emprep mock --continue --round technical\n"
    ) in out


def test_undo_after_a_mock_takes_back_its_answer_with_the_rating(isolated: Path) -> None:
    """The answer's rating is the mock's record of it: `undo` takes both back and says so, so
    progress does not count an answer whose rating is gone; a drill's rating, of the same
    question after the mock or of another before it, leaves the mock alone."""
    items = _planned("--round", "tech", "--minutes", "30")
    assert run("review", items[1]["id"], "good", env={"EMPREP_NOW": NOW}).code == 0
    child = _spawn(["mock", "--round", "tech", "--minutes", "30"], isolated)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact(items[0]["text"])
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("2")
    child.expect_exact("Saved: Hard.")
    child.expect_exact("q: end the round")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    later = {"EMPREP_NOW": "2026-11-20T10:00:00+00:00"}
    assert run("review", items[0]["id"], "good", env=later).code == 0
    r = run("undo", env=later)  # a drill's rating of a question the mock asked: the mock's stays
    assert r.stdout.startswith(f"Took back {items[0]['id']}: Good (2026-11-20 10:00); next ")
    assert len(store.load(isolated).mocks[0].answers) == 1
    r = run("undo", env=later)
    assert (r.code, r.stdout) == (
        0,
        f"Took back {items[0]['id']}: Hard (2026-11-20 09:00) and its answer in the Technical "
        "Deep Dive mock of 2026-11-20 09:00; it is new again.\n",
    )
    [m] = store.load(isolated).mocks
    assert m.answers == []
    assert "Mock rounds" not in run("progress", env=later).stdout  # no answer, no score
    r = run("undo", env=later)
    assert (r.code, r.stdout) == (
        0,
        f"Took back {items[1]['id']}: Good (2026-11-20 09:00); it is new again.\n",
    )
    assert store.load(isolated).mocks == [m]


def test_undo_in_json_gives_the_rating_and_the_mock_answer_taken_back(
    isolated: Path, pack: Pack
) -> None:
    """`undo --format json`: the log's line taken back, the mock that answer leaves (begun, in
    UTC as every time JSON gives: it was in the clock's zone, neither the rating's nor UTC), the
    question's due day after (null: new again), no draft."""
    from datetime import datetime

    from emprep.core import mock

    begun = datetime.fromisoformat("2026-11-20T08:00:00+00:00")

    def mocked(p: Progress) -> Progress:
        plan = mock.plan_mock(
            pack, p, begun, r=pack.round("people"), minutes=20, scope=pack.questions
        )
        p = mock.start(p, plan, begun)
        return mock.answer(p, begun, plan.items[0].question.id, rating=2, seconds=70, now=begun)

    store.update(isolated, mocked)
    [line] = store.load(isolated).log.splitlines()
    first = line.split(" ")[1]
    r = run("undo", "--format", "json", env={"EMPREP_NOW": "2026-11-20T10:00:00+01:00"})
    assert (r.code, json.loads(r.stdout), r.stderr) == (
        0,
        {
            "id": first,
            "rating": 2,
            "at": "2026-11-20T08:00:00+00:00",
            "seconds": 70,
            "mock": {"round": "people", "begun": "2026-11-20T08:00:00Z"},
            "due": None,
            "drafts": [],
        },
        "",
    )
    assert store.load(isolated).mocks[0].answers == []


def _at_the_scores(progress: Path) -> pexpect.spawn:
    """A recruiter mock begun and its questions ended with q: its self-scores come next."""
    child = _spawn(["mock", "--round", "recruiter"], progress)
    child.expect_exact("6 questions of 6:00 each, then 9:00 for your questions.")
    child.send(" ")
    child.expect_exact("[1/6]")
    child.send("q")
    return child


@pytest.mark.parametrize("key", ["q", "\x1b"])
def test_q_or_esc_at_the_scores_keeps_the_scores_given(isolated: Path, key: str) -> None:
    """Two scores typed, then q or Esc: they were thrown away ("Left unscored.") while Ctrl-C
    kept them; they are saved, the mock part way, and --continue asks the third."""
    child = _at_the_scores(isolated)
    for score in "43":
        child.expect_exact("[1-5]: ")
        child.send(score)
    child.expect_exact("Basic understanding of management principles [1-5]: ")
    child.send(key)
    child.expect_exact("Left part way: the scores given are saved.")
    assert ended(child) == 0
    assert " ".join(child.before.split()) == (
        "0 answered, 0 skipped, 0 min 0 s answering. The mock is saved. Its scores so far are "
        "saved (2 of 3: Communication skills 4, Cultural fit 3). Go on with it: emprep mock "
        "--continue --round recruiter; or a new one: emprep mock --round recruiter"
    )
    [m] = store.load(isolated).mocks
    assert (m.scores, m.finished) == ({"Communication skills": 4, "Cultural fit": 3}, False)
    assert list((isolated.parent / "drafts").glob("*")) == []  # all of it is in the file


def test_an_arrow_whose_bytes_come_apart_is_the_arrow_not_esc(isolated: Path) -> None:
    """Left at the scores, its Esc and its `[D` written apart (a slow link): the Esc alone
    stopped the scoring, and `[D` was left to the shell. The rest is waited for, as readline
    waits, and Left goes back; a key typed after a lone Esc is that key."""
    child = _at_the_scores(isolated)
    child.delaybeforesend = 0
    child.expect_exact("Communication skills [1-5]: ")
    child.send("4")
    child.expect_exact("Cultural fit [1-5]: ")
    child.send("\x1b")
    time.sleep(0.05)  # the two writes come apart
    child.send("[D")
    child.expect_exact("back\r\n  Communication skills [1-5, Enter keeps 4]: ")
    child.send("5")
    child.expect_exact("Cultural fit [1-5]: ")
    child.sendintr()
    assert ended(child) == 130
    [m] = store.load(isolated).mocks
    assert m.scores == {"Communication skills": 5}


def test_a_key_that_is_no_score_is_said_to_be_none(isolated: Path) -> None:
    """A 6 or a 0 (a habit of scoring out of ten) at a score was taken in silence, the prompt
    left as it was: the drill's rating line says a key it does not take is none."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("6")
    child.expect_exact("'6' is not a score: 1 (poor) to 5 (strong)\r\n")
    child.expect_exact("Communication skills [1-5]: ")
    child.send(" ")
    child.expect_exact("Space is not a score: 1 (poor) to 5 (strong)\r\n")
    child.send("4")
    child.expect_exact("Cultural fit [1-5]: ")
    child.send("\x1b[A")  # Up: nothing, as before
    child.send("0")
    child.expect_exact("'0' is not a score: 1 (poor) to 5 (strong)\r\n")
    scored(child, "55")
    _saved_with_scores(child, isolated, [4, 5, 5])


def test_a_score_in_another_script_s_digit_is_the_score(isolated: Path) -> None:
    """An Arabic keyboard's 4 and a Japanese one's fullwidth 5 score as 4 and 5 do, echoed as
    them; before, each was "'٤' is not a score"."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("\u0664")
    child.expect_exact("4\r\n")
    scored(child, "\uff152")
    _saved_with_scores(child, isolated, [4, 5, 2])


def test_a_mock_of_a_round_behind_with_the_rest_undated_names_the_days_drill(
    isolated: Path,
) -> None:
    """The screen dated and past, the other rounds with no date yet: no round is ahead to
    name, and the screen's own drill says to mock it; the end names the day's drill (plain
    FSRS, it asks) and why, not `drill --round recruiter`."""
    assert run("config", "set", "interview.recruiter", "2026-12-01").code == 0
    assert _mocked_to_the_end(isolated, "2026-12-05T09:00", "recruiter") == (
        "emprep drill (the Recruiter/HR Interview was on 2026-12-01; the rounds ahead have no "
        "date yet)"
    )
    assert listed(5, "2026-12-05T09:10")


def _saved_with_scores(child: pexpect.spawn, isolated: Path, scores: list[int]) -> None:
    """The last score given: Enter at the ticks ends the mock, saved with `scores` alone."""
    child.expect_exact("Enter: done")
    child.send("\r")
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    assert list(m.scores.values()) == scores


def test_two_score_keys_in_one_read_are_said_to_be_no_score(isolated: Path) -> None:
    """Two score keys that come in one read (typed fast over a slow link, or pasted) are a
    paste, no score: at the scores that was taken in silence, the prompt left as it was. It
    is said, as the drill's rating line says it, and the next key scores."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("45")
    child.expect_exact("A paste is not a score: 1 (poor) to 5 (strong)\r\n")
    scored(child, "455")
    _saved_with_scores(child, isolated, [4, 5, 5])


def test_q_ends_the_questions_and_goes_to_the_scores(isolated: Path) -> None:
    child = _at_the_scores(isolated)
    scored(child, "555")
    child.expect_exact("Enter: done")
    child.send("\r")
    child.expect(r"0 answered, 0 skipped")
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    assert m.finished and m.answers == [] and set(m.scores.values()) == {5}


def test_a_mock_left_with_nothing_answered_or_scored_says_progress_leaves_it_out(
    isolated: Path,
) -> None:
    """q before the first answer, then Esc at the scores: no answer was saved and progress
    shows no such mock, so the end says that, not "the answers are saved"."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("\x1b")
    assert ended(child) == 0
    end = child.before.replace("\r", "").splitlines()
    assert end[-4:] == [
        "Left unscored.",
        "",
        "0 answered, 0 skipped, 0 min 0 s answering. With no answer and no score, progress "
        "leaves it out.",
        "Again: emprep mock --round recruiter",
    ]
    assert "Mock rounds" not in run("progress", env={"EMPREP_NOW": NOW}).stdout


def test_quitting_at_the_introduction_saves_nothing(isolated: Path) -> None:
    child = _spawn(["mock", "--round", "exec"], isolated)
    child.expect_exact("space: start the clock")
    child.send("q")
    child.expect_exact("Nothing was asked; no mock is saved.")
    assert ended(child) == 0
    assert not isolated.exists()


def test_ctrl_c_at_the_scores_keeps_the_scores_given(isolated: Path) -> None:
    """Two of three scores typed, then Ctrl-C: the two stay, the mock unfinished."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("4")
    child.expect_exact("Cultural fit [1-5]: ")
    child.send("2")
    child.expect_exact("[1-5]: ")
    child.sendintr()
    child.expect_exact(
        "Its scores so far are saved (2 of 3: Communication skills 4, Cultural fit 2). "
        "Go on with it:"
    )
    child.expect(r"emprep mock --continue\s+--round\s+recruiter; or a new one:\s+emprep mock")
    assert ended(child) == 130
    [m] = store.load(isolated).mocks
    assert (m.finished, m.scores) == (False, {"Communication skills": 4, "Cultural fit": 2})


def test_a_mock_scored_in_part_says_how_many_and_names_no_weakest(isolated: Path) -> None:
    """The terminal closed after one score of three: before, progress said "mean 4.0" and
    "weakest: Communication skills" from that one score, as if the others were higher."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("4")
    child.expect_exact("Cultural fit [1-5]: ")
    assert hang_up(child) == (129, None)
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert (
        "Mock rounds\n"
        "  Recruiter/HR Interview: 1 mock, last scored 2026-11-20: 1 of 3 criteria scored, "
        "mean 4.0\n"
        "    Communication skills 4\n"
        "    weakest: named once all 3 are scored (emprep mock --continue --round recruiter)\n"
    ) in out
    [doc] = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": NOW}).stdout)["mocks"]
    assert (doc["scored"], doc["criteria"], doc["mean"], doc["weakest"]) == (1, 3, 4.0, [])


def test_ctrl_c_at_the_reasons_keeps_the_scores_and_the_ticks(isolated: Path) -> None:
    child = _at_the_scores(isolated)
    scored(child, "333")
    child.expect_exact("Enter: done")
    child.send("1")
    child.expect_exact("Ticked: 1")
    child.sendintr()
    assert ended(child) == 130
    [m] = store.load(isolated).mocks
    assert not m.finished
    assert set(m.scores.values()) == {3} and len(m.scores) == 3
    assert len(m.rejections) == 1


def test_an_arrow_key_at_the_scores_is_not_esc(isolated: Path) -> None:
    """Left arrow goes back like Backspace; its first byte alone read as Esc, which left the
    mock unscored and every score typed lost. Alt with a key (Esc then the key) is no Esc
    either."""
    child = _at_the_scores(isolated)
    child.expect_exact("Communication skills [1-5]: ")
    child.send("4")
    child.expect_exact("Cultural fit [1-5]: ")
    child.send("\x1b[A")  # Up: nothing
    child.send("\x1bx")  # Alt+x: nothing, not Esc
    child.send("\x1b[D")  # Left: back to the one before
    child.expect_exact("back")
    child.expect_exact("Communication skills [1-5, Enter keeps 4]: ")
    for _ in range(3):
        child.send("3")
        child.expect_exact("3")
    child.expect_exact("Enter: done")
    child.send("\r")
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    assert m.finished and set(m.scores.values()) == {3} and len(m.scores) == 3


def test_the_mock_reveal_shows_the_packs_outline_beside_your_note(
    isolated: Path, tmp_path: Path
) -> None:
    note = "Result first: the team shipped.\nThen the two one-on-ones."
    assert run("note", "ppl-difficult-feedback", "--text", note).code == 0
    clock = SessionClock(tmp_path)
    child = spawn(
        ["mock", "--round", "people", "--minutes", "3"], isolated, NOW, width=60, env=clock.env
    )
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("round 3:00 left")
    child.send(" ")
    child.expect_exact("The bar: ")
    child.expect_exact("Rate:")
    lines = child.before.replace("\r\n", "\n").split("\n")
    start = lines.index("Answer outline")
    assert [line.rstrip() for line in lines[start:]] == [
        "Answer outline",
        "  1. Result first (what changed for the person)",
        "  2. The behaviour and why it mattered",
        "  3. How you prepared (evidence, opening line)",
        "  4. The conversation, including their reaction",
        "  5. Follow-up and outcome",
        "",
        "Your note",
        "  Result first: the team shipped.",
        "  Then the two one-on-ones.",
        "",
        "",
    ]
    child.send("q")
    child.expect_exact("[1-5]: ")
    child.send("q")
    child.expect_exact("Left unscored.")  # q at the rating: no answer was saved
    child.expect(pexpect.EOF)
    child.close()


def test_at_60_columns_the_introduction_says_how_to_skip_and_end(isolated: Path) -> None:
    """At 60 columns the answer's live line has room for "space: done" only, and neither the
    introduction nor `mock --help` named s or q: a person saw no way out for an hour. The
    introduction says both; the live line's hints are what fits."""
    child = spawn(["mock", "--round", "people", "--minutes", "2"], isolated, NOW, width=60)
    child.expect_exact("1 question of 2:00. Answer aloud, as in the room, and press\r\n")
    child.expect_exact("space when you are done (s skips a question, p pauses the\r\n")
    child.expect_exact("clocks, q ends the questions).\r\n")
    child.expect_exact("space: start the clock · q: quit")
    child.send(" ")
    child.expect(r"answer 0:0\d/5:00 · round 1:5\d left · space: done" + re.escape(ENDS))
    child.send("q")
    child.expect_exact("[1-5]: ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    helped = run("mock", "--help", env={"COLUMNS": "200"}).stdout
    assert (
        "Keys: space or Enter when you have answered shows what a strong answer covers; 1-4 "
        "(or a/h/g/e) rates it; s skips; p pauses both clocks (p or space goes on; a pause, or "
        "Ctrl-Z until fg, counts in neither); q ends the questions early, paused or not."
        in " ".join(helped.split())
    )


def _answer_first(child: pexpect.spawn, text: str) -> None:
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/2]")
    child.expect_exact(text)
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("2")
    child.expect_exact("Saved: Hard.")
    child.expect_exact("[2/2]")


def test_an_answer_whose_save_fails_is_kept_and_resume_saves_the_mock(isolated: Path) -> None:
    """Before, an answer given while the file was broken by hand was lost, with no command to
    give it again (none records one answer of a mock); the backup then took back the answer
    saved before it too. Each is in the mock's draft, and `mock --resume` saves them."""
    first, second = (x["id"] for x in _planned("--round", "tech", "--minutes", "30"))
    child = _spawn(["mock", "--round", "tech", "--minutes", "30"], isolated)
    _answer_first(child, _planned("--round", "tech", "--minutes", "30")[0]["text"])
    child.expect_exact("q: end the round")
    child.send(" ")
    child.expect_exact("Rate:")
    isolated.write_bytes(isolated.read_bytes().replace(b"schema = 3", b"schema = two"))
    child.send("g")
    assert ended(child) == 2
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.name == "mock-20261120-090000.toml"
    bak = isolated.with_name("progress.toml.bak")
    said = child.before.replace("\r\n", "")
    assert said.endswith(
        f"cp '{bak}' '{isolated}'; the mock's answers are kept in {draft}: once that is fixed, "
        f"save what the file lacks with: emprep mock --resume {draft}"
    ), said
    isolated.write_bytes(bak.read_bytes())  # the mock as begun: the first answer is not in it
    assert store.load(isolated).mocks[0].answers == []
    r = run("mock", "--resume", str(draft))
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Saved from the draft: 2 answers ({first}, {second}).\nThe draft {draft} is removed.\n",
        "",
    )
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [(first, 2), (second, 3)]
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        (first, 2),
        (second, 3),
    ]
    assert not draft.exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_ends_the_mock_as_ctrl_c_does(isolated: Path, signum: int) -> None:
    """They ended emprep on the spot: an answer being saved could be lost, and nothing said
    what was kept. Now they stop the mock where it waits, as Ctrl-C does, 128 + the signal."""
    items = _planned("--round", "tech", "--minutes", "30")
    child = _spawn(["mock", "--round", "tech", "--minutes", "30"], isolated)
    _answer_first(child, items[0]["text"])
    child.expect_exact("q: end the round")
    child.kill(signum)
    child.expect(r"Stopped\. 1 answered \(Hard 1\), 0 skipped")
    assert ended(child) == 128 + signum
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [(items[0]["id"], 2)]
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_a_closed_terminal_ends_the_mock_quietly_with_every_answer_kept(isolated: Path) -> None:
    """The terminal window closed (SIGHUP, the terminal gone): the answers were saved and the
    draft removed, but the summary could not be written, and the exit was 74, "the output
    could not be written". Now 129, as a hang-up, nothing more tried."""
    items = _planned("--round", "tech", "--minutes", "30")
    child = _spawn(["mock", "--round", "tech", "--minutes", "30"], isolated)
    _answer_first(child, items[0]["text"])
    child.expect_exact("q: end the round")
    assert hang_up(child) == (129, None)
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [(items[0]["id"], 2)]
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_scores_whose_save_fails_are_kept_and_resume_saves_them(isolated: Path) -> None:
    [item] = _planned("--round", "people", "--minutes", "3")
    child = _spawn(["mock", "--round", "people", "--minutes", "3"], isolated)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact(item["text"])
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    scored(child, "4352")
    child.expect_exact("[1-5]: ")
    good = isolated.read_bytes()
    isolated.write_bytes(good.replace(b"schema = 3", b"schema = two"))
    child.send("4")
    child.expect_exact("which applied to this mock?")
    child.send("3")
    child.expect_exact("Ticked: 3 ·")
    child.send("\r")
    assert ended(child) == 2
    [draft] = (isolated.parent / "drafts").iterdir()
    assert f"emprep mock --resume {draft}" in child.before.replace("\r\n", "")
    isolated.write_bytes(good)
    r = run("mock", "--resume", str(draft))
    assert (r.code, r.stdout) == (
        0,
        f"Saved from the draft: its scores.\nAlready in the progress file: 1 answer.\n"
        f"The draft {draft} is removed.\n",
    )
    [m] = store.load(isolated).mocks
    assert (list(m.scores.values()), m.rejections, m.finished) == (
        [4, 3, 5, 2, 4],
        ["Poor delegation skills"],
        True,
    )


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (
            60,
            [
                "Weakest: Strategic planning and Conflict resolution, 2/5",
                "         each (questions that test them: ppl-prioritize,",
                "         ppl-performance-reviews, ppl-reorg-layoff).",
            ],
        ),
        (
            80,
            [
                "Weakest: Strategic planning and Conflict resolution, 2/5 each (questions that",
                "         test them: ppl-prioritize, ppl-performance-reviews, ppl-reorg-layoff).",
            ],
        ),
        (
            120,
            [
                "Weakest: Strategic planning and Conflict resolution, 2/5 each (questions that "
                "test them: ppl-prioritize,",
                "         ppl-performance-reviews, ppl-reorg-layoff).",
            ],
        ),
    ],
)
def test_criteria_that_share_the_lowest_score_are_all_named(
    isolated: Path, width: int, lines: list[str]
) -> None:
    """Two criteria at 2/5: the end names both, as do progress and its JSON."""
    child = spawn(["mock", "--round", "people", "--minutes", "3"], isolated, NOW, width=width)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    scored(child, "43225")
    child.expect_exact("which applied to this mock?")
    child.send("\r")
    child.expect_exact("Weakest: ")
    child.expect_exact("Next: emprep drill --round people")
    shown = ("Weakest: " + child.before).replace("\r\n", "\n").splitlines()
    assert shown == lines
    child.expect(pexpect.EOF)
    child.close()
    doc = json.loads(run("progress", "--format", "json", env={"EMPREP_NOW": NOW}).stdout)
    assert doc["mocks"][0]["weakest"] == ["Strategic planning", "Conflict resolution"]
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert "    weakest: Strategic planning and Conflict resolution\n" in out


@needs_setpriv
def test_a_file_that_cannot_be_written_is_said_before_the_introduction(isolated: Path) -> None:
    """Before: the round's introduction, then the refusal once space started the clock."""
    assert run("config", "set", "hours", "5").code == 0
    isolated.chmod(0o444)
    child = spawn(["mock", "--round", "exec"], isolated, NOW, user=True)
    assert ended(child) == 2
    assert child.before.replace("\r\n", "") == (
        f"emprep: error: progress file {isolated}: is read-only, so nothing is written to it; "
        f"make it writable first (chmod u+w '{isolated}'), then try again"
    )


def test_two_mocks_begun_in_the_same_second_keep_their_own_answers(isolated: Path) -> None:
    """Two terminals began a mock in the same second: both had one start time, so each
    answer went to the mock begun last (the first kept none) and `progress` counted one mock.
    The second now starts a second later, and each answer is its own mock's."""

    def begun() -> pexpect.spawn:
        child = _spawn(["mock", "--round", "people", "--minutes", "10"], isolated)
        child.expect_exact("space: start the clock")
        child.send(" ")
        child.expect_exact("[1/")
        return child

    first, second = begun(), begun()
    for child, key, name in ((first, "g", "Good"), (second, "1", "Again")):
        child.send(" ")
        child.expect_exact("Rate:")
        child.send(key)
        child.expect_exact(f"Saved: {name}.")
    for child in (first, second):
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
    mocks = store.load(isolated).mocks
    assert [(f"{m.at:%H:%M:%S}", [a.rating for a in m.answers]) for m in mocks] == [
        ("09:00:00", [3]),
        ("09:00:01", [1]),
    ]
    out = run("progress", env={"EMPREP_NOW": NOW}).stdout
    assert "  People Management & Leadership: 2 mocks, none scored yet" in out


def test_a_mock_cut_off_by_a_closed_terminal_goes_on_with_continue(isolated: Path) -> None:
    """The terminal closed after the first of six answers: progress said "none scored yet (1
    answer)" and nothing could score it; a new mock was a new record. `mock --continue` asks
    the five questions it lacks, in the minutes their slots leave, then takes the scores, into
    the same mock."""
    items = _planned("--round", "recruiter")
    assert len(items) == 6
    child = spawn(["mock", "--round", "rec"], isolated, NOW, width=80)
    child.expect_exact("6 questions of 6:00 each, then 9:00 for your questions.")
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact(items[0]["text"])
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.expect_exact("[2/6]")
    assert hang_up(child) == (129, None)
    later = {"EMPREP_NOW": "2026-11-20T19:00:00+00:00"}
    out = run("progress", env=later).stdout
    assert (
        "  Recruiter/HR Interview: 1 mock, none scored yet (1 answer); the last left part way, "
        "go on with it: emprep mock --continue --round recruiter\n"
    ) in out
    again = run("mock", "--round", "recruiter", "--list", env=later)
    assert again.code == 0
    child = spawn(["mock", "--continue"], isolated, "2026-11-20T19:00:00+00:00", width=80)
    child.expect_exact("Mock: Recruiter/HR Interview, 39 min")
    child.expect_exact(
        "Going on with the mock begun 2026-11-20 09:00 (1 of 6 questions answered): the\r\n"
        "rest of its questions, then the scores."
    )
    child.expect_exact("5 questions of 6:00 each, then 9:00 for your questions.")
    child.send(" ")
    for n, item in enumerate(items[1:], start=1):
        child.expect_exact(f"[{n}/5] Recruiter/HR Interview")
        child.expect_exact(item["text"][:40])
        child.send(" ")
        child.expect_exact("Rate:")
        child.send("h")
        child.expect_exact("Saved: Hard.")
    child.expect_exact("Your questions for the interviewer")
    child.send(" ")
    scored(child, "432")
    child.expect_exact("which applied to this mock?")
    child.send("\r")
    child.expect_exact("5 answered (Hard 5), 0 skipped")
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [
        (items[0]["id"], 3),
        *((i["id"], 2) for i in items[1:]),
    ]
    assert (list(m.scores.values()), m.finished) == ([4, 3, 2], True)
    out = run("progress", env=later).stdout
    assert "  Recruiter/HR Interview: 1 mock, last scored 2026-11-20: mean 3.0\n" in out
    nothing = run("mock", "--continue", env=later)
    assert (nothing.code, nothing.stderr) == (
        2,
        "emprep: error: no mock was left part way: the last of each round has its scores, "
        "or none began; start one: emprep mock --round recruiter\n",
    )
    fresh = run("mock", "--continue", env={"EMPREP_PROGRESS": str(isolated.parent / "new.toml")})
    assert (fresh.code, fresh.stderr) == (
        2,
        "emprep: error: no mock was left part way: the last of each round has its scores, "
        "or none began; start one: emprep mock --round ID, one of recruiter, technical, people, "
        "strategic, executive\n",
    )


def _scored_in_part(progress: Path) -> None:
    """A one-question recruiter mock, answered, its scoring stopped by Ctrl-C after two of
    its three scores."""
    child = _spawn(["mock", "--round", "recruiter", "--minutes", "6"], progress)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    scored(child, "45")
    child.expect_exact("Basic understanding of management principles [1-5]: ")
    child.sendcontrol("c")
    child.expect_exact("Its scores so far are saved (2 of 3: Communication skills 4, Cultural")
    child.expect(pexpect.EOF)
    child.close()


def test_continue_asks_only_the_scores_missing_and_ctrl_c_keeps_the_saved_ones(
    isolated: Path,
) -> None:
    """Going on with a mock scored in part asked every score again from the first, and Ctrl-C
    then saved only this run's scores over the file's: a score typed and said to be saved was
    lost. It now shows the saved scores and asks from the first missing; Back still reaches
    them (Enter keeps one), and what was saved stays."""
    _scored_in_part(isolated)
    child = _gone_on_with(isolated)
    child.expect_exact("  Communication skills [1-5]: 4 (saved)")
    child.expect_exact("  Cultural fit [1-5]: 5 (saved)")
    child.expect_exact("  Basic understanding of management principles [1-5]: ")
    child.send("b")
    child.expect_exact("  Cultural fit [1-5, Enter keeps 5]: ")
    child.send("3")
    child.expect_exact("  Basic understanding of management principles [1-5]: ")
    child.sendcontrol("c")
    child.expect_exact(
        "Its scores so far are saved (2 of 3: Communication skills 4, Cultural fit 3)."
    )
    child.expect(pexpect.EOF)
    child.close()
    [m] = store.load(isolated).mocks
    assert (m.scores, m.finished) == ({"Communication skills": 4, "Cultural fit": 3}, False)

    child = _gone_on_with(isolated)
    child.expect_exact("  Basic understanding of management principles [1-5]: ")
    child.send("2")
    child.expect_exact("which applied to this mock?")
    child.send("2")
    child.expect_exact("Ticked: 2 ·")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    [m] = store.load(isolated).mocks
    assert (len(m.scores), len(m.rejections), m.finished) == (3, 1, False)

    child = _gone_on_with(isolated)
    child.expect_exact("  Basic understanding of management principles [1-5]: 2 (saved)")
    child.expect_exact("Ticked: 2 ·")
    child.send("\r")
    child.expect_exact("Scores: Communication skills 4, Cultural fit 3, Basic understanding")
    child.expect(pexpect.EOF)
    child.close()
    [after] = store.load(isolated).mocks
    assert (after.scores, after.rejections, after.finished) == (m.scores, m.rejections, True)


def test_going_on_with_only_the_scores_left_starts_no_clock(isolated: Path) -> None:
    """Every question answered, the introduction said "space goes on to the scores" and its
    key line "space: start the clock", though no clock runs before the scores."""
    _scored_in_part(isolated)
    child = _spawn(["mock", "--continue"], isolated)
    child.expect_exact("Every question has its answer: space goes on to the scores.")
    child.expect_exact("space: the scores · q: quit")
    child.send(" ")
    child.expect_exact("  Basic understanding of management principles [1-5]: ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert "start the clock" not in str(child.before)


def test_a_mock_scored_the_day_after_its_start_was_last_scored_that_day(isolated: Path) -> None:
    """A mock begun one evening, left part way and scored the next day: progress said "last
    scored" on the day it began, and its JSON `last` too. The mock keeps when its scores were
    saved (`scored`), and that day is the one said."""
    _scored_in_part(isolated)
    child = spawn(["mock", "--continue"], isolated, "2026-11-21T10:00:00+00:00")
    child.expect_exact("space: the scores")
    child.send(" ")
    child.expect_exact("  Basic understanding of management principles [1-5]: ")
    child.send("3")
    child.expect_exact("which applied to this mock?")
    child.send("\r")
    child.expect_exact("Scores: Communication skills 4, Cultural fit 5, Basic understanding")
    child.expect(pexpect.EOF)
    child.close()
    [m] = store.load(isolated).mocks
    assert (m.at.isoformat(), m.finished) == ("2026-11-20T09:00:00+00:00", True)
    assert m.scored is not None and m.scored.isoformat() == "2026-11-21T10:00:00+00:00"
    day = {"EMPREP_NOW": "2026-11-22T09:00:00+00:00"}
    out = run("progress", env=day).stdout
    assert "  Recruiter/HR Interview: 1 mock, last scored 2026-11-21: mean 4.0\n" in out
    data = json.loads(run("progress", "--format", "json", env=day).stdout)
    assert [h["last"] for h in data["mocks"]] == ["2026-11-21"]


def test_the_end_of_a_continued_mock_counts_what_it_saved_before(isolated: Path) -> None:
    """q at the scores of a mock gone on with said "0 answered ... With no answer and no
    score, progress leaves it out" and offered a new mock, while progress showed it part way
    with its answer and scores. Its end now counts them and says how to go on."""
    _scored_in_part(isolated)
    child = _gone_on_with(isolated)
    child.expect_exact("  Basic understanding of management principles [1-5]: ")
    child.send("q")
    child.expect_exact("Left unscored: the scores saved before are kept.")
    child.expect(pexpect.EOF)
    child.close()
    assert " ".join(child.before.split()) == (
        "0 answered, 0 skipped, 0 min 0 s answering. The mock is saved (1 of 1 question "
        "answered in all). Its scores so far are saved (2 of 3: Communication skills 4, "
        "Cultural fit 5). Go on with it: emprep mock --continue --round recruiter; or a new "
        "one: emprep mock --round recruiter"
    )
    assert child.exitstatus == 0
    child = _spawn(["mock", "--continue"], isolated)
    child.expect_exact("space: the scores · q: quit ")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert " ".join(child.before.split()) == (
        "Nothing was asked; the mock is as it was. Go on with it: emprep mock --continue "
        "--round recruiter; or a new one: emprep mock --round recruiter"
    )
    [m] = store.load(isolated).mocks
    assert (len(m.answers), len(m.scores), m.finished) == (1, 2, False)


def test_continue_refuses_what_it_would_ignore_and_its_notes_say_the_round_and_scores(
    isolated: Path,
) -> None:
    """`mock --continue --minutes 5` printed the mock's own minutes and `--resume` with it won
    silently; off a terminal the note dropped the round; a new mock's note said "no scores" of
    a mock with two."""
    _scored_in_part(isolated)
    env = {"EMPREP_NOW": NOW}
    minutes = run("mock", "--continue", "--minutes", "5", "--list", env=env)
    assert (minutes.code, minutes.stdout, minutes.stderr) == (
        2,
        "",
        "emprep: error: --minutes does not go with --continue: a mock gone on with has the "
        "minutes its answered questions leave; leave out --minutes, or start a new mock: "
        "emprep mock --round ID --minutes 5\n",
    )
    both = run("mock", "--continue", "--resume", "draft.toml", env=env)
    assert (both.code, both.stderr) == (
        2,
        "emprep: error: --continue and --resume do not go together: --continue goes on with a "
        "mock left part way, --resume saves a draft's answers; give one of them\n",
    )
    off = run("mock", "--continue", env=env)
    assert off.code == 0, off.stderr
    assert off.stdout == (
        "Mock: Recruiter/HR Interview, every question answered, the scores left. Interviewer: "
        "Recruiter/HR\nYou score yourself 1-5 on: Communication skills, Cultural fit, Basic "
        "understanding of management principles.\n"
    )
    assert off.stderr == (
        "emprep: note: not a terminal, so nothing is asked; run 'emprep mock --continue "
        "--round recruiter' in one\n"
    )
    child = _spawn(["mock", "--round", "recruiter"], isolated)
    child.expect_exact("Mock: Recruiter/HR Interview")
    assert " ".join(child.before.split()) == (
        "emprep: note: your mock of 2026-11-20 09:00 was left part way (1 of 1 answered, 2 of 3 "
        "criteria scored); to go on with it instead: emprep mock --continue --round recruiter"
    )
    child.expect_exact("space: start the clock · q: quit ")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_a_mock_gone_on_with_at_a_clock_before_it_began_is_refused(isolated: Path) -> None:
    """A clock set back a day went on with a mock begun later: its answer was saved as a
    review before the mock began, and its scores a day before it. Refused before anything is
    asked, with a word about the clock; ten minutes back (two terminals) is still taken."""
    _scored_in_part(isolated)
    before = isolated.read_bytes()
    earlier = spawn(["mock", "--continue"], isolated, "2026-11-19T09:00:00+00:00", width=200)
    assert ended(earlier) == 2
    assert earlier.before.replace("\r\n", "\n").strip() == (
        "emprep: error: the clock says 2026-11-19 09:00 UTC, before the mock it would go on "
        "with began (2026-11-20 09:00 UTC); set the computer's clock right (or EMPREP_NOW), "
        "then go on with it: emprep mock --continue --round recruiter"
    )
    listed = run("mock", "--continue", "--list", env={"EMPREP_NOW": "2026-11-19T09:00"})
    assert (listed.code, listed.stdout) == (2, "")
    assert isolated.read_bytes() == before
    slack = run("mock", "--continue", "--list", env={"EMPREP_NOW": "2026-11-20T08:51"})
    assert slack.code == 0, slack.stderr


def _killed_mock(progress: Path) -> Path:
    """A recruiter mock killed (-9) at its second question, the first rated Good: its draft."""
    child = _spawn(["mock", "--round", "recruiter"], progress)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/6]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.expect_exact("[2/6]")
    child.kill(signal.SIGKILL)
    child.close()
    [draft] = (progress.parent / "drafts").iterdir()
    return draft


def _answered_in(draft: Path, *questions: str) -> None:
    """The draft as a kill between writing these answers to it and saving them leaves it."""
    given = "".join(
        f'\n    {{ question = "{q}", rating = 2, seconds = 40, at = {NOW[:19]}Z }},'
        for q in questions
    )
    draft.write_text(draft.read_text().replace("\n]\n\n[mock]", f"{given}\n]\n\n[mock]"))


def test_a_new_mock_names_the_draft_a_killed_mock_left(isolated: Path) -> None:
    """A mock killed (-9) leaves its draft: a new mock names it, and the command that saves
    what it holds."""
    draft = _killed_mock(isolated)
    child = _spawn(["mock", "--round", "recruiter"], isolated)
    child.expect_exact("Mock: Recruiter/HR Interview")
    assert f"emprep: note: {draft} holds the answers of a mock that did not end (killed, or " in (
        " ".join(child.before.split())
    )
    child.expect_exact("space: start the clock · q: quit ")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_continuing_a_killed_mock_takes_in_its_draft_and_ends_with_none(isolated: Path) -> None:
    """A mock killed (-9) between writing an answer to its draft and saving it: the draft alone
    holds that answer. `mock --continue` named the draft and asked that question again, and
    its own draft made two; the killed one stayed after the mock was done, the answer given
    in it never saved. Now the draft is taken in first (the answer saved at its moment), the
    rest asked, and the mock ends with no draft left."""
    draft = _killed_mock(isolated)
    first, second, *rest = [str(q) for q in store.load(isolated).mocks[0].questions]
    _answered_in(draft, second)
    child = _spawn(["mock", "--continue"], isolated)
    child.expect_exact("Mock: Recruiter/HR Interview")
    assert " ".join(child.before.split()) == (
        f"Saved from the draft: 1 answer ({second}). Already in the progress file: 1 answer. "
        f"The draft {draft} is removed."
    )
    child.expect_exact("(2 of 6 questions answered)")
    child.expect_exact("space: start the clock · q: quit ")
    child.send(" ")
    for n in (1, 2, 3, 4):
        child.expect_exact(f"[{n}/4]")
        child.send(" ")
        child.expect_exact("Rate:")
        child.send("g")
        child.expect_exact("Saved: Good.")
    child.expect_exact("questions 0:")
    child.send(" ")
    scored(child, "434")
    child.expect_exact("which applied")
    child.send("\r")
    child.expect_exact("The mock is saved (6 of 6 questions answered in all).")
    child.expect(pexpect.EOF)
    child.close()
    assert list((isolated.parent / "drafts").iterdir()) == []
    m = store.load(isolated).mocks[0]
    assert [(a.question, a.rating) for a in m.answers] == [
        (first, 3),
        (second, 2),
        *((q, 3) for q in rest),
    ]
    assert m.finished


def test_continuing_a_mock_its_draft_finished_asks_nothing(isolated: Path) -> None:
    """A mock killed after its scores were written to the draft, before the file's save: the
    draft finishes it. `mock --continue` saved the draft, then asked the scores of the mock
    it had finished again, and Ctrl-C there marked it unfinished. Now it says so and ends."""
    draft = _killed_mock(isolated)
    _, *rest = [str(q) for q in store.load(isolated).mocks[0].questions]
    _answered_in(draft, *rest)
    draft.write_text(
        draft.read_text().replace("finished = false", "finished = true")
        + '\n[mock.scores]\n"Communication skills" = 4\n"Cultural fit" = 3\n'
        '"Basic understanding of management principles" = 5\n'
    )
    child = _spawn(["mock", "--continue"], isolated)
    assert ended(child) == 0
    assert " ".join(child.before.split()) == (
        f"Saved from the draft: 5 answers ({', '.join(rest)}), its scores. Already in the "
        f"progress file: 1 answer. The draft {draft} is removed. The mock begun 2026-11-20 "
        "09:00 is finished: its draft held its scores. Nothing is left to go on with."
    )
    [m] = store.load(isolated).mocks
    assert m.finished and len(m.answers) == 6 and m.scores["Cultural fit"] == 3
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_continuing_a_mock_whose_only_answer_is_in_its_draft(isolated: Path) -> None:
    """A mock killed between writing its first answer to the draft and saving it: the file
    holds the mock with no answer. `mock --continue` said none began and to start a new one;
    now it saves the draft's answer and goes on from the second question."""
    draft = _killed_mock(isolated)
    first = str(store.load(isolated).mocks[0].questions[0])
    store.update(
        isolated,
        lambda p: replace(p, log="", cards={}, mocks=[replace(p.mocks[0], answers=[])]),
    )
    child = _spawn(["mock", "--continue"], isolated)
    child.expect_exact("Mock: Recruiter/HR Interview")
    assert " ".join(child.before.split()) == (
        f"Saved from the draft: 1 answer ({first}). The draft {draft} is removed."
    )
    child.expect_exact("(1 of 6 questions answered)")
    child.expect_exact("space: start the clock · q: quit ")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [(first, 3)]


def test_a_listing_of_the_mock_gone_on_with_counts_its_draft(isolated: Path) -> None:
    """`mock --continue --list` showed the plan from the file alone: a question the killed
    run's draft answered was listed still to come. Now it counts the draft, names it, and
    writes nothing."""
    draft = _killed_mock(isolated)
    _, second, *rest = [str(q) for q in store.load(isolated).mocks[0].questions]
    _answered_in(draft, second)
    before = (isolated.read_bytes(), draft.read_bytes())
    env = {"EMPREP_NOW": NOW}
    listed = run("mock", "--continue", "--list", "--format", "json", env=env)
    assert listed.code == 0, listed.stderr
    assert [i["id"] for i in json.loads(listed.stdout)["items"]] == rest
    assert listed.stderr == (
        f"emprep: note: {draft} holds what a run of this mock killed mid-way gave, counted "
        "here; 'emprep mock --continue --round recruiter' saves it first\n"
    )
    assert (isolated.read_bytes(), draft.read_bytes()) == before


def _mocked_to_the_end(progress: Path, now: str, round_id: str) -> str:
    """A one-question mock of `round_id` at a terminal at `now`, answered, rated Good and
    scored 3 throughout: its "Next:" line, as on screen at 100 columns, joined."""
    child = spawn(["mock", "--round", round_id, "--minutes", "3"], progress, now, width=100)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    while child.expect_exact(["[1-5]: ", "Ticked: "]) == 0:  # every criterion 3
        child.send("3")
    child.send("\r")
    child.expect_exact("Next: ")
    assert ended(child) == 0
    return " ".join(child.before.split())


def test_a_mock_of_a_round_behind_points_to_the_drill_of_the_rounds_ahead(isolated: Path) -> None:
    """`drill --round recruiter` after the screen says to mock it: the mock's end then names
    the drill that is ahead (the next round's, or the day's), not that one, and `--more` once
    the day's is done; each command it names asks something."""
    for key, day in [("interview", "2026-12-20"), ("interview.recruiter", "2026-12-01")]:
        assert run("config", "set", key, day).code == 0
    on = {"EMPREP_NOW": "2026-12-05T09:30"}
    note = run("drill", "--round", "recruiter", "--list", env=on).stderr
    assert "To rehearse it all the same: emprep mock --round recruiter" in note

    assert _mocked_to_the_end(isolated, "2026-12-05T09:00", "recruiter") == (
        "emprep drill (the Recruiter/HR Interview was on 2026-12-01; today's drill paces to "
        "the rounds ahead)"
    )
    assert "recruiter" not in run("drill", "--list", env=on).stderr
    assert run("config", "set", "interview.technical", "2026-12-10").code == 0
    assert _mocked_to_the_end(isolated, "2026-12-05T09:10", "recruiter") == (
        "emprep drill --round technical (the Recruiter/HR Interview was on 2026-12-01; the "
        "Technical Deep Dive round is next, on 2026-12-10)"
    )
    for item in listed(5, "2026-12-05T09:20"):
        assert run("review", item["id"], "good", env=on).code == 0
    assert _mocked_to_the_end(isolated, "2026-12-05T09:30", "recruiter") == (
        "emprep drill --more --round technical (the Recruiter/HR Interview was on 2026-12-01; "
        "the Technical Deep Dive round is next, on 2026-12-10; today's drill is done)"
    )
    doc = json.loads(
        run("drill", "--more", "--round", "technical", "--list", "--format", "json", env=on).stdout
    )
    assert doc["items"]
    # a round still ahead: its own drill, as before, `--more` once the day's is done
    assert _mocked_to_the_end(isolated, "2026-12-05T09:40", "people") == (
        "emprep drill --more --round people (today's drill is done)"
    )
    assert _mocked_to_the_end(isolated, "2026-12-06T09:00", "people") == (
        "emprep drill --round people"
    )


def test_a_mock_of_a_round_behind_names_a_drill_that_asks_something(isolated: Path) -> None:
    """On the next round's day its own drill is a warm-up of what was practised, nothing yet
    here: the mock's end names the day's drill, which asks, not `--more --round technical`
    "(today's drill is done)" with the day's drill undone. Once the last round is over
    (its evening) no round is ahead: the round's own drill, as after the loop, not a day's
    drill "pacing to the rounds ahead"."""
    for key, day in [
        ("interview", "2026-12-20"),
        ("interview.recruiter", "2026-12-01"),
        ("interview.technical", "2026-12-10"),
    ]:
        assert run("config", "set", key, day).code == 0
    assert _mocked_to_the_end(isolated, "2026-12-10T09:00", "recruiter") == (
        "emprep drill (the Recruiter/HR Interview was on 2026-12-01; the Technical Deep Dive "
        "round is today, 2026-12-10)"
    )
    assert listed(5, "2026-12-10T09:10")
    evening = {"EMPREP_NOW": "2026-12-20T20:00"}
    assert "the loop's last round is over" in run("drill", "--list", env=evening).stdout
    assert _mocked_to_the_end(isolated, "2026-12-20T20:00", "recruiter") == (
        "emprep drill --round recruiter"
    )
    doc = json.loads(
        run("drill", "--round", "recruiter", "--list", "--format", "json", env=evening).stdout
    )
    assert doc["items"]


@pytest.mark.parametrize(
    ("zone", "at"),
    [("America/New_York", "2026-11-20T23:20"), ("Europe/London", "2026-11-20T00:30")],
)
def test_a_mock_s_last_day_is_the_day_it_was_scored_where_it_was_scored(
    isolated: Path, zone: str, at: str
) -> None:
    """Scored at 23:20 in New York on the 20th, the mock was "last scored 2026-11-21" read in
    London the next day (04:20 there), while its answer's rating stays on the 20th in the
    streak and the heatmap. Its scores keep their zone, as a rating's line does. Scored at
    00:30 on the 20th in London in winter, at +00:00, which TOML reads as UTC, it was the
    19th's in New York: its answer's line, at +00:00 too, says where it was given."""
    where = {"TZ": zone}
    child = spawn(["mock", "--round", "people", "--minutes", "3"], isolated, at, env=where)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1] People Management & Leadership")
    child.expect_exact("space: done")
    child.send(" ")
    child.expect_exact("You took")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    scored(child, "43524")
    child.expect_exact("which applied to this mock?")
    child.send("\r")
    child.expect_exact("The mock is saved.")
    assert ended(child) == 0
    for env in ({"TZ": "America/New_York"}, {"TZ": "Europe/London"}):
        doc = json.loads(
            run(
                "progress", "--format", "json", env={**env, "EMPREP_NOW": "2026-11-21T12:00"}
            ).stdout
        )
        assert (doc["mocks"][0]["last"], doc["heatmap"][-2:]) == (
            "2026-11-20",
            [{"date": "2026-11-20", "reviews": 1}, {"date": "2026-11-21", "reviews": 0}],
        )


def _scores_at_40_columns(isolated: Path) -> tuple[pexpect.spawn, io.StringIO]:
    """A one-question technical mock at 40 columns, answered and rated, at its first score;
    with what it has shown so far."""
    child = spawn(["mock", "--round", "tech", "--minutes", "3"], isolated, NOW, width=40)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("4 Easy")
    child.send("g")
    return child, seen


def _lines_from(seen: io.StringIO, first: str, n: int) -> list[str]:
    """The `n` lines of the screen so far that start with the line `first`."""
    shown = seen.getvalue().replace("\r\n", "\n").split("\n")
    at = shown.index(first)
    return shown[at : at + n]


def test_at_40_columns_each_score_is_typed_on_its_criterion_s_line(isolated: Path) -> None:
    """In a phone's 40 columns "  System design and architecture [1-5]: " is 40 cells: the 4
    typed went to the start of the next line, and the 62 cells of "Understanding of software
    development best practices" broke where the terminal's edge fell. A prompt now leaves a
    column for the key, breaks at words under its indent, and keeps the scale with the
    criterion's last word."""
    child, seen = _scores_at_40_columns(isolated)
    scored(child, "3443")
    child.expect_exact("Common reasons for rejection")
    assert _lines_from(seen, "  Technical leadership [1-5]: 3", 6) == [
        "  Technical leadership [1-5]: 3",
        "  System design and",
        "  architecture [1-5]: 4",
        "  Problem-solving abilities [1-5]: 4",
        "  Understanding of software",
        "  development best practices [1-5]: 3",
    ]
    child.expect_exact("Enter: done")
    child.send("\r")
    child.expect_exact("Next: emprep drill --round technical")
    assert ended(child) == 0


def test_at_40_columns_a_key_that_is_no_score_is_said_under_the_prompt_at_its_words(
    isolated: Path,
) -> None:
    """ "'7' is not a score: 1 (poor) to 5 (strong)" after "  Technical leadership [1-5]: " at
    40 columns was cut at the terminal's edge, mid-word. Where the prompt's line cannot hold
    it, it goes under it, wrapped at its words; the prompt is asked again."""
    child, seen = _scores_at_40_columns(isolated)
    child.expect_exact("Technical leadership [1-5]: ")
    child.send("7")
    child.expect_exact("Technical leadership [1-5]: ")
    child.send("3")
    child.expect_exact("architecture [1-5]: ")
    child.sendintr()
    assert ended(child) == 130
    assert _lines_from(seen, "  Technical leadership [1-5]: ", 4) == [
        "  Technical leadership [1-5]: ",
        "  '7' is not a score: 1 (poor) to 5",
        "  (strong)",
        "  Technical leadership [1-5]: 3",
    ]
