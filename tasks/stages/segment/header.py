"""The opening run of an article: series title(s), title, subtitle, deck and byline (STYLE.md section 5).

An article starts at a heading (articles.py decides where); the heading-like blocks right under it
say what the article is: a deeper heading is the title under a series title, a `——记…` line the
subtitle, a byline or a bare name the authors, a date line (in a file of several articles) its
date and source, a line right under the title and over the text its deck. The run ends at the
first block that is none of these; a line that a disabled rule would take out of the text ends
it too, so that the line stays in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Block, Edit, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.segment import credits, tocmatch
from zhclean.tasks.stages.segment import starts as more_starts
from zhclean.tasks.text import classify as cl

#: The rules of the opening run.
RULES = RuleList()
DEFAULT_OPTIONS = Options()

_DATA = load(__file__, "articles")

#: A bracketed column label such as `【评论】`: kept as a heading inside the article.
COLUMN_LABEL = re.compile(_DATA["column_label"])


#: An unmarked line under a title this short may name the author or organisation.
ORG_LINE_MAX_CHARS: int = _DATA["authors"]["org_line_max_chars"]


# A disabled rule of the opening run ends the run at its line: the line stays in the body.
RULE_BYLINE = RULES.declare(
    "byline.author",
    "segment",
    "a byline under a title (`本报记者 某某`) moved to the article's authors",
).name


RULE_REPEATED_TITLE = RULES.declare(
    "title.repeated",
    "segment",
    "a headline printed twice under itself (a web page repeats it) removed",
).name


RULE_TOC_TITLE_BREAK = RULES.declare(
    "title.toc_line_break",
    "segment",
    "a title broken over two heading lines joined, when together they are the title of its TOC entry",
).name


RULE_TOC_AUTHOR = RULES.declare(
    "byline.toc_author",
    "segment",
    "a line under a title that is the author its TOC entry names moved to the article's authors",
).name


RULE_NAME_LINE = RULES.declare(
    "byline.name_line",
    "segment",
    "a bare name or a short organisation line right under a title moved to the article's authors",
).name


RULE_DECK = RULES.declare(
    "title.deck",
    "segment",
    "an unmarked heading right under the title and right over the text is the headline's deck: the subtitle",
).name


RULE_TITLE_SPLIT = RULES.declare(
    "title.subtitle_split",
    "segment",
    "a `主题——副题` headline split into title and subtitle",
).name


RULE_DATED_HEADER = RULES.declare(
    "segment.dated_header",
    "segment",
    "a heading whose next line is a date (and source) opens an article of its own; the date and "
    "source are that article's, out of the body (a file holding several articles one after another)",
).name


#: A date (and source) line of an article's own header; a date and a source in a removed dateline.
DATE_LINE = re.compile(_DATA["header"]["date_line"])


#: A dated note under a title.
DATED_NOTE = re.compile(_DATA["header"]["dated_note"])


#: A book's chapter heading.
CHAPTER = re.compile(_DATA["header"]["chapter"])


#: An article of a law (`第十二条`): a law's chapters are sections.
LAW_ARTICLE = re.compile(_DATA["header"]["law_article"])


#: Quotes and clause punctuation: a line with them under a title is not an author's name.
NOT_ORG = re.compile(_DATA["authors"]["not_org"])


#: Clause punctuation: a line under a title holding it is the text's first paragraph, not a deck.
NOT_DECK = re.compile(_DATA["deck"]["not_deck"])


@dataclass(slots=True)
class Header:
    """What the opening run of an article says about it."""

    title: str = ""
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    series: str | None = None
    series_subtitle: str | None = None
    series_level: int | None = None
    level: int | None = None
    size: int = 0
    date: str | None = None
    source: str | None = None
    #: the short unmarked line under the title read as the writing unit (`byline.name_line`)
    org_line: str | None = None
    #: a line under the title that stands under other titles too and is no name (`国风·周南`)
    section: str | None = None


def is_byline(block: Block) -> bool:
    return cl.byline_names(block.text) is not None


def is_subtitle(block: Block) -> bool:
    return (
        block.type != "caption" and cl.heading_like(block.text) and cl.subtitle_text(block.text) is not None
    )


def iso_date(m: re.Match[str]) -> str | None:
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def date_line(block: Block) -> tuple[str, str | None] | None:
    """A header line `2008-07-17 某某部`: its ISO date and source, or None."""
    m = DATE_LINE.match(block.text)
    date = iso_date(m) if m and block.type != "caption" else None
    if m is None or date is None:
        return None
    return date, (m.group(4).strip() or None)


def deeper_level(level: int | None, than: int | None) -> bool:
    return level is not None and than is not None and level > than


def deeper(b: Block, level: int | None) -> bool:
    return deeper_level(b.level, level)


def organisation_line(blocks: list[Block], j: int) -> bool:
    """An unmarked short line right under a title, followed by body text: who wrote it."""
    nxt = blocks[j + 1] if j + 1 < len(blocks) else None
    short = cl.visible_len(blocks[j].text) <= ORG_LINE_MAX_CHARS and not NOT_ORG.search(blocks[j].text)
    # `第一章 总则`, `第1条`, `一、活动安排` are sections, not writers
    text = blocks[j].text
    short = short and not (CHAPTER.match(text) or LAW_ARTICLE.match(text) or cl.is_enumerated(text))
    return blocks[j].level is None and short and (nxt is None or nxt.type == "paragraph")


def common_section(text: str) -> bool:
    """A line repeated under titles that may be their common section: no name (an author repeated
    under poems), no chapter, article or numbered heading (a law's `第一章 总则` under each title)."""
    structure = CHAPTER.match(text) or LAW_ARTICLE.match(text) or cl.is_enumerated(text)
    return not cl.is_name_line(text) and not structure


def deck_line(blocks: list[Block], j: int) -> bool:
    """An unmarked line right under the title and right over the text: the headline's deck
    (`总统出席某某典礼` under `总统感谢……`), not a section heading. A numbered heading, a chapter
    or a law's article is a section, a line opening with a date a note. A deck too long for a heading's shape still ends no sentence
    and holds no clause punctuation, which a lead paragraph does."""
    b = blocks[j]
    nxt = blocks[j + 1] if j + 1 < len(blocks) else None
    if (
        b.level is not None
        or b.type not in ("heading", "paragraph")
        or nxt is None
        or nxt.type != "paragraph"
    ):
        return False
    text = b.text
    if b.type == "paragraph" and (cl.ends_sentence(text) or cl.ends_open(text) or NOT_DECK.search(text)):
        return False  # a line of text, not a headline too long for a heading
    sections = (CHAPTER, LAW_ARTICLE, COLUMN_LABEL, DATED_NOTE, cl.DATE_START)  # or a dated note
    return not cl.is_enumerated(text) and not any(p.match(text) for p in sections)


def deck(blocks: list[Block], j: int, title: tuple[str, str | None, int | None], options: Options) -> bool:
    """Block `j`, right under a title with no subtitle yet and no Markdown level, is its deck."""
    return title[1] is None and title[2] is None and deck_line(blocks, j) and options.enabled(RULE_DECK)


def toc_continuation(title: str, line: str, toc_title: str | None) -> bool:
    """`line` is the second half of a title broken over two lines: together they are the TOC's title."""
    if not toc_title:
        return False
    whole, alone = tocmatch.letters(title + line), tocmatch.letters(title)
    target = tocmatch.letters(toc_title)
    return whole != alone and (whole == target or (target.startswith(whole) and alone != target))


def read_header(
    blocks: list[Block],
    i: int,
    entry: dict[str, Any] | None,
    edits: list[Edit],
    removed: list[Removed],
    options: Options = DEFAULT_OPTIONS,
    single: bool = False,
    limit: int | None = None,
    credit_lines: frozenset[str] | set[str] = frozenset(),
) -> Header:
    """Read the run of heading-like blocks that opens an article at block `i`.

    `credit_lines`: lines that stand, the same, under several titles (an anthology's credit).

    A line that a disabled rule would take out of the text ends the run there. `single`: the
    document's outline says the first heading is the title; a marked heading under it is a section."""
    toc_author, toc_title = (entry or {}).get("author"), (entry or {}).get("title")
    h = Header()
    titles: list[tuple[str, str | None, int | None]] = []
    j = i
    while j < (len(blocks) if limit is None else limit):
        b = blocks[j]
        names = cl.byline_names(b.text)
        if names is not None:
            if not options.enabled(RULE_BYLINE):
                break
            h.authors += names
            edits.append(Edit("segment", RULE_BYLINE, b.text, "", b.start))
        elif b.type == "paragraph" and j == i + 1 and titles and deck(blocks, j, titles[-1], options):
            titles[-1] = (titles[-1][0], b.text.strip(), titles[-1][2])  # a deck too long for a heading
            edits.append(Edit("segment", RULE_DECK, b.text, b.text, b.start))
        elif (
            (b.type != "heading" and (j > i or titles))
            or COLUMN_LABEL.match(b.text)
            or (single and titles and b.level is not None)  # a section under the document's title
        ):
            break
        elif not titles:
            titles.append((b.text.strip(), None, b.level))
        elif j == i + 1 and (work := credits.work_credit(b.text, credit_lines)):
            if not options.enabled(credits.RULE_WORK_CREDIT):
                break
            h.authors.append(work[0])
            h.source = h.source or work[1]
            edits.append(Edit("segment", credits.RULE_WORK_CREDIT, b.text, "", b.start))
        elif j == i + 1 and cl.visible(b.text) in credit_lines and common_section(b.text):
            h.section = b.text.strip()  # the same line under other titles: their common section
            edits.append(Edit("segment", more_starts.RULE_REPEATED_CREDIT, b.text, "", b.start))
        elif j == i + 1 and options.enabled(RULE_DATED_HEADER) and date_line(b) and h.date is None:
            h.date, h.source = date_line(b) or (None, None)
            edits.append(Edit("segment", RULE_DATED_HEADER, b.text, "", b.start))
        elif cl.visible(b.text) == cl.visible(titles[-1][0]):
            if not options.enabled(RULE_REPEATED_TITLE):
                break
            removed.append(Removed(b.text, RULE_REPEATED_TITLE, b.start))  # a web page repeats its headline
        elif b.type == "heading" and toc_continuation(titles[-1][0], b.text, toc_title):
            if not options.enabled(RULE_TOC_TITLE_BREAK):
                break
            # the TOC's printing says whether the break fell on the space between two clauses
            gap = " " if len(tocmatch.letters(titles[-1][0])) in tocmatch.space_slots(toc_title or "") else ""
            text = titles[-1][0] + gap + b.text.strip()
            edits.append(Edit("segment", RULE_TOC_TITLE_BREAK, f"{titles[-1][0]}\n{b.text}", text, b.start))
            titles[-1] = (text, titles[-1][1], titles[-1][2])
        elif is_subtitle(b):
            titles[-1] = (titles[-1][0], cl.subtitle_text(b.text), titles[-1][2])
        elif toc_author and tocmatch.similar(b.text, toc_author):
            if not options.enabled(RULE_TOC_AUTHOR):
                break
            h.authors.append(b.text.strip())
            edits.append(Edit("segment", RULE_TOC_AUTHOR, b.text, "", b.start))
        elif b.level is None and cl.is_name_line(b.text):
            if not options.enabled(RULE_NAME_LINE):
                break
            h.authors.append(b.text.strip())
            edits.append(Edit("segment", RULE_NAME_LINE, b.text, "", b.start))
        elif deeper(b, titles[-1][2]):
            titles.append((b.text.strip(), None, b.level))
        elif j == i + 1 and titles[-1][2] is None and organisation_line(blocks, j):
            if not options.enabled(RULE_NAME_LINE):
                break
            h.authors.append(b.text.strip())
            h.org_line = b.text.strip()
            edits.append(Edit("segment", RULE_NAME_LINE, b.text, "", b.start))
        elif j == i + 1 and deck(blocks, j, titles[-1], options):
            titles[-1] = (titles[-1][0], b.text.strip(), titles[-1][2])
            edits.append(Edit("segment", RULE_DECK, b.text, b.text, b.start))
        else:
            break
        j += 1
    h.size = j - i
    if titles:
        h.title, h.subtitle, h.level = titles[-1]
        if len(titles) > 1:
            h.series, h.series_subtitle, h.series_level = titles[0]
            middle = [t for t, _, _ in titles[1:-1]]  # `# 系列题` `## 系列副题` `### 篇名`
            if middle:
                h.series_subtitle = " ".join(filter(None, [h.series_subtitle, *middle]))
        if h.subtitle is None and options.enabled(RULE_TITLE_SPLIT):
            title, sub = cl.split_title(h.title)
            if sub:
                edits.append(Edit("segment", RULE_TITLE_SPLIT, h.title, f"{title}\n{sub}", blocks[i].start))
                h.title, h.subtitle = title, sub
    return h


def broken_title(
    blocks: list[Block],
    s: int,
    t: int,
    upper: Header,
    edits: list[Edit],
    removed: list[Removed],
    options: Options,
    limit: int | None,
) -> Header:
    """The header of a headline broken over lines: the heading lines from `s` on, then the header
    that starts at `t` (title, subtitle, byline), read as one."""
    h = read_header(blocks, t, None, edits, removed, options, False, limit)
    head = " ".join(blocks[x].text.strip() for x in range(s, t))
    edits.append(
        Edit(
            "segment",
            more_starts.RULE_BROKEN_TITLE,
            f"{head}\n{h.title}",
            f"{head} {h.title}",
            blocks[s].start,
        )
    )
    h.title = f"{head} {h.title}"
    h.size += t - s
    h.level = upper.level
    return h


def kept_bylines(body: list[Block], options: Options) -> list[Block]:
    """With `byline.author` off, a byline is an ordinary line of text: a paragraph, not a heading."""
    if options.enabled(RULE_BYLINE):
        return body
    return [replace(b, type="paragraph") if b.type == "heading" and is_byline(b) else b for b in body]
