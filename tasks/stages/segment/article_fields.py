"""An article's fields once it is cut: a headless document's derived title, a short item's
signature, what the table of contents adds (page, section, author, the title's spacing), the
section label above it; and the removal of an article saved twice."""

from __future__ import annotations

from typing import Any

from zhclean.tasks.core.model import Article, Block, Edit, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.segment import starts as more_starts
from zhclean.tasks.stages.segment import tocmatch
from zhclean.tasks.stages.segment.article_rules import (
    CLAUSE_END,
    DEFAULT_OPTIONS,
    DERIVED_TITLE_MAX,
    DERIVED_TITLE_MIN_CUT,
    FIRST_SENTENCE_END,
    RULE_DUPLICATE,
    RULE_SIGNATURE,
    RULE_TOC_SPACING,
    RULE_TOC_SUBJECT,
    SHORT_ITEM_BLOCKS,
)
from zhclean.tasks.text import classify as cl


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
    twice) is removed, its text reported: its title, subtitle, bylines and blocks, the text its
    own lines held."""
    if not options.enabled(RULE_DUPLICATE):
        return articles
    seen: set[str] = set()
    kept: list[Article] = []
    for a in articles:
        text = article_text(a)
        if a.blocks and text in seen:
            own = [a.title, *([a.subtitle] if a.subtitle else []), *a.authors, *(b.text for b in a.blocks)]
            removed.append(Removed("\n".join(own), RULE_DUPLICATE, a.start))
            continue
        seen.add(text)
        kept.append(a)
    for n, a in enumerate(kept, 1):
        a.id = f"{a.id.rsplit('-', 1)[0]}-{n:03d}"
    return kept
