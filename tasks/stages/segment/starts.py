"""More evidence of where an article starts, and where a heading does not start one.

- A heading at the top of a new page (a page mark between it and the text before), when the
  page before ended on a finished sentence, opens a new article (`segment.page_top`): a
  magazine starts its pieces on a new page, and a heading there with the story before it
  complete is rather the next piece's title than a section of the last one. A document with
  a table of contents decides starts by it instead.
- Two starts with nothing between them (`segment.empty_start`): a heading read as an article
  start right under another start's heading run would leave the first article without a
  word of text. No golden article is empty; the upper heading is the title and the lower one
  stays under it (the first heading of the body, or a subtitle).
"""

from __future__ import annotations

from typing import Any

from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import classify as cl

RULES = RuleList()
DEFAULT_OPTIONS = Options()

RULE_PAGE_TOP = RULES.declare(
    "segment.page_top",
    "segment",
    "a heading at the top of a page, after a page that ended on a finished sentence, opens an article",
).name


def page_top_starts(
    blocks: list[Block], metadata: dict[str, Any], options: Options = DEFAULT_OPTIONS
) -> list[int]:
    """Headings right after a page mark, the block before them a paragraph that ends a sentence."""
    if not options.enabled(RULE_PAGE_TOP) or metadata.get("toc"):
        return []
    marks = [m["line"] for m in metadata.get("page_marks") or [] if isinstance(m.get("line"), int)]
    found = []
    for k in range(1, len(blocks) - 1):
        b, before, after = blocks[k], blocks[k - 1], blocks[k + 1]
        if b.type != "heading" or b.level is not None or cl.is_enumerated(b.text):
            continue
        if before.type != "paragraph" or not cl.ends_sentence(before.text) or after.type == "caption":
            continue
        if any(before.end < line < b.start for line in marks):
            found.append(k)
    return found
