"""`@datatype`: a dataclass that costs little to define, as a command defines about fifty.

`@dataclass` writes the source of `__init__`, `__repr__` and `__eq__` for each class, compiles
it, and collects the fields, when the class is defined: about 10 ms of a warm `progress`
(benchmarks/latency.py), for classes of which a command uses a few. `datatype` gives the class
methods that do what the generated ones do, shared or made when first used: `==` (of the same
class, fields compared as a tuple) and `repr` (`Name(field=value, ...)`) shared, `__init__`
made from one compiled per number of fields with the parameters and attributes renamed to the
class's own (the same signature, defaults and error messages as `dataclass`'s), and the fields
collected by `dataclass` itself the first time anything asks for them (`dataclasses.fields`,
`replace`, pydantic). It takes plain fields, defaults and default factories; the rest of
`dataclass`'s options are refused.
"""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import reprlib
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields
from functools import cache
from operator import attrgetter
from types import FunctionType
from typing import Any, TypeVar, cast, dataclass_transform

T = TypeVar("T")


class _Factory:
    """The default of a field made by a factory, as `inspect.signature` shows dataclass's."""

    def __repr__(self) -> str:
        return "<factory>"


FACTORY = _Factory()
SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")
# Instances a class makes through the shared `__init__` before it gets one compiled for it.
COMPILED_AFTER = 64
FIELDS = "__datatype_fields__"  # a datatype's own attribute: its fields' names, in order
LATER = "__datatype_later__"  # a datatype's fields an instance may be made without (`later`)
EAGER = "__datatype_eager__"  # and the others, in order
PENDING = "__datatype_pending__"  # an instance's own: what makes its later fields


@dataclass_transform(field_specifiers=(field,))
def datatype(cls: type[T]) -> type[T]:
    """`@dataclass`, with methods that do not need compiling and fields collected when first
    asked for (see the module)."""
    notes = inspect.get_annotations(cls)
    if cls.__bases__ == (object,) and _plain(notes):
        every = _written(cls, notes)
        cls.__match_args__ = tuple(notes)  # type: ignore[attr-defined, misc]
        for name in ("__dataclass_fields__", "__dataclass_params__"):
            setattr(cls, name, _Collected(cls, name))
    else:
        _collect(cls)
        every = fields(cast(Any, cls))
    _check(cls, every)
    setattr(cls, FIELDS, tuple(f.name for f in every))
    _methods(cls, every)
    return cls


def replace(obj: T, /, **changes: Any) -> T:
    """`dataclasses.replace`: for a datatype, without `dataclass` collecting its fields (a
    command replaces a few values of classes whose fields nothing else asks for)."""
    names = type(obj).__dict__.get(FIELDS)
    if names is None:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    return type(obj)(**{**{name: getattr(obj, name) for name in names}, **changes})


def _methods(cls: type, every: tuple[Field[Any], ...]) -> None:
    """`__init__`, `==`, `repr` and no hash, each unless the class body writes its own: as
    `dataclass` does, which never replaces a method the class defines."""
    written = dict(vars(cls))
    eq, shown = _shared(every)
    made = {"__init__": _Init(cls, every), "__eq__": eq, "__repr__": shown}
    for name, method in made.items():
        if name not in written:
            setattr(cls, name, method)
    hashed = written.get("__hash__")
    if hashed is None:  # none written, or Python's None for a class that writes `__eq__`
        cls.__hash__ = None  # type: ignore[assignment]  # equal by value, so unhashable


def _plain(notes: dict[str, Any]) -> bool:
    """Every annotation a string naming none of ClassVar, InitVar, KW_ONLY: plain fields only.
    Read as one text: a class is defined once a run, before Python has sped up any of this."""
    try:
        text = "\0".join(notes.values())
    except TypeError:  # an annotation that is not a string
        return False
    return not any(word in text for word in SPECIAL)


class _Collected:
    """`__dataclass_fields__` or `__dataclass_params__` until either is first asked for (by
    `dataclasses.fields`, `replace`, `is_dataclass`, pydantic): `dataclass` then collects the
    fields, and its values take the place of both. A command defines about fifty datatypes
    and asks for the fields of a few; collecting them all was 2 ms."""

    def __init__(self, cls: type, name: str) -> None:
        self.cls, self.name = cls, name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if self.cls.__dict__.get(self.name) is self:
            _collect(self.cls)
        return getattr(self.cls, self.name)


