"""Print layout: whether a document's blank lines, indents and line widths are those of a printed
page (lines cut at a column width) rather than of born-digital text (one line a paragraph).

A printed page breaks its lines where the column ends, so its line ends say nothing about
paragraphs; these tests decide which layout the joiner is reading."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable

from zhclean.tasks.core.model import Block
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import (
    BLOCK_START,
    CLAUSE_COMMA,
    CUT_AFTER,
    HANGING_SHARE,
    INDENT_MIN_LINES,
    LAYOUT_SHARE,
    SHORT_SHARE,
    TABLE_ROW,
    WHOLE_LINE_MIN_LONGER,
    WHOLE_LINE_RATIO,
)
from zhclean.tasks.text import classify as cl


def cut_line(text: str) -> bool:
    """A line that stops where a printed line would: inside a word or after a clause comma."""
    v = cl.visible(text)
    return bool(v) and not cl.ends_sentence(text) and bool(cl.CJK_CHAR.match(v[-1]) or v[-1] in CUT_AFTER)


def print_layout(candidates: list[Candidate]) -> bool:
    """Are the document's blank lines print layout? The prose lines right before a blank line
    (not headings, dated notes, list items or code) stop inside a word or after a clause comma
    often enough (an OCR'd page puts a blank line after every printed line)."""
    prose = cut = 0
    for c, nxt in itertools.pairwise(candidates):
        if not nxt.after_blank or c.level is not None or c.code or c.list_item or c.caption:
            continue
        if (cl.heading_like(c.text) and not CLAUSE_COMMA.search(c.text)) or cl.DATE_START.match(c.text):
            continue  # a heading or a dated note (`2020年1月1日 施行`), not prose
        if BLOCK_START.match(c.text) or TABLE_ROW.search(c.text):
            continue  # a Markdown table row or quote: a block of its own, no printed line
        prose += 1
        cut += cut_line(c.text)
    return prose > 0 and cut / prose >= LAYOUT_SHARE


def hangs_under(prev: Block, c: Candidate) -> bool:
    """On a page of hanging indents, is `c` a wrapped line of the item `prev`? It is indented, right
    under it (no blank line), and `prev` is an item (`三、…`) or stops mid-sentence."""
    if not c.indent or c.after_blank or c.level is not None or c.code or c.list_item or c.caption:
        return False
    item = cl.is_enumerated(prev.text) or cut_line(prev.text)
    return prev.level is None and prev.type != "caption" and item


def display_width(text: str) -> int:
    """Columns the line takes in print: a wide (CJK) character two, anything else one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text.strip())


def column_width(candidates: list[Candidate], width: Callable[[str], int]) -> float:
    """The width a full printed line reaches: the median of the wider half of the lines (headings,
    last lines of paragraphs and page furniture are the narrower ones)."""
    widths = sorted(width(c.text) for c in candidates if not c.code)
    upper = widths[len(widths) // 2 :]
    return upper[len(upper) // 2] if upper else 0.0


def char_count(text: str) -> int:
    return len(text.strip())


def short_lines(candidates: list[Candidate]) -> set[int]:
    """Raw numbers of the lines that stop well short of the column, measured both in print width
    and in characters (a typesetter's line of Latin words holds more characters in the same width;
    a line cut by character count holds fewer columns): short by both, the paragraph ended there."""
    columns = [(w, column_width(candidates, w)) for w in (display_width, char_count)]
    return {
        c.number
        for c in candidates
        if not c.code and all(w(c.text) < SHORT_SHARE * column for w, column in columns)
    }


def indented_layout(candidates: list[Candidate]) -> bool:
    """Does the document open its printed paragraphs with an indent? Enough indented lines, and the
    lines followed by an unindented one stop mid-line often enough (a column, not whole paragraphs),
    and the indents are no hanging ones."""
    if sum(c.indent for c in candidates) < INDENT_MIN_LINES:
        return False
    ends = [
        c
        for c, nxt in itertools.pairwise(candidates)
        if not nxt.indent and nxt.level is None and not nxt.code
    ]
    prose = [
        c
        for c in ends
        if c.level is None
        and not c.code
        and not (cl.heading_like(c.text) and not CLAUSE_COMMA.search(c.text))
    ]
    if not prose or sum(cut_line(c.text) for c in prose) / len(prose) < LAYOUT_SHARE:
        return False
    return not hanging_indent(candidates)


def hanging_indent(candidates: list[Candidate]) -> bool:
    """Are the indents hanging (an item's wrapped lines indented under its flush first line)? The
    prose lines right above an indented line stop mid-sentence often enough: a paragraph indent
    follows the end of the paragraph before, a hanging one the middle of the item it goes on."""
    above = [
        c
        for c, nxt in itertools.pairwise(candidates)
        if nxt.indent
        and not nxt.after_blank
        and c.level is None
        and not c.code
        and not (cl.heading_like(c.text) and not CLAUSE_COMMA.search(c.text))
    ]
    return bool(above) and sum(cut_line(c.text) for c in above) / len(above) >= HANGING_SHARE


def whole_line(prev: Block, c: Candidate, widths: dict[int, int]) -> bool:
    """Did `prev`, one line, stop on its own rather than at a wrap width? `c` stands right under
    it (no blank line, no page break between), and enough lines of the document (`widths`:
    visible length per raw line) are far longer than it: no wrap width that short is in use.
    A block already joined from several lines is a wrapped paragraph: no evidence either way."""
    if c.after_blank or c.after_gap or prev.level is not None or prev.start != prev.end:
        return False
    width = widths.get(prev.end, 0)
    return sum(w > WHOLE_LINE_RATIO * width for w in widths.values()) >= WHOLE_LINE_MIN_LONGER
