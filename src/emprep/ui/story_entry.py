"""How a story gets typed in: by options, at the prompts, in an editor, or from a file.

Whatever the way, nothing typed is lost: the editor works on a draft file that goes only once the
story is saved, and Ctrl-C (or SIGTERM, SIGHUP) at the prompts keeps what was typed as a draft.
The command line only gathers the options (`StoryInput`) and calls `add`, `edit` or `remove`.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from emprep.core import stories
from emprep.core.datatype import datatype
from emprep.core.errors import EmprepError, ExitStatus
from emprep.core.models import Progress
from emprep.core.pack import Pack
from emprep.core.parse import plain_text
from emprep.core.stories import FIELDS, Draft
from emprep.storage import editor, store
from emprep.storage.files import user_path
from emprep.ui.output import interactive
from emprep.ui.render import echo
from emprep.ui.screens.stories import summary
from emprep.ui.terminal import Signalled, edited, read_line, signals_interrupt, type_again
from emprep.ui.text import plural


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
            out["questions"] = stories.question_ids(pack, stories.split_words(self.questions))
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
        return save(stories.parse_template(pack, text))
    except EmprepError as e:
        if not text.strip():
            raise
        draft = editor.keep(editor.drafts_dir(path), text, now)
        again = e.resume if isinstance(e, Elsewhere) else resume
        raise EmprepError(f"{e}; {_kept(draft, again)}") from None


def refuse_stdin_with_editor(given: StoryInput) -> None:
    """The editor needs the terminal, and `--from -` takes standard input: not both."""
    if given.use_editor and given.from_file == "-":
        raise EmprepError(
            "--from - reads the story from standard input, and --editor needs the terminal: "
            "give one of them (a story in a file opens in the editor with --from FILE --editor)"
        )


def from_template(pack: Pack, option: str, resume: str) -> Draft:
    """The story a filled-in template given to --from holds; one that is not whole (the draft
    Ctrl-C keeps) is refused with the command that finishes it in the editor."""
    try:
        return stories.parse_template(pack, read_draft(option))
    except stories.TemplateError as e:
        again = f"{resume} --from {shlex.quote(option)} --editor"
        raise EmprepError(f"{e}; finish it with: {again}") from None


def through_editor(
    pack: Pack,
    path: Path,
    now: datetime,
    *,
    text: str,
    resume: str,
    save: Callable[[Draft], str],
    source: str | None,
) -> str:
    """Edit `text` in a draft file; the draft goes only once the story is saved, and any
    failure says where it is and how to go on. A draft of the drafts folder given again with
    `--from` is edited where it is, not copied: retries leave one draft, not one each."""
    folder = editor.drafts_dir(path)
    kept = user_path(source, "--from").resolve() if source else None
    if kept is not None and kept.parent == folder.resolve():
        draft = kept
    else:
        draft = editor.keep(folder, text, now)
    try:
        message = save(stories.parse_template(pack, edited(draft, _kept(draft, resume))))
    except EmprepError as e:
        again = e.resume if isinstance(e, Elsewhere) else resume
        raise EmprepError(f"{e}; {_kept(draft, again)}") from None
    draft.unlink(missing_ok=True)
    return message


class Elsewhere(EmprepError):
    """A save that failed in a way the draft goes on under another command (`resume`)."""

    def __init__(self, message: str, resume: str) -> None:
        super().__init__(message)
        self.resume = resume


def _kept(draft: Path, resume: str) -> str:
    again = f"{resume} --from {shlex.quote(str(draft))} --editor"
    return f"your draft is kept in {draft}; finish it with: {again}"


def add(pack: Pack, path: Path, now: Callable[[], datetime], *, given: StoryInput) -> str:
    """Add a story from the options, a file, the editor or the prompts; what was saved."""
    refuse_stdin_with_editor(given)
    typed, links = given.typed(), given.links(pack)

    def save(draft: Draft) -> str:
        moment = now()
        saved = store.update(path, lambda p: stories.add(p, draft, moment))
        return summary(pack, saved.stories[-1])

    if given.use_editor:
        text = (
            read_draft(given.from_file)
            if given.from_file
            else stories.template(
                pack, values={**typed, **{k: ", ".join(v) for k, v in links.items()}}
            )
        )
        resume = "emprep story add"
        store.ready(path)
        return through_editor(
            pack, path, now(), text=text, resume=resume, save=save, source=given.from_file
        )
    if given.from_file:
        resume = "emprep story add"
        return from_given(pack, path, now(), source=given.from_file, resume=resume, save=save)
    if all(k in typed for k in FIELDS):
        return save(Draft(typed, links.get("competencies", []), links.get("questions", [])))
    if not interactive():
        missing = ", ".join(f"--{k}" for k in FIELDS if k not in typed)
        raise EmprepError(
            f"not a terminal, so nothing is asked: give {missing} (or --from FILE, or --editor)"
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
        editor.rewrite(self.draft, stories.template(self.pack, values=values))


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
    joined = {k: ", ".join(v) for k, v in links.items()}
    draft = editor.keep(editor.drafts_dir(path), stories.template(pack, values=joined), now())
    answers = KeptAnswers(pack, draft, typed, links=joined)
    try:
        with signals_interrupt():
            the_story = prompt_story(pack, answers, links)
    except (KeyboardInterrupt, EOFError) as e:
        code = e.code if isinstance(e, Signalled) else ExitStatus.INTERRUPTED
        if not any(answers.values()):
            draft.unlink(missing_ok=True)
            said = "\nemprep: interrupted"
        else:
            said = (
                f"\nemprep: interrupted; what you typed is kept in {draft}; finish it with: "
                f"emprep story add --from {shlex.quote(str(draft))} --editor"
            )
        with suppress(OSError):  # after SIGHUP the terminal may be gone
            print(said, file=sys.stderr)
        raise SystemExit(code) from None  # said: not once more
    try:
        message = save(the_story)
    except EmprepError as e:
        raise EmprepError(f"{e}; {_kept(draft, 'emprep story add')}") from None
    draft.unlink(missing_ok=True)
    return message


def edit(
    pack: Pack, path: Path, now: Callable[[], datetime], *, story_id: str, given: StoryInput
) -> str:
    """Change a story: the options given, a file, or all of it in the editor."""
    refuse_stdin_with_editor(given)
    typed, links = given.typed(), given.links(pack)
    sid = stories.find(store.load(path), story_id).id

    def apply(update: dict[str, Any]) -> str:
        moment = now()
        saved = store.update(path, lambda p: stories.change(p, sid, moment, **update))
        return summary(pack, stories.find(saved, sid))

    def save(draft: Draft) -> str:
        fields = {**draft.fields, "competencies": draft.competencies, "questions": draft.questions}
        moment = now()

        def change(p: Progress) -> Progress:
            if all(s.id != sid for s in p.stories):  # `story rm` while the editor was open
                raise Elsewhere(f"story {sid} was deleted while you edited it", "emprep story add")
            return stories.change(p, sid, moment, **fields)

        saved = store.update(path, change)
        return summary(pack, stories.find(saved, sid))

    if given.from_file and not given.use_editor:
        resume = f"emprep story edit {sid}"
        return from_given(pack, path, now(), source=given.from_file, resume=resume, save=save)
    if typed or links:
        return apply({**typed, **links})
    if given.use_editor or interactive():
        text = (
            read_draft(given.from_file)
            if given.from_file
            else stories.template(pack, stories.find(store.load(path), sid))
        )
        resume = f"emprep story edit {sid}"
        return through_editor(
            pack, path, now(), text=text, resume=resume, save=save, source=given.from_file
        )
    raise EmprepError(
        "not a terminal, so no editor is opened: give the fields to change "
        "(--title, --situation, --task, --action, --result, --competencies, --questions)"
    )


def relink(
    pack: Pack,
    path: Path,
    now: Callable[[], datetime],
    *,
    story_id: str,
    words: list[str],
    add: bool,
) -> str:
    """Link questions to a story (`add`), or take them off it; what it answers now."""
    if add:
        qs = stories.question_ids(pack, words)
    else:  # a question no longer in the pack can still be taken off
        qs = stories.unlink_ids(pack, stories.find(store.load(path), story_id), words)
    moment = now()
    change = stories.link if add else stories.unlink
    saved = store.update(path, lambda p: change(p, story_id, qs, now=moment))
    s = stories.find(saved, story_id)
    answers = plural(len(s.questions), "question")
    if add:
        return f"Linked {s.id} to {', '.join(qs)}; it answers {answers}."
    return f"Unlinked {', '.join(qs)} from {s.id}; it answers {answers}."


def remove(path: Path, story_id: str, *, yes: bool) -> str:
    """Delete a story, asking first on a terminal unless `yes`."""
    s = stories.find(store.load(path), story_id)
    if not yes:
        if not interactive():
            raise EmprepError(f"not a terminal, so nothing is asked: add --yes to delete {s.id}")
        answer = read_line(f"Delete story {s.id} ({s.title})? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            return "Kept."
    store.update(path, lambda p: stories.remove(p, s.id))
    return f"Deleted story {s.id}. The file before it is kept as {path}.bak."


def prompt_story(pack: Pack, typed: dict[str, str], links: dict[str, list[str]]) -> Draft:
    """Ask for what `typed` and `links` lack; `typed` grows with every line the person types,
    so a caller interrupted by Ctrl-C still holds everything typed. The STAR fields take
    several lines each (an empty line ends one); at the questions prompt, `? TERM` lists the
    questions that match and `?` alone those the story's competencies suggest."""
    echo("A new STAR story. Ctrl-C keeps what you have typed as a draft.")
    for name in FIELDS:
        while not typed.get(name):
            _ask_field(name, typed)
            if not typed[name]:
                echo("  This one is needed.")
    if "competencies" not in links:
        _list_competencies(pack)

    def ask_ids(prompt: str, key: str, resolve: Callable[[list[str]], list[str]]) -> list[str]:
        if key in links:
            return links[key]
        while True:
            answer = ask(prompt, key, paste=True)  # a pasted list: one a line
            if answer.startswith("?"):
                _pick(pack, answer[1:].strip(), comps if key == "questions" else [])
                continue
            typed[key] = answer
            try:
                ids = resolve(stories.split_words(answer))
            except EmprepError as e:
                echo(f"  {e}; nothing on the line is taken yet: {type_again()}")
                continue
            typed[key] = ", ".join(ids)  # the draft holds the ids, whatever way they were named
            return ids

    comps: list[str] = []
    if "competencies" not in links:
        echo("Competencies it shows: numbers, ids or names, comma-separated; Enter for none.")
    comps = ask_ids("Competencies: ", "competencies", partial(_numbered, pack))
    if "questions" not in links:
        echo(
            "Questions it answers: ids, comma-separated; ? TERM lists the questions that "
            "match, ? alone those its competencies suggest; Enter for none."
        )
    qs = ask_ids("Questions: ", "questions", lambda words: stories.question_ids(pack, words))
    return Draft({k: typed[k] for k in FIELDS}, comps, qs)


