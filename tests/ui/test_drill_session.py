"""The drill as a person takes it: a real pseudo-terminal, keys pressed one by one."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pexpect
import pytest
from conftest import (
    ENDS,
    PTY_TIMEOUT,
    SessionClock,
    Terminal,
    at_the_moment,
    ended,
    hang_up,
    installed_emprep,
    listed,
    needs_setpriv,
    practised,
    reviews,
    run,
    six_days_of_ten_then_four,
    spawn,
    when_held,
)

from emprep.storage import journal, store
from emprep.storage.packs import load_pack

NOW = "2026-11-20T09:00:00+00:00"


def _spawn(args: list[str], progress: Path) -> pexpect.spawn:
    return spawn(args, progress, NOW)


def _to_the_rating(child: pexpect.spawn) -> None:
    """The question on the screen revealed, the drill waiting for its rating."""
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("Rate: 1 Again")


def _rate(child: pexpect.spawn, key: str, name: str) -> None:
    """The question on the screen revealed and rated with `key`; the rating said saved."""
    _to_the_rating(child)
    child.send(key)
    child.expect_exact(f"Saved: {name}.")


def _killed_after_a_good(isolated: Path) -> Path:
    """A drill of two killed (-9, a crash) once its first rating, Good, is saved: its draft,
    which emprep had no moment to remove."""
    child = _spawn(["drill", "--count", "2"], isolated)
    _rate(child, "g", "Good")
    child.expect_exact("[2/2]")
    child.kill(signal.SIGKILL)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    return draft


def _four_due_two_days_on(count: int | None = None) -> str:
    """Four recruiter questions rated Good on 2026-11-20, all due again two days on: that
    morning's time."""
    day0 = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    run("config", "set", "interview", "2027-01-15", env=day0)
    if count is not None:
        run("config", "set", "count", str(count), env=day0)
    for qid in [
        "rec-why-coursera",
        "rec-em-experience",
        "rec-strengths-weaknesses",
        "rec-why-leaving",
    ]:
        run("review", qid, "good", env=day0)
    return "2026-11-22T09:00:00+00:00"


def _good_then_quit(child: pexpect.spawn, total: int, shown: str | None = None) -> None:
    """The first of `total` questions (showing `shown`) rated Good, then `q` at the second."""
    child.expect_exact(f"[1/{total}]")
    if shown:
        child.expect_exact(shown)
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact(f"[2/{total}]")
    child.send("q")


def _ended_then_today(child: pexpect.spawn, later: str) -> str:
    """The drill ended, then the last line `today` gives at `later`: what the end said is left
    is checked against it."""
    child.expect(pexpect.EOF)
    child.close()
    return run("today", env={"EMPREP_NOW": later}).stdout.splitlines()[-1]


def _wrapped(text: str) -> str:
    """A pattern for `text` as the terminal shows it: wrapped at any space."""
    return re.escape(text).replace(r"\ ", r"\s+")


def test_drill_rate_skip_and_ctrl_c_keeps_every_rating(isolated: Path, tmp_path: Path) -> None:
    run("config", "set", "interview", "2027-01-01")
    items = listed(4, NOW)
    clock = SessionClock(tmp_path)
    child = spawn(["drill", "--count", "4"], isolated, NOW, env=clock.env)
    child.expect_exact("[1/4]")
    child.expect_exact(items[0]["text"])
    box = f"{items[0]['minutes']}:00"
    child.expect_exact(f"0:00 / {box}")
    clock.advance(1)
    child.expect_exact(f"0:01 / {box} · space: reveal · s: skip · p: pause · q: quit")
    child.send(" ")
    child.expect_exact("What the interviewers look for")
    child.expect_exact("A strong answer covers")
    child.expect_exact("They will ask next")
    child.expect_exact("Red flags")
    child.expect_exact("The bar: ")
    child.expect_exact("Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e)")
    child.send("x")  # not taken: the line says which keys are
    child.expect_exact("'x' is not a key here: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e)")
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
    child.expect_exact(items[3]["text"])
    child.expect_exact("q: quit")  # the clock's line: the drill waits for a key
    child.sendintr()
    child.expect(
        r"Stopped\. 2 rated \(Again 1, Good 1\), 1 skipped, 0 min 1 s answering\. "
        r"Every rating is saved\."
    )
    assert ended(child) == 130
    log = reviews(store.load(isolated))
    assert [(r.question, r.rating) for r in log] == [
        (items[0]["id"], 3),
        (items[2]["id"], 1),
    ]
    assert (log[0].seconds, log[1].seconds) == (1, 0)


def test_a_rating_key_in_another_script_s_digit_or_fullwidth_is_the_rating(
    isolated: Path,
) -> None:
    """An Arabic keyboard's 3 and a Japanese one's fullwidth 2 or e rate as 3, 2 and e do, as
    `review ID ٣` and every count typed read them; before, "'٣' is not a key here"."""
    run("config", "set", "interview", "2027-01-01")
    items = listed(3, NOW)
    child = _spawn(["drill", "--count", "3"], isolated)
    _rate(child, "\u0663", "Good")
    _rate(child, "\uff12", "Hard")
    _rate(child, "\uff45", "Easy")
    child.expect(r"3 rated \(Hard 1, Good 1, Easy 1\), 0 skipped")
    assert ended(child) == 0
    assert [(r.question, r.rating) for r in reviews(store.load(isolated))] == [
        (items[0]["id"], 3),
        (items[1]["id"], 2),
        (items[2]["id"], 4),
    ]


def test_q_quits_cleanly_and_a_second_run_continues(isolated: Path) -> None:
    items = listed(3, NOW)
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
    assert ended(child) == 0
    assert [r.question for r in reviews(store.load(isolated))] == [items[0]["id"]]
    rest = listed(3, NOW)
    assert items[0]["id"] not in [i["id"] for i in rest]
    assert rest[0]["id"] == items[1]["id"]


def test_interactive_drill_asks_exactly_what_list_shows(isolated: Path) -> None:
    run("config", "set", "interview", "2026-12-20")
    items = listed(5, NOW)
    child = _spawn(["drill"], isolated)
    for n, item in enumerate(items, start=1):
        child.expect_exact(f"[{n}/5]")
        child.expect_exact(item["text"])
        child.send("s")
    child.expect(r"0 rated, 5 skipped")
    assert ended(child) == 0
    assert reviews(store.load(isolated)) == []


@pytest.mark.parametrize(
    "args", [["drill", "--format", "json"], ["mock", "--round", "recruiter", "--format", "json"]]
)
def test_json_asked_for_at_a_terminal_is_the_document_with_nothing_asked(
    isolated: Path, args: list[str]
) -> None:
    """`--format json` at a terminal started the drill (or the mock) and printed no JSON: the
    format went unused without a word. A document is read, not answered: it is the list's
    (`--list --format json`), and a fresh file asks no first-run questions for it."""
    child = _spawn(args, isolated)
    printed = child.read()
    child.close()
    assert child.exitstatus == 0
    by_list = run(*args, "--list", env={"EMPREP_NOW": NOW})
    assert json.loads(printed) == json.loads(by_list.stdout)
    assert not isolated.exists()


def test_today_as_json_at_a_terminal_asks_no_first_run_questions(isolated: Path) -> None:
    """`today --format json` at a terminal, before any progress file, asked the first run's
    three questions on stdout ahead of the document. A document is read, not answered: it is
    the one printed off a terminal, of the defaults (no interview: null), and no file is made."""
    child = _spawn(["today", "--format", "json"], isolated)
    printed = child.read()
    child.close()
    assert child.exitstatus == 0
    assert "Welcome" not in printed
    doc = json.loads(printed)
    assert doc == json.loads(run("today", "--format", "json", env={"EMPREP_NOW": NOW}).stdout)
    assert (doc["interview"], doc["days_to_interview"], doc["drill"]["count"]) == (None, None, 5)
    assert not isolated.exists()


def test_a_rating_due_on_a_rest_day_says_the_practice_day_it_comes_back(isolated: Path) -> None:
    run("config", "set", "interview", "2027-01-01")
    run("config", "set", "rest-days", "sat,sun")
    child = _spawn(["drill", "--count", "1"], isolated)  # NOW is a Friday
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("a")
    child.expect(r"Saved: Again\. Next review 2026-11-23 \(due 2026-11-21, a rest day\)\.")


def test_on_the_eve_of_an_interview_on_a_rest_day_a_failed_answer_comes_back_on_its_day(
    isolated: Path,
) -> None:
    """The onsite on a Saturday, the weekend off: an answer failed on the Friday said "Next
    review 2026-11-23 (due 2026-11-21, a rest day)", after the loop, and `today` and
    `progress` counted Saturday's reviews on the Monday, while Saturday's drill is the round's
    warm-up, its failed answers first. A day an interview is on is no rest day."""
    run("config", "set", "interview", "2026-11-21")  # NOW is a Friday
    run("config", "set", "rest-days", "sat,sun")
    child = _spawn(["drill", "--count", "1"], isolated)
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("a")
    child.expect_exact("Saved: Again. Next review 2026-11-21.")
    assert ended(child) == 0
    env = {"EMPREP_NOW": "2026-11-20T20:00"}
    r = run("review", "rec-why-coursera", "again", env=env)
    assert r.stdout == "Recorded rec-why-coursera: Again. Next review 2026-11-21.\n"
    assert (
        json.loads(run("review", "exe-scal", "again", "--format", "json", env=env).stdout)[
            "next_review"
        ]
        == "2026-11-21"
    )
    today = json.loads(run("today", "--format", "json", env=env).stdout)["drill"]
    assert (today["next_due"], today["next_due_count"]) == ("2026-11-21", 3)
    forecast = json.loads(run("progress", "--format", "json", env=env).stdout)["forecast"]
    assert [f["due"] for f in forecast[:4]] == [0, 3, 0, 0]
    items = listed(3, "2026-11-21T08:00")
    assert sorted((i["id"], i["kind"]) for i in items) == sorted(
        (q, "warm-up")
        for q in ("rec-why-coursera", "exe-scaling", reviews(store.load(isolated))[0].question)
    )


