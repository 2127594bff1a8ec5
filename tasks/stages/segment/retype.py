"""Blocks whose type the joiner could not tell before typography normalised their marks.

The joiner types a line as a heading when it has a heading's shape, which includes not ending
a sentence. Some sentence ends only become marks typography knows afterwards: an ellipsis
typed as middle dots or full stops (`······`, `。。。`) turns into `……`. A block typed heading
that ends a sentence once typography is done, and holds a clause comma, is a sentence: a
paragraph (STYLE.md section 4: a line that ends with final punctuation ends its paragraph).
A headline marked as one (a Markdown heading level) keeps its type.
"""

from __future__ import annotations

from dataclasses import replace

from zhclean.tasks.core.model import Block, Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import classify as cl

RULES = RuleList()
DEFAULT_OPTIONS = Options()

RULE_SENTENCE_HEADING = RULES.declare(
    "segment.sentence_heading",
    "segment",
    "an unmarked heading that ends a sentence once typography has normalised it (`……`) and holds a "
    "clause comma is a paragraph",
).name


def sentence_headings(
    blocks: list[Block], edits: list[Edit], options: Options = DEFAULT_OPTIONS
) -> list[Block]:
    """The blocks, with unmarked headings that are sentences typed as paragraphs."""
    if not options.enabled(RULE_SENTENCE_HEADING):
        return blocks
    out = []
    for b in blocks:
        if (
            b.type == "heading"
            and b.level is None
            and cl.ends_sentence(b.text)
            and cl.CLAUSE_COMMA.search(b.text)
        ):
            edits.append(Edit("segment", RULE_SENTENCE_HEADING, b.text, b.text, b.start))
            b = replace(b, type="paragraph")
        out.append(b)
    return out


RULE_TEXTLESS_HEADINGS = RULES.declare(
    "segment.textless_headings",
    "segment",
    "a run of two or more unmarked headings, each holding a clause comma, with no text under it (the "
    "end, or a heading without a comma, follows: a poem whose lines lack final marks) is made of "
    "paragraphs: a heading heads text, and there is none",
).name


def textless_headings(
    blocks: list[Block], edits: list[Edit], options: Options = DEFAULT_OPTIONS
) -> list[Block]:
    """The blocks, with runs of comma-holding headings that head no text made paragraphs."""
    if not options.enabled(RULE_TEXTLESS_HEADINGS):
        return blocks
    out = list(blocks)
    k = 0
    while k < len(out):
        end = k
        while end < len(out) and comma_heading(out[end]):
            end += 1
        after = out[end] if end < len(out) else None
        if end - k >= 2 and (after is None or (after.type == "heading" and not comma_heading(after))):
            for x in range(k, end):
                edits.append(Edit("segment", RULE_TEXTLESS_HEADINGS, out[x].text, out[x].text, out[x].start))
                out[x] = replace(out[x], type="paragraph")
        k = max(end, k + 1)
    return out


def comma_heading(b: Block) -> bool:
    return b.type == "heading" and b.level is None and bool(cl.CLAUSE_COMMA.search(b.text))
