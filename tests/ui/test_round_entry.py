"""A round logged at the prompts: a real pseudo-terminal, as a person types."""

from __future__ import annotations

import os
import shlex
import signal
from pathlib import Path

import pexpect
import pytest
from conftest import (
    PTY_TIMEOUT,
    Terminal,
    at_the_moment,
    ctrl_c_when_held,
    ended,
    hang_up,
    installed_emprep,
    run,
    spawn,
    when_held,
)

from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"


def _spawn(args: list[str], progress: Path) -> pexpect.spawn:
    return spawn(args, progress, NOW)


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
    assert ended(child) == 0
    (log,) = store.load(isolated).interviews
    assert (log.round, log.questions, log.asked, log.note) == (
        "recruiter",
        ["rec-why-coursera"],
        ["What would your last team say about you?"],
        "Short and friendly",
    )


def test_a_line_of_ids_at_the_prompt_is_a_question_each(isolated: Path) -> None:
    """`rec-why-leaving, rec-salary-expectations` on one line was "in your words", one
    question that named neither to the drill."""
    run("config", "set", "interview.rec", "2026-11-20")
    child = _spawn(["rounds", "log", "recruiter"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("rec-why-leaving, rec-salary-expectations")
    child.expect_exact("from the bank: Why are you looking to leave your current role?")
    child.expect_exact("from the bank: What are your salary expectations?")
    child.expect_exact("Question 3: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.sendline("")
    child.expect_exact(
        "Logged the Recruiter/HR Interview of 2026-11-20: 2 questions from the bank "
        "(rec-why-leaving, rec-salary-expectations)."
    )
    assert ended(child) == 0
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.asked) == (["rec-why-leaving", "rec-salary-expectations"], [])


def test_the_prompt_reads_as_one_paragraph_at_80_columns(isolated: Path) -> None:
    env = {**os.environ, "EMPREP_NOW": NOW, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "80"}
    child = Terminal(
        installed_emprep(),
        ["rounds", "log", "recruiter"],
        env=env,
        encoding="utf-8",
        timeout=PTY_TIMEOUT,
        dimensions=(40, 80),
    )
    child.expect_exact("Question 1: ")
    shown = child.before.replace("\x1b[?2004h", "")  # asks the terminal to mark a paste
    intro = shown.replace("\r\n", "\n").strip().split("\n")
    assert intro == [
        "What did the Recruiter/HR Interview ask? One question a line: its id (see",
        "emprep rounds recruiter) or your own words. An empty line ends the list; Ctrl-C",
        "keeps it.",
    ]  # the command on one line: it can be copied whole
    child.sendintr()
    child.expect(pexpect.EOF)


def test_ctrl_c_while_logging_a_round_keeps_the_questions_typed(isolated: Path) -> None:
    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.sendintr()
    child.expect_exact("emprep: interrupted; the questions typed are saved")
    assert ended(child) == 130
    (log,) = store.load(isolated).interviews
    assert (log.round, log.questions, str(log.day)) == (
        "people",
        ["ppl-difficult-feedback"],
        "2026-11-20",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--asked", "rec-why-coursera", "--date", "2026-11-21"],
            "emprep: error: --date: 2026-11-21 is after today (2026-11-20); log a round once "
            "you have had it\n",
        ),
        (
            ["--asked", " "],
            "emprep: error: --asked: the question given is empty; give its id or its words, "
            "e.g. emprep rounds log recruiter --asked 'Why this company?'\n",
        ),
        (  # given, and empty: said of --note, not "give --note TEXT"
            ["--note", " "],
            "emprep: error: --note: the note given is empty, and no question either; give how it "
            "went, e.g. emprep rounds log recruiter --note 'Went well', and --asked ID|TEXT for "
            "each question asked (at a terminal, give neither and both are asked)\n",
        ),
        (
            ["--note", ""],
            "emprep: error: --note: the note given is empty, and no question either; give how it "
            "went, e.g. emprep rounds log recruiter --note 'Went well', and --asked ID|TEXT for "
            "each question asked (at a terminal, give neither and both are asked)\n",
        ),
        (  # an empty date was taken as none given: the round logged on its default day
            ["--date", "", "--asked", "Why us?"],
            "emprep: error: --date: '' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-15\n",
        ),
    ],
)
def test_a_round_not_yet_had_or_with_nothing_asked_is_refused(
    isolated: Path, args: list[str], message: str
) -> None:
    """Not a round "you have had" in the future, nor one where nothing at all was logged."""
    assert run("config", "set", "interview", "2026-12-14").code == 0
    before = isolated.read_bytes()
    r = run("rounds", "log", "recruiter", *args, env={"EMPREP_NOW": NOW})
    assert (r.code, r.stdout, r.stderr) == (2, "", message)
    assert isolated.read_bytes() == before


