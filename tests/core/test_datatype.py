from __future__ import annotations

import dataclasses
import inspect
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emprep.core import models
from emprep.core.datatype import COMPILED_AFTER, datatype, later, replace, restored_later
from emprep.core.pack import Pack


@dataclass
class Generated:
    """Reference: what @dataclass generates."""

    a: int
    b: list[object] = field(default_factory=list)
    hidden: str = field(default="h", repr=False)
    ignored: float = field(default=0.0, compare=False)


@datatype
class Shared:
    """The same fields, with @datatype's shared == and repr."""

    a: int
    b: list[object] = field(default_factory=list)
    hidden: str = field(default="h", repr=False)
    ignored: float = field(default=0.0, compare=False)


@datatype
class One:
    x: float


@datatype
class Empty:
    pass


values = st.one_of(st.integers(), st.text(max_size=3), st.none(), st.floats(allow_nan=True))


@given(
    a=st.integers(-2, 2),
    b=st.lists(values, max_size=2),
    a2=st.integers(-2, 2),
    b2=st.lists(values, max_size=2),
    hidden=st.sampled_from(["h", "x"]),
    ignored=st.floats(allow_nan=True),
)
def test_equality_and_repr_are_what_dataclass_generates(
    a: int, b: list[object], a2: int, b2: list[object], hidden: str, ignored: float
) -> None:
    g1, g2 = Generated(a, b, hidden, ignored), Generated(a2, b2)
    s1, s2 = Shared(a, b, hidden, ignored), Shared(a2, b2)
    assert (s1 == s2, s1 != s2) == (g1 == g2, g1 != g2)
    assert (s1 == s1, s1 == Shared(a, b)) == (g1 == g1, g1 == Generated(a, b))
    assert repr(s1).replace("Shared", "Generated") == repr(g1)
    assert repr(s2).replace("Shared", "Generated") == repr(g2)


def test_other_classes_are_not_equal_and_values_are_unhashable() -> None:
    other: object = Generated(1)
    assert Shared(1) != other
    assert Shared(1).__eq__(1) is NotImplemented
    fields_alone: object = (1, [], "h", 0.0)
    assert Shared(1) != fields_alone
    with pytest.raises(TypeError, match="unhashable"):
        hash(Shared(1))
    assert Empty() == Empty()
    assert repr(Empty()) == "Empty()"


def test_one_field_compares_as_a_tuple_does() -> None:
    """@dataclass compares (self.x,) == (other.x,): the same NaN object is equal to itself."""
    nan = math.nan
    assert One(nan) == One(nan)
    assert One(math.nan) != One(float("nan"))
    assert repr(One(1.5)) == "One(x=1.5)"


def test_a_value_that_holds_itself_shows_as_dots() -> None:
    s, g = Shared(1), Generated(1)
    s.b.append(s)
    g.b.append(g)
    assert repr(s) == "Shared(a=1, b=[...], ignored=0.0)"
    assert repr(s).replace("Shared", "Generated") == repr(g)


def test_the_models_and_the_pack_are_datatypes(pack: Pack) -> None:
    """Every class the cache may build compares and shows as a dataclass would."""
    state = models.CardState(card_id=1, state=2, due=datetime(2026, 1, 1, tzinfo=UTC))
    assert repr(state) == (
        "CardState(card_id=1, state=2, due=datetime.datetime(2026, 1, 1, 0, 0, "
        "tzinfo=datetime.timezone.utc), step=None, stability=None, difficulty=None, "
        "last_review=None)"
    )
    assert state == dataclasses.replace(state)
    assert state != dataclasses.replace(state, step=0)
    assert pack == dataclasses.replace(pack)
    assert pack != dataclasses.replace(pack, tips=[])
    assert dataclasses.is_dataclass(pack) and dataclasses.is_dataclass(state)


KINDS = st.sampled_from(["required", "default", "factory"])


def twins(kinds: list[str]) -> tuple[type, type]:
    """A class of these fields (required ones first, as both decorators demand), made by
    @dataclass and by @datatype."""
    kinds = sorted(kinds, key=lambda k: k != "required")
    made: list[type] = []
    for decorate in (dataclass, datatype):
        body: dict[str, object] = {"__annotations__": {}}
        for i, kind in enumerate(kinds):
            body["__annotations__"][f"f{i}"] = "list[int]" if kind == "factory" else "int"  # type: ignore[index]
            if kind == "default":
                body[f"f{i}"] = -i
            elif kind == "factory":
                body[f"f{i}"] = field(default_factory=list)
        made.append(decorate(type("Twin", (), body)))
    return made[0], made[1]


def outcome(cls: type, args: tuple[object, ...], kwargs: dict[str, object]) -> object:
    try:
        return vars(cls(*args, **kwargs))
    except TypeError as e:
        return str(e)


