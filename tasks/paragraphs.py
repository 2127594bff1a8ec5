"""Raw lines to blocks: one block per paragraph, joining page/column breaks (STYLE.md section 4)."""

from __future__ import annotations

import re

from tasks.model import Block, Edit, Line, Removed
from tasks.options import Options

HEADING_MARK = re.compile(r"^(#{1,6})\s+")


def join_lines(lines: list[Line], options: Options) -> tuple[list[Block], list[Edit], list[Removed]]:
    """Each non-blank line becomes a block; Markdown heading marks become a level hint."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        m = HEADING_MARK.match(text)
        if m:
            edits.append(Edit("join", "join.heading_mark", m.group(0), "", line.number, 0))
            blocks.append(Block("heading", text[m.end() :], line.number, line.number, len(m.group(1))))
        else:
            blocks.append(Block("paragraph", text, line.number, line.number))
    return blocks, edits, []
