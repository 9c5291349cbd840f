"""A pause in a timed session: `p` holds the clocks, and so does Ctrl-Z until `fg`; neither
counts in the round's time left or in an answer's seconds. The session's clock is the test's
(`SessionClock`): it moves only when the test moves it, so the seconds on the screen and in
the file are exact, and ten minutes paused that counted would show in them."""

from __future__ import annotations

import os
import re
import shutil
import signal
from pathlib import Path

import pexpect
import pytest
from conftest import (
    ENDS,
    PROMPT,
    SessionClock,
    ended,
    in_a_shell,
    installed_emprep,
    listed,
    reviews,
    run,
    spawn,
)

from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"
HELD = 600  # seconds paused or stopped: ten minutes at the door


def _exit(child: pexpect.spawn) -> None:
    child.sendline("exit")
    child.expect(pexpect.EOF)
    child.close()


def _good_in_two_seconds_unscored(child: pexpect.spawn) -> None:
    """The mock's answer ended: two seconds, the time held not counted; then rated Good and
    the scores left at once."""
    child.send(" ")
    child.expect_exact("You took 0:02 of its 5-minute time box.")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("[1-5]: ")
    child.send("q")


@pytest.mark.parametrize(
    ("width", "running", "held"),
    [
        (
            120,
            "answer 0:01/5:00 · round 2:59 left · space: done · s: skip · p: pause · "
            "q: end the round" + ENDS,
            "answer 0:01/5:00 · round 2:59 left · paused · p or space: go on · q: end the round"
            + ENDS,
        ),
        (
            80,
            "answer 0:01/5:00 · round 2:59 left · space: done · q: end the round" + ENDS,
            "paused · p or space: go on · q: end the round" + ENDS,
        ),
        (
            60,
            "answer 0:01/5:00 · round 2:59 left · space: done" + ENDS,
            "paused · p or space: go on · q: end the round" + ENDS,
        ),
    ],
    ids=["120", "80", "60"],
)
def test_p_holds_both_clocks_of_the_mock_and_says_how_to_go_on(
    isolated: Path, tmp_path: Path, width: int, running: str, held: str
) -> None:
    """`p` did nothing: a doorbell took minutes off the round and went into the answer's
    seconds. The line says it is paused, how to go on and the way out, at every width; the
    time paused counts in neither clock."""
    clock = SessionClock(tmp_path)
    child = spawn(
        ["mock", "--round", "people", "--minutes", "3"], isolated, NOW, width=width, env=clock.env
    )
    child.expect(r"p pauses\s+the\s+clocks")
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("answer 0:00/5:00 · round 3:00 left")  # both clocks started
    clock.advance(1)
    child.expect_exact(running)
    child.send("p")
    child.expect_exact(held)
    clock.advance(HELD)
    child.send("p")
    child.expect_exact(running)  # the pause counted: answer 10:01, the round's time up
    clock.advance(1)
    child.expect_exact("answer 0:02/5:00 · round 2:58 left")
    _good_in_two_seconds_unscored(child)
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    [answer] = m.answers
    assert (answer.rating, answer.seconds) == (3, 2)


def test_q_while_paused_ends_the_round(isolated: Path) -> None:
    child = spawn(["mock", "--round", "people", "--minutes", "3"], isolated, NOW, width=80)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("q: end the round")
    child.send("p")
    child.expect_exact("paused · p or space: go on · q: end the round" + ENDS)
    child.send("s")  # not a key while paused: it skips nothing
    child.send("q")
    child.expect_exact("Score yourself on what the interviewers score")
    child.send("q")
    child.expect_exact("Left unscored.")
    assert ended(child) == 0
    [m] = store.load(isolated).mocks
    assert (m.answers, m.finished) == ([], False)


