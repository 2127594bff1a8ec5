"""Credits that stand in the text or on the title line rather than under the title.

A byline is sometimes printed on the title's own line (`标题　文/某某`, `标题　本报记者 某某`,
`标题　某某`): left there, the names become words of the title. The label says so for the
first two forms; bare names need a title long enough that they cannot be its second clause.

A brief on a newspaper page is often signed by a bracketed credit at the end of a paragraph
(`……血糖。（通讯员 黎明）`), and not always its last one: the story goes on after it. The
label in the brackets (`记者`, `通讯员`) is what says it is a credit and not words of the
story, so the names go to the article's authors and the credit leaves the body.
"""

from __future__ import annotations

from dataclasses import replace

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Article, Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl

RULES = RuleList()
DEFAULT_OPTIONS = Options()
_DATA = load(__file__, "credits")
#: Bare names after a title need a title of at least this many ideographs before them.
TITLE_LINE_MIN_CJK: int = _DATA["title_line"]["min_title_cjk"]

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


RULE_TITLE_LINE = RULES.declare(
    "byline.title_line",
    "segment",
    "a byline printed on the title line (`标题 文/某某`, `标题 本报记者 某某`, `标题 某某`) moved out of the "
    "title into the article's authors",
).name


def title_line_byline(
    title: str, authors: list[str], edits: list[Edit], line: int, options: Options = DEFAULT_OPTIONS
) -> str:
    """The title without the byline printed on its line; the names join `authors`."""
    found = bylines.title_line_credit(title, TITLE_LINE_MIN_CJK) if options.enabled(RULE_TITLE_LINE) else None
    if not found:
        return title
    head, names = found
    edits.append(Edit("segment", RULE_TITLE_LINE, title, head, line))
    authors += [n for n in names if n not in authors]
    return head
