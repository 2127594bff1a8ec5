"""Running heads left between the halves of a sentence a page break cut: a column name printed
again and again next to page numbers, or once inside a cut sentence.

Furniture takes out what repeats at a page's edge; what it leaves is found here, where the
joiner can see the sentence going on across it."""

from __future__ import annotations

from collections import Counter

from zhclean.tasks.core.model import Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import CLAUSE_COMMA, RUNNING_HEAD_MIN_REPEATS
from zhclean.tasks.stages.join.layout import cut_line
from zhclean.tasks.stages.join.rules import DEFAULT_OPTIONS, RULE_RUNNING_HEAD
from zhclean.tasks.text import classify as cl


def running_heads(
    candidates: list[Candidate], options: Options = DEFAULT_OPTIONS
) -> tuple[list[Candidate], list[Removed]]:
    """Heading-shaped lines next to a page break (a line taken out right before or after it),
    below the first text, repeated verbatim or cutting a sentence in two: running heads, removed;
    the line after one stands after a page break."""
    if not options.enabled(RULE_RUNNING_HEAD):
        return candidates, []
    counts = Counter(cl.visible(c.text) for c in candidates if c.level is None)
    first_prose = next((k for k, c in enumerate(candidates) if not cl.heading_like(c.text)), len(candidates))
    for c in candidates[:first_prose]:
        counts[cl.visible(c.text)] = 0  # a line above the first text is a title, even when repeated
    keep: list[Candidate] = []
    removed: list[Removed] = []
    head = False
    for k, c in enumerate(candidates):
        nxt = candidates[k + 1] if k + 1 < len(candidates) else None
        by_break = c.after_gap or (nxt is not None and nxt.after_gap)
        repeated = counts[cl.visible(c.text)] >= RUNNING_HEAD_MIN_REPEATS
        heading = c.level is None and not c.code and cl.heading_like(c.text)
        if heading and by_break and (repeated or interrupts(candidates, k)):
            removed.append(Removed(c.text, RULE_RUNNING_HEAD, c.number))
            head = True
            continue
        if head:
            c.after_gap = True
            head = False
        keep.append(c)
    return keep, removed


def interrupts(candidates: list[Candidate], k: int) -> bool:
    """Does the heading-shaped line `k` stand inside a sentence a page break cut? The prose line
    before it stops where only a printed line stops (inside a word, after a clause comma), and a
    line taken out as a page number follows it: a heading never opens in the middle of a
    sentence, so the line is the page's running head, even printed once. (With the page number
    above it, the line could as well be the sentence going on, so that order decides nothing.)"""
    if k == 0 or k + 1 >= len(candidates) or not candidates[k + 1].after_gap or candidates[k].after_gap:
        return False  # the head stands between the cut text and the page number taken out
    prev = candidates[k - 1]
    heading = cl.heading_like(prev.text) and not CLAUSE_COMMA.search(prev.text)
    prose = prev.level is None and not prev.code and not prev.caption and not heading
    return prose and cl.byline_names(prev.text) is None and cut_line(prev.text)
