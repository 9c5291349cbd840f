"""The candidate's own notes on questions: an outline per question id, kept in the progress."""

from __future__ import annotations

from dataclasses import replace

from emprep.core.errors import EmprepError
from emprep.core.models import Progress, text_lines
from emprep.core.parse import plain_text, trimmed

HEADER = "# Your note for {id}: {text}\n# Lines starting with # are left out. Save and close.\n"


def set_note(progress: Progress, question_id: str, text: str) -> Progress:
    """The progress with the note for `question_id` set; empty text removes it. Text with a
    control character is refused: it would reach the terminal of the drill that shows it."""
    notes = {k: v for k, v in progress.notes.items() if k != question_id}
    body = plain_text("note", trimmed(text))
    if body:
        notes[question_id] = body
    return replace(progress, notes=notes)


def note_template(question_id: str, question: str, note: str) -> str:
    """The note, or an empty line, first and the comments under it, as git lays out a commit
    message: vi and nano open on the first line, and text typed there at once went into the
    comment line, so the comment was saved in the note ("My outline.# Your note for ...")."""
    return f"{note}\n" + HEADER.format(id=question_id, text=question)


def parse_note(text: str) -> str:
    """The note an editor left: its lines but the comments, checked as `set_note` checks it."""
    body = "\n".join(line for line in text_lines(text) if not line.startswith("#"))
    return plain_text("note", trimmed(body))


def edited_note(
    progress: Progress, question_id: str, *, mine: str, opened: str, shown: str
) -> Progress:
    """The note an editor left (`mine`) saved, unless another save changed the note while the
    editor was open: `opened` is the file's note then, `shown` what the editor showed of it.
    Left as shown, the other change stays; changed in both places (to different text), it is
    a conflict, refused so that neither is lost unseen."""
    now = progress.notes.get(question_id, "")
    if mine == shown:
        return progress
    if now != opened and now != mine:
        raise EmprepError(
            f"the note for {question_id} was changed elsewhere while your editor was open (see "
            f"it with: emprep questions {question_id}), and you changed it too, so yours is "
            "not written over it"
        )
    return set_note(progress, question_id, mine)
