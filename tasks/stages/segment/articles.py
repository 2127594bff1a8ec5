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

This module holds the cut itself; the tests for a start stand in article_starts.py, the fields
filled after the cut in article_fields.py, and the rules, in order, in article_rules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhclean.tasks.core.model import Article, Block, Edit, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.segment import captions, credits, leads, retype, tocmatch
from zhclean.tasks.stages.segment import starts as more_starts
from zhclean.tasks.stages.segment.article_fields import (
    apply_toc,
    derived_title,
    drop_duplicates,
    section_for,
    section_of,
    sign_short_item,
    toc_spacing,
    toc_subject,
)
from zhclean.tasks.stages.segment.article_rules import (
    CLOSING_CREDIT,
    RULE_CHAPTER,
    RULE_CLOSING_CREDIT,
    RULE_DATED_NOTE,
    RULE_LAW_TITLE,
    RULE_MARKDOWN_OUTLINE,
    RULE_TITLE_IMAGE,
    TITLE_IMAGE,
)
from zhclean.tasks.stages.segment.article_starts import (
    chapter_starts,
    dated_header,
    heading_starts,
    law_title_starts,
    marks_start,
    outline_title,
    section_lines,
)
from zhclean.tasks.stages.segment.header import (
    DATED_NOTE,
    RULE_DATED_HEADER,
    Header,
    broken_title,
    deeper_level,
    is_byline,
    is_subtitle,
    kept_bylines,
    read_header,
)
from zhclean.tasks.text import classify as cl


@dataclass(slots=True)
class Segmented:
    articles: list[Article]
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


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