def _list_competencies(pack: Pack) -> None:
    """The loop's competencies, numbered for the prompt that follows."""
    echo("The loop's competencies:")
    for n, c in enumerate(pack.competencies, start=1):
        where = f" ({pack.round(c.round).name})" if c.round else ""
        echo(f"  {n:>2}. {c.name}{where}")


def _numbered(pack: Pack, words: list[str]) -> list[str]:
    """Competency ids from what was typed: a number as listed, an id or a name."""
    ids = [c.id for c in pack.competencies]
    return stories.competency_ids(
        pack, (ids[int(w) - 1] if _number(w) and 0 < int(w) <= len(ids) else w for w in words)
    )


def _ask_field(name: str, typed: dict[str, str]) -> None:
    """One STAR field: the title in a line; the others in as many lines as they take, until
    an empty one. Each line is in `typed` as soon as it is entered."""
    label = f"{name.capitalize()} ({stories.HINTS[name]})"
    if name == "title":  # one line: a paste of a whole story spread over the fields after it
        while "\n" in (title := ask(f"{label}: ", name, paste=True)):
            many = title.count("\n") + 1
            echo(f"  A title is one line, and that paste had {many} lines: {type_again()}.")
        typed[name] = title
        return
    echo(f"{label}; an empty line ends it:")
    lines: list[str] = []
    while True:
        line = ask("  > ", name, paste=True)
        if not line:
            break
        lines += [part.rstrip() for part in line.split("\n")]  # a paste's lines, blank or not
        typed[name] = "\n".join(lines)
    typed[name] = "\n".join(lines)


