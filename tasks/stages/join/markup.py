"""Markdown structure the joiner keeps as written: code fences and tables as blocks of their own,
a table of contents of anchor links, soft line breaks, MDN definitions under their term, and the
lines repair took HTML tags out of.

Born-digital Markdown says where its blocks end; these rules read that instead of guessing from
the text as a printed page needs."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from zhclean.tasks.core.model import Block, Edit, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import (
    ANCHOR_CONTENTS_MIN,
    ANCHOR_ITEM,
    BLOCK_START,
    BLOCK_TAGS,
    EDIT_CONTEXT,
    LIST_ITEM,
    MARKDOWN_MIN_LINES,
    MARKDOWN_SYNTAX,
    SETEXT_UNDERLINE,
    TABLE_ROW,
    TABLE_RULE_ROW,
    TAG_NAME,
    TAG_RULES,
)
from zhclean.tasks.stages.join.rules import DEFAULT_OPTIONS, RULE_ANCHOR_CONTENTS, RULE_DEFINITION


def tag_lines(edits: Iterable[Edit]) -> dict[int, bool]:
    """Raw lines the repair stage took HTML tags out of, each with whether one was a block tag."""
    out: dict[int, bool] = {}
    for e in edits:
        if e.kind in TAG_RULES and e.line is not None:
            names = {m.group(1).lower() for m in TAG_NAME.finditer(e.before)}
            out[e.line] = out.get(e.line, False) or bool(names & BLOCK_TAGS)
    return out


def code_candidate(lines: list[Line], blank: bool, gap: bool) -> Candidate:
    """A code fence as one candidate: its raw lines verbatim, fences included (`Block`, type `code`)."""
    text = "\n".join(line.text for line in lines)
    return Candidate(text, lines[0].number, after_blank=blank, after_gap=gap, code=True, end=lines[-1].number)


def setext_heading(out: list[Candidate], line: Line) -> int | None:
    """If `line` is a setext underline (CommonMark 4.3) right under a paragraph, make that paragraph
    (its lines, the candidates at the end of `out`) one heading and return its level; else None.

    An underline after a blank line, under a heading, a list item, a quote, a table or code is no
    underline: there `---` is a thematic break and `===` text, so nothing changes."""
    m = SETEXT_UNDERLINE.match(line.text)
    if m is None:
        return None
    run: list[Candidate] = []
    expected = line.number - 1
    for c in reversed(out):
        if c.number != expected or not plain_paragraph_line(c):
            break
        run.insert(0, c)
        if c.after_blank or c.after_gap:
            break
        expected -= 1
    above = out[len(out) - len(run) - 1] if len(run) < len(out) else None
    if not run or (above is not None and lazy_under(above, run[0])):
        return None  # the lines go on an item or a quote above: no paragraph of their own
    level = 1 if m.group(1) else 2
    del out[len(out) - len(run) :]
    heading = run[0]
    heading.text, heading.level = " ".join(c.text for c in run), level
    out.append(heading)
    return level


def lazy_under(above: Candidate, c: Candidate) -> bool:
    """Does `c` stand right under a list item, quote or table row it would continue?"""
    if c.after_blank or c.after_gap or above.number != c.number - 1:
        return False
    return above.list_item or above.table or BLOCK_START.match(above.text) is not None


def plain_paragraph_line(c: Candidate) -> bool:
    """A line of paragraph text: no heading, item, quote, table, code, caption or fence."""
    marked = c.level is not None or c.list_item or c.code or c.table or c.container or c.caption
    return not marked and c.definition is None and BLOCK_START.match(c.text) is None


def table_goes_on(table: str, row: str) -> bool:
    """Does `row`, right under the rows `table`, belong to the same Markdown table? The alignment
    row under a first row makes one (GFM); rows under a table's alignment row go on with it."""
    rows = table.split("\n")
    if len(rows) == 1:
        return TABLE_RULE_ROW.match(row) is not None
    return TABLE_RULE_ROW.match(rows[1]) is not None


def anchor_contents(
    candidates: list[Candidate], options: Options = DEFAULT_OPTIONS
) -> tuple[list[Candidate], list[dict[str, str]]]:
    """Runs of list items that only link to anchors of the same page: the page's table of
    contents, returned as entries (title, anchor) and taken out of the candidates."""
    if not options.enabled(RULE_ANCHOR_CONTENTS):
        return candidates, []
    keep: list[Candidate] = []
    entries: list[dict[str, str]] = []
    run: list[Candidate] = []

    def flush() -> None:
        if len(run) >= ANCHOR_CONTENTS_MIN:
            for c in run:
                m = ANCHOR_ITEM.match(c.text)
                assert m is not None
                entries.append({"title": m.group(1).strip(), "anchor": m.group(2), "line": str(c.number)})
        else:
            keep.extend(run)
        run.clear()

    for c in candidates:
        if c.list_item and ANCHOR_ITEM.match(c.text):
            run.append(c)
            continue
        flush()
        keep.append(c)
    flush()
    return keep, entries


def markdown_document(lines: list[Line], fields: dict[str, str] | None = None) -> bool:
    """Written in Markdown: front matter, a table (a row of cells over an alignment row
    `| --- | --- |`, GFM's syntax and nothing else's), or enough lines of Markdown syntax other
    than headings (an alignment row is such a line)."""
    if fields:
        return True
    if any(TABLE_ROW.search(a.text) and TABLE_RULE_ROW.match(b.text) for a, b in pairwise(lines)):
        return True
    syntax = (MARKDOWN_SYNTAX.search(line.text) or TABLE_RULE_ROW.match(line.text) for line in lines)
    return sum(1 for found in syntax if found) >= MARKDOWN_MIN_LINES


def soft_break(prev: Block, c: Candidate) -> bool:
    """In Markdown, does `c` go on with the paragraph `prev` (a soft line break)? It stands right
    under it, and neither is a marked heading, a caption or code, nor does `c` open a block of its
    own (a list item, a quote, a table row, a rule)."""
    if c.after_blank or c.after_gap or c.level is not None or c.list_item or c.caption or c.code:
        return False
    return prev.level is None and prev.type != "caption" and BLOCK_START.match(c.text) is None


def definition_under(prev: Block | None, c: Candidate, options: Options = DEFAULT_OPTIONS) -> bool:
    """Is `c` MDN's definition of the term item `prev`, right under it?"""
    if c.definition is None or prev is None or c.after_blank or c.after_gap:
        return False
    return options.enabled(RULE_DEFINITION) and LIST_ITEM.match(prev.text) is not None


def definition_joined(prev: Block, c: Candidate) -> tuple[Block, Edit]:
    """The term's block with its definition on a line of its own, as written."""
    assert c.definition is not None
    tail, head = prev.text[-EDIT_CONTEXT:], c.definition
    edit = Edit(
        "join", RULE_DEFINITION, f"{tail}\n{head}", f"{tail}\n{head}", c.number, len(prev.text) - len(tail)
    )
    return Block("paragraph", f"{prev.text}\n{c.definition}", prev.start, c.number, prev.level), edit
