"""Titles and names kept as metadata get the same typography as the body.

A table of contents, an "original title" line or a section label is text a
reader sees (in the front matter, the JSON edition, an article's
`title_variants`), so its quotes, punctuation and spacing follow STYLE.md
like a headline's. Each change is an Edit like any other; the raw line is the
entry's own where the metadata records it.
"""

from __future__ import annotations

from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.blocks import typeset_text

_DATA = load(__file__, "metadata")
#: Top-level metadata strings that are headline-like text.
TITLE_KEYS: tuple[str, ...] = tuple(_DATA["title_keys"])
#: Lists of entries whose string fields (these) are headline-like text.
ENTRY_LISTS: dict[str, tuple[str, ...]] = {key: tuple(fields) for key, fields in _DATA["entry_lists"].items()}


def typeset_metadata(metadata: dict[str, Any], options: Options) -> list[Edit]:
    """Typeset the headline-like strings of `metadata` in place; return the edits."""
    edits: list[Edit] = []

    def fix(text: str, line: int) -> str:
        new, found = typeset_text(text, "heading", options, line)
        edits.extend(found)
        return new

    for key in TITLE_KEYS:
        if isinstance(metadata.get(key), str):
            metadata[key] = fix(metadata[key], 0)
    for key, fields in ENTRY_LISTS.items():
        for entry in metadata.get(key) or []:
            if not isinstance(entry, dict):
                continue
            line = entry.get("line") if isinstance(entry.get("line"), int) else 0
            for name in fields:
                if isinstance(entry.get(name), str):
                    entry[name] = fix(entry[name], line)
    return edits
