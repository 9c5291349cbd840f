"""The built-in pack: every fact of the guide, word for word, and a bank worth drilling."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from emprep.core.errors import EmprepError
from emprep.core.models import Progress
from emprep.core.pack import Pack, PackIds
from emprep.core.scheduler import record

GUIDE = (FIXTURES / "em-m4-interview-guide.txt").read_text()
GUIDE_LINES = [line.strip() for line in GUIDE.splitlines()]
POSTING = (FIXTURES / "senior-backend-job-posting.txt").read_text()


def _section(start: str, end: str, after: int = 0) -> list[str]:
    """Non-empty guide lines between the `after`-th heading `start` and the next `end`."""
    i = [k for k, line in enumerate(GUIDE_LINES) if line == start][after] + 1
    out = []
    while GUIDE_LINES[i] != end:
        if GUIDE_LINES[i]:
            out.append(GUIDE_LINES[i])
        i += 1
    return out


def guide_questions() -> set[str]:
    qs = set(_section("Commonly Asked Questions", "Location-Based Differences"))
    for n in range(2):
        qs |= set(_section("Common Questions", "Tips", after=n))
    for n in range(5):
        asked = _section("Questions Asked", "Preparation Tips", after=n)
        qs |= set(asked[0::2])  # each question is followed by its tag line
    return qs


def test_builtin_pack_has_the_loop(pack: Pack) -> None:
    loop = pack.loop
    assert (loop.company, loop.role, loop.level, loop.difficulty) == (
        "Coursera",
        "Software Engineering Manager",
        "M4",
        "Hard",
    )
    assert (loop.rounds, loop.timeline_days, loop.total_minutes, loop.plan_weeks) == (5, 21, 270, 8)
    assert (loop.experience_min_years, loop.experience_max_years) == (6, 10)
    assert (loop.salary_min, loop.salary_max) == (170000, 220000)
    assert pack.round_ids == ["recruiter", "technical", "people", "strategic", "executive"]
    assert [r.minutes for r in pack.rounds] == [45, 60, 60, 45, 60]
    assert [len(g.items) for g in pack.criteria_groups] == [6, 4, 4, 4]
    assert len(pack.tips) == 7
    assert [(p.first_week, p.last_week) for p in pack.phases] == [
        (1, 2),
        (3, 4),
        (5, 6),
        (7, 7),
        (8, 8),
    ]
    assert pack.track_ids == ["remote", "hub"]


def test_every_guide_question_is_in_the_pack_word_for_word(pack: Pack) -> None:
    expected = guide_questions()
    assert len(expected) == 31
    in_pack = {q.text for q in pack.questions if q.source == "guide"}
    assert in_pack == expected
    assert sum(q.common for q in pack.questions) == 10
    assert {q.text for q in pack.questions if q.common} == set(
        _section("Commonly Asked Questions", "Location-Based Differences")
    )


def test_round_questions_keep_the_guides_tags(pack: Pack) -> None:
    """All but `Behavioral`, which the pack gives by its own rule (below): the guide gave it
    to motivation and approach questions too."""
    asked = _section("Questions Asked", "Preparation Tips", after=1)
    q = next(q for q in pack.questions if q.text == asked[0])
    assert "".join(q.tags) == asked[1] == "System DesignArchitecture"
    for n in range(5):
        asked = _section("Questions Asked", "Preparation Tips", after=n)
        for text, tags in zip(asked[0::2], asked[1::2], strict=True):
            q = next(q for q in pack.questions if q.text == text)
            ours = "".join(t for t in q.tags if t != "Behavioral")
            assert ours == tags.replace("Behavioral", "") or (q.id, tags) == (
                "rec-strengths-weaknesses",
                "Behavioral",
            ), q.id


STORY_QUESTIONS = [
    "rec-mission-values",
    "rec-proudest-achievement",
    "tech-tradeoff",
    "tech-mysql-dynamodb",
    "tech-ambiguous-problem",
    "tech-incident-command",
    "tech-design-doc-review",
    "tech-technical-vision",
    "tech-estimate-slip",
    "tech-build-vs-buy",
    "ppl-difficult-feedback",
    "ppl-motivate-struggling",
    "ppl-promotion",
    "ppl-failure",
    "ppl-delegation",
    "ppl-managing-leads",
    "ppl-managing-out",
    "ppl-reorg-layoff",
    "ppl-burnout",
    "ppl-mis-hire",
    "ppl-disagree-leadership",
    "ppl-peer-conflict",
    "str-pm-disagreements",
    "str-data-driven-decision",
    "str-failed-launch",
    "exe-scaling",
    "exe-influence-stakeholders",
    "exe-bad-news",
    "exe-stop-a-bet",
    "com-team-conflict",
    "com-complex-project",
    "com-difficult-decision",
    "remote-adapt-style",
]


def test_behavioral_marks_exactly_the_questions_a_star_story_answers(pack: Pack) -> None:
    """A time, a case, a person, a project or a decision of the candidate's own, or an answer
    built on one ("a real scaling story"); not a motivation, an opinion, a vision, a design,
    or a "how do you" (before: 45, `rec-questions-for-us` and `rec-why-coursera` among them,
    `remote-adapt-style`, "Describe a time ...", not)."""
    tagged = [q.id for q in pack.questions if "Behavioral" in q.tags]
    assert tagged == STORY_QUESTIONS
    asks = re.compile(r"(Tell me about (a|an|the) |Describe a (time|situation))")
    assert [q.id for q in pack.questions if asks.search(q.text) and q.id not in tagged] == []


def test_every_guide_string_in_rounds_toml_is_word_for_word(pack: Pack) -> None:
    """All text of rounds.toml but emprep's own `tasks` (and their former texts) appears in
    the guide as written."""
    data = tomllib.loads((pack.source / "rounds.toml").read_text())
    own = {
        "tasks",
        "renamed",
        "before_round",
        "prepares",
        "id",
        "family",
        "salary_currency",
        "advice",
    }

    def strings(node: object, key: str = "") -> list[str]:
        if key in own:
            return []
        if isinstance(node, str):
            return [node]
        if isinstance(node, list):
            return [s for x in node for s in strings(x, key)]
        if isinstance(node, dict):
            return [s for k, v in node.items() for s in strings(v, k)]
        return []

    found = strings(data)
    assert len(found) > 150
    missing = [s for s in found if s not in GUIDE]
    assert missing == []


MINIMUM = {"recruiter": 14, "technical": 26, "people": 26, "strategic": 16, "executive": 14}


def test_bank_has_its_size_and_every_field(pack: Pack) -> None:
    """The bank's targets: questions per round (a question counts for each round it is in,
    track questions apart), every criterion tested by 4 questions of its round, every reason
    for rejection the red flag of 2; every question carries the coach's fields in range."""
    general = [q for q in pack.questions if q.track is None]
    assert 95 <= len(general) <= 130
    assert {t: sum(q.track == t for q in pack.questions) for t in pack.track_ids} == {
        "remote": 5,
        "hub": 5,
    }
    for r in pack.rounds:
        asked = [q for q in general if r.id in q.rounds]
        assert len(asked) >= MINIMUM[r.id], r.id
        for c in r.criteria:
            assert sum(c in q.criteria for q in asked) >= 4, (r.id, c)
        for reason in r.rejection_reasons:
            assert sum(any(f.reason == reason for f in q.red_flags) for q in asked) >= 2, reason
    for q in pack.questions:
        assert 4 <= len(q.points) <= 6 and 2 <= len(q.follow_ups) <= 3, q.id
        assert 2 <= len(q.red_flags) <= 3, q.id
        assert {p.criterion for p in q.points} == set(q.criteria), q.id
        assert q.difficulty in ("core", "m4", "stretch") and q.outline and q.bar, q.id
        assert 1 <= q.minutes <= min(pack.round(r).minutes for r in q.rounds), q.id
        assert q.text.lower() not in " ".join(p.text.lower() for p in q.points), q.id
    assert {q.difficulty for q in pack.questions} == {"core", "m4", "stretch"}


