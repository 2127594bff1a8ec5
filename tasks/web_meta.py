"""Web page furniture: date/source line, original title, editor credits, recommended reading.

Scraped articles keep the chrome of their page: a line with the publication
date and source (`2020年03月20日10:52  来源:某网`), an `原标题:` line, an
editor credit at the end (`(责编:某某、某某)`), a "recommended reading" list.
The date becomes ISO 8601 in `metadata["date"]`, the rest goes to
`source`, `original_title` and `editors`; reading lists and page chrome are
dropped with a record. Every pattern wants the whole line to be furniture,
so a paragraph that mentions a date or an editor is never touched.
"""

from __future__ import annotations

import re

from tasks.furniture_base import Claim, Found, bare, collapse, ends_sentence, squeeze
from tasks.model import Line
from tasks.names import split_names

DATE_RULE = "furniture.dateline"
TITLE_RULE = "furniture.original_title"
EDITOR_RULE = "furniture.editor_credit"
READING_RULE = "furniture.recommended_reading"
CHROME_RULE = "furniture.web_chrome"

_DATE = (
    r"(?P<y>\d{4})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2})(?:\s*[:：]\s*(?P<S>\d{2}))?)?"
)
#: Labels of the source on a dateline.
SOURCE_LABELS = ("来源", "稿源", "出处", "来自", "信息来源")
_SOURCE = r"(?:" + "|".join(SOURCE_LABELS) + r")\s*[:：]\s*(?P<src>\S+(?: \S+)?)"
_WHEN = r"(?:(?:发布|发表|更新)?(?:时间|日期)\s*[:：]\s*)?"
DATELINE = (
    re.compile(rf"^{_WHEN}{_DATE}(?:\s*{_SOURCE})?$"),
    re.compile(rf"^{_SOURCE}\s+{_WHEN}{_DATE}$"),
    re.compile(rf"^{_SOURCE}$"),
)
#: `原标题:…`
ORIGINAL_TITLE = re.compile(r"^[(（【\[]?\s*原标题\s*[:：]\s*(?P<title>.+?)\s*[)）】\]]?$")
#: Editor-credit labels; the strong ones are never body text at the head of a line.
EDITOR_LABELS = ("责任编辑", "责编", "实习编辑", "值班编辑", "编辑", "审核", "审校", "校对", "编审")
STRONG_EDITOR_LABELS = ("责任编辑", "责编")
_EDITOR_LABEL = "|".join(sorted(EDITOR_LABELS, key=len, reverse=True))
EDITOR_CREDIT = re.compile(
    rf"(?P<label>{_EDITOR_LABEL})\s*[:：]\s*(?P<names>.*?)(?=\s*(?:{_EDITOR_LABEL})\s*[:：]|$)"
)
OUTER_BRACKETS = re.compile(r"^[(（【\[]\s*(?P<inner>.*?)\s*[)）】\]]$")
#: Headings of a "recommended reading" list.
READING_HEADINGS = (
    "推荐阅读",
    "相关阅读",
    "相关新闻",
    "延伸阅读",
    "相关链接",
    "猜你喜欢",
    "热点推荐",
    "更多阅读",
)
READING = re.compile(r"^[【\[]?\s*(?:" + "|".join(READING_HEADINGS) + r")\s*[】\]]?\s*[:：]?$")
#: Page chrome words: a line made only of them is a button row, not text.
CHROME_WORDS = ("分享到", "分享", "打印本页", "打印", "关闭窗口", "返回顶部", "扫一扫", "收藏本页")
CHROME = re.compile(r"^(?:[【\[(（]?\s*(?:" + "|".join(CHROME_WORDS) + r")\s*[】\])）:：|]?\s*)+$")

#: Web furniture lines are at most this long; a reading list item too.
MAX_LINE = 60


def iso_date(m: re.Match[str]) -> str | None:
    """The match of `_DATE` as ISO 8601 (`2020-03-20` or `2020-03-20T10:52`), None if invalid."""
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group("H") is not None:
        out += f"T{int(m.group('H')):02d}:{m.group('M')}"
        if m.group("S") is not None:
            out += f":{m.group('S')}"
    return out


def parse_dateline(text: str) -> tuple[str | None, str | None] | None:
    """(ISO date, source) of a date/source line; a date alone needs its time to count."""
    text = collapse(bare(text))
    for pattern in DATELINE:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        date = iso_date(m) if groups.get("y") else None
        source = groups.get("src")
        if groups.get("y") and date is None:
            return None
        if source or (date and groups.get("H")):
            return date, source
    return None


def parse_editors(text: str) -> list[str] | None:
    """The names in an editor-credit line, or None when the line is not one."""
    text = bare(text)
    inner = OUTER_BRACKETS.match(text)
    text = inner.group("inner") if inner else text
    if len(text) > MAX_LINE or not EDITOR_CREDIT.match(text):
        return None
    names: list[str] = []
    for m in EDITOR_CREDIT.finditer(text):
        value = m.group("names").strip()
        found = split_names(value)
        if found is None and m.group("label") in STRONG_EDITOR_LABELS and value and not ends_sentence(value):
            found = [value]
        if found is None:
            return None
        names.extend(found)
    return names or None


def find_web_furniture(lines: list[Line], taken: set[int]) -> Found:
    found = Found()
    meta = found.metadata
    reading = False
    for i, line in enumerate(lines):
        text = bare(line.text)
        if i in taken or not text:
            continue
        if reading:
            if len(text) <= MAX_LINE and not ends_sentence(text):
                found.claims.append(Claim(i, READING_RULE))
                continue
            reading = False
        if len(text) > MAX_LINE:
            continue
        if (dated := parse_dateline(text)) is not None:
            date, source = dated
            if date and "date" not in meta:
                meta["date"] = date
            kept: tuple[str, ...] = ()
            if source and "source" not in meta:
                meta["source"] = source
                kept = (source,)
            found.claims.append(Claim(i, DATE_RULE, kept))
        elif title := ORIGINAL_TITLE.match(text):
            first = "original_title" not in meta
            meta.setdefault("original_title", collapse(title.group("title")))
            found.claims.append(Claim(i, TITLE_RULE, (title.group("title"),) if first else ()))
        elif (names := parse_editors(text)) is not None:
            meta.setdefault("editors", []).extend(names)
            found.claims.append(Claim(i, EDITOR_RULE, tuple(names)))
        elif READING.match(squeeze(text)):
            reading = True
            found.claims.append(Claim(i, READING_RULE))
        elif CHROME.match(text):
            found.claims.append(Claim(i, CHROME_RULE))
    return found
