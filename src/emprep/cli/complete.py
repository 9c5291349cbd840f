"""Tab completion: `emprep completion SHELL` prints the script, and the values a shell offers.

The shell runs emprep with `_EMPREP_COMPLETE` set at each Tab (`cli/app.py`'s `main` readies
typer's shells only then, so no other run pays for them). Each function here is called with the
words typed so far parsed leniently: the options are there, nothing has been checked or run.

No `from __future__ import annotations`: see emprep/cli/app.py.
"""

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from emprep.core.errors import shown

if TYPE_CHECKING:
    from emprep.core.models import Progress
    from emprep.core.pack import Pack

Offer = list[tuple[str, str]]


class Shell(StrEnum):
    """The shells typer writes a completion script for."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


def completion(
    shell: Annotated[
        Shell,
        typer.Argument(
            metavar="SHELL",
            help="Your shell: bash, zsh, fish or powershell.",
            show_default=False,
            case_sensitive=False,  # `BASH`, as an id or a rating is read in any case
        ),
    ],
) -> None:
    """Print the shell code that completes emprep's commands, ids and options on Tab."""
    from typer._completion_shared import get_completion_script

    from emprep.cli.app import COMPLETE_VARIABLE

    script = get_completion_script(prog_name="emprep", complete_var=COMPLETE_VARIABLE, shell=shell)
    typer.echo(script)


def _offer(incomplete: str, pairs: Callable[[], Iterable[tuple[str, str]]]) -> Offer:
    """The pairs (value, what it is) whose value starts with what is typed. A file that does
    not load offers nothing: a Tab must never print an error into the command line."""
    try:
        return [(value, help) for value, help in pairs() if value.startswith(incomplete)]
    except Exception:  # the command itself reports it when run
        return []


def _pack(ctx: typer.Context) -> "Pack":
    from emprep.storage.packs import load_pack

    return load_pack(ctx.find_root().params.get("data"))


def _progress(ctx: typer.Context) -> "Progress":
    from emprep.storage.store import load, resolve_path

    return load(resolve_path(ctx.find_root().params.get("progress")))


def _first_line(text: str) -> str:
    """One line of a question or a title, as long as a line of an error: a control character
    typed into a title must not reach the terminal."""
    return shown(" ".join(text.split()))


def question_ids(ctx: typer.Context, incomplete: str) -> Offer:
    """The bank's question ids, each with the start of its text."""
    return _offer(incomplete, lambda: ((q.id, _first_line(q.text)) for q in _pack(ctx).questions))


def round_ids(ctx: typer.Context, incomplete: str) -> Offer:
    """The loop's round ids, each with its name."""
    return _offer(incomplete, lambda: ((r.id, r.name) for r in _pack(ctx).rounds))


def story_ids(ctx: typer.Context, incomplete: str) -> Offer:
    """The ids of the stories in the progress file, each with its title."""
    return _offer(
        incomplete, lambda: ((s.id, _first_line(s.title)) for s in _progress(ctx).stories)
    )


def config_keys(ctx: typer.Context, incomplete: str) -> Offer:
    """The profile's keys, with one `interview.ROUND` for each round of the loop."""
    from emprep.core.profile import KEYS

    def keys() -> Iterable[tuple[str, str]]:
        yield from ((key, "") for key in KEYS)
        yield from ((f"interview.{r.id}", r.name) for r in _pack(ctx).rounds)

    return _offer(incomplete, keys)


def config_values(ctx: typer.Context, incomplete: str) -> Offer:
    """The values `config set KEY` takes where there are few to choose from: the tracks, or the
    weekdays (each after those typed before it, comma-separated, as `sat,su<Tab>` asks), so a
    Tab there offers them rather than the files of the folder."""
    from emprep.core.days import GROUPS, WEEKDAYS

    key = str(ctx.params.get("key") or "").strip().lower()
    if key == "track":
        return _offer(incomplete, lambda: ((t.id, t.name) for t in _pack(ctx).tracks))
    if key != "rest-days":
        return []
    typed, _, last = incomplete.rpartition(",")
    before = typed.split(",") if typed else []
    days = [d for d in WEEKDAYS if d not in before]
    words = days if before else [*days, *(g for g in GROUPS if g != "weekends")]
    return [(",".join([*before, w]), "") for w in words if w.startswith(last)]


def ratings(incomplete: str) -> Offer:
    """The four ratings by name."""
    from emprep.core.scheduler import RATINGS

    return _offer(incomplete, lambda: ((name, str(n)) for name, n in RATINGS.items()))
