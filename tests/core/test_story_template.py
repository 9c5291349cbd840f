"""The story as the editor's template: written out, read back, nothing of the story lost."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from emprep.core import stories, story_template
from emprep.core.models import Progress
from emprep.core.pack import Pack

MOMENT = datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_template_round_trip(pack: Pack) -> None:
    p = stories.add(
        Progress(),
        stories.Draft(
            {"title": "T", "situation": "S\n\nmore", "task": "k", "action": "a", "result": "r"},
            ["leadership", "conflict-resolution"],
            ["com-hiring"],
        ),
        MOMENT,
    )
    draft = story_template.parse_template(pack, story_template.template(pack, p.stories[0]))
    assert draft.fields == {
        "title": "T",
        "situation": "S\n\nmore",
        "task": "k",
        "action": "a",
        "result": "r",
    }
    assert draft.competencies == ["leadership", "conflict-resolution"]
    assert draft.questions == ["com-hiring"]


@pytest.mark.parametrize(
    "text",
    [
        "#1 in the ranking",
        "# A Markdown heading\nunder it",
        "before\n[action]\nafter",
        "\\# written escaped\n\\\\[result]",
        "[not a heading]",
    ],
)
def test_template_keeps_lines_that_look_like_its_own(pack: Pack, text: str) -> None:
    """A line of the story that starts with '#' or reads as a [heading] went out of the
    template as a comment or a new section: editing a story and saving it unchanged lost it."""
    fields = {"title": "T", "situation": text, "task": "k", "action": "a", "result": text}
    p = stories.add(Progress(), stories.Draft(fields, [], []), MOMENT)
    draft = story_template.parse_template(pack, story_template.template(pack, p.stories[0]))
    assert draft.fields == fields


def test_the_template_lines_up_every_competency_s_name(pack: Pack) -> None:
    """The template listed the ids in 46 places: the longest,
    understanding-of-software-development-best-practices, pushed its name out of the column
    the others keep. Every name now starts in one column, one place after the longest id."""
    listed = [
        line[4:]
        for line in story_template.template(pack).splitlines()
        if line.startswith("#   ")
        and line[4:].split(" ", 1)[0] in {c.id for c in pack.competencies}
    ]
    assert len(listed) == len(pack.competencies) == 24
    longest = max(len(c.id) for c in pack.competencies)
    assert longest == len("understanding-of-software-development-best-practices")
    for line, c in zip(listed, pack.competencies, strict=True):
        assert line == f"{c.id.ljust(longest)}  {line[longest + 2 :]}", line
        assert line[longest + 2] != " ", line
    assert listed[10] == (
        "understanding-of-software-development-best-practices  Understanding of software "
        "development best practices (Technical Deep Dive)"
    )
