"""The question bank: `emprep questions` (filtered, exported) and `emprep note`.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from emprep.cli.complete import question_ids
from emprep.cli.context import fit_of, now, pack_of, path_of, progress_of, say
from emprep.cli.options import Output, QuestionArg, Round, formats, given_file
from emprep.core.errors import EmprepError, shown
from emprep.ui.output import command, emit, file_format, interactive, note

if TYPE_CHECKING:
    from pathlib import Path

    from emprep.core.models import Progress, Question, Story
    from emprep.core.practice import QuestionState


class QuestionFormat(StrEnum):
    """`--format` of `emprep questions`."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    anki = "anki"
    apkg = "apkg"


Tag = Annotated[
    str | None, typer.Option("--tag", metavar="TAG", help="Only questions with this tag.")
]
Search = Annotated[
    str | None,
    typer.Option(
        "--search", metavar="TEXT", help="Text to find in questions, their tags and points."
    ),
]
OneTrack = Annotated[
    str | None,
    typer.Option(
        "--track",
        metavar="remote|hub|all",
        help="Leave out the other track's questions (default: your track, if set; all: both).",
    ),
]
Difficulty = Annotated[
    str | None,
    typer.Option("--difficulty", metavar="core|m4|stretch", help="Only questions of this level."),
]
Bom = Annotated[
    bool, typer.Option("--bom", help="CSV for Excel: start with a UTF-8 byte-order mark.")
]


QuestionId = Annotated[
    str | None,
    typer.Argument(
        metavar="[ID]",
        help="One question in full, with your note and practice (an id or prefix).",
        autocompletion=question_ids,
    ),
]


def questions(
    ctx: typer.Context,
    question_id: QuestionId = None,
    round_id: Round = None,
    tag: Tag = None,
    search: Search = None,
    track: OneTrack = None,
    difficulty: Difficulty = None,
    fmt: Annotated[QuestionFormat | None, formats(QuestionFormat)] = None,
    output: Output = None,
    bom: Bom = False,
) -> None:
    """The question bank, filtered; or one question in full (ID)."""
    from emprep.core.query import filter_questions
    from emprep.storage.note_dates import Dates
    from emprep.storage.packs import changed
    from emprep.ui.export import anki, apkg, docs, markdown, spreadsheet
    from emprep.ui.screens.questions import question_detail, questions_list

    if bom and (fmt or file_format(output)) != QuestionFormat.csv:
        raise EmprepError("--bom is for --format csv (Excel reads the mark as 'UTF-8')")
    pack = pack_of(ctx)
    if question_id is not None:
        filters = {"--round": round_id, "--tag": tag, "--search": search, "--track": track}
        no_filters(question_id, {**filters, "--difficulty": difficulty})
        qs = [pack.question(question_id)]
    else:
        from emprep.core.query import own_track

        if track is None:
            track = own_track(pack, progress_of(ctx, carried=False).profile.track)
        qs = filter_questions(
            pack, round_id=round_id, tag=tag, search=search, track=track, difficulty=difficulty
        )
    one = question_id is not None  # the table and the JSON in full, the exports as the bank's
    dates = Dates()  # of the package's notes, kept once it is written
    emit(
        fmt,
        json=lambda: (
            docs.question_detail_doc(qs[0], *standing(ctx, qs[0]))
            if one
            else docs.questions_doc(qs, progress_of(ctx).notes)
        ),
        text={
            "csv": lambda: spreadsheet.questions_csv(qs, progress_of(ctx).notes, bom=bom),
            "md": lambda: markdown.questions_markdown(
                pack,
                qs,
                progress_of(ctx).notes,
                only=None if round_id is None else pack.round(round_id).id,
            ),
            "anki": lambda: anki.questions_anki(pack, qs, progress_of(ctx).notes),
        },
        files={
            "apkg": lambda: apkg.questions_apkg(
                pack, qs, progress_of(ctx).notes, changed(ctx.obj["data"]), dates.of
            )
        },
        table=lambda: (
            question_detail(pack, qs[0], *standing(ctx, qs[0])) if one else questions_list(pack, qs)
        ),
        output=output,
    )
    unkept = dates.keep()
    if unkept:
        from emprep.storage import note_dates

        note(
            f"the Anki notes' dates could not be kept in {note_dates.path()} ({unkept}): the "
            "package is written, but the next one dates each note changed since anew, and Anki "
            "takes it again over an edit made there; fix its folder (permissions, space), then "
            "export once more"
        )
    if output not in (None, "-") and (fmt or file_format(output)) == QuestionFormat.anki:
        said = anki.misnamed(str(output))
        if said:
            note(said)


