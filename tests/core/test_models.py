"""The models: every leaf strict, so pydantic never turns "3" into 3."""

from __future__ import annotations

import dataclasses
import types
import typing

from emprep.core import models, pack_files


def test_every_leaf_field_is_strict() -> None:
    """A leaf without a Rule would let pydantic turn "3" into 3: every one must carry one."""

    def leaves_ok(tp: object, where: str) -> None:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(tp)
            if any(isinstance(m, models.Rule) for m in meta):
                return
            leaves_ok(base, where)
        elif origin in (list, typing.Union, types.UnionType):
            for arg in typing.get_args(tp):
                leaves_ok(arg, where)
        elif origin is dict:
            leaves_ok(typing.get_args(tp)[1], where)
        elif origin is typing.Literal or tp is type(None) or dataclasses.is_dataclass(tp):
            return
        else:
            raise AssertionError(f"{where}: {tp} is not strict")

    checked = 0
    for module in (models, pack_files):
        for cls in vars(module).values():
            if (
                isinstance(cls, type)
                and hasattr(cls, "__pydantic_config__")
                and cls.__module__ == module.__name__
            ):
                hints = typing.get_type_hints(cls, include_extras=True)
                for f in dataclasses.fields(cls):
                    leaves_ok(hints[f.name], f"{cls.__name__}.{f.name}")
                    checked += 1
    assert checked > 80
