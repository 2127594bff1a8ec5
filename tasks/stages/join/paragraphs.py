"""Raw lines to blocks: one block per paragraph, joining page/column breaks (STYLE.md section 4).

Runs after furniture (running heads and page numbers are gone, so the two
halves of a broken sentence are neighbours) and before typography. Whether a
line continues the previous one is decided from the text alone: sentence-final
punctuation, length and shape, unclosed quotes or brackets, what the next line
starts with, and whether the two characters meeting at the break form a pair
that is common elsewhere in the same document. Line numbers never decide.

This module holds the loop that walks the lines; its parts stand beside it by role:
`prepare` (raw lines to candidates), `frontmatter` and `markup` (Markdown structure),
`layout` and `running_heads` (print layout), `decision` (does a line go on), `merge` (the
join and the edit it logs), `cues` (subtitle files); `rules` declares the rules in order and
`data` holds the figures they read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhclean.tasks.core.model import Block, Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.cues import cue_blocks
from zhclean.tasks.stages.join.data import EDIT_CONTEXT, QUOTE_LINE
from zhclean.tasks.stages.join.decision import (
    PairStats,
    continues,
    held_apart,
    marks_headings,
    never_continues,
)
from zhclean.tasks.stages.join.frontmatter import front_matter
from zhclean.tasks.stages.join.layout import (
    hanging_indent,
    hangs_under,
    indented_layout,
    print_layout,
    short_lines,
    whole_line,
)
from zhclean.tasks.stages.join.markup import (
    anchor_contents,
    definition_joined,
    definition_under,
    markdown_document,
    soft_break,
    tag_lines,
)
from zhclean.tasks.stages.join.merge import join_kind, merge, new_block, open_block
from zhclean.tasks.stages.join.prepare import prepare
from zhclean.tasks.stages.join.rules import (
    RULE_BLANK_LINE,
    RULE_CUE_TEXT,
    RULE_HANGING_INDENT,
    RULE_INDENT,
    RULE_SHORT_LINE,
    RULE_SOFT_BREAK,
    RULE_STRAY,
    RULE_TAGGED_LINE,
    RULE_WHOLE_LINE,
)
from zhclean.tasks.stages.join.running_heads import running_heads
from zhclean.tasks.text import classify as cl


def join_lines(
    lines: list[Line],
    options: Options,
    metadata: dict[str, Any] | None = None,
    cued: bool = False,
    earlier: Iterable[Edit] = (),
) -> tuple[list[Block], list[Edit], list[Removed]]:
    """Lines to blocks: page and column breaks and broken headings joined, stray glyphs removed.

    `metadata`, when given, gains the front matter and whether the document is Markdown. `cued`:
    the document is a subtitle file whose cue timings furniture took out (`cue_blocks`). `earlier`:
    the edits of the stages before (the HTML tags repair took out, `tag_lines`)."""
    if cued and options.enabled(RULE_CUE_TEXT):
        return cue_blocks(lines)
    skip, fields, title, edits, removed = front_matter(lines, options)
    markdown = markdown_document(lines, fields)
    candidates, more_edits, more_removed = prepare(lines[skip:], options, markdown, tag_lines(earlier))
    edits += more_edits
    removed += more_removed
    candidates, contents = anchor_contents(candidates, options)
    candidates, heads = running_heads(candidates, options)
    removed += heads
    if metadata is not None and contents:
        metadata["contents"] = contents
    if metadata is not None and skip:
        metadata["front_matter"] = fields
    if metadata is not None and markdown:
        metadata["format"] = "markdown"
    stats = PairStats([c.text for c in candidates])
    marked = marks_headings(candidates)
    layout = print_layout(candidates) and not any(c.code for c in candidates)  # fenced code: born digital
    boundary = options.enabled(RULE_BLANK_LINE) and not layout
    # a printed page whose blank lines are layout is no born-digital Markdown, whatever its marks
    # (inline code quoted in a printed article): its indents open paragraphs, its lines wrap
    indented = options.enabled(RULE_INDENT) and (layout or not markdown) and indented_layout(candidates)
    soft = options.enabled(RULE_SOFT_BREAK) and boundary and markdown
    whole = options.enabled(RULE_WHOLE_LINE) and boundary and not markdown and not indented
    widths = {c.number: cl.visible_len(c.text) for c in candidates if not c.code}
    short = short_lines(candidates) if indented and options.enabled(RULE_SHORT_LINE) else set()
    hanging = options.enabled(RULE_HANGING_INDENT) and not markdown and hanging_indent(candidates)
    opened: set[int] = set()  # blocks opened by an indented line
    blocks: list[Block] = [new_block(title)] if title else []
    code: set[int] = set()
    for c in candidates:
        i = open_block(blocks)
        prev = blocks[i] if i is not None else None
        if c.code or c.table or c.container:
            code.add(len(blocks))  # code, a table, a container's fence: a block of its own, as written
            kind = "code" if c.code else "table" if "\n" in c.text else "paragraph"
            blocks.append(Block(kind, c.text, c.number, c.end or c.number))
            continue
        if i in code:
            prev = None  # nothing continues a line of code or a table row
        if definition_under(prev, c, options) and prev is not None and i not in code:
            blocks[i], edit = definition_joined(prev, c)
            edits.append(edit)
            continue
        if soft and prev is not None and i not in code and soft_break(prev, c):
            blocks[i], edit = merge(prev, c)
            blocks[i].type = "paragraph"
            edits.append(Edit("join", RULE_SOFT_BREAK, edit.before, edit.after, edit.line, edit.offset))
            continue
        if hanging and prev is not None and hangs_under(prev, c):
            blocks[i], edit = merge(prev, c)  # the item's wrapped line
            blocks[i].type = "paragraph"
            edits.append(Edit("join", RULE_HANGING_INDENT, edit.before, edit.after, edit.line, edit.offset))
            continue
        joins = prev is not None and continues(prev, c, stats, marked) and options.enabled(join_kind(prev, c))
        apart = held_apart(c, boundary, options) if joins else None
        if joins and not apart and whole and prev is not None and whole_line(prev, c, widths):
            apart = RULE_WHOLE_LINE
        if (
            indented
            and prev is not None
            and i is not None
            and not (c.after_blank and not c.after_gap and boundary)
        ):
            runs_on = (
                not c.indent and not joins and i in opened and not never_continues(c) and not c.list_item
            )
            stopped = i in opened and prev.end in short
            if stopped and not c.indent and c.level is None and (joins or runs_on) and not apart:
                apart, runs_on = RULE_SHORT_LINE, False  # the paragraph ended on its short last line
            if c.indent and joins and not apart:
                apart = RULE_INDENT  # an indent opens a paragraph
            elif runs_on and (not cl.ends_sentence(prev.text) or not cl.heading_like(c.text)):
                merged, edit = merge(prev, c)  # no indent: the paragraph goes on
                blocks[i] = Block("paragraph", merged.text, merged.start, merged.end, merged.level)
                edits.append(Edit("join", RULE_INDENT, edit.before, edit.after, edit.line, edit.offset))
                continue
        if prev is not None and apart:
            a, b = prev.text.rstrip()[-EDIT_CONTEXT:], c.text.lstrip()[:EDIT_CONTEXT]
            kept = f"{a}\n\n{b}"  # the boundary the text alone would have joined, kept
            edits.append(Edit("join", apart, kept, kept, c.number, len(prev.text.rstrip()) - len(a)))
        elif prev is not None and joins:
            blocks[i], edit = merge(prev, c)
            edits.append(edit)
            continue
        orphan = cl.visible_len(c.text) == 1 and c.level is None and len(candidates) > 1
        if orphan and options.enabled(RULE_STRAY):
            removed.append(Removed(c.text, RULE_STRAY, c.number))  # an orphan between sentences
            continue
        block = new_block(c, marked)
        if markdown and block.type == "heading" and c.level is None and QUOTE_LINE.match(c.text):
            block.type = "paragraph"  # a block quote's line: Markdown marks its headings
        tagged = markdown and c.tagged and block.type == "heading" and c.level is None
        if tagged and options.enabled(RULE_TAGGED_LINE):
            edits.append(Edit("join", RULE_TAGGED_LINE, c.text, c.text, c.number, 0))
            block.type = "paragraph"  # words in inline HTML: Markdown marks its headings
        if indented and c.indent and c.level is None and not c.caption:
            block = Block(
                "paragraph", block.text, block.start, block.end, block.level
            )  # an indent opens prose
            opened.add(len(blocks))
        blocks.append(block)
    return blocks, edits, removed
