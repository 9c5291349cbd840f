"""Strict pydantic models of the loop pack: unknown keys are refused, not ignored."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Loop(Strict):
    company: Text
    family: Text
    role: Text
    level: Text
    difficulty: Text
    summary: Text
    rounds: int = Field(ge=1)
    timeline: Text
    timeline_days: int = Field(ge=1)
    experience: Text
    experience_min_years: int = Field(ge=0)
    experience_max_years: int = Field(ge=0)
    salary: Text
    salary_currency: Text
    salary_min: int = Field(ge=0)
    salary_max: int = Field(ge=0)
    total_minutes: int = Field(ge=1)
    plan_weeks: int = Field(ge=1)


class CriteriaGroup(Strict):
    id: Text
    name: Text
    items: list[Text] = Field(min_length=1)


class Preparation(Strict):
    tips: list[Text] = Field(min_length=1)


class Phase(Strict):
    id: Text
    order: int = Field(ge=1)
    name: Text
    first_week: int = Field(ge=1)
    last_week: int = Field(ge=1)
    summary: Text
    details: Text
    prepares: list[Text] = Field(min_length=1)
    tasks: list[Text] = Field(min_length=1)

    @property
    def weeks(self) -> int:
        return self.last_week - self.first_week + 1


class Track(Strict):
    id: Text
    name: Text
    focus: list[Text] = Field(min_length=1)
    tips: list[Text] = Field(min_length=1)


class Round(Strict):
    id: Text
    order: int = Field(ge=1)
    name: Text
    summary: Text
    kind: Text
    difficulty: Text
    minutes: int = Field(ge=1)
    interviewer: Text
    description: Text
    look_for: list[Text] = Field(min_length=1)
    criteria: list[Text] = Field(min_length=1)
    tips: list[Text] = Field(min_length=1)
    rejection_reasons: list[Text] = Field(min_length=1)


class RoundsFile(Strict):
    loop: Loop
    criteria_group: list[CriteriaGroup] = Field(min_length=1)
    preparation: Preparation
    phase: list[Phase] = Field(min_length=1)
    track: list[Track] = Field(default_factory=list)
    round: list[Round] = Field(min_length=1)


class Question(Strict):
    id: Text
    rounds: list[Text] = Field(min_length=1)
    text: Text
    tags: list[Text] = Field(default_factory=list)
    source: Literal["guide", "posting", "authored"]
    common: bool = False
    track: str | None = None
    criteria: list[Text] = Field(min_length=1)
    points: list[Text] = Field(min_length=3, max_length=5)


class QuestionsFile(Strict):
    question: list[Question] = Field(min_length=1)
