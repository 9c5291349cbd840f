"""The shells typer completes for, readied at a Tab (`cli/app.py`'s `main`) and only then, each
writing the descriptions beside the values as emprep wrote them."""

# What zsh completes a value of each of these names with: a file, or a folder
PATHS = {"FILE": "_files", "PATH": "_files", "DRAFT": "_files", "DIR": "_files -/"}


def ready_shells() -> None:
    """Typer's shells, but for the descriptions beside each value, sent as emprep wrote them.
    Typer reads a description as rich markup, which emprep's help is not: "[default: config
    count, or 5]" went as a tag ("Questions a day ." in zsh and fish), and so would a story
    title's "[draft]". Its zsh code wrote a `'` as `''` in a word zsh reads in single quotes,
    so zsh showed none ("Todays drill is done", "Which of Courseras values")."""
    from typer._click.shell_completion import CompletionItem, add_completion_class
    from typer._completion_classes import (
        FishComplete,
        PowerShellComplete,
        ZshComplete,
        completion_init,
    )

    def one_line(text: str) -> str:
        return " ".join(text.split())

    class Zsh(ZshComplete):
        def format_completion(self, item: CompletionItem) -> str:
            def quoted(text: str) -> str:
                # one word of `_arguments '*: :((...))'`, which the script evals; a backslash
                # doubled for the double quotes, then for _arguments, which reads its own escapes
                return (
                    one_line(text)
                    .replace("\\", "\\\\\\\\")
                    .replace('"', '\\"')
                    .replace("'", "'\\''")
                    .replace("$", "\\$")
                    .replace("`", "\\`")
                    .replace(":", "\\\\:")
                )

            value = f'"{quoted(item.value)}"'
            return f'{value}:"{quoted(item.help)}"' if item.help else value

        def complete(self) -> str:
            """Nothing to offer offers nothing, not typer's `_files`: a second Tab after a
            question id (`note` takes one) offered the current folder's files. A value that
            is a file (FILE, PATH, DRAFT) is still completed as one, a folder (DIR) as one."""
            offered = super().complete()
            if offered != "_files":
                return offered
            from typer._click.shell_completion import _resolve_context, _resolve_incomplete

            args, incomplete = self.get_completion_args()
            ctx = _resolve_context(self.cli, self.ctx_args, self.prog_name, args)
            wanted, _ = _resolve_incomplete(ctx, args, incomplete)
            return PATHS.get(getattr(wanted, "metavar", None) or "", "")

    class Fish(FishComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return f"{item.value}\t{one_line(item.help)}" if item.help else str(item.value)

    class PowerShell(PowerShellComplete):
        def format_completion(self, item: CompletionItem) -> str:
            return f"{item.value}:::{one_line(item.help) if item.help else ' '}"

    completion_init()
    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")
    for name in ("powershell", "pwsh"):
        add_completion_class(PowerShell, name)
