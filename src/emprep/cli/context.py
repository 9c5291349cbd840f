"""What the commands share from a run: its pack, progress file, clock and pace advice.

Everything heavy is imported inside the function that needs it, so `--help` stays fast.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING, cast

import typer

WARM_WAIT = 5.0  # seconds a command waits for the pace advice a `review` left computing
FACTS_KEPT = 1000  # lines of a review log from which its facts are kept in the cache

if TYPE_CHECKING:
    from pathlib import Path

    from filelock import BaseFileLock

    from emprep.core.calibration import Fit
    from emprep.core.models import Profile, Progress
    from emprep.core.pace import Advice
    from emprep.core.pack import Pack, PackIds
    from emprep.core.planner import Plan
    from emprep.core.practice import Forecasting, PaceInputs
    from emprep.core.settings import Settings


def pack_of(ctx: typer.Context) -> "Pack":
    """The loop pack (`--data`, else the built-in one), loaded once per run."""
    from emprep.storage.packs import load_pack

    if "pack" not in ctx.obj:
        ctx.obj["pack"] = load_pack(ctx.obj["data"])
    pack: Pack = ctx.obj["pack"]
    return pack


def ids_of(ctx: typer.Context) -> "PackIds":
    """What rating a question needs of the loop pack (`PackIds`): for a command that shows no
    question, which then does not build them all."""
    from emprep.core.pack import PackIds
    from emprep.storage.packs import load_ids

    if "ids" not in ctx.obj:
        pack = ctx.obj.get("pack")
        ctx.obj["ids"] = load_ids(ctx.obj["data"]) if pack is None else PackIds.of(pack)
    ids: PackIds = ctx.obj["ids"]
    return ids


def note_left_out(ctx: typer.Context, profile: "Profile") -> None:
    """Once a run, a note naming the rounds the profile dates that the pack lacks: a command
    that shows the loop's dates leaves them out, and would otherwise not say why."""
    from emprep.core.rounds import left_out
    from emprep.ui.output import note

    if ctx.obj.get("left_out_said"):
        return
    ctx.obj["left_out_said"] = True
    line = left_out(pack_of(ctx), profile.rounds, pack_named(ctx))
    if line is not None:
        note(line)


def note_before_start(ctx: typer.Context, profile: "Profile") -> None:
    """The interview, or a round still ahead, dated before a start edited by hand, in the line
    `plan` gives (`interview_before`, `before_start`): `today`, `progress`, `config show` and
    the drill count to those dates too, and would otherwise say nothing of a plan that refuses
    them or puts a round's questions after it."""
    from emprep.core.profile import before_start, interview_before
    from emprep.core.settings import effective
    from emprep.ui.output import note

    if profile.start is None:
        return
    s = effective(profile, pack_of(ctx).round_ids)
    earlier = "set an earlier start: emprep config set start YYYY-MM-DD"
    if s.end(today()) is not None and (line := interview_before(s, profile.start, earlier)):
        note(line)
    for line in before_start(s, profile.start, today()):
        note(line)


def note_had_by(ctx: typer.Context, progress: "Progress") -> None:
    """Dates moved by hand after every round of the loop was had (`profile.had_by`): the line
    `plan` gives in its warnings, with the start that makes them the next loop's."""
    from emprep.core.profile import had_by_line
    from emprep.ui.output import note

    line = had_by_line(pack_of(ctx), progress, today())
    if line is not None:
        note(line)


def note_practised_left_out(ctx: typer.Context, progress: "Progress") -> None:
    """A note naming the questions practised that the pack lacks (renamed, say): their reviews
    count nowhere, which the readiness figures would otherwise not say."""
    from emprep.core.pack import practised_left_out
    from emprep.ui.output import note

    line = practised_left_out(pack_of(ctx), progress, pack_named(ctx))
    if line is not None:
        note(line)


