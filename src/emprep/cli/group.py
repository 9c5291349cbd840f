"""Every way out of a command: one line on stderr and a documented exit code."""

import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click.core import Command, Context
from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperGroup, TyperOption

from emprep.core.errors import EmprepError, ExitStatus, shown

LINE = 2000  # the most an error line holds
WORD = 200  # a word longer than this, in a line longer than LINE, is cut in its middle


def fail(message: str, code: ExitStatus = ExitStatus.BAD_INPUT) -> NoReturn:
    from emprep.ui.pipes import say

    say(f"emprep: error: {fitted(message)}")
    sys.exit(code)


def fitted(message: str) -> str:
    """`message` fit to one line of at most LINE characters, its start and its end kept: a
    path or a text of thousands of characters typed where a short one goes (`--data`, `--from
    "$(cat notes.txt)"`) was cut at the line's end, so the line said the path and nothing of
    what was wrong or the fix. Each word longer than WORD is cut in its middle; a line still
    too long keeps its start and its end. A line that fits is left whole (a path in a command
    to paste is whole there)."""
    line = shown(message, limit=len(message) * 10 + 1)  # escaped, not cut
    if len(line) <= LINE:
        return line
    line = " ".join(w if len(w) <= WORD else f"{w[:60]}…{w[-40:]}" for w in line.split(" "))
    if len(line) <= LINE:
        return line
    return f"{line[: LINE // 4]}…{line[-(LINE - LINE // 4 - 1) :]}"


def given_once(command: Command, ctx: Context, args: list[str]) -> None:
    """An option that takes one value, given twice (`story add --title A --title B`, `note
    --text` twice), is refused: click keeps the last and drops the others without a word, and
    what it drops may be text typed to be saved. `ctx` is the context of `command`'s parent,
    or of `command` itself; what else is wrong with `args` is said by their own parse."""
    if ctx.resilient_parsing:  # Tab completion: nothing said
        return
    probe = command.context_class(command, info_name=command.name, parent=ctx)
    no_option_as_value(command, probe, args)
    try:
        _, _, order = command.make_parser(probe).parse_args(args=list(args))
    except UsageError:
        return
    seen: set[str] = set()
    for param in order:
        if not isinstance(param, TyperOption) or param.multiple or param.is_flag or param.count:
            continue
        name = max(param.opts, key=len)
        if name in seen:
            times = sum(p is param for p in order)
            raise EmprepError(
                f"{name} is given {times} times, and only one would be kept; give it once"
            )
        seen.add(name)


def no_option_as_value(command: Command, probe: Context, args: list[str]) -> None:
    """An option's value that is one of the command's own options, alone or with its value,
    or a bare `--` (`rounds log recruiter --asked --`, `--note --asked`, `--asked
    --note="went well"`, `story add --title --help`), is refused: click takes the next word
    as the value whatever it is, so a value left out saved the option's name as a question,
    a note or a title. `--note=--asked` still gives it."""
    params = [p for p in command.get_params(probe) if isinstance(p, TyperOption)]
    known = {name for p in params for name in (*p.opts, *p.secondary_opts)}
    takes = {name: p for p in params if not p.is_flag and not p.count for name in p.opts}
    words = iter(args)
    for word in words:
        if word == "--":  # the options end here
            return
        param = takes.get(word)
        if param is None:
            if not word.startswith("-") and not probe.allow_interspersed_args:
                return  # a group's command: what follows is the command's
            continue
        value = next(words, None)
        if value is None:  # click said "Option '--resume' requires an argument", no more
            own = probe.parent if probe.parent and probe.parent.command is command else probe
            raise EmprepError(
                f"{word} needs a value ({word} {param.make_metavar(probe)}), and none is given "
                f"after it (see '{own.command_path} --help')"
            )
        if value != "--" and value.split("=", 1)[0] not in known:
            continue
        import shlex

        name = max(param.opts, key=len)
        meant = f"{name}={shlex.quote(value)}" if name.startswith("--") else f"{name}{value}"
        what = "marks the end of the options" if value == "--" else "is one of its options"
        raise EmprepError(
            f"{word}'s value '{shown(value)}' {what}; to give it as the value, write {meant}"
        )


