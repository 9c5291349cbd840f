from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emprep.core import models
from emprep.core.datatype import datatype
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
