"""Story drafts and the person's editor: what is typed stays in a file until it is saved."""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from emprep.core.errors import EmprepError, TextFault, shown
from emprep.storage import files

LIMIT = files.MiB  # a story is a few hundred words

FALLBACKS = ("nano", "vi")


drafts_dir = files.drafts_dir


def keep(
    folder: Path, text: str, now: datetime, *, kind: str = "story", suffix: str = ".txt"
) -> Path:
    """Write `text` to a new draft file (mode 0600) and say where it is; its name starts with
    what it is a draft of (`story`, `note-ID`, `drill`), so a folder of drafts can be told
    apart. Run as root beside another user's files (sudo), the folder and the draft are
    theirs, so their own emprep can write and remove drafts there afterwards."""
    stem = f"{kind}-{now:%Y%m%d-%H%M%S}"
    path = folder / f"{stem}{suffix}"
    try:
        files.make_folder(folder)
        owner = _owner_under_sudo(folder)
        if owner is not None and os.stat(folder).st_uid == 0:
            os.chown(folder, owner.st_uid, owner.st_gid)
        n = 1
        while True:  # taken by open itself: another emprep may make the same name meanwhile
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                n += 1
                path = folder / f"{stem}-{n}{suffix}"
        try:
            if owner is not None:
                os.fchown(fd, owner.st_uid, owner.st_gid)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError:
            path.unlink(missing_ok=True)  # a draft cut short is no draft
            raise
    except OSError as e:  # a full disk said as one, not as a failure to write the output
        theirs = files.other_owner(folder) if e.errno == errno.EACCES else None
        if theirs:  # made by emprep run as another user
            raise EmprepError(
                f"drafts folder {folder}: belongs to {theirs}, so no draft can be written in "
                f'it; make it yours first (sudo chown -R "$(id -un)" {files.quoted(folder)}), '
                "then try again"
            ) from None
        raise EmprepError(
            f"drafts folder {folder}: a draft cannot be written ({files.reason(e)}); "
            f"{_drafts_fix(folder, e)}"
        ) from None
    return path


def _drafts_fix(folder: Path, e: OSError) -> str:
    """What lets a draft be written in `folder` again, by what stopped it (`e`): a file (or a
    symlink leading nowhere) under the folder's name is no matter of space or permissions."""
    if e.errno == errno.EROFS:
        return (
            "it is beside the progress file: give a path on a disk that can be written, "
            f"{files.another_progress_path()}"
        )
    if e.errno in (errno.EEXIST, errno.ENOTDIR) and not folder.is_dir():
        old = folder.with_name(folder.name + ".old")
        return (
            "a file that is no folder is in its place; move it away "
            f"(mv {files.quoted(folder)} {files.quoted(old)}), then try again"
        )
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space on its disk, then try again"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "fix the folder's permissions, then try again"
    return "free some space or fix the folder's permissions, then try again"


# Editors that hand the file to a window and return at once unless told to wait, with the
# words that make them wait (the first is the flag to suggest): VS Code and its kin, Sublime
# Text, Atom, Zed, TextMate, gvim and MacVim (`--remote-wait` and its kin hand the file to a
# running Vim and wait for it; `-v` is Vim in the terminal), Kate
_VIM = (
    "--nofork",
    "-f",
    "-v",
    "--remote-wait",
    "--remote-wait-silent",
    "--remote-tab-wait",
    "--remote-tab-wait-silent",
)
_CODE = ("code", "code-insiders", "code-oss", "codium", "vscodium", "cursor")
_WAITS = dict.fromkeys(_CODE, ("--wait", "-w")) | {
    "subl": ("--wait", "-w"),
    "atom": ("--wait", "-w"),
    "zed": ("--wait", "-w"),
    "mate": ("--wait", "-w"),
    "gvim": _VIM,
    "mvim": _VIM,
    "kate": ("--block", "-b"),
}
# Editors whose one-letter options are not written together: X's `-fn FONT` is gvim's font
_APART = frozenset({"gvim", "mvim"})
# The options of `env` that take the next word as their value
_ENV_VALUED = frozenset({"-u", "--unset", "-C", "--chdir"})