def no_filters(question_id: str, filters: dict[str, str | None]) -> None:
    """An ID names one question: a filter beside it is a mistake, said rather than ignored."""
    given = [k for k, v in filters.items() if v is not None]
    if given:
        raise EmprepError(
            f"{given[0]} filters the bank, and ID names one question: give one or the "
            f"other (emprep questions {question_id.strip()})"
        )


def standing(
    ctx: typer.Context, q: "Question"
) -> tuple[str | None, list["Story"], "QuestionState"]:
    """What `emprep questions ID` shows beside the bank's entry: the candidate's note, the
    stories linked to the question and how its practice stands."""
    from emprep.core.practice import question_state
    from emprep.core.settings import effective
    from emprep.core.stories import linked

    pack = pack_of(ctx)
    progress = progress_of(ctx)
    s = effective(progress.profile, pack.round_ids)
    state = question_state(pack, progress, now(), s=s, question=q, fit=fit_of(ctx, progress))
    return progress.notes.get(q.id), linked(progress, q.id), state


NoteText = Annotated[
    str | None,
    typer.Option(
        "--text", metavar="TEXT", help="The note itself; without it, your editor opens on it."
    ),
]
NoteFrom = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="FILE",
        help="The note from a file (a kept draft, say; - is standard input); lines "
        "starting with # are left out, as in the editor.",
        callback=given_file,
    ),
]
Forget = Annotated[bool, typer.Option("--remove", help="Forget the note.")]


def note_cmd(
    ctx: typer.Context,
    question_id: QuestionArg,
    text: NoteText = None,
    source: NoteFrom = None,
    remove: Forget = False,
) -> None:
    """Your own outline for a question: shown at the reveal in the drill and the mock."""
    from emprep.core.models import blank
    from emprep.core.notes import parse_note, set_note
    from emprep.storage import editor, store

    pack = pack_of(ctx)
    path = path_of(ctx)
    if remove and text is None and source is None and _forgot_gone(ctx, question_id):
        return
    q = pack.question(question_id)
    one_of(q.id, text=text is not None, source=source is not None, remove=remove)
    had = q.id in progress_of(ctx).notes
    found: list[str | None] = []  # the note as the save found it, under the lock

    def save(body: str, given: str | None = None) -> "Progress":
        if blank(body) and not had:  # nothing to write: a missing file stays missing
            return progress_of(ctx)

        def change(p: "Progress") -> "Progress":
            if given and blank(body) and q.id in p.notes:  # an unset "$VAR", a zero-width space
                raise EmprepError(
                    f"{given}: empty, so the note for {q.id} is kept as it was; give the "
                    f"note's text, or forget the note with: {command('note', q.id, '--remove')}"
                )
            found.append(p.notes.get(q.id))
            return set_note(p, q.id, body)

        return store.update(path, change)

    if source is not None:
        given = editor.read_given(source, "--from")
        try:
            saved = save(parse_note(given), f"--from {shown(source, 4096)}")
        except EmprepError as e:
            if source != "-" or blank(parse_note(given)):
                raise
            raise EmprepError(f"{e}; {_kept_from_stdin(path, q.id, given)}") from None
    elif remove:
        saved = save("")
    elif text is not None:
        saved = save(text, "--text")
    elif interactive():
        edited = _in_editor(ctx, q, path, found)
        if edited is None:
            return
        saved = edited
    else:
        raise EmprepError(
            f"not a terminal, so no editor is opened: give --text or --from FILE, e.g. "
            f"emprep note {q.id} --text 'my outline'"
        )
    if q.id in saved.notes and found and found[-1] == saved.notes[q.id]:
        say(f"Note for {q.id} is as it was: nothing to save.")  # and nothing was written
    elif q.id in saved.notes:
        say(f"Note for {q.id} saved.")
    else:
        why = "nothing to remove" if remove else "nothing was written"
        say(f"Removed the note for {q.id}." if had else f"No note for {q.id}: {why}.")


