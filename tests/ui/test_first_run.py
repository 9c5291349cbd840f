"""The first interactive run's setup: a real pseudo-terminal, as a person types."""

from __future__ import annotations

import signal
from pathlib import Path

import pexpect
import pytest
from conftest import (
    at_the_moment,
    ctrl_c_when_held,
    ended,
    hang_up,
    needs_setpriv,
    run,
    spawn,
    when_held,
)

from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"


def _spawn(args: list[str], progress: Path) -> pexpect.spawn:
    return spawn(args, progress, NOW)


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
    assert ended(child) == 0
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


def test_a_past_interview_date_is_asked_again(isolated: Path) -> None:
    """2025 for 2026 is the typo people make; before today there is nothing to plan."""
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2025-12-14")
    child.expect_exact("  interview: 2025-12-14 is before today (2026-11-20); give a date ahead")
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2026-11-20")  # today is the interview day: fine
    child.expect_exact("Your track")
    child.sendline("")
    child.expect_exact("Questions a day")
    child.sendline("")
    child.expect_exact("Saved: interview 2026-11-20.")
    child.expect(pexpect.EOF)
    child.close()
    assert str(store.load(isolated).profile.interview) == "2026-11-20"


def test_a_bad_count_at_the_prompt_is_shown_the_answer_the_prompt_takes(isolated: Path) -> None:
    """ "seven" got "e.g. emprep config set count 5": typed at the prompt, that command was
    refused as no number in its turn. The example is the answer itself."""
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("")
    child.expect_exact("Your track")
    child.sendline("")
    child.expect_exact("Questions a day (Enter: 5): ")
    child.sendline("seven")
    child.expect_exact("  count must be a whole number from 1 to 100 (got 'seven'); try 5\r\n")
    child.expect_exact("Questions a day (Enter: 5): ")
    child.sendline("500")
    child.expect_exact("  count must be a whole number from 1 to 100 (got 500); try 5\r\n")
    child.sendline("7")
    child.expect_exact("Saved: count 7.")
    child.expect(pexpect.EOF)
    child.close()
    assert store.load(isolated).profile.count == 7