def command() -> list[str]:
    """$VISUAL, then $EDITOR, then the first of nano and vi that is installed. Its words are
    split, and a `~` that starts one is the home folder, as a shell has them (git runs the
    variable through sh): `VISUAL='~/bin/ed'` starts the editor there, not "~/bin/ed". A `~`
    in quotes, or after a backslash, stays a `~`, as sh leaves it (`VISUAL="'~/bin/ed'"`).
    An editor that returns at once without its flag to wait is refused (`_waits`)."""
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as e:  # a quote left open: the shell's words cannot be told
                raise EmprepError(
                    f"{var} {shown(value)}: {str(e).lower()}; set it to a command a shell "
                    f"would run, e.g. export {var}=nano"
                ) from None
            _waits(var, value, words)
            return [
                os.path.expanduser(w) if home else w
                for w, home in zip(words, _tilde_first(value), strict=True)
            ]
    for name in FALLBACKS:
        found = shutil.which(name)
        if found:
            return [found]
    raise EmprepError("no editor found: set EDITOR (export EDITOR=nano), or leave out --editor")


def _waits(var: str, value: str, words: list[str]) -> None:
    """`EDITOR=code` opened the file in a window and returned: emprep read it unchanged ("No
    story added: nothing was written in the template"), removed the draft, and what was then
    written in the window went to a file nothing reads. Such an editor needs its flag."""
    at = _editor_at(words)
    name = _named(words[at]) if at < len(words) else ""
    flags = _WAITS.get(name)
    if flags and not _told_to_wait(words[at + 1 :], flags, together=name not in _APART):
        raise EmprepError(
            f"{var} {shown(value)}: the editor returns at once, leaving the file to a window "
            "of its own, so emprep would read the file before you wrote in it; give it the "
            f"flag that makes it wait: export {var}={shlex.quote(f'{value} {flags[0]}')}"
        )


def _editor_at(words: list[str]) -> int:
    """Where the editor's own word is: after `env`, its options and its NAME=VALUE settings,
    which start the editor as it is (`EDITOR="env code"`, `/usr/bin/env -u DISPLAY code`)."""
    if not words or os.path.basename(words[0]) != "env":
        return 0
    i = 1
    while i < len(words) and (words[i].startswith("-") or "=" in words[i]):
        if words[i] == "--":
            return i + 1
        i += 2 if words[i] in _ENV_VALUED else 1
    return i


def _named(word: str) -> str:
    """The editor a word starts, as `_WAITS` names it: Windows' own launchers, run from WSL or
    Git Bash, carry `.exe` or `.cmd` (`code.exe`, `Code.exe`), and a name is any case there."""
    name = os.path.basename(word)
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in ("exe", "cmd", "bat"):
        return stem.lower()
    return name


def _told_to_wait(words: list[str], flags: tuple[str, ...], *, together: bool) -> bool:
    """Whether `words` give one of `flags`, or (`together`) a one-letter flag among others
    written as one word, as VS Code, Zed and Kate take them: `code -nw` waits."""
    letters = {f[1] for f in flags if len(f) == 2} if together else set()
    return any(
        w in flags or (w[:1] == "-" and w[1:].isalpha() and not letters.isdisjoint(w[1:]))
        for w in words
    )


BLANKS = " \t\r\n"  # what separates words, for shlex as for sh


def _tilde_first(value: str) -> list[bool]:
    """For each word of `value` as a shell splits it (`shlex.split`, which gives the words but
    not how they were quoted), whether it starts with a `~` that sh expands: no quote and no
    backslash from the `~` to the word's first `/` (POSIX's tilde prefix)."""
    found: list[bool] = []
    word: str | None = None  # the word being read, as typed: quotes and backslashes kept
    quote = ""
    escaped = False
    for ch in value + " ":
        if word is None:
            if ch in BLANKS:
                continue
            word = ""
        if escaped:
            escaped = False
        elif quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"':
                escaped = True
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            escaped = True
        elif ch in BLANKS:
            prefix = word.split("/", 1)[0]
            found.append(word.startswith("~") and not any(c in prefix for c in "'\"\\"))
            word = None
            continue
        word += ch
    return found


def start(path: Path) -> subprocess.Popen[bytes]:
    """The editor, opened on `path`; the caller waits for it (`ui.editing.edited`)."""
    argv = command()
    try:
        return subprocess.Popen([*argv, str(path)])
    except OSError as e:
        raise EmprepError(
            f"the editor '{argv[0]}' could not be started ({e.strerror or e}); "
            "set VISUAL or EDITOR to one that is installed"
        ) from None


