"""Every place emprep reads from a terminal, given bad answers through a real pseudo-terminal:
empty lines, only spaces, a paste of 100 KB (marked as one, or not), control keys (Ctrl-C,
Ctrl-D, Ctrl-Z, Esc, the arrows' sequences), NUL, bytes that are not UTF-8, right-to-left and
combining text, numbers out of range, a key pressed twice at once, the terminal resized
(SIGWINCH) and closed (SIGHUP), at widths from 30 to 120 columns.

The examples are drawn once from a fixed seed, so every run asks the same. Each ends with no
traceback, an exit code the README gives (0, 129 for the terminal closed, 130 for Ctrl-C or
Ctrl-D), and nothing typed lost: the words typed at a prompt are in the progress file, in a
draft, or in the line that refused them or gives them back; a rating or a score shown as
taken is in the file.
"""

from __future__ import annotations

import io
import os
import random
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from conftest import hang_up, run, spawn

NOW = "2026-11-22T10:00:00+00:00"
WIDTHS = [30, 40, 60, 80, 120]

# Bad answers, as the bytes a terminal sends; `{}` in one is the words typed (kept or refused)
JUNK = {
    "empty": b"",
    "spaces": b"     ",
    "nul": b"\x00{}",
    "not utf-8": b"{}\xff\xfe",
    "lone lead byte": b"{} caf\xc3",
    "right-to-left": "\u202e{} \u05e9\u05dc\u05d5\u05dd".encode(),
    "combining": "{} e\u0301\u0301\u0301".encode(),
    # Up then Down comes back to the line typed (Up, an edit, then Down leaves the edit in the
    # earlier answer, in readline as in a shell: not this line's)
    "arrows": b"\x1b[D{}\x1b[C\x1b[A\x1b[B\x1b[H\x1b[F",
    "esc": b"{}\x1b",  # last: Esc then a letter is Alt with it, in readline as anywhere
    "ctrl-z": b"\x1a{}",
    "marked paste": b"\x1b[200~{}\nand a second line\x1b[201~",
    "number out of range": b"99999999999999999999 {}",
    "negative": b"-1 {}",
    "huge paste": b"\x1b[200~{}" + b" word" * 20_000 + b"\x1b[201~",
    "huge line": b"{}" + b"x" * 100_000,
}
ENDINGS = ["enter", "enter", "ctrl-c", "ctrl-d", "hang-up", "resized then enter"]


# The prompts that read a line, and how many examples each gets
LINE_SITES = {"first run": 6, "story add": 8, "rounds log": 6, "story rm": 5}


def examples(site: str) -> list[tuple[str, str, int, int]]:
    """The (junk, ending, width, which prompt) of a site, the same every run: the junk in an
    order shuffled once and the endings and widths in turn, across the sites, so that every
    junk and every ending is given somewhere."""
    rng = random.Random("prompt-fuzz")
    kinds = sorted(JUNK)
    rng.shuffle(kinds)
    sites = list(LINE_SITES)
    first = sum(LINE_SITES[s] for s in sites[: sites.index(site)])
    return [
        (kinds[n % len(kinds)], ENDINGS[n % len(ENDINGS)], WIDTHS[n % len(WIDTHS)], n % 7)
        for n in range(first, first + LINE_SITES[site])
    ]


def typed(child: pexpect.spawn, data: bytes) -> None:
    """`data` written as a terminal writes a paste, in pieces, its echo read between them: one
    write of 100 KB would wait on emprep, which waits to write its echo."""
    for start in range(0, len(data), 1024):
        os.write(child.child_fd, data[start : start + 1024])
        _drain(child)


def _drain(child: pexpect.spawn) -> bool:
    """What emprep wrote so far read (the screen keeps it: `screened`); whether there was any."""
    got = False
    try:
        while True:
            got = bool(child.read_nonblocking(65536, timeout=0.01)) or got
    except (pexpect.TIMEOUT, pexpect.EOF):
        return got


def screened(child: pexpect.spawn) -> pexpect.spawn:
    """`child`, all it writes kept: `child.logfile_read.getvalue()` is the screen so far."""
    child.logfile_read = io.StringIO()
    return child


def answered(child: pexpect.spawn, junk: str, words: str, ending: str) -> str:
    """The junk with `words` in it typed, then the ending; what the screen showed, once emprep
    ends (a prompt left waiting after Enter gets Ctrl-C). '' for a terminal closed."""
    typed(child, JUNK[junk].replace(b"{}", words.encode()))
    if ending == "hang-up":
        hang_up(child)
        return ""
    if ending == "resized then enter":
        child.setwinsize(24, 33)
    key = {"ctrl-c": b"\x03", "ctrl-d": b"\x04"}.get(ending, b"\r")
    os.write(child.child_fd, key)
    return _to_the_end(child)


