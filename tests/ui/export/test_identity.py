"""Names that stay the same from one export to the next: the loop's key, Anki's integer ids."""

from __future__ import annotations

from dataclasses import replace
from hashlib import sha256

from emprep.core.pack import Pack
from emprep.ui.export.identity import loop_key, stable_id


def key(pack: Pack, company: str, role: str = "Software Engineering Manager") -> str:
    return loop_key(replace(pack, loop=replace(pack.loop, company=company, role=role)))


def test_the_loop_key_is_an_ascii_slug_of_company_role_and_level(pack: Pack) -> None:
    assert loop_key(pack) == "coursera-software-engineering-manager-m4"
    assert key(pack, "Ünïcode Ltd") == "unicode-ltd-software-engineering-manager-m4"


def test_letters_ascii_cannot_spell_add_a_hash(pack: Pack) -> None:
    digest = sha256("株式会社|部長|M4".encode()).hexdigest()[:12]
    assert key(pack, "株式会社", "部長") == f"m4-{digest}"
    assert key(pack, "株式会社A", "部長") != key(pack, "株式会社B", "部長")
    assert key(pack, "甲", "部長") != key(pack, "乙", "部長")


def test_stable_ids_are_anki_sized_and_depend_on_their_parts_alone() -> None:
    ids = [stable_id("emprep deck", str(n)) for n in range(200)]
    assert all(1 << 30 <= i < 1 << 31 for i in ids)
    assert len(set(ids)) == 200
    assert stable_id("a", "b") == stable_id("a", "b") != stable_id("a|b")
