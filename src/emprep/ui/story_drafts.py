"""The story drafts runs that were killed left behind, named by the next story command: the
editor went on after emprep was killed, and what it wrote stayed in the draft unsaid. Imported
by `story list` too, so it reads no template unless a draft is there."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from emprep.core.errors import EmprepError
from emprep.storage import files

if TYPE_CHECKING:
    from emprep.core.models import Progress, Story
    from emprep.core.pack import Pack


# A story's draft: `story-DATE-TIME.txt` (a new one, from the editor or the prompts), or
# `story-ID-DATE-TIME.txt` (a change to story ID); not `story-ID-removed-...`, a deleted story.
# Or the temporary file of a rewrite of one (`files.temporary`) that a kill cut off before it
# took the draft's place: `.story-DATE-TIME.txt.k3j_x9a2.tmp`, holding the answer typed then.
LEFT = re.compile(
    r"(\.)?(story-(?:(s[0-9]+)-)?[0-9]{8}-[0-9]{6}(?:-[0-9]+)?\.txt)(?(1)\.[a-z0-9_]{8}\.tmp)"
)

# A draft with nothing in it, or all of it saved, untouched for this long is removed: the run
# that wrote it was killed before it could (after its save, or before anything was typed).
# Sooner, an editor may still be open on it in another terminal.
STALE = 24 * 60 * 60


def say_left(
    pack: Pack, path: Path, progress: Callable[[], Progress], given: str | None = None
) -> None:
    """The story drafts in the drafts folder, each named with the command that saves it: one a
    killed run left (kill -9, a crash, the power gone) was said by nothing else; one kept when
    a save was refused was said then, and is recalled here until it is saved.
    A draft with nothing written in it, or holding what the file holds already (the run was
    killed after the save, or the editor is still open on the story unchanged), is not named,
    and is removed once a day old (`STALE`): sooner, an editor may be open on it. `progress` is
    read only if there is a draft; a file that cannot be read is said by the command. The
    draft `given` to `--from` is the one being saved, not named."""
    folder = files.drafts_dir(path)
    try:
        found = [(n, m) for n in sorted(os.listdir(folder)) if (m := LEFT.fullmatch(n))]
    except OSError:
        return
    left = [(folder / n, m.group(3)) for n, m in found if not _as_its_draft(folder, n, m)]
    if given is not None and given != "-":
        being_saved = files.real(files.user_path(given, "--from"))
        left = [(d, sid) for d, sid in left if files.real(d) != being_saved]
    if not left:
        return
    from emprep.core.story_template import blank
    from emprep.storage import editor
    from emprep.ui.output import command, note
    from emprep.ui.story_editor import finished

    for draft, sid in left:
        try:
            text = editor.read(draft, "the draft")
        except EmprepError:
            continue
        try:
            if blank(text) or _saved(pack, text, progress(), sid):
                _drop_stale(draft)
                continue
        except EmprepError:
            return
        resume = command("story", "edit", sid) if sid else command("story", "add")
        what = f"a change to story {sid}" if sid else "a story"
        note(
            f"{draft} holds {what} not saved yet (from a run that ended before saving it, or "
            f"one still open in another terminal); {finished(draft, resume)} saves it"
        )


def _as_its_draft(folder: Path, name: str, m: re.Match[str]) -> bool:
    """Whether `name` is a rewrite that holds what its draft holds (the prompts rewrite a
    draft unchanged too): not named, as the draft is, and removed once `files.TEMP_AGE` old,
    when no run is at work on it."""
    if not m.group(1):
        return False
    import time
    from contextlib import suppress

    temp = folder / name
    try:
        if temp.read_bytes() != (folder / m.group(2)).read_bytes():
            return False
    except OSError:
        return False
    with suppress(OSError):
        if time.time() - os.stat(temp).st_mtime > files.TEMP_AGE:
            temp.unlink()
    return True


def _drop_stale(draft: Path) -> None:
    """`draft`, which holds nothing to save, removed once STALE: left as it is otherwise, or
    when it cannot be (it is said by nothing, as nothing in it is lost)."""
    import time
    from contextlib import suppress

    with suppress(OSError):
        if time.time() - os.stat(draft).st_mtime > STALE:
            draft.unlink()


def _saved(pack: Pack, text: str, progress: Progress, story_id: str | None) -> bool:
    """Whether the story in `text` is the file's story `story_id` as it is, or (for a new
    one) any of its stories."""
    from emprep.core.stories import checked
    from emprep.core.story_template import TemplateError, parse_template

    try:
        draft = parse_template(pack, text)
        fields = checked(draft.fields)
    except (TemplateError, EmprepError):
        return False
    held = (fields, draft.competencies, draft.questions)
    return any(
        (story_id is None or s.id == story_id) and _held(s) == held for s in progress.stories
    )


def _held(story: Story) -> tuple[dict[str, str], list[str], list[str]]:
    fields = {k: getattr(story, k) for k in ("title", "situation", "task", "action", "result")}
    return fields, story.competencies, story.questions
