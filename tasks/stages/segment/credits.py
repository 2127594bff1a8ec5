"""Credits that stand in the text rather than under the title.

A brief on a newspaper page is often signed by a bracketed credit at the end of a paragraph
(`……血糖。（通讯员 黎明）`), and not always its last one: the story goes on after it. The
label in the brackets (`记者`, `通讯员`) is what says it is a credit and not words of the
story, so the names go to the article's authors and the credit leaves the body.
"""

from __future__ import annotations

from dataclasses import replace

from zhclean.tasks.core.model import Article, Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import classify as cl

RULES = RuleList()
DEFAULT_OPTIONS = Options()

RULE_TRAILING_CREDIT = RULES.declare(
    "byline.trailing_credit",
    "segment",
    "a labelled credit in brackets closing a paragraph (`……。（通讯员 某某）`) moved to the article's authors",
).name


def take_trailing_credits(article: Article, edits: list[Edit], options: Options = DEFAULT_OPTIONS) -> None:
    """Every paragraph of the article that ends with a labelled credit gives its names to the authors."""
    if not options.enabled(RULE_TRAILING_CREDIT):
        return
    for k, block in enumerate(article.blocks):
        found = cl.trailing_credit(block.text) if block.type == "paragraph" else None
        if not found:
            continue
        body, names = found
        edits.append(Edit("segment", RULE_TRAILING_CREDIT, block.text[len(body) :], "", block.end, len(body)))
        article.blocks[k] = replace(block, text=body)
        article.authors += [n for n in names if n not in article.authors]