@given(
    kinds=st.lists(KINDS, max_size=6),
    args=st.lists(st.integers(0, 9), max_size=7),
    names=st.lists(st.sampled_from(["f0", "f1", "f2", "f5", "self", "other"]), max_size=4),
    compiled=st.booleans(),
)
def test_init_is_what_dataclass_generates(
    kinds: list[str], args: list[int], names: list[str], compiled: bool
) -> None:
    """Every call, right or wrong, gives the same fields or the same error; the signature and
    the defaults are the same; a factory makes a new value for each instance. So with the
    shared `__init__` and with the one compiled once the class has made `COMPILED_AFTER`."""
    generated, shared = twins(kinds)
    if compiled:
        made = [shared(*range(len(kinds))) for _ in range(COMPILED_AFTER)]
        assert vars(made[0]) == vars(generated(*range(len(kinds))))
    assert (shared.__init__.__code__.co_filename == "<datatype>") is compiled  # type: ignore[misc]
    if args:  # the first instance, not the signature, makes __init__
        assert outcome(shared, (), {}) == outcome(generated, (), {})
    kwargs: dict[str, object] = {name: 100 + i for i, name in enumerate(names)}
    assert str(inspect.signature(shared)) == str(inspect.signature(generated))  # made lazily
    assert outcome(shared, tuple(args), kwargs) == outcome(generated, tuple(args), kwargs)
    assert shared.__init__.__qualname__ == "Twin.__init__"  # type: ignore[misc]
    if "required" not in kinds:
        assert vars(shared()) == vars(generated())
        first, second = shared(), shared()
        assert all(
            getattr(first, f.name) is not getattr(second, f.name)
            for f in dataclasses.fields(shared)
            if f.default_factory is not dataclasses.MISSING
        )


@given(
    kinds=st.lists(KINDS, min_size=1, max_size=5),
    changes=st.dictionaries(st.sampled_from(["f0", "f1", "f3", "other"]), st.integers(0, 9)),
)
def test_replace_is_dataclasses_replace(kinds: list[str], changes: dict[str, int]) -> None:
    """`datatype.replace` gives what `dataclasses.replace` gives (or the same error), and has
    `dataclass` collect no field; on anything else it is `dataclasses.replace` itself."""
    generated, shared = twins(kinds)
    args = tuple(range(len(kinds)))
    one, twin = shared(*args), generated(*args)

    def outcome(replacing: Any, value: object) -> object:
        try:
            return vars(replacing(value, **changes))
        except TypeError as e:
            return str(e)

    assert outcome(replace, one) == outcome(dataclasses.replace, twin)
    assert "__dataclass_fields__" not in vars(shared) or not isinstance(
        vars(shared)["__dataclass_fields__"], dict
    )
    assert outcome(replace, twin) == outcome(dataclasses.replace, twin)


def test_what_datatype_does_not_take_is_refused() -> None:
    with pytest.raises(TypeError, match="plain fields only"):

        @datatype
        class Later:
            x: int

            def __post_init__(self) -> None: ...

    with pytest.raises(TypeError, match="plain fields only"):

        @datatype
        class Hidden:
            x: int = field(init=False)

    with pytest.raises(TypeError, match="without a default follows"):

        @datatype
        class Order:
            x: int = 1
            y: int  # type: ignore[misc]


def test_annotations_stay_as_written_and_a_class_variable_is_no_field() -> None:
    """dataclass is shown placeholders for plain annotations (see `datatype`): the fields and
    the class get theirs back, and one naming ClassVar goes through dataclass's own reading."""

    @datatype
    class Noted:
        x: int
        y: list[str] = field(default_factory=list)

    @datatype
    class WithClassVar:
        x: int
        y: ClassVar[int] = 3

    assert [f.type for f in dataclasses.fields(Noted)] == ["int", "list[str]"]
    assert Noted.__annotations__ == {"x": "int", "y": "list[str]"}
    assert [f.name for f in dataclasses.fields(WithClassVar)] == ["x"]
    assert WithClassVar(1).y == 3 and WithClassVar(1) == WithClassVar(1)


def test_fields_asked_for_later_are_dataclass_own() -> None:
    """The fields are collected by dataclass when first asked for: after instances were made,
    compared and shown, they are what @dataclass gives, and `replace` and pydantic use them;
    a mutable default is refused when the class is defined, as dataclass refuses it."""

    @datatype
    class Later:
        x: int
        y: list[int] = field(default_factory=list)
        z: str = field(default="z", compare=False, repr=False)

    first = Later(1)
    assert first == Later(1, [], "other") and repr(first).endswith(".Later(x=1, y=[])")
    assert [(f.name, f.type, f.compare) for f in dataclasses.fields(Later)] == [
        ("x", "int", True),
        ("y", "list[int]", True),
        ("z", "str", False),
    ]
    assert dataclasses.replace(first, x=2) == Later(2) and dataclasses.is_dataclass(Later)
    assert vars(Later)["__match_args__"] == ("x", "y", "z")
    with pytest.raises(ValueError, match="mutable default"):

        @datatype
        class Mutable:
            x: list[int] = []  # noqa: RUF012