def test_the_end_sends_reviews_the_day_leaves_out_to_more_not_to_drill(isolated: Path) -> None:
    """Reviews due today that the day's drill leaves out are `drill --more`'s: once the day's
    drill is done, `emprep drill` says so, so the end must not send them there. At a count
    that cannot keep up (here), the pace line says them, with the count as their cause. Not
    done today, they are still due the next day, and "Next due" says so (it said the 24th,
    as if the four were done)."""
    later = _four_due_two_days_on()
    behind = "At 5 a day more reviews fall due than the day's drill takes (4 more due today: "
    behind += "emprep drill --more)."
    child = spawn(["drill", "--count", "2"], isolated, later)
    _good_then_quit(child, 2)
    child.expect(
        _wrapped(
            "Still in today's drill: 1 question (emprep drill). "
            "Next due: 2026-11-23 (4), 2026-11-24 (1)."
        )
    )
    child.expect(_wrapped(behind))
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(["drill", "--count", "2"], isolated, later)
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect(_wrapped("Every rating is saved. Next due: 2026-11-23 (4), 2026-11-24 (2)."))
    child.expect(_wrapped(behind))
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(["drill", "--count", "2"], isolated, later)
    child.expect(_wrapped("Today's drill is done. Next due: 2026-11-23 (4), 2026-11-24 (2)."))
    child.expect(_wrapped(behind))
    assert ended(child) == 0
    assert "More practice now" not in child.before  # the pace line says --more


def test_an_extra_drill_left_half_way_is_not_called_todays_drill(isolated: Path) -> None:
    """`drill --more` left at its second question ended "Still in today's drill: 1 question
    (emprep drill --more)", while `today` said the day's drill was done: the extra drill's
    end speaks of itself."""
    later = _four_due_two_days_on(count=1)
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": later})
    child = spawn(["drill", "--more", "--count", "2"], isolated, later)
    _good_then_quit(child, 2)
    child.expect(_wrapped("Left of this extra drill: 1 question (emprep drill --more). "))
    assert ended(child) == 0
    assert "Still in today's drill" not in child.before


def test_on_a_round_day_the_end_counts_what_is_left_as_today_does(isolated: Path) -> None:
    """On a round's day the drill's questions are warm-ups, due as reviews are: those still in
    the day's drill are not counted again among the ones left for `drill --more`, so the end
    and `today` give the same figures. Of the 16 left, the 6 another round asks are still due
    the next day; the 10 only the screen asks are never asked again."""
    day0 = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    run("config", "set", "interview", "2027-01-15", env=day0)
    run("config", "set", "interview.recruiter", "2026-11-22", env=day0)
    run("config", "set", "count", "2", env=day0)
    screen = [q.id for q in load_pack().questions if "recruiter" in q.rounds]
    for qid in screen:  # all 18 due on the round's day (one never seen would come first)
        run("review", qid, "good", env=day0)
    later = "2026-11-22T09:00:00+00:00"
    child = spawn(["drill"], isolated, later)
    _good_then_quit(child, 2, shown="warm-up")
    child.expect(
        _wrapped("Still in today's drill: 1 question (emprep drill). Next due: 2026-11-23 (6).")
    )
    # a count of 2 cannot keep up: the pace line says the reviews left, the next step not
    child.expect(_wrapped("takes (16 more due today: emprep drill --more)"))
    today = _ended_then_today(child, later)
    assert today == "Next: emprep drill (today's 1 question)"
    shown = run("today", env={"EMPREP_NOW": later}).stdout
    assert "(16 more due today: emprep drill --more)" in shown


def test_a_day_done_at_the_terminal_still_gives_the_pace(isolated: Path) -> None:
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "count", "1")
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"})
    later = "2026-11-20T10:00:00+00:00"
    pace = run("drill", "--list", env={"EMPREP_NOW": later}).stdout.splitlines()[-1]
    assert pace.startswith("At 1 a day about ")
    child = spawn(["drill"], isolated, later)
    child.expect(_wrapped("Today's drill is done. Next due: 2026-11-22 (1)."))
    child.expect_exact("More practice now, chosen the same way: emprep drill --more")
    child.expect(_wrapped(pace))
    assert ended(child) == 0


def test_a_round_s_drill_after_the_day_s_is_done_offers_more_of_that_round(
    isolated: Path,
) -> None:
    """`drill --round people` (and its `--list`) once the day's drill was done offered
    `emprep drill --more`, the day's whole drill: not what was asked. It offers the round's
    own, a command that has that round's questions."""
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "count", "1")
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-11-20T09:00"})
    later = "2026-11-20T10:00:00+00:00"
    listed = run("drill", "--round", "peo", "--list", env={"EMPREP_NOW": later}).stdout
    assert listed.splitlines()[1] == (
        "Today's drill is done. More practice: emprep drill --more --round people; what is "
        "coming: emprep progress"
    )
    child = spawn(["drill", "--round", "peo"], isolated, later)
    child.expect(_wrapped("Today's drill is done. Next due: 2026-11-22 (1)."))
    child.expect_exact("More practice now, chosen the same way: emprep drill --more --round people")
    assert ended(child) == 0
    more = run(
        "drill",
        "--more",
        "--round",
        "people",
        "--list",
        "--format",
        "json",
        env={"EMPREP_NOW": later},
    )
    items = json.loads(more.stdout)["items"]
    assert items and all("people" in i["rounds"] for i in items)


def test_on_the_evening_of_the_onsite_the_end_says_to_log_it_as_today_does(
    isolated: Path,
) -> None:
    """From 18:00 on the rounds' day they are surely over: the drill's end, with questions
    rated or with none left, gives the same next step as `today`."""
    run("config", "set", "interview", "2026-12-14", env={"EMPREP_NOW": NOW})
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-12-13T09:00"})
    evening = "2026-12-14T20:00:00+00:00"
    step = "Next: emprep rounds log recruiter (what the recruiter round asked, while you "
    step += "remember it)"
    assert run("today", env={"EMPREP_NOW": evening}).stdout.splitlines()[-1] == step
    child = spawn(["drill", "--count", "1"], isolated, evening, width=80)
    _to_the_rating(child)
    child.send("g")
    child.expect_exact(
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you\r\n"
        "      remember it)"
    )
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(["drill", "--count", "1"], isolated, evening, width=120)
    child.expect_exact("Today's drill is done.")
    child.expect_exact(step + "\r\n")
    child.expect(pexpect.EOF)
    child.close()
    assert "More practice now" not in child.before


def test_the_drill_on_a_rest_day_says_it_is_one(isolated: Path) -> None:
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "rest-days", "sat,sun")
    child = spawn(["drill", "--count", "1"], isolated, "2026-11-21T09:00:00+00:00")  # Saturday
    child.expect_exact("Today is one of your rest days; here is the drill all the same.")
    child.expect_exact("[1/1]")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(["drill", "--count", "1"], isolated, "2026-11-23T09:00:00+00:00")  # Monday
    child.expect_exact("[1/1]")
    assert "rest day" not in child.before
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_the_end_leaves_out_reviews_of_a_round_that_is_past(isolated: Path) -> None:
    """A recruiter-only question falls due after the screen: no drill asks it again, so the
    end of the drill does not count it among the reviews `drill --more` would ask."""
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "interview.recruiter", "2026-11-30")
    eve = {"EMPREP_NOW": "2026-11-29T09:00:00+00:00"}
    for qid in ["rec-search-logistics", "tech-monitoring"]:  # both due again on 2026-12-01
        run("review", qid, "good", env=eve)
    child = spawn(["drill", "--count", "1"], isolated, "2026-12-01T09:00:00+00:00")
    child.expect_exact("[1/1]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect(_wrapped("Every rating is saved. Next due: "))
    child.expect(_wrapped("takes (1 more due today: emprep drill --more)"))
    child.expect(pexpect.EOF)
    child.close()


def test_ctrl_d_ends_the_drill_and_keeps_the_ratings(isolated: Path) -> None:
    """Ctrl-D is the end of input, as at a prompt: the drill stops as with Ctrl-C (it was
    ignored, and the drill kept waiting)."""
    run("config", "set", "interview", "2027-01-15")
    child = _spawn(["drill"], isolated)
    child.expect_exact("[1/5]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[2/5]")
    child.sendeof()
    child.expect(_wrapped("Stopped. 1 rated (Good 1), 0 skipped"))
    assert ended(child) == 130
    assert [e.question for e in reviews(store.load(isolated))] == ["rec-mission-values"]


@pytest.mark.parametrize("marked", [False, True])
def test_text_pasted_at_the_drill_is_no_key(isolated: Path, marked: bool) -> None:
    """Each letter of text pasted into the drill was taken for a key: the h of "the" rated the
    question Hard, the q of "quick" ended the drill. A paste is no key (marked by the terminal
    as one or not), said on the rating line; the key pressed after it rates."""
    run("config", "set", "interview", "2027-01-15")
    child = _spawn(["drill"], isolated)
    _to_the_rating(child)
    text = "the quick brown fox: good, easy, skip. " * 30
    os.write(child.child_fd, (f"\x1b[200~{text}\x1b[201~" if marked else text).encode())
    child.expect_exact("A paste is not a key here: 1 Again")
    child.send("3")
    _first_of_five_good_then_quit(child, isolated)


@pytest.mark.parametrize("sent", ["3\r", "3\n", "g\r\n"])
def test_a_key_and_enter_in_one_read_is_the_key_not_a_paste(isolated: Path, sent: str) -> None:
    """A key typed with Enter over a slow link, or a script's `3\\n`, comes in one read: it
    rates, as the key alone does; it is not taken for a paste and ignored."""
    run("config", "set", "interview", "2027-01-15")
    child = _spawn(["drill"], isolated)
    _to_the_rating(child)
    os.write(child.child_fd, sent.encode())
    _first_of_five_good_then_quit(child, isolated)


@pytest.mark.parametrize("sent", ["\r3", "\n3", "\r3\r"])
def test_enter_then_a_key_in_one_read_are_both(isolated: Path, sent: str) -> None:
    """Enter then a key typed fast over a slow link come in one read: Enter acted and the key
    was dropped, the question revealed and left waiting for a rating. Enter reveals, the key
    rates."""
    run("config", "set", "interview", "2027-01-15")
    child = _spawn(["drill"], isolated)
    child.expect_exact("space: reveal")
    os.write(child.child_fd, sent.encode())
    child.expect_exact("Rate: 1 Again")
    _first_of_five_good_then_quit(child, isolated)


def _first_of_five_good_then_quit(child: pexpect.spawn, isolated: Path) -> None:
    """The key just sent rated the first of five Good, and only that: `q` at the second ends
    the drill, one rating in the file."""
    child.expect_exact("Saved: Good.")
    child.expect_exact("[2/5]")
    child.send("q")
    assert ended(child) == 0
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        ("rec-mission-values", 3)
    ]


