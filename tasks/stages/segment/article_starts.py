"""Where an article starts in a document without a table of contents: at the first heading, a
heading of the top Markdown level, a heading followed by a byline, subtitle, author name or news
lead, after a section label; and the evidence of dated headers, laws' titles and book chapters.

Kept apart from the cut itself (articles.py) so each reason for a start is a small named test."""

from __future__ import annotations

from typing import Any

from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.segment.article_rules import (
    CLOSING_CREDIT,
    DATE_IN_LINE,
    DEFAULT_OPTIONS,
    FIRST_LAW_ARTICLE,
    LOOKAHEAD,
    NEWS_LEAD,
    RULE_CHAPTER,
    RULE_LAW_TITLE,
    RULE_MARKDOWN_OUTLINE,
    SOURCE_IN_LINE,
)
from zhclean.tasks.stages.segment.header import (
    CHAPTER,
    COLUMN_LABEL,
    LAW_ARTICLE,
    RULE_DATED_HEADER,
    date_line,
    is_byline,
    is_subtitle,
    iso_date,
    organisation_line,
)
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl


def signed_item(blocks: list[Block], i: int) -> bool:
    """Heading `i` over one paragraph signed `……。（某某）` and then another heading or the end:
    the shape of a short news item, which is an article of its own."""
    j = i + 1
    if j >= len(blocks) or blocks[j].type != "paragraph" or not cl.trailing_signature(blocks[j].text):
        return False
    return j + 1 == len(blocks) or blocks[j + 1].type == "heading"


def after_text(blocks: list[Block], i: int) -> bool:
    """Heading `i` is unmarked and stands after a finished paragraph, as a new piece's title does
    (not a closing credit, not a caption among captions)."""
    before = blocks[i - 1] if i > 0 else None
    finished = before is not None and before.type == "paragraph" and cl.ends_sentence(before.text)
    heading = blocks[i].type == "heading" and blocks[i].level is None
    return heading and finished and not CLOSING_CREDIT.match(blocks[i].text)


def marks_start(blocks: list[Block], i: int, strong: bool = False) -> bool:
    """A byline, subtitle, author name or news lead follows heading `i` closely. `strong`: only a
    byline, subtitle or news lead (a bare short line may be a section heading as well as a name)."""
    if not strong and signed_item(blocks, i):
        return True
    for j in range(i + 1, min(i + 1 + LOOKAHEAD, len(blocks))):
        b = blocks[j]
        if is_byline(b) or is_subtitle(b) or NEWS_LEAD.match(b.text):
            return True
        if not strong and b.type == "heading" and cl.is_name_line(b.text) and j == i + 1:
            return True
        if b.type != "heading":
            return False
    return False


def section_lines(metadata: dict[str, Any]) -> list[tuple[int, str]]:
    return sorted((s["line"], s["text"]) for s in metadata.get("section_labels", []) if "line" in s)


def heading_starts(blocks: list[Block], metadata: dict[str, Any]) -> list[int]:
    """Article starts in a document without TOC."""
    levels = [b.level for b in blocks if b.type == "heading" and b.level is not None]
    top = min(levels) if levels else None
    labels = [line for line, _ in section_lines(metadata)]
    starts: list[int] = []
    # title, writing unit, text after finished text: a piece of a page of them when it repeats
    # (one short line under one heading may as well be a caption)
    units = [i for i in range(len(blocks) - 1) if after_text(blocks, i) and organisation_line(blocks, i + 1)]
    for i, b in enumerate(blocks):
        if b.type != "heading" or is_byline(b) or is_subtitle(b) or COLUMN_LABEL.match(b.text):
            continue
        after_label = i > 0 and any(blocks[i - 1].end < line < b.start for line in labels)
        first = not any(x.type != "caption" for x in blocks[:i])
        unit = i in units and len(units) > 1
        if first or (top is not None and b.level == top) or after_label or unit or marks_start(blocks, i):
            starts.append(i)
    return starts


def outline_title(blocks: list[Block], metadata: dict[str, Any], options: Options = DEFAULT_OPTIONS) -> bool:
    """A Markdown document (join's evidence) whose first block is a marked heading and no later
    heading is at its level or above: that heading titles the document, the rest are its sections."""
    if metadata.get("format") != "markdown" or not options.enabled(RULE_MARKDOWN_OUTLINE) or not blocks:
        return False
    first = blocks[0]
    if first.type != "heading" or first.level is None:
        return False
    return not any(b.type == "heading" and b.level is not None and b.level <= first.level for b in blocks[1:])


def dated_header(
    blocks: list[Block], i: int, datelines: dict[int, str], options: Options = DEFAULT_OPTIONS
) -> tuple[str, str | None] | None:
    """Heading `i` is followed by a date line: in the text (the next block) or taken out as a
    dateline by furniture (a removed line between it and the next block). Its date and source."""
    if not options.enabled(RULE_DATED_HEADER) or blocks[i].type != "heading":
        return None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and date_line(nxt) and (i + 2 >= len(blocks) or blocks[i + 2].type != "heading"):
        return date_line(nxt)
    stop = nxt.start if nxt is not None else blocks[i].end + 3
    for line in range(blocks[i].end + 1, stop):
        m = DATE_IN_LINE.search(datelines.get(line, ""))
        date = iso_date(m) if m else None
        if date:
            source = SOURCE_IN_LINE.search(datelines[line])
            return date, (source.group(1) if source else None)
    return None


def law_title_starts(blocks: list[Block], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """Headings right above a law's first article (`第一条`), a chapter heading (`第一章 总则`) not
    being one: each is a law's title, which opens an article."""
    if not options.enabled(RULE_LAW_TITLE):
        return []
    return [
        k
        for k in range(len(blocks) - 1)
        if blocks[k].type == "heading"
        and not CHAPTER.match(blocks[k].text)
        and FIRST_LAW_ARTICLE.match(blocks[k + 1].text)
    ]


def chapter_starts(blocks: list[Block], options: Options = DEFAULT_OPTIONS) -> list[int]:
    """A book's chapter headings (`第3章 …`, `第十二回 …`), each of which starts an article; none in a
    law, whose chapters hold its articles (`第X条`) and are sections of one text. A chapter right
    under the book's title-and-author line (`《书名》作者`) opens no article: the title line's does."""
    if not options.enabled(RULE_CHAPTER) or any(LAW_ARTICLE.match(b.text) for b in blocks):
        return []
    return [
        k
        for k, b in enumerate(blocks)
        if b.type == "heading"
        and CHAPTER.match(b.text)
        and not (k > 0 and bylines.book_title_line(blocks[k - 1].text))  # the book's first chapter
    ]
