"""Blocks to articles with title, subtitle, authors, section, series, page, date, source.

Where an article starts: at a heading that matches a table-of-contents entry
when the document has a TOC (`metadata["toc"]`, from furniture); otherwise at
the first heading, at a heading of the top Markdown level, at a heading
followed by a byline, a `——记` subtitle, an author name or a news lead
(`本报讯`), and after a section label. Other evidence (starts.py) adds starts: a
date line over or under a heading (several saved pages in one file), a book's chapter,
a law's title, a brief's closing credit or signature, the top of a page; and takes
away starts that would leave an article empty. Any other heading is a subheading
inside the article. The run of headings that opens an article is read by header.py
(series title(s), title, subtitle, deck and byline, STYLE.md section 5); credits in
the text (leads.py, credits.py) fill the authors, source and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Article, Block, Edit, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.segment import captions, credits, leads, retype, tocmatch
from zhclean.tasks.stages.segment import starts as more_starts
from zhclean.tasks.stages.segment.header import (
    CHAPTER,
    COLUMN_LABEL,
    DATED_NOTE,
    LAW_ARTICLE,
    RULE_DATED_HEADER,
    Header,
    broken_title,
    date_line,
    deeper_level,
    is_byline,
    is_subtitle,
    iso_date,
    kept_bylines,
    organisation_line,
    read_header,
)
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl

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


@dataclass(slots=True)
class Segmented:
    articles: list[Article]
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


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
    law, whose chapters hold its articles (`第X条`) and are sections of one text."""
    if not options.enabled(RULE_CHAPTER) or any(LAW_ARTICLE.match(b.text) for b in blocks):
        return []
    return [k for k, b in enumerate(blocks) if b.type == "heading" and CHAPTER.match(b.text)]


def derived_title(blocks: list[Block]) -> str:
    """A headless document is titled by its first sentence (the text stays in the body)."""
    text = next((b.text for b in blocks if b.type != "caption"), blocks[0].text if blocks else "")
    first = FIRST_SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    if len(first) <= DERIVED_TITLE_MAX:
        return first
    cut = max((m.start() for m in CLAUSE_END.finditer(first, 0, DERIVED_TITLE_MAX)), default=0)
    return first[:cut] if cut >= DERIVED_TITLE_MIN_CUT else first[:DERIVED_TITLE_MAX]


def sign_short_item(article: Article, edits: list[Edit], options: Options = DEFAULT_OPTIONS) -> None:
    """A short item ending `……。某某` or `……。（某某）` is signed by its author."""
    if (
        not options.enabled(RULE_SIGNATURE)
        or article.authors
        or not article.blocks
        or len(article.blocks) > SHORT_ITEM_BLOCKS
    ):
        return
    last = article.blocks[-1]
    found = cl.trailing_signature(last.text) if last.type == "paragraph" else None
    if found:
        body, name = found
        edits.append(Edit("segment", RULE_SIGNATURE, last.text[len(body) :], "", last.end, len(body)))
        article.blocks[-1] = Block(last.type, body, last.start, last.end, last.level)
        article.authors.append(name)


def toc_spacing(
    article: Article, entry: dict[str, Any] | None, edits: list[Edit], options: Options = DEFAULT_OPTIONS
) -> None:
    """An OCR gap inside a word of the title, told by the TOC printing of the same title."""
    if not options.enabled(RULE_TOC_SPACING):
        return
    fixed = tocmatch.shared_spacing(article.title, (entry or {}).get("title") or "")
    if fixed:
        edits.append(Edit("segment", RULE_TOC_SPACING, article.title, fixed, article.start, 0))
        article.title = fixed


def toc_subject(article: Article, entry: dict[str, Any] | None, options: Options = DEFAULT_OPTIONS) -> bool:
    """The TOC's `/ 某某` names the person the article's `记某某` subtitle portrays: the profile's
    subject, written about in the third person, not its writer."""
    author = (entry or {}).get("author")
    named = cl.subtitle_names(article.subtitle or "")
    return bool(author and named and tocmatch.similar(named, author)) and options.enabled(RULE_TOC_SUBJECT)


def apply_toc(article: Article, entry: dict[str, Any] | None, options: Options = DEFAULT_OPTIONS) -> None:
    if not entry:
        return
    article.page = entry.get("page")
    article.section = entry.get("section") or article.section
    author = entry.get("author")
    if not article.authors and author and not toc_subject(article, entry, options):
        article.authors = [author]
    toc_title = tocmatch.letters(entry.get("title") or "")
    heading = {tocmatch.letters(article.title), tocmatch.letters(f"{article.title}{article.subtitle or ''}")}
    if toc_title and toc_title not in heading:
        article.title_variants.append(entry["title"])


