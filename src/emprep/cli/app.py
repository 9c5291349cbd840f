"""The emprep command: global options and every command, registered in the order `--help` lists.

Each command lives with its kind (emprep/cli/*.py) and only parses, calls one function and emits
the result. No `from __future__ import annotations` in this package: typer reads every command's
annotations on every run, and evaluating them from strings cost each command about 10 ms
(benchmarks/latency.py).
"""

import importlib
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Annotated, Any

import typer
from typer._click import Command, Context, HelpFormatter

from emprep import __version__
from emprep.cli.group import EmprepGroup

# Every command in the order `--help` lists them (typer's: commands, then groups): its module
# in emprep/cli, the function or Typer group there, and its line in `--help`.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "questions": ("bank", "questions", "The question bank, filtered"),
    "plan": ("plan", "plan", "The weeks to the interview"),
    "drill": ("practice", "drill", "Today's practice, paced to the interview"),
    "review": ("practice", "review", "Record one rating (for scripts)"),
    "progress": ("practice", "progress", "Readiness, streak and what next"),
    "mock": ("mock", "mock", "A timed mock round, self-scored"),
    "today": ("plan", "today_cmd", "The daily home screen"),
    "undo": ("practice", "undo", "Take back the last rating"),
    "note": ("bank", "note_cmd", "Your own note on a question"),
    "rounds": ("rounds", "rounds_app", "The loop, one round, or one you had"),
    "config": ("config", "config_app", "Your profile"),
    "story": ("story", "story_app", "Your STAR story bank"),
    "task": ("plan", "task_app", "Tick this week's plan tasks"),
    "completion": ("complete", "completion", "Tab completion for your shell"),
}
# What a shell sets when it asks emprep what a Tab offers (the script `emprep completion` prints).
COMPLETE_VARIABLE = "_EMPREP_COMPLETE"


@cache
def built(name: str) -> Command:
    """One command, imported and built by typer as if registered on the emprep app."""
    module, attr, short_help = COMMANDS[name]
    target = getattr(importlib.import_module(f"emprep.cli.{module}"), attr)
    holder = typer.Typer(rich_markup_mode=None)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name, short_help=short_help)
    else:
        holder.command(name, short_help=short_help)(target)
    return narrow(typer.main.get_group(holder).commands[name])


HELP_TEXT_MIN = 16  # columns an option's help keeps beside its name on a narrow terminal


# An option's "[env var: EMPREP_DATA]" (typer's tag) or "[default: config count, or 5]." (a
# help text's): wrapped as one word wherever it fits, with the stop that follows it
TAG = re.compile(r"\[(?:env var|default): [^\]]+\]\S*")
GLUE = "\xa0"  # a space that is no place to break a line: spaces again once wrapped
UNDER = 4  # the name column once each name goes on its own line, its text under it


# typer writes a required argument in braces in a usage line ("{ID} {RATING}"), a notation of
# its own: the name alone is how click, man pages and the README write it
REQUIRED = re.compile(r"\{([A-Z][A-Z0-9_]*(?:\.\.\.)?)\}")


class NarrowFormatter(HelpFormatter):
    """click's help, but for the column of option names: kept at 30 columns, with click's floor
    of 10 for the text beside it, it made lines of 42 on a terminal of 40. Narrower, a name
    too long for it goes on its own line, as click does with any name past 30; narrower
    still, when an "[env var: ...]" or "[default: ...]" tag cannot fit beside the names, every
    name does, its text under it (the tag was cut inside its brackets at 40 and 60 columns),
    at 8 columns, or at 4 where 8 leaves the tag too little room (below 36 columns). Only a
    tag wider than the room even then (30 columns) breaks, after its colon."""

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """click's, each tag's spaces glued while click wraps: a tag stays whole, or where it
        is too wide even so, breaks after its colon only (see the class)."""
        rows = list(rows)
        room = self.width - self.current_indent - col_spacing - HELP_TEXT_MIN
        col_max = min(col_max, max(room, 8))
        tag = max((len(m) for _, text in rows for m in TAG.findall(text)), default=0)
        names = max((len(name) for name, _ in rows), default=0)
        if tag > self._text_width(min(names, col_max) + col_spacing):
            # under each name, at 8; at 4 where 8 leaves the tag too little room (30-35)
            col_max = UNDER if tag <= self._text_width(UNDER + col_spacing) else 0
        text_width = self._text_width(min(names, col_max) + col_spacing)

        def glued(text: str) -> str:
            def glue(m: re.Match[str]) -> str:
                whole = m.group()
                if len(whole) <= text_width:
                    return whole.replace(" ", GLUE)
                # too wide even so (30 columns): a line break after the colon only
                head, _, rest = whole.partition(": ")
                tail = rest.replace(" ", GLUE) if len(rest) <= text_width else rest
                return f"{head.replace(' ', GLUE)}: {tail}"

            return TAG.sub(glue, text)

        start = len(self.buffer)
        super().write_dl([(name, glued(text)) for name, text in rows], col_max, col_spacing)
        self.buffer[start:] = [part.replace(GLUE, " ") for part in self.buffer[start:]]

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """`Usage: emprep review [OPTIONS] ID RATING`, a required argument without braces."""
        super().write_usage(prog, REQUIRED.sub(r"\1", args), prefix)

    def _text_width(self, first_col: int) -> int:
        """The room click's `write_dl` gives the text beside a name column `first_col` wide."""
        return max(self.width - first_col - 2, 10)


