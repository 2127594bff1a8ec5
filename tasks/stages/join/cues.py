"""A subtitle file's text: each cue's words one paragraph, never a heading, never joined across
the cue's end (furniture took the cue timings out)."""

from __future__ import annotations

from zhclean.tasks.core.model import Block, Edit, Line, Removed
from zhclean.tasks.stages.join.data import EDIT_CONTEXT
from zhclean.tasks.stages.join.merge import glue
from zhclean.tasks.stages.join.rules import RULE_CUE_TEXT


def cue_blocks(lines: list[Line]) -> tuple[list[Block], list[Edit], list[Removed]]:
    """A subtitle file's text: each cue's words (the lines between two removed timings, or two
    blank lines) one paragraph, its lines joined as a player shows them, one under the other."""
    blocks: list[Block] = []
    edits: list[Edit] = []
    previous: int | None = None
    for line in lines:
        text = line.text.strip()
        gap = previous is None or line.number > previous + 1
        previous = line.number
        if not text:
            previous = None  # a blank line ends the cue
            continue
        if blocks and not gap:
            a = blocks[-1].text
            joined = a + glue(a, text) + text
            tail, head = a[-EDIT_CONTEXT:], text[:EDIT_CONTEXT]
            edits.append(
                Edit(
                    "join",
                    RULE_CUE_TEXT,
                    f"{tail}\n{head}",
                    f"{tail}{glue(a, text)}{head}",
                    line.number,
                    len(a) - len(tail),
                )
            )
            blocks[-1] = Block("paragraph", joined, blocks[-1].start, line.number)
        else:
            blocks.append(Block("paragraph", text, line.number, line.number))
    return blocks, edits, []
