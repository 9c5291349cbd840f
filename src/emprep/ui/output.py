"""The one way a command's result leaves: in the format asked for, data on stdout, notes on stderr.

A command hands `emit` one writer per format it offers; `emit` picks the one asked for
(sqlite-utils' `output_options` pattern), so no command carries `if json ... else table` branches.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any


class TableJson(StrEnum):
    """`--format` of the commands that print a table or a JSON document."""

    table = "table"
    json = "json"


# The global options this run was given on its command line (`--progress PATH`, `--data DIR`):
# a command said for a person to run again carries them (an environment variable carries over
# by itself), so what it saves goes to the same file. Set by the command line's root.
RUN_WITH: list[str] = []


def command(*words: str) -> str:
    """`emprep WORDS` as said for a person to run again, with this run's global options: the
    command that saves what this run could not must save it to the same progress file."""
    from emprep.storage.files import shell_word

    return " ".join(shell_word(w) for w in ["emprep", *RUN_WITH, *words])


def said_args(said: str, *verb: str) -> list[str] | None:
    """The words after `verb` in a command `command` said (a draft's way to save it again),
    whatever global options come before it; None for text that is not such a command."""
    import shlex

    try:
        words = shlex.split(said)
    except ValueError:
        return None
    n = len(verb)
    at = next((i for i in range(len(words) - n) if tuple(words[i : i + n]) == verb), -1)
    return None if at < 0 else words[at + n :]


def kept_if_hung_up(path: Path, cut: str, now: datetime, *, kind: str, about: str) -> None:
    """After a hang-up the line that gives a line not entered back (`cut`, the command that
    saves it) has no screen to reach: the words typed go to a draft beside the progress file
    `path` instead (drafts/KIND-DATE-TIME.txt, `about` and the command in it), as a story's
    do."""
    from emprep.core.errors import EmprepError
    from emprep.storage import editor
    from emprep.ui import pipes

    if pipes.terminal_gone():
        text = f"# {about}\n# Finish it, then run:\n{cut}\n"
        with suppress(EmprepError):  # no screen to say it on: what was saved stays saved
            editor.keep(editor.drafts_dir(path), text, now, kind=kind)


@contextmanager
def kept_while_saved(
    path: Path, again: str, now: datetime, *, kind: str, about: str
) -> Iterator[Path | None]:
    """What was typed at a command's prompts, as the command `again` that saves it, in a draft
    beside the progress file `path` (drafts/KIND-DATE-TIME.txt, `about` first, mode 0600)
    while it is saved: emprep killed as it saves (a SIGKILL, a crash) leaves the draft, which
    the next run names (`say_kept`). The draft yielded (None where it cannot be written, a
    full disk: the save goes on) is removed once the body ends without an error, with the
    drafts folder if this draft made it."""
    from emprep.core.errors import EmprepError
    from emprep.storage import editor

    folder = editor.drafts_dir(path)
    made = not folder.exists()
    draft = None
    with suppress(EmprepError):
        text = f"# {about}\n# If it is not saved, save it with:\n{again}\n"
        draft = editor.keep(folder, text, now, kind=kind)
    yield draft
    if draft is not None:
        drop_draft(draft)
        if made:
            with suppress(OSError):  # another draft in it meanwhile: it stays
                folder.rmdir()


def say_kept(path: Path, kind: str, what: str, saved: Callable[[str], bool]) -> None:
    """The drafts of `kind` beside the progress file `path` that a run left (killed as it
    saved what they hold, or its terminal closed as a line was typed): one whose commands
    the file holds already (`saved`) is removed without a word, any other named with the
    commands that save it (`what` says what it holds), until it is removed."""
    from emprep.storage import editor
    from emprep.storage.files import shell_word

    try:
        drafts = sorted(editor.drafts_dir(path).glob(f"{kind}-*.txt"))
    except OSError:
        return
    for draft in drafts:
        try:
            text = draft.read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            continue
        again = " && ".join(line for line in text.splitlines() if line and line[0] != "#")
        if again and saved(again):
            drop_draft(draft)
            continue
        note(
            f"{draft} holds {what}; read it, save it with: {again or 'the command it names'}, "
            f"then remove it (rm {shell_word(str(draft))})"
        )


def drop_draft(draft: Path) -> None:
    """The draft of a note or a story, done with: removed, or said to stay when it cannot be;
    not a failure, as what it holds is saved (or is nothing)."""
    from emprep.storage.journal import discard

    why = discard(draft)
    if why is not None:
        note(f"the draft {draft} is left as it is: {why}; all it holds is saved, delete it")


def is_tty() -> bool:
    return sys.stdout.isatty()


def interactive() -> bool:
    """Asking is possible: both ends are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def write(text: str) -> None:
    """Text on stdout, ending with one line break."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def note(text: str) -> None:
    """A remark beside the data, on stderr, so a pipe carries the data alone; shown as a
    screen shows text (it may quote a story or a pack)."""
    from emprep.ui.pipes import say
    from emprep.ui.text import visible

    say(f"emprep: note: {visible(text)}")  # a full stderr (2>/dev/full) keeps the exit code


def emit(
    fmt: str | None,
    *,
    table: Callable[[], None],
    json: Callable[[], Any] | None = None,
    text: dict[str, Callable[[], str]] | None = None,
    binary: dict[str, Callable[[], bytes]] | None = None,
    files: dict[str, Callable[[], bytes]] | None = None,
    output: str | None = None,
    piped: str = "table",
) -> None:
    """Print a result in `fmt`: `table` renders (boxes on a terminal, plain text when piped),
    `json` gives the document, `text` and `binary` the other formats' bytes. Without a format,
    a terminal gets the table and a pipe `piped`. With `output`, the bytes go to that file
    instead; `files` are formats that only go to a file (an Anki package is no text)."""
    if output == "-":  # standard output, as other tools take it
        output = None
    chosen = fmt or file_format(output) or ("table" if is_tty() else piped)
    if output is not None or (files and chosen in files):
        writers = {**(binary or {}), **(files or {})}
        writers |= {k: _encoded(f) for k, f in (text or {}).items()}
        if json is not None:
            writers["json"] = _encoded(lambda: _json(json))
        _save(chosen, output, writers, named=fmt is not None)
    elif chosen == "json" and json is not None:
        _write_all(_printable_json(json).encode(sys.stdout.encoding or "utf-8"))
    elif text and chosen in text:
        _export(text[chosen]())
    elif binary and chosen in binary:
        _write_all(binary[chosen]())
    else:
        table()


def _export(data: str) -> None:
    """A text export (CSV, Markdown, Anki's text) on stdout. On a terminal it is read there:
    in the terminal's encoding, what it cannot show escaped. To a file or a pipe it is a
    file: the UTF-8 bytes `--output` writes, whatever the locale, so `> bank.csv` is
    `--output bank.csv` (the stream's escapes, `\\xb7` for a middle dot, went into a
    spreadsheet as text). On a terminal, the characters that reorder a line are shown as
    escapes, as on every screen; a file keeps them."""
    if is_tty():
        from emprep.ui.text import BIDI

        sys.stdout.write(data.translate(BIDI))
        return
    _write_all(data.encode("utf-8"))


def _write_all(data: bytes) -> None:
    """An export's bytes on stdout, every one of them. A pipe holds 64 KB: a larger export
    waits for the reader, and a reader that leaves meanwhile (`| head -c 100`) makes the
    write come back short without an error; writing the rest then meets the closed pipe, and
    the command ends 141 as any other, not 0 as if all had been delivered."""
    sys.stdout.flush()
    out = sys.stdout.buffer
    left = memoryview(data)
    while left:
        left = left[out.write(left) :]
    out.flush()


# A format's file ending where it is not the format's name: Anki's File > Import opens a
# tab-separated file only by its ending (.txt, .tsv or .csv), never `.anki`.
ENDINGS = {"anki": "tsv"}


def file_format(output: str | None) -> str | None:
    """The format a file's name asks for (`-o plan.ics`, `-o plan.markdown` for md, `-o
    deck.tsv` for anki), when --format is not given."""
    from pathlib import PurePath

    if output is None:
        return None
    suffix = PurePath(output).suffix[1:].lower()
    named = {"markdown": "md"} | {ending: fmt for fmt, ending in ENDINGS.items()}
    return named.get(suffix, suffix) or None


def _json(doc: Callable[[], Any]) -> str:
    from emprep.ui.export.docs import to_json

    return to_json(doc()) + "\n"


def _printable_json(doc: Callable[[], Any]) -> str:
    """The document for stdout: where its encoding lacks a character of it (PYTHONIOENCODING=
    ascii, a Latin-1 locale), the stream's own escape for it (`\\xe9`) is not JSON, so the
    document is written in JSON's escapes (`\\u00e9`), which read back the same."""
    from emprep.ui.export.docs import to_json

    value = doc()
    text = to_json(value) + "\n"
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return to_json(value, ascii=True) + "\n"
    return text


def _encoded(make: Callable[[], str]) -> Callable[[], bytes]:
    return lambda: make().encode("utf-8")


def _save(
    chosen: str, output: str | None, writers: dict[str, Callable[[], bytes]], *, named: bool
) -> None:
    """The format's bytes into the file `output`, and a line on stderr saying so. `named`:
    `chosen` is --format's, so `--format table -o plan.json` is said as the clash it is, not
    as a file's name that ends in no format."""
    from emprep.core.errors import EmprepError, shown
    from emprep.storage import exports

    if output is None:
        raise EmprepError(
            f"--format {chosen} is a binary file, not for a terminal or a pipe: "
            f"give --output FILE (say --output emprep.{chosen})"
        )
    if chosen not in writers:
        formats = ", ".join(sorted(writers))
        if named:
            raise EmprepError(
                f"--format {chosen} is drawn on the screen, not written to a file: give "
                f"--format one of {formats}, or leave it out for the one the file's name "
                "ends with"
            )
        raise EmprepError(
            f"--output writes a file in one of these formats: {formats}; give it with "
            f"--format, or end the file's name with one (say --output "
            f"emprep.{ENDINGS.get(min(writers), min(writers))})"
        )
    data = writers[chosen]()
    path = exports.save(output, data)
    from emprep.ui.pipes import say

    say(f"Wrote {shown(str(path), limit=1000)} ({len(data):,} bytes).")


def printed_instead(
    list_only: bool,
    fmt: str,
    *,
    table: Callable[[], None],
    json: Callable[[], Any],
    instead: str,
) -> bool:
    """Print what an interactive command would ask, when --list is given or there is no
    terminal to ask on (then a note on stderr says what to do instead); True if it printed."""
    if not list_only and interactive():
        return False
    emit(fmt, table=table, json=json)
    if not list_only:
        note(f"not a terminal, so nothing is asked; {instead}")
    return True