def _screen_practised() -> None:
    """The screen on 2026-11-30, the onsite on 2026-12-14; every screen question practised on
    2026-11-27, rec-why-coursera the weakest (Good, the others Easy): the screen's warm-up
    asks it first (a screen question never seen would come before it)."""
    run("config", "set", "interview", "2026-12-14")
    run("config", "set", "interview.recruiter", "2026-11-30")
    eve = {"EMPREP_NOW": "2026-11-27T09:00:00+00:00"}
    for q in load_pack().questions:
        if "recruiter" in q.rounds:
            rating = "good" if q.id == "rec-why-coursera" else "easy"
            assert run("review", q.id, rating, env=eve).code == 0


def test_on_the_rounds_day_the_card_gives_the_recall_now_only(isolated: Path) -> None:
    """On 2026-11-30, the screen's day, the card said "warm-up: recall now 65%, at 2026-11-30
    65%": the deadline is this morning, already past; the figure now is the one that counts."""
    _screen_practised()
    child = spawn(["drill", "--count", "1"], isolated, "2026-11-30T09:05:00+00:00")
    child.expect_exact("[1/1] Recruiter/HR Interview")
    child.expect(r"warm-up: recall now \d+% \(the round is today\)\r\n")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()


def test_once_revealed_the_clock_line_drops_the_key_hints(isolated: Path) -> None:
    """The line under the question kept "space: reveal · s: skip · q: quit" above what the
    reveal showed, as if space were still to be pressed; it keeps the clock alone."""
    run("config", "set", "interview", "2027-01-15")
    child = _spawn(["drill"], isolated)
    child.expect_exact("space: reveal · s: skip · p: pause · q: quit")
    child.send(" ")
    child.expect_exact("What the interviewers look for")
    assert child.before.endswith("\r  0:00 / 3:00" + ENDS + "\r\n")  # its last redraw, a break
    child.expect_exact("Rate:")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def _revealed(before: str, first: str) -> list[str]:
    """The lines of a reveal from the one that starts with `first` to the rating prompt."""
    lines = before.replace("\r\n", "\n").split("\n")
    start = next(k for k, line in enumerate(lines) if line.startswith(first))
    return [line.rstrip() for line in lines[start:]]


OUTLINE_NOTE = [
    "Answer outline",
    "  1. Name the value in Coursera's words",
    "  2. A story where you acted on it at a cost (STAR, result first)",
    "  3. How you build it into the team's habits",
    "",
    "Your note",
    "  Mission first: free, open learning.",
    "  Story: s1, the grading launch.",
    "",
    "",
]


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (120, OUTLINE_NOTE),
        (80, OUTLINE_NOTE),
        (
            60,
            [
                *OUTLINE_NOTE[:2],
                "  2. A story where you acted on it at a cost (STAR, result",
                "     first)",
                *OUTLINE_NOTE[3:],
            ],
        ),
    ],
)
def test_the_reveal_shows_the_packs_outline_beside_your_note(
    isolated: Path, width: int, lines: list[str]
) -> None:
    run("config", "set", "interview", "2027-01-01")
    note = "Mission first: free, open learning.\nStory: s1, the grading launch."
    assert run("note", "rec-mission-values", "--text", note).code == 0
    [item] = listed(1, NOW)
    assert item["id"] == "rec-mission-values"
    child = spawn(["drill", "--count", "1"], isolated, NOW, width=width)
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("The bar: ")
    child.expect_exact("Rate:")
    assert _revealed(child.before, "Answer outline") == lines
    child.send("q")
    assert ended(child) == 0


def test_without_a_note_the_outline_is_the_last_thing_before_the_rating(isolated: Path) -> None:
    run("config", "set", "interview", "2027-01-01")
    child = spawn(["drill", "--count", "1"], isolated, NOW, width=80)
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("Rate:")
    assert _revealed(child.before, "Answer outline") == [*OUTLINE_NOTE[:4], "", ""]
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_the_reveal_names_the_stories_linked_to_the_question(isolated: Path) -> None:
    """The mock's reveal named the candidate's stories for a question ("Your stories for it");
    the drill's, every day, named none, so a linked story was not called to mind where the
    question is practised most. Now after the outline and the note, as the mock lists them."""
    run("config", "set", "interview", "2027-01-01")
    star = ["--situation", "S", "--task", "T", "--action", "A", "--result", "R"]
    for title in ["The values call", "Why we\tstayed"]:
        r = run("story", "add", "--title", title, *star, "--questions", "rec-mission-values")
        assert r.code == 0, r.stderr
    assert run("story", "add", "--title", "Other", *star, "--questions", "com-hiring").code == 0
    child = spawn(["drill", "--count", "1"], isolated, NOW, width=80)
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("Rate:")
    assert _revealed(child.before, "Answer outline") == [
        *OUTLINE_NOTE[:4],
        "",
        "Your stories for it",
        "  - s1: The values call",
        "  - s2: Why we stayed",
        "",
        "",
    ]
    child.send("q")
    assert ended(child) == 0


def test_a_warm_up_rating_says_the_drill_skips_it_after_the_round(isolated: Path) -> None:
    """On the screen's day a recruiter-only question rated in the warm-up was told "Next review
    2026-12-03", a day no drill asks it."""
    _screen_practised()
    child = spawn(["drill", "--count", "1"], isolated, "2026-11-30T09:05:00+00:00")
    child.expect_exact("warm-up")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    said = _wrapped("Saved: Good. Next review: none; FSRS's (2026-12-00) falls after its last")
    child.expect(said.replace("00", r"\d\d") + _wrapped(" round (2026-11-30)."))
    child.expect(pexpect.EOF)
    child.close()


def test_at_60_columns_the_clock_line_keeps_the_way_out_over_undo(isolated: Path) -> None:
    """From the second question on, 60 columns showed "space: reveal · s: skip · u: undo last"
    and left out "q: quit": the way out goes ahead of the hints between, undo is what drops."""
    run("config", "set", "interview", "2027-01-15")
    child = spawn(["drill"], isolated, NOW, width=60)
    child.expect_exact("space: reveal · s: skip · q: quit")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("3")
    child.expect_exact("[2/5]")
    child.expect(r"\d:\d\d / 3:00 · space: reveal · s: skip · q: quit" + re.escape(ENDS))
    assert "undo" not in child.before
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert [e.question for e in reviews(store.load(isolated))] == ["rec-mission-values"]


def test_at_60_columns_a_question_of_two_rounds_names_each_round_whole(isolated: Path) -> None:
    """The first question, asked in the recruiter and executive rounds, was headed "[1/5]
    Recruiter/HR Interview / Executive Leadership" with "Interview" alone at the start of the
    next line: each round after the first goes on a line of its own, under the first."""
    run("config", "set", "interview", "2027-01-15")
    assert listed(5, NOW)[0]["id"] == "rec-mission-values"  # recruiter, executive
    child = spawn(["drill"], isolated, NOW, width=60)
    child.expect_exact("space: reveal")
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("[1/5] Recruiter/HR Interview /")
    assert lines[at + 1] == "      Executive Leadership Interview"
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_a_question_of_two_rounds_names_them_in_the_loop_s_order_on_every_screen(
    isolated: Path,
) -> None:
    """remote-adapt-style, a people round's question the recruiter asks too, is listed in the
    pack as `people, recruiter`, and rec-team-health as `recruiter, people`: the drill's
    heading, `drill --list`, `questions ID`, the study sheet and the Anki card named the two
    rounds in one order for one question and the other for the next. Each names them in the
    loop's order, as `rounds` lists them; the sheet still writes the question out under its
    own round, the one the pack names first."""
    run("config", "set", "interview", "2027-01-15")
    assert load_pack().question("remote-adapt-style").rounds == ["people", "recruiter"]
    ids = [i["id"] for i in listed(5, NOW)]
    assert ids.index("remote-adapt-style") == 4
    child = spawn(["drill"], isolated, NOW, width=80)
    for _ in range(4):
        child.expect_exact("space: reveal")
        child.send("s")
    child.expect_exact("[5/5] Recruiter/HR Interview / People Management & Leadership\r\n")
    child.expect_exact("space: reveal")
    child.send("q")
    assert ended(child) == 0
    listing = spawn(["drill", "--list"], isolated, NOW, width=120)
    listing.expect_exact("5  remote-adapt-style  new   recruiter,people     2027-01-15")
    assert ended(listing) == 0
    detail = run("questions", "remote-adapt-style").stdout.splitlines()
    assert detail[3] == (
        "Rounds: Recruiter/HR Interview (recruiter), People Management & Leadership (people); "
        "placed by emprep"
    )
    sheet = run("questions", "--format", "md").stdout
    assert (
        "*Recruiter/HR Interview, People Management & Leadership (placed by emprep) · guide · "
        "core · 5 min*"
    ) in sheet
    assert (
        "- `remote-adapt-style` Describe a time you had to adapt your leadership style for a "
        "distributed team. (written out under People Management & Leadership)"
    ) in sheet


