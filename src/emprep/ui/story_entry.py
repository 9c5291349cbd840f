"""How a story gets typed in: by options, at the prompts, in an editor, or from a file.

Whatever the way, nothing typed is lost: the editor works on a draft file that goes only once the
story is saved, and Ctrl-C (or SIGTERM, SIGHUP) at the prompts keeps what was typed as a draft.
The command line only gathers the options (`StoryInput`) and calls `add`, `edit` or `remove`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import field
from datetime import datetime
from pathlib import Path
from typing import Any

from emprep.core import stories
from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, ExitStatus
from emprep.core.models import Progress, Story
from emprep.core.pack import Pack
from emprep.core.stories import FIELDS, Draft
from emprep.core.story_template import TemplateError, parse_template, template, with_headings
from emprep.storage import editor, store
from emprep.storage.files import shell_word
from emprep.ui.output import command, drop_draft, interactive
from emprep.ui.screens.stories import summary
from emprep.ui.story_editor import Elsewhere, as_fields, draft_kept, refuse_clashes, through_editor
from emprep.ui.story_prompts import prompt_story
from emprep.ui.terminal import Signalled, read_line, signals_interrupt
from emprep.ui.text import in_a_line, plural


@datatype
class StoryInput:
    """What the command line gave for a story: fields, links, and where else to read it."""

    fields: dict[str, str | None] = field(default_factory=dict)
    competencies: str | None = None
    questions: str | None = None
    use_editor: bool = False
    from_file: str | None = None

    def typed(self) -> dict[str, str]:
        """The fields given; an empty one is refused before anything is asked."""
        return stories.checked({k: v for k, v in self.fields.items() if v is not None})

    def links(self, pack: Pack) -> dict[str, list[str]]:
        """The competencies and questions given, resolved to ids."""
        out = {}
        if self.competencies is not None:
            words = stories.split_words(self.competencies)
            out["competencies"] = stories.competency_ids(pack, words)
        if self.questions is not None:
            out["questions"] = stories.question_ids(pack, stories.split_ids(self.questions))
        return out


def read_draft(option: str) -> str:
    """The template `--from` names: a file, or standard input for `-`."""
    return editor.read_given(option, "--from")


def from_given(
    pack: Pack,
    path: Path,
    now: datetime,
    *,
    source: str,
    resume: str,
    save: Callable[[Draft], str],
) -> str:
    """The story `--from` names (`source`), saved. What standard input held is read once and
    gone, so a story from it that is refused or not saved is kept as a draft, as one from the
    editor is."""
    if source != "-":
        return save(from_template(pack, source, resume))
    text = read_draft(source)
    try:
        return save(parse_template(pack, text))
    except EmprepError as e:
        if not text.strip():
            raise
        draft = editor.keep(editor.drafts_dir(path), text, now)
        again = e.resume if isinstance(e, Elsewhere) else resume
        raise EmprepError(f"{e}; {draft_kept(draft, again)}") from None


def refuse_stdin_with_editor(given: StoryInput, instead: str) -> None:
    """The editor needs the terminal, and `--from -` takes standard input: not both. Without
    a terminal the editor is not opened, as for `note`: run from a script, cron or a pipe, it
    would take its keys from whatever standard input is (vi runs a pipe's lines as commands),
    or wait on no one; `instead` says what to give."""
    if given.use_editor and given.from_file == "-":
        raise EmprepError(
            "--from - reads the story from standard input, and --editor needs the terminal: "
            "give one of them (a story in a file opens in the editor with --from FILE --editor)"
        )
    if given.use_editor and not interactive():
        raise EmprepError(f"not a terminal, so no editor is opened: give {instead}")


def refuse_fields_with_file(given: StoryInput) -> None:
    """A file given to --from holds the whole story, so a field given beside it would go
    unused, and what was typed would be lost without a word: refused, naming the field, before
    any field or id is checked (none of them would be used). A file that cannot be read is
    said first: "FILE holds the whole story" would be untrue of it."""
    named = [k for k, v in given.fields.items() if v is not None]
    named += [k for k in ("competencies", "questions") if getattr(given, k) is not None]
    if given.from_file is None or not named:
        return
    if given.from_file != "-":  # standard input is read once, by what takes the story
        read_draft(given.from_file)
    raise EmprepError(
        f"--from {shell_word(given.from_file)} holds the whole story, so "
        f"{', '.join(f'--{k}' for k in named)} would not be used: write it under its [heading] "
        "there, or give the fields without --from"
    )


def from_template(pack: Pack, option: str, resume: str) -> Draft:
    """The story a filled-in template given to --from holds; one that is not whole (the draft
    Ctrl-C keeps) is refused with the command that finishes it in the editor."""
    try:
        return parse_template(pack, read_draft(option))
    except TemplateError as e:
        again = f"{resume} --from {shell_word(option)} --editor"
        raise EmprepError(f"{e}; finish it with: {again}") from None


def add(pack: Pack, path: Path, now: Callable[[], datetime], *, given: StoryInput) -> str:
    """Add a story from the options, a file, the editor or the prompts; what was saved."""
    refuse_stdin_with_editor(given, f"{', '.join(f'--{k}' for k in FIELDS)}, or --from FILE")
    refuse_fields_with_file(given)
    typed, links = given.typed(), given.links(pack)

    def save(draft: Draft) -> str:
        moment = now()
        saved = store.update(path, lambda p: stories.add(p, draft, moment))
        return summary(pack, saved.stories[-1])

    if given.use_editor:
        text = (
            with_headings(pack, read_draft(given.from_file))
            if given.from_file
            else template(pack, values={**typed, **{k: ", ".join(v) for k, v in links.items()}})
        )
        resume = command("story", "add")
        store.ready(path)
        fresh = not (given.from_file or typed or links)  # else something typed is in it
        return through_editor(
            pack,
            path,
            now(),
            text=text,
            resume=resume,
            save=save,
            source=given.from_file,
            fresh=fresh,
        )
    if given.from_file:
        resume = command("story", "add")
        return from_given(pack, path, now(), source=given.from_file, resume=resume, save=save)
    if all(k in typed for k in FIELDS):
        return save(Draft(typed, links.get("competencies", []), links.get("questions", [])))
    if not interactive():
        missing = ", ".join(f"--{k}" for k in FIELDS if k not in typed)
        raise EmprepError(
            f"not a terminal, so nothing is asked: give {missing} "
            "(or --from FILE; - is standard input)"
        )
    store.ready(path)
    return prompted(pack, path, now, typed=typed, links=links, save=save)


class KeptAnswers(dict[str, str]):
    """The answers at the prompts, each written to the draft file the moment it is given, so
    that nothing typed depends on what happens next (a full disk, a held lock, a crash). How a
    field is read does not matter: whatever stores an answer here keeps it."""

    def __init__(self, pack: Pack, draft: Path, typed: dict[str, str], *, links: dict[str, str]):
        super().__init__(typed)
        self.pack, self.draft, self.links = pack, draft, links

    def __setitem__(self, key: str, value: str) -> None:
        super().__setitem__(key, value)
        values = {**self.links, **{k: v for k, v in self.items() if v}}
        again = command("story", "add", "--from", str(self.draft), "--editor")
        editor.rewrite(self.draft, template(self.pack, values=values), again)


def prompted(
    pack: Pack,
    path: Path,
    now: Callable[[], datetime],
    *,
    typed: dict[str, str],
    links: dict[str, list[str]],
    save: Callable[[Draft], str],
) -> str:
    """The story asked at the prompts and saved. Every answer is in a draft (0600) as soon as
    it is typed; the draft goes once the story is saved, and on Ctrl-C or a failed save the
    message says where it is."""
    from emprep.core.query import own_track

    track = own_track(pack, store.load(path).profile.track)
    joined = {k: ", ".join(v) for k, v in links.items()}
    draft = editor.keep(editor.drafts_dir(path), template(pack, values=joined), now())
    answers = KeptAnswers(pack, draft, typed, links=joined)
    try:
        with signals_interrupt():
            the_story = prompt_story(pack, answers, links, track=track)
    except (KeyboardInterrupt, EOFError) as e:
        code = e.code if isinstance(e, Signalled) else ExitStatus.INTERRUPTED
        if not any(answers.values()):
            drop_draft(draft)
            said = "\nemprep: interrupted"
        else:
            said = (
                f"\nemprep: interrupted; what you typed is kept in {draft}; finish it with: "
                f"{command('story', 'add', '--from', str(draft), '--editor')}"
            )
        with suppress(OSError):  # after SIGHUP the terminal may be gone
            print(said, file=sys.stderr)
        raise SystemExit(code) from None  # said: not once more
    try:
        message = save(the_story)
    except EmprepError as e:
        raise EmprepError(f"{e}; {draft_kept(draft, 'emprep story add')}") from None
    drop_draft(draft)
    return message


def edit(
    pack: Pack, path: Path, now: Callable[[], datetime], *, story_id: str, given: StoryInput
) -> str:
    """Change a story: the options given, a file, or all of it in the editor."""
    refuse_stdin_with_editor(given, f"the fields to change {CHANGES}, or --from FILE")
    refuse_fields_with_file(given)
    typed, links = given.typed(), given.links(pack)
    sid = stories.find(store.load(path), story_id).id

    before: list[Story] = []  # the story as the save found it

    def said(saved: Progress) -> str:
        """The summary of the story saved; one given back as it was is said to be, not saved
        (nothing is written then)."""
        story = stories.find(saved, sid)
        if before and story == before[-1]:
            return f"Story {sid} is as it was ({in_a_line(story.title)}): nothing to save."
        return summary(pack, story)

    def apply(update: dict[str, Any]) -> str:
        moment = now()

        def change(p: Progress) -> Progress:
            before.append(stories.find(p, sid))
            return stories.change(p, sid, moment, **update)

        return said(store.update(path, change))

    shown: list[Draft] = []  # the story as the editor's template showed it

    def save(draft: Draft) -> str:
        fields = as_fields(draft)
        if shown:  # only what the editor changed: another emprep's change meanwhile stays
            fields = {k: v for k, v in fields.items() if as_fields(shown[0]).get(k) != v}
        moment = now()

        def change(p: Progress) -> Progress:
            if all(s.id != sid for s in p.stories):  # `story rm` while the editor was open
                raise Elsewhere(
                    f"story {sid} was deleted while you edited it", command("story", "add")
                )
            before.append(stories.find(p, sid))
            if shown:
                refuse_clashes(pack, before[-1], fields, as_fields(shown[0]))
            return stories.change(p, sid, moment, **fields)

        return said(store.update(path, change))

    if given.from_file and not given.use_editor:
        resume = command("story", "edit", sid)
        return from_given(pack, path, now(), source=given.from_file, resume=resume, save=save)
    if typed or links:
        return apply({**typed, **links})
    if given.use_editor or interactive():
        if given.from_file:
            text = read_draft(given.from_file)
        else:
            text = template(pack, stories.find(store.load(path), sid))
            with suppress(TemplateError):
                shown.append(parse_template(pack, text))
        resume = command("story", "edit", sid)
        return through_editor(
            pack,
            path,
            now(),
            text=text,
            resume=resume,
            save=save,
            source=given.from_file,
            story_id=sid,
        )
    raise EmprepError(
        f"not a terminal, so no editor is opened: give the fields to change {CHANGES}"
    )


CHANGES = "(--title, --situation, --task, --action, --result, --competencies, --questions)"


def relink(
    pack: Pack,
    path: Path,
    now: Callable[[], datetime],
    *,
    story_id: str,
    words: list[str],
    add: bool,
) -> str:
    """Link questions to a story (`add`), or take them off it; what it answers now. Ids may
    come comma- or space-separated in one word too, as `--questions` takes them."""
    words = [w for word in words for w in stories.split_ids(word)] or words
    if add:
        qs = stories.question_ids(pack, words)
    else:  # a question no longer in the pack can still be taken off
        qs = stories.unlink_ids(pack, stories.find(store.load(path), story_id), words)
    moment = now()
    had: list[str] = []  # of `qs`, those linked already, in the file the change was made to

    def change(p: Progress) -> Progress:
        if not add:
            return stories.unlink(p, story_id, qs, now=moment)
        had[:] = [q for q in qs if q in stories.find(p, story_id).questions]
        return stories.link(p, story_id, qs, now=moment)

    saved = store.update(path, change)
    s = stories.find(saved, story_id)
    answers = plural(len(s.questions), "question")
    if add:
        new = [q for q in qs if q not in had]
        if not new:
            return f"{s.id} was linked to {', '.join(qs)} already; it answers {answers}."
        already = f" ({', '.join(had)} already)" if had else ""
        return f"Linked {s.id} to {', '.join(new)}{already}; it answers {answers}."
    return f"Unlinked {', '.join(qs)} from {s.id}; it answers {answers}."


def remove(pack: Pack, path: Path, now: datetime, *, story_id: str, yes: bool) -> str:
    """Delete a story, asking first on a terminal unless `yes`. What it held was typed, so it
    is written first to a file of the drafts folder, in the template `story add --from` reads:
    the way back for that story alone (the `.bak` holds the whole file before, and copying it
    back would take back every save since). No file, no delete."""
    s = stories.find(store.load(path), story_id)
    if not yes:
        if not interactive():
            raise EmprepError(f"not a terminal, so nothing is asked: add --yes to delete {s.id}")
        if _asked(f"Delete story {s.id} ({in_a_line(s.title)})? [y/N] ", s.id) not in ("y", "yes"):
            return "Kept."
    kept: list[Path] = []

    def change(p: Progress) -> Progress:
        gone = stories.find(p, s.id)  # as saved now: an edit made meanwhile is in the file
        for file in kept:  # made again to a file another program put in place: one draft
            file.unlink(missing_ok=True)
        folder = editor.drafts_dir(path)
        kept.append(editor.keep(folder, template(pack, gone), now, kind=f"story-{gone.id}-removed"))
        return stories.remove(p, gone.id)

    try:
        store.update(path, change)
    except BaseException:
        for file in kept:  # the story is still in the progress file
            file.unlink(missing_ok=True)
        raise
    back = command("story", "add", "--from", str(kept[-1]))
    return f"Deleted story {s.id}. It is kept in {kept[-1]}; to add it back (as a new id): {back}"


def _asked(question: str, story_id: str) -> str:
    """The answer to the delete question. Ctrl-C, Ctrl-D, SIGTERM or SIGHUP there (a closed
    terminal) delete nothing and say so in one line, exit 130 or 128 + the signal: SIGTERM
    and SIGHUP ended emprep on the spot, unsaid. A `y` typed and not entered is no answer:
    nothing is kept of it."""
    try:
        with signals_interrupt():
            return read_line(question).strip().lower()
    except (KeyboardInterrupt, EOFError) as e:
        code = e.code if isinstance(e, Signalled) else ExitStatus.INTERRUPTED
        with suppress(OSError):  # after SIGHUP the terminal may be gone
            print(f"\nemprep: interrupted; story {story_id} is not deleted", file=sys.stderr)
        raise SystemExit(code) from None
