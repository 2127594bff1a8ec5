"""Shared shapes for the furniture detectors: what a detector claims and how lines look.

Each detector (TOC, masthead, running heads, section labels, web furniture)
is a pure function over the document's lines that returns a `Found`: the
metadata it read, and a `Claim` per line it takes out of the body, naming the
rule and the strings of that line it kept in metadata. `tasks.furniture`
turns what a claim did not keep into a `Removed` record, so no character
leaves the body without a trace.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit
from zhclean.tasks.text.charsets import IDEOGRAPH, ZERO_WIDTH

_DATA = load(__file__, "lines")

#: What the CJK accounting counts (every ideograph): a claimed line's CJK text is either kept
#: in metadata or recorded as removed, character for character.
CJK = IDEOGRAPH

#: Characters that end a sentence; furniture lines (labels, credits, entries) rarely end with them.
SENTENCE_END: str = _DATA["sentence_end"]

#: Markdown heading marks left in raw text, ignored when judging a line's shape.
HEADING_MARK = re.compile(_DATA["heading_mark"])

_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Claim:
    """Line `index` (position in the list, not raw number) leaves the body under `rule`.

    `kept` are the strings of that line now held in metadata; the rest of its
    CJK text goes to the removed list.
    """

    index: int
    rule: str
    kept: tuple[str, ...] = ()


@dataclass(slots=True)
class Found:
    """What one detector read from the document."""

    metadata: dict[str, Any] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


#: Space and zero-width characters at either end of a line, in any mix.
_EDGES = re.compile(f"^[\\s{ZERO_WIDTH}]+|[\\s{ZERO_WIDTH}]+$")
#: Zero-width characters dropped, full-width letters and digits read as ASCII: what the line is
#: once typography has run, so a second pass over the output decides the same way.
_AS_TYPESET = str.maketrans(
    {
        **{c: None for c in ZERO_WIDTH},
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()},
    }
)


#: Any character `_AS_TYPESET` changes. `str.translate` with a dict looks every character up
#: in Python; this search runs in C, and most lines hold none of them.
_TYPESET_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _AS_TYPESET) + "]")


@lru_cache(maxsize=1 << 14)  # every detector asks for the bare form of every line
def bare(text: str) -> str:
    """The line without surrounding space (ASCII, ideographic, no-break), zero-width characters
    or heading marks, full-width letters and digits read as ASCII: a page number with a zero-width space is still a page number (typography
    removes the zero-width space later, and a second pass must see the same line)."""
    if _TYPESET_CHARS.search(text):
        text = text.translate(_AS_TYPESET)
    return HEADING_MARK.sub("", _EDGES.sub("", text)).strip()


@lru_cache(maxsize=4096)
def collapse(text: str) -> str:
    """Runs of whitespace to one ASCII space, ends trimmed (each line is asked about several
    times, as it is compared with the lines around it: remembered)."""
    return _SPACES.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """All whitespace removed: the form used to compare lines that OCR spaced differently."""
    return _SPACES.sub("", text)


def ends_sentence(text: str) -> bool:
    """True when the line ends with sentence-final punctuation (a body line, not a label)."""
    text = text.rstrip()
    return bool(text) and text[-1] in SENTENCE_END


def cjk_len(text: str) -> int:
    return len(CJK.findall(text))


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None


def leftover(text: str, kept: tuple[str, ...]) -> str:
    """`text` without the CJK characters already kept in metadata, whitespace collapsed.

    A kept value found verbatim is cut out whole (with its punctuation); the
    others cancel their characters as a multiset, so a value that was
    normalised (spaces taken out of a name) still cancels its characters.
    """
    scattered: list[str] = []
    for value in kept:
        if value and value in text:
            text = text.replace(value, " ", 1)
        else:
            scattered.append(value)
    budget = Counter(ch for value in scattered for ch in CJK.findall(value))
    out: list[str] = []
    for ch in text:
        if budget[ch] > 0 and CJK.fullmatch(ch):
            budget[ch] -= 1
            continue
        out.append(ch)
    return collapse("".join(out))


def nonblank(lines_text: list[str], taken: set[int]) -> list[int]:
    """Indices of lines that carry text and are not claimed yet, in order."""
    return [i for i, t in enumerate(lines_text) if t.strip() and i not in taken]
