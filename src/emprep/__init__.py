"""emprep: a study planner for an engineering-manager interview loop."""

__version__ = "0.1.0"
