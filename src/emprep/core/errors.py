"""The one error type the core raises, the exit codes, and what a person typed shown safely."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """emprep's exit codes, documented in the README's "Exit codes and errors"."""

    OK = 0
    UNEXPECTED = 1  # a bug: the message asks for a report
    BAD_INPUT = 2  # anything a person can fix: usage, ids, dates, a broken pack or progress file
    OUTPUT_FAILED = 74  # stdout cannot be written (a full disk): EX_IOERR of sysexits
    HANG_UP = 129  # the terminal closed (SIGHUP), as a shell reports it
    INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT
    PIPE_CLOSED = 141  # the reader of stdout went away, as a shell reports SIGPIPE


class EmprepError(Exception):
    """Bad input a person can fix: the message names the problem and the fix; exit 2."""

    exit_code = ExitStatus.BAD_INPUT


class TextFault(EmprepError):
    """Text refused for what it holds (a byte that is not UTF-8, a control character): the fix
    is in the text, so a draft kept of it is refused the same until it is changed."""


def shown(text: str, limit: int = 60) -> str:
    """What the person typed, fit to echo in one line: bytes that are not UTF-8 and control
    characters as escapes, and no more than `limit` characters."""
    safe = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    safe = "".join(c if c.isprintable() else repr(c)[1:-1] for c in safe)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"
