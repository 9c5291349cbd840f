"""Strict pydantic models of the loop pack: unknown keys are refused, not ignored."""

from __future__ import annotations

import os
from datetime import date
from typing import Annotated, Literal

# emprep uses no pydantic plugins; scanning every installed package's entry points for them costs
# more start-up time than all of emprep's own work on a small command.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

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
    criteria: list[Text] = Field(default_factory=list)  # the rounds' criteria it groups


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


# --- The progress file ----------------------------------------------------------------------

SCHEMA = 1


class Profile(Strict):
    interview: date | None = None
    start: date | None = None
    hours: float | None = Field(default=None, gt=0)
    track: str | None = None
    count: int | None = Field(default=None, ge=1)


class CardState(Strict):
    """An fsrs Card's `to_dict()`, with its `None`s left out (TOML has no null)."""

    card_id: int
    state: int = Field(ge=1, le=3)
    step: int | None = Field(default=None, ge=0)
    stability: float | None = Field(default=None, gt=0)
    difficulty: float | None = None
    due: AwareDatetime
    last_review: AwareDatetime | None = None


class ReviewEntry(Strict):
    question: Text
    at: AwareDatetime
    rating: int = Field(ge=1, le=4)
    seconds: int = Field(ge=0)


STORY_ID = r"^s[1-9][0-9]*$"
STAR = ("situation", "task", "action", "result")


class Story(Strict):
    """A STAR story; `competencies` are competency ids, `questions` question ids."""

    id: str = Field(pattern=STORY_ID)
    title: Text
    situation: Text
    task: Text
    action: Text
    result: Text
    competencies: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(default_factory=list)
    created: AwareDatetime
    updated: AwareDatetime


class MockAnswer(Strict):
    question: Text
    rating: int = Field(ge=1, le=4)
    seconds: int = Field(ge=0)


class Mock(Strict):
    """One mock round, saved as it goes: `finished` once the self-scores are in."""

    round: Text
    at: AwareDatetime
    minutes: int = Field(ge=1)
    questions: list[Text] = Field(min_length=1)
    answers: list[MockAnswer] = Field(default_factory=list)
    scores: dict[str, Annotated[int, Field(ge=1, le=5)]] = Field(default_factory=dict)
    rejections: list[Text] = Field(default_factory=list)
    finished: bool = False


class Progress(Strict):
    schema_: int = Field(default=SCHEMA, alias="schema")
    profile: Profile = Field(default_factory=Profile)
    cards: dict[str, CardState] = Field(default_factory=dict)
    reviews: list[ReviewEntry] = Field(default_factory=list)
    last_story: int = Field(default=0, ge=0)  # story ids are never reused
    stories: list[Story] = Field(default_factory=list)
    mocks: list[Mock] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)
