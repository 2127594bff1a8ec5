"""The join decision: does a line carry on the sentence the block before it left unfinished, and
which rule keeps the two apart when the text alone would join them.

Decided from the text (sentence ends, shape, unclosed brackets, the characters meeting at the
break), never from line numbers."""

from __future__ import annotations

import re
import unicodedata

from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import (
    CLAUSE_COMMA,
    CLAUSE_OPENERS,
    CUT_CLAUSE_MAX_CJK,
    JUNCTION_MIN_COUNT,
    JUNCTION_MIN_SHARE,
    LIST_INTRO,
    MARKED_HEADINGS_MIN,
    SENTENCE_STOPS,
    WORD_TAIL_MAX_CHARS,
)
from zhclean.tasks.stages.join.rules import DEFAULT_OPTIONS, RULE_BLANK_LINE, RULE_LIST_ITEM
from zhclean.tasks.text import classify as cl


class PairStats:
    """Character and adjacent-pair counts of one document, for the junction test.

    Counted when asked, in C (`str.count`): a document asks about a few dozen junctions, and
    counting every pair of it up front cost more than the rest of the join stage's decisions."""

    def __init__(self, texts: list[str]) -> None:
        # each text without its white space, one per line: no pair of characters spans two texts
        self.text = "\n".join(SPACE_RUN.sub("", text) for text in texts)

    def chars(self, ch: str) -> int:
        return self.text.count(ch) if ch and not ch.isspace() else 0

    def pairs(self, pair: str) -> int:
        """Adjacent occurrences of the two characters of `pair`; `哈哈哈` holds `哈哈` twice."""
        if pair[0] != pair[1]:
            return self.text.count(pair)  # two different characters cannot overlap themselves
        return sum(1 for _ in re.finditer(f"(?={re.escape(pair)})", self.text))

    def is_word(self, left: str, right: str) -> bool:
        """True when `left`+`right` is a pair this document uses often: a word cut by the break."""
        if not (cl.CJK_CHAR.match(left) and cl.CJK_CHAR.match(right)):
            return False
        count = self.pairs(left + right)
        rarer = min(self.chars(left), self.chars(right)) or 1
        return count >= JUNCTION_MIN_COUNT and count / rarer >= JUNCTION_MIN_SHARE


SPACE_RUN = re.compile(r"\s+")


def lone_mark(text: str) -> bool:
    """A line that is one punctuation mark (`。`, `、`): OCR put the end of a clause on its own line."""
    v = cl.visible(text)
    return len(v) == 1 and unicodedata.category(v).startswith("P")


def marks_headings(candidates: list[Candidate]) -> bool:
    return sum(c.level is not None for c in candidates) >= MARKED_HEADINGS_MIN


def heading_shape(text: str, marked: bool = False) -> bool:
    """`cl.heading_like`, and in a document that marks its headings, no clause comma inside
    an unmarked line (`改造完成后，各小区……负责日常` is prose cut by a column break)."""
    if not cl.heading_like(text):
        return False
    if not marked or not CLAUSE_COMMA.search(text) or cl.is_enumerated(text):
        return True
    return cl.subtitle_text(text) is not None or cl.byline_names(text) is not None


def never_continues(c: Candidate) -> bool:
    """Lines that start something of their own: marked headings, captions, bylines, subtitles, code."""
    if c.level is not None or c.caption or cl.byline_names(c.text) is not None or c.code:
        return True
    return cl.heading_like(c.text) and cl.subtitle_text(c.text) is not None


def held_apart(c: Candidate, blank_is_boundary: bool, options: Options = DEFAULT_OPTIONS) -> str | None:
    """The rule that keeps `c` from continuing the block before it, whatever the text says:
    a list item starts a block of its own; in born-digital text (`blank_is_boundary`) a blank
    line ends a paragraph unless a line taken out as a page break stands between the halves."""
    if c.list_item and options.enabled(RULE_LIST_ITEM):
        return RULE_LIST_ITEM
    if blank_is_boundary and c.after_blank and not c.after_gap:
        return RULE_BLANK_LINE
    return None


def continues(prev: Block, c: Candidate, stats: PairStats, marked: bool = False) -> bool:
    """Does candidate `c` carry on the sentence that block `prev` left unfinished?"""
    a, b = prev.text, c.text
    if never_continues(c) or cl.ends_sentence(a) or cl.byline_names(a) is not None:
        return False
    if a.rstrip()[-1:] in LIST_INTRO and cl.is_enumerated(b):
        return False  # `如下：` + `一、……`: the list's first item
    if b.lstrip()[:1] in CLAUSE_OPENERS:
        return True  # `……最高法院院长` + `、行政法院院长……`: a wrap cut before the mark
    if cl.heading_like(a) and cl.subtitle_text(a) is not None:
        return False
    if cl.visible_len(b) == 1 and (cl.cjk_count(b) == 1 or lone_mark(b)):
        return True  # a single character or mark cut off the end of a clause
    if cl.number_cut(a, b) and not cl.is_enumerated(a):
        return True
    if not heading_shape(a, marked) and prev.level is None:
        # prose that stops mid-sentence, unless it ends with a signature and a title follows
        return not (cl.trailing_signature(a) and cl.heading_like(b))
    if cl.unclosed(a) or cl.opens_with_closer(b):
        return True
    if prev.level is not None:
        return False
    head = cl.first_clause(b)
    ends_there = cl.visible(b)[len(head) : len(head) + 1] in SENTENCE_STOPS
    tail = len(head) <= WORD_TAIL_MAX_CHARS and ends_there
    if not cl.heading_like(b) and tail and cl.visible_len(b) > len(head) + 2:
        return True  # `务队。队员们……`: a word's tail ending a sentence, then the text goes on
    if len(cl.clauses(a)) >= 2 and cl.cjk_count(cl.last_clause(a)) <= CUT_CLAUSE_MAX_CJK:
        return True
    if stats.is_word(a.rstrip()[-1], b.lstrip()[0]):
        return True
    return cl.is_enumerated(a) and cl.heading_like(b) and not cl.is_enumerated(b) and not cl.is_name_line(b)