def test_at_60_columns_a_tag_of_two_words_is_not_cut_in_two(isolated: Path) -> None:
    """rec-hands-on's tags line ended "tags: Management, Technical" with "Leadership" alone on
    the next line: one tag read as two. A tag goes under the line whole, as a round's name."""
    run("config", "set", "interview", "2027-01-15")
    assert [i["id"] for i in listed(5, NOW)[:2]] == ["rec-mission-values", "rec-hands-on"]
    child = spawn(["drill"], isolated, NOW, width=60)
    child.expect_exact("space: reveal")
    child.send("s")
    child.expect_exact("[2/5]")
    child.expect_exact("space: reveal")
    lines = child.before.replace("\r", "").splitlines()
    at = lines.index("Interviewer: Recruiter/HR · tags: Management,")
    assert lines[at + 1] == "             Technical Leadership"
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def _interviewer(child: pexpect.spawn) -> str:
    child.expect_exact("space: reveal")
    before: str = child.before
    [line] = [x for x in before.replace("\r", "").splitlines() if x.startswith("Interv")]
    return line


def test_a_question_names_the_interviewer_of_the_round_it_is_asked_for(isolated: Path) -> None:
    """rec-hands-on, a question of the recruiter screen and the technical round, was headed
    "Interviewer: Recruiter/HR" in a drill of the technical round, and in the day's drill once
    the screen was behind the candidate: the tech lead is the one who will ask it then."""
    run("config", "set", "interview", "2027-01-15")
    child = spawn(["drill", "--round", "technical"], isolated, NOW)
    assert _interviewer(child) == (
        "Interviewer: Senior Software Engineer/Engineering Lead · tags: Management, "
        "Technical Leadership"
    )
    child.send("q")
    assert ended(child) == 0
    for day, interviewer in [
        ("2026-11-19", "Senior Software Engineer/Engineering Lead"),  # the screen yesterday
        ("2026-12-01", "Recruiter/HR"),  # the screen ahead: its question, its interviewer
    ]:
        run("config", "set", "interview.recruiter", day)
        ids = [i["id"] for i in listed(5, NOW)]
        child = spawn(["drill"], isolated, NOW)
        for _ in range(ids.index("rec-hands-on")):
            child.expect_exact("space: reveal")
            child.send("s")
        assert _interviewer(child).startswith(f"Interviewer: {interviewer} · tags: Management")
        child.send("q")
        assert ended(child) == 0


def test_a_skipped_question_is_said_to_stay_in_todays_drill_and_it_does(isolated: Path) -> None:
    """A skip said "it stays for another day", yet the next drill the same day asked it first
    (an unrated question is still in the day's drill): the message says where it stays."""
    run("config", "set", "interview", "2027-01-15")
    items = listed(5, NOW)
    child = _spawn(["drill"], isolated)
    child.expect_exact(items[0]["text"])
    child.send("s")
    child.expect_exact("Skipped: not rated; it stays in today's drill.\r\n")
    child.expect_exact("[2/5]")
    child.send("q")
    child.expect(r"0 rated, 1 skipped")
    child.expect_exact("Still in today's drill: 5 questions (emprep drill).")
    child.expect(pexpect.EOF)
    child.close()
    again = _spawn(["drill"], isolated)
    again.expect_exact("[1/5]")
    again.expect_exact(items[0]["text"])
    again.send("q")
    again.expect(pexpect.EOF)
    again.close()


def test_u_at_the_rating_prompt_takes_back_the_last_rating(isolated: Path) -> None:
    """A wrong key on the last question is most often seen while reading the next one's reveal:
    `u` at the rating prompt was ignored (only the question's clock line took it)."""
    run("config", "set", "interview", "2027-01-15")
    items = listed(5, NOW)
    child = spawn(["drill"], isolated, NOW, width=120)
    child.expect_exact(items[0]["text"])
    child.send(" ")
    child.expect_exact(
        "Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · q: quit" + ENDS
    )
    assert "undo" not in child.before  # nothing to take back on the first question
    child.send("4")
    child.expect_exact("Saved: Easy.")
    child.expect_exact("[2/5]")
    child.send(" ")
    child.expect_exact(
        "Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · u: undo last · q: quit"
        + ENDS
    )
    child.send("u")
    child.expect_exact(f"Undone: {items[0]['id']} (Easy). It is asked again.")
    child.expect_exact("[1/5]")
    child.expect_exact(items[0]["text"])
    child.send("q")
    child.expect_exact("0 rated")
    child.expect(pexpect.EOF)
    child.close()
    assert reviews(store.load(isolated)) == []


SCALE = "1 Again · 2 Hard · 3 Good · 4 Easy"
RATE = f"Rate: {SCALE} (a/h/g/e)"


@pytest.mark.parametrize(
    ("width", "first", "second", "hint"),
    [
        (
            120,
            f"{RATE} · s: skip · q: quit",
            f"{RATE} · s: skip · u: undo last · q: quit",
            "'5' is not a key here: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · "
            "u: undo last · q: quit",
        ),
        (
            80,
            f"{RATE} · s: skip · q: quit",
            "1/a Again · 2/h Hard · 3/g Good · 4/e Easy · s: skip · u: undo last · q: quit",
            "'5' is not a key here: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · q: quit",
        ),
        (60, RATE, RATE, "'5' is not a key: 1 Again · 2 Hard · 3 Good · 4 Easy"),
        # the prompt was cut to the width in a word: "... 3 Good · 4 Ea"
        (40, SCALE, SCALE, "'5' is not a key: 1-4 or a/h/g/e"),
        # cut in a word below the scale's 34 columns: "1 Again · 2 Hard · 3 Good · ", no Easy
        (
            30,
            "Rate 1-4, a/h/g/e · q: quit",
            "Rate 1-4, a/h/g/e · q: quit",
            "'5' is no key: 1-4, a/h/g/e",
        ),
    ],
)
def test_a_key_the_rating_does_not_take_shows_the_keys_in_one_line(
    isolated: Path, width: int, first: str, second: str, hint: str
) -> None:
    """A 5 from a 1-5 habit was ignored without a word; at 80 columns "u: undo last" did not
    fit beside the scale. The hint takes the prompt's line: nothing below it moves."""
    run("config", "set", "interview", "2027-01-15")
    child = spawn(["drill"], isolated, NOW, width=width)
    child.expect_exact("space: reveal")  # at 30 columns the keys alone
    child.send(" ")
    child.expect_exact("\r\n\r" + first + ENDS)
    child.send("4")
    child.expect_exact("[2/5]")
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("\r\n\r" + second + ENDS)
    child.send("5")
    child.expect_exact("\r" + hint + ENDS)
    assert child.before == ""  # the hint is drawn over the prompt, on its line
    child.send("x")
    child.expect_exact("\r" + hint.replace("'5'", "'x'") + ENDS)
    child.send("g")
    child.expect_exact("\r\nSaved: Good.")
    assert child.before == ""  # under the line, the line as it was
    child.expect_exact("[3/5]")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert [e.rating for e in reviews(store.load(isolated))] == [4, 3]


def test_esc_and_a_byte_that_is_not_utf_8_at_the_rating_are_named_as_keys(isolated: Path) -> None:
    """Esc was "That is not a key here", and a Latin-1 terminal's byte "'\ufffd' is not a key
    here", the sign of a character lost, as if emprep had garbled the key."""
    run("config", "set", "interview", "2027-01-15")
    child = spawn(["drill"], isolated, NOW)
    child.expect_exact("space: reveal")
    child.send(" ")
    child.expect_exact("Rate: ")
    child.send("\x1b")
    child.expect_exact("\rEsc is not a key here: 1 Again · 2 Hard")
    os.write(child.child_fd, b"\xe9")
    child.expect_exact("\rThat is not a key here: 1 Again · 2 Hard")
    child.send("q")
    assert ended(child) == 0
    assert reviews(store.load(isolated)) == []


def test_a_rating_whose_save_fails_is_kept_and_resume_saves_what_the_backup_took_back(
    isolated: Path,
) -> None:
    """Before, a rating given while the file was broken by hand was lost, and the backup the
    message offered (one save old) took back the drill's rating saved before it too: each is
    in the drill's draft, and `drill --resume` saves what the file lacks."""
    run("config", "set", "interview", "2027-01-01")
    first, second = (x["id"] for x in listed(2, NOW))
    child = spawn(["drill", "--count", "2"], isolated, NOW, env={"TZ": "UTC"})
    _rate(child, "g", "Good")
    child.expect_exact("[2/2]")
    _to_the_rating(child)
    bak = isolated.with_name("progress.toml.bak")
    saved = datetime(2026, 11, 20, 8, 59, tzinfo=UTC).timestamp()
    os.utime(bak, (saved, saved))
    isolated.write_bytes(isolated.read_bytes() + b"\n[[[broken\n")
    child.send("h")
    assert ended(child) == 2
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.name == "drill-20261120-090000.toml"
    [line] = [x for x in child.before.replace("\r\n", "").split("\x1b") if "error:" in x]
    assert line.endswith(
        "fix it by hand, or go back to its backup from 2026-11-20 08:59 (0 reviews; this file: "
        f"1 review), keeping this file aside: cp '{isolated}' '{isolated}.broken' && cp '{bak}' "
        f"'{isolated}'; the drill's answers are kept in {draft}: once that is fixed, save what "
        f"the file lacks with: emprep drill --resume {draft}"
    ), line
    isolated.write_bytes(bak.read_bytes())  # the backup: the first rating is not in it
    assert reviews(store.load(isolated)) == []
    r = run("drill", "--resume", str(draft))
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Saved from the draft: 2 ratings ({first}, {second}).\nThe draft {draft} is removed.\n",
        "",
    )
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        (first, 3),
        (second, 2),
    ]
    assert not draft.exists()


