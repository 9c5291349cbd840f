"""Ctrl-C in a session at the keys, pressed at the moments between two waits for a key: a
rating being saved, a line being drawn; and a signal the moment a prompt has been drawn. Each
test holds the signal until that very moment (tests/fixtures/interrupt), as a busy machine
can."""

from __future__ import annotations

import json
import os
import shlex
import signal
from pathlib import Path

import pexpect
import pytest
from conftest import (
    FIXTURES,
    PTY_TIMEOUT,
    Terminal,
    at_the_moment,
    ctrl_c_when_held,
    ended,
    hang_up,
    installed_emprep,
    listed,
    reviews,
    run,
    spawn,
    when_held,
)

from emprep.storage import store

NOW = "2026-11-20T09:00:00+00:00"


def test_ctrl_c_while_a_question_is_drawn_still_ends_with_the_summary(
    isolated: Path, tmp_path: Path
) -> None:
    """The moment rich's console leaves a line it has written: a KeyboardInterrupt there left
    the console holding back all later output, and the drill ended without a word."""
    run("config", "set", "interview", "2027-01-01")
    items = listed(2, NOW)
    held = tmp_path / "held"
    line = items[1]["text"][:40]
    env = at_the_moment("rich.console:Console._exit_buffer", line, held)
    child = spawn(["drill", "--count", "2"], isolated, NOW, env=env)
    child.expect_exact("[1/2]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    child.expect(r"Saved: Good\. Next review 2026-11-22\.")
    ctrl_c_when_held(child, held)
    child.expect(r"Stopped\. 1 rated \(Good 1\), 0 skipped, 0 min \d+ s answering\.")
    assert ended(child) == 130
    assert [(r.question, r.rating) for r in reviews(store.load(isolated))] == [(items[0]["id"], 3)]


@pytest.mark.parametrize(
    ("moment", "count"),
    [
        ("emprep.storage.store:_save", 2),  # the new file not yet written
        ("emprep.storage.store:_remember", 2),  # written, the cache not yet refreshed
        ("emprep.storage.store:_save", 1),  # the last question's: no wait for a key after it
    ],
)
def test_ctrl_c_while_a_rating_is_saved_keeps_it_and_stops(
    isolated: Path, tmp_path: Path, moment: str, count: int
) -> None:
    """The rating is saved and said, then the drill stops: a KeyboardInterrupt inside the
    save lost the rating, or kept it on disk unsaid and uncounted."""
    run("config", "set", "interview", "2027-01-01")
    items = listed(count, NOW)
    held = tmp_path / "held"
    env = at_the_moment(moment, f" {items[0]['id']} 3 ", held)  # the rating's line in the log
    child = spawn(["drill", "--count", str(count)], isolated, NOW, env=env)
    child.expect_exact(f"[1/{count}]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    ctrl_c_when_held(child, held)
    child.expect(r"Saved: Good\. Next review 2026-11-22\.")
    child.expect(r"Stopped\. 1 rated \(Good 1\), 0 skipped, 0 min \d+ s answering\.")
    assert ended(child) == 130
    assert [(r.question, r.rating) for r in reviews(store.load(isolated))] == [(items[0]["id"], 3)]


def test_ctrl_c_while_a_mock_answer_is_saved_keeps_it_and_stops(
    isolated: Path, tmp_path: Path
) -> None:
    """The mock shares the drill's keys: its answer is saved whole, then it stops."""
    listed = ["mock", "--round", "tech", "--minutes", "30", "--list", "--format", "json"]
    doc = run(*listed, env={"EMPREP_NOW": NOW})
    first = json.loads(doc.stdout)["items"][0]["id"]
    held = tmp_path / "held"
    env = at_the_moment("emprep.storage.store:_save", f" {first} 2 ", held)
    child = spawn(["mock", "--round", "tech", "--minutes", "30"], isolated, NOW, env=env)
    child.expect_exact("space: start the clock")
    child.send(" ")
    child.expect_exact("[1/2]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("2")
    ctrl_c_when_held(child, held)
    child.expect_exact("Saved: Hard.")
    child.expect(r"Stopped\. 1 answered \(Hard 1\), 0 skipped")
    assert ended(child) == 130
    [m] = store.load(isolated).mocks
    assert [(a.question, a.rating) for a in m.answers] == [(first, 2)]


def test_a_terminal_closed_while_a_rating_is_saved_keeps_it_and_ends_quietly(
    isolated: Path, tmp_path: Path
) -> None:
    """The terminal window closed while the rating was saved: the save ends, then "Saved"
    cannot be written (EIO). That failure left the drill's draft behind and ended with 74;
    now it ends the drill as the hang-up does: the draft removed, 129."""
    run("config", "set", "interview", "2027-01-01")
    items = listed(2, NOW)
    held = tmp_path / "held"
    env = at_the_moment("emprep.storage.store:_save", f" {items[0]['id']} 3 ", held, signal.SIGHUP)
    child = spawn(["drill", "--count", "2"], isolated, NOW, env=env)
    child.expect_exact("[1/2]")
    child.send(" ")
    child.expect_exact("Rate:")
    child.send("g")
    when_held(held)
    assert hang_up(child) == (129, None)
    assert [(r.question, r.rating) for r in reviews(store.load(isolated))] == [(items[0]["id"], 3)]
    assert list((isolated.parent / "drafts").iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_as_a_prompt_is_drawn_is_acted_on(isolated: Path, signum: int) -> None:
    """Sent after the prompt is drawn and before it waits for a key, it went unseen: emprep sat
    at the prompt until a key came."""
    env = {
        "PYTHONPATH": str(FIXTURES / "interrupt"),
        "EMPREP_TEST_SIGNAL_AT_PROMPT": f"2:{signum}",  # the Situation's second line
    }
    child = spawn(["story", "add", "--title", "Half typed"], isolated, NOW, env=env)
    child.expect_exact("Situation")
    child.sendline("The one thing I wrote")
    child.expect_exact("\x1b[?2004h  > ")  # the second line's prompt, drawn
    child.expect_exact("\x1b[?2004l")  # the terminal is put back
    child.expect_exact("\r\nemprep: interrupted; what you typed is kept in ")
    child.expect(pexpect.EOF)
    child.close()
    code = 130 if signum == signal.SIGINT else 128 + signum
    assert child.exitstatus == code
    [draft] = list((isolated.parent / "drafts").iterdir())
    assert "The one thing I wrote" in draft.read_text()


def test_a_drill_started_with_ctrl_c_ignored_keeps_ignoring_it(isolated: Path) -> None:
    """`trap '' INT` before emprep: Ctrl-C is the shell's choice to ignore, as before."""
    run("config", "set", "interview", "2027-01-01")
    env = {**os.environ, "EMPREP_NOW": NOW, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "120"}
    drill = f"trap '' INT; exec {shlex.quote(installed_emprep())} drill --count 2"
    child = Terminal(
        "sh", ["-c", drill], env=env, encoding="utf-8", timeout=PTY_TIMEOUT, dimensions=(40, 120)
    )
    child.expect_exact("[1/2]")
    child.expect_exact("q: quit")
    child.sendintr()
    child.send("q")
    child.expect(r"(Stopped\. )?0 rated, 0 skipped")
    assert child.match.group(1) is None
    assert ended(child) == 0