def section_of(line: str | None) -> str | None:
    return line if line and more_starts.section_line(line) else None


def section_for(start: int, labels: list[tuple[int, str]]) -> str | None:
    found = None
    for line, text in labels:
        if line < start:
            found = text
    return found


def article_text(a: Article) -> str:
    return "\n".join(cl.visible(x) for x in [a.title, *(b.text for b in a.blocks)])


def drop_duplicates(
    articles: list[Article], removed: list[Removed], options: Options = DEFAULT_OPTIONS
) -> list[Article]:
    """An article with the same title and text as an earlier one of the file (a scraper saved it
    twice) is removed, its text reported."""
    if not options.enabled(RULE_DUPLICATE):
        return articles
    seen: set[str] = set()
    kept: list[Article] = []
    for a in articles:
        text = article_text(a)
        if a.blocks and text in seen:
            removed.append(
                Removed("\n".join([a.title, *(b.text for b in a.blocks)]), RULE_DUPLICATE, a.start)
            )
            continue
        seen.add(text)
        kept.append(a)
    for n, a in enumerate(kept, 1):
        a.id = f"{a.id.rsplit('-', 1)[0]}-{n:03d}"
    return kept


def segment_articles(
    blocks: list[Block],
    metadata: dict[str, Any],
    source: str,
    options: Options,
    removed_lines: dict[int, str] | None = None,
) -> Segmented:
    """Cut typed blocks into articles and fill each article's metadata."""
    stem = source.rsplit(".", 1)[0]
    edits: list[Edit] = []
    blocks = retype.sentence_headings(captions.between_captions(blocks), edits, options)
    blocks = retype.textless_headings(blocks, edits, options)
    toc = metadata.get("toc") or []
    matched = tocmatch.match_toc(blocks, toc) if toc else {}
    starts = sorted(matched) if matched else heading_starts(blocks, metadata)
    datelines = removed_lines or {}
    dated = {k: d for k in range(len(blocks)) if (d := dated_header(blocks, k, datelines, options))}
    above = more_starts.date_above_starts(blocks, metadata, options)
    dated.update({k: (d, None) for k, d in above.items() if k not in dated})
    chapters = chapter_starts(blocks, options)
    laws = law_title_starts(blocks, options)
    page_tops = [] if matched else more_starts.page_top_starts(blocks, metadata, options)
    chrome = (
        [] if matched else more_starts.after_chrome_starts(blocks, removed_lines or {}, metadata, options)
    )
    credited = [
        k + 1
        for k, b in enumerate(blocks[:-1])
        if options.enabled(RULE_CLOSING_CREDIT)
        and CLOSING_CREDIT.match(b.text)
        and blocks[k + 1].type == "heading"
    ]
    signed = more_starts.signed_end_starts(blocks, options)
    signed_text = [] if matched else more_starts.signed_paragraph_starts(blocks, options)
    siblings = [] if matched else more_starts.sibling_title_starts(blocks, options)
    under = {} if matched else more_starts.repeated_removed_line(blocks, datelines, options)
    repeated = [] if matched else sorted({*more_starts.repeated_credit_starts(blocks, options), *under})
    credit_lines = {cl.visible(blocks[k + 1].text) for k in repeated}
    removed: list[Removed] = []
    evidence = {
        *dated,
        *chapters,
        *laws,
        *credited,
        *page_tops,
        *signed,
        *siblings,
        *repeated,
        *chrome,
        *signed_text,
    }
    #: The rule a start is recorded under: the first whose evidence holds it (signed paragraphs else).
    reasons = (
        (above, more_starts.RULE_DATE_ABOVE),
        (dated, RULE_DATED_HEADER),
        (chapters, RULE_CHAPTER),
        (laws, RULE_LAW_TITLE),
        (credited, RULE_CLOSING_CREDIT),
        (page_tops, more_starts.RULE_PAGE_TOP),
        (signed, more_starts.RULE_SIGNED_END),
        (siblings, more_starts.RULE_SIBLING_TITLE),
        (repeated, more_starts.RULE_REPEATED_CREDIT),
        (chrome, more_starts.RULE_AFTER_CHROME),
    )
    for k in sorted(evidence):
        if k not in starts and k > 0:
            rule = next((r for found, r in reasons if k in found), more_starts.RULE_SIGNED_PARAGRAPHS)
            if rule != RULE_DATED_HEADER:  # a dated header's date line is recorded when it is read
                edits.append(Edit("segment", rule, blocks[k].text, blocks[k].text, blocks[k].start))
            starts = sorted({*starts, k})
    first_dated = min(dated, default=0)
    if first_dated > 0 and not matched and all(b.type == "heading" for b in blocks[:first_dated]):
        # headings with no text under them above the first dated header: the page's chrome
        removed.extend(Removed(b.text, RULE_DATED_HEADER, b.start) for b in blocks[:first_dated])
        blocks = blocks[first_dated:]
        dated = {k - first_dated: d for k, d in dated.items()}
        starts = [k - first_dated for k in starts if k >= first_dated]
        evidence = {k - first_dated for k in evidence if k >= first_dated}
        repeated = [k - first_dated for k in repeated if k >= first_dated]
        siblings = [k - first_dated for k in siblings if k >= first_dated]
        under = {k - first_dated: t for k, t in under.items() if k >= first_dated}
    if not starts or starts[0] != 0:
        starts = [0, *starts] if blocks else []
    labels = section_lines(metadata)
    single = outline_title(blocks, metadata, options)
    if single:
        held = [blocks[x] for x in starts[1:]]
        if not held and read_header(blocks, 0, matched.get(0), [], [], options).size > 1:
            held = [blocks[1]]  # the section heading under the title would have joined the header
        for b in held:
            edits.append(Edit("segment", RULE_MARKDOWN_OUTLINE, b.text, b.text, b.start))
        starts, matched = [0], {}
    forced = {*matched, *evidence}
    kept, broken = more_starts.close_empty_starts(
        starts,
        lambda x: (
            read_header(blocks, x, matched.get(x), [], [], options).size if blocks[x].type == "heading" else 0
        ),
        forced,
        lambda x: marks_start(blocks, x, strong=True),
        lambda x, y: (
            more_starts.joinable_lines([b.text for b in blocks[x:y]])
            and not any(is_subtitle(b) or is_byline(b) for b in blocks[x:y])
        ),
        options,
    )
    for x in sorted(set(starts) - set(kept) - set(broken.values())):
        edits.append(
            Edit("segment", more_starts.RULE_EMPTY_START, blocks[x].text, blocks[x].text, blocks[x].start)
        )
    starts = kept
    articles: list[Article] = []
    origins: list[str | None] = []
    notes: list[dict[str, Any]] = []
    datelines_meta: list[dict[str, Any]] = []
    subjects: set[int] = set()  # TOC entries whose `/ 某某` is a profile's subject
    lists: dict[int, dict[str, Any]] = {}  # TOC entries whose author lists several names
    series_meta: list[dict[str, Any]] = []
    series: tuple[str, int | None] | None = None
    sticky = False  # an unmarked series head holds for the rest of the document
    part: str | None = None  # a section head with no text (`卷一·周文`), over the articles after it
    parts: list[dict[str, Any]] = []
    i_next = 0
    for k, s in enumerate(starts):
        if s < i_next:
            continue
        entry = matched.get(s)
        head_ok = blocks[s].type == "heading" or s in matched
        # the next dated header, repeated credit or sibling title starts another article's header
        limit = next((x for x in sorted({*dated, *repeated, *siblings}) if x > s), None)
        h = (
            read_header(blocks, s, entry, edits, removed, options, single, limit, credit_lines)
            if head_ok
            else Header()
        )
        if s in broken:
            h = broken_title(blocks, s, broken[s], h, edits, removed, options, limit)
        later = [blocks[x].level for x in starts[k + 1 :] if x >= s + h.size]
        if (
            h.series
            and not h.series_subtitle
            and not h.subtitle
            and not h.authors  # a byline under the deeper heading makes it the article's title
            and more_starts.lone_series(h.level, later, options)
        ):
            edits.append(
                Edit(
                    "segment",
                    more_starts.RULE_LONE_SERIES,
                    f"{h.series}\n{h.title}",
                    h.series,
                    blocks[s].start,
                )
            )
            h.title, h.subtitle, h.level, h.series = h.series, h.title, h.series_level, None
        if h.title and not h.authors:
            h.title = credits.title_line_byline(h.title, h.authors, edits, blocks[s].start, options)
        i_next = next((x for x in starts[k + 1 :] if x >= s + max(h.size, 1)), len(blocks))
        body = kept_bylines(blocks[s + h.size : i_next], options)
        label = credits.signed_under_label(h.title, h.org_line, body, edits, blocks[s].start, options)
        if label:
            h.authors.remove(label[1])
            h.title = label[1]
        if h.title and options.enabled(RULE_DATED_NOTE):
            while len(body) > 1 and body[0].type != "caption" and DATED_NOTE.match(body[0].text):
                edits.append(Edit("segment", RULE_DATED_NOTE, body[0].text, "", body[0].start))
                notes.append({"title": h.title, "text": body[0].text, "line": body[0].start})
                body = body[1:]
        if not body and h.subtitle and i_next < len(blocks) and more_starts.series_head(s, matched, options):
            # a run with no text under it, over articles of its own: their series
            edits.append(Edit("segment", more_starts.RULE_SERIES_HEAD, h.title, h.title, blocks[s].start))
            series, sticky = (h.title, h.level), True
            series_meta.append({"title": h.title, "subtitle": h.subtitle, "line": blocks[s].start})
            continue
        lone = not body and h.title and h.size == 1 and i_next < len(blocks)
        if (
            lone and more_starts.section_head(s, matched, options) and more_starts.joinable_lines([h.title])
        ):  # `卷一·周文` over the part's pieces
            edits.append(Edit("segment", more_starts.RULE_SECTION_HEAD, h.title, h.title, blocks[s].start))
            part = h.title
            parts.append({"title": h.title, "line": blocks[s].start})
            continue
        if h.series:
            series, sticky = (h.series, h.series_level), False
            series_meta.append({"title": h.series, "subtitle": h.series_subtitle, "line": blocks[s].start})
        elif series and not sticky and not (h.title and deeper_level(h.level, series[1])):
            series = None
        span = blocks[s:i_next]
        own_date = h.date or (dated[s][0] if s in dated else None)
        own_source = h.source or (dated[s][1] if s in dated else None)
        if h.title and options.enabled(RULE_TITLE_IMAGE) and TITLE_IMAGE.search(h.title):
            bare = TITLE_IMAGE.sub("", h.title).strip()
            if bare:
                edits.append(Edit("segment", RULE_TITLE_IMAGE, h.title, bare, blocks[s].start))
                h.title = bare
        a = Article(
            id=f"{stem}-{len(articles) + 1:03d}",
            source=source,
            title=h.title or derived_title(body),
            blocks=list(body),
            subtitle=h.subtitle,
            authors=h.authors,
            series=series[0] if series else None,
            date=(metadata.get("date") or own_date) if not articles else (own_date or metadata.get("date")),
            start=span[0].start if span else 0,
            end=max(b.end for b in span) if span else 0,
        )
        last = a.blocks[-1] if a.blocks else None
        credit = CLOSING_CREDIT.match(last.text) if last and options.enabled(RULE_CLOSING_CREDIT) else None
        if last is not None and credit and len(a.blocks) > 1:
            edits.append(Edit("segment", RULE_CLOSING_CREDIT, last.text, "", last.start))
            a.blocks = a.blocks[:-1]
            own_source = own_source or credit.group(1)
        a.section = (
            section_for(a.start, labels)
            or (label[0] if label else None)
            or section_of(under.get(s))
            or h.section
            or part
        )
        apply_toc(a, entry, options)
        if toc_subject(a, entry, options):
            subjects.add(id(entry))
        listed = credits.split_authors(a, entry, edits, options)
        if listed and entry is not None:
            lists[id(entry)] = listed
        toc_spacing(a, entry, edits, options)
        a.blocks = captions.retype_in_article(a.blocks)
        credits.take_author_line(a, edits, options)
        credits.take_trailing_credits(a, edits, options)
        credits.take_signature_line(a, edits, options)
        sign_short_item(a, edits, options)
        year = next((d[:4] for d in (a.date, metadata.get("date")) if d and d[:4].isdigit()), None)
        lead = leads.read_lead(a, edits, datelines_meta, year, options)
        if lead.date and not own_date:
            a.date = lead.date  # the day its lead names beats the document's
        own_source = own_source or lead.source
        articles.append(a)
        # the first article's date and source are the document's (its dateline, read by furniture)
        origins.append(own_source if articles[1:] or not metadata.get("source") else None)
    captions.attach(articles)
    credits.page_authors(articles, metadata, edits)
    extra: dict[str, Any] = {"series": series_meta} if series_meta else {}
    if notes:
        extra["notes"] = notes
    if datelines_meta:
        extra["datelines"] = datelines_meta
    if parts:
        extra["parts"] = parts
    if subjects or lists:
        extra["toc"] = [
            {**e, "author": None, "subject": e["author"]} if id(e) in subjects else lists.get(id(e), e)
            for e in toc
        ]
    for k, a in enumerate(articles):
        a.origin = origins[k] or metadata.get("source")
    articles = drop_duplicates(articles, removed, options)
    return Segmented(articles, extra, edits, removed)