def test_a_subclass_and_the_methods_a_class_writes_are_as_dataclass_has_them() -> None:
    """A datatype may extend another, and a method the class body writes is its own: `dataclass`
    never replaces one."""

    def pair(make: Any) -> tuple[type, type]:
        @make
        class Base:
            x: int
            tags: list[str] = field(default_factory=list)

        @make
        class Sub(Base):
            w: int = 0

            def __repr__(self) -> str:
                return f"Sub#{self.x}"

            def __hash__(self) -> int:
                return self.x

        return Base, Sub

    (base, sub), (dbase, dsub) = pair(datatype), pair(dataclass)
    assert [f.name for f in dataclasses.fields(sub)] == ["x", "tags", "w"]
    assert str(inspect.signature(sub)) == str(inspect.signature(dsub))
    made, twin = sub(1, ["a"], w=2), dsub(1, ["a"], w=2)
    assert (repr(made), hash(made)) == (repr(twin), hash(twin)) == ("Sub#1", 1)
    assert made == sub(1, ["a"], 2) and made != sub(1, ["a"], 3)
    assert repr(base(3)) == repr(dbase(3))
    assert repr(base(3)).endswith("pair.<locals>.Base(x=3, tags=[])")
    assert base.__hash__ is None and dbase.__hash__ is None


@datatype
class Coached:
    """A question's shape: later fields among required ones, and fields with defaults."""

    id: str
    points: list[str]
    text: str
    flags: list[str]
    tags: list[str] = field(default_factory=list)
    common: bool = False


later(Coached, "points", "flags")
NAMES = ["id", "points", "text", "flags", "tags", "common"]


@given(
    values=st.fixed_dictionaries(
        {
            "id": st.text(max_size=2),
            "points": st.lists(st.text(max_size=2), max_size=2),
            "text": st.text(max_size=2),
            "flags": st.lists(st.text(max_size=2), max_size=2),
            "tags": st.lists(st.text(max_size=2), max_size=2),
            "common": st.booleans(),
        }
    ),
    reads=st.lists(st.sampled_from([*NAMES, "set points", "set text"]), max_size=8),
)
def test_an_instance_made_without_its_later_fields_reads_as_one_made_with_them(
    values: dict[str, Any], reads: list[str]
) -> None:
    """Each field, read in any order, is the value the instance was made with; the later ones
    are made once, when the first of them not set since is read, and not before; one set
    before it is read keeps the value set; ==, repr and `replace` see every field."""
    whole = Coached(**values)
    made: list[int] = []

    def make() -> dict[str, Any]:
        made.append(1)
        return {"points": list(values["points"]), "flags": list(values["flags"])}

    eager = {k: v for k, v in values.items() if k not in ("points", "flags")}
    lazy = restored_later(Coached, dict(eager), make)
    expected = dict(values)
    was_set: set[str] = set()
    for read in reads:
        if read.startswith("set "):
            name = read[4:]
            expected[name] = [f"set {name}"] if name == "points" else f"set {name}"
            setattr(lazy, name, expected[name])
            was_set.add(name)
            continue
        first_later = read in ("points", "flags") and read not in was_set and not made
        assert getattr(lazy, read) == expected[read]
        assert len(made) == (1 if first_later or made else 0)
    assert len(made) <= 1
    assert lazy == Coached(**expected) and repr(lazy) == repr(Coached(**expected))
    assert replace(lazy, id="x") == Coached(**{**expected, "id": "x"})
    assert dataclasses.asdict(lazy) == dataclasses.asdict(Coached(**expected))
    assert whole == Coached(**values)  # made as usual: every field its own from the start


def test_later_fields_stay_required_and_a_value_without_them_is_made_whole() -> None:
    """A later field has no default (dataclass and pydantic see it required, and `__init__`
    asks for it); given other fields than the class's others in order, `restored_later`
    makes the instance whole at once; a field with a default cannot be later."""
    assert [
        f.name
        for f in dataclasses.fields(Coached)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ] == ["id", "points", "text", "flags"]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'flags'"):
        Coached("a", [], "t")  # type: ignore[call-arg]
    with pytest.raises(AttributeError, match="flags"):
        Coached.flags  # noqa: B018
    bare = Coached.__new__(Coached)
    with pytest.raises(AttributeError, match="'Coached' object has no attribute 'points'"):
        bare.points  # noqa: B018
    made: list[int] = []

    def make() -> dict[str, Any]:
        made.append(1)
        return {"points": ["p"], "flags": ["f"]}

    whole = restored_later(Coached, {"text": "t", "id": "a", "tags": [], "common": True}, make)
    assert made == [1] and vars(whole) == {
        "id": "a", "points": ["p"], "text": "t", "flags": ["f"], "tags": [], "common": True
    }  # fmt: skip
    for names in (("tags",), ("common",), ("nothing",), ()):
        with pytest.raises(TypeError, match="later fields are fields without a default"):
            later(Coached, *names)
