"""Find where each table-of-contents entry starts in the body (STYLE.md section 5).

The TOC is the best guide to where articles start, but its titles differ from
the headings in small ways: spacing, quote style, a character misread by OCR
or changed by the editor. Titles are compared on their letters only (CJK and
alphanumerics), with a similarity ratio, in TOC order.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Block
from zhclean.tasks.text import classify as cl

_DATA = load(__file__, "tocmatch")
#: Only letters count when comparing titles.
NOT_LETTER = re.compile(_DATA["not_letter"], re.UNICODE)
#: Two titles are the same when this similar (0..1)...
MATCH_RATIO: float = _DATA["match_ratio"]
#: ...or when one contains the other and covers this share of it.
CONTAIN_SHARE: float = _DATA["contain_share"]
#: A body block longer than this is not a title.
TITLE_MAX_CHARS: int = _DATA["title_max_chars"]


def letters(text: str) -> str:
    return NOT_LETTER.sub("", text).lower()


def similar(a: str, b: str) -> bool:
    """Fuzzy title equality: spacing, punctuation and a few changed characters do not matter."""
    x, y = letters(a), letters(b)
    if not x or not y:
        return False
    if (x in y or y in x) and min(len(x), len(y)) / max(len(x), len(y)) >= CONTAIN_SHARE:
        return True
    return SequenceMatcher(None, x, y).ratio() >= MATCH_RATIO


def title_candidate(block: Block) -> bool:
    return block.type != "caption" and cl.visible_len(block.text) <= TITLE_MAX_CHARS


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, letters(a), letters(b)).ratio()


def broken_title(blocks: list[Block], j: int, title: str) -> bool:
    """Headings `j` and `j + 1` are one title broken over two lines: together they are the TOC's
    title, closer to it than the lower line alone (a title matched by its last line only would
    leave its first line to the article before)."""
    if j + 1 >= len(blocks) or blocks[j + 1].type != "heading" or cl.ends_sentence(blocks[j].text):
        return False  # the upper line may be typed text: it ends on `的`, which no heading does
    if not title_candidate(blocks[j + 1]):
        return False
    pair = blocks[j].text + blocks[j + 1].text
    return similar(pair, title) and ratio(pair, title) > ratio(blocks[j + 1].text, title)


def match_toc(blocks: list[Block], toc: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Block index → TOC entry, for every entry found as a heading (or two heading lines that
    together are its title), in order."""
    found: dict[int, dict[str, Any]] = {}
    cursor = 0
    for entry in toc:
        title = entry.get("title") or ""
        for j in range(cursor, len(blocks)):
            if title_candidate(blocks[j]) and (
                similar(blocks[j].text, title) or broken_title(blocks, j, title)
            ):
                found[j] = entry
                cursor = j + 1
                break
    return found


def space_slots(text: str) -> set[int]:
    """Letter positions (counted as `letters` counts) that a space between two CJK characters precedes."""
    slots: set[int] = set()
    count = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            left, right = text[:i].rstrip()[-1:], text[i:].lstrip()[:1]
            if left and right and cl.CJK_CHAR.match(left) and cl.CJK_CHAR.match(right):
                slots.add(count)
        elif letters(ch):
            count += 1
    return slots


def shared_spacing(title: str, other: str) -> str | None:
    """`title` keeping only the spaces that `other` also has between the same letters, or None.

    A heading and its TOC entry are two printings of one title: a space between
    clauses (`某某 某某`) is in both, an OCR gap inside a word is in only one.
    Applies only when both have the same letters and the spacing differs.
    """
    if not title or letters(title) != letters(other):
        return None
    drop = space_slots(title) - space_slots(other)
    out: list[str] = []
    count = 0
    for ch in title:
        if ch.isspace() and count in drop:
            continue
        out.append(ch)
        if not ch.isspace() and letters(ch):
            count += 1
    fixed = "".join(out)
    return fixed if fixed != title else None
