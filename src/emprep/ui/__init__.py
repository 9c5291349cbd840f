"""What a person sees: rendering, the interactive sessions, the exporters."""
