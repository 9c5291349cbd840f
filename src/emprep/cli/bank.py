"""The question bank: `emprep questions` (filtered, exported) and `emprep note`.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from enum import StrEnum
from typing import Annotated

import typer

from emprep.cli.context import now, pack_of, path_of, progress_of
from emprep.cli.options import FORMAT, Round
from emprep.core.errors import EmprepError
from emprep.ui.output import emit, interactive


class QuestionFormat(StrEnum):
    """`--format` of `emprep questions`."""

    table = "table"
    json = "json"
    csv = "csv"
    anki = "anki"
    apkg = "apkg"


Tag = Annotated[
    str | None, typer.Option("--tag", metavar="TAG", help="Only questions with this tag.")
]
Search = Annotated[
    str | None,
    typer.Option("--search", metavar="TEXT", help="Text to find in questions and points."),
]
OneTrack = Annotated[
    str | None,
    typer.Option("--track", metavar="remote|hub", help="Leave out the other track's questions."),
]
Difficulty = Annotated[
    str | None, typer.Option("--difficulty", help="Only core, m4 or stretch questions.")
]
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (apkg needs it)."),
]
Bom = Annotated[
    bool, typer.Option("--bom", help="CSV for Excel: start with a UTF-8 byte-order mark.")
]


def questions(
    ctx: typer.Context,
    round_id: Round = None,
    tag: Tag = None,
    search: Search = None,
    track: OneTrack = None,
    difficulty: Difficulty = None,
    fmt: Annotated[QuestionFormat, FORMAT] = QuestionFormat.table,
    output: Output = None,
    bom: Bom = False,
) -> None:
    """The question bank, filtered."""
    from emprep.core.query import filter_questions
    from emprep.ui.export import anki, apkg, docs, spreadsheet
    from emprep.ui.screens.questions import questions_list

    if bom and fmt is not QuestionFormat.csv:
        raise EmprepError("--bom is for --format csv (Excel reads the mark as 'UTF-8')")
    pack = pack_of(ctx)
    qs = filter_questions(
        pack, round_id=round_id, tag=tag, search=search, track=track, difficulty=difficulty
    )
    emit(
        fmt,
        json=lambda: docs.questions_doc(qs, progress_of(ctx).notes),
        text={
            "csv": lambda: spreadsheet.questions_csv(qs, progress_of(ctx).notes, bom=bom),
            "anki": lambda: anki.questions_anki(pack, qs),
        },
        files={"apkg": lambda: apkg.questions_apkg(pack, qs, now())},
        table=lambda: questions_list(pack, qs),
        output=output,
    )


def note_cmd(
    ctx: typer.Context,
    question_id: Annotated[str, typer.Argument(metavar="ID", help="The question's id.")],
    text: Annotated[
        str | None,
        typer.Option(
            "--text", metavar="TEXT", help="The note itself; without it, your editor opens on it."
        ),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Forget the note.")] = False,
) -> None:
    """Your own outline for a question: shown at the reveal in the drill and the mock."""
    from emprep.core.notes import set_note
    from emprep.storage import store

    pack = pack_of(ctx)
    q = pack.question(question_id)
    path = path_of(ctx)
    if remove and text is not None:
        raise EmprepError(
            f"give --text or --remove, not both: --text sets the note, --remove forgets it "
            f"(emprep note {q.id} --remove)"
        )
    had = q.id in progress_of(ctx).notes
    if remove or text is not None:
        body = "" if remove else text or ""
    elif interactive():
        from emprep.ui.home import edit_note

        body = edit_note(path, q, progress_of(ctx).notes.get(q.id, ""), now=now())
    else:
        raise EmprepError(
            f"not a terminal, so no editor is opened: give --text, e.g. "
            f"emprep note {q.id} --text 'my outline'"
        )
    saved = store.update(path, lambda p: set_note(p, q.id, body))
    if q.id in saved.notes:
        print(f"Note for {q.id} saved.")
    else:
        print(f"Removed the note for {q.id}." if had else f"No note for {q.id}: nothing to remove.")