def test_an_empty_note_alone_is_refused_at_a_terminal_too(isolated: Path) -> None:
    """`--note "$NOTE"` with NOTE unset, typed at a terminal: refused as off one, not taken
    for no option at all and answered with the prompts."""
    run("config", "set", "interview", "2026-12-14")
    before = isolated.read_bytes()
    child = _spawn(["rounds", "log", "recruiter", "--note", ""], isolated)
    child.expect_exact("emprep: error: --note: the note given is empty, and no question either")
    assert "Question 1" not in child.before
    assert ended(child) == 2
    assert isolated.read_bytes() == before


def test_the_help_gives_the_date_a_round_is_logged_on_by_default() -> None:
    r = run("rounds", "log", "--help")
    assert "The day of the round (default: its date once past, else today)." in " ".join(
        r.stdout.split()
    )


def test_a_note_with_a_control_character_is_asked_again_and_the_questions_kept(
    isolated: Path,
) -> None:
    run("config", "set", "interview.rec", "2026-11-20")
    child = _spawn(["rounds", "log", "recruiter"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("rec-why-coursera")
    child.expect_exact("Question 2: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.sendline("ding\x16\x07")  # Ctrl-V: the bell goes into the line, not to the editing
    child.expect_exact("note: 'ding\\x07' holds the control character \\x07; leave it out")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.sendline("fine")
    assert ended(child) == 0
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.note) == (["rec-why-coursera"], "fine")


def test_a_line_longer_than_the_terminal_driver_holds_is_kept_whole(isolated: Path) -> None:
    """A terminal in its line mode keeps 4095 characters of a line and drops the rest without
    a word: a long pasted answer lost its end. The prompts' line editing reads past it."""
    run("config", "set", "interview.rec", "2026-11-20")
    child = _spawn(["rounds", "log", "recruiter"], isolated)
    child.expect_exact("Question 1: ")
    line = " ".join(["word"] * 1200)  # 5999 characters
    for i in range(0, len(line), 500):
        child.send(line[i : i + 500])
    child.send("\r")
    child.expect_exact("Question 2: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    (log,) = store.load(isolated).interviews
    assert log.asked == [line]


PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"  # a terminal's bracketed paste


def test_a_pasted_list_and_a_pasted_note_of_paragraphs_are_kept_whole(isolated: Path) -> None:
    """A note pasted in two paragraphs kept its first line; the rest reached the shell after
    emprep ended, to be run as commands. A pasted list with a blank line ended the list there.
    Now a marked paste comes whole: a question a line, and the note one line of all its text."""
    run("config", "set", "interview.rec", "2026-11-20")
    child = _spawn(["rounds", "log", "recruiter"], isolated)
    child.expect_exact("\x1b[?2004h")
    child.expect_exact("Question 1: ")
    child.send(PASTE_START + "rec-why-coursera\r\rWhy us and not a bigger company?\r" + PASTE_END)
    child.sendline("")
    child.expect_exact("in your words")
    child.expect_exact("Question 3: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.send(PASTE_START + "Friendly.\r\rAsked about remote work twice.\r" + PASTE_END)
    child.sendline("")
    child.expect_exact("1 question from the bank (rec-why-coursera), 1 in your words, a note.")
    assert ended(child) == 0
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.asked, log.note) == (
        ["rec-why-coursera"],
        ["Why us and not a bigger company?"],
        "Friendly. Asked about remote work twice.",
    )


def test_a_note_given_over_lines_is_kept_as_one_line() -> None:
    """`--note` is "in a line": one given over lines was printed by progress with its later
    lines at the left edge, unwrapped."""
    run("config", "set", "interview.rec", "2026-11-20")
    r = run("rounds", "log", "rec", "--asked", "rec-why-coursera", "--note", "One.\n\n  Two.")
    assert r.code == 0, r.stderr
    assert "note: One. Two.\n" in run("progress").stdout


def test_a_failed_save_says_the_command_that_saves_what_was_typed(isolated: Path) -> None:
    """Before, the questions typed at the prompts and the note were lost when the save failed
    (here the file broken by hand while the note was asked for): the line said only what was
    wrong with the file."""
    run("config", "set", "hours", "5")
    good = isolated.read_bytes()
    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("How would you cut 30% of the budget?")
    child.expect_exact("Question 2: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 3: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    isolated.write_bytes(good + b"\n[[[broken\n")
    child.sendline("They liked the budget story")
    assert ended(child) == 2
    again = (
        "emprep rounds log people --date 2026-11-20 --asked 'How would you cut 30% of the "
        "budget?' --asked ppl-difficult-feedback --note 'They liked the budget story'"
    )
    [line] = [x for x in child.before.splitlines() if x.startswith("emprep: error:")]
    draft = isolated.parent / "drafts" / "round-log-20261120-090000.txt"
    assert line.endswith(
        f"; what you typed is not saved: it is kept in {draft}: once that is fixed, save it "
        f"with: {again}"
    )
    isolated.write_bytes(good)
    r = run(*shlex.split(again)[1:], env={"EMPREP_NOW": NOW})
    assert r.code == 0, r.stderr
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.asked, log.note) == (
        ["ppl-difficult-feedback"],
        ["How would you cut 30% of the budget?"],
        "They liked the budget story",
    )


def test_a_lock_held_elsewhere_is_said_before_the_first_question(isolated: Path) -> None:
    """Before, the round's questions were asked (and a drill's first question put) with the
    lock held by another program all along: what was typed or answered then failed to save,
    15 s later. Now it is said before the first prompt, as at the story prompts; so is a
    folder on a read-only disk."""
    from filelock import FileLock

    run("config", "set", "interview", "2027-01-15")
    before = isolated.read_bytes()
    lock = f"{isolated}.lock"
    said = (
        f"emprep: error: progress file {isolated}: another program, most likely an emprep "
        f"still running, holds its lock; finish it first, then try again (lsof '{lock}' names it)"
    )
    with FileLock(lock):
        for args in (["rounds", "log", "recruiter"], ["drill"]):
            child = spawn(args, isolated, NOW, width=200)
            assert ended(child) == 2, args
            assert child.before.replace("\r\n", "\n").strip() == said, args
    assert isolated.read_bytes() == before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_while_logging_a_round_keeps_the_questions_typed(
    isolated: Path, signum: int
) -> None:
    """They ended emprep on the spot: the questions typed were lost."""
    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.kill(signum)
    child.expect_exact("emprep: interrupted; the questions typed are saved")
    assert ended(child) == 128 + signum
    (log,) = store.load(isolated).interviews
    assert (log.round, log.questions) == ("people", ["ppl-difficult-feedback"])


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_line_not_yet_entered_when_interrupted_is_given_back(isolated: Path, signum: int) -> None:
    """Ctrl-C or SIGTERM at a prompt dropped the line typed there and not entered, unsaid (the
    story prompts keep one in their draft). It may be half a question, so it is not saved: the
    line that ends the command gives it back as the command that logs it, once finished."""
    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.send("Went well, they probed the hard part")
    child.expect_exact("hard part")
    child.kill(signum)
    child.expect_exact(
        "emprep: interrupted; the questions typed are saved, the line not entered is not: add "
        "it with: emprep rounds log people --date 2026-11-20 --note "
        "'Went well, they probed the hard part'"
    )
    assert ended(child) == 128 + signum
    (log,) = store.load(isolated).interviews
    assert (log.questions, log.note) == (["ppl-difficult-feedback"], "")

    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.send("Tell me about a time")
    child.expect_exact("a time")
    child.kill(signum)
    child.expect_exact(
        "emprep: interrupted; nothing is saved, the line not entered too: log it with: emprep "
        "rounds log people --date 2026-11-20 --asked 'Tell me about a time'"
    )
    assert ended(child) == 128 + signum
    assert len(store.load(isolated).interviews) == 1


@pytest.mark.parametrize("order", ["closed", "sighup ignored"])
def test_a_line_not_entered_when_the_terminal_closes_is_kept_in_a_draft(
    isolated: Path, order: str
) -> None:
    """The line giving back a line not entered went to the terminal that had just closed: the
    words typed were on no screen and in no file (and, SIGHUP ignored or late, readline had
    emptied the line before it was known). With the questions typed saved, and with none."""
    ignored = (signal.SIGHUP,) if order == "sighup ignored" else ()
    drafts = isolated.parent / "drafts"
    child = spawn(["rounds", "log", "people"], isolated, NOW, ignored=ignored)
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.send("Tell me about a time")
    child.expect_exact("a time")
    assert hang_up(child) == (129, None)
    (log,) = store.load(isolated).interviews
    assert log.questions == ["ppl-difficult-feedback"]
    [draft] = list(drafts.iterdir())
    assert (draft.name, draft.read_text()) == (
        "round-log-20261120-090000.txt",
        "# A line typed at `emprep rounds log` and not entered when the terminal closed; it may "
        "be half a question.\n# Finish it, then run:\nemprep rounds log people --date "
        "2026-11-20 --asked 'Tell me about a time'\n",
    )
    draft.unlink()

    child = spawn(["rounds", "log", "people"], isolated, NOW, ignored=ignored)
    child.expect_exact("Question 1: ")
    child.send("How did you")
    child.expect_exact("did you")
    assert hang_up(child) == (129, None)
    assert len(store.load(isolated).interviews) == 1
    [draft] = list(drafts.iterdir())
    assert draft.read_text().endswith(
        "emprep rounds log people --date 2026-11-20 --asked 'How did you'\n"
    )


def test_ctrl_z_typed_with_the_words_then_the_terminal_closed_keeps_them(isolated: Path) -> None:
    """Ctrl-Z and the words after it come in one read, then the window closes: the stop, kept
    until the key's read was over, was acted on with the terminal gone and failed on it (exit
    1, a traceback), the question entered before and the words typed lost with it."""
    drafts = isolated.parent / "drafts"
    child = _spawn(["rounds", "log", "people"], isolated)
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.send("\x1aTell me about a time")
    child.expect_exact("a time")
    assert hang_up(child) == (129, None)
    (log,) = store.load(isolated).interviews
    assert log.questions == ["ppl-difficult-feedback"]
    [draft] = list(drafts.iterdir())
    assert draft.read_text().endswith(
        "emprep rounds log people --date 2026-11-20 --asked 'Tell me about a time'\n"
    )


def test_ctrl_c_just_after_the_last_enter_keeps_what_was_typed(
    isolated: Path, tmp_path: Path
) -> None:
    """Ctrl-C pressed a moment after the note's Enter (4-12 ms: a double tap, a hurry) came
    while the log was saved, and cut the save short: the question entered and the note were
    lost, the line saying only "emprep: interrupted". The save goes on, then the Ctrl-C."""
    held = tmp_path / "held"
    env = at_the_moment("emprep.storage.store:_save", "Why this company?", held)
    child = spawn(["rounds", "log", "recruiter"], isolated, NOW, env=env)
    child.expect_exact("Question 1: ")
    child.sendline("Why this company?")
    child.expect_exact("Question 2: ")
    child.sendline("")
    child.expect_exact("(Enter for none): ")
    child.sendline("Short and friendly")
    ctrl_c_when_held(child, held)
    child.expect_exact("emprep: interrupted; the questions typed are saved")
    assert ended(child) == 130
    (log,) = store.load(isolated).interviews
    assert (log.asked, log.note) == (["Why this company?"], "Short and friendly")


def test_a_long_log_counts_its_questions_with_thousands_separated(isolated: Path) -> None:
    """ "59940 in your words" beside `progress`'s "and 2,691 more": now one way of writing them."""
    asked = [a for i in range(1200) for a in ("--asked", f"Question {i}?")]
    r = run("rounds", "log", "recruiter", *asked, env={"EMPREP_NOW": "2026-11-20T09:00"})
    assert (r.code, r.stdout) == (
        0,
        "Logged the Recruiter/HR Interview of 2026-11-20: 1,200 in your words.\n",
    )


def test_a_round_log_killed_as_it_is_saved_is_kept_in_a_draft_the_next_log_names(
    isolated: Path, tmp_path: Path
) -> None:
    """The questions typed at the prompts and the note were lost to a kill (SIGKILL, a
    crash) as they were saved: nothing was written before the save. They are in a draft
    first; the next `rounds log` names it with the command that saves it, and once the file
    holds its round's log, removes it without a word."""
    run("config", "set", "hours", "5", env={"EMPREP_NOW": NOW})
    held = tmp_path / "held"
    child = spawn(
        ["rounds", "log", "people"],
        isolated,
        NOW,
        env=at_the_moment("emprep.storage.store:_save", "", held),
    )
    child.expect_exact("Question 1: ")
    child.sendline("ppl-difficult-feedback")
    child.expect_exact("Question 2: ")
    child.sendline("")
    child.expect_exact("A note on how it went (Enter for none): ")
    child.sendline("Went well")
    when_held(held)
    child.kill(signal.SIGKILL)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    again = (
        "emprep rounds log people --date 2026-11-20 --asked ppl-difficult-feedback --note "
        "'Went well'"
    )
    assert (draft.name, draft.read_text()) == (
        "round-log-20261120-090000.txt",
        "# What was typed at emprep rounds log's prompts, kept here until it is saved.\n"
        f"# If it is not saved, save it with:\n{again}\n",
    )
    assert store.load(isolated).interviews == []
    r = run("rounds", "log", "recruiter", "--asked", "rec-why-coursera", env={"EMPREP_NOW": NOW})
    assert (r.code, " ".join(r.stderr.split())) == (
        0,
        f"emprep: note: {draft} holds a round's log typed at emprep rounds log that was not "
        "saved (emprep ended as it saved it, or the terminal closed as a line was typed); read "
        f"it, save it with: {again}, then remove it (rm {draft})",
    )
    r = run(*shlex.split(again)[1:], env={"EMPREP_NOW": NOW})
    assert (r.code, r.stderr, draft.exists()) == (0, "", False)
    [people] = [i for i in store.load(isolated).interviews if i.round == "people"]
    assert (people.questions, people.note) == (["ppl-difficult-feedback"], "Went well")