STORY = re.compile(
    r"^(Tell me about|Describe a (time|situation)|Walk me through (a|the)|What achievement) "
)


def test_story_questions_ask_for_numbers_and_what_you_would_do_differently(pack: Pack) -> None:
    """A story told without a measured result, or without what the candidate would change, is
    the commonest reason a hiring manager marks a behavioural answer down: every question that
    asks for a story says to bring both."""
    stories = [q for q in pack.questions if STORY.match(q.text)]
    assert len(stories) >= 25
    for q in stories:
        points = " ".join(p.text for p in q.points)
        assert re.search(r"\d|\bnumbers?\b", points), q.id
        assert re.search(r"differently|lesson", f"{points} {q.outline}", re.IGNORECASE), q.id


def test_an_outline_that_times_its_steps_fills_the_time_box(pack: Pack) -> None:
    """Where the outline budgets most of the time box in minutes, the steps add up to all of
    it: a design practised against an outline of 18 minutes runs out of time at 20."""
    timed = 0
    for q in pack.questions:
        minutes = sum(int(m) for m in re.findall(r"(\d+) min\b", q.outline))
        if 2 * minutes >= q.minutes:
            timed += 1
            assert minutes == q.minutes, q.id
    assert timed >= 25


def test_the_guides_questions_are_core_and_its_common_ones_flagged(pack: Pack) -> None:
    """The ten questions under the guide's "Commonly Asked Questions" are the ones flagged
    `common`; every question the guide lists (under a round, as commonly asked or for a
    track) is `core`, the bank's word for a question every candidate is asked, so
    `questions --difficulty core` keeps the technical round's design and performance questions."""
    common = [q for q in pack.questions if q.common]
    assert {q.text for q in common} == set(
        _section("Commonly Asked Questions", "Location-Based Differences")
    )
    assert len(common) == 10
    guide = [q for q in pack.questions if q.source == "guide"]
    assert len(guide) == 31
    assert {q.difficulty for q in guide} == {"core"}


