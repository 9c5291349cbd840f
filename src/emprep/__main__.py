"""`python -m emprep`, and the console script `emprep`: the command line, with the collector
set before anything else is imported, for the whole run (a drill or a mock of an hour makes few
objects; the threshold only spaces the collections out)."""

import gc

# The youngest objects are collected once this many were made, not Python's 700: importing
# typer, rich and emprep's modules makes tens of thousands of objects that live as long as
# the command, and with 700 the collector walked them again and again (about 5 ms of every
# command, benchmarks/latency.py).
YOUNG_THRESHOLD = 100_000


def main() -> None:
    """The command (`emprep.cli.main`), run with `YOUNG_THRESHOLD` from its first import on."""
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    from emprep.cli import main as run

    run()


if __name__ == "__main__":
    main()