def _pick(pack: Pack, term: str, competencies: list[str]) -> None:
    """The question picker: matches for `term`, or the questions the competencies suggest."""
    from emprep.core.query import filter_questions

    if term:
        found = filter_questions(pack, search=term)
        title = f"Questions matching '{term}'"
    else:
        found = stories.suggested_questions(pack, competencies)
        title = "Questions your competencies suggest"
    if not found:
        echo(
            f"  No question matches '{term}'."
            if term
            else "  Name competencies to get suggestions."
        )
        return
    echo(f"  {title} ({len(found)}):")
    for q in found[:10]:  # a bullet, so a wrapped question stays under its own text
        echo(f"    - {q.id}: {q.text}")
    if len(found) > 10:
        echo(f"    and {len(found) - 10} more: narrow the term")


def _number(word: str) -> bool:
    """A number as int() reads it: ASCII digits only, so a `²` is a word, not a crash."""
    return word.isascii() and word.isdigit()


def ask(prompt: str, name: str, *, paste: bool = False) -> str:
    """One line (or, with `paste`, a pasted text whole), checked where it is typed: text that
    is not UTF-8, or holds a control character, is asked again rather than refused at the end."""
    while True:
        try:
            answer = read_line(prompt, paste=paste).strip()
        except UnicodeDecodeError:
            echo("  That was not UTF-8 text; type it again.")
            continue
        try:
            return plain_text(name, answer)
        except EmprepError as e:
            echo(f"  {e}; {type_again()}.")
