"""The lead that opens a news item: `本报讯（记者 某某）`, `新华社北京5月3日电（记者 某某）`.

A news item's first paragraph opens with a dateline that says who sent the story, from where
and when, and often a bracketed credit naming the reporters. Neither is a word of the story: a
reader of the cleaned text must not see `本报讯今年以来` run together once typography has
removed the space. The credit's names are the article's authors (`byline.lead_credit`); the
dateline goes to the document's metadata (`datelines`), an agency that sent the story
(`新华社`) to the article's source and the day it names to the article's date, when the year is
known from the document (`byline.dateline`). A credit with no dateline before it
(`（记者 某某）今年以来`) is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Article, Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.segment.credits import add_names
from zhclean.tasks.text import bylines

RULES = RuleList()
_DATA = load(__file__, "leads")
#: The lead of a news item: the own lead (`本报讯`) or a dated one (`新华社北京5月3日电`).
DATELINE = re.compile(rf"^\s*(?:{_DATA['own']}|{_DATA['dated']})")
#: The paper's own name in a dated lead: no source of its own.
OWN_AGENCY = re.compile(_DATA["own_agency"])
#: The bracketed credit after the lead (`（记者 某某 通讯员 某某）`), spaces before it allowed.
CREDIT = re.compile(rf"\s*{bylines.CREDIT.pattern}")

RULE_LEAD_CREDIT = RULES.declare(
    "byline.lead_credit",
    "segment",
    "the bracketed credit of a news lead (`本报讯（记者 某某）`, `新华社某地5月3日电（记者 某某）`) "
    "moved to the article's authors",
).name
RULE_DATELINE = RULES.declare(
    "byline.dateline",
    "segment",
    "the dateline opening a news item (`本报讯`, `新华社北京5月3日电`) moved out of the body into the "
    "document's metadata (`datelines`); an agency to the article's source, its day to the date",
).name

DEFAULT_OPTIONS = Options()


@dataclass(slots=True)
class Lead:
    """What an article's lead says about it."""

    source: str | None = None
    date: str | None = None


def lead_date(m: re.Match[str], year: str | None) -> str | None:
    """`5月3日` in the year the document is dated: an ISO date, or None without a year."""
    if not year or not m.groupdict().get("month"):
        return None
    month, day = int(m.group("month")), int(m.group("day"))
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def read_lead(
    article: Article,
    edits: list[Edit],
    datelines: list[dict[str, Any]],
    year: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Lead:
    """Take the lead and credit out of the article's first paragraph (see the module's docstring)."""
    first = next((k for k, b in enumerate(article.blocks) if b.type == "paragraph"), None)
    if first is None:
        return Lead()
    block = article.blocks[first]
    text = block.text
    lead = DATELINE.match(text)
    cut = lead.end() if lead else 0
    credit = CREDIT.match(text, cut)
    names = bylines.credit_names(credit.group("names"), bare=True) if credit else None
    if credit and names and options.enabled(RULE_LEAD_CREDIT):
        edits.append(Edit("segment", RULE_LEAD_CREDIT, text[cut : credit.end()], "", block.start, cut))
        text = text[:cut] + text[credit.end() :]
        add_names(article.authors, names)
    found = Lead()
    rest = text[cut:].strip()
    if lead and rest and not CREDIT.match(rest) and options.enabled(RULE_DATELINE):
        dateline = lead.group(0).strip()
        edits.append(Edit("segment", RULE_DATELINE, text[:cut], "", block.start, 0))
        datelines.append({"title": article.title, "text": dateline, "line": block.start})
        text = rest
        agency = lead.groupdict().get("agency")
        if agency and not OWN_AGENCY.match(agency):
            found.source = agency
        found.date = lead_date(lead, year)
    if text != block.text:
        article.blocks[first] = replace(block, text=text)
    return found