def _collect(cls: type) -> None:
    """`dataclass` generating nothing. It reads a string annotation (all of emprep's, under
    `from __future__ import annotations`) three times, with a regex and a module lookup, to see
    whether it names ClassVar, InitVar or KW_ONLY: where none does, it is shown placeholders
    instead, and the fields get their annotations back (a fifth of its time)."""
    notes = inspect.get_annotations(cls)
    if not _plain(notes):
        dataclass(init=False, eq=False, repr=False)(cls)
        return
    cls.__annotations__ = dict.fromkeys(notes, object)
    try:
        dataclass(init=False, eq=False, repr=False)(cls)
    finally:
        cls.__annotations__ = notes
    for f in fields(cast(Any, cls)):
        if f.name in notes:  # the class's own: an inherited field keeps its base's
            f.type = notes[f.name]


def _shared(
    every: tuple[Field[Any], ...],
) -> tuple[Callable[[Any, object], bool], Callable[[Any], str]]:
    """`==` (of the same class, the compared fields as a tuple) and `repr` (`Name(field=value,
    ...)`), as `dataclass` generates them."""
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

    return __eq__, __repr__


def restored(cls: type[T], values: dict[str, Any]) -> T:
    """What `cls(**values)` makes, for a datatype and a value for each of its fields in order,
    without calling `__init__`: `__init__` only sets the fields, and the cache builds many
    instances of classes a command may never make itself. `values` becomes the instance's
    own: the caller hands a dict it made for it (copying it cost more than the rest)."""
    if cls.__dict__.get(FIELDS) != tuple(values):
        return cls(**values)
    made: T = object.__new__(cls)
    made.__dict__ = values
    return made


def later(cls: type[T], *names: str) -> type[T]:
    """Let an instance of the datatype `cls` be made without the fields `names`
    (`restored_later`), each made with the others the first time any is read: the cache builds
    back 600 questions for a command that reads none of their points. Only fields without a
    default: a field's default is its class attribute, where the field's reader goes."""
    every = cls.__dict__[FIELDS]
    defaults = cls.__init__.__defaults__ or ()  # the last fields' defaults
    required = every[: len(every) - len(defaults)]
    if not names or any(n not in required for n in names):
        raise TypeError(f"{cls.__qualname__}: later fields are fields without a default")
    for name in names:
        setattr(cls, name, _Later(name))
    setattr(cls, LATER, names)
    setattr(cls, EAGER, tuple(n for n in every if n not in names))
    return cls


class _Later:
    """A later field (`later`): read on an instance that was made without it, it is made, with
    the other later fields, by what the instance holds for them (PENDING), and kept in the
    instance as any field is. A value set on the instance meanwhile is kept: it is the field's
    now, as a set field is. Not read through the class: no default (`dataclass` and pydantic
    see a required field)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            raise AttributeError(self.name)
        values = vars(obj)
        make = values.pop(PENDING, None)
        if make is None:
            raise AttributeError(f"{type(obj).__name__!r} object has no attribute {self.name!r}")
        for name, value in make().items():
            values.setdefault(name, value)
        return values[self.name]


def restored_later(cls: type[T], values: dict[str, Any], make: Callable[[], dict[str, Any]]) -> T:
    """What `cls(**values, **make())` makes, for a datatype with later fields (`later`) and a
    value for each of its other fields in order, without calling `make` until one of the
    later fields is read. `values` becomes the instance's own, as in `restored`."""
    if cls.__dict__.get(EAGER) != tuple(values):
        return cls(**values, **make())
    made: T = object.__new__(cls)
    values[PENDING] = make
    made.__dict__ = values
    return made


def _written(cls: type, notes: dict[str, Any]) -> tuple[Field[Any], ...]:
    """The fields as the class body writes them, before `dataclass` collects them: enough for
    `__init__`, `==` and `repr`. A mutable default is refused, as `dataclass` refuses it."""
    written, every = vars(cls), []
    for name, note in notes.items():
        value = written.get(name, MISSING)
        if not isinstance(value, Field):
            if value is not MISSING and value.__class__.__hash__ is None:
                raise ValueError(f"{cls.__qualname__}.{name}: mutable default; use a factory")
            value = field(default=value)
        value.name, value.type = name, note
        every.append(value)
    return tuple(every)


def _check(cls: type, every: tuple[Field[Any], ...]) -> None:
    """What `_init` cannot make is refused when the class is defined, as `dataclass` would."""
    name = cls.__qualname__
    if "__post_init__" in vars(cls) or any(not f.init or f.kw_only is True for f in every):
        raise TypeError(f"{name}: @datatype takes plain fields only; use @dataclass")
    if {"self", "__fill", "__made"} & {f.name for f in every}:
        raise TypeError(f"{name}: a field named as __init__'s own names; use @dataclass")
    defaults = [_has_default(f) for f in every]
    if defaults != sorted(defaults):  # False (none) sorts first
        raise TypeError(f"{name}: a field without a default follows one with a default")