def test_a_rating_whose_save_and_draft_both_fail_says_the_command_that_saves_it(
    isolated: Path,
) -> None:
    """No draft can be written (here a file is where the drafts folder goes): the line says
    the one command that saves the rating."""
    run("config", "set", "interview", "2027-01-01")
    (isolated.parent / "drafts").write_text("")
    good = isolated.read_bytes()
    first = listed(1, NOW)[0]["id"]
    child = _spawn(["drill", "--count", "1"], isolated)
    _to_the_rating(child)
    isolated.write_bytes(good + b"\n[[[broken\n")
    child.send("g")
    assert ended(child) == 2
    [line] = [x for x in child.before.splitlines() if x.startswith("emprep: error:")]
    said = re.search(
        rf"; your rating of {first} is not saved: once that is fixed, save it with: "
        rf"(emprep review {first} good --seconds \d+)$",
        line,
    )
    assert said, line
    isolated.write_bytes(good)
    r = run(*said.group(1).split()[1:], env={"EMPREP_NOW": NOW})
    assert r.code == 0, r.stderr
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [(first, 3)]


@pytest.mark.parametrize("at", ["question", "rating"])
def test_a_closed_terminal_ends_the_drill_quietly_with_every_rating_kept(
    isolated: Path, at: str
) -> None:
    """The terminal window closed (SIGHUP, the terminal gone): the rating was saved and the
    draft removed, but the summary could not be written, and the exit was 74, "the output
    could not be written". Now 129, as a hang-up, nothing more tried."""
    run("config", "set", "interview", "2027-01-01")
    first = listed(2, NOW)[0]["id"]
    child = _spawn(["drill", "--count", "2"], isolated)
    _rate(child, "g", "Good")
    child.expect_exact("space: reveal")
    if at == "rating":
        child.send(" ")
        child.expect_exact("Rate: 1 Again")
    assert hang_up(child) == (129, None)
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [(first, 3)]
    assert list((isolated.parent / "drafts").iterdir()) == []


@pytest.mark.parametrize("at", ["question", "rating"])
def test_a_closed_terminal_is_a_hang_up_though_its_sighup_is_ignored(
    isolated: Path, at: str
) -> None:
    """A closed window fails the next read of the terminal at once; its SIGHUP may come a
    moment later (a shell passes its own on) or never (`trap '' HUP`). That read ended the
    drill with 74, "the output could not be written", or as Ctrl-D; it is the hang-up: 129,
    every rating kept, the draft removed."""
    run("config", "set", "interview", "2027-01-01")
    first = listed(2, NOW)[0]["id"]
    child = spawn(["drill", "--count", "2"], isolated, NOW, ignored=(signal.SIGHUP,))
    _to_the_rating(child)
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.expect_exact("space: reveal")
    if at == "rating":
        child.send(" ")
        child.expect_exact("Rate: 1 Again")
    assert hang_up(child) == (129, None)
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [(first, 3)]
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_a_drill_killed_leaves_its_draft_and_the_next_drill_says_so(isolated: Path) -> None:
    """A kill (-9, a crash) gives emprep no moment to finish: a rating it was saving is in the
    draft alone. The next drill names the draft and the command that saves what it holds."""
    run("config", "set", "interview", "2027-01-01")
    first = listed(2, NOW)[0]["id"]
    draft = _killed_after_a_good(isolated)
    _next_drill_names(isolated, draft)
    r = run("drill", "--resume", str(draft))
    assert (r.code, r.stdout) == (
        0,
        f"Already in the progress file: 1 rating.\nThe draft {draft} is removed.\n",
    )
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [(first, 3)]


def _next_drill_names(isolated: Path, draft: Path) -> None:
    """The next drill names `draft` and the command that saves what it holds, then is quit."""
    child = _spawn(["drill", "--count", "2"], isolated)
    child.expect_exact(
        f"emprep: note: {draft} holds the answers of a drill that did not end (killed, or "
        f"running in another terminal); emprep drill --resume {draft} saves what the file lacks"
    )
    child.expect_exact("space: reveal")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def _rewrite_killed(draft: Path, question: str, rating: int) -> Path:
    """What a kill between a draft's rewrite and its replace leaves: the rewrite with the
    rating just given, in the temporary file beside the draft (`files.temporary`), the draft
    as it was, the rating saved nowhere else."""
    from emprep.core.journal import rated
    from emprep.storage import files, journal

    held = journal.read(draft, "drill")
    at = datetime.fromisoformat(NOW)
    text = journal.text(rated(held, question, rating, seconds=40, at=at))
    return files.temporary(draft, text.encode("utf-8"), like=os.stat(draft))


def test_a_rating_a_kill_left_in_the_draft_s_rewrite_is_saved_by_resume(isolated: Path) -> None:
    """Before, the rewrite (`.drill-DATE.toml.XXXXXXXX.tmp`) was named by nothing and read by
    nothing: `--resume` of the draft said everything was saved, the Hard given at the kill
    was lost and the file stayed. Now it takes the draft's place, as the replace would have."""
    run("config", "set", "interview", "2027-01-01")
    first, second = (i["id"] for i in listed(2, NOW))
    draft = _killed_after_a_good(isolated)
    temp = _rewrite_killed(draft, second, 2)
    _next_drill_names(isolated, draft)
    assert not temp.exists()
    _resume_saves_the_rewrite(isolated, draft, draft, (first, second))


def _resume_saves_the_rewrite(
    isolated: Path, given: Path, draft: Path, rated: tuple[str, str]
) -> None:
    """`drill --resume GIVEN` saves the rewrite's rating (the second of `rated`), the draft's
    first being saved already, and removes the draft: the drafts folder is left empty."""
    first, second = rated
    r = run("drill", "--resume", str(given), env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Saved from the draft: 1 rating ({second}).\nAlready in the progress file: 1 rating."
        f"\nThe draft {draft} is removed.\n",
        "",
    )
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        (first, 3),
        (second, 2),
    ]
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_resume_of_a_draft_takes_the_rewrite_a_kill_left(isolated: Path) -> None:
    """`--resume` given at once (no drill in between) folds the rewrite in too."""
    run("config", "set", "interview", "2027-01-01")
    first, second = (i["id"] for i in listed(2, NOW))
    draft = _killed_after_a_good(isolated)
    _rewrite_killed(draft, second, 2)
    r = run("drill", "--resume", str(draft), env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout.splitlines()[0]) == (0, f"Saved from the draft: 1 rating ({second}).")
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        (first, 3),
        (second, 2),
    ]


def test_undo_takes_the_rating_out_of_the_rewrite_a_kill_left(isolated: Path) -> None:
    """`undo` takes its rating out of the draft as folded, rewrite and all: the resume after
    gives the rewrite's rating and not the one taken back."""
    run("config", "set", "interview", "2027-01-01")
    second = listed(2, NOW)[1]["id"]
    draft = _killed_after_a_good(isolated)
    _rewrite_killed(draft, second, 2)
    r = run("undo", env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout.splitlines()[1]) == (0, f"It is out of the draft {draft} too.")
    r = run("drill", "--resume", str(draft), env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout) == (
        0,
        f"Saved from the draft: 1 rating ({second}).\nThe draft {draft} is removed.\n",
    )
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [(second, 2)]
    assert list((isolated.parent / "drafts").iterdir()) == []


def test_a_rewrite_a_kill_left_empty_is_said_once_and_removed(isolated: Path) -> None:
    """A kill between the temporary file's making and its writing (1 of 40 kills at 0-60 ms
    after a rating's key) left it empty: it was named as cut short at every drill, "read it",
    with nothing in it to read, until removed by hand. The answer given then is lost with the
    kill: said once, and the empty file removed."""
    run("config", "set", "interview", "2027-01-01")
    draft = _killed_after_a_good(isolated)
    temp = draft.parent / f".{draft.name}.k3j_x9a2.tmp"
    temp.touch(mode=0o600)
    child = _spawn(["drill", "--count", "2"], isolated)
    child.expect_exact(
        f"emprep: note: {temp}, a rewrite of {draft}, was empty: a kill cut it short before "
        "anything was written in it, so the answer given at that moment is not in the progress "
        "file; give it again (emprep review ID RATING). The empty file is removed"
    )
    child.expect_exact(f"emprep: note: {draft} holds the answers of a drill")
    child.expect_exact("space: reveal")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert sorted(draft.parent.iterdir()) == [draft]


def test_a_draft_a_kill_left_empty_is_said_once_and_removed(isolated: Path) -> None:
    """A kill between the draft's making and its first writing (the first rating's moment)
    left it empty: every drill named it with a `--resume`, which refused it as "not a draft
    emprep wrote (kind: missing ...)", and it stayed. The rating given then is lost with the
    kill: said once, the empty file removed; one just made may be another drill's at work, so
    it stays."""
    run("config", "set", "interview", "2027-01-01")
    drafts = isolated.parent / "drafts"
    drafts.mkdir()
    old, young = drafts / "drill-20261120-085000.toml", drafts / "drill-20261120-090000.toml"
    old.touch(mode=0o600)
    young.touch(mode=0o600)
    past = time.time() - journal.EMPTY_AGE - 1
    os.utime(old, (past, past))
    child = _spawn(["drill", "--count", "2"], isolated)
    child.expect_exact(
        f"emprep: note: {old} was empty: a kill cut the drill short as it made it, before "
        "anything was written in it, so the answer given at that moment is not in the progress "
        "file; give it again (emprep review ID RATING). The empty file is removed"
    )
    child.expect_exact(f"emprep: note: {young} holds the answers of a drill")
    child.expect_exact("space: reveal")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert sorted(drafts.iterdir()) == [young]


