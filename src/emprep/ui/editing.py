"""The editor open on a draft: emprep waits for it, and what a signal meanwhile does."""

from __future__ import annotations

import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from emprep.core.errors import EmprepError

if TYPE_CHECKING:
    import subprocess


def edited(draft: Path, kept: str, again: str) -> str:
    """What the editor leaves in `draft`. A signal that ends the editor (Ctrl-C that it does
    not take for its own), or SIGTERM or SIGHUP sent to emprep while it is open, ends emprep
    once the editor has ended, exit 128 + the signal, saying `kept` (where the draft is, how to
    go on) when the editor wrote to the draft. An editor that ended on it without writing (vim
    keeps the text in a swap file, nano in `DRAFT.save`) is said to have, with where the text
    may be and the command to go on with (`again`) once it is back in the draft: without a
    word it would be lost to the person, or thought saved."""
    from emprep.storage import editor

    before = _bytes(draft)
    opened, signum = _waited(draft)
    gone = before is not None and _bytes(draft) is None
    if gone:
        _put_back(draft, before or b"")
    if signum:
        said = (
            f"the editor {GONE}; {kept}"
            if gone
            else kept
            if _bytes(draft) != before
            else unwritten(draft, again)
        )
        with suppress(OSError):  # after SIGHUP the terminal may be gone
            print(f"\nemprep: interrupted; {said}", file=sys.stderr)
        raise SystemExit(128 + signum)
    if gone:
        raise EmprepError(f"the editor '{editor.command()[0]}' {GONE}")
    return editor.closed(opened, draft)


GONE = (
    "removed the draft; it is put back as it was before the editor opened (what was typed "
    "in the editor is not in it)"
)


class DraftLost(EmprepError):
    """The editor removed the draft, and it could not be put back: nothing says it is kept."""


def _put_back(draft: Path, held: bytes) -> None:
    """The draft the editor removed (one that deletes the file it is given, or moves it away),
    written again with what it held before the editor opened: what the person typed before
    (the prompts' answers, a note saved, `--from`'s text) is still there to go on from. If it
    cannot be, nothing may say the draft is kept."""
    from emprep.storage import editor, files

    try:
        files.write_atomic(draft, held)
    except OSError as e:
        raise DraftLost(
            f"the editor '{editor.command()[0]}' removed the draft {draft}, and it cannot be "
            f"written again ({files.reason(e)}); nothing was saved"
        ) from None


def unwritten(draft: Path, again: str) -> str:
    """The draft as the editor found it after a signal: where what was typed may be instead,
    vim's swap file (`.DRAFT.swp`) or nano's `DRAFT.save`, beside it."""
    from emprep.storage.files import shell_word

    head = f"the editor ended without writing to {draft}"
    word = shell_word(str(draft))
    swap = draft.with_name(f".{draft.name}.swp")
    if swap.exists():
        return (
            f"{head}: what you typed may be in its swap file {swap}; recover it with: "
            f"vim -r {word} (then :wq), and go on with: {again}"
        )
    save = draft.with_name(f"{draft.name}.save")
    if save.exists():
        return (
            f"{head}: what you typed may be in {save}; put it in the draft with: "
            f"mv {shell_word(str(save))} {word}, and go on with: {again}"
        )
    return f"{head}: the editor did not save what was typed in it"


def _bytes(draft: Path) -> bytes | None:
    try:
        return draft.read_bytes()
    except OSError:
        return None


class _Open:
    """The editor while it is open, and the signals sent to emprep meanwhile."""

    def __init__(self) -> None:
        self.editor: subprocess.Popen[bytes] | None = None
        self.heard: list[int] = []

    def pass_on(self, signum: int, _frame: object) -> None:
        self.heard.append(signum)
        if self.editor is not None:
            with suppress(ProcessLookupError):
                self.editor.send_signal(signum)


def _waited(draft: Path) -> tuple[subprocess.Popen[bytes], int]:
    """The editor on `draft`, waited for to its end. Ctrl-C at the terminal reaches the
    editor, whose key it is (vi leaves insert mode with it), so emprep lets it pass; SIGTERM
    or SIGHUP sent to emprep is passed on to the editor (one that came while it started, once
    it has) and the editor waited for, so nothing is left on the terminal and what the editor
    writes to the file on that signal is in the draft before emprep ends (vim and nano write
    theirs elsewhere: `edited` says where). With the signal that ends it
    all, or 0 when the editor ended of itself. The handlers are set before the editor starts
    (it starts with the signals' defaults): a signal in between would end emprep unsaid."""
    import signal

    from emprep.storage import editor

    state = _Open()
    taken = [
        s for s in (signal.SIGTERM, signal.SIGHUP) if signal.getsignal(s) is not signal.SIG_IGN
    ]
    saved = {s: signal.signal(s, state.pass_on) for s in taken}
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        saved[signal.SIGINT] = signal.signal(signal.SIGINT, lambda _s, _f: None)
    try:
        state.editor = opened = editor.start(draft)
        for s in state.heard:
            opened.send_signal(s)
        code = opened.wait()  # retried after each handler (PEP 475)
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)
    if state.heard:
        return opened, state.heard[0]
    return opened, signal.SIGINT if code in (-signal.SIGINT, 128 + signal.SIGINT) else 0