def _kept_from_stdin(path: "Path", question_id: str, text: str) -> str:
    """Where a note read from standard input that was not saved is kept: what it held is read
    once and gone (a note typed there, a pipe's), so it goes to a draft, as one from the
    editor does, with the command that saves it; or that it could not be kept either."""
    from emprep.storage import editor

    try:
        draft = editor.keep(editor.drafts_dir(path), text, now(), kind=f"note-{question_id}")
    except EmprepError as e:
        return f"the note read from standard input cannot be kept as a draft either: {e}"
    again = command("note", question_id, "--from", str(draft))
    return f"your note is kept in {draft}; save it with: {again}"


def _forgot_gone(ctx: typer.Context, question_id: str) -> bool:
    """`--remove` of a note kept for a question the loop pack in use lacks (dropped, or of
    another pack): the note is the user's, so it is removed all the same, and said. False when
    the id is not such a note: the question is looked up as ever."""
    from emprep.core.notes import set_note
    from emprep.storage import store

    key = question_id.strip().lower()
    pack = pack_of(ctx)
    if key in pack.question_by_id or key not in progress_of(ctx).notes:
        return False
    store.update(path_of(ctx), lambda p: set_note(p, key, ""))
    say(f"Removed the note for {key} (a question the loop pack in use does not have).")
    return True


def _in_editor(
    ctx: typer.Context, q: "Question", path: "Path", found: list[str | None]
) -> "Progress | None":
    """The note as the editor leaves it, saved; None once it is said that the editor left it
    as it was and the note another terminal saved meanwhile is kept. `found` gets the note as
    the save found it."""
    from functools import partial

    from emprep.core.notes import edited_note
    from emprep.storage import store
    from emprep.ui.home import edit_note

    opened = progress_of(ctx).notes.get(q.id, "")
    left: list[bool] = []

    def keep(mine: str, shown: str) -> "Progress":
        left.append(mine == shown)
        edited = partial(edited_note, question_id=q.id, mine=mine, opened=opened, shown=shown)

        def change(p: "Progress") -> "Progress":
            found.append(p.notes.get(q.id))
            return edited(p)

        return store.update(path, change)

    saved = edit_note(path, q, opened, now=now(), save=keep)
    if left[-1] and saved.notes.get(q.id, "") != opened:
        say(
            f"Note for {q.id}: left as it was in your editor, so the one saved elsewhere "
            "meanwhile is kept."
        )
        return None
    return saved


NOTE_OPTIONS = {
    "--text": ("--text sets the note", " 'my outline'"),
    "--from": ("--from sets it from a file", " FILE"),
    "--remove": ("--remove forgets it", ""),
}


def one_of(qid: str, *, text: bool, source: bool, remove: bool) -> None:
    """`note` takes one way to change the note: two given at once would leave one unsaid."""
    given = [o for o, on in zip(NOTE_OPTIONS, (text, source, remove), strict=True) if on]
    if len(given) > 1:
        a, b = given[:2]
        raise EmprepError(
            f"give {a} or {b}, not both: {NOTE_OPTIONS[a][0]}, {NOTE_OPTIONS[b][0]} "
            f"(emprep note {qid} {b}{NOTE_OPTIONS[b][1]})"
        )
