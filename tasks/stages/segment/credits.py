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

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Article, Block, Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl
from zhclean.tasks.text.names import split_names

RULES = RuleList()
DEFAULT_OPTIONS = Options()
_DATA = load(__file__, "credits")
#: Bare names after a title need a title of at least this many ideographs before them.
TITLE_LINE_MIN_CJK: int = _DATA["title_line"]["min_title_cjk"]
_LINE = _DATA["author_line"]
#: Markdown emphasis around a label (`**作者：**`).
EMPHASIS = re.compile(_LINE["emphasis"])
#: `作者：` opening an author line.
AUTHOR_LABEL = re.compile(_LINE["label"])
#: Between the names of an author line.
NAME_SEPARATORS = re.compile(_LINE["separators"])
#: A name in Latin letters.
LATIN_NAME = re.compile(_LINE["latin_name"])

RULE_TRAILING_CREDIT = RULES.declare(
    "byline.trailing_credit",
    "segment",
    "a labelled credit in brackets closing a paragraph (`……。（通讯员 某某）`) moved to the article's authors",
).name


def add_names(authors: list[str], names: Iterable[str]) -> None:
    """Add to `authors`, in place, the names it does not hold yet (a name given twice in `names` is
    added twice, as it always was): one way for every credit to give its names."""
    authors.extend([n for n in names if n not in authors])


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
        add_names(article.authors, names)


