from __future__ import annotations

import math
from datetime import date, timedelta

from emprep.core.passes import INTRO_SHARE, INTRO_SHARE_SEVERAL, deadline_pace

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
