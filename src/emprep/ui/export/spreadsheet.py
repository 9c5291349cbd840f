"""CSV for spreadsheets: one row per question."""

from __future__ import annotations

import io

from emprep.core.models import Question


def questions_csv(questions: list[Question]) -> str:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "rounds", "text", "tags", "source", "track", "criteria", "points"])
    for q in questions:
        w.writerow(
            [
                q.id,
                ";".join(q.rounds),
                q.text,
                ";".join(q.tags),
                q.source,
                q.track or "",
                ";".join(q.criteria),
                "\n".join(q.points),
            ]
        )
    return buf.getvalue()