def test_a_rewrite_that_cannot_be_folded_now_is_named_as_a_draft(isolated: Path) -> None:
    """Another program holds the lock: the rewrite is not folded (a session may be at work),
    and it is named as the draft it is, with the `--resume` that saves it, not as cut short;
    the wait is the drill's own for the lock (2 s), not a save's (15 s). Once the lock is
    free, the draft's `--resume` folds it in."""
    from filelock import FileLock

    run("config", "set", "interview", "2027-01-01")
    first, second = (i["id"] for i in listed(2, NOW))
    draft = _killed_after_a_good(isolated)
    temp = _rewrite_killed(draft, second, 2)
    with FileLock(f"{isolated}.lock"):
        child = _spawn(["drill", "--count", "2"], isolated)
        child.expect_exact(f"emprep: note: {draft} holds the answers of a drill")
        child.expect_exact(
            f"emprep: note: {temp} holds the answers of a drill that did not end (killed, or "
            f"running in another terminal); emprep drill --resume {temp} saves what the file "
            "lacks"
        )
        child.expect_exact("holds its lock; finish it first")
        assert ended(child) == 2
    r = run("drill", "--resume", str(draft), env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout.splitlines()[0]) == (0, f"Saved from the draft: 1 rating ({second}).")
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [
        (first, 3),
        (second, 2),
    ]


def test_the_resume_said_of_a_rewrite_not_folded_then_saves_it_once_folded(
    isolated: Path,
) -> None:
    """The lock held, the rewrite is named with `--resume REWRITE`; run once the lock is
    free, that command folds the rewrite into its draft first, and then read the rewrite's
    name, gone: "cannot be read (not found)", exit 2. It reads the draft the rewrite became."""
    from filelock import FileLock

    from emprep.storage import journal

    run("config", "set", "interview", "2027-01-01")
    first, second = (i["id"] for i in listed(2, NOW))
    draft = _killed_after_a_good(isolated)
    temp = _rewrite_killed(draft, second, 2)
    with FileLock(f"{isolated}.lock"):
        assert journal.left(isolated, "drill") == [draft, temp]
    _resume_saves_the_rewrite(isolated, temp, draft, (first, second))


def test_a_rewrite_a_kill_cut_short_is_named_with_what_to_do(isolated: Path) -> None:
    """A rewrite killed in its writing is not a whole draft: it stays, and the next drill
    names it, with the review that saves its answer and the rm once that is done."""
    run("config", "set", "interview", "2027-01-01")
    draft = _killed_after_a_good(isolated)
    second = listed(2, NOW)[0]["id"]
    temp = _rewrite_killed(draft, second, 2)
    temp.write_bytes(temp.read_bytes()[:150])
    child = _spawn(["drill", "--count", "2"], isolated)
    child.expect_exact(f"emprep: note: {draft} holds the answers of a drill")
    child.expect_exact(
        f"emprep: note: {temp} is a rewrite of {draft} that a kill cut short: the answer given "
        "at that moment may be at its end, not saved; read it, save that answer with emprep "
        f"review ID RATING if the progress file lacks it, then remove it (rm {temp})"
    )
    child.expect_exact("space: reveal")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert len(temp.read_bytes()) == 150  # left as it is, for the person to read


def test_a_round_drill_left_half_way_names_its_own_command_and_the_days_drill(
    isolated: Path,
) -> None:
    """The end of `drill --round people` said "Still in today's drill: 3 questions (emprep
    drill)", yet `emprep drill` asks the day's drill, not the round's, and counted every review
    due today as `--more`'s though the day's drill asks them: it names the round's command, then
    the day's drill and what is left after it, as `today` does."""
    later = _four_due_two_days_on(count=4)
    child = spawn(["drill", "--round", "people"], isolated, later)
    _good_then_quit(child, 4)
    child.expect(
        _wrapped(
            "Still in the people drill: 3 questions (emprep drill --round people). "
            "Today's drill: 3 questions (emprep drill). Next due:"
        )
    )
    # the count cannot keep up: the reviews the day's drill leaves are the pace line's
    child.expect(_wrapped("takes (4 more due today: emprep drill --more)"))
    today = _ended_then_today(child, later)
    assert today == "Next: emprep drill (today's 3 questions)"


def test_a_round_s_extra_drill_left_half_way_names_the_command_that_offered_it(
    isolated: Path,
) -> None:
    """`drill --more --round people` left half way said "(emprep drill --round people --more)":
    the command that offered it ("More practice now, chosen the same way: emprep drill --more
    --round people") written another way. It is written one way."""
    later = _four_due_two_days_on(count=4)
    child = spawn(["drill", "--more", "--round", "people"], isolated, later)
    _good_then_quit(child, 4)
    child.expect(
        _wrapped(
            "Still in the people drill: 3 questions (emprep drill --more --round people). "
            "Today's drill: 3 questions (emprep drill). Next due:"
        )
    )
    assert ended(child) == 0


def test_an_undo_whose_save_fails_says_the_rating_is_still_in_the_file(isolated: Path) -> None:
    """Before, `u` with the file broken by hand meanwhile ended the drill with the file's
    error alone, as if the rating were gone: it is still saved, and the line says how to take
    it back once the file is fixed. The draft forgets it first, so `--resume` cannot give it
    back."""
    run("config", "set", "interview", "2027-01-01")
    first = listed(1, NOW)[0]["id"]
    child = _spawn(["drill", "--count", "2"], isolated)
    _rate(child, "g", "Good")
    child.expect_exact("[2/2]")
    _to_the_rating(child)
    good = isolated.read_bytes()
    isolated.write_bytes(good + b"\n[[[broken\n")
    child.send("u")
    assert ended(child) == 2
    [draft] = (isolated.parent / "drafts").iterdir()
    [line] = [x for x in child.before.replace("\r\n", "").split("\x1b") if "error:" in x]
    assert (
        f"; your rating of {first} is not taken back: once that is fixed, emprep undo takes "
        f"back the file's last rating; the drill's answers are kept in {draft}: once that is "
        f"fixed, save what the file lacks with: emprep drill --resume {draft}"
    ) in line, line
    isolated.write_bytes(good)
    r = run("drill", "--resume", str(draft))
    assert (r.code, r.stdout) == (0, f"The draft {draft} is removed.\n")
    r = run("undo", env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout) == (
        0,
        f"Took back {first}: Good (2026-11-20 09:00); it is new again.\n",
    )
    assert reviews(store.load(isolated)) == []


def test_the_commands_that_save_a_drill_s_answers_name_the_progress_file_given(
    isolated: Path, tmp_path: Path
) -> None:
    """Before, with `--progress PATH` on the command line, the commands said were `emprep drill
    --resume DRAFT` (and `emprep review ...`): run as said, they saved the answers into the
    default progress file (here EMPREP_PROGRESS's), and the draft was then removed."""
    from emprep.core.journal import Journal, rated
    from emprep.storage.journal import text

    mine = tmp_path / "mine" / "p.toml"
    assert run("--progress", str(mine), "config", "set", "interview", "2027-01-01").code == 0
    left = mine.parent / "drafts" / "drill-20261120-080000.toml"
    left.parent.mkdir()
    at = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    left.write_text(text(rated(Journal("drill"), "exe-scaling", 3, seconds=40, at=at)))
    child = _spawn(["--progress", str(mine), "drill", "--count", "1"], isolated)
    child.expect_exact(
        f"emprep: note: {left} holds the answers of a drill that did not end (killed, or "
        f"running in another terminal); emprep --progress {mine} drill --resume {left} saves "
        "what the file lacks"
    )
    _to_the_rating(child)
    mine.write_bytes(mine.read_bytes() + b"\n[[[broken\n")
    child.send("g")
    assert ended(child) == 2
    [line] = [x for x in child.before.replace("\r\n", "").split("\x1b") if "error:" in x]
    [draft] = set((mine.parent / "drafts").iterdir()) - {left}
    assert line.endswith(
        f"save what the file lacks with: emprep --progress {mine} drill --resume {draft}"
    ), line
    assert not isolated.exists()


def test_more_asks_the_reviews_the_end_announced_before_new_questions(isolated: Path) -> None:
    """At 4 a day with the pace asking more new questions than that: the end said "5 more
    questions due today (emprep drill --more)", and the first `drill --more` asked four new
    questions, the second the reviews. It asks the reviews it was sent for first now, then the
    day's new questions."""
    six_days_of_ten_then_four()
    child = spawn(["drill"], isolated, "2026-11-28T08:00:00+00:00")
    for i in range(1, 5):
        child.expect_exact(f"[{i}/4]")
        child.send(" ")
        child.expect_exact("Rate:")
        child.send("g")
    child.expect(_wrapped("takes (5 more due today: emprep drill --more)"))
    child.expect(pexpect.EOF)
    child.close()
    env = {"EMPREP_NOW": "2026-11-28T09:00"}
    more = json.loads(run("drill", "--more", "--list", "--format", "json", env=env).stdout)
    assert [i["kind"] for i in more["items"]] == ["review"] * 4
    assert all(i["due"] <= "2026-11-28" for i in more["items"])
    for item in more["items"]:
        assert run("review", item["id"], "good", env=env).code == 0
    lines = run("today", env=env).stdout.splitlines()
    assert lines[lines.index("Today's drill") + 1] == (
        "  done: 8 questions rated today; next due 2026-11-29 (2)"
    )  # the review left today, still due, and the one falling due then
    assert "(1 more due today: emprep drill --more)" in lines[lines.index("Today's drill") + 2]
    more = json.loads(run("drill", "--more", "--list", "--format", "json", env=env).stdout)
    assert [i["kind"] for i in more["items"]] == ["review", "new", "new", "new"]