def _to_the_end(child: pexpect.spawn) -> str:
    """Ctrl-C until emprep ends (a prompt still waits after an Enter, or after a Ctrl-D on a
    line with text, which readline takes as a delete); the whole screen. A minute in all before
    the child is killed: on a loaded machine, readline takes seconds over a 100 KB paste."""
    for _ in range(20):
        if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=3) == 0:
            break
        os.write(child.child_fd, b"\x03")
    child.close()
    return str(child.logfile_read.getvalue())


def sound(child: pexpect.spawn, screen: str, ending: str) -> None:
    """No traceback and an exit code the README gives."""
    assert "Traceback" not in screen and "unexpected" not in screen, screen[-2000:]
    codes = (129,) if ending == "hang-up" and not child.flag_eof else (0, 130)
    assert child.exitstatus in codes or child.signalstatus == signal.SIGHUP, screen[-2000:]


def kept(words: str, progress: Path, screen: str) -> bool:
    """`words` are in the progress file, a draft beside it, or a line of emprep's (one that
    refuses them, or gives them back): not the echo of what was typed, which is no keeping."""
    files = [progress, *progress.parent.glob("drafts/*")]
    if any(words in f.read_text("utf-8", "replace") for f in files if f.is_file()):
        return True
    screen = plain(screen)
    lines = screen.splitlines()
    if any(re.match(r"( {2}[^ >]|emprep: )", line) for line in lines if words in line):
        return True
    return refused(screen)


def refused(screen: str) -> bool:
    """A line refused the answer, saying why (a long one is cut in its middle there, and Up
    brings it back at the prompt)."""
    why = r"is not|must be|holds|cannot|unknown|not UTF-8|is one line|did you mean|ambiguous"
    return re.search(rf"\n {{2}}\S[^\n]*({why})", plain(screen)) is not None


