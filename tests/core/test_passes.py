from __future__ import annotations

import json
import math
from datetime import date, timedelta

from conftest import run

from emprep.core.passes import INTRO_SHARE, INTRO_SHARE_SEVERAL, deadline_pace
from emprep.storage.packs import load_pack

DAY = date(2026, 11, 2)  # a Monday
SCREEN, ONSITE = DAY + timedelta(days=14), DAY + timedelta(days=35)


def test_one_deadline_has_its_new_questions_in_by_half_way_to_its_final_pass() -> None:
    qids = [f"q{i}" for i in range(90)]
    pace = deadline_pace(DAY, qids, dict.fromkeys(qids, ONSITE), count=5, rest=frozenset())
    assert pace.left == {ONSITE: 35} and pace.pass_days == {ONSITE: 18}
    assert INTRO_SHARE == 0.5
    assert pace.new_quota(qids) == math.ceil(90 / ((35 - 18) * 0.5)) == 11


def test_while_an_earlier_round_is_ahead_new_questions_spread_to_each_final_pass() -> None:
    """18 screen questions and 90 onsite ones at 5 a day: the onsite's come over all its days
    up to its pass (not half of them), so the weeks before the screen are the screen's."""
    screen = [f"r{i}" for i in range(18)]
    onsite = [f"q{i}" for i in range(90)]
    deadlines = dict.fromkeys(screen, SCREEN) | dict.fromkeys(onsite, ONSITE)
    pace = deadline_pace(DAY, screen + onsite, deadlines, count=5, rest=frozenset())
    assert pace.left == {SCREEN: 14, ONSITE: 35}
    assert pace.pass_days == {SCREEN: 4, ONSITE: 22}
    assert INTRO_SHARE_SEVERAL == 1.0
    # the screen: 18 over 14 - 4 days; everything: 108 over 35 - 22 days
    assert pace.new_quota(screen + onsite) == max(math.ceil(18 / 10), math.ceil(108 / 13)) == 9
    assert pace.new_quota(onsite) == math.ceil(90 / 13) == 7
    alone = deadline_pace(SCREEN, onsite, deadlines, count=5, rest=frozenset())
    assert alone.left == {ONSITE: 21} and alone.pass_days == {ONSITE: 18}
    assert alone.new_quota(onsite) == math.ceil(90 / ((21 - 18) * INTRO_SHARE)) == 60


SCREEN_QUESTIONS = [q.id for q in load_pack().questions if "recruiter" in q.rounds]


def test_the_eve_of_a_round_asks_its_questions_still_weak_before_later_new_ones() -> None:
    """The day before the screen, three of its questions reviewed in its final pass (failed,
    then relearnt) were at 86-89 % for its morning, and the drill asked five new onsite
    questions: the pass counted them done. The eve ends the pass: the screen's questions below
    0.9 for its morning come first, weakest first, before a later round's new questions."""
    now = {"EMPREP_NOW": "2026-11-20T09:00"}
    assert run("config", "set", "interview", "2026-12-14", env=now).code == 0
    assert run("config", "set", "interview.recruiter", "2026-11-30", env=now).code == 0
    weak = {"rec-one-on-ones": "hard", "rec-search-logistics": "good", "rec-mission-values": "good"}
    for day, ratings in (
        ("2026-11-20", {}),
        ("2026-11-26", dict.fromkeys(weak, "again")),  # in the screen's final pass
        ("2026-11-27", weak),
    ):
        for q in SCREEN_QUESTIONS if day != "2026-11-27" else weak:
            r = run("review", q, ratings.get(q, "good"), env={"EMPREP_NOW": f"{day}T09:00"})
            assert r.code == 0, r.stderr
    eve = {"EMPREP_NOW": "2026-11-29T09:00"}
    doc = json.loads(run("drill", "--list", "--format", "json", env=eve).stdout)
    assert [(i["id"], i["kind"], i["deadline"]) for i in doc["items"]] == [
        ("rec-one-on-ones", "review", "2026-11-30"),
        ("rec-mission-values", "at-risk", "2026-11-30"),
        ("rec-search-logistics", "at-risk", "2026-11-30"),
        ("tech-ab-testing", "new", "2026-12-14"),
        ("exe-leadership-philosophy", "new", "2026-12-14"),
    ]
    assert [round(i["recall_interview"], 2) for i in doc["items"][:3]] == [0.86, 0.89, 0.89]


def test_a_rounds_new_questions_leave_three_places_each_where_its_places_are_short() -> None:
    """The screen 14 practice days ahead at 3 a day: 42 places. Beside the seen questions its
    final pass has still to review, each new one counts three (first sight, a relearning, the
    pass); the rest, a day's count at most, come after the day's pass."""
    screen = [f"r{i}" for i in range(18)]
    onsite = [f"q{i}" for i in range(90)]
    deadlines = dict.fromkeys(screen, SCREEN) | dict.fromkeys(onsite, ONSITE)
    pace = deadline_pace(DAY, screen + onsite, deadlines, count=3, rest=frozenset())
    assert pace.left[SCREEN] == 14
    assert pace.first_sights(SCREEN, unseen=6, waiting=0, count=3) == 42 // 3 == 14
    assert pace.first_sights(SCREEN, unseen=6, waiting=30, count=3) == (42 - 30) // 3 == 4
    assert pace.first_sights(SCREEN, unseen=6, waiting=40, count=3) == 6 - 3
    assert pace.first_sights(SCREEN, unseen=2, waiting=42, count=3) == 0
