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
        raise Invalid(_problem(e, cls)) from None
    return result


def _problem(e: ValidationError, cls: type) -> str:
    """The first of pydantic's errors in a person's words and where it is, with how many
    more: an error is one line (a misspelt key, said as one, counts for its two)."""
    errors = e.errors()
    misspelt = _misspelt(errors)
    said = 2 if misspelt else 1
    more = f" (and {len(errors) - said} more)" if len(errors) > said else ""
    if misspelt:
        return misspelt + more
    err = errors[0]
    return f"{key_path(err['loc'])}: {_said(err, cls)}{more}"


# pydantic's error types, in the words of a person editing the file: what the value is not
_NOT = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text in quotes",
    "date_type": "a date (YYYY-MM-DD, without quotes)",
    "date_parsing": "a date (YYYY-MM-DD, without quotes)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD, without a time)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD, without quotes)",
    "datetime_type": "a time (YYYY-MM-DD HH:MM:SS+00:00, without quotes)",
    "datetime_parsing": "a time (YYYY-MM-DD HH:MM:SS+00:00, without quotes)",
    "datetime_from_date_parsing": "a time (YYYY-MM-DD HH:MM:SS+00:00, without quotes)",
    "list_type": "a list ([...])",
    "dict_type": "a table",
    "dataclass_type": "a table",
    "model_type": "a table",
}
_BOUNDS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")


def _said(err: ErrorDetails, cls: type) -> str:
    """The problem `err` names, in emprep's words rather than pydantic's: what the value is,
    and what the key takes (a range with both its ends, where the field's `Rule` has them)."""
    from emprep.core.words import plural

    kind, ctx = err["type"], err.get("ctx", {})
    value = _value(err.get("input"))
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key; remove it or check its spelling"
    if kind == "missing":
        return "missing; this key is required"
    if kind in _NOT:
        return f"{value} is not {_NOT[kind]}"
    if kind == "timezone_aware":
        return f"{value} has no offset from UTC; add one (+00:00)"
    if kind in _BOUNDS:
        return f"must be {_range(_rule(cls, err['loc']))} (got {value})"
    if kind == "string_too_short":
        return "is empty; write it"
    if kind == "too_short":
        return (
            f"holds {plural(ctx.get('actual_length', 0), 'item')}; at least {ctx.get('min_length')}"
        )
    if kind == "too_long":
        return (
            f"holds {plural(ctx.get('actual_length', 0), 'item')}; at most {ctx.get('max_length')}"
        )
    if kind == "literal_error":
        return f"{value} is not one of {ctx.get('expected')}"
    if kind == "string_pattern_mismatch":
        rule = _rule(cls, err["loc"])
        return f"{value} is not {getattr(rule, 'says', '') or 'an id emprep writes'}"
    return str(err["msg"])


def _value(value: object) -> str:
    """A value as the file writes it, cut short: text in quotes, a date or a number bare."""
    from emprep.core.errors import shown

    if isinstance(value, str):
        return f"'{shown(value, 40)}'"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a table"
    return shown(str(value).replace("+00:00", "Z"), 40) if value is not None else "nothing"


def _range(rule: object) -> str:
    """The range a `Rule`'s bounds allow, `1 to 100`, `at least 0`, `more than 0`; times by
    their days in UTC, `2000-01-01 to 2099-12-31 UTC`."""
    from datetime import UTC, datetime, timedelta

    bounds = dict(getattr(rule, "constraints", {}))
    if isinstance(bounds.get("lt"), datetime):  # the end of the range is the day before it
        bounds["le"] = bounds.pop("lt") - timedelta(days=1)
    said = {
        k: f"{v.astimezone(UTC):%Y-%m-%d}"
        if isinstance(v, datetime)
        else f"{v:g}"
        if isinstance(v, float)
        else str(v)
        for k, v in bounds.items()
        if k in ("ge", "gt", "le", "lt")
    }
    utc = " UTC" if any(isinstance(v, datetime) for v in bounds.values()) else ""
    if "ge" in said and "le" in said:
        return f"from {said['ge']} to {said['le']}{utc}"
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    return " and ".join(f"{words[k]} {v}" for k, v in said.items()) + utc


def _rule(cls: type, loc: tuple[int | str, ...]) -> object:
    """The `Rule` of the field at `loc` in `cls`, found through its dataclasses, lists and
    tables; None where there is none."""
    import dataclasses
    import typing

    from emprep.core.models import Rule

    hint: Any = cls
    for part in loc:
        hint = _inner(_optional(hint))
        if isinstance(part, str) and dataclasses.is_dataclass(hint):
            hint = typing.get_type_hints(hint, include_extras=True).get(part)
        elif typing.get_origin(hint) in (list, dict):
            hint = typing.get_args(hint)[-1]
        else:
            return None
    hint = _optional(hint)
    rules = [m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Rule)]
    return rules[0] if rules else None


def _optional(hint: Any) -> Any:
    """`X` of `X | None`."""
    import types
    import typing

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    is_union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    return args[0] if is_union and len(args) == 1 else hint


def _inner(hint: Any) -> Any:
    """`X` of `Annotated[X, ...]`."""
    return getattr(hint, "__origin__", hint) if hasattr(hint, "__metadata__") else hint


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