RULE_TITLE_LINE = RULES.declare(
    "byline.title_line",
    "segment",
    "a byline printed on the title line (`标题 文/某某`, `标题 本报记者 某某`, `标题 某某`, a book's "
    "`《书名》作者（朝代）`) moved out of the title into the article's authors",
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
    add_names(authors, names)
    return head


RULE_AUTHOR_LINE = RULES.declare(
    "byline.author_line",
    "segment",
    "a labelled list of names opening an article's text (`**作者：** Jane Doe, 某某`) moved to its authors",
).name


def author_line_names(text: str) -> list[str] | None:
    """The names of `作者：某某, Jane Doe`, or None when the line is anything else."""
    plain = EMPHASIS.sub("", text).strip()
    m = AUTHOR_LABEL.match(plain)
    if not m:
        return None
    names = [n.strip() for n in NAME_SEPARATORS.split(plain[m.end() :]) if n.strip()]
    ok = all(bylines.is_name(n) or LATIN_NAME.match(n) for n in names)
    return names if names and ok else None


def take_author_line(article: Article, edits: list[Edit], options: Options = DEFAULT_OPTIONS) -> None:
    """The article's first block, when it is an author line, leaves the text for the authors."""
    first = article.blocks[0] if article.blocks else None
    names = author_line_names(first.text) if first and first.type != "caption" else None
    if not names or not options.enabled(RULE_AUTHOR_LINE):
        return
    edits.append(Edit("segment", RULE_AUTHOR_LINE, first.text, "", first.start))
    article.blocks = article.blocks[1:]
    add_names(article.authors, names)


RULE_PAGE_AUTHORS = RULES.declare(
    "byline.page_authors",
    "segment",
    "the authors a web page's dateline names (`作者：某某`, taken out by furniture into metadata `authors`) "
    "are the authors of the article it heads, the document's first",
    fixed="it moves no text and drops nothing (the names stay in the document's metadata too); the "
    "page says who wrote the article under its dateline, and switching that off would say it has no author",
).name


def page_authors(articles: list[Article], metadata: dict[str, Any], edits: list[Edit]) -> None:
    """The dateline's authors go to the first article, when it names none of its own."""
    names = [bylines.unwrapped(n) for n in metadata.get("authors") or [] if isinstance(n, str) and n]
    names = [n for n in names if n]
    if not articles or articles[0].authors or not names:
        return
    edits.append(Edit("segment", RULE_PAGE_AUTHORS, "、".join(names), "、".join(names), articles[0].start))
    articles[0].authors = list(names)


RULE_NAME_LIST = RULES.declare(
    "byline.name_list",
    "segment",
    "an author credit that is a plain list of personal names (`陆文静 马骏`, `黄 波 李春风`) is that many "
    "authors; a TOC entry's author gains the list as `authors`",
).name


def split_authors(
    article: Article, entry: dict[str, Any] | None, edits: list[Edit], options: Options = DEFAULT_OPTIONS
) -> dict[str, Any] | None:
    """Each author credit that lists several names becomes those names. Returns the TOC entry with
    its `authors` list when its author was such a credit (else None)."""
    if not options.enabled(RULE_NAME_LIST):
        return None
    out: list[str] = []
    for credit in article.authors:
        found = split_names(credit)
        if found and len(found) > 1:
            edits.append(Edit("segment", RULE_NAME_LIST, credit, "、".join(found), article.start))
            add_names(out, found)
        elif credit not in out:
            out.append(credit)
    article.authors = out
    listed = split_names((entry or {}).get("author") or "")
    return {**(entry or {}), "authors": listed} if listed and len(listed) > 1 else None


RULE_SIGNED_TITLE = RULES.declare(
    "title.signed_under_label",
    "segment",
    "a short line under a heading, read as the unit that wrote the text, is the text's title when the "
    "text closes with its writer's signature; the heading over it is the section (`简讯` over a brief)",
).name


def signed_under_label(
    title: str,
    org_line: str | None,
    body: list[Block],
    edits: list[Edit],
    line: int,
    options: Options = DEFAULT_OPTIONS,
) -> tuple[str, str] | None:
    """(section, title) when the text under `title` and `org_line` closes with a signature: the
    signature names who wrote it, so the line under the heading is no writer but the title."""
    last = next((b for b in reversed(body) if b.type == "paragraph"), None)
    if not org_line or last is None or not options.enabled(RULE_SIGNED_TITLE):
        return None
    if not (cl.trailing_signature(last.text) or cl.trailing_credit(last.text)):
        return None
    edits.append(Edit("segment", RULE_SIGNED_TITLE, f"{title}\n{org_line}", org_line, line))
    return title, org_line


RULE_SIGNATURE_LINE = RULES.declare(
    "byline.signature_line",
    "segment",
    "a signature on its own line closing an article's text (`（某某）`, `通讯员 某某` under its last "
    "paragraph) moved to the article's authors",
).name


def take_signature_line(article: Article, edits: list[Edit], options: Options = DEFAULT_OPTIONS) -> None:
    """The article's last block, a signature line right under a paragraph, leaves the text for the authors."""
    blocks = article.blocks
    if len(blocks) < 2 or blocks[-2].type != "paragraph" or not options.enabled(RULE_SIGNATURE_LINE):
        return
    names = cl.signature_line(blocks[-1].text) if blocks[-1].type != "caption" else None
    if not names:
        return
    edits.append(Edit("segment", RULE_SIGNATURE_LINE, blocks[-1].text, "", blocks[-1].start))
    article.blocks = blocks[:-1]
    add_names(article.authors, names)


#: `先秦：左丘明《左传》`: a label, the writer and the work.
WORK_CREDIT = re.compile(_DATA["work_credit"]["pattern"])
RULE_WORK_CREDIT = RULES.declare(
    "byline.work_credit",
    "segment",
    "a credit line repeated under the titles of an anthology, naming the writer and the work "
    "(`先秦：左丘明《左传》`): the writer to the authors, the work to the source",
).name


def work_credit(line: str, repeated: set[str] | frozenset[str]) -> tuple[str, str] | None:
    """(writer, work) of a line `某代：某某《某书》` that stands under other titles too, or None."""
    m = WORK_CREDIT.match(line)
    if not m or cl.visible(line) not in repeated or not bylines.is_name(m.group("name")):
        return None
    return m.group("name"), m.group("work")
