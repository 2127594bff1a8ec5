"""The rules the article cutter declares, in one ordered list, and the figures they read from
`data/articles.toml`.

The order of the declarations is the order the stage lists its rules in, so it stays in one
place while the code that applies them lives in the modules beside it."""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text import bylines

#: This stage's rules: decisions its code makes, declared so they can be listed and disabled.
RULES = RuleList()
DEFAULT_OPTIONS = Options()

_DATA = load(__file__, "articles")
#: The opening of a short news item: `本报讯`, `本报某地电`, `新华社某地电` (defined in text/bylines).
NEWS_LEAD = bylines.NEWS_LEAD
#: How far past a heading to look for the byline or subtitle that marks an article start.
LOOKAHEAD: int = _DATA["lookahead"]
#: A short item (few blocks) may end with its author's signature.
SHORT_ITEM_BLOCKS: int = _DATA["short_item_blocks"]
#: A title derived from a headless document's first sentence is cut to this length.
DERIVED_TITLE_MAX: int = _DATA["derived_title"]["max_chars"]
#: A longer first sentence is cut at its last clause boundary before the limit, if one falls
#: at least this far in (a title made of whole clauses, not half a word).
DERIVED_TITLE_MIN_CUT: int = _DATA["derived_title"]["min_cut"]
CLAUSE_END = re.compile(_DATA["derived_title"]["clause_end"])
#: Where a headless document's first sentence ends.
FIRST_SENTENCE_END = re.compile(_DATA["derived_title"]["sentence_end"])

RULE_TOC_SPACING = RULES.declare(
    "title.toc_spacing",
    "segment",
    "an OCR gap inside a title that its TOC printing lacks removed",
).name
RULE_TOC_SUBJECT = RULES.declare(
    "byline.toc_subject",
    "segment",
    "a TOC's `/ 某某` that names the person a `——记某某` profile portrays is its subject, not its author: "
    "left out of the article's authors, and kept in the TOC entry as `subject`",
).name
RULE_SIGNATURE = RULES.declare(
    "byline.signature",
    "segment",
    "the trailing signature of a short item (`……。某某`, `……。（某某）`) moved to its authors",
).name

RULE_MARKDOWN_OUTLINE = RULES.declare(
    "title.markdown_outline",
    "segment",
    "in a Markdown document whose first heading is its only top-level one (a `#` title or the front "
    "matter's title), that heading is the title and every other heading a section of one article",
).name

RULE_CHAPTER = RULES.declare(
    "segment.chapter",
    "segment",
    "a book's chapter heading (`第1章 …`, `第一回 …`) opens an article; a law's chapters (over `第X条`) do not",
).name
RULE_LAW_TITLE = RULES.declare(
    "segment.law_title",
    "segment",
    "a heading right above a law's first article (`第一条 …`) is that law's title and opens an article "
    "(a file or page holding several laws or regulations)",
).name
RULE_CLOSING_CREDIT = RULES.declare(
    "segment.closing_credit",
    "segment",
    "the bracketed credit closing a brief (`（据新华社）`) is its source, out of the body; a heading right "
    "after it opens the next article",
).name
RULE_TITLE_IMAGE = RULES.declare(
    "title.markdown_image",
    "segment",
    "a Markdown image in a heading (`# ![logo](logo.svg) 名称`) is no words of the title: left out of it",
).name
RULE_DATED_NOTE = RULES.declare(
    "segment.dated_note",
    "segment",
    "the dated notes right under a title (`2021年6月10日 某某会议通过`, a law's adoption and amendments) "
    "moved out of the body into the document's metadata (`notes`)",
).name
RULE_DUPLICATE = RULES.declare(
    "segment.duplicate_article",
    "segment",
    "an article saved twice (the same title and text as an earlier one of the file) removed and reported",
).name

DATE_IN_LINE = re.compile(_DATA["header"]["date_in_line"])
SOURCE_IN_LINE = re.compile(_DATA["header"]["source_in_line"])
#: The first article of a law (`第一条`).
FIRST_LAW_ARTICLE = re.compile(_DATA["header"]["first_law_article"])
#: The bracketed credit closing a brief.
CLOSING_CREDIT = re.compile(_DATA["header"]["closing_credit"])
#: A Markdown image in a heading.
TITLE_IMAGE = re.compile(_DATA["header"]["title_image"])
