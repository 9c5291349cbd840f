"""The commands that change the progress file, in any order, against a model of what the file
should hold: every change kept, nothing else changed, each refusal exit 2 with the file as it
was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import run
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from emprep.storage import store

START = datetime(2026, 11, 20, 9, tzinfo=UTC)
QUESTIONS = ["rec-why-coursera", "exe-scaling", "ppl-difficult-feedback", "tech-kafka-events"]
RATINGS = {"again": 1, "hard": 2, "good": 3, "easy": 4}
SETTINGS: dict[str, list[str]] = {
    "count": ["1", "7", "100"],
    "hours": ["1", "4.5", "168"],
    "track": ["remote", "hub"],
    "rest-days": ["sun", "sat,sun", "mon,wed,fri"],
}
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
VALUES: dict[str, Callable[[str], object]] = {
    "interview": date.fromisoformat,
    "count": int,
    "hours": float,
    "track": str,
    "rest-days": lambda v: sorted(v.split(","), key=DAYS.index),
}
REFUSALS = [
    (
        "count must be a whole number from 1 to 100 (got 0); try emprep config set count 5",
        ["config", "set", "count", "0"],
    ),
    (
        "unknown question 'nope': list the ids with 'emprep questions'",
        ["review", "nope", "good"],
    ),
]
WORDS = ["Why here?", "Tell me about a \u202eredesign\u202c 🚀", "exe-scaling", "Dive\twith a tab"]


class Commands(RuleBasedStateMachine):
    """The model: the profile's settings as typed, the log's (question, rating) in order, the
    stories by id, the rounds logged by (round, day)."""

    path: Path

    def __init__(self) -> None:
        super().__init__()
        self.path.unlink(missing_ok=True)
        self.path.with_name(self.path.name + ".bak").unlink(missing_ok=True)
        self.now = START
        self.profile: dict[str, str] = {"interview": "2027-01-15"}
        self.log: list[tuple[str, int]] = []
        self.stories: dict[str, str] = {}
        self.last_story = 0
        self.rounds: dict[tuple[str, str], list[str]] = {}
        self.ok("config", "set", "interview", "2027-01-15")

    def ok(self, *args: str) -> str:
        self.now += timedelta(minutes=37)
        r = run(*args, env={"EMPREP_NOW": self.now.isoformat()})
        assert (r.code, r.stderr) == (0, ""), r.stderr
        return r.stdout

    def refused(self, message: str, *args: str) -> None:
        before = self.path.read_bytes()
        r = run(*args, env={"EMPREP_NOW": self.now.isoformat()})
        assert (r.code, r.stdout, r.stderr) == (2, "", f"emprep: error: {message}\n")
        assert self.path.read_bytes() == before

    @rule(key=st.sampled_from(sorted(SETTINGS)), data=st.data())
    def config_set(self, key: str, data: st.DataObject) -> None:
        value = data.draw(st.sampled_from(SETTINGS[key]))
        self.ok("config", "set", key, value)
        self.profile[key] = value

    @rule(key=st.sampled_from(sorted(SETTINGS)))
    def config_unset(self, key: str) -> None:
        self.ok("config", "unset", key)
        self.profile.pop(key, None)

    @rule(qid=st.sampled_from(QUESTIONS), rating=st.sampled_from(sorted(RATINGS)))
    def review(self, qid: str, rating: str) -> None:
        self.ok("review", qid, rating, "--seconds", "30")
        self.log.append((qid, RATINGS[rating]))

    @rule()
    def undo(self) -> None:
        if not self.log:
            self.refused("nothing to undo: no rating is recorded", "undo")
            return
        self.ok("undo")
        self.log.pop()

    @rule(refusal=st.sampled_from(REFUSALS))
    def bad_input(self, refusal: tuple[str, list[str]]) -> None:
        message, args = refusal
        self.refused(message, *args)

    @rule(title=st.sampled_from(["The reorg", "Launch 🚀 \u200fsoon", "x" * 300]))
    def story_add(self, title: str) -> None:
        star = ["--situation", "S\r\nS", "--task", "T", "--action", "A", "--result", "R"]
        self.ok("story", "add", "--title", title, *star)
        self.last_story += 1
        self.stories[f"s{self.last_story}"] = title

    @precondition(lambda self: bool(self.stories))
    @rule(data=st.data())
    def story_rm(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(sorted(self.stories)))
        self.ok("story", "rm", sid, "--yes")
        del self.stories[sid]

    @rule(round_id=st.sampled_from(["recruiter", "technical"]), asked=st.sampled_from(WORDS))
    def rounds_log(self, round_id: str, asked: str) -> None:
        self.ok("rounds", "log", round_id, "--asked", asked)
        kept = self.rounds.setdefault((round_id, self.now.date().isoformat()), [])
        words = asked if asked in QUESTIONS else " ".join(asked.split())
        kept += [] if words in kept else [words]

    @invariant()
    def the_file_holds_the_model(self) -> None:
        if not self.path.exists():
            return
        p = store.load(self.path)
        shown = {
            "interview": p.profile.interview,
            "count": p.profile.count,
            "hours": p.profile.hours,
            "track": p.profile.track,
            "rest-days": p.profile.rest_days,
        }
        typed = {k: v for k, v in shown.items() if v is not None}
        assert typed == {k: VALUES[k](v) for k, v in self.profile.items()}
        assert [line.split()[1:3] for line in p.log.splitlines()] == [
            [q, str(r)] for q, r in self.log
        ]
        assert sorted(p.cards) == sorted({q for q, _ in self.log})
        assert {s.id: s.title for s in p.stories} == self.stories
        assert p.last_story == self.last_story
        logged = {(i.round, i.day.isoformat()): [*i.questions, *i.asked] for i in p.interviews}
        assert logged == {
            k: sorted(v, key=lambda a: a not in QUESTIONS) for k, v in self.rounds.items()
        }


@pytest.mark.slow
def test_the_file_holds_what_the_commands_said(isolated: Path) -> None:
    Commands.path = isolated
    Commands.TestCase.settings = settings(
        max_examples=25,
        stateful_step_count=20,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    Commands.TestCase().runTest()
