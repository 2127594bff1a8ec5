"""Running heads and footers, bare page numbers (STYLE.md section 5).

A running head is a short line that comes back page after page, often with
a page number and the issue date at its edges (`48 刊名 2022.2`). Its best
signal is repetition across the document, so the core text (without page
number and date) is compared over all lines: a core seen with a page number
and a date, or with a page number twice, or on its own at least
`MIN_PLAIN_REPEATS` times far apart, is a running head everywhere it occurs.
Bylines (`本报记者 某某` repeated over articles) and numbered headings (`第一章 总则`, the first
chapter of each law in one file) are never running heads by repetition alone, and where a
plain head's first occurrence is the document's first line and stands at no page break
while every later one stands beside a page number, that line is the title the pages repeat,
and stays.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found, bare, collapse, ends_sentence, has_cjk, squeeze

RULES = RuleList()
RULE = RULES.declare(
    "furniture.running_head",
    "furniture",
    "a running head or footer repeated page after page leaves the body (its text to metadata `running_heads`)",
).name
PAGE_RULE = RULES.declare(
    "furniture.page_number",
    "furniture",
    "a line that is only a page number leaves the body (recorded in metadata `page_marks`)",
).name

_DATA = load(__file__, "running_heads")
_LIMITS = _DATA["limits"]

#: A line that is only a page number: `12`, `- 12 -`, `第 12 页`, `·12·`, `P12`, `12/48`.
PAGE_ONLY = re.compile(_DATA["page_only"], re.IGNORECASE)
PAGE_DIGITS = re.compile(_DATA["page_digits"])
#: A page number at the start or the end of a running head, set off by a space.
PAGE_START = re.compile(_DATA["page_start"])
PAGE_END = re.compile(_DATA["page_end"])
#: The issue date a footer carries: `2022.2`, `2022-02`, `2022年2月`, `2022年第2期`.
_DATE: str = _DATA["issue_date"]
DATE_START = re.compile(r"^(?P<date>" + _DATE + r")\s+(?P<rest>\S.*)$")
DATE_END = re.compile(r"^(?P<rest>.*\S)\s+(?P<date>" + _DATE + r")$")
#: Separators printed between the parts of a head: `刊名 · 2022.2 · 15`, `刊名 | 15`.
HEAD_SEPARATORS: str = _DATA["head_separators"]
#: Words of a byline: lines with them repeat because one reporter wrote several items.
BYLINE_WORDS: tuple[str, ...] = tuple(_DATA["byline_words"])
#: A heading numbered as a part of the text (`第一章 总则`): it repeats because several texts
#: in one file have a first chapter, not because it is printed on every page.
ORDINAL_HEADING = re.compile(_DATA["ordinal_heading"])

#: A running head is at most this long.
MAX_HEAD_LINE: int = _LIMITS["max_head_line"]
#: Its core has this many characters at least and at most.
MIN_CORE: int = _LIMITS["min_core"]
MAX_CORE: int = _LIMITS["max_core"]
#: A core without page numbers must repeat this often to be a running head...
MIN_PLAIN_REPEATS: int = _LIMITS["min_plain_repeats"]
#: ...with at least this many lines between occurrences (a page apart, not a repeated clause).
MIN_SPREAD: int = _LIMITS["min_spread"]


@dataclass(slots=True, frozen=True)
class _Shape:
    index: int
    core: str
    text: str
    page: int | None
    dated: bool


def split_head(text: str) -> tuple[str, int | None, bool]:
    """(core text, page number or None, carries a date) of a running-head candidate."""
    rest, page, dated = collapse(bare(text)), None, False
    for _ in range(2):
        for pattern in (PAGE_START, PAGE_END):
            m = pattern.match(rest)
            if m and page is None:
                rest, page = m.group("rest").strip(HEAD_SEPARATORS), int(m.group("page"))
        for pattern in (DATE_START, DATE_END):
            m = pattern.match(rest)
            if m and not dated:
                rest, dated = m.group("rest").strip(HEAD_SEPARATORS), True
    return rest, page, dated


def _shape(index: int, text: str) -> _Shape | None:
    text = bare(text)
    if not text or len(text) > MAX_HEAD_LINE or ends_sentence(text):
        return None
    rest, page, dated = split_head(text)
    core = squeeze(rest)
    if not has_cjk(core) or not MIN_CORE <= len(core) <= MAX_CORE:
        return None
    return _Shape(index, core, rest, page, dated)


def _is_head(shapes: list[_Shape]) -> bool:
    if any(s.page is not None and s.dated for s in shapes):
        return True
    if sum(s.page is not None for s in shapes) >= 2:
        return True
    if any(w in shapes[0].core for w in BYLINE_WORDS) or len(shapes) < MIN_PLAIN_REPEATS:
        return False
    if ORDINAL_HEADING.match(shapes[0].core):
        return False
    gaps = [b.index - a.index for a, b in pairwise(shapes)]
    return min(gaps) >= MIN_SPREAD


def _plain(shapes: list[_Shape]) -> bool:
    """A head known by repetition alone: no page number or date beside any occurrence."""
    return all(s.page is None and not s.dated for s in shapes)


def _by_page_number(lines: list[Line], index: int) -> bool:
    """Is the nearest non-blank line above or below line `index` a bare page number?"""
    for step in (-1, 1):
        j = index + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        if 0 <= j < len(lines) and PAGE_ONLY.match(bare(lines[j].text)):
            return True
    return False


def _title_over_pages(lines: list[Line], shapes: list[_Shape]) -> bool:
    """The first occurrence stands at no page break, every later one beside a page number: the
    later ones are the pages' running head, the first is the title they repeat."""
    later = shapes[1:]
    return not _by_page_number(lines, shapes[0].index) and all(_by_page_number(lines, s.index) for s in later)


def find_running_heads(lines: list[Line], taken: set[int]) -> Found:
    """Running heads and footers; `page_marks` says which page ends at which raw line."""
    found = Found()
    by_core: dict[str, list[_Shape]] = defaultdict(list)
    for i, line in enumerate(lines):
        if i not in taken and (shape := _shape(i, line.text)):
            by_core[shape.core].append(shape)
    heads: list[str] = []
    marks: list[dict[str, int]] = []
    first = next((i for i, line in enumerate(lines) if i not in taken and line.text.strip()), None)
    for shapes in by_core.values():
        if not _is_head(shapes):
            continue
        if _plain(shapes) and shapes[0].index == first and _title_over_pages(lines, shapes):
            shapes = shapes[1:]  # the document's first line, printed again on every page: its title
        heads.append(next((s.text for s in shapes if s.page is not None), shapes[0].text))
        for s in shapes:
            found.claims.append(Claim(s.index, RULE))
            if s.page is not None:
                marks.append({"line": lines[s.index].number, "page": s.page})
    if heads:
        found.metadata["running_heads"] = heads
    if marks:
        found.metadata["page_marks"] = sorted(marks, key=lambda m: m["line"])
    return found


def find_page_numbers(lines: list[Line], taken: set[int]) -> Found:
    """Lines that hold nothing but a page number."""
    found = Found()
    marks: list[dict[str, int]] = []
    for i, line in enumerate(lines):
        if i not in taken and line.text.strip() and PAGE_ONLY.match(bare(line.text)):
            found.claims.append(Claim(i, PAGE_RULE))
            marks.append({"line": line.number, "page": int(PAGE_DIGITS.findall(line.text)[0])})
    if marks:
        found.metadata["page_marks"] = marks
    return found