def test_no_two_questions_ask_the_same_thing(pack: Pack) -> None:
    """No repeated text or follow-up, and no point shared word for word between questions."""
    texts = [q.text.lower() for q in pack.questions]
    assert len(set(texts)) == len(texts)
    follow_ups = [f.lower() for q in pack.questions for f in q.follow_ups]
    assert len(set(follow_ups)) == len(follow_ups)
    points = [p.text.lower() for q in pack.questions for p in q.points]
    assert len(set(points)) == len(points)


def test_emprep_marks_its_own_choices(pack: Pack) -> None:
    """Only the guide's 15 round questions are placed by the guide; common, track and authored
    questions say emprep placed them; the criteria group a round criterion is in is emprep's."""
    by_guide = [q for q in pack.questions if q.placed_by == "guide"]
    assert len(by_guide) == 15
    assert {sum(r.id in q.rounds for q in by_guide) for r in pack.rounds} == {3}
    assert all(q.placed_by == "emprep" for q in pack.questions if q.common or q.track)
    assert pack.group_of["Problem-solving abilities"].name == "Technical Acumen"
    assert pack.coding is not None
    assert pack.coding.heading in GUIDE and pack.coding.summary in GUIDE
    assert "Ask the recruiter whether" in pack.coding.advice[0]


def test_merged_questions_keep_their_reviews(pack: Pack) -> None:
    """A removed id lives on in `replaces`: its card carries over to its heir, old lines stay."""
    from emprep.core.models import Progress, Story
    from emprep.core.scheduler import record

    assert pack.replaced == {
        "tech-design-recommendations": "tech-design-feature",
        "rec-management-style": "exe-leadership-philosophy",
        "rec-people-management-basics": "exe-first-90-days",
        "tech-modern-java": "tech-play-scala-migration",
    }
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    p = record(Progress(), "rec-management-style", 3, seconds=60, now=at)
    story = Story("s1", "t", "s", "t", "a", "r", at, at, questions=["rec-management-style"])
    p = replace(p, stories=[story])
    carried = pack.carry(p)
    assert carried.cards["exe-leadership-philosophy"] == p.cards["rec-management-style"]
    assert carried.cards["rec-management-style"] == p.cards["rec-management-style"]
    assert carried.log == p.log
    assert carried.stories[0].questions == ["exe-leadership-philosophy"]
    again = record(carried, "exe-leadership-philosophy", 3, seconds=60, now=at + timedelta(days=3))
    assert again.cards["exe-leadership-philosophy"].stability != (
        record(Progress(), "exe-leadership-philosophy", 3, seconds=60, now=at + timedelta(days=3))
        .cards["exe-leadership-philosophy"]
        .stability
    )
    assert pack.carry(again) == again  # the heir's own card wins once it has one


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_pack_s_ids_name_a_question_as_the_pack_does(pack: Pack, data: st.DataObject) -> None:
    """A rating reads `PackIds` instead of the pack: any word, the same question or the same
    refusal; the same rounds and the same reviews carried to a merged question's heir."""
    ids = PackIds.of(pack)
    known = [*pack.question_by_id, *pack.replaced]
    word = data.draw(
        st.sampled_from(known).flatmap(
            lambda i: st.integers(0, len(i)).map(lambda n: i[:n]) | st.just(i.upper() + " ")
        )
        | st.text(max_size=12)
    )
    try:
        want: str | Exception = pack.question(word).id
    except EmprepError as e:
        want = e
    try:
        assert ids.question(word) == want
    except EmprepError as e:
        assert isinstance(want, EmprepError) and str(e) == str(want)
    assert ids.round_ids == pack.round_ids
    assert ids.rounds_of == {q.id: q.rounds for q in pack.questions}
    assert list(ids.rounds_of) == [q.id for q in pack.questions]
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    p = record(Progress(), data.draw(st.sampled_from(known)), 3, seconds=60, now=at)
    assert ids.carry(p) == pack.carry(p)


def test_stack_questions_stay_within_what_the_posting_says(pack: Pack) -> None:
    posting = [q for q in pack.questions if q.source == "posting" and "technical" in q.rounds]
    assert len(posting) >= 8
    stack = ["Java", "MySQL", "DynamoDB", "gRPC", "GraphQL", "Kafka", "microservices", "A/B test"]
    bank = " ".join(q.text.lower() for q in pack.questions)
    for word in [*stack, "Play/Scala", "monitoring", "deploy many times a day"]:
        assert word.lower() in POSTING.lower()
        assert word.lower() in bank, word
    assert "our services talk grpc" not in bank
    placeholders = [q for q in pack.questions if "[" in q.text]
    assert len(placeholders) == 3
