"""The command line (Typer): each command parses, calls one function and emits the result."""

from emprep.cli.app import app, main

__all__ = ["app", "main"]
