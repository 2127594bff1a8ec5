"""The join itself and the edit it logs: the two halves glued, the block's type, and the text
around the break recorded so a reviewer sees what was joined."""

from __future__ import annotations

import re

from zhclean.tasks.core.model import Block, Edit
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import EDIT_CONTEXT
from zhclean.tasks.stages.join.decision import heading_shape
from zhclean.tasks.stages.join.rules import RULE_HEADING_BREAK, RULE_PAGE_BREAK
from zhclean.tasks.text import classify as cl


def glue(a: str, b: str) -> str:
    """What goes between the halves: a space between two Latin or digit runs, else nothing."""
    return " " if re.match(r"[A-Za-z0-9]", b) and re.search(r"[A-Za-z0-9]$", a) else ""


def join_kind(prev: Block, c: Candidate) -> str:
    """The rule a join of `c` onto `prev` is: a heading broken in two, or a paragraph cut by a break."""
    a, b = prev.text.rstrip(), c.text.lstrip()
    text = a + glue(a, b) + b
    # an enumerated heading cut on a function word (`二、……她是` + `……的“捍卫者”`) is still one
    opens_heading = prev.type == "heading" or (cl.is_enumerated(a) and cl.ends_on_function_word(a))
    both_heads = opens_heading and cl.heading_like(b) and cl.heading_like(text)
    return RULE_HEADING_BREAK if both_heads else RULE_PAGE_BREAK


def merge(prev: Block, c: Candidate) -> tuple[Block, Edit]:
    """Join `c` onto `prev`; the edit records the boundary (the text around the break)."""
    a, b = prev.text.rstrip(), c.text.lstrip()
    space = glue(a, b)
    kind = join_kind(prev, c)
    tail, head = a[-EDIT_CONTEXT:], b[:EDIT_CONTEXT]
    edit = Edit("join", kind, f"{tail}\n{head}", f"{tail}{space}{head}", c.number, len(a) - len(tail))
    block_type = "heading" if kind == RULE_HEADING_BREAK else "paragraph"
    return Block(block_type, a + space + b, prev.start, c.number, prev.level), edit


def open_block(blocks: list[Block]) -> int | None:
    """Index of the block a new line may continue: the last non-caption, past trailing captions."""
    for i in range(len(blocks) - 1, -1, -1):
        if blocks[i].type != "caption":
            return i
    return None


def new_block(c: Candidate, marked: bool = False) -> Block:
    if c.caption:
        kind = "caption"
    elif c.list_item:
        kind = "paragraph"  # a list item is text, however short
    elif c.level is not None or heading_shape(c.text, marked):
        kind = "heading"
    else:
        kind = "paragraph"
    return Block(kind, c.text, c.number, c.number, c.level)
