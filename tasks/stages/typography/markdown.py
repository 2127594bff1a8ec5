"""Markdown structure among the blocks typography gets: code blocks and heading attributes.

A Markdown document's code fence reaches typography as one `code` block, made by join from the
raw lines verbatim (the fences, blank lines, indentation and trailing spaces as written). Code is not prose (STYLE.md section 2): its spaces,
quotes and indentation are meaning (YAML nests by indent, a shell command may hold two
spaces), so no typography rule may touch a `code` block. The fence walker (`CodeFences`, from
`text.markdown`) serves `zhclean lint`, which reads Markdown files line by line. A heading's attribute
block (`## 支持的字段 {#supported-fields}`) names the anchor a link may point at; it is no word of
the heading, and no edition prints it as one: a reader expects `支持的字段`. The editions set
every heading's text as text (the Markdown edition escapes it, so `{#id}` could never work as an
anchor there), so the block is taken out of the heading in every edition alike, and its edit
(`before` holds the block) keeps the id in the report.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text.markdown import CodeFences, code_flags

__all__ = ["RULES", "RULE_CODE_FENCE", "RULE_HEADING_ID", "CodeFences", "code_flags", "split_heading_id"]

#: This module's rules: decisions its code makes over whole blocks.
RULES = RuleList()

#: The patterns of this module (`data/markdown.toml` says why each is so).
DATA = load(__file__, "markdown")
HEADING_ATTRIBUTES_RE = re.compile(DATA["heading_attributes"])

RULE_CODE_FENCE = RULES.declare(
    "markup.code_fence",
    "typography",
    "a code block (a Markdown fence, ```` ``` ```` or `~~~` to the closing fence, made one block by join) is "
    "code: no typography rule touches it (indentation, double spaces and straight quotes are its meaning)",
).name
RULE_HEADING_ID = RULES.declare(
    "markup.heading_id",
    "typography",
    "a Markdown heading's attribute block (`{#id}`, `{#id .class}`, `{: #id}`, `{-}`) is an anchor or a "
    "style, not words: taken out of the heading's text in every edition, kept in the edit's record",
).name


def split_heading_id(text: str) -> tuple[str, str | None]:
    """A heading's text without its attribute block, and the block (None when it has none)."""
    m = HEADING_ATTRIBUTES_RE.search(text)
    if m is None or not text[: m.start()].strip():
        return text, None
    return text[: m.start()], text[m.start() :]