def plain(screen: str) -> str:
    """The screen's text: no carriage returns, no terminal sequences (bracketed paste's)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.replace("\r", ""))


@pytest.mark.slow
@pytest.mark.parametrize(("junk", "ending", "width", "which"), examples("first run"))
def test_the_first_run_questions(
    isolated: Path, junk: str, ending: str, width: int, which: int
) -> None:
    prompts = ["(YYYY-MM-DD): ", "questions): ", "(Enter: 5): "]  # a wide one is wrapped
    words = ["2027-02-03", "hub", "7"][which % 3]
    child = screened(spawn(["today"], isolated, NOW, width=width))
    for p in prompts[: which % 3]:
        child.expect_exact(p)
        os.write(child.child_fd, b"\r")
    child.expect_exact(prompts[which % 3])
    screen = answered(child, junk, words, ending)
    sound(child, screen, ending)
    assert kept(words, isolated, screen) or junk in ("empty", "spaces"), screen[-2000:]


def _story_prompts(child: pexpect.spawn, which: int) -> str:
    """The story prompts up to the field `which` (0 the title ... 6 the questions), the fields
    before it answered; the words to type there."""
    child.expect_exact("Title (")
    if which == 0:
        return "Rescue of the launch"
    os.write(child.child_fd, b"The launch\r")
    for field in range(1, min(which, 5)):
        child.expect_exact("  > ")
        os.write(child.child_fd, f"field {field}\r".encode())
        child.expect_exact("  > ")
        os.write(child.child_fd, b"\r")
    if which < 5:
        child.expect_exact("  > ")
        return "paged every night"
    child.expect_exact("Competencies: ")
    if which == 5:
        return "leadership"
    os.write(child.child_fd, b"\r")
    child.expect_exact("Questions: ")
    return "exe-scaling"


@pytest.mark.slow
@pytest.mark.parametrize(("junk", "ending", "width", "which"), examples("story add"))
def test_the_story_prompts(isolated: Path, junk: str, ending: str, width: int, which: int) -> None:
    child = screened(spawn(["story", "add"], isolated, NOW, width=width))
    words = _story_prompts(child, which)
    screen = answered(child, junk, words, ending)
    sound(child, screen, ending)
    assert kept(words, isolated, screen) or junk in ("empty", "spaces"), screen[-2000:]
    assert kept("The launch", isolated, screen) or which == 0


@pytest.mark.slow
@pytest.mark.parametrize(("junk", "ending", "width", "which"), examples("rounds log"))
def test_the_round_log_prompts(
    isolated: Path, junk: str, ending: str, width: int, which: int
) -> None:
    assert run("config", "set", "interview", "2026-11-20").code == 0
    child = screened(spawn(["rounds", "log", "recruiter"], isolated, NOW, width=width))
    child.expect_exact("Question 1: ")
    os.write(child.child_fd, b"Why this company?\r")
    child.expect_exact("Question 2: ")
    words = "how I grew a team"
    if which % 2:  # the note
        os.write(child.child_fd, b"\r")
        child.expect_exact("none): ")  # "(Enter" may end the line above, at 30 columns
        words = "friendly and short"
    screen = answered(child, junk, words, ending)
    sound(child, screen, ending)
    assert kept(words, isolated, screen) or junk in ("empty", "spaces"), screen[-2000:]
    assert kept("Why this company?", isolated, screen)


STORY = ["--title", "The reorg nobody wanted", *("--situation", "S", "--task", "T")]


@pytest.mark.slow
@pytest.mark.parametrize(("junk", "ending", "width", "_"), examples("story rm"))
def test_the_delete_question(isolated: Path, junk: str, ending: str, width: int, _: int) -> None:
    """Whatever the answer, the story is in the file or in the file its delete writes."""
    assert run("story", "add", *STORY, "--action", "A", "--result", "R").code == 0
    child = screened(spawn(["story", "rm", "s1"], isolated, NOW, width=width))
    child.expect_exact("[y/N] ")
    screen = answered(child, junk, "y", ending)
    sound(child, screen, ending)
    assert kept("The reorg nobody wanted", isolated, screen)


# Keys of the drill and the mock: each, and the odd ones
KEYS = [
    *(" ", "\r", "1", "2", "3", "4", "a", "h", "g", "e", "5", "0", "s", "u", "p", "q"),
    *("33", "\x1b", "\x1b[A", "\x1b[D", "\x00", "\xff", "\u0663", "\uff47", "\x1a"),
    *("\x1b[200~the h of the\x1b[201~", "winch"),
]


def keys(site: str, count: int) -> list[tuple[list[str], str, int]]:
    """`count` (keys, ending, width) of a site, the same every run."""
    rng = random.Random(f"prompt-fuzz {site}")
    return [
        (
            [rng.choice(KEYS) for _ in range(rng.randrange(4, 14))],
            rng.choice(["ctrl-c", "ctrl-d", "hang-up", "q"]),
            rng.choice(WIDTHS),
        )
        for _ in range(count)
    ]


def pressed(child: pexpect.spawn, presses: list[str], ending: str) -> str:
    """Each key pressed after the screen before it has settled, then the ending; the screen."""
    for key in presses:
        if not child.isalive():  # q ended it
            break
        if key == "winch":
            child.setwinsize(24, 31)
            continue
        os.write(child.child_fd, key.encode("latin-1") if key == "\xff" else key.encode())
        _settled(child)
    if not child.isalive():  # a q, or Ctrl-D, ended it before the ending
        return _to_the_end(child)
    if ending == "hang-up":
        hang_up(child)
        return str(child.logfile_read.getvalue())
    os.write(child.child_fd, {"ctrl-c": b"\x03", "ctrl-d": b"\x04", "q": b"q"}[ending])
    return _to_the_end(child)


def _settled(child: pexpect.spawn) -> None:
    """Until emprep has written nothing for a moment (a key acted on, a save said)."""
    quiet = 0
    while quiet < 5 and child.isalive():
        quiet = 0 if _drain(child) else quiet + 1


def saved_lines(screen: str) -> Iterator[str]:
    yield from re.findall(r"(Saved|Undone): ", screen)


@pytest.mark.slow
@pytest.mark.parametrize(("presses", "ending", "width"), keys("drill", 7))
def test_the_drill_s_keys(isolated: Path, presses: list[str], ending: str, width: int) -> None:
    """Every rating the screen says is saved is in the file, and one taken back is not."""
    from emprep.storage import store

    assert run("config", "set", "count", "3").code == 0
    child = screened(spawn(["drill"], isolated, NOW, width=width))
    child.expect_exact("space: reveal")  # at 30 columns the keys alone, no clock
    screen = pressed(child, presses, ending)
    sound(child, screen, ending)
    said = list(saved_lines(screen))
    log = store.load(isolated).log.splitlines()
    if ending != "hang-up":
        assert len(log) == said.count("Saved") - said.count("Undone"), screen[-3000:]
    assert list(isolated.parent.glob("drafts/*")) == []  # every rating saved: no draft left


@pytest.mark.slow
@pytest.mark.parametrize(("presses", "ending", "width"), keys("mock", 6))
def test_the_mock_s_keys(isolated: Path, presses: list[str], ending: str, width: int) -> None:
    """The scores the screen shows as given are the file's: q, Esc, Ctrl-C, Ctrl-D and the
    terminal closed keep them all."""
    from emprep.storage import store

    child = screened(
        spawn(["mock", "--round", "recruiter", "--minutes", "20"], isolated, NOW, width=width)
    )
    child.expect_exact("space: start the clock")
    os.write(child.child_fd, b" ")
    child.expect_exact("[1/")
    os.write(child.child_fd, b"q")
    child.expect_exact("[1-5]: ")
    screen = pressed(child, presses, ending)
    sound(child, screen, ending)
    shown: dict[str, int] = {}
    for criterion, score in re.findall(r"  (\S[^\r\n]*?) \[1-5[^]]*\]: ([1-5])\r\n", screen):
        shown[criterion] = int(score)
    mocks = store.load(isolated).mocks
    assert (mocks[0].scores if mocks else {}) == shown, screen[-3000:]