class _Init:
    """`__init__` made the first time it is looked up (to make an instance, or by `inspect`),
    then put in its place: a command defines about fifty classes and makes instances of
    fewer than half. It is the shared one (`_shared_init`) until the class has made
    `COMPILED_AFTER` instances, then one compiled for it (`_init`)."""

    def __init__(self, cls: type, every: tuple[Field[Any], ...]) -> None:
        self.cls, self.every = cls, every

    def __get__(self, obj: object, owner: type | None = None) -> Callable[..., None]:
        init = _shared_init(self.cls, self.every)
        self.cls.__init__ = init  # type: ignore[misc]
        return cast(Callable[..., None], init.__get__(obj, owner))


def _shared_init(cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """`__init__(self, <fields>)` without compiling: one function's code given the class's
    parameters, which hands what it was given (`locals()`) to `set_fields`. Compiling an
    `__init__` took about 0.2 ms a class, a tenth of a warm command for its few instances;
    this one takes longer per instance, so a class making many gets its compiled one."""
    made = _factories(every)
    count = 0

    def set_fields(obj: object, values: dict[str, Any]) -> None:
        nonlocal count
        del values["self"]
        vars(obj).update(values)
        if made:
            _fill(obj, made)
        count += 1
        if count == COMPILED_AFTER and cls.__dict__.get("__init__") is init:
            cls.__init__ = _init(cls, every)  # type: ignore[misc]

    # the code of `_handing`, its `_hand` this class's `set_fields`
    handing = FunctionType(_handing.__code__, {"_hand": set_fields, "__builtins__": builtins})
    init = _named(handing, cls, every)
    return init


def _handing(self: object) -> None:
    """The shared `__init__`'s code: `_hand` is in each one's own globals (`_shared_init`)."""
    _hand(self, locals())  # type: ignore[name-defined]  # noqa: F821


def _init(cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """`__init__(self, <fields>)`: each field set from its argument, else from its default."""
    init = _template(len(every))(_fill, _factories(every))
    init.__code__ = init.__code__.replace(co_names=tuple(f.name for f in every))
    return _named(init, cls, every)


def _named(init: Any, cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """`init` with the class's fields as its parameters, their defaults, and the class's name."""
    qualname = f"{cls.__qualname__}.__init__"
    names = tuple(f.name for f in every)
    defaults = [FACTORY if _made(f) else f.default for f in every if _has_default(f)]
    init.__code__ = init.__code__.replace(
        co_argcount=1 + len(names),
        co_nlocals=1 + len(names),
        co_varnames=("self", *names),
        co_qualname=qualname,
    )
    init.__qualname__ = qualname
    init.__module__ = cls.__module__
    init.__defaults__ = tuple(defaults) or None
    init.__annotations__ = {**{f.name: f.type for f in every}, "return": None}
    return cast(Callable[..., None], init)


def _factories(every: tuple[Field[Any], ...]) -> tuple[Any, ...]:
    return tuple((f.name, f.default_factory) for f in every if _made(f))


def _has_default(f: Field[Any]) -> bool:
    return f.default is not MISSING or _made(f)


def _made(f: Field[Any]) -> bool:
    return f.default_factory is not MISSING


def _fill(obj: object, made: tuple[tuple[str, Callable[[], Any]], ...]) -> None:
    """Each field given no argument made by its factory, as `dataclass`'s `__init__` does."""
    values = vars(obj)
    for name, factory in made:
        if values[name] is FACTORY:
            values[name] = factory()


@cache
def _template(count: int) -> Callable[..., Any]:
    """Compiled once per number of fields, with placeholder names that `_init` replaces."""
    args = [f"_{i}" for i in range(count)]
    source = "\n".join(
        [
            "def __outer(__fill, __made):",
            f" def __init__({', '.join(['self', *args])}) -> None:",
            *[f"  self.{a} = {a}" for a in args],
            "  if __made:",
            "   __fill(self, __made)",
            " return __init__",
        ]
    )
    space: dict[str, Any] = {}
    exec(compile(source, "<datatype>", "exec"), space)
    return cast(Callable[..., Any], space["__outer"])


def _getter(names: list[str]) -> Callable[[object], tuple[Any, ...]]:
    """The fields as a tuple, as `@dataclass`'s `__eq__` compares them (a tuple even of one)."""
    if len(names) == 1:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    return attrgetter(*names) if names else lambda obj: ()
