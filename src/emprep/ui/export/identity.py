"""Names that stay the same from one export to the next, so that a calendar or Anki, given the
file again, updates what it holds instead of adding copies: they say what a thing is (this
loop, its week 3, its question `rec-why-coursera`), never when the export ran."""

from __future__ import annotations

import re

from emprep.core.pack import Pack


def loop_name(pack: Pack) -> str:
    """`Coursera Software Engineering Manager (M4)`: the loop as every heading names it, with
    its level, so that two loops of one company and role read apart as their files do."""
    loop = pack.loop
    return f"{loop.company} {loop.role} ({loop.level})"


def loop_key(pack: Pack) -> str:
    """The loop's company, role and level as an ASCII slug: one candidate's calendar may hold
    the preparation for two loops, and their events must not update each other. Accents are
    dropped (`Zürich` is `zurich`); letters ASCII cannot spell (`株式会社`) add a short hash of
    the names, so two such loops still differ."""
    import hashlib  # here, not at the top: `questions` and `plan` import this module, and hashlib
    import unicodedata  # loads OpenSSL (2 ms of their start-up) for what a table never needs

    loop = pack.loop
    names = f"{loop.company}|{loop.role}|{loop.level}"
    words = "".join(c for c in unicodedata.normalize("NFKD", names) if not unicodedata.combining(c))
    slug = "-".join(re.findall(r"[a-z0-9]+", words.lower()))
    if slug and all(c.isascii() for c in words if c.isalnum()):
        return slug
    return (slug or "loop") + "-" + hashlib.sha256(names.encode()).hexdigest()[:12]


def stable_id(*parts: str) -> int:
    """A number from 2**30 to 2**31 - 1 that only `parts` decide, for the ids Anki wants as
    integers (note type, deck): the range genanki advises, clear of Anki's own ids."""
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(parts).encode()).digest()  # ("a", "b") is not ("a|b",)
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)
