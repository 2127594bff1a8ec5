"""Document-level title and date, derived from what furniture and segmentation found.

A periodical is named by its title and issue (`某刊 2022年第2期`), a series page
by its series title, a part of a book by the part's title, a single-article document
by its headline, anything else by its lead article. The date comes from a web dateline or, for a periodical,
the masthead's publication-date field; articles without a date of their own
inherit it. Derived values only: the raw text they come from stays in metadata.
"""

from __future__ import annotations

import re
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Article
from zhclean.tasks.text.charsets import HAN_CLASS

_DATA = load(__file__, "document_meta")
#: Masthead labels whose value is the issue's publication date.
PUBLICATION_DATE_LABELS: tuple[str, ...] = tuple(_DATA["publication_date_labels"])
#: `2022年5月`, `2022年5月6日`, `2022.5`, `2022-05-06`.
DATE = re.compile(_DATA["date"])
#: OCR spaces between digits and CJK in a short label (`2022 年第 2 期`).
LABEL_SPACE = re.compile(rf"(?<=[\d{HAN_CLASS}])\s+(?=[\d{HAN_CLASS}])")


def document_title(metadata: dict[str, Any], articles: list[Article]) -> str | None:
    """The title a reader would give the whole document, or None when there is nothing to go on."""
    periodical = metadata.get("periodical")
    if isinstance(periodical, str) and periodical:
        issue = metadata.get("issue")
        text = issue.get("text") if isinstance(issue, dict) else issue
        return f"{periodical} {LABEL_SPACE.sub('', text)}" if isinstance(text, str) and text else periodical
    for key in ("series", "parts"):  # a series page, or a part of a book (`卷一·周文`)
        heads = metadata.get(key)
        if isinstance(heads, list) and heads and isinstance(heads[0], dict) and heads[0].get("title"):
            return str(heads[0]["title"])
    if articles:
        return articles[0].title
    return None


def publication_date(metadata: dict[str, Any]) -> str | None:
    """ISO date (`YYYY-MM` or `YYYY-MM-DD`) of the document, from a dateline or the masthead."""
    if isinstance(metadata.get("date"), str) and metadata["date"]:
        return metadata["date"]
    masthead = metadata.get("masthead")
    if not isinstance(masthead, dict):
        return None
    for label in PUBLICATION_DATE_LABELS:
        value = masthead.get(label)
        m = DATE.search(value) if isinstance(value, str) else None
        if m:
            year, month, day = m.group(1), int(m.group(2)), m.group(3)
            if not 1 <= month <= 12:
                continue
            return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    return None


def fill_document_fields(metadata: dict[str, Any], articles: list[Article]) -> dict[str, Any]:
    """The `title` and `date` keys to add to the metadata; articles without a date inherit it."""
    found: dict[str, Any] = {}
    title = metadata.get("title") or document_title(metadata, articles)
    if title:
        found["title"] = title
    date = publication_date(metadata)
    if date:
        found["date"] = date
        for article in articles:
            article.date = article.date or date
    return found
