"""The loop pack's two files as written: their top-level tables, which pydantic checks when a
pack is read afresh (`storage.packs`). What a command holds is the `Pack` built from them,
which the cache keeps: these classes are never needed once it is there."""

from __future__ import annotations

from dataclasses import field
from typing import Annotated

from emprep.core.datatype import datatype
from emprep.core.models import (
    CONFIG,
    Coding,
    CriteriaGroup,
    Loop,
    Phase,
    Question,
    Round,
    Rule,
    Text,
    Track,
)


@datatype
class Preparation:
    """The guide's general preparation tips."""

    __pydantic_config__ = CONFIG
    tips: Annotated[list[Text], Rule(min_length=1)]


@datatype
class RoundsFile:
    """`rounds.toml` as written."""

    __pydantic_config__ = CONFIG
    loop: Loop
    criteria_group: Annotated[list[CriteriaGroup], Rule(min_length=1)]
    preparation: Preparation
    phase: Annotated[list[Phase], Rule(min_length=1)]
    round: Annotated[list[Round], Rule(min_length=1)]
    track: list[Track] = field(default_factory=list)
    coding: Coding | None = None


@datatype
class QuestionsFile:
    """`questions.toml` as written."""

    __pydantic_config__ = CONFIG
    question: Annotated[list[Question], Rule(min_length=1)]
