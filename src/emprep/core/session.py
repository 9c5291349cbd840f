"""What a drill or a mock did at the terminal, for its summary: one record for both."""

from __future__ import annotations

from collections import Counter
from dataclasses import field

from emprep.core.datatype import datatype
from emprep.core.models import Progress


@datatype
class Session:
    """The ratings given, skips and time spent, and the last saved progress. A mock also
    notes whether it began, its self-scores and the reasons for rejection ticked."""

    rated: Counter[int] = field(default_factory=Counter)
    skipped: int = 0
    seconds: int = 0
    progress: Progress | None = None
    interrupted: bool = False
    signal: int = 0  # SIGTERM or SIGHUP ended it, rather than Ctrl-C
    started: bool = False
    finished: bool = False
    scores: dict[str, int] = field(default_factory=dict)
    rejections: list[str] = field(default_factory=list)
    undone: int = 0

    def rate(self, rating: int, seconds: int, progress: Progress) -> None:
        """One answer rated and saved."""
        self.progress = progress
        self.rated[rating] += 1
        self.seconds += seconds

    def unrate(self, rating: int, seconds: int, progress: Progress) -> None:
        """One answer taken back and its rating removed from the file."""
        self.progress = progress
        self.rated[rating] -= 1
        self.rated += Counter()  # a rating taken back to none is not listed
        self.seconds -= seconds
        self.undone += 1
