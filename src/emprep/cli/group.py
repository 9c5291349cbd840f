"""Every way out of a command: one line on stderr and a documented exit code."""

import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import TyperGroup

from emprep.core.errors import EmprepError, ExitStatus, shown


def fail(message: str, code: ExitStatus = ExitStatus.BAD_INPUT) -> NoReturn:
    from emprep.ui.pipes import say

    say(f"emprep: error: {shown(message, limit=2000)}")
    sys.exit(code)


class EmprepGroup(TyperGroup):
    """Every way out of a command ends here: one line on stderr and a documented exit code."""

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
        from emprep.ui import pipes

        pipes.open_streams()
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
        except typer.TyperException as e:
            ctx = getattr(e, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            # one line: click lists the choices of a missing argument a line and a tab each
            said = re.sub(r"\s*\n\s*", " ", e.format_message())
            fail(said.rstrip(".") + hint)
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
