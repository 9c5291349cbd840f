"""When what reads emprep's output goes away, or the disk under it fills.

`emprep rounds | head -1`: head has what it wants and closes the pipe. emprep stops writing and
ends quietly with 141, the status a shell gives any program that SIGPIPE ends (128 + 13): `cat`
and `grep` in the same pipe end the same way, `set -o pipefail` scripts see what they expect,
and 0 would claim the whole output was delivered. Any other failure to write the output (a
full disk, a device error) is one line naming what failed, exit 74 (EX_IOERR of sysexits),
and saying so when the command's change was saved before it (not to be run again).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn, TextIO

from emprep.core.errors import ExitStatus


def closed() -> NoReturn:
    """The reader went away: nothing more goes to stdout (not even the interpreter's last
    flush), and no message, as with any program in a pipe."""
    _silence(sys.stdout)
    sys.exit(ExitStatus.PIPE_CLOSED)


class _HangUp:
    """Whether the terminal hung up (SIGHUP came, or the terminal said so): after it the
    terminal may be gone, and every write to it fails."""

    came = False


def hung_up() -> None:
    """The terminal hung up (its window closed, or `kill -HUP`): what is written to it from
    now on may fail with EIO. A SIGHUP after this one has nothing more to tell and is held
    back: a shell passes its own on to the program in front and the kernel sends another as
    that shell ends, by when the handler may be back to its default, and it ended emprep in
    the middle of saving what was typed."""
    import signal

    _HangUp.came = True
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})


def terminal_gone() -> bool:
    """Whether a hang-up took the terminal away: SIGHUP came, or the terminal says so itself.
    A closed window fails the next read or write at once, while its SIGHUP may come a moment
    later (from the shell, which the kernel tells first) or never (`trap '' HUP`): that
    failure, or the end of input it reads as, is the hang-up all the same, not a failed
    output (74) or Ctrl-D."""
    if not _HangUp.came and any(_hung_up(fd) for fd in (0, 1, 2)):
        hung_up()
    return _HangUp.came


def _hung_up(fd: int) -> bool:
    """Whether `fd` is a terminal that hung up: what is left of one answers every question
    with EIO; one whose other side is closing says so to `poll` (POLLHUP) before that."""
    import select
    import termios

    try:
        termios.tcgetattr(fd)
    except termios.error as e:
        return bool(e.args[0] == errno.EIO)  # not a terminal: ENOTTY; closed: EBADF
    events = select.poll()
    events.register(fd, 0)  # POLLHUP is always reported
    return any(what & select.POLLHUP for _, what in events.poll(0))


def gone(e: OSError) -> bool:
    """Whether `e` is a read or write of a terminal that a hang-up took away."""
    return e.errno == errno.EIO and terminal_gone()


def failed(e: OSError) -> NoReturn:
    """Writing the output failed: say so in one line on stderr, exit 74. After a hang-up, a
    write that fails with EIO is the terminal gone: quiet (there is no one to tell), 129 as
    a shell reports SIGHUP, what was done kept."""
    if e.errno == errno.EPIPE:
        closed()
    if gone(e):
        _silence(sys.stdout)
        _silence(sys.stderr)
        sys.exit(ExitStatus.HANG_UP)
    _silence(sys.stdout)
    from emprep.storage.store import SAVED

    done = f", but the change is saved in {SAVED[-1]}: do not run it again" if SAVED else ""
    why = e.strerror or e
    fix = WRITE_FIXES.get(e.errno or 0)
    status = ExitStatus.OUTPUT_FAILED
    if e.filename:
        said = f"{e.filename}: {why}{done}; check it" + ("" if done else " and try again")
    elif fix:
        said = f"cannot write the output ({why}){done}; {fix}"
    else:  # no write's failure: what failed is not known here, and is not said to be the output
        if os.environ.get("EMPREP_DEBUG"):
            raise e
        name = errno.errorcode.get(e.errno or 0, "no errno")
        said = (
            f"unexpected {type(e).__name__}: {why} ({name}){done}; run again with "
            "EMPREP_DEBUG=1 for the traceback and report it"
        )
        status = ExitStatus.UNEXPECTED
    say(f"emprep: error: {said}")
    sys.exit(status)


# A failed write that names no file is the output's: what each failure of a write says to do
# (any other error names what failed and asks for a report, rather than "free some space").
SPACE = "free some space, or send it elsewhere"
WRITE_FIXES = {
    errno.ENOSPC: SPACE,
    errno.EDQUOT: SPACE,
    errno.EFBIG: "a limit on a file's size stopped it (ulimit -f, or the file system's): "
    "send it elsewhere, or raise the limit",
    errno.EBADF: "stdout is not open for writing (1</dev/null, say): send it to a file or a pipe",
    errno.EAGAIN: "what reads it made it non-blocking and did not keep up: send it to a file, "
    "then read that",
    errno.EIO: "the disk or device under it failed: check it, or send it elsewhere",
}


def say(line: str) -> None:
    """`line` on stderr, if it can be written: a closed stderr (`2>&-`) would send it to
    stdout, into what a script reads there, and a full one (`2>/dev/full`) turned an exit 2
    into an unexpected error's 1."""
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  # no last flush at exit to fail


def open_streams() -> None:
    """Before a command runs: a closed stdin (`<&-`) reads as /dev/null, not a terminal, so
    nothing is asked (and no file opened later takes its descriptor, 0, for an editor or a
    process started to read); a closed stderr becomes /dev/null (print would fall back to
    stdout), and a closed stdout (`>&-`) is said at once, exit 74, before anything is done;
    a file opened later would take its descriptor, 1. Characters the output's encoding lacks
    are escaped."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115  # for the process's whole life
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115  # for the process's whole life
    if sys.stdout is None:
        say(
            "emprep: error: stdout is closed (>&-), so nothing was done; send the output "
            "elsewhere: > /dev/null to drop it"
        )
        sys.exit(ExitStatus.OUTPUT_FAILED)
    for stream in (sys.stdout, sys.stderr):
        _escape_unencodable(stream)


def _escape_unencodable(stream: object) -> None:
    """A character the terminal's encoding lacks (a Hebrew title under a Latin-1 locale, or
    PYTHONIOENCODING=ascii) is written as its escape (\\u202e), not a failure after half
    the output."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:  # a test's capture may not be a text wrapper
        reconfigure(errors="backslashreplace")


def flush() -> None:
    """Write out what is buffered now, while a failure can still be reported."""
    sys.stdout.flush()


def _silence(stream: TextIO) -> None:
    """Point `stream`'s file descriptor at /dev/null: the interpreter's last flush of what is
    still buffered then goes nowhere, rather than failing again as the process ends."""
    try:
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