def test_p_holds_the_drills_clock_and_q_quits_while_paused(isolated: Path, tmp_path: Path) -> None:
    """The drill's answer seconds go to the review log: a pause is not in them."""
    run("config", "set", "interview", "2027-01-01")
    first, _ = listed(2, NOW)
    box = f"{first['minutes']}:00"
    clock = SessionClock(tmp_path)
    child = spawn(["drill", "--count", "2"], isolated, NOW, width=80, env=clock.env)
    child.expect_exact("[1/2]")
    child.expect_exact(f"0:00 / {box}")
    clock.advance(1)
    child.expect_exact(f"0:01 / {box} · space: reveal · s: skip · p: pause · q: quit" + ENDS)
    child.send("p")
    child.expect_exact(f"0:01 / {box} · paused · p or space: go on · q: quit" + ENDS)
    clock.advance(HELD)
    child.send(" ")
    child.expect_exact(f"0:01 / {box} · space: reveal")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.expect_exact("[2/2]")
    child.send("p")
    child.expect_exact("paused · p or space: go on · q: quit" + ENDS)
    child.send("q")
    child.expect_exact("1 rated (Good 1), 0 skipped, 0 min 1 s answering.")
    assert ended(child) == 0
    [entry] = reviews(store.load(isolated))
    assert (entry.question, entry.rating, entry.seconds) == (first["id"], 3, 1)


def test_ctrl_z_then_fg_brings_the_mock_back_at_the_keys_its_clocks_held(
    isolated: Path, tmp_path: Path
) -> None:
    """After `fg` the terminal was as the shell had left it: a key did nothing until Enter,
    and was echoed; the time stopped counted in both clocks. Now the line is drawn again, a
    key acts at once, and the stop counts as a pause."""
    clock = SessionClock(tmp_path)
    child = in_a_shell("bash", isolated, NOW, clock)
    child.sendline(f"{installed_emprep()} mock --round people --minutes 3")
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("answer 0:00/5:00 · round 3:00 left")
    clock.advance(1)
    child.expect_exact("answer 0:01/5:00 · round 2:59 left")
    child.sendcontrol("z")
    child.expect_exact("Stopped")
    child.expect_exact(PROMPT)
    clock.advance(HELD)
    child.sendline("fg")
    child.expect_exact("answer 0:01/5:00 · round 2:59 left · space: done")
    clock.advance(1)
    child.expect_exact("answer 0:02/5:00 · round 2:58 left")
    _good_in_two_seconds_unscored(child)
    child.expect_exact(PROMPT)
    _exit(child)
    [m] = store.load(isolated).mocks
    [answer] = m.answers
    assert (answer.rating, answer.seconds) == (3, 2)


@pytest.mark.skipif(shutil.which("dash") is None, reason="dash keeps no terminal settings")
def test_a_drill_stopped_with_ctrl_z_leaves_the_shell_usable(
    isolated: Path, tmp_path: Path
) -> None:
    """A shell that keeps no terminal settings of its own (dash) was left without echo and
    without line input while the drill was stopped: what was typed at its prompt did not
    show. The drill puts the terminal back when stopped, and its clock holds. dash says the
    job stopped where the cursor is, with no line break first: after the line, not over it."""
    run("config", "set", "interview", "2027-01-01")
    clock = SessionClock(tmp_path)
    child = in_a_shell("dash", isolated, NOW, clock)
    child.sendline(f"{installed_emprep()} drill --count 1")
    child.expect_exact("[1/1]")
    child.expect_exact("0:00 / ")
    clock.advance(1)
    child.expect_exact("0:01 / ")
    child.sendcontrol("z")
    child.expect_exact("Stopped")
    # dash says so where the cursor is: after the line (it waits at the line's start)
    assert child.before.endswith("q: quit\x1b[J [1] + ")
    child.expect_exact(PROMPT)
    child.sendline("stty -a | tr ' ' '\\n' | grep -x -- '-\\?echo\\|-\\?icanon' | tr '\\n' ' '")
    child.expect(r"(-?icanon) (-?echo) ")
    assert child.match.groups() == ("icanon", "echo")
    child.expect_exact(PROMPT)
    clock.advance(HELD)
    child.sendline("fg")
    child.expect_exact("0:01 / ")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect_exact("Saved: Good.")
    child.expect_exact(PROMPT)
    _exit(child)
    [entry] = reviews(store.load(isolated))
    assert entry.seconds == 1


