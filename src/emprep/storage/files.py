"""Files as emprep reads and writes them: regular files only, read with a limit, written so that
a crash leaves the old one or the new one, never half of either.

A symlink is followed to its target, which is the file read, locked and replaced (in the
target's own folder, so the link stays a link). Folders, devices, FIFOs, sockets and the
kernel's /proc and /sys files are refused before anything opens them: a FIFO would block a
read forever, and /dev/zero never ends.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any, Literal

from emprep.core.errors import EmprepError, shown

MiB = 1024 * 1024
BOM = b"\xef\xbb\xbf"  # what some Windows editors put first
# what tomllib cannot read: its int() refuses an integer of more than 4300 digits
LONG_NUMBER = "an integer of more than 4300 digits"
NESTED = "arrays or tables nested too deeply"  # tomllib recurses once a level
KINDS = {
    stat.S_IFDIR: "is a folder",
    stat.S_IFCHR: "is a device",
    stat.S_IFBLK: "is a device",
    stat.S_IFIFO: "is a FIFO (a named pipe)",
    stat.S_IFSOCK: "is a socket",
}
KERNEL = ("proc", "sys")
# Where platformdirs puts a user's files on Linux (the XDG rule): the variable, else the
# folder under the home folder.
XDG = {"cache": ("XDG_CACHE_HOME", "~/.cache"), "data": ("XDG_DATA_HOME", "~/.local/share")}


class Unfit(Exception):
    """`path` cannot be used as a file of emprep's; `reason` says why, in a few words;
    `failed`: the file is there and fit, but the system failed to read it (`READ_FAILED`)."""

    def __init__(self, path: Path, reason: str, *, failed: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.failed = failed


# The errors of a read the disk or a network share failed, not the file: no other path or
# permission helps, trying again may, and the disk (or the share's connection) is the fix.
FAILED = frozenset(
    {errno.EIO, errno.ESTALE, errno.ETIMEDOUT, errno.ENOTCONN, errno.EREMOTEIO, errno.ENOMEM}
)
READ_FAILED = (
    "the system failed to read it from its disk; try again, and if it fails again, check that "
    "disk (or the network share it is on: its connection)"
)


def unfit(path: Path, e: OSError) -> Unfit:
    """`path` that could not be opened or read (`e`), said in a few words."""
    return Unfit(path, oserror(e), failed=e.errno in FAILED)


# How each global path of this run was given, set by the command line's root: the option's
# name to the environment variable's (`{"--progress": "EMPREP_PROGRESS"}`) where it came from
# there; an option typed is absent, as is one not given (the default).
FROM_ENVIRONMENT: dict[str, str] = {}


def as_given(option: str, text: str) -> str:
    """A path's option and value as the person gave them: `--progress p.toml` typed,
    `EMPREP_PROGRESS=p.toml` from the environment, where no `--progress` was typed (set long
    ago in a shell's profile, it is the one a person forgets)."""
    variable = FROM_ENVIRONMENT.get(option)
    return f"{variable}={text}" if variable else f"{option} {text}"


def another_progress_path() -> str:
    """How to give the progress file another path, by the way this one was given: an
    environment variable is named with its value, as no --progress was typed."""
    if "--progress" in FROM_ENVIRONMENT:
        was = shell_word(os.environ.get("EMPREP_PROGRESS", ""))
        return (
            f"set EMPREP_PROGRESS to it (your environment has EMPREP_PROGRESS={was}), or unset "
            "it for the default"
        )
    return "--progress PATH (or EMPREP_PROGRESS)"


def another_pack_folder(typed: str) -> str:
    """How to give another pack folder, by the way this one was given
    (`another_progress_path`); `typed`, the fix said where no variable gave it."""
    if "--data" in FROM_ENVIRONMENT:
        was = shell_word(os.environ.get("EMPREP_DATA", ""))
        return (
            f"set EMPREP_DATA to a pack folder's path (your environment has EMPREP_DATA={was}), "
            "or unset it for the built-in pack"
        )
    return typed


def user_path(text: str, option: str) -> Path:
    """The path a person typed, `~` and `~user` expanded as a shell does; a `~user` with no
    such user is said as bad input, not an unexpected error (the shell leaves it as typed);
    so is a NUL, which no file's name holds (a caller in Python can pass one, a shell not)."""
    if "\0" in text:
        raise EmprepError(
            f"{as_given(option, shown(text))}: holds a NUL character (\\x00), which no file's "
            "name can; "
            "give the path without it"
        )
    try:
        return Path(text).expanduser()
    except RuntimeError:
        user = text[1:].split("/", 1)[0]
        raise EmprepError(
            f"{as_given(option, shown(text))}: there is no user '{shown(user)}' for "
            f"~{shown(user)}; "
            "write the folder out in full"
        ) from None


def user_folder(kind: Literal["cache", "data"]) -> Path:
    """emprep's folder of the user's `kind` of files, where platformdirs puts it
    (`user_cache_path`, `user_data_path`). On Linux its rule is followed here without importing
    it, which took 3 ms of every command; anywhere else, on Android, or with HOME unset or not
    absolute, platformdirs says. A test holds the two equal."""
    variable, default = XDG[kind]
    home = os.environ.get("HOME", "")
    android = os.environ.get("ANDROID_DATA") == "/data" or hasattr(sys, "getandroidapilevel")
    if sys.platform == "linux" and not android and os.path.isabs(home):
        base = os.environ.get(variable, "")
        return Path(base if os.path.isabs(base) else os.path.expanduser(default), "emprep")
    import platformdirs

    found = platformdirs.user_cache_path if kind == "cache" else platformdirs.user_data_path
    return found("emprep")


def drafts_dir(progress_path: Path) -> Path:
    """Drafts live beside the progress file: personal, and found again by the same person."""
    return progress_path.parent / "drafts"


def real(path: Path) -> Path:
    """`path` with every symlink followed: the file that is read, locked and replaced."""
    return Path(os.path.realpath(path))


def _kind(st: os.stat_result, path: Path) -> str | None:
    """Why a file with `st` at (resolved) `path` is not one emprep uses, or None if it is."""
    if not stat.S_ISREG(st.st_mode):
        return KINDS.get(stat.S_IFMT(st.st_mode), "is not a regular file")
    if len(path.parts) > 1 and path.is_absolute() and path.parts[1] in KERNEL:
        return f"is a kernel file under /{path.parts[1]}, not a file of yours"
    return None


def missing_behind_link(path: Path) -> Path | None:
    """The folder of `path`'s target when it is not there and a symlink on the way leads
    nowhere (a synced folder or a disk not mounted yet); None otherwise: folders missing
    under a link that leads somewhere (a home reached by a link, on a first run) are made."""
    folder = real(path).parent
    if folder.is_dir():
        return None
    whole = Path(os.path.abspath(path))
    for part in (*reversed(whole.parents), whole):
        if part.is_symlink() and not part.exists():
            return folder
    return None


def check(path: Path) -> os.stat_result | None:
    """The status of the regular file at `path` (symlinks followed), None if there is none;
    Unfit for anything else. Opens nothing, so a FIFO or a device is never touched."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise unfit(path, e) from None
    reason = _kind(st, real(path))
    if reason:
        raise Unfit(path, reason)
    return st


def lock_failure(fd: int) -> OSError | None:
    """Why the file system under `fd` cannot lock files (NFS without its lock service, some
    network and virtual-machine mounts), None where it can: filelock there fell back to a lock
    made by a file's existence, which a lock file left behind holds for good. The lock is
    tried, not held (closing the file lets it go); one another process holds shows it locks."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        return None if e.errno in (errno.EAGAIN, errno.EACCES) else e
    return None


def oserror(e: OSError) -> str:
    """What an OSError on opening a path means, in a few words."""
    if e.errno == errno.ELOOP:
        return "is a symlink loop"
    if e.errno == errno.ENOTDIR:
        return "a folder in its path is a file"
    if e.errno == errno.EACCES:
        return "cannot be read (permission denied)"
    return f"cannot be read ({reason(e)})"


def reason(e: OSError) -> str:
    """The system's words for `e`. A disk out of inodes (the number of files it can hold) says
    "No space left on device" as a full one does, while `df -h` shows space free: where the
    file was to be made has none left, that is said."""
    said = str(e.strerror or e)
    if e.errno == errno.ENOSPC and e.filename is not None and _no_inodes(Path(e.filename)):
        return f"{said}: out of inodes (files), though df -h may show space; df -i shows them"
    return said


def _no_inodes(path: Path) -> bool:
    """Whether the disk `path` is on (or would be made on) has no inode free: a disk that
    counts none (btrfs says 0 of 0) is not taken for one out of them, nor one that cannot be
    asked (Windows has no statvfs)."""
    if not hasattr(os, "statvfs"):
        return False
    for where in (path, *path.parents):
        try:
            st = os.statvfs(where)
        except OSError:
            continue
        return st.f_files > 0 and st.f_favail == 0
    return False


def quoted(path: Path) -> str:
    """`path` as a shell takes it pasted: in single quotes, a ' in it closed, escaped and
    reopened ('\\''), so a folder named `it's` or `$HOME` names itself; a relative path that
    starts with `-` as `./-...`, which `cp` and `chmod` do not take for an option. A path
    holding a control character (a newline, a tab, an escape) or bytes that are not UTF-8 is
    in bash's and zsh's ANSI-C quotes (`$'/tmp/a\\nb'`): the message is one line, and the
    character shown as its escape inside plain quotes named a path that does not exist."""
    text = f"./{path}" if str(path).startswith("-") else str(path)
    if text.isprintable():
        return "'" + text.replace("'", "'\\''") + "'"
    return _ansi_c_quoted(text)


def shell_word(text: str) -> str:
    """`text` as one word of a command said to paste: bare when the shell takes it as it is,
    else quoted (`shlex.quote`); one holding a control character or bytes that are not UTF-8
    in ANSI-C quotes, as `quoted` gives a path."""
    if text.isprintable():
        import shlex

        return shlex.quote(text)
    return _ansi_c_quoted(text)


def _ansi_c_quoted(text: str) -> str:
    return "$'" + "".join(_ansi_c(c) for c in text) + "'"


_ANSI_C = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\E"}


def _ansi_c(c: str) -> str:
    """One character inside $'...': a byte that is not UTF-8 (kept by surrogateescape) as
    that byte, a control character as its escape, the rest as it is."""
    if c in _ANSI_C:
        return _ANSI_C[c]
    if "\udc80" <= c <= "\udcff":
        return f"\\x{ord(c) - 0xDC00:02x}"
    if c.isprintable():
        return c
    return "".join(f"\\x{b:02x}" for b in c.encode("utf-8"))


def readable_fix(path: Path) -> str:
    """What makes a file this user cannot read (permission denied) readable: chmod for their
    own, chown for another user's, the folders on its path when it cannot even be looked at."""
    try:
        owner = path.stat().st_uid
    except OSError:
        folder = _shut(path)
        if folder is None:
            return "let yourself into the folders on its path (chmod u+rx), then try again"
        theirs = other_owner(folder)
        if theirs:
            return (
                f"the folder {folder} belongs to {theirs}: make it yours first (sudo chown -R "
                f'"$(id -un)" {quoted(folder)}), then try again'
            )
        return (
            f"the folder {folder} is closed to you: open it first (chmod u+rx "
            f"{quoted(folder)}), then try again"
        )
    if owner != os.geteuid():
        return (
            f'it belongs to {_user(owner)}: make it yours first (sudo chown "$(id -un)" '
            f"{quoted(path)}), then try again"
        )
    return f"make it readable first (chmod u+r {quoted(path)}), then try again"


def denied(target: Path, elsewhere: str) -> str | None:
    """Why this user cannot read and write the file at `target`, with a fix that works (chmod
    fails on a file of another user's or on a read-only disk; `elsewhere` says where to go
    then); None if they can."""
    if os.access(target, os.R_OK | os.W_OK):
        return None
    if read_only_disk(target.parent):
        return f"is on a read-only file system, so nothing is written to it; {elsewhere}"
    try:
        owner = target.stat().st_uid
    except OSError:
        return closed_folder(target)
    readable = os.access(target, os.R_OK)
    if owner != os.geteuid():
        verb = "write" if readable else "read or write"
        return (
            f"belongs to {_user(owner)}, so you cannot {verb} it; make it yours first "
            f'(sudo chown "$(id -un)" {quoted(target)}), then try again'
        )
    if not readable:
        return (
            f"cannot be read (permission denied); make it readable and writable first "
            f"(chmod u+rw {quoted(target)}), then try again"
        )
    return (
        f"is read-only, so nothing is written to it; make it writable first "
        f"(chmod u+w {quoted(target)}), then try again"
    )


def make_folder(folder: Path) -> None:
    """`folder` and the folders missing above it, each made 0700 as the XDG Base Directory
    spec asks of a missing base folder: `mkdir -p` makes the ones above with the umask's mode,
    0777 under `umask 000`, so a `~/.local` or `$XDG_CACHE_HOME` anyone could write. A folder
    that is there is left as it is. Run as root in another user's home (sudo keeping HOME),
    each one made is given to the owner of the folder it is made in: a `~/.local` or
    `~/.cache` of root's would lock that user out of them."""
    missing: list[Path] = []
    for p in (folder, *folder.parents):
        try:
            if p.exists():
                break
        except OSError:
            break
        missing.append(p)
    for p in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another emprep
            os.mkdir(p, 0o700)
    folder.mkdir(exist_ok=True)  # there already: a file in its place is said as an OSError
    owner = new_file_owner(missing[-1].parent) if missing else None
    if owner is None:
        return
    for p in missing:
        with contextlib.suppress(OSError):
            os.chown(p, owner.st_uid, owner.st_gid)


def new_file_owner(folder: Path) -> os.stat_result | None:
    """Run as root (sudo) in a folder of another user's: the status a new file there takes,
    that user's with mode 0600, so their own emprep can open it afterwards; else None."""
    if os.geteuid() != 0:
        return None
    try:
        st = os.stat(folder)
    except OSError:
        return None
    if st.st_uid == 0:
        return None
    return os.stat_result((stat.S_IFREG | 0o600, 0, 0, 1, st.st_uid, st.st_gid, 0, 0, 0, 0))


def closed_folder(target: Path) -> str | None:
    """The folder on `target`'s path this user cannot enter (one emprep made under sudo),
    said with its fix; None if there is none."""
    folder = _shut(target)
    if folder is None:
        return None
    theirs = other_owner(folder)
    if theirs:
        return (
            f"is in {folder}, which belongs to {theirs}, so you cannot open it; make "
            f'it yours first (sudo chown -R "$(id -un)" {quoted(folder)}), then try again'
        )
    return (
        f"is in {folder}, which you cannot enter; open it first (chmod u+rwx "
        f"{quoted(folder)}), then try again"
    )


def _shut(target: Path) -> Path | None:
    """The first folder on `target`'s path this user cannot enter, or None."""
    return next((f for f in reversed(target.parents) if not os.access(f, os.X_OK)), None)


def other_owner(path: Path) -> str | None:
    """Who owns `path` when it is not this user (`the user root`), else None."""
    try:
        uid = os.lstat(path).st_uid
    except OSError:
        return None
    return _user(uid) if uid != os.geteuid() else None


def kept_by_sticky(path: Path) -> str | None:
    """Who owns `path` when its folder lets only them move or replace it: a sticky folder (mode
    1777, as /tmp is) that is not this user's, and a file that is not theirs either; else None.
    There `mv` of the file is refused as its replacing is: only its owner or sudo can."""
    try:
        st, folder = os.lstat(path), os.stat(path.parent)
    except OSError:
        return None
    if not folder.st_mode & stat.S_ISVTX or os.geteuid() in (st.st_uid, folder.st_uid):
        return None
    return None if _owns_all() else _user(st.st_uid)


def _owns_all() -> bool:
    """Whether this process may move and replace any user's file in a sticky folder: root
    with the capability that allows it (CAP_FOWNER, bit 3 of /proc/self/status's CapEff),
    as under sudo; root where that cannot be read is taken to have it."""
    if os.geteuid() != 0:
        return False
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            caps = next(line for line in f if line.startswith("CapEff:"))
        return bool(int(caps.split()[1], 16) >> 3 & 1)
    except (OSError, StopIteration, ValueError, IndexError):
        return True


def read_only_disk(folder: Path) -> bool:
    """Whether `folder` is on a file system mounted read-only; where that cannot be asked
    (Windows has no statvfs), a write says so."""
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _user(uid: int) -> str:
    """The name of the user with `uid`, or the number if no account has it."""
    import pwd

    try:
        return f"the user {pwd.getpwuid(uid).pw_name}"
    except KeyError:
        return f"user id {uid}, which no account on this computer has"


def read(path: Path, limit: int) -> tuple[bytes, os.stat_result] | None:
    """The bytes of the regular file at `path` and its status, None if there is no file;
    Unfit if it is not a regular file or holds more than `limit` bytes."""
    if check(path) is None:
        return None
    try:  # O_NONBLOCK: a FIFO swapped in since the check does not block the open
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise unfit(path, e) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        reason = _kind(st, real(path))
        if reason:
            raise Unfit(path, reason)
        too_big = Unfit(path, f"is larger than {limit // MiB} MB, more than emprep reads")
        if st.st_size > limit:
            raise too_big
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise unfit(path, e) from None
    if len(data) > limit:
        raise too_big
    return data, st


def write_atomic(
    path: Path, data: bytes, *, durable: bool = True, like: os.stat_result | None = None
) -> None:
    """Temporary file beside `path`, then replace. `durable` fsyncs first, for what a person
    typed; a cache that can be rebuilt skips it. `like` is the status of the file replaced,
    whose mode and owner the new one keeps (the owner only when running as root: under sudo,
    a user's file stays theirs)."""
    tmp = temporary(path, data, durable=durable, like=like)
    try:
        os.replace(tmp, path)
    except BaseException:
        _drop(tmp)
        raise


def temporary(
    path: Path, data: bytes, *, durable: bool = True, like: os.stat_result | None = None
) -> Path:
    """`data` in a new temporary file beside `path` (mode 0600, or `like`'s mode and owner),
    written and, if `durable`, fsynced: ready to replace `path` with."""
    import tempfile

    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            if like is not None:
                keep_owner(f.fileno(), like)
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
    except BaseException:
        _drop(tmp)
        raise
    return tmp


def _drop(tmp: Path) -> None:
    """Remove the temporary of a write that failed; one the disk will not let go of either
    (an I/O error) stays for a later write to remove, and the first failure is the one said."""
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def keep_owner(fd: int, like: os.stat_result, *, add: int = 0) -> None:
    """Give the open file `fd` the mode of `like` (with the bits `add`) and, as root, its owner
    and group."""
    if os.geteuid() == 0:
        os.fchown(fd, like.st_uid, like.st_gid)
    os.fchmod(fd, stat.S_IMODE(like.st_mode) | add)


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove the temporary files that killed writes of `path` (and of its `.bak`) left. Only
    under `path`'s lock: then no other writer of it is at work."""
    pattern = re.compile(rf"\.{re.escape(path.name)}(\.bak)?\.[a-z0-9_]{{8}}\.tmp")
    gone: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return gone
    for name in names:
        if pattern.fullmatch(name):
            stale = path.parent / name
            try:
                stale.unlink()
            except OSError:
                continue
            gone.append(stale)
    return gone


# A temporary file a write killed midway left beside a file no lock guards (an export's): no
# write still at work is this old (a write takes milliseconds), so it is removed.
TEMP_AGE = 10 * 60


def remove_old_temps(path: Path) -> None:
    """Remove the temporary files that killed writes of `path` left (`.NAME.k3j_x9a2.tmp`)
    once TEMP_AGE old: without a lock, a younger one may be another write's at work. Only
    this user's regular files of that name; anything else in the folder stays."""
    import time

    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    now = time.time()
    for name in names:
        if not pattern.fullmatch(name):
            continue
        with contextlib.suppress(OSError):
            st = os.lstat(path.parent / name)
            ours = stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid()
            if ours and now - st.st_mtime > TEMP_AGE:
                os.unlink(path.parent / name)


def fsync_dir(folder: Path) -> None:
    """Make the replaces in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Unreadable(Exception):
    """Why a file's bytes cannot be read, in a few words; `utf8`: they are not UTF-8 text
    (saving the file as UTF-8 is the fix); `odd`: TOML that no editor writes (nested too
    deeply, a number too long for Python)."""

    def __init__(self, reason: str, *, utf8: bool = False, odd: bool = False) -> None:
        super().__init__(reason)
        self.utf8, self.odd = utf8, odd


def decoded(raw: bytes) -> str:
    """`raw` as text, a byte-order mark dropped; Unreadable where it is not UTF-8."""
    text = raw.removeprefix(BOM)
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Unreadable(f"is not UTF-8 text ({not_utf8(text, e)})", utf8=True) from None


def toml_document(raw: bytes) -> dict[str, Any]:
    """The TOML document in `raw` (`decoded`); Unreadable saying why it is not one. Every
    TOML file emprep reads is named alike when it cannot be read."""
    import tomllib

    text = decoded(raw)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise Unreadable(f"invalid TOML: {e}") from None
    except RecursionError:
        raise Unreadable(f"invalid TOML: {NESTED}", odd=True) from None
    except ValueError:  # tomllib's int() refuses an integer of more than 4300 digits
        raise Unreadable(f"invalid TOML: {LONG_NUMBER}", odd=True) from None


def not_utf8(raw: bytes, e: UnicodeDecodeError) -> str:
    """Where the first byte that is not UTF-8 is, for a person to find it."""
    line = raw.count(b"\n", 0, e.start) + 1
    return f"byte 0x{raw[e.start]:02x} on line {line}"
