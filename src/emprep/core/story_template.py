"""A story as the editor's template: a `[section]` per field, written out and read back.

Pure: the pack and a story (or what is known of one) in, the text out; the text in, a `Draft`.
"""

from __future__ import annotations

import re

from emprep.core.errors import EmprepError, shown
from emprep.core.models import Story, text_lines
from emprep.core.pack import Competency, Pack
from emprep.core.parse import plain_text, trimmed
from emprep.core.stories import (
    FIELDS,
    HINTS,
    Draft,
    competency_ids,
    one_line,
    question_ids,
    split_ids,
    split_words,
)

SECTIONS = (*FIELDS, "competencies", "questions")
_HEADINGS = ", ".join(f"[{s}]" for s in SECTIONS)


class TemplateError(EmprepError):
    """A story template that cannot become a story yet; the caller keeps the draft."""


def template(pack: Pack, story: Story | None = None, values: dict[str, str] | None = None) -> str:
    """The text the editor opens: a `[section]` per field, what is known already filled in."""
    known: dict[str, str] = dict(values or {})
    if story is not None:
        known = {k: getattr(story, k) for k in FIELDS}
        known["competencies"] = ", ".join(story.competencies)
        known["questions"] = ", ".join(story.questions)
    lines = [
        "# An emprep STAR story. Write under each [heading] and keep the headings;",
        "# lines starting with '#' are ignored (write \\# for a '#' of your own). Save and",
        "# close the editor to keep it.",
        "# Title, situation, task, action and result are needed.",
    ]
    for name in SECTIONS:
        lines += ["", f"[{name}]"]
        if name in HINTS:
            lines.append(f"# {HINTS[name]}")
        elif name == "competencies":
            lines.append("# Ids or names, comma-separated or one a line. The loop's competencies:")
            wide = max((len(c.id) for c in pack.competencies), default=0)
            lines += [f"#   {c.id.ljust(wide)}  {_label(pack, c)}" for c in pack.competencies]
        else:
            lines.append("# Question ids, comma-separated; list them with: emprep questions")
        if known.get(name):
            lines += [_escaped(line) for line in text_lines(known[name])]
    return "\n".join(lines) + "\n"


def with_headings(pack: Pack, text: str) -> str:
    """A file given to `--from ... --editor` as the editor opens it: as it is where it has a
    [heading]; one with none (notes written beforehand) under the template's first lines, so
    each heading is there to write under, and every line of the file kept: one starting like
    a comment (a Markdown heading, "#1 in the ranking") behind a `\\`, as `template` writes it,
    or it was dropped once moved under a heading."""
    lines = text_lines(text)
    if any(_HEADING.fullmatch(line) for line in lines):
        return text
    form = template(pack).split("\n")
    first = form.index(f"[{SECTIONS[0]}]") - 1  # the blank line before it
    moved = ["", "# Your file's text: move each part under its heading below."]
    moved += [_escaped(line) for line in lines]
    return "\n".join(form[:first] + moved + form[first:])


_HEADING = re.compile(r"\[\s*([A-Za-z]+)\s*\]\s*")  # as parse_template reads one


_OURS = re.compile(r"\\*[#\[]")  # a line the template would read as a comment or a heading


def _escaped(line: str) -> str:
    """A line of the person's text that starts like a comment or a heading, behind a `\\`: a
    Markdown heading or "#1 in the ranking" was dropped, "[action]" began a section, so an
    edit saved unchanged lost them. `_unescaped` takes the `\\` off again."""
    return "\\" + line if _OURS.match(line) else line


def _unescaped(line: str) -> str:
    return line[1:] if line.startswith("\\") and _OURS.match(line) else line


def _label(pack: Pack, c: Competency) -> str:
    if c.round is None:
        return c.name
    return f"{c.name} ({pack.round(c.round).name})"


def blank(text: str) -> bool:
    """A template with nothing written in it: only comments, headings and empty lines."""
    return all(
        not line.strip() or line.startswith("#") or re.fullmatch(r"\[\s*[A-Za-z]+\s*\]\s*", line)
        for line in text_lines(text)
    )


def parse_template(pack: Pack, text: str) -> Draft:
    """The story a filled-in template holds; TemplateError names what is missing or wrong."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text_lines(text):
        if line.startswith("#"):
            continue
        head = _HEADING.fullmatch(line)
        if head:
            name = head.group(1).lower()
            if name not in SECTIONS:
                raise TemplateError(
                    f"unknown heading [{shown(name)}]; the headings are {_HEADINGS}"
                )
            current = sections.setdefault(name, [])
            continue
        if current is not None:
            current.append(_unescaped(line))
        elif line.strip():
            raise TemplateError(
                f"text before the first heading: '{shown(line.strip())}'; each part goes on the "
                f"lines under its heading, a heading alone on its line: {_HEADINGS}"
            )
    body = {k: trimmed(plain_text(k, "\n".join(v))) for k, v in sections.items()}
    empty = [k for k in FIELDS if not body.get(k)]
    if empty:
        raise TemplateError(f"the story is not finished: {', '.join(empty)} left empty")
    if (lines := body["title"].count("\n") + 1) > 1:
        raise TemplateError(f"{one_line(lines)}; join them under [title] (or move the rest)")
    return Draft(
        fields={k: body[k] for k in FIELDS},
        competencies=competency_ids(pack, split_words(body.get("competencies", ""))),
        questions=question_ids(pack, split_ids(body.get("questions", ""))),
    )