def test_a_paused_mock_killed_leaves_its_draft(isolated: Path) -> None:
    """A pause changes nothing of what is kept: the draft holds the answers until the mock
    ends, and `mock --resume` saves them."""
    child = spawn(["mock", "--round", "tech", "--minutes", "30"], isolated, NOW, width=80)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/2]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("2")
    child.expect_exact("Saved: Hard.")
    child.expect_exact("[2/2]")
    child.expect_exact("q: end the round")
    child.send("p")
    child.expect_exact("paused · p or space: go on")
    child.kill(signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    [draft] = (isolated.parent / "drafts").iterdir()
    assert draft.name == "mock-20261120-090000.toml"
    [m] = store.load(isolated).mocks
    [answer] = m.answers
    assert answer.rating == 2
    r = run("mock", "--resume", str(draft))
    assert (r.code, r.stdout) == (
        0,
        f"Already in the progress file: 1 answer.\nThe draft {draft} is removed.\n",
    )


def test_a_pause_once_the_rounds_time_is_up_gives_the_line_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once the round's time is up its clocks stand still: the paused line began " · paused"
    (no clock to put before it); it says the clock as it showed, and going on gives back the
    line as it stood."""
    from emprep.ui import held
    from emprep.ui.answer_line import LiveLine, paused

    monkeypatch.setenv("COLUMNS", "80")
    line = LiveLine()
    line.draw(["answer 1:00/5:00 · time is up", "space: done"])
    keys, typed = os.pipe()
    os.write(typed, b"p")
    try:
        assert paused(keys, line) == "p"
    finally:
        os.close(keys)
        os.close(typed)
    assert capsys.readouterr().out == "".join(
        f"\r{line}{ENDS}"
        for line in [
            "  answer 1:00/5:00 · time is up · space: done",
            "  answer 1:00/5:00 · time is up · paused · p or space: go on",
            "  answer 1:00/5:00 · time is up · space: done",
        ]
    )
    assert held.hold()  # the pause is over: the clock runs, and can be held again
    held.go_on()


@pytest.mark.parametrize("kind", ["drill", "mock"])
def test_bg_after_ctrl_z_stops_again_until_fg_and_the_clocks_stay_held(
    isolated: Path, tmp_path: Path, kind: str
) -> None:
    """`bg` after Ctrl-Z: a session at the keys cannot take the terminal from the background,
    so it stops again (SIGTTOU), as terminal programs do; `fg` brings it back with its line
    drawn again and the time in the background counted as a pause, not as answering."""
    run("config", "set", "interview", "2027-01-01")
    clock = SessionClock(tmp_path)
    child = in_a_shell("bash", isolated, NOW, clock)
    if kind == "mock":
        child.sendline(f"{installed_emprep()} mock --round people --minutes 3")
        child.expect_exact("space: start the clock")
        child.send(" ")
        child.expect_exact("answer 0:00/5:00 · round 3:00 left")
    else:
        child.sendline(f"{installed_emprep()} drill --count 1")
        child.expect_exact("0:00 / ")
    clock.advance(1)
    child.expect_exact("answer 0:01/5:00 · round 2:59 left" if kind == "mock" else "0:01 / ")
    child.sendcontrol("z")
    child.expect_exact("Stopped")
    child.expect_exact(PROMPT)
    child.sendline("bg")
    child.expect_exact(PROMPT)
    child.sendline("jobs -l")
    child.expect(r"\[1\]\+\s+\d+ Stopped")
    child.expect_exact(PROMPT)
    clock.advance(HELD)
    child.sendline("fg")
    if kind == "mock":
        child.expect_exact("answer 0:01/5:00 · round 2:59 left · space: done")
    else:
        child.expect(r"0:01 / \d+:00 · space: reveal")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    if kind == "mock":
        child.expect_exact("[1-5]: ")
        child.send("q")
    else:
        child.expect_exact("Saved: Good.")
    child.expect_exact(PROMPT)
    _exit(child)
    [entry] = reviews(store.load(isolated))
    assert (entry.rating, entry.seconds) == (3, 1)


def test_a_paused_line_is_drawn_again_for_a_terminal_made_narrower(isolated: Path) -> None:
    """Paused at 80 columns, then the window made 40 wide: the line stayed the 80 columns'
    one, cut by the terminal in a word, until the clocks went on. It is drawn again for the
    width, both keys said."""
    args = ["mock", "--round", "people", "--minutes", "3"]
    child = spawn(args, isolated, NOW, width=80, resizable=True)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("q: end the round")
    child.send("p")
    child.expect_exact("\r  paused · p or space: go on · q: end the round" + ENDS)
    child.setwinsize(24, 40)  # SIGWINCH
    child.expect_exact("\r  paused: p goes on, q: end the round" + ENDS)
    child.send("p")
    child.expect(r"\r  answer \d:\d\d/5:00 · round \d:\d\d left" + re.escape(ENDS))
    child.send("q")
    child.expect_exact("[1-5]: ")
    child.send("q")  # no score given: the mock left unscored
    child.expect(pexpect.EOF)
    child.close()