def pack_named(ctx: typer.Context) -> str:
    """The pack in use as a note names it: the built-in one, or its folder."""
    from emprep.storage.packs import builtin_data_dir, data_dir

    folder = data_dir(ctx.obj["data"])
    return (
        "the built-in loop pack"
        if folder == builtin_data_dir()
        else f"the loop pack in use ({folder})"
    )


def path_of(ctx: typer.Context) -> "Path":
    """Where the progress file is: `--progress`, else the user data folder."""
    from emprep.storage.store import resolve_path

    return resolve_path(ctx.obj["progress"])


def progress_of(ctx: typer.Context, *, carried: bool = True) -> "Progress":
    """The progress file, with merged questions' reviews counted for the questions that
    replaced them (`carried`; a command that reads only the profile needs no pack)."""
    from emprep.storage.store import load

    progress = load(path_of(ctx))
    note_conflicted_copies(ctx)
    if not carried:
        return progress
    log_facts_of(ctx, progress)
    return pack_of(ctx).carry(progress)


def log_facts_of(ctx: typer.Context, progress: "Progress") -> None:
    """The review log's facts (`LogFacts`) kept in the cache, keyed by the log itself as the
    fit is, and known from then on in this run (`known_facts`): found afresh only for a log
    that changed (the process a rating leaves finds them for the next command). A log of
    fewer than FACTS_KEPT lines is read as it is, which costs less than reading its entry."""
    from emprep.core.models import LogFacts, found_facts, known_facts
    from emprep.storage import cache

    log = progress.log
    if log.count("\n") < FACTS_KEPT:
        return
    kept = cache.memo(
        "log",
        path_of(ctx),
        log,
        cls=LogFacts,
        compute=lambda: found_facts(log),
        extra={},
    )
    if kept is not None:
        known_facts(log, kept)


def note_conflicted_copies(ctx: typer.Context) -> None:
    """Once a run, a note for each copy a sync client kept beside the progress file: the
    reviews, notes and stories only it holds would otherwise count nowhere, unsaid."""
    from emprep.storage.files import quoted
    from emprep.storage.store import conflicted_copies
    from emprep.ui.output import note

    if ctx.obj.get("conflicts_said"):
        return
    ctx.obj["conflicts_said"] = True
    path = path_of(ctx)
    for copy in conflicted_copies(path):
        note(
            f"{copy.name} beside your progress file {path} is the copy a sync client kept when "
            "two computers changed the file at once: what only it holds (reviews, notes, "
            f"stories) counts nowhere; compare them (diff {quoted(path)} {quoted(copy)}), "
            "copy what you want into the file by hand, then delete the copy"
        )


def say(message: str) -> None:
    """A message on stdout, wrapped to the terminal under its own text (whole when piped)."""
    from emprep.ui import render

    render.echo(message)


def set_up_first(ctx: typer.Context, pack: "Pack") -> None:
    """The first interactive drill or today, before any progress file: a short setup; before
    it, or any `drill` or `today` after, a draft of its answers that a kill left is named."""
    from emprep.ui import first_run

    moment = now()
    first_run.say_left(pack, path_of(ctx), moment.date())
    if first_run.needed(path_of(ctx)):
        first_run.setup(pack, path_of(ctx), moment)


def pace_of(
    ctx: typer.Context, pack: "Pack", progress: "Progress", *, moment: datetime
) -> "Advice | None":
    """The pace advice at the configured count; kept in the cache, as it simulates weeks."""
    from emprep.core.practice import pace_inputs
    from emprep.core.settings import effective

    s = effective(progress.profile, pack.round_ids)
    return _pace(ctx, pace_inputs(pack, progress, moment, s=s, fit=fit_of(ctx, progress)))


def _pace(ctx: typer.Context, inputs: "PaceInputs") -> "Advice | None":
    """The pace advice of `inputs`, kept in the cache."""
    from emprep.core.pace import Advice, Forecast, Point
    from emprep.core.practice import pace_advice
    from emprep.storage import cache

    kinds = {"Advice": Advice, "Forecast": Forecast, "Point": Point}
    return cache.memo(
        "pace",
        path_of(ctx),
        inputs,
        cls=Advice,
        compute=lambda: pace_advice(inputs),
        extra=kinds,
        wait=lambda: _after_warmer(ctx),
    )