@pytest.mark.parametrize("stop", ["ctrl-c", "ctrl-d"])
def test_ctrl_c_at_the_first_run_keeps_the_answers_given(isolated: Path, stop: str) -> None:
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track (Enter: both tracks' questions): ")  # readline reads now:
    if stop == "ctrl-c":  # a Ctrl-C before that may go unseen until the next key
        child.sendintr()
    else:
        child.sendeof()
    child.expect_exact(
        "emprep: interrupted; saved what was answered: interview 2027-01-15; the rest later "
        "with emprep config set KEY VALUE"
    )
    assert ended(child) == 130
    assert "interrupted" not in child.before  # said once, not again as a bare "interrupted"
    assert str(store.load(isolated).profile.interview) == "2027-01-15"
    child = _spawn(["today"], isolated)  # the file is there: not asked again
    child.expect_exact("Friday 20 November: 56 days to the interview (2027-01-15)")
    child.expect(pexpect.EOF)
    isolated.unlink()
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendintr()  # nothing answered: no file, so the next run asks again
    child.expect(pexpect.EOF)
    child.close()
    assert not isolated.exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_at_the_first_run_keeps_the_answers_given(
    isolated: Path, signum: int
) -> None:
    """They ended emprep on the spot, the interview date just typed lost with it."""
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track (Enter: both tracks' questions): ")
    child.kill(signum)
    child.expect_exact(
        "emprep: interrupted; saved what was answered: interview 2027-01-15; the rest later "
        "with emprep config set KEY VALUE"
    )
    assert ended(child) == 128 + signum
    assert str(store.load(isolated).profile.interview) == "2027-01-15"


@pytest.mark.parametrize("stop", ["ctrl-c", "SIGTERM"])
def test_an_answer_typed_and_not_entered_is_given_back_in_the_command_that_saves_it(
    isolated: Path, stop: str
) -> None:
    """A half-typed answer was dropped at Ctrl-C, while a line not entered at `rounds log`, or
    at a story's prompts, is kept: it is given back, not saved (it may be half a date)."""

    def stopped(child: pexpect.spawn) -> None:
        if stop == "ctrl-c":
            child.sendintr()
        else:
            child.kill(signal.SIGTERM)

    code = 130 if stop == "ctrl-c" else 143
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track (Enter: both tracks' questions): ")
    child.sendline("")
    child.expect_exact("Questions a day (Enter: 5): ")
    child.send("7")
    child.expect_exact("7")
    stopped(child)
    child.expect_exact(
        "emprep: interrupted; saved what was answered: interview 2027-01-15; the answer not "
        "entered is not: save it with: emprep config set count 7; the rest later with emprep "
        "config set KEY VALUE\r\n"
    )
    assert ended(child) == code
    assert (str(store.load(isolated).profile.interview), store.load(isolated).profile.count) == (
        "2027-01-15",
        None,
    )
    isolated.unlink()
    child = _spawn(["today"], isolated)  # nothing answered: nothing saved, the line given back
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.send("2027-01-1")
    child.expect_exact("2027-01-1")
    stopped(child)
    child.expect_exact(
        "emprep: interrupted; nothing is saved, the answer not entered too: save it with: "
        "emprep config set interview 2027-01-1\r\n"
    )
    assert ended(child) == code
    assert not isolated.exists()
    assert not (isolated.parent / "drafts").exists()


@pytest.mark.parametrize("answered", [True, False])
def test_an_answer_not_entered_when_the_terminal_closes_is_kept_in_a_draft(
    isolated: Path, answered: bool
) -> None:
    """With no screen left to give it back on, the command goes to a draft, as `rounds log`'s
    line does; the answers given are saved."""
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    if answered:
        child.sendline("2027-01-15")
        child.expect_exact("Your track (Enter: both tracks' questions): ")
        child.send("rem")
        child.expect_exact("rem")
        line = "emprep config set track rem"
    else:
        child.send("2027-01-1")
        child.expect_exact("2027-01-1")
        line = "emprep config set interview 2027-01-1"
    assert hang_up(child) == (129, None)
    [draft] = list((isolated.parent / "drafts").iterdir())
    assert (draft.name, draft.read_text()) == (
        "first-run-20261120-090000.txt",
        "# An answer typed at emprep's first questions and not entered when the terminal "
        f"closed; it may be half typed.\n# Finish it, then run:\n{line}\n",
    )
    if answered:
        assert str(store.load(isolated).profile.interview) == "2027-01-15"
    else:
        assert not isolated.exists()


def test_a_second_sighup_while_the_answers_are_saved_does_not_end_emprep_first(
    isolated: Path, tmp_path: Path
) -> None:
    """A closed window sends SIGHUP twice: the shell passes its own on, and the kernel sends
    another as that shell ends. The second came while the answers were saved, the handler
    back to its default by then: emprep ended on the spot, the answers unsaved."""
    held = tmp_path / "held"
    env = at_the_moment("emprep.storage.store:_save", "", held, signal.SIGHUP)
    child = spawn(["today"], isolated, NOW, env=env)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track (Enter: both tracks' questions): ")
    child.kill(signal.SIGHUP)
    when_held(held)
    child.kill(signal.SIGHUP)
    child.expect_exact("emprep: interrupted; saved what was answered: interview 2027-01-15")
    child.expect(pexpect.EOF)
    child.close()
    assert (child.exitstatus, child.signalstatus) == (129, None)
    assert str(store.load(isolated).profile.interview) == "2027-01-15"


def test_ctrl_c_as_the_answers_are_saved_keeps_them(isolated: Path, tmp_path: Path) -> None:
    """Ctrl-C pressed a moment after the last answer's Enter came while the answers were saved
    and cut the save short, the line saying only "emprep: interrupted"."""
    held = tmp_path / "held"
    env = at_the_moment("emprep.storage.store:_save", "", held)
    child = spawn(["today"], isolated, NOW, env=env)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track (Enter: both tracks' questions): ")
    child.sendline("hub")
    child.expect_exact("Questions a day (Enter: 5): ")
    child.sendline("7")
    ctrl_c_when_held(child, held)
    child.expect_exact(
        "emprep: interrupted; saved what was answered: interview 2027-01-15, track hub, count 7"
    )
    assert ended(child) == 130
    profile = store.load(isolated).profile
    assert (str(profile.interview), profile.track, profile.count) == ("2027-01-15", "hub", 7)


def test_answers_whose_save_fails_are_said_with_the_commands_that_save_them(
    isolated: Path,
) -> None:
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track")
    child.sendline("remote")
    child.expect_exact("Questions a day")
    isolated.parent.mkdir(parents=True, exist_ok=True)
    isolated.write_text("[[[broken\n")  # made meanwhile, by hand
    child.sendline("4")
    assert ended(child) == 2
    said = child.before.replace("\r\n", "")
    again = (
        "emprep config set interview 2027-01-15 && emprep config set track remote && "
        "emprep config set count 4"
    )
    draft = isolated.parent / "drafts" / "first-run-20261120-090000.txt"
    assert said.endswith(
        f"what you answered is not saved: it is kept in {draft}: once that is fixed, save it "
        f"with: {again}"
    ), said
    assert draft.read_text() == (
        "# The answers given at emprep's first questions, kept here until they are saved.\n"
        f"# If it is not saved, save it with:\n{again}\n"
    )
    isolated.unlink()
    for command in again.split(" && "):
        assert run(*command.split()[1:], env={"EMPREP_NOW": NOW}).code == 0
    profile = store.load(isolated).profile
    assert (str(profile.interview), profile.track, profile.count) == ("2027-01-15", "remote", 4)
    r = run("today", env={"EMPREP_NOW": NOW})  # the file holds them now: the draft goes unsaid
    assert (r.code, r.stderr, draft.exists()) == (0, "", False)


def _killed_as_the_answers_are_saved(isolated: Path, tmp_path: Path) -> Path:
    """The three questions answered, emprep killed (-9, a crash) as it saves them: the draft
    it had no moment to remove."""
    held = tmp_path / "held"
    child = spawn(
        ["today"], isolated, NOW, env=at_the_moment("emprep.storage.store:_save", "", held)
    )
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track (Enter: both tracks' questions): ")
    child.sendline("hub")
    child.expect_exact("Questions a day (Enter: 5): ")
    child.sendline("7")
    when_held(held)
    child.kill(signal.SIGKILL)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    return draft


def test_answers_killed_as_they_are_saved_are_kept_in_a_draft_the_next_run_names(
    isolated: Path, tmp_path: Path
) -> None:
    """A kill (SIGKILL, a crash) as the three answers were saved lost them: nothing was
    written anywhere before the save. They are in a draft first; the next `today` (or `drill`)
    names it with the commands that save them, and asks again, as there is no file yet."""
    draft = _killed_as_the_answers_are_saved(isolated, tmp_path)
    again = (
        "emprep config set interview 2027-01-15 && emprep config set track hub && "
        "emprep config set count 7"
    )
    assert (draft.name, draft.read_text(), oct(draft.stat().st_mode & 0o777)) == (
        "first-run-20261120-090000.txt",
        "# The answers given at emprep's first questions, kept here until they are saved.\n"
        f"# If it is not saved, save it with:\n{again}\n",
        "0o600",
    )
    assert not isolated.exists()
    child = _spawn(["today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    assert " ".join(child.before.split()).startswith(
        f"emprep: note: {draft} holds answers to emprep's first questions that were not saved "
        "(emprep ended as it saved them, or the terminal closed as one was typed); read it, "
        f"save it with: {again}, then remove it (rm {draft})"
    ), child.before
    child.sendintr()
    assert ended(child) == 130
    for command in again.split(" && "):
        assert run(*command.split()[1:], env={"EMPREP_NOW": NOW}).code == 0
    child = _spawn(["drill"], isolated)  # the file holds them now: the draft goes, unsaid
    child.expect_exact("[1/7]")
    assert "note" not in child.before
    assert not draft.exists()
    child.send("q")
    assert ended(child) == 0


def test_a_draft_whose_answers_were_saved_before_the_kill_goes_unsaid(isolated: Path) -> None:
    """Killed after the save and before the draft's removal: the file holds the answers, and
    the draft is removed without a word; one the file does not hold all of is named."""
    run("config", "set", "interview", "2027-01-15", env={"EMPREP_NOW": NOW})
    run("config", "set", "track", "hub", env={"EMPREP_NOW": NOW})
    drafts = isolated.parent / "drafts"
    drafts.mkdir()
    saved = drafts / "first-run-20261120-090000.txt"
    saved.write_text(
        "# ...\nemprep config set interview 2027-01-15 && emprep config set track hub\n"
    )
    not_all = drafts / "first-run-20261120-090500.txt"
    not_all.write_text("# ...\nemprep config set track hub && emprep config set count 7\n")
    r = run("today", env={"EMPREP_NOW": NOW})
    assert (r.code, " ".join(r.stderr.split()), saved.exists(), not_all.exists()) == (
        0,
        f"emprep: note: {not_all} holds answers to emprep's first questions that were not saved "
        "(emprep ended as it saved them, or the terminal closed as one was typed); read it, "
        "save it with: emprep config set track hub && emprep config set count 7, then "
        f"remove it (rm {not_all})",
        False,
        True,
    )


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (
            60,
            [
                "Tracks:",
                "  remote: Remote/Distributed Teams",
                "  hub:    Major Tech Hubs (e.g., San Francisco Bay Area, New",
                "          York City)",
            ],
        ),
        *(
            (
                n,
                [
                    "Tracks:",
                    "  remote: Remote/Distributed Teams",
                    "  hub:    Major Tech Hubs (e.g., San Francisco Bay Area, New York City)",
                ],
            )
            for n in (80, 120)
        ),
    ],
)
def test_the_tracks_are_a_line_each_their_names_in_their_own_words(
    isolated: Path, width: int, lines: list[str]
) -> None:
    """A track's name with its own parentheses is not put inside another pair."""
    child = spawn(["today"], isolated, NOW, width=width)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track")
    shown = child.before.replace("\r\n", "\n").split("\n")
    assert shown[shown.index("Tracks:") : -1] == lines
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()


def test_a_prompt_wider_than_the_terminal_breaks_between_words(isolated: Path) -> None:
    """At 40 columns the track's prompt, 44 wide, was cut by the terminal inside a word
    ("Your track (Enter: both tracks' question" / "s): "); its first words now go on a line of
    their own, and the answer is typed after the rest."""
    child = spawn(["today"], isolated, NOW, width=40)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("City)\r\nYour track (Enter: both tracks'\r\nquestions): ")
    child.sendline("hub")
    child.expect_exact("Questions a day (Enter: 5): ")
    child.sendline("")
    child.expect_exact("Saved: interview 2027-01-15, track hub.")
    assert ended(child) == 0
    assert store.load(isolated).profile.track == "hub"


@needs_setpriv
@pytest.mark.parametrize(("command", "code"), [("today", 0), ("drill", 2)])
def test_nothing_is_asked_where_the_answers_could_not_be_saved(
    isolated: Path, command: str, code: int
) -> None:
    """Before: the three questions were asked, and the answers then failed to save."""
    isolated.parent.mkdir(mode=0o555)
    try:
        child = spawn([command], isolated, NOW, user=True)
        child.expect(pexpect.EOF)
        child.close()
    finally:
        isolated.parent.chmod(0o700)
    assert child.exitstatus == code
    said = child.before.replace("\r\n", "")
    assert "Interview date" not in said
    if command == "today":
        assert said.startswith("Friday 20 November: no interview date yet")
    else:
        assert said == (
            f"emprep: error: progress file {isolated}: its folder {isolated.parent} cannot be "
            "written (Permission denied); fix the folder's permissions first, then try again"
        )
    assert list(isolated.parent.iterdir()) == []


def test_the_commands_that_save_the_answers_name_the_progress_file_given(
    isolated: Path, tmp_path: Path
) -> None:
    """`--progress PATH` was left out: the commands said saved the answers to another file."""
    other = tmp_path / "other" / "progress.toml"
    child = _spawn(["--progress", str(other), "today"], isolated)
    child.expect_exact("Interview date (YYYY-MM-DD): ")
    child.sendline("2027-01-15")
    child.expect_exact("Your track")
    child.sendline("")
    child.expect_exact("Questions a day")
    other.write_text("[[[broken\n")  # made meanwhile, by hand
    child.sendline("")
    assert ended(child) == 2
    said = child.before.replace("\r\n", "")
    draft = other.parent / "drafts" / "first-run-20261120-090000.txt"
    assert said.endswith(
        f"what you answered is not saved: it is kept in {draft}: once that is fixed, save it "
        f"with: emprep --progress {other} config set interview 2027-01-15"
    ), said
