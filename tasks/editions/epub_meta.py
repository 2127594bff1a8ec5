"""What an EPUB says about itself: only what the document states, nothing invented.

A document's book carries the document's title, its authors (the book's creators when the
document names them or every article has the same ones; otherwise each chapter names its
own, and the book lists them as contributors), its publisher (a masthead's 出版 or 主办, a
web page's site, or the one origin all its articles share) and the date it states,
language `zh-Hans`, and an identifier derived from its raw bytes. A corpus volume is the
corpus's, not a work of this tool: a corpus title and no author and no date, since neither
"zhclean" nor the build's time would be true.

The book's modification time (dcterms:modified and every zip entry's time) is the latest
date its documents state, else a fixed one: never the clock, so a build is reproducible
(the role SOURCE_DATE_EPOCH played when pandoc wrote the books).
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from zhclean.tasks.core.model import Document, DocumentSummary
from zhclean.tasks.editions.epub_package import BookMeta
from zhclean.tasks.editions.markdown_edition import document_title, printable

CORPUS_TITLE = "zhclean corpus"

#: The modification time when no document states a date: 1980-01-01, the earliest a zip entry holds.
FIXED_EPOCH = 315532800

# A calendar date anywhere in a value: 2022-03-01, 2022.3.1, 2022年3月1日; or a month: 2022-05, 2022年5月.
DATE_RE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")
MONTH_RE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})(?!\d)")
YEAR_RE = re.compile(r"^\s*(\d{4})\s*年?\s*$")

#: Masthead keys that name a periodical's publisher, in order of preference.
PUBLISHER_KEYS = ("出版", "出版单位", "主办", "主办单位")


def iso_date(value: object) -> str | None:
    """The first calendar date in a value as YYYY-MM-DD (None if there is none, or it is no real day)."""
    match = DATE_RE.search(str(value)) if value else None
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:  # 2022-02-30: looks like a date, is not one
        return None


def w3c_date(value: object) -> str | None:
    """A stated date as dc:date may hold it: YYYY-MM-DD, else YYYY-MM, else a year alone."""
    if not value:
        return None
    text = str(value)
    if DATE_RE.search(text):
        return iso_date(text)
    month = MONTH_RE.search(text)
    if month:
        try:  # 2022-13 or 0000-05: looks like a month, is not one
            return datetime.date(int(month.group(1)), int(month.group(2)), 1).isoformat()[:7]
        except ValueError:
            return None
    year_only = YEAR_RE.match(text)
    return year_only.group(1) if year_only and int(year_only.group(1)) >= 1 else None


def issue_date(issue: Any) -> str | None:
    """The year of a periodical's issue (2022年第2期 → 2022). Its number is not a month: 第2期 is
    February only for a monthly, so a date the document states (its 出刊) is used first."""
    year = issue.get("year") if isinstance(issue, dict) else None
    return f"{year:04d}" if isinstance(year, int) and 1000 <= year <= 9999 else None


def document_date(doc: Document) -> str | None:
    """The date the document states: its own, else the one all its dated articles share, else its issue's year."""
    own = w3c_date(doc.metadata.get("date"))
    if own:
        return own
    dates = {w3c_date(a.date) for a in doc.articles if a.date}
    if len(dates) == 1 and None not in dates:
        return dates.pop()
    return issue_date(doc.metadata.get("issue"))


def epoch_of(dates: Iterable[str | None]) -> int:
    """The book's modification time: the start of the latest stated date, else FIXED_EPOCH."""
    epoch = FIXED_EPOCH
    for value in dates:
        if not value:
            continue
        parts = [int(p) for p in value.split("-")] + [1, 1]
        day = datetime.datetime(parts[0], parts[1], parts[2], tzinfo=datetime.UTC)
        epoch = max(epoch, int(day.timestamp()))
    return epoch


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(printable(n) for n in names))


def book_authors(doc: Document) -> tuple[list[str], list[str]]:
    """(creators, contributors): the document's authors, or each article's when they differ."""
    own = _names(doc.metadata.get("authors"))
    if own:
        return unique(own), []
    lists = [tuple(a.authors) for a in doc.articles if a.authors]
    if lists and len(set(lists)) == 1 and len(lists) == len(doc.articles):
        return unique(lists[0]), []
    return [], unique(name for names in lists for name in names)


def chapter_authors(doc: Document) -> bool:
    """Whether each chapter names its own authors (they differ from article to article)."""
    creators, _ = book_authors(doc)
    return not creators


def book_publisher(doc: Document) -> str | None:
    """Who published the document, as it says: masthead, web site, or its articles' one origin."""
    masthead = doc.metadata.get("masthead")
    if isinstance(masthead, dict):
        for key in PUBLISHER_KEYS:
            names = _names(masthead.get(key))
            if names:
                return printable("、".join(names))
    site = _names(doc.metadata.get("source"))
    if site:
        return printable(site[0])
    origins = {a.origin for a in doc.articles}
    if len(origins) == 1 and (origin := origins.pop()):
        return printable(origin)
    return None


def book_identifier(sha256s: Sequence[str]) -> str:
    """A stable identifier from the raw files' hashes: the same input gives the same book id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'zhclean:' + ','.join(sha256s))}"


def document_meta(doc: Document) -> BookMeta:
    creators, contributors = book_authors(doc)
    date = document_date(doc)
    return BookMeta(
        title=printable(document_title(doc)),
        identifier=book_identifier([doc.sha256]),
        modified=epoch_of([date]),
        creators=creators,
        contributors=contributors,
        publisher=book_publisher(doc),
        date=date,
        description=printable(f"{doc.source} sha256:{doc.sha256}"),
    )


def volume_title(index: int, count: int, total: int) -> str:
    return f"{CORPUS_TITLE} ({total})" if count == 1 else f"{CORPUS_TITLE} ({total}) {index + 1}/{count}"


def volume_meta(volume: Sequence[DocumentSummary], index: int, count: int, total: int) -> BookMeta:
    """A corpus volume's metadata: its title and contents, no author and no date of its own."""
    sources = "; ".join(f"{s.source} ({s.articles})" for s in volume)
    return BookMeta(
        title=volume_title(index, count, total),
        identifier=book_identifier([s.sha256 for s in volume]),
        modified=epoch_of(w3c_date(s.metadata.get("date")) for s in volume),
        description=printable(sources) or None,
    )
