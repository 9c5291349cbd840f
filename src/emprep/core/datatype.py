"""`@datatype`: a dataclass whose `==` and `repr` are shared by every class, not generated for each.

`@dataclass` writes the source of `__init__`, `__repr__` and `__eq__` for each class and compiles
it when the class is defined. emprep defines about fifty, and every command defines most of them
at start-up: compiling the two that are the same for every class (compare the fields in order;
show them in order) cost about 6 ms of a warm command (benchmarks/latency.py). `datatype` lets
`dataclass` generate `__init__` only and gives the class these two, which do what the generated
ones do: equal when of the same class with equal fields, `Name(field=value, ...)`.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform

T = TypeVar("T")


@dataclass_transform(field_specifiers=(field,))
def datatype(cls: type[T]) -> type[T]:
    """`@dataclass`, with `==` and `repr` that do not need compiling (see the module)."""
    made = dataclass(eq=False, repr=False)(cls)
    every = fields(cast(Any, made))
    compared = _getter([f.name for f in every if f.compare])
    shown = [f.name for f in every if f.repr]

    def __eq__(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(compared(self) == compared(other))
        return NotImplemented

    @reprlib.recursive_repr()
    def __repr__(self: object) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inside})"

    made.__eq__ = __eq__  # type: ignore[method-assign]
    made.__repr__ = __repr__  # type: ignore[method-assign]
    made.__hash__ = None  # type: ignore[assignment]  # as @dataclass: equal by value, unhashable
    return made


def _getter(names: list[str]) -> Callable[[object], tuple[Any, ...]]:
    """The fields as a tuple, as `@dataclass`'s `__eq__` compares them (a tuple even of one)."""
    if len(names) == 1:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return attrgetter(*names) if names else lambda obj: ()
