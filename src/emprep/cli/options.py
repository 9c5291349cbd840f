"""The options several commands share, declared once.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from typing import Annotated

import typer

from emprep.cli.complete import question_ids, round_ids
from emprep.ui.output import TableJson

FORMAT = typer.Option("--format", help="Output format.")
Format = Annotated[TableJson, FORMAT]
Round = Annotated[
    str | None,
    typer.Option(
        "--round",
        metavar="ID",
        help="Only this round: recruiter, technical, people, strategic or executive "
        "(a prefix works).",
        autocompletion=round_ids,
    ),
]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE, in --format's format or the one its name ends with (.md, .json).",
    ),
]
QuestionArg = Annotated[
    str, typer.Argument(metavar="ID", help="The question's id.", autocompletion=question_ids)
]
