"""Text that breaks exports: tabs, line breaks, quotes, apostrophes, commas, semicolons, HTML
and non-ASCII letters."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

TRICKY: dict[str, Any] = {
    "text": 'Why Coursera\'s "mission",\tand why now?\nSay it <in> two lines & no more; é ü 学',
    "follow_ups": ['And the team\'s "why"?', "Tab\there, line\nthere"],
    "outline": "Reason\tthen evidence;\nthen 'why now', \"then\" the ask",
    "bar": "A <b>bold</b> claim & a 'quote'",
    "tags": ["Cover letter", "C++ & Go"],
}


def tricky_pack(pack_copy: Path) -> Path:
    """The pack copied to `pack_copy` with its first question made of that text."""
    path = pack_copy / "questions.toml"
    doc = tomllib.loads(path.read_text())
    first = doc["question"][0]
    first.update(TRICKY)
    first["points"][0]["text"] = 'Point with\ta tab, a "quote" and an apostrophe\'s\nbreak'
    first["red_flags"][0]["text"] = "Says 'it depends'\tand \"stops\""
    path.write_text(tomli_w.dumps(doc))
    return pack_copy
