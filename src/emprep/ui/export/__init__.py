"""Exporters: what emprep writes for other programs (JSON, Markdown, CSV, Anki, iCalendar)."""
