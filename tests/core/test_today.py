from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import run

from emprep.core import practice
from emprep.core import today as today_module
from emprep.core.drill import Drill
from emprep.core.models import Profile, Progress
from emprep.core.pack import Pack
from emprep.core.scheduler import record
from emprep.core.settings import effective
from emprep.storage import store


def test_reviews_of_a_round_already_past_are_not_counted_as_still_due(isolated: Path) -> None:
    """On the last round's day the screen (recruiter) is behind: its questions take no place, so
    `today` must not send the candidate to `drill --more` for them."""
    p = Progress(
        profile=Profile(
            interview=date(2027, 1, 15), count=5, rounds={"recruiter": date(2027, 1, 4)}
        )
    )
    for qid in ("exe-scaling", "rec-why-coursera"):
        p = record(p, qid, 3, seconds=60, now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    store.update(isolated, lambda _: p)
    env = {"EMPREP_NOW": "2027-01-15T09:00:00+00:00"}
    items = json.loads(run("drill", "--list", "--format", "json", env=env).stdout)["items"]
    assert [(i["id"], i["kind"]) for i in items] == [("exe-scaling", "warm-up")]
    assert run("review", "exe-scaling", "good", env=env).code == 0
    drill = json.loads(run("today", "--format", "json", env=env).stdout)["drill"]
    assert (drill["left"], drill["still_due"]) == (0, 0)
    more = json.loads(run("drill", "--more", "--list", "--format", "json", env=env).stdout)
    assert [i["id"] for i in more["items"]] == []


def test_a_task_already_as_asked_is_said_to_be_so(isolated: Path) -> None:
    """`task done 2` twice said "Ticked task 2" twice, and `task undo 1` of a task never ticked
    said "Unticked task 1": now what was already so is said, and the file is left as it was."""
    env = {"EMPREP_NOW": "2026-11-20T09:00:00+00:00"}
    run("config", "set", "interview", "2027-01-15", env=env)
    run("config", "set", "hours", "40", env=env)  # a week that holds all its tasks
    task2 = (
        "List your eight strongest accomplishments from your resume (leadership, technical, "
        "hiring), each with its number; they are the raw material of your stories."
    )
    first = run("task", "done", "2", env=env)
    assert (first.code, first.stdout) == (
        0,
        f"Ticked task 2: {task2}\n1 of 2 tasks done this week.\n",
    )
    again = run("task", "done", "2", env=env)
    assert (again.code, again.stdout) == (
        0,
        f"Task 2 was already ticked: {task2}\n1 of 2 tasks done this week.\n",
    )
    never = run("task", "undo", "1", env=env)
    assert never.code == 0
    assert never.stdout.startswith("Task 1 was not ticked: Read Coursera's latest annual report")
    assert never.stdout.endswith("\n1 of 2 tasks done this week.\n")
    assert store.load(isolated).done_tasks == [task2]
    undone = run("task", "undo", "2", env=env)
    assert undone.stdout == f"Unticked task 2: {task2}\n0 of 2 tasks done this week.\n"


def test_a_tick_on_a_task_s_former_text_counts_and_is_moved_by_undo_and_done(
    isolated: Path,
) -> None:
    """A reworded task (`[phase.renamed]`) keeps the tick stored on its former text."""
    former = (
        "Write one line for each technology in the posting (modern Java, Play/Scala, MySQL, "
        "DynamoDB, Cassandra, Solr, gRPC, GraphQL (DGS), Kafka): where you would use it and the "
        "risk you would watch as its manager; read the design guide of the two you know least."
    )
    profile = Profile(interview=date(2027, 1, 15), start=date(2026, 11, 20), hours=40)
    p = Progress(profile=profile, done_tasks=[former, "gone"])
    store.update(isolated, lambda _: p)
    env = {"EMPREP_NOW": "2026-12-18T09:00:00+00:00"}
    tasks = json.loads(run("today", "--format", "json", env=env).stdout)["tasks"]
    now = [t for t in tasks if t["text"].startswith("Write one line for each technology")]
    assert [(t["number"], t["done"]) for t in now] == [(1, True)]
    assert run("task", "undo", "1", env=env).stdout.startswith("Unticked task 1: Write one line")
    assert store.load(isolated).done_tasks == ["gone"]
    run("task", "done", "1", env=env)
    assert store.load(isolated).done_tasks == ["gone", now[0]["text"]]


def test_the_plan_s_weeks_stay_where_the_first_day_showed_them() -> None:
    """Saturday, a rest day, nothing practised: before, week 1 was 11-21..11-27, and from the
    first review on Monday 11-23 it was 11-23..11-29. Now the plan starts on the first
    practice day on or after the first review, else on or after today: Monday on both days,
    and a review on the rest day (before the plan) moves nothing."""
    for key, value in [("interview", "2026-12-11"), ("count", "3"), ("rest-days", "sat,sun")]:
        assert run("config", "set", key, value).code == 0
    week = "week 1 of 3, 2026-11-23 to 2026-11-29 (0 of 3 tasks done)"  # what 9 h hold
    saturday = {"EMPREP_NOW": "2026-11-21T09:00"}
    assert run("today", env=saturday).stdout.splitlines()[2] == f"Plan {week}"
    assert "## Week 1: 2026-11-23 to 2026-11-29 (9 h)" in run("plan", env=saturday).stdout
    assert run("review", "rec-why-coursera", "good", "--seconds", "60", env=saturday).code == 0
    assert run("today", env=saturday).stdout.splitlines()[2] == f"Plan {week}"
    monday = {"EMPREP_NOW": "2026-11-23T09:00"}
    assert run("review", "rec-hands-on", "good", "--seconds", "60", env=monday).code == 0
    assert run("today", env=monday).stdout.splitlines()[2] == f"This week: plan {week}"
    doc = json.loads(run("today", "--format", "json", env=saturday).stdout)
    assert (doc["week"], doc["start"], doc["end"]) == (1, "2026-11-23", "2026-11-29")


def test_a_tick_once_the_loop_is_over_says_so_not_see_the_plan(isolated: Path) -> None:
    """From the interview's day on, the week has no plan tasks: `task done` said "see the plan
    with: emprep plan", a plan where nothing can be ticked (or one that cannot be drawn at all,
    the interview before its start). It says the loop's last round has come, and changes
    nothing."""
    profile = Profile(interview=date(2026, 12, 20), start=date(2026, 11, 23))
    store.update(isolated, lambda _: Progress(profile=profile))
    before = isolated.read_bytes()
    for when, said in [
        ("2026-12-20T09:00:00+00:00", "is today"),
        ("2026-12-21T20:00:00+00:00", "was on 2026-12-20"),
    ]:
        for verb in ("done", "undo"):
            r = run("task", verb, "1", env={"EMPREP_NOW": when})
            assert (r.code, r.stdout, r.stderr) == (
                2,
                "",
                f"emprep: error: the loop's last round {said}: its plan is behind you, and no "
                "task of it can be ticked or unticked any more\n",
            )
    assert isolated.read_bytes() == before


def test_a_rounds_own_mock_task_leaves_today_once_the_round_is_past(isolated: Path) -> None:
    """The recruiter round on Tue 1 Dec, the plan's weeks Monday to Sunday: its mock, a task of
    the week holding the day before it, stayed on `today` as a thing to do until Sunday. Once
    the round is past it is left out of `today` (screen and JSON); the plan keeps it, with its
    number, and `task done` still ticks it."""
    profile = Profile(  # hours that hold every task of the week with the drill
        interview=date(2026, 12, 18),
        start=date(2026, 11, 23),
        rounds={"recruiter": date(2026, 12, 1), "technical": date(2026, 12, 10)},
        hours=20,
    )
    store.update(isolated, lambda _: Progress(profile=profile))
    mock_task = "1. [ ] Run a timed mock of the recruiter round at its real length"

    def tasks(when: str) -> list[int]:
        doc = json.loads(run("today", "--format", "json", env={"EMPREP_NOW": when}).stdout)
        return [t["number"] for t in doc["tasks"]]

    day = "2026-12-01T10:00:00+00:00"
    assert mock_task in run("today", env={"EMPREP_NOW": day}).stdout
    assert tasks(day) == [1, 2, 3, 4, 5, 6, 7]
    after = "2026-12-06T10:00:00+00:00"
    out = run("today", env={"EMPREP_NOW": after}).stdout
    assert "Run a timed mock of the recruiter round" not in out
    assert "This week: plan week 2 of 4, 2026-11-30 to 2026-12-06 (0 of 6 tasks done)" in out
    assert tasks(after) == [2, 3, 4, 5, 6, 7]  # due by Monday: the first
    plan = run("plan", env={"EMPREP_NOW": after}).stdout
    assert "- [ ] Run a timed mock of the recruiter round at its real length" in plan
    ticked = run("task", "done", "1", env={"EMPREP_NOW": after})
    assert ticked.code == 0
    assert ticked.stdout.startswith("Ticked task 1: Run a timed mock of the recruiter round")


def test_today_and_task_done_count_the_weeks_tasks_alike(isolated: Path) -> None:
    """Once the recruiter round is past, `today` counted "of 6 tasks" (its own mock task left
    out) while `task done` counted "of 7" for the same week. One count for both: the tasks
    still to do or done; the round's mock counts once ticked (it was done), and then shows,
    ticked, on `today`; unticked again it leaves both."""
    profile = Profile(  # hours that hold every task of the week with the drill
        interview=date(2026, 12, 18),
        start=date(2026, 11, 23),
        rounds={"recruiter": date(2026, 12, 1), "technical": date(2026, 12, 10)},
        hours=20,
    )
    store.update(isolated, lambda _: Progress(profile=profile))
    env = {"EMPREP_NOW": "2026-12-06T10:00:00+00:00"}

    def heading() -> str:
        return next(x for x in run("today", env=env).stdout.splitlines() if "plan week" in x)

    def numbers(args: tuple[str, ...]) -> list[tuple[int, bool]]:
        doc = json.loads(run(*args, "--format", "json", env=env).stdout)
        return [(t["number"], t["done"]) for t in doc["tasks"]]

    week = "This week: plan week 2 of 4, 2026-11-30 to 2026-12-06"
    assert heading() == f"{week} (0 of 6 tasks done)"
    one = run("task", "done", "3", env=env)
    assert one.stdout.splitlines()[-1] == "1 of 6 tasks done this week."
    assert heading() == f"{week} (1 of 6 tasks done)"
    assert numbers(("task", "done", "3")) == [
        (2, False),
        (3, True),
        *[(n, False) for n in (4, 5, 6, 7)],
    ]
    mock = run("task", "done", "1", env=env)
    assert mock.stdout.splitlines()[-1] == "2 of 7 tasks done this week."
    assert heading() == f"{week} (2 of 7 tasks done)"
    assert "1. [x] Run a timed mock of the recruiter round" in run("today", env=env).stdout
    assert numbers(("today",))[0] == (1, True)
    undone = run("task", "undo", "1", env=env)
    assert undone.stdout.splitlines()[-1] == "1 of 6 tasks done this week."
    assert heading() == f"{week} (1 of 6 tasks done)"
    assert numbers(("task", "undo", "1")) == numbers(("today",))
    assert [n for n, _ in numbers(("today",))] == [2, 3, 4, 5, 6, 7]


def test_today_chooses_the_day_s_drill_once_and_reports_as_progress_does(
    pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`today` shows the day's drill and the progress report's next step, which reads the same
    drill: it was chosen twice (7.6 ms each at 10,000 reviews); the step is `progress`'s."""
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    p = Progress(profile=Profile(interview=date(2027, 1, 15), count=5))
    for qid, rating in (("exe-scaling", 1), ("rec-why-coursera", 3), ("tech-design-feature", 4)):
        p = record(p, qid, rating, seconds=60, now=now - timedelta(days=3))
    s = effective(p.profile, pack.round_ids)
    chosen: list[object] = []
    choose = practice.todays_drill

    def counted(*args: Any, **kwargs: Any) -> Drill:
        chosen.append(args)
        return choose(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(today_module, "todays_drill", counted)
        m.setattr(practice, "todays_drill", counted)
        shown = today_module.today(pack, p, now, s=s)
    assert len(chosen) == 1
    assert shown.next_step == practice.progress_report(pack, p, now, s=s).hint
    assert shown.next_step is not None


def test_a_task_ticked_stays_ticked_when_the_hours_go_down(isolated: Path) -> None:
    """Ticked at 40 h, then the hours set to 12: the ten-day plan's week 1 no longer held that
    task, so `today` said "0 of 4 tasks done" and `plan` listed it among the tasks the week's
    hours leave out. The work is done: it stays, ticked, and takes none of the hours."""
    env = {"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}
    for key, value in [("interview", "2026-12-03"), ("hours", "40")]:
        assert run("config", "set", key, value, env=env).code == 0
    ticked = run("task", "done", "2", env=env)
    assert ticked.stdout.startswith("Ticked task 2: List your eight strongest accomplishments")
    assert run("config", "set", "hours", "12", env=env).code == 0
    doc = json.loads(run("today", "--format", "json", env=env).stdout)
    assert [(t["number"], t["done"], t["minutes"]) for t in doc["tasks"]] == [
        (1, False, 120),
        (2, True, 45),
        (3, False, 240),
        (4, False, 90),
        (5, False, 90),
    ]
    assert doc["tasks"][1]["text"].startswith("List your eight strongest accomplishments")
    week = json.loads(run("plan", "--format", "json", env=env).stdout)["weeks"][0]
    assert week["tasks"][1] == doc["tasks"][1]["text"]
    assert doc["tasks"][1]["text"] not in week["dropped"]
    assert len(week["dropped"]) == 6


ACCOMPLISHMENTS = (
    "List your eight strongest accomplishments from your resume (leadership, technical, "
    "hiring), each with its number; they are the raw material of your stories."
)


def test_a_task_left_out_can_be_ticked_and_is_kept_in_its_week(isolated: Path) -> None:
    """Ten days at 12 h: `plan` listed the accomplishments among the tasks the week's hours
    leave out, and `task done 5` said "no task 5 this week: give 1 to 4". Left-out tasks are
    numbered after the kept ones; ticked, one is kept in its week, ticked, and the numbers
    after it move; unticked, it is left out again."""
    env = {"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}
    for key, value in [("interview", "2026-12-03"), ("hours", "12")]:
        assert run("config", "set", key, value, env=env).code == 0
    doc = json.loads(run("today", "--format", "json", env=env).stdout)
    assert [(t["number"], t["done"]) for t in doc["tasks"]] == [(n, False) for n in (1, 2, 3, 4)]
    assert [(t["number"], t["minutes"]) for t in doc["left_out"]] == [
        (5, 45),
        (6, 15),
        (7, 45),
        (8, 60),
        (9, 30),
        (10, 60),
        (11, 90),
    ]
    assert doc["left_out"][0]["text"] == ACCOMPLISHMENTS
    week = json.loads(run("plan", "--format", "json", env=env).stdout)["weeks"][0]
    assert week["dropped"] == [t["text"] for t in doc["left_out"]]
    wrong = run("task", "done", "12", env=env)
    assert (wrong.code, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        "emprep: error: no task 12 this week: give 1 to 11 (see them with: emprep today)\n"
    )
    ticked = run("task", "done", "5", env=env)
    stories, people, design = (t["text"] for t in doc["tasks"][1:])
    assert (ticked.code, ticked.stdout) == (
        0,
        f"Ticked task 5: {ACCOMPLISHMENTS}\nIt is task 2 now, kept in the week.\n"
        f"Task 2 is task 3 now: {stories}\nTask 3 is task 4 now: {people}\n"
        f"Task 4 is task 5 now: {design}\n"
        "1 of 5 tasks done this week.\n",
    )
    doc = json.loads(run("today", "--format", "json", env=env).stdout)
    assert [(t["number"], t["done"], t["minutes"]) for t in doc["tasks"]] == [
        (1, False, 120),
        (2, True, 45),
        (3, False, 240),
        (4, False, 90),
        (5, False, 90),
    ]
    assert doc["tasks"][1]["text"] == ACCOMPLISHMENTS
    assert [t["number"] for t in doc["left_out"]] == [6, 7, 8, 9, 10, 11]
    week = json.loads(run("plan", "--format", "json", env=env).stdout)["weeks"][0]
    assert week["tasks"][1] == ACCOMPLISHMENTS
    assert week["task_minutes"] == [120, 45, 240, 90, 90]
    assert week["dropped"] == [t["text"] for t in doc["left_out"]]
    again = run("task", "done", "2", env=env)
    assert (
        again.stdout
        == f"Task 2 was already ticked: {ACCOMPLISHMENTS}\n1 of 5 tasks done this week.\n"
    )
    undone = run("task", "undo", "2", "--format", "json", env=env)
    doc = json.loads(undone.stdout)
    assert [t["number"] for t in doc["tasks"]] == [1, 2, 3, 4]
    assert (doc["left_out"][0]["number"], doc["left_out"][0]["text"]) == (5, ACCOMPLISHMENTS)
    assert run("task", "done", "5", env=env).code == 0
    back = run("task", "undo", "2", env=env)
    assert back.stdout == (
        f"Unticked task 2: {ACCOMPLISHMENTS}\nIt is task 5 now, left out of the week.\n"
        f"Task 3 is task 2 now: {stories}\nTask 4 is task 3 now: {people}\n"
        f"Task 5 is task 4 now: {design}\n"
        "0 of 4 tasks done this week.\n"
    )


def test_several_tasks_are_ticked_at_once_by_the_numbers_the_user_saw(isolated: Path) -> None:
    """`task done 1 3` was refused ("Got unexpected extra argument"): each tick took its own
    command. Now several numbers are taken at once, each read against the week as it stood
    before the command, not renumbered by the ticks before it, and each said as one is; a
    number not in the week refuses them all, the file left as it was."""
    env = {"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}
    for key, value in [("interview", "2026-12-03"), ("hours", "12")]:
        assert run("config", "set", key, value, env=env).code == 0
    doc = json.loads(run("today", "--format", "json", env=env).stdout)
    report, stories, people, design = (t["text"] for t in doc["tasks"])
    recruiter = doc["left_out"][1]["text"]
    assert doc["left_out"][0]["text"] == ACCOMPLISHMENTS
    kept = isolated.read_bytes()
    wrong = run("task", "done", "1", "12", "5", "14", env=env)
    assert (wrong.code, wrong.stdout, wrong.stderr) == (
        2,
        "",
        "emprep: error: no task 12 or 14 this week: give 1 to 11 (see them with: emprep today)\n",
    )
    assert isolated.read_bytes() == kept
    ticked = run("task", "done", "5", "6", env=env)
    assert (ticked.code, ticked.stderr) == (0, "")
    assert ticked.stdout == (
        f"Ticked task 5: {ACCOMPLISHMENTS}\nIt is task 2 now, kept in the week.\n"
        f"Ticked task 6: {recruiter}\nIt is task 4 now, kept in the week.\n"
        f"Task 2 is task 3 now: {stories}\nTask 3 is task 5 now: {people}\n"
        f"Task 4 is task 6 now: {design}\n"
        "2 of 6 tasks done this week.\n"
    )
    assert store.load(isolated).done_tasks == [ACCOMPLISHMENTS, recruiter]
    undone = run("task", "undo", "2", "3", "2", env=env)
    assert undone.stdout == (
        f"Unticked task 2: {ACCOMPLISHMENTS}\nIt is task 6 now, left out of the week.\n"
        f"Task 3 was not ticked: {stories}\nIt is task 2 now, kept in the week.\n"
        f"Task 4 is task 3 now: {recruiter}\nTask 5 is task 4 now: {people}\n"
        f"Task 6 is task 5 now: {design}\n"
        "1 of 5 tasks done this week.\n"
    )
    assert store.load(isolated).done_tasks == [recruiter]
    both = run("task", "done", "1", "3", "--format", "json", env=env)
    assert [(t["text"], t["done"]) for t in json.loads(both.stdout)["tasks"][:3]] == [
        (report, True),
        (stories, False),
        (recruiter, True),
    ]
    assert store.load(isolated).done_tasks == [report, recruiter]


def test_a_task_ticked_in_the_week_it_moved_to_is_counted_there(isolated: Path) -> None:
    """Five weeks at 10 h with 5 a day: the hiring page, week 2's, is task 3 of week 1, where
    its hours have room. `task done 3` said "0 of 2 tasks done this week": the tick took it
    back to week 2, out of the list it was ticked in."""
    env = {"EMPREP_NOW": "2026-11-23T09:00:00+00:00"}
    for key, value in [("interview", "2026-12-28"), ("hours", "10"), ("count", "5")]:
        assert run("config", "set", key, value, env=env).code == 0
    before = json.loads(run("today", "--format", "json", env=env).stdout)["tasks"]
    hiring = before[2]["text"]
    assert hiring.startswith("Write your hiring process on one page")
    ticked = run("task", "done", "3", env=env)
    assert (ticked.code, ticked.stdout) == (
        0,
        f"Ticked task 3: {hiring}\n1 of 3 tasks done this week.\n",
    )
    doc = json.loads(run("today", "--format", "json", env=env).stdout)
    assert [(t["number"], t["text"], t["done"]) for t in doc["tasks"]] == [
        (t["number"], t["text"], t["number"] == 3) for t in before
    ]
    weeks = json.loads(run("plan", "--format", "json", env=env).stdout)["weeks"]
    assert [hiring in w["tasks"] for w in weeks] == [True, False, False, False, False]
