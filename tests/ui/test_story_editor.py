"""A story in the editor: a save that would write over a change made elsewhere is refused
(the editor's whole flow, drafts and all, is tested end to end in test_story_entry.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from emprep.core.errors import EmprepError
from emprep.core.models import Story
from emprep.core.pack import Pack
from emprep.ui.story_editor import refuse_clashes


def test_parts_changed_in_both_places_are_named_and_the_rest_merge(pack: Pack) -> None:
    """What the editor showed (`base`), what it left (`mine`), the story saved meanwhile."""
    at = datetime(2026, 11, 20, tzinfo=UTC)
    now = Story("s1", "Title", "S2", "T", "A2", "R2", at, at, ["leadership"], [])
    base = {"title": "Title", "situation": "S", "task": "T", "action": "A", "result": "R"}
    refuse_clashes(pack, now, {"task": "T9", "result": "R2"}, base)  # one place, or the same
    with pytest.raises(EmprepError) as e:
        refuse_clashes(pack, now, {"situation": "S9", "action": "A9", "result": "R9"}, base)
    assert str(e.value) == (
        "story s1: its situation, action and result were changed elsewhere while your editor "
        "was open (see it with: emprep story show s1), and you changed them too, so yours are "
        "not written over them"
    )
