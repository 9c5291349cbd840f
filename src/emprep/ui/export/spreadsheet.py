"""CSV for spreadsheets: one row per question, a column for every field of the JSON document
(`questions --format json`), so the two cannot drift apart.

A list of ids or tags is one cell joined by `;`; a list of sentences is one cell, a line each;
a point or a red flag is `criterion: text` on its line. A cell holding a comma, a quote or a line
break is quoted, as RFC 4180 says. UTF-8, without a byte-order mark unless asked (`--bom`):
programs read it plain (Python's csv would take a mark for part of the first column's name),
and Excel needs the mark to read it as UTF-8 when the file is opened with a double click.

A cell that starts with `=`, `+`, `-`, `@` or a tab starts with `'`: Excel and LibreOffice would
run it as a formula (`=HYPERLINK(...)` in a note, or in a pack someone sent), and with the quote
they show it as text. A number stays a number. A control character other than a line break or a
tab (a carriage return too) is written as its escape (`\\x1b`), as the screen shows it: the file
shown with `cat` cannot clear or retitle the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from emprep.core.models import Question
from emprep.ui.export.docs import questions_doc
from emprep.ui.text import escaped

WORDS = {"rounds", "tags", "criteria", "replaces"}  # lists of ids and names, joined by ";"
BOM = "\ufeff"
FORMULA = re.compile(r"[=+\-@\t]")
NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


def columns() -> list[str]:
    """The fields of a question's JSON document, in its order: the header row, there even
    when no question matched (a spreadsheet or pandas reads a file without one as no table)."""
    from dataclasses import fields

    return [f.name for f in fields(Question)] + ["note"]


def cell(name: str, value: Any) -> str:
    text = escaped(_text(name, value))
    return "'" + text if FORMULA.match(text) and not NUMBER.fullmatch(text) else text


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        items = [": ".join(map(str, v.values())) if isinstance(v, dict) else str(v) for v in value]
        return (";" if name in WORDS else "\n").join(items)
    return str(value)


def questions_csv(
    questions: list[Question], notes: dict[str, str] | None = None, *, bom: bool = False
) -> str:
    import csv
    import io

    rows = questions_doc(questions, notes)["questions"]
    buf = io.StringIO()
    if bom:
        buf.write(BOM)
    out = csv.writer(buf, lineterminator="\n")
    names = columns()
    out.writerow(names)
    for row in rows:
        out.writerow([cell(n, row[n]) for n in names])
    return buf.getvalue()
