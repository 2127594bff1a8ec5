"""Rule data as data: word lists, maps, patterns and thresholds in files next to the stage
that uses them (`<package>/data/*.toml`), as OpenCC keeps its dictionaries.

Loaded once per process; every file under the package is part of the rules
fingerprint, so changing a word list rebuilds what it touches. TOML, because it
holds strings, lists, tables and numbers with comments that say why; a regular
expression is kept in a TOML literal string ('...' or '''...''') so it needs no escaping.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any


@cache
def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def load(module_file: str, name: str) -> dict[str, Any]:
    """The TOML table `data/<name>.toml` beside the module whose `__file__` is given."""
    return _load(Path(module_file).resolve().parent / "data" / f"{name}.toml")
