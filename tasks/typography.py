"""Punctuation, quotes, ellipses, dashes and spacing, per block (STYLE.md sections 2 and 3).

Per block, so quote pairing never crosses a paragraph.
"""

from __future__ import annotations

from tasks.model import Block, Edit, Problem
from tasks.options import Options
from tasks.rules import apply_stage


def typeset_blocks(
    blocks: list[Block], options: Options, source: str
) -> tuple[list[Block], list[Edit], list[Problem]]:
    """Apply every enabled `typography` rule to each block."""
    out: list[Block] = []
    edits: list[Edit] = []
    for block in blocks:
        text, new = apply_stage("typography", block.text, options, block.start)
        edits.extend(new)
        out.append(Block(block.type, text, block.start, block.end, block.level))
    return out, edits, []
