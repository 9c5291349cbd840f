"""One module per screen: what a command shows on a terminal, plain text when piped."""
