"""Checking data read from a file against the models, with errors a person can act on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from emprep.core.pack import PackError

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

T = TypeVar("T")


_ADAPTERS: dict[type, Any] = {}


class Invalid(Exception):
    """Data that does not fit its model; `str()` is `key path: problem (and N more)`, the
    first problem pydantic found, said as a person editing the file can act on it."""


def validate(cls: type[T], data: object) -> T:
    """`data` checked against `cls`; raises Invalid. Importing pydantic and building the
    validator costs more than the rest of a command, so it happens only here."""
    from pydantic import ValidationError

    if cls not in _ADAPTERS:
        # emprep uses no pydantic plugins; scanning every installed package's entry points for
        # them costs more than building the validator.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        from pydantic import TypeAdapter

        _ADAPTERS[cls] = TypeAdapter(cls)
    try:
        result: T = _ADAPTERS[cls].validate_python(data)
    except ValidationError as e:
        raise Invalid(_problem(e)) from None
    return result


def _problem(e: ValidationError) -> str:
    """The first of pydantic's errors in a person's words and where it is, with how many
    more: an error is one line (a misspelt key, said as one, counts for its two)."""
    errors = e.errors()
    misspelt = _misspelt(errors)
    said = 2 if misspelt else 1
    more = f" (and {len(errors) - said} more)" if len(errors) > said else ""
    if misspelt:
        return misspelt + more
    err = errors[0]
    msg = err["msg"]
    if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
        msg = "unknown key; remove it or check its spelling"
    elif err["type"] == "missing":
        msg = "missing; this key is required"
    return f"{key_path(err['loc'])}: {msg}{more}"


def _misspelt(errors: list[ErrorDetails]) -> str | None:
    """A key spelt wrong is both an unknown key and a required one missing beside it: said as
    one problem, the unknown key with the name it should have, not "missing" alone."""
    import difflib

    missing = [err["loc"] for err in errors if err["type"] == "missing"]
    for err in errors:
        if err["type"] not in ("extra_forbidden", "unexpected_keyword_argument"):
            continue
        *parent, key = err["loc"]
        names = [str(loc[-1]) for loc in missing if list(loc[:-1]) == parent]
        close = difflib.get_close_matches(str(key), names, n=1)
        if close:
            return (
                f"{key_path(err['loc'])}: unknown key; did you mean '{close[0]}', a required key?"
            )
    return None


def key_path(loc: tuple[int | str, ...]) -> str:
    """Render a pydantic error location as a TOML key path: `round[1].minutes`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_model(model: type[T], data: dict[str, Any], path: Path) -> T:
    """Validate a pack file's `data`; a problem is reported as `file: key path: problem`."""
    try:
        return validate(model, data)
    except Invalid as e:
        raise PackError(f"{path}: {e}") from None
