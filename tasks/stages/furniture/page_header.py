"""Newspaper page headers: `2021年3月5日 星期五 第3版`, `要闻 A3`, `第A05版：社会新闻`.

A newspaper page prints its date, weekday and edition (page) number, often
with the name of the page, in a line above (or below) the articles. Such a
line is made only of those parts: a date, a weekday, a lunar date, an edition
number (`第3版`, `3版`, `A3`) and at most two short names; a headline never
has that shape. The short `A3` form is also a chemical or a vitamin, so it
counts only near the top or the bottom of the page, or next to a date.

The first date goes to `metadata["date"]` (ISO), the first edition to
`metadata["edition"]` (`{"page": "A05", "name": "社会新闻", "line": 1}`, with
`paper` when a second name precedes the page's),
numeric editions to `page_marks`; weekdays and other parts are removed with
a record.
"""

from __future__ import annotations

import re
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found, bare, collapse, ends_sentence, nonblank
from zhclean.tasks.stages.furniture.web_meta import (
    DATE,
    EDITOR_LABEL_PATTERN,
    WEEKDAY,
    iso_date,
    parse_editors,
)
from zhclean.tasks.text.charsets import HAN_CLASS

RULES = RuleList()
RULE = RULES.declare(
    "furniture.page_header",
    "furniture",
    "a newspaper page header (date, weekday, edition number, page name) leaves the body;"
    " its date and edition go to metadata",
).name

_DATA = load(__file__, "page_header")
_LIMITS = _DATA["limits"]

#: `第3版`, `第A05版`: an edition number that says so.
EDITION_WORD = re.compile(_DATA["edition_word"])
#: `A3`, `B05`, `3版`: an edition number in short (a weak signal on its own).
EDITION_CODE = re.compile(_DATA["edition_code"])
#: A page-editor credit at the end of the header: `第3版 责任编辑：某某`.
CREDIT = re.compile(rf"(?:^|\s)(?={EDITOR_LABEL_PATTERN})")
#: A lunar date printed next to the solar one: `农历辛丑年正月廿二`.
LUNAR = re.compile(_DATA["lunar"])
#: The name of a page or of the paper: a few ideographs.
NAME = re.compile(rf"^[{HAN_CLASS}·]{{2,8}}$")
#: Separators between the parts of a page header.
PARTS = re.compile(_DATA["parts"])

#: A page header line is at most this long...
MAX_LINE: int = _LIMITS["max_line"]
#: ...and carries at most this many names.
MAX_NAMES: int = _LIMITS["max_names"]
#: The `A3` form counts within this many non-blank lines of the top or the bottom.
EDGE_LINES: int = _LIMITS["edge_lines"]


def parse_header(text: str, edge: bool) -> dict[str, Any] | None:
    """The parts of a page-header line: `date`, `page`, `names`, `editors`; None when it is not one.

    `edge` says the line is near the top or the bottom of the page.
    """
    text = collapse(bare(text))
    if not text or len(text) > MAX_LINE or ends_sentence(text):
        return None
    out: dict[str, Any] = {"date": None, "page": None, "names": [], "editors": []}
    weekday = False
    if (credit := CREDIT.search(text)) and credit.start() > 0:
        editors = parse_editors(text[credit.start() :])
        if editors is None:
            return None
        out["editors"], text = editors, text[: credit.start()]
    if found := DATE.search(text):
        out["date"] = iso_date(found)
        if found.group("H") is not None or out["date"] is None:
            return None
        text = text[: found.start()] + " " + text[found.end() :]
    for pattern in (WEEKDAY, LUNAR):
        if found := pattern.search(text):
            weekday = weekday or pattern is WEEKDAY
            text = text[: found.start()] + " " + text[found.end() :]
    coded = False
    for part in filter(None, PARTS.split(text)):
        word, code = EDITION_WORD.match(part), EDITION_CODE.match(part)
        if (word or code) and out["page"] is None:
            out["page"] = (word or code).group("page")  # type: ignore[union-attr]
            coded = code is not None
        elif NAME.match(part) and len(out["names"]) < MAX_NAMES:
            out["names"].append(part)
        else:
            return None
    if out["page"] is not None and (not coded or edge or out["date"]):
        return out
    if out["date"] and weekday and len(out["names"]) <= 1:
        return out
    return None


def find_page_headers(lines: list[Line], taken: set[int]) -> Found:
    found = Found()
    meta = found.metadata
    order = nonblank([ln.text for ln in lines], taken)
    edges = set(order[:EDGE_LINES] + order[-EDGE_LINES:])
    marks: list[dict[str, int]] = []
    for i in order:
        header = parse_header(lines[i].text, i in edges)
        if header is None:
            continue
        if header["date"]:
            meta.setdefault("date", header["date"])
        kept: tuple[str, ...] = ()
        if header["page"] is not None and "edition" not in meta:
            names = header["names"]
            meta["edition"] = {"page": header["page"], "name": names[-1] if names else None}
            if len(names) > 1:
                meta["edition"]["paper"] = names[0]
            meta["edition"]["line"] = lines[i].number
            kept = tuple(names)
        if header["page"] is not None and header["page"].isdigit():
            marks.append({"line": lines[i].number, "page": int(header["page"])})
        if header["editors"]:
            meta.setdefault("editors", []).extend(header["editors"])
            kept += tuple(header["editors"])
        found.claims.append(Claim(i, RULE, kept))
    if marks:
        meta["page_marks"] = marks
    return found
