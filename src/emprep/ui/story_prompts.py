"""The story asked field by field at the prompts: the STAR fields in as many lines as they take,
the competencies by number, id or name, the questions with a picker (`? TERM`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from emprep.core import stories
from emprep.core.errors import EmprepError
from emprep.core.pack import Pack
from emprep.core.parse import plain_text
from emprep.core.stories import FIELDS, Draft
from emprep.ui.render import echo
from emprep.ui.terminal import read_line, type_again


def prompt_story(
    pack: Pack, typed: dict[str, str], links: dict[str, list[str]], *, track: str | None = None
) -> Draft:
    """Ask for what `typed` and `links` lack; `typed` grows with every line the person types,
    so a caller interrupted by Ctrl-C still holds everything typed. The STAR fields take
    several lines each (an empty line ends one); at the questions prompt, `? TERM` lists the
    questions that match and `?` alone those the story's competencies suggest, of the
    candidate's `track` (a track id; None: both tracks')."""
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
            # a pasted list: one a line; a line cut short is kept as typed, as the draft's
            answer = ask(prompt, key, paste=True, unfinished=partial(typed.__setitem__, key))
            if answer.startswith("?"):
                _pick(pack, answer[1:].strip(), comps if key == "questions" else [], track)
                continue
            typed[key] = answer
            try:
                split = stories.split_ids if key == "questions" else stories.split_words
                ids = resolve(split(answer))
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
        cut = partial(typed.__setitem__, name)
        while "\n" in (title := ask(f"{label}: ", name, paste=True, unfinished=cut)):
            many = title.count("\n") + 1
            echo(f"  A title is one line, and that paste had {many} lines: {type_again()}.")
        typed[name] = title
        return
    echo(f"{label}; an empty line ends it:")
    lines: list[str] = []

    def keep(kept: list[str]) -> None:
        typed[name] = "\n".join(kept)

    while True:
        # a line's own indent is kept, as a paste's, the editor's and --from's are: a nested
        # list or an indented block typed line by line stays one
        line = ask(
            "  > ", name, paste=True, indent=True, unfinished=lambda cut: keep([*lines, cut])
        )
        if not line:
            break
        lines.extend(part.rstrip() for part in line.split("\n"))  # a paste's, blank or not
        keep(lines)
    keep(lines)


def _pick(pack: Pack, term: str, competencies: list[str], track: str | None) -> None:
    """The question picker: matches for `term`, or the questions the competencies suggest,
    among `track`'s."""
    from emprep.core.query import filter_questions, folded

    if term:
        found = filter_questions(pack, search=term, track=track)
        # those that say the term first: ten are shown, and a match in a point or a tag alone
        # (a design question for "conflict") had pushed the question asking it out of sight
        said = folded(term.strip())
        found.sort(key=lambda q: said not in folded(q.text))
        title = f"Questions matching '{term}'"
    else:
        found = stories.suggested_questions(pack, competencies, track=track)
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


def ask(
    prompt: str,
    name: str,
    *,
    paste: bool = False,
    indent: bool = False,
    unfinished: Callable[[str], None] | None = None,
) -> str:
    """One line (or, with `paste`, a pasted text whole), checked where it is typed: text that
    is not UTF-8, or holds a control character, is asked again rather than refused at the end.
    With `indent`, the spaces that start it are kept. A line cut short by Ctrl-C goes to
    `unfinished` (`read_line`)."""
    while True:
        try:
            answer = read_line(prompt, paste=paste, unfinished=unfinished)
            answer = answer.rstrip() if indent else answer.strip()
        except UnicodeDecodeError:
            echo("  That was not UTF-8 text; type it again.")
            continue
        try:
            return plain_text(name, answer)
        except EmprepError as e:
            echo(f"  {e}; {type_again()}.")
