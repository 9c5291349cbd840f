"""Anki: a tab-separated file with Anki's import header lines."""

from __future__ import annotations

from collections.abc import Iterable

from emprep.core.models import Question
from emprep.core.pack import Pack


def anki_tag(text: str) -> str:
    """Anki tags are space-separated, so spaces inside one become underscores."""
    return "_".join(text.split())


def _html_list(items: Iterable[str]) -> str:
    import html

    return "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in items) + "</ul>"


def questions_anki(pack: Pack, questions: list[Question]) -> str:
    """A tab-separated file with Anki's import header lines: one Basic note per question."""
    import html

    lines = [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        f"#deck:emprep::{pack.loop.company} {pack.loop.role}",
        "#columns:GUID\tFront\tBack\tTags",
        "#guid column:1",
        "#tags column:4",
    ]
    names = {r.id: r.name for r in pack.rounds}
    for q in questions:
        back = (
            "<b>"
            + html.escape(" / ".join(names[r] for r in q.rounds))
            + f"</b> · {q.minutes} min · {q.difficulty}<br>"
            + html.escape(q.outline)
            + _html_list(f"{p.text} [{p.criterion}]" for p in q.points)
            + "<b>They will ask next</b>"
            + _html_list(q.follow_ups)
            + "<b>Red flags</b>"
            + _html_list(f"{f.text} [{f.reason}]" for f in q.red_flags)
            + "<b>The bar</b>: "
            + html.escape(q.bar)
        )
        tags = [f"emprep::round::{r}" for r in q.rounds] + [f"emprep::source::{q.source}"]
        tags += [anki_tag(t) for t in q.tags]
        lines.append("\t".join([f"emprep-{q.id}", html.escape(q.text), back, " ".join(tags)]))
    return "\n".join(lines) + "\n"
