"""The CSV: a column for every field of the questions' JSON, read back with Python's csv to
the same values; text that breaks naive CSV survives; the byte-order mark only when asked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from conftest import run
from tricky import TRICKY, tricky_pack

from emprep.core.pack import Pack
from emprep.ui.export.spreadsheet import BOM, WORDS


def expected(name: str, value: Any) -> str:
    """What a JSON value looks like in its cell, as the module's docstring promises."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        items = [": ".join(v.values()) if isinstance(v, dict) else v for v in value]
        return (";" if name in WORDS else "\n").join(items)
    return str(value)


def both(*args: str) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    r = run(*args, "questions", "--format", "csv")
    assert r.code == 0, r.stderr
    docs = json.loads(run(*args, "questions", "--format", "json").stdout)["questions"]
    return list(csv.DictReader(io.StringIO(r.stdout))), docs


def test_every_json_field_is_a_column_with_the_same_values(pack: Pack) -> None:
    rows, docs = both()
    assert list(rows[0]) == list(docs[0])
    assert "common" in rows[0] and "red_flags" in rows[0]
    assert len(rows) == len(pack.questions)
    for row, doc in zip(rows, docs, strict=True):
        assert row == {k: expected(k, v) for k, v in doc.items()}
    first = rows[0]
    assert first["tags"] == "Behavioral;Motivation"
    assert first["common"] in ("true", "false")
    assert first["points"].split("\n")[0].startswith(pack.questions[0].points[0].criterion + ": ")


def test_text_that_breaks_naive_csv_round_trips(pack_copy: Path) -> None:
    rows, docs = both("--data", str(tricky_pack(pack_copy)))
    assert rows[0]["text"] == TRICKY["text"]
    assert rows[0]["outline"] == TRICKY["outline"]
    assert rows[0]["follow_ups"].split("\n") == [
        'And the team\'s "why"?',
        "Tab\there, line",
        "there",
    ]
    assert rows[0]["tags"] == "Cover letter;C++ & Go"
    assert rows[0] == {k: expected(k, v) for k, v in docs[0].items()}


def test_a_byte_order_mark_only_when_asked() -> None:
    plain = run("questions", "--format", "csv").stdout
    marked = run("questions", "--format", "csv", "--bom").stdout
    assert not plain.startswith(BOM)
    assert marked == BOM + plain
    assert list(csv.reader(io.StringIO(marked.encode().decode("utf-8-sig")))) == list(
        csv.reader(io.StringIO(plain))
    )
    r = run("questions", "--format", "json", "--bom")
    assert (r.code, r.stderr) == (
        2,
        "emprep: error: --bom is for --format csv (Excel reads the mark as 'UTF-8')\n",
    )
