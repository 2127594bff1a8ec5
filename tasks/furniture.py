"""Non-body text: running heads, page numbers, section labels, masthead, TOC, web furniture.

Runs before paragraphs are joined: a running head often sits between the two
halves of a sentence split by a page break.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tasks.model import Edit, Line, Removed
from tasks.options import Options


@dataclass(slots=True)
class Furniture:
    lines: list[Line]
    metadata: dict[str, Any] = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


def strip_furniture(lines: list[Line], options: Options) -> Furniture:
    """Take non-body lines out of the text into metadata or the removed list."""
    return Furniture(lines)