def forecasting_of(
    ctx: typer.Context, pack: "Pack", progress: "Progress", *, moment: datetime, count_too: bool
) -> "Forecasting":
    """What `emprep progress` forecasts (`practice.Forecasting`), for a screen that points to
    it; the count it advises only where `count_too`, as the pace advice is long to play."""
    from emprep.core.practice import forecasting, pace_inputs
    from emprep.core.settings import effective

    s = effective(progress.profile, pack.round_ids)
    inputs = pace_inputs(pack, progress, moment, s=s, fit=fit_of(ctx, progress))
    return forecasting(inputs, s, lambda: _pace(ctx, inputs) if count_too else None)


def introduced(
    ctx: typer.Context,
    pack: "Pack",
    progress: "Progress",
    plan: "Plan",
    *,
    s: "Settings",
    moment: datetime,
) -> "Plan":
    """The plan with each week's questions: those the drill first asks in it (`introductions`),
    kept in the cache, as it plays the drill over the plan's days."""
    from emprep.core.introductions import Introductions, intro_inputs, introductions
    from emprep.core.planner import with_questions
    from emprep.storage import cache

    inputs = intro_inputs(pack, progress, moment, plan=plan, s=s, fit=fit_of(ctx, progress))
    kept = cache.memo(
        "plan",
        path_of(ctx),
        inputs,
        cls=Introductions,
        compute=lambda: introductions(inputs),
        extra={"Introductions": Introductions},
    )
    return with_questions(plan, pack, (kept or introductions(inputs)).first)


def fit_of(ctx: typer.Context, progress: "Progress") -> "Fit":
    """FSRS fitted to the review log (`calibration`); kept in the cache, as it replays the log.
    Its key is the log itself: comparing it costs less than importing hashlib (2 ms). A log
    that grew since the last fit replays only its new lines (`practice.refitted`)."""
    from emprep.core.calibration import Fit
    from emprep.storage import cache

    kept = cache.memo(
        "fit",
        path_of(ctx),
        progress.log,
        cls=Fit,
        compute=lambda: _refit(ctx, progress),
        extra={"Fit": Fit},
        wait=lambda: _after_warmer(ctx),
    )
    return kept or _refit(ctx, progress)


def _after_warmer(ctx: typer.Context) -> bool:
    """On a miss of the fit or the pace advice (after a rating): the process a `review` left
    behind may be computing them, so it is waited for (`cache.waited`), not repeated."""
    from emprep.storage import cache

    return not ctx.obj.get("warming") and cache.waited(path_of(ctx), timeout=WARM_WAIT)


def _refit(ctx: typer.Context, progress: "Progress") -> "Fit":
    from emprep.core.calibration import Replay
    from emprep.core.practice import refitted
    from emprep.storage import cache

    kinds = {"Replay": Replay}
    fit, replay = refitted(progress, cache.latest("replay", path_of(ctx), cls=Replay, extra=kinds))
    cache.keep("replay", path_of(ctx), value=replay)
    return fit


def now() -> datetime:
    """The current local time; EMPREP_NOW (ISO date or datetime) pretends it is another moment.
    A clock at a fixed offset for want of the zone's rules is said once a run (`clock.unsure`):
    it went on unsaid, an hour off after the next daylight-saving change."""
    from emprep.storage.clock import now as clock_now
    from emprep.storage.clock import unsure
    from emprep.ui.output import note

    moment = clock_now()
    if (why := unsure()) is not None:
        note(why)
    return moment


def today() -> date:
    return now().date()


def parse_date(option: str, value: str | None) -> date | None:
    """A date option as typed (`YYYY-MM-DD` or `today`); None when not given."""
    from emprep.core.parse import parse_date as parse

    return None if value is None else parse(option, value, today())