class NarrowContext(Context):
    """A context whose help is drawn by `NarrowFormatter`."""

    formatter_class = NarrowFormatter


def narrow(command: Command) -> Command:
    """`command`, and a group's commands, drawing their help with `NarrowFormatter`."""
    command.context_class = NarrowContext
    for sub in getattr(command, "commands", {}).values():
        narrow(sub)
    return command


class Commands(Mapping[str, Command]):
    """emprep's commands by name, each built the first time it is asked for: a run builds the
    one it runs (click's lazy subcommands), which keeps typer's reading of the other commands'
    signatures, about 4 ms, off every command; `--help` builds none (`format_commands`). A
    command registered on `app` the usual way (`@app.command()`) is built by typer beforehand,
    and kept."""

    def __init__(self, registered: Mapping[str, Command]) -> None:
        self.registered = dict(registered)

    def __getitem__(self, name: str) -> Command:
        if name in self.registered:
            return self.registered[name]
        if name not in COMMANDS:
            raise KeyError(name)
        return built(name)

    def __iter__(self) -> Iterator[str]:
        return iter([*COMMANDS, *(n for n in self.registered if n not in COMMANDS)])

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self.registered))


HELP_FLOOR = 50  # click's narrowest help, whatever the terminal


class RootGroup(EmprepGroup):
    """The `emprep` group, its commands in a `Commands`."""

    context_class = NarrowContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = Commands(self.commands)  # type: ignore[assignment]  # read-only

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        """Help as wide as a narrow terminal: click's floor of 50 columns ran every help line
        past a terminal of 40 (wider ones keep click's own width). The commands' contexts
        inherit it."""
        import shutil

        columns = shutil.get_terminal_size().columns
        if columns - 2 < HELP_FLOOR:
            extra.setdefault("terminal_width", max(columns - 2, 20))
        return super().make_context(info_name, args, parent, **extra)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """`--help`'s list of commands from `COMMANDS`, so listing them imports and builds none
        of them (a command registered the usual way gives its own line)."""
        commands: Commands = self.commands  # type: ignore[assignment]
        rows = [(name, short) for name, (_, _, short) in COMMANDS.items()]
        limit = formatter.width - 6 - max(len(name) for name in commands)
        rows += [
            (name, command.get_short_help_str(limit))
            for name, command in commands.registered.items()
            if name not in COMMANDS and not command.hidden
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


app = typer.Typer(
    cls=RootGroup,
    name="emprep",
    help="Prepare for an engineering-manager interview loop: a plan, a daily drill, progress.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """The console script: the command, then an exit that does not walk the objects it
    leaves (modules, the pack): `gc.freeze` hides them from every later collection,
    including the interpreter's last one, which would otherwise cost about as much as the
    command's own work. A Tab in a shell set up by `emprep completion` runs this with
    `_EMPREP_COMPLETE` set: typer's shells are readied then, and only then."""
    import atexit
    import gc
    import os

    if COMPLETE_VARIABLE in os.environ:
        from emprep.cli.shells import ready_shells

        ready_shells()
    gc.freeze()
    atexit.register(gc.freeze)
    app()


def _version(value: bool) -> None:
    if value:
        print(f"emprep {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data", metavar="DIR", envvar="EMPREP_DATA", help="Folder of another loop pack."
        ),
    ] = None,
    progress: Annotated[
        str | None,
        typer.Option(
            "--progress", metavar="PATH", envvar="EMPREP_PROGRESS", help="The progress file to use."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Prepare for an engineering-manager interview loop: a plan, a daily drill, progress."""
    from typer._click.core import ParameterSource

    from emprep.core.errors import EmprepError, shown
    from emprep.storage import files

    files.FROM_ENVIRONMENT.clear()
    for name, variable in (("data", "EMPREP_DATA"), ("progress", "EMPREP_PROGRESS")):
        if ctx.get_parameter_source(name) is ParameterSource.ENVIRONMENT:
            files.FROM_ENVIRONMENT[f"--{name}"] = variable
    for name, value in (("data", data), ("progress", progress)):
        if value == "" and ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE:
            # an empty environment variable is unset, as shells have it; an empty option is
            # most often "$VAR" unset, and the default file is not the one meant
            raise EmprepError(
                f"--{name}: the path given is empty; give one, or leave --{name} out for the "
                f"default"
            )
        if value == "-":
            # `-` is standard input or output elsewhere; a file named `-` in the current
            # folder would take the progress where no one looks for it
            what = "its progress file" if name == "progress" else "a pack folder"
            raise EmprepError(
                f"{files.as_given(f'--{name}', '-')}: emprep reads and writes {what} in place, "
                "not through standard input or output; give a path (./- for one named -)"
            )
    if progress and progress.endswith("/"):  # pathlib drops the slash: a file would be made
        raise EmprepError(
            f"{files.as_given('--progress', shown(progress, 1000))}: ends in /, so it names a "
            "folder; give the "
            f"file's path, say {shown(progress, 1000)}progress.toml"
        )
    if progress and progress != progress.strip():
        _spaced(progress)
    if progress and "$" in progress:
        _unexpanded(progress)
    ctx.obj = {"data": data, "progress": progress}
    from emprep.ui import output

    output.RUN_WITH[:] = [
        word
        for name, value in (("data", data), ("progress", progress))
        if value and ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
        for word in (f"--{name}", value)
    ]


def _unexpanded(progress: str) -> None:
    """A variable no shell expanded at the start of the path, or after its `~/` or `./`
    (`EMPREP_PROGRESS='$HOME/p.toml'`
    quoted, or set in a file of settings no shell reads) would make a folder named `$HOME`
    wherever emprep is run from, and the ratings saved where no one looks, a new one in each
    folder; a file of that name that exists is taken as meant, and a `$` further on is a name's
    (a folder `price $5`)."""
    import os
    import re
    from pathlib import Path

    from emprep.core.errors import EmprepError, shown
    from emprep.storage.files import as_given, quoted

    found = re.match(r"(?:~[^/]*/|\./)?(\$(?:\w+|\{\w+\}))", progress)
    if found is None or os.path.lexists(os.path.expanduser(progress)):
        return
    meant = os.path.expandvars(progress)
    # `~` expanded too: inside the quotes that keep the rest as it is, a shell keeps it a `~`
    say = f", say {quoted(Path(os.path.expanduser(meant)))}" if "$" not in meant else ""
    given = as_given("--progress", f"'{shown(progress, 1000)}'")
    raise EmprepError(
        f"{given}: holds {found.group(1)}, which no shell expanded (it was quoted, or set where "
        f"no shell reads it), and no such file exists; give the path itself{say}"
    )


def _spaced(progress: str) -> None:
    """A space around a path (`EMPREP_PROGRESS="~/p.toml "` in a file of settings) would make
    a file named with it, and the ratings saved where no one looks; a file of that name that
    exists is taken as meant."""
    import os
    from pathlib import Path

    from emprep.core.errors import EmprepError, shown
    from emprep.storage.files import as_given, quoted

    if os.path.lexists(os.path.expanduser(progress)):
        return
    if not progress.strip():
        blank = as_given("--progress", f"'{shown(progress)}'")
        raise EmprepError(
            f"{blank}: the path given is blank; give one, or leave --progress and "
            "EMPREP_PROGRESS out for the default"
        )
    given = as_given("--progress", f"'{shown(progress, 1000)}'")
    raise EmprepError(
        f"{given}: begins or ends with a space, and no such file exists; give the path without "
        f"it, say {quoted(Path(os.path.expanduser(progress.strip())))}"
    )