def test_undo_takes_the_rating_out_of_a_killed_drills_draft_too(isolated: Path) -> None:
    """Before, `emprep undo` after a drill was killed took the rating out of the file alone:
    `drill --resume` of the draft the next drill named then gave it back."""
    run("config", "set", "interview", "2027-01-01")
    first = listed(1, NOW)[0]["id"]
    draft = _killed_after_a_good(isolated)
    r = run("undo", env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout, r.stderr) == (
        0,
        f"Took back {first}: Good (2026-11-20 09:00); it is new again.\n"
        f"It is out of the draft {draft} too.\n",
        "",
    )
    r = run("drill", "--resume", str(draft), env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout) == (0, f"The draft {draft} is removed.\n")
    assert reviews(store.load(isolated)) == []


def test_undo_in_json_names_the_draft_it_took_the_rating_out_of(isolated: Path) -> None:
    """`undo --format json` prints the document alone: the draft it left is in `drafts`, not
    said as a line of text beside it."""
    run("config", "set", "interview", "2027-01-01")
    first = listed(1, NOW)[0]["id"]
    draft = _killed_after_a_good(isolated)
    reviews_before = reviews(store.load(isolated))
    r = run("undo", "--format", "json", env={"EMPREP_NOW": NOW})
    doc = json.loads(r.stdout)
    assert doc.pop("seconds") == reviews_before[0].seconds  # the clock's, as the log kept it
    assert (r.code, doc, r.stderr) == (
        0,
        {
            "id": first,
            "rating": 3,
            "at": "2026-11-20T09:00:00+00:00",
            "mock": None,
            "due": None,
            "drafts": [str(draft)],
        },
        "",
    )


def test_on_the_evening_of_the_onsite_the_drill_is_plain_fsrs_and_names_the_log(
    isolated: Path,
) -> None:
    """Before, the drill begun at 20:00 on the last round's day asked that day's warm-up
    ("warm-up: recall now 96% (the round is today)"): the loop is over, so it says so and the
    round to log first, then asks what is left, as the day after."""
    run("config", "set", "interview", "2026-12-14", env={"EMPREP_NOW": NOW})
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-12-13T09:00"})
    child = spawn(["drill", "--count", "1"], isolated, "2026-12-14T20:00:00+00:00", width=120)
    child.expect_exact("The loop is over: this drill is plain FSRS, on what is left.\r\n")
    child.expect_exact(
        "Next: emprep rounds log recruiter (what the recruiter round asked, while you remember "
        "it)\r\n"
    )
    child.expect_exact("[1/1]")
    child.expect_exact("new: first time")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert "the round is today" not in child.before


def test_after_the_loop_with_every_round_logged_the_drill_gives_no_next_line(
    isolated: Path,
) -> None:
    """The "Next:" line a drill begun after the loop gives is the round to log: with every
    round logged there is none, and the drill goes from "The loop is over" to its first
    question (`drill --list` has no "Next:" line either)."""
    run("config", "set", "interview", "2026-12-14", env={"EMPREP_NOW": NOW})
    run("review", "rec-why-coursera", "good", env={"EMPREP_NOW": "2026-12-13T09:00"})
    for rid in ("recruiter", "technical", "people", "strategic", "executive"):
        assert (
            run("rounds", "log", rid, "--note", "ok", env={"EMPREP_NOW": "2026-12-14T19:00"}).code
            == 0
        )
    later = {"EMPREP_NOW": "2026-12-16T09:00"}
    listed = run("drill", "--list", "--count", "1", env=later).stdout.splitlines()
    assert listed[0] == (
        "Drill for 2026-12-16: 1 question (the interview (2026-12-14) was 2 days ago: plain FSRS)"
    )
    assert not [line for line in listed if line.startswith("Next:")]
    child = spawn(["drill", "--count", "1"], isolated, "2026-12-16T09:00:00+00:00", width=120)
    child.expect_exact("The loop is over: this drill is plain FSRS, on what is left.\r\n")
    child.expect_exact("[1/1]")
    assert child.before == "\r\n"  # a blank line, and no "Next:"
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


@needs_setpriv
def test_a_draft_that_cannot_be_removed_at_the_end_is_said_not_a_failure(isolated: Path) -> None:
    """The drafts folder made read-only mid-drill: every rating saved, yet the drill ended
    with exit 74 and "drill-....toml: Permission denied; check it and try again"."""
    day = _four_due_two_days_on(count=2)
    child = spawn(["drill"], isolated, day, user=True)
    child.expect_exact("[1/2]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[2/2]")
    drafts = isolated.parent / "drafts"
    [draft] = drafts.iterdir()
    drafts.chmod(0o555)
    try:
        child.send(" ")
        child.expect_exact("Rate:")
        child.send("g")
        child.expect(pexpect.EOF)
        child.close()
    finally:
        drafts.chmod(0o700)
    assert child.exitstatus == 0
    said = (
        f"The draft {draft} is left as it is: it cannot be removed (Permission denied); all "
        "it holds is in the progress file."
    )
    assert re.search(_wrapped(said), child.before)
    assert [e.rating for e in reviews(store.load(isolated))][-2:] == [3, 3]


def test_undo_in_another_terminal_stays_in_the_draft_of_a_drill_still_open(
    isolated: Path,
) -> None:
    """`emprep undo` took a drill's first rating out of the file and of its draft, but the
    drill, still open, wrote its draft again at the next rating with the first in it: killed
    and resumed, the rating taken back came back. The undo wins."""
    run("config", "set", "interview", "2027-01-01")
    first, second = (i["id"] for i in listed(2, NOW))
    child = _spawn(["drill", "--count", "3"], isolated)
    _rate(child, "g", "Good")
    child.expect_exact("[2/3]")
    [draft] = (isolated.parent / "drafts").iterdir()
    r = run("undo", env={"EMPREP_NOW": NOW})
    assert r.stdout.splitlines()[1] == f"It is out of the draft {draft} too."
    _rate(child, "e", "Easy")
    child.expect_exact("[3/3]")
    child.kill(signal.SIGKILL)
    child.close()
    r = run("drill", "--resume", str(draft), env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout) == (
        0,
        f"Already in the progress file: 1 rating.\nThe draft {draft} is removed.\n",
    )
    assert [(e.question, e.rating) for e in reviews(store.load(isolated))] == [(second, 4)]
    assert first != second


def _rated_then_changed_elsewhere(isolated: Path, elsewhere: list[str]) -> tuple[str, str]:
    """A drill of four questions rated Good the day before yesterday: the first rated Good,
    then `elsewhere` run in another terminal, then `u` at the second. What it said, and the
    first question's id."""
    day = _four_due_two_days_on(count=4)
    first = listed(4, day)[0]["id"]
    child = spawn(["drill"], isolated, day)
    child.expect_exact("[1/4]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[2/4]")
    assert (
        run(*[first if w == "FIRST" else w for w in elsewhere], env={"EMPREP_NOW": day}).code == 0
    )
    child.send("u")
    child.expect_exact("[1/4]")
    said = child.before
    child.send("q")
    assert ended(child) == 0
    return said.replace("\r\n", " "), first


def test_u_after_an_undo_elsewhere_takes_back_nothing_more(isolated: Path) -> None:
    """`emprep undo` in another terminal took the drill's rating back; `u` then ended the
    drill, exit 2, with "nothing to undo" and a command, `emprep undo`, that would have taken
    back another rating: the file's last."""
    said, first = _rated_then_changed_elsewhere(isolated, ["undo"])
    assert f"{first} (Good) was taken back already. Asked again." in said
    assert len(reviews(store.load(isolated))) == 4  # the four of two days before


def test_u_takes_back_the_drill_s_rating_not_one_given_since_elsewhere(isolated: Path) -> None:
    """`emprep review` of the same question in another terminal after the drill's rating:
    `u` took back that one (the question's latest), and kept the drill's."""
    said, first = _rated_then_changed_elsewhere(isolated, ["review", "FIRST", "hard"])
    assert f"Undone: {first} (Good)." in said
    mine = [e.rating for e in reviews(store.load(isolated)) if e.question == first]
    assert mine == [2]  # the other terminal's Hard


def test_back_from_a_holiday_the_reviews_left_are_due_the_next_day_on_every_screen(
    isolated: Path,
) -> None:
    """Back from two weeks away at 3 a day, the day's drill done: its end said "Next due:" a
    day two days on right above the reviews it left due today, `today` the same, `progress`
    none due the next day, as if those left were done. They stay due: the next day holds
    them with the reviews falling due then, on the three screens and in their JSON alike,
    and the next morning they are due, as said."""
    assert run("config", "set", "interview", "2027-01-11").code == 0
    assert run("config", "set", "count", "10").code == 0
    practised([f"2026-12-{d}" for d in range(14, 20)], 10)
    assert run("config", "set", "count", "3").code == 0
    back = "2027-01-03T09:00"
    env = {"EMPREP_NOW": back}
    child = spawn(["drill"], isolated, back)
    for i in range(1, 4):
        child.expect_exact(f"[{i}/3]")
        child.send(" ")
        child.expect_exact("Rate:")
        child.send("g")
    child.expect(pexpect.EOF)
    end = " ".join(child.before.replace("\r", "").split())
    home = json.loads(run("today", "--format", "json", env=env).stdout)["drill"]
    report = json.loads(run("progress", "--format", "json", env=env).stdout)
    left = report["still_due"]
    assert (home["rated_today"], home["left"], home["still_due"], left) == (3, 0, 42, 42)
    assert (home["next_due"], home["next_due_count"]) == ("2027-01-04", 43)
    assert report["forecast"][:3] == [
        {"date": "2027-01-03", "due": 42},
        {"date": "2027-01-04", "due": 43},  # the 42 left, and one falling due then
        {"date": "2027-01-05", "due": 0},
    ]
    assert "Every rating is saved. Next due: 2027-01-04 (43), 2027-01-07 (2)." in end
    assert "(42 more due today: emprep drill --more)" in end
    lines = run("today", env=env).stdout.splitlines()
    assert lines[lines.index("Today's drill") + 1] == (
        "  done: 3 questions rated today; next due 2027-01-04 (43)"
    )
    assert (
        "Due next 7 days: Sun 03 42  Mon 04 43  Tue 05 0  Wed 06 0  Thu 07 2"
        in run("progress", env=env).stdout
    )
    morning = {"EMPREP_NOW": "2027-01-04T09:00"}
    after = json.loads(run("progress", "--format", "json", env=morning).stdout)
    assert after["forecast"][0] == {"date": "2027-01-04", "due": 43}