# The process `warm_behind` starts: it takes the lock before importing emprep's commands (some
# 80 ms), so a command started at once after `review` finds it taken and waits (`fit_of`).
WARMER = """import sys
from filelock import FileLock, Timeout
try:
    held = FileLock(sys.argv[1], blocking=False).acquire().lock
except (Timeout, OSError):
    sys.exit()
from emprep.cli.context import warm
warm(held, *sys.argv[2:])
"""


def warm_behind(ctx: typer.Context, moment: datetime) -> None:
    """Once a rating is saved and said: the pace advice computed by a detached process, so the
    next command finds it in the cache; this one does not wait for it. None is started while
    one runs (it computes again when the file changed under it), nor with EMPREP_WARM=0."""
    import os
    import subprocess
    import sys
    import warnings
    from contextlib import suppress

    from emprep.storage import cache

    path = path_of(ctx)
    if os.environ.get("EMPREP_WARM") == "0" or cache.warming(path):
        return
    # -P: not the current folder first on the path, where a `filelock.py` would be imported;
    # a process that cannot start (no memory, too many), or whose lock cannot be taken (a
    # cache folder that cannot lock), leaves the work to the next command;
    # it is meant to outlive this one: Popen's warning that it still runs (shown under
    # `python -X dev`) is not said
    with suppress(OSError), warnings.catch_warnings():
        lock = str(cache.warm_lock(path).lock_file)
        warnings.simplefilter("ignore", ResourceWarning)
        args = [lock, ctx.obj["data"] or "", str(path), moment.isoformat()]
        started = subprocess.Popen(
            [sys.executable, "-P", "-c", WARMER, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        del started


def warm(held: "BaseFileLock", data: str, progress: str, moment: str) -> None:
    """The pace advice at `moment` for the progress file into the cache, under the lock
    `held` (`warm_behind`); again at the time it is while the file changed under it (a script
    rating many answers), unless another process took the lock meanwhile. A file that cannot
    be read is left to the next command to say; a cache folder deleted meanwhile (with its
    home) is not made again."""
    from filelock import Timeout

    from emprep.core.errors import EmprepError
    from emprep.storage import cache

    ctx = warming_context(data, progress)
    path, at, lock = path_of(ctx), datetime.fromisoformat(moment), held
    with cache.only_into_existing():
        while True:
            stamp = _stamp(path)
            try:
                pace_of(ctx, pack_of(ctx), progress_of(ctx), moment=at)
                _plan_of(ctx, at)
            except (OSError, EmprepError):
                return
            finally:
                lock.release(force=True)
            if _stamp(path) == stamp:
                return
            at, lock = now(), cache.warm_lock(path)
            try:
                lock.acquire()
            except (Timeout, OSError):
                return


def _plan_of(ctx: typer.Context, moment: datetime) -> None:
    """The plan's questions into the cache, as `emprep plan` asks for them with no option."""
    from emprep.core.profile import requested_plan
    from emprep.core.settings import effective

    pack, progress = pack_of(ctx), progress_of(ctx)
    plan = requested_plan(pack, progress, moment.date(), tz=moment.tzinfo)
    s = effective(progress.profile, pack.round_ids)
    introduced(ctx, pack, progress, plan, s=s, moment=moment)


def warming_context(data: str, progress: str) -> typer.Context:
    """What a command's context holds, for the process `warm_behind` starts: it does not wait
    for itself (`fit_of`)."""
    from types import SimpleNamespace

    obj = {"data": data or None, "progress": progress, "warming": True}
    return cast("typer.Context", SimpleNamespace(obj=obj))


def _stamp(path: "Path") -> tuple[int, int, int] | None:
    """The file as it stands: a save changes its times (and mostly its size). Not its inode
    number, which some file systems give afresh at every look (a FUSE mount): the warmer
    then took every look for a save and computed again for ever."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size
