"""CSV for spreadsheets: one row per question."""

from __future__ import annotations

import io

from emprep.core.models import Question


def questions_csv(questions: list[Question]) -> str:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "id",
            "rounds",
            "text",
            "tags",
            "source",
            "track",
            "criteria",
            "points",
            "follow_ups",
            "red_flags",
            "outline",
            "minutes",
            "bar",
            "difficulty",
            "placed_by",
        ]
    )
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
                "\n".join(f"{p.criterion}: {p.text}" for p in q.points),
                "\n".join(q.follow_ups),
                "\n".join(f"{f.reason}: {f.text}" for f in q.red_flags),
                q.outline,
                q.minutes,
                q.bar,
                q.difficulty,
                q.placed_by,
            ]
        )
    return buf.getvalue()