def closed(editor: subprocess.Popen[bytes], path: Path) -> str:
    """What `path` holds once the editor has ended well. A failed editor raises; the file
    stays where it is either way."""
    if editor.returncode != 0:
        raise EmprepError(f"the editor '{command()[0]}' exited with status {editor.returncode}")
    return read(path, "the draft")


def read(path: Path, what: str, fix: str = "", *, too_long: str = "") -> str:
    """The text of a draft or template: a regular file of at most LIMIT bytes, UTF-8 (a byte
    order mark some Windows editors put first is skipped), without control characters. `fix`
    ends the message when it is not one; `too_long`, when it is one but longer than that."""
    try:
        got = files.read(path, LIMIT)
    except files.Unfit as e:
        if e.reason.endswith("(permission denied)"):
            fix = f"; {files.readable_fix(path)}"
        elif e.failed:
            fix = f"; {files.READ_FAILED}"
        elif e.reason.startswith("is larger than") and too_long:
            fix = too_long
        raise EmprepError(f"{what} {path}: {e.reason}{fix}") from None
    if got is None:
        raise EmprepError(f"{what} {path}: cannot be read (not found){fix}")
    return _decoded(got[0], f"{what} {path}")


def read_given(option: str, what: str) -> str:
    """The text `what` (`--from`) names: the file, or standard input for `-` (as `-o -` is
    standard output), read whatever its length: no argument limit applies."""
    # a text file, a regular one, but longer than a note or a story ever is
    too_long = "; shorten it: a note or a story is an outline, well under that"
    if option != "-":  # /dev/stdin is a pipe, refused as one: `-` is what reads it
        fix = "; give a text file's path, or - for standard input"
        return read(files.user_path(option, what), what, fix, too_long=too_long)
    import sys

    if getattr(sys.stdin, "name", None) == os.devnull:  # closed (`<&-`): see pipes.open_streams
        raise EmprepError(
            f"{what} -: standard input is closed (<&-), so there is nothing to read; give the "
            f"text on it (< FILE, or a pipe), or the file itself: {what} FILE"
        )
    raw = sys.stdin.buffer.read(LIMIT + 1)
    if len(raw) > LIMIT:
        raise EmprepError(
            f"{what} -: standard input holds more than {LIMIT // files.MiB} MB, "
            f"more than emprep reads{too_long}"
        )
    return _decoded(raw, f"{what} -")


def _decoded(data: bytes, source: str) -> str:
    """`data` as text, a byte-order mark dropped; not UTF-8 is one line naming `source`
    and where its first byte that is not is. UTF-16 with its byte-order mark, which Windows
    PowerShell's `>` and Notepad's "Unicode" write, is the text it says: it was refused as
    "not UTF-8 text (byte 0xff on line 1)", a story written by hand turned away."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise TextFault(
                f"{source}: is not UTF-16 text, though it starts as that does; save it as UTF-8"
            ) from None
    try:
        return files.decoded(data)
    except files.Unreadable as e:
        raise TextFault(f"{source}: {e}; save it as UTF-8") from None


def _owner_under_sudo(folder: Path) -> os.stat_result | None:
    """Run as root in a folder of another user's (`folder`'s parent, beside their progress
    file): that folder's status, whose owner the drafts go to; else None."""
    if os.geteuid() != 0:
        return None
    try:
        st = os.stat(folder.parent)
    except OSError:
        return None
    return st if st.st_uid != 0 else None


def rewrite(path: Path, text: str, again: str) -> None:
    """Put `text` in the draft at `path` in place of what it held, atomically, still 0600. If
    it cannot be (a disk filled while the person typed), the draft keeps what it held: the
    message says so and how to go on from it (`again`, the command)."""
    try:
        files.write_atomic(path, text.encode("utf-8"), like=os.stat(path))
    except OSError as e:
        fix = (
            f"make its folder writable (chmod u+w {files.quoted(path.parent)})"
            if e.errno in (errno.EACCES, errno.EPERM)
            else "its disk was made read-only: make it writable again"
            if e.errno == errno.EROFS
            else "free some space"
        )
        raise EmprepError(
            f"the draft {path} cannot be written ({files.reason(e)}): it holds every answer "
            f"but the last, which is on the screen above; {fix}, then go on with: {again}"
        ) from None
