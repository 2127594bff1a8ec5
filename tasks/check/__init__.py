"""Check mode: `zhclean lint`, the catalogue's lint rules run over finished text."""
