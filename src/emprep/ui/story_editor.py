"""A story in the editor: the draft file it is written in, kept until the story is saved, and
a save refused where it would write over what changed elsewhere while the editor was open."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from emprep.core.errors import EmprepError
from emprep.core.models import Story
from emprep.core.pack import Pack
from emprep.core.stories import Draft
from emprep.core.story_template import TemplateError, blank, parse_template, template
from emprep.storage import editor
from emprep.storage.files import shell_word, user_path
from emprep.ui.editing import DraftLost, edited
from emprep.ui.output import drop_draft


def through_editor(
    pack: Pack,
    path: Path,
    now: datetime,
    *,
    text: str,
    resume: str,
    save: Callable[[Draft], str],
    source: str | None,
    fresh: bool = False,
    story_id: str | None = None,
) -> str:
    """Edit `text` in a draft file; the draft goes only once the story is saved, and any
    failure says where it is and how to go on. A draft of the drafts folder given again with
    `--from` is edited where it is, not copied: retries leave one draft, not one each. A
    `fresh` template (nothing given) that comes back with nothing written adds nothing. The
    draft of a change to a story (`story_id`) is named by it, so that one a killed run left is
    named with the command that saves it (`story_drafts.say_left`)."""
    folder = editor.drafts_dir(path)
    kept = user_path(source, "--from").resolve() if source else None
    if kept is not None and kept.parent == folder.resolve():
        draft = kept
    else:
        draft = editor.keep(folder, text, now, kind=f"story-{story_id}" if story_id else "story")
    try:
        written = edited(draft, draft_kept(draft, resume), finished(draft, resume))
        if fresh and blank(written):
            drop_draft(draft)
            return "No story added: nothing was written in the template."
        message = save(parse_template(pack, written))
    except DraftLost:
        raise
    except EmprepError as e:
        again = e.resume if isinstance(e, Elsewhere) else resume
        said = f"{e}{_merged(draft, e) if isinstance(e, Clash) else ''}"
        raise EmprepError(f"{said}; {draft_kept(draft, again)}") from None
    drop_draft(draft)
    return message


class Elsewhere(EmprepError):
    """A save that failed in a way the draft goes on under another command (`resume`)."""

    def __init__(self, message: str, resume: str) -> None:
        super().__init__(message)
        self.resume = resume


def _merged(draft: Path, clash: Clash) -> str:
    """The draft rewritten as the editor's changes over the story saved now, so that saving it
    takes back no other change; said only if it could be written."""
    try:
        editor.rewrite(draft, clash.merged, "")
    except EmprepError:
        return ""
    return " (your draft now holds your changes over the story as it is now)"


def draft_kept(draft: Path, resume: str) -> str:
    return f"your draft is kept in {draft}; finish it with: {finished(draft, resume)}"


def finished(draft: Path, resume: str) -> str:
    """The command that opens `draft` again to finish it under `resume`."""
    return f"{resume} --from {shell_word(str(draft))} --editor"


class Clash(EmprepError):
    """Parts changed in the editor and elsewhere: `merged` is the template of the story as
    saved now with the editor's changes over it, for the draft."""

    def __init__(self, message: str, merged: str) -> None:
        super().__init__(message)
        self.merged = merged


def refuse_clashes(pack: Pack, story: Story, mine: dict[str, Any], base: dict[str, Any]) -> None:
    """Refuse what the editor changed (`mine`) in a part of `story` that another save changed
    too since the editor showed it as `base`: written over, that change would be lost unseen.
    Parts changed in one place only merge."""
    from dataclasses import replace

    with suppress(TemplateError):  # a story the template cannot show is not compared
        now = as_fields(parse_template(pack, template(pack, story)))
        clash = [k for k, v in mine.items() if now.get(k) != base.get(k) and now.get(k) != v]
        if clash:
            one = len(clash) == 1
            parts = " and ".join(filter(None, [", ".join(clash[:-1]), clash[-1]]))
            raise Clash(
                f"story {story.id}: its {parts} {'was' if one else 'were'} changed elsewhere "
                f"while your editor was open (see it with: emprep story show {story.id}), and "
                f"you changed {'it' if one else 'them'} too, so yours {'is' if one else 'are'} "
                f"not written over {'it' if one else 'them'}",
                template(pack, replace(story, **mine)),
            )


def as_fields(draft: Draft) -> dict[str, Any]:
    return {**draft.fields, "competencies": draft.competencies, "questions": draft.questions}
