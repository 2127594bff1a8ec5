"""Markdown structure among the blocks typography gets: code fences and heading attributes.

A Markdown document reaches typography as blocks, one per line inside a code fence (join keeps
each code line whole, with its indent). Code is not prose (STYLE.md section 2): its spaces,
quotes and indentation are meaning (YAML nests by indent, a shell command may hold two
spaces), so no typography rule may touch a block between two fences. A heading's attribute
block (`## 支持的字段 {#supported-fields}`) names the anchor a link may point at; it is no word of
the heading, and no edition prints it as one: a reader expects `支持的字段`. The editions set
every heading's text as text (the Markdown edition escapes it, so `{#id}` could never work as an
anchor there), so the block is taken out of the heading in every edition alike, and its edit
(`before` holds the block) keeps the id in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zhclean.tasks.core.data import load
from zhclean.tasks.core.rules import RuleList

#: This module's rules: decisions its code makes over whole blocks.
RULES = RuleList()

#: The patterns of this module (`data/markdown.toml` says why each is so).
DATA = load(__file__, "markdown")
FENCE_OPEN_RE = re.compile(DATA["fence_open"])
FENCE_CLOSE_RE = re.compile(DATA["fence_close"])
HEADING_ATTRIBUTES_RE = re.compile(DATA["heading_attributes"])

RULE_CODE_FENCE = RULES.declare(
    "markup.code_fence",
    "typography",
    "a block inside a Markdown code fence (```` ``` ```` or `~~~` to the closing fence) is code: no "
    "typography rule touches it (indentation, double spaces and straight quotes are its meaning)",
).name
RULE_HEADING_ID = RULES.declare(
    "markup.heading_id",
    "typography",
    "a Markdown heading's attribute block (`{#id}`, `{#id .class}`, `{: #id}`, `{-}`) is an anchor or a "
    "style, not words: taken out of the heading's text in every edition, kept in the edit's record",
).name


class CodeFences:
    """Walks a document's blocks in order and says which are code (the fences themselves too).

    As CommonMark reads a fence: it closes on a line of the opener's character, at least as
    long, with nothing after it; a fence never closed runs to the end of the document."""

    def __init__(self) -> None:
        self.open: str | None = None

    def step(self, text: str) -> tuple[bool, bool]:
        """Whether the block `text` is code, and whether it opens a fence."""
        if self.open is not None:
            close = FENCE_CLOSE_RE.match(text)
            if (
                close
                and close.group("fence")[0] == self.open[0]
                and len(close.group("fence")) >= len(self.open)
            ):
                self.open = None
            return True, False
        opener = FENCE_OPEN_RE.match(text)
        if opener is None:
            return False, False
        self.open = opener.group("fence")
        return True, True


def code_flags(texts: Iterable[str]) -> list[bool]:
    """For each block of a document, in order, whether it is code."""
    fences = CodeFences()
    return [fences.step(text)[0] for text in texts]


def split_heading_id(text: str) -> tuple[str, str | None]:
    """A heading's text without its attribute block, and the block (None when it has none)."""
    m = HEADING_ATTRIBUTES_RE.search(text)
    if m is None or not text[: m.start()].strip():
        return text, None
    return text[: m.start()], text[m.start() :]