def test_an_extra_drill_left_half_way_counts_the_next_due_as_today_does(isolated: Path) -> None:
    """`drill --more` left after one of its three: its end said "Next due: 2026-11-28 (22)"
    and `today`, a moment later, "next due 2026-11-28 (24)": the end took the two it left as
    done today, though the day's drill, done, holds none of them, and they are still due."""
    run("config", "set", "interview", "2027-01-15")
    practised([f"2026-11-2{d}" for d in range(5)], 8)
    run("config", "set", "count", "3")
    at = "2026-11-27T08:00"
    for item in listed(3, at):
        assert run("review", item["id"], "good", env={"EMPREP_NOW": at}).code == 0
    child = spawn(["drill", "--more"], isolated, "2026-11-27T08:20", width=160)
    _to_the_rating(child)
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    end = child.before.replace("\r\n", " ")
    later = {"EMPREP_NOW": "2026-11-27T08:21"}
    doc = json.loads(run("today", "--format", "json", env=later).stdout)["drill"]
    assert "Left of this extra drill: 2 questions (emprep drill --more). Next due: " in end
    assert f"Next due: {doc['next_due']} ({doc['next_due_count']})," in end
    assert (doc["next_due"], doc["next_due_count"]) == ("2026-11-28", 24)


def test_a_rating_taken_at_another_machines_later_review_says_the_time_it_took(
    isolated: Path,
) -> None:
    """Two machines on one synced file, the other's clock three minutes ahead: it rated the
    question this drill shows; this drill's rating is taken at that review's time (a review
    cannot go before the last), and "Saved: Good." said nothing of it, as `review` now does."""
    run("config", "set", "interview", "2027-01-15")
    first = listed(5, NOW)[0]["id"]
    child = spawn(["drill"], isolated, NOW, width=200)  # the line whole, unwrapped
    child.expect_exact("space: reveal")
    ahead = {"EMPREP_NOW": "2026-11-20T09:03:00+00:00"}
    assert run("review", first, "hard", env=ahead).code == 0
    child.send(" ")
    child.expect_exact("Rate: ")
    child.send("g")
    child.expect_exact(
        "Saved: Good, at 2026-11-20 09:03, the time of its last review: this clock (2026-11-20 "
        "09:00) is behind the one that gave it. Next review "
    )
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.parametrize(
    ("width", "line"),
    [
        (30, "space: reveal · q: quit"),  # the keys alone: no clock leaves room
        (34, r"\d:\d\d · space: reveal · q: quit"),  # the clock without its box
        (40, r"\d:\d\d/3:00 · space: reveal · q: quit"),  # the box, no spaces
        (41, r"\d:\d\d / 3:00 · space: reveal · q: quit"),
    ],
)
def test_the_clock_line_says_how_to_reveal_and_how_to_quit_at_every_width(
    isolated: Path, width: int, line: str
) -> None:
    """At 30 columns the line under the question said "0:00 / 3:00 · q: quit", and at 34 to
    40 "0:00 / 3:00 · space: reveal": the clock is told shorter, then left out, before either
    key is; paused at 30, both keys are said. Once the answer ends the clock is there, alone
    and whole at every width: at 34 and 40 columns it stayed as short as the keys beside it
    had made it ("0:00", "0:00/3:00"), with no key beside it any more."""
    run("config", "set", "interview", "2027-01-15")
    child = spawn(["drill"], isolated, NOW, width=width)
    child.expect(r"\r  " + line + re.escape(ENDS))
    child.send("p")
    paused = {30: "paused: p goes on, q: quit" + ENDS, 34: "paused: p goes on, q: quit" + ENDS}
    child.expect_exact("\r  " + paused.get(width, "paused"))
    child.send("p")
    child.expect(r"\r  " + line + re.escape(ENDS))
    child.send(" ")
    after = re.escape(ENDS + "\r\n") + "What the interviewers look for"
    child.expect(r"\r  \d:\d\d / 3:00" + after)
    child.expect("1 Again|Rate 1-4")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_a_resized_terminal_has_the_line_drawn_again_from_its_start(
    isolated: Path, tmp_path: Path
) -> None:
    """A terminal that reflows a line it narrows (tmux, most emulators) put the end of the
    line under the question, drawn for 80 columns, on a row of its own, the cursor with it:
    the line drawn again for 40 columns went there, and the row above kept the old line's
    first 40 columns ("  0:00 / 3:00 · space: reveal · s: skip"). Each draw now leaves the
    cursor at the line's start and clears the screen after the line, so the next draws over
    the reflowed rows; the rating prompt too, which was never drawn again for a new width."""
    run("config", "set", "interview", "2027-01-15")
    clock = SessionClock(tmp_path)
    child = spawn(["drill"], isolated, NOW, width=80, env=clock.env, resizable=True)
    wide = "\r  0:00 / 3:00 · space: reveal · s: skip · p: pause · q: quit"
    child.expect_exact(wide + ENDS)
    child.setwinsize(40, 40)
    child.expect_exact("\r  0:00/3:00 · space: reveal · q: quit" + ENDS)
    assert set(child.before.split(ENDS)) <= {wide, ""}  # the 80 columns' line, no other
    child.send(" ")
    child.expect_exact("\r  0:00 / 3:00" + ENDS + "\r\n")  # the clock alone, whole
    child.expect_exact("\r1 Again · 2 Hard · 3 Good · 4 Easy" + ENDS)
    child.setwinsize(40, 80)
    child.expect_exact("\rRate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · q: quit")
    child.expect_exact(ENDS)
    assert child.before == ""
    child.send("5")
    child.expect_exact("\r'5' is not a key here: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e)")
    child.setwinsize(40, 30)
    child.expect_exact("\r'5' is no key: 1-4, a/h/g/e" + ENDS)
    child.send("g")
    child.expect_exact("\r\nSaved: Good.")
    assert child.before == ""
    child.send("q")
    assert ended(child) == 0
    assert [e.rating for e in reviews(store.load(isolated))] == [3]


def test_a_dumb_terminal_has_its_lines_drawn_again_with_spaces_not_escapes(
    isolated: Path,
) -> None:
    """TERM=dumb (Emacs's shell) shows an escape as text: there the line under the question
    and the rating prompt are drawn again over themselves, the last draw's length covered
    with spaces, and the cursor stays after them."""
    run("config", "set", "interview", "2027-01-15")
    env = {**os.environ, "EMPREP_PROGRESS": str(isolated), "EMPREP_NOW": NOW, "TERM": "dumb"}
    env["COLUMNS"] = "80"
    child = Terminal(
        installed_emprep(), ["drill"], env=env, encoding="utf-8", timeout=PTY_TIMEOUT,
        dimensions=(40, 80),
    )  # fmt: skip
    child.logfile_read = seen = io.StringIO()
    line = "  0:00 / 3:00 · space: reveal · s: skip · p: pause · q: quit"
    child.expect_exact("\r" + line + " ")
    child.send(" ")
    child.expect_exact("\r" + "  0:00 / 3:00".ljust(len(line)) + " \r\n")
    rate = "Rate: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · s: skip · q: quit"
    child.expect_exact("\r" + rate + " ")
    child.send("5")
    hint = "'5' is not a key here: 1 Again · 2 Hard · 3 Good · 4 Easy (a/h/g/e) · q: quit"
    child.expect_exact("\r" + hint + " ")
    child.send("q")
    assert ended(child) == 0
    assert "\x1b" not in seen.getvalue()


def test_at_40_columns_the_interviewer_is_cut_after_a_slash_not_inside_a_title(
    isolated: Path,
) -> None:
    """At 40 columns the technical round's interviewer was "Interviewer: Senior Software" above
    "Engineer/Engineering Lead", read as two titles; it is cut after the `/`, each title
    whole, as the plan and the rounds table cut it."""
    run("config", "set", "interview", "2027-01-15")
    child = spawn(["drill", "--round", "technical"], isolated, NOW, width=40)
    child.expect_exact("space: reveal")
    lines = child.before.replace("\r", "").splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("Interviewer: "))
    assert lines[at : at + 2] == [
        "Interviewer: Senior Software Engineer/",
        "             Engineering Lead · tags:",
    ]
    child.send("q")
    assert ended(child) == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_rating_typed_as_sigterm_or_sighup_comes_is_saved_before_the_drill_stops(
    isolated: Path, tmp_path: Path, signum: int
) -> None:
    """`g` typed at the rating, and a `kill` (or a hang-up) acted on before emprep read it:
    the drill stopped at once, the rating lost, its key left for the shell (10 of 12 runs, a
    key and SIGTERM a moment apart). A key typed is read first, and saved."""
    run("config", "set", "interview", "2027-01-15", env={"EMPREP_NOW": NOW})
    held = tmp_path / "held"
    env = at_the_moment("emprep.ui.answer_line:rating", "", held, signum)
    child = spawn(["drill", "--count", "2"], isolated, NOW, env=env)
    child.expect_exact("space: reveal")
    child.send(" ")
    when_held(held)  # the reveal drawn, the rating not asked yet
    child.send("g")
    time.sleep(0.2)  # the key in the terminal's input, unread
    child.kill(signum)
    child.expect_exact("Saved: Good.")
    child.expect_exact("Stopped.")
    assert ended(child) == 128 + signum
    assert [r.rating for r in reviews(store.load(isolated))] == [3]
    assert list((isolated.parent / "drafts").iterdir()) == []