class EmprepGroup(TyperGroup):
    """Every way out of a command ends here: one line on stderr and a documented exit code."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """The group's own options given once (`emprep --progress A --progress B`)."""
        given_once(self, ctx.parent or ctx, args)
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """A command's options given once; a group's are checked as it parses its own."""
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not isinstance(command, TyperGroup):
            given_once(command, ctx, rest)
        return name, command, rest

    def invoke(self, ctx: Context) -> Any:
        """Ctrl-C says so, as Ctrl-D does: typer turns a KeyboardInterrupt into a silent exit
        130, which left the cursor after a prompt ("Delete story s1? [y/N] ") and the shell's
        prompt on that line."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            print("\nemprep: interrupted", file=sys.stderr)
            raise typer.Exit(ExitStatus.INTERRUPTED) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Every command's way out, in one place: an error is one line on stderr with its
        exit status (2 for bad input), Ctrl-C says so, a reader gone from the pipe ends it
        quietly, and anything unexpected is one line asking for a report, never a traceback
        (unless EMPREP_DEBUG)."""
        from emprep.ui import pipes

        pipes.open_streams()
        given = list(sys.argv[1:] if args is None else args)
        try:
            rv = super().main(args, prog_name or "emprep", complete_var, False, **extra)
            pipes.flush()
        except NoArgsIsHelpError as e:
            try:  # `emprep config | head -3`: the reader may be gone, as for any output
                print(e.ctx.get_help() if e.ctx else "")
                pipes.flush()
            except OSError as err:
                pipes.failed(err)
            sys.exit(ExitStatus.OK)
        except NoSuchOption as e:
            fail(_before_the_command(e, given) or _negative(e, given) or _said(e))
        except typer.TyperException as e:
            fail(_said(e))
        except EmprepError as e:
            fail(str(e), e.exit_code)
        except (KeyboardInterrupt, typer.Abort):
            print("emprep: interrupted", file=sys.stderr)
            sys.exit(ExitStatus.INTERRUPTED)
        except OSError as e:  # files are storage's (EmprepError): this one is the output
            pipes.failed(e)
        except SystemExit as e:  # typer's own way out of a closed pipe is a silent exit 1
            if isinstance(e.__context__, BrokenPipeError):
                pipes.closed()
            raise
        except Exception as e:
            if os.environ.get("EMPREP_DEBUG"):
                raise
            fail(
                f"unexpected {type(e).__name__}: {e}; run again with EMPREP_DEBUG=1 "
                "for the traceback and report it",
                ExitStatus.UNEXPECTED,
            )
        code = rv if isinstance(rv, int) else ExitStatus.OK
        if standalone_mode:
            sys.exit(code)
        return code


def _said(e: typer.TyperException) -> str:
    """click's message in one line (it lists the choices of a missing argument a line and a
    tab each), with the command's help to see."""
    ctx = getattr(e, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return re.sub(r"\s*\n\s*", " ", e.format_message()).rstrip(".") + hint


def _negative(e: NoSuchOption, given: list[str]) -> str | None:
    """A negative number given as an argument (`task done -1`, `review ID -1`) is read as an
    option: click said "No such option: -1" (of `-0.5`, "-0"), as if an option were
    mistyped. None for any other word."""
    number = re.compile(r"-\d+(?:\.\d+)?")
    typed = [w for w in given if w.startswith(e.option_name) and number.fullmatch(w)]
    if not typed or e.ctx is None:
        return None
    path = e.ctx.command_path
    return (
        f"{typed[0]} is read as an option, and {path} has none: no number it takes is below 0 "
        f"(see '{path} --help')"
    )


def _before_the_command(e: NoSuchOption, given: list[str]) -> str | None:
    """emprep's own option (`--progress`, `--data`, `--version`) given after the command
    (`emprep drill --progress p.toml`): click said "No such option: --progress (Possible
    options: --more)", and of `rounds log rec --data x`, "--date". Said with the line that
    gives it before the command; None for any other option."""
    from emprep.storage.files import shell_word

    ctx = e.ctx
    if ctx is None or ctx.parent is None:
        return None
    root = ctx.find_root().command
    name = e.option_name
    own = [p for p in root.params if isinstance(p, TyperOption) and name in p.opts]
    if not own:
        return None
    said = f"{name} is emprep's own option, given before the command"
    if own[0].is_flag:  # --version: the command after it is not run
        return f"{said}: emprep {name}"
    words = list(given)
    at = _command_at(words, ctx, root)
    after = _spans(words, name, at)
    if not after:
        return None
    moved = words[after[0]] + ([""] if words[after[0]] == [name] else [])  # its value left out
    rest = words[: after[0].start] + words[after[0].stop :]

    def line(words: list[str]) -> str:
        return " ".join(shell_word(w) if w else str(own[0].metavar) for w in ["emprep", *words])

    before = _spans(rest[:at], name, 0)
    if before:  # a line of both would be refused: given twice
        b = before[-1]
        mine = rest[: b.start] + moved + rest[b.stop :]
        return f"{said}, where it is given already: give it once, {line(rest)} or {line(mine)}"
    return f"{said}: {line(rest[:at] + moved + rest[at:])}"


def _command_at(words: list[str], ctx: Context, root: Command) -> int:
    """Where the command starts in `words`, after emprep's own options and their values."""
    while ctx.parent is not None and ctx.parent.parent is not None:
        ctx = ctx.parent
    takes = {o for p in root.params if isinstance(p, TyperOption) and not p.is_flag for o in p.opts}
    for i, word in enumerate(words):
        if word == ctx.info_name and (i == 0 or words[i - 1] not in takes):
            return i
    return 0


def _spans(words: list[str], name: str, start: int) -> list[slice]:
    """Where the option `name` is given in `words` from `start` on, its value with it."""
    found, i = [], start
    while i < len(words):
        if words[i].startswith(f"{name}="):
            found.append(slice(i, i + 1))
        elif words[i] == name:
            found.append(slice(i, i + 2))
            i += 1
        i += 1
    return found
