"""A disk that fills under the drafts folder: said as the draft that cannot be written, with
what it still holds and how to go on, exit 2; before, the OSError reached the command's end as
"cannot write the output (No space left on device) ... send it elsewhere", exit 74, while the
output was a terminal."""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

import pytest

from emprep.core.errors import EmprepError
from emprep.storage import editor, files

NOW = datetime(2026, 11, 21, 10, 0)
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_draft_that_cannot_be_started_is_said_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "drafts"
    fdopen = os.fdopen

    class Full:
        """The draft's file on a full disk: opened, and refusing its first write."""

        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.file = fdopen(fd, "w")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, text: str) -> int:
            raise ENOSPC

    monkeypatch.setattr(os, "fdopen", Full)
    with pytest.raises(EmprepError) as e:
        editor.keep(folder, "[title]\n", NOW)
    assert str(e.value) == (
        f"drafts folder {folder}: a draft cannot be written (No space left on device); free "
        "some space or fix the folder's permissions, then try again"
    )
    assert list(folder.iterdir()) == []


def test_a_draft_that_cannot_take_the_next_answer_keeps_the_ones_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = editor.keep(tmp_path, "[title]\nThe reorg\n", NOW)

    def full(path: Path, data: bytes, **_: object) -> None:
        raise ENOSPC

    monkeypatch.setattr(files, "write_atomic", full)
    with pytest.raises(EmprepError) as e:
        editor.rewrite(draft, "[title]\nThe reorg\n[situation]\nTyped now\n")
    assert str(e.value) == (
        f"the draft {draft} cannot be written (No space left on device): it holds every answer "
        "but the last, which is on the screen above; free some space, then go on with: "
        f"emprep story add --from {draft} --editor"
    )
    assert draft.read_text() == "[title]\nThe reorg\n"
