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
from dataclasses import dataclass, field
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found, bare, collapse, ends_sentence, has_cjk, squeeze
from zhclean.tasks.text.names import split_names

RULES = RuleList()


def _rule(name: str, description: str) -> str:
    return RULES.declare(name, "furniture", description).name


FOOTER_RULE = _rule(
    "furniture.site_footer", "a site footer line (copyright, ICP number, site owner) leaves the body"
)
DATE_RULE = _rule(
    "furniture.dateline",
    "a web dateline (date, time, source, author) leaves the body; its fields go to metadata"
    " `date`, `source`, `authors`",
)
COUNTER_RULE = _rule("furniture.hit_counter", "a page counter line (`点击量：1286`) leaves the body")
TITLE_RULE = _rule(
    "furniture.original_title", "an `原标题：` line leaves the body for metadata `original_title`"
)
EDITOR_RULE = _rule(
    "furniture.editor_credit",
    "an editor credit (`（责任编辑：某某）`) leaves the body for metadata `editors`",
)
PREV_NEXT_RULE = _rule("furniture.prev_next", "a `上一篇：` / `下一篇：` link leaves the body")
BREADCRUMB_RULE = _rule("furniture.breadcrumb", "a breadcrumb trail (`当前位置：首页 > …`) leaves the body")
NAV_RULE = _rule(
    "furniture.nav_bar",
    "a navigation bar at the top of a page (a line of short items between bars or arrows) leaves the body",
)
CHROME_RULE = _rule(
    "furniture.web_chrome",
    "a row of page buttons (分享, 打印, 关闭), a font-size widget or a QR prompt leaves the body",
)
READING_RULE = _rule(
    "furniture.recommended_reading",
    "a 'recommended reading' heading and the link titles under it leave the body",
)

LINK_LIST_RULE = _rule(
    "furniture.link_list",
    "a labelled list at the foot of a web page (a short `label：` line over short unpunctuated link names, "
    "web furniture above it and nothing but furniture below) leaves the body, heading and links",
)

_DATA = load(__file__, "web")
_LIMITS = _DATA["limits"]

_DATE: str = _DATA["date"]
DATE = re.compile(_DATE)
#: The day of the week printed next to a date: `星期五`, `周五`, `礼拜五`.
WEEKDAY = re.compile(_DATA["weekday"])
#: Labels of the source on a dateline.
SOURCE_LABELS: tuple[str, ...] = tuple(_DATA["source_labels"])
#: Labels of the author on a dateline; their values go to `metadata["authors"]`.
AUTHOR_LABELS: tuple[str, ...] = tuple(_DATA["author_labels"])
#: Author labels whose value may be a unit rather than personal names.
WRITER_LABELS: tuple[str, ...] = tuple(_DATA["writer_labels"])
#: Longest unit name taken as an author.
MAX_UNIT: int = _LIMITS["max_unit"]
#: Labels of the time on a dateline (the value is the date found on the line).
TIME_LABELS: tuple[str, ...] = tuple(_DATA["time_labels"])
#: Page counters: `点击量：1286`, `浏览次数：352` — chrome, dropped with a record.
COUNTER_LABELS: tuple[str, ...] = tuple(_DATA["counter_labels"])


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_DATELINE_LABEL = re.compile(
    rf"(?P<label>{_alternation((*SOURCE_LABELS, *AUTHOR_LABELS, *TIME_LABELS, *COUNTER_LABELS))})\s*[:：]\s*"
)
#: Square brackets around the fields of a dateline, one pair per field.
SQUARE_BRACKETS = re.compile(_DATA["square_brackets"])
#: What may separate the fields of a dateline.
FIELD_GAP = re.compile(_DATA["field_gap"])
#: A counter's value.
COUNT = re.compile(_DATA["count"])
#: A reporter's title in front of the names (`作者：本报记者 张三`).
REPORTER_PREFIX = re.compile(_DATA["reporter_prefix"])
#: Longest source name taken from a dateline.
MAX_SOURCE: int = _LIMITS["max_source"]
#: `原标题:…`
ORIGINAL_TITLE = re.compile(_DATA["original_title"])
#: Editor-credit labels; the strong ones are never body text at the head of a line.
EDITOR_LABELS: tuple[str, ...] = tuple(_DATA["editor_labels"])
STRONG_EDITOR_LABELS: tuple[str, ...] = tuple(_DATA["strong_editor_labels"])
EDITOR_LABEL_PATTERN = _alternation(EDITOR_LABELS)
#: `label：names` pairs; a space may stand for the colon (`责任编辑 某某 美术编辑 某某`),
#: the names are then checked to be names.
EDITOR_CREDIT = re.compile(
    rf"(?P<label>{EDITOR_LABEL_PATTERN})(?:\s*[:：]\s*|\s+)(?P<names>.*?)(?=\s*(?:{EDITOR_LABEL_PATTERN})(?:\s*[:：]|\s)|$)"
)
OUTER_BRACKETS = re.compile(_DATA["outer_brackets"])
#: Headings of a "recommended reading" list.
READING_HEADINGS: tuple[str, ...] = tuple(_DATA["reading_headings"])
READING = re.compile(r"^[【\[]?\s*(?:" + "|".join(READING_HEADINGS) + r")\s*[】\]]?\s*[:：]?$")
#: Page chrome words: a line made only of them is a button row, not text.
CHROME_WORDS: tuple[str, ...] = tuple(_DATA["chrome_words"])
#: The font-size widget `【字体：大 中 小】`.
_FONT_SIZE: str = _DATA["font_size"]
CHROME = re.compile(
    r"^(?:[【\[(（]?\s*(?:" + _FONT_SIZE + "|" + _alternation(CHROME_WORDS) + r")\s*[】\])）:：|｜]?\s*)+$"
)
#: A QR-code prompt: `扫一扫在手机打开当前页`, `手机扫码阅读本文`.
QR_PROMPT = re.compile(_DATA["qr_prompt"])
QR_CONTEXT = re.compile(_DATA["qr_context"])
#: `上一篇：…` / `下一篇：…` links under an article.
_PREV_NEXT: str = _DATA["prev_next"]
PREV_NEXT = re.compile(
    rf"^(?:[【\[]\s*{_PREV_NEXT}\s*[】\]]\s*[:：]?|{_PREV_NEXT}\s*[:：]|{_PREV_NEXT}$)\s*(?P<title>.*)$"
)
#: `当前位置：首页 > 新闻中心`, or a bare `首页 > 栏目 > 栏目` trail.
BREADCRUMB = re.compile(_DATA["breadcrumb"])
#: Site-footer marks: copyright, ICP and police registration numbers, the site's owner.
FOOTER_MARKS = re.compile(_DATA["footer_marks"], re.IGNORECASE)
#: A site footer line is at most this long.
MAX_FOOTER_LINE: int = _LIMITS["max_footer_line"]

NAV_SEPARATOR = re.compile(_DATA["nav_separator"])
TABLE_ALIGNMENT = re.compile(_DATA["table_alignment"])
NAV_MIN_ITEMS: int = _LIMITS["nav_min_items"]
NAV_MAX_ITEM: int = _LIMITS["nav_max_item"]
NAV_TOP_LINES: int = _LIMITS["nav_top_lines"]

#: Web furniture lines are at most this long; a reading list item too.
MAX_LINE: int = _LIMITS["max_line"]

#: A link list's heading: a label and a colon, nothing after it (`友情链接：`).
LIST_LABEL = re.compile(_DATA["list_label"])
#: Punctuation a link name does not hold: a line with it is text, not a link.
LINK_PUNCTUATION = re.compile(_DATA["link_punctuation"])
#: A link list's label is at most this long ...
MAX_LIST_LABEL: int = _LIMITS["max_list_label"]
#: ... and each link name under it at most this long.
MAX_LINK: int = _LIMITS["max_link"]


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


@dataclass(slots=True)
class Dateline:
    """What a date/source line says; `counted` when it carries a page counter."""

    date: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    counted: bool = False


def _author_names(label: str, value: str) -> list[str] | None:
    """Names after an author label; a writer's label may also name a unit (`某县委宣传部`).

    A reporter's label (`记者：`) wants names proper: in an interview it opens a question.
    """
    value = REPORTER_PREFIX.sub("", value)
    names = split_names(value)
    unit = label in WRITER_LABELS and 2 <= len(value) <= MAX_UNIT and has_cjk(value)
    if names is None and unit and not ends_sentence(value):
        names = [squeeze(value)]
    return names


def _read_field(out: Dateline, label: str, value: str) -> bool:
    """Fill `out` from one `label：value` field; False when the value does not fit the label."""
    if label in TIME_LABELS:
        return not value  # the date itself was taken out of the line already
    if label in COUNTER_LABELS:
        out.counted = True
        return bool(COUNT.match(value))
    if label in AUTHOR_LABELS:
        names = _author_names(label, value)
        out.authors.extend(names or [])
        return names is not None
    if not value or len(value) > MAX_SOURCE or ends_sentence(value):
        return False
    out.source = out.source or value
    return True


#: A bracketed part of a line: `【字号：大 中 小】`, `【打印】`, `【来源：某网】`.
BRACKETED = re.compile(_DATA["bracketed"])


def _drop_widgets(text: str) -> str:
    """`text` without its bracketed page widgets (a font-size control, a button): they sit among
    a dateline's fields and are chrome, not a field's value."""
    return BRACKETED.sub(lambda m: " " if CHROME.match(m.group("inner")) else m.group(0), text)


def read_dateline(text: str) -> Dateline | None:
    """A dateline's fields, in any order: date (with time or weekday), source, author, counter.

    The whole line must be made of such fields (bracketed page widgets beside them, such as a
    font-size control, are chrome and left out). A date alone is not enough (a letter's date,
    an event): it needs a time, a weekday or another field.
    """
    text = collapse(bare(text))
    if not text or len(text) > MAX_LINE or ends_sentence(text):
        return None
    text = collapse(_drop_widgets(text))  # `【字号：大 中 小】` beside the fields
    if inner := OUTER_BRACKETS.match(text):
        text = inner.group("inner")
    text = SQUARE_BRACKETS.sub(" ", text)  # `【作者：某某】【来源：某网】`
    out = Dateline()
    found = DATE.search(text)
    timed = False
    if found:
        out.date = iso_date(found)
        if out.date is None:
            return None
        timed = found.group("H") is not None
        text = text[: found.start()] + " " + text[found.end() :]
    weekday = WEEKDAY.search(text)
    if weekday:
        text = text[: weekday.start()] + " " + text[weekday.end() :]
    fields = list(_DATELINE_LABEL.finditer(text))
    if not FIELD_GAP.match(text[: fields[0].start()] if fields else text):
        return None
    for k, m in enumerate(fields):
        end = fields[k + 1].start() if k + 1 < len(fields) else len(text)
        value = text[m.end() : end].strip(" |｜/·•")
        if not _read_field(out, m.group("label"), collapse(value)):
            return None
    labelled = any(m.group("label") in TIME_LABELS for m in fields)
    if out.date:
        ok = bool(out.source or out.authors or timed or weekday or labelled or out.counted)
    else:
        ok = bool(out.source or out.authors or out.counted)
    return out if ok else None


def parse_dateline(text: str) -> tuple[str | None, str | None] | None:
    """(ISO date, source) of a date/source line; see `read_dateline`."""
    found = read_dateline(text)
    return None if found is None else (found.date, found.source)


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
        colon = m.group(0)[len(m.group("label")) :].lstrip()[:1] in ":："
        if (
            found is None
            and colon
            and m.group("label") in STRONG_EDITOR_LABELS
            and value
            and not ends_sentence(value)
        ):
            found = [value]
        if found is None:
            return None
        names.extend(found)
    return names or None


def is_counter(text: str) -> bool:
    """A line of page counters only (`点击量：1286 浏览次数：35`)."""
    found = read_dateline(text)
    return found is not None and found.counted and not (found.source or found.authors or found.date)


def is_chrome(text: str) -> bool:
    """Buttons, font-size widgets and QR-code prompts."""
    if CHROME.match(text):
        return True
    short = len(text) <= MAX_QR_LINE and not ends_sentence(text)
    return short and bool(QR_PROMPT.search(text)) and bool(QR_CONTEXT.search(text))


def is_footer(text: str) -> bool:
    """A copyright, ICP-number or site-owner line at the foot of a page."""
    return len(text) <= MAX_FOOTER_LINE and not ends_sentence(text) and bool(FOOTER_MARKS.search(text))


#: A QR-code prompt is at most this long.
MAX_QR_LINE: int = _LIMITS["max_qr_line"]


def _dateline_claim(i: int, found: Dateline, meta: dict[str, Any]) -> Claim:
    if found.date and "date" not in meta:
        meta["date"] = found.date
    kept: list[str] = []
    if found.source and "source" not in meta:
        meta["source"] = found.source
        kept.append(found.source)
    if found.authors:
        meta.setdefault("authors", []).extend(found.authors)
        kept.extend(found.authors)
    return Claim(i, DATE_RULE, tuple(kept))


def _classify(i: int, text: str, meta: dict[str, Any]) -> Claim | None:
    """The claim for one line of web furniture (not a reading list item), or None."""
    if is_footer(text):
        return Claim(i, FOOTER_RULE)
    if len(text) > MAX_LINE:
        return None
    if (dated := read_dateline(text)) is not None:
        if dated.source or dated.authors or dated.date:
            return _dateline_claim(i, dated, meta)
        return Claim(i, COUNTER_RULE)
    if title := ORIGINAL_TITLE.match(text):
        first = "original_title" not in meta
        meta.setdefault("original_title", collapse(title.group("title")))
        return Claim(i, TITLE_RULE, (title.group("title"),) if first else ())
    if (names := parse_editors(text)) is not None:
        meta.setdefault("editors", []).extend(names)
        return Claim(i, EDITOR_RULE, tuple(names))
    if PREV_NEXT.match(text) and not ends_sentence(text):
        return Claim(i, PREV_NEXT_RULE)
    if BREADCRUMB.match(text):
        return Claim(i, BREADCRUMB_RULE)
    if is_chrome(text):
        return Claim(i, CHROME_RULE)
    return None


def nav_bar(text: str, below: str) -> bool:
    """A line of short menu entries (no sentence, no clause) between separators, and not a table's
    header row (`below` is the next line: a table's alignment row under it makes it one)."""
    items = [x for x in NAV_SEPARATOR.split(text.strip()) if x]
    if len(items) < NAV_MIN_ITEMS or TABLE_ALIGNMENT.match(below):
        return False
    return all(len(x) <= NAV_MAX_ITEM and has_cjk(x) and not ends_sentence(x) for x in items)


def is_list_label(text: str) -> bool:
    """A link list's heading: a short label ending in a colon (`友情链接：`)."""
    m = LIST_LABEL.match(text)
    return m is not None and len(m.group("label")) <= MAX_LIST_LABEL and has_cjk(m.group("label"))


def is_link_name(text: str) -> bool:
    """A short line of words without punctuation: the name a link shows."""
    return len(text) <= MAX_LINK and has_cjk(text) and LINK_PUNCTUATION.search(text) is None


def link_list(texts: list[str], claimed: set[int], furniture: set[int]) -> list[int]:
    """The lines of a labelled link list at the foot of a web page, heading first; [] if none.

    The heading stands right under a line of web furniture (`claimed`: the page's buttons, its
    previous/next links), the link names run under it, and below them the page holds nothing
    but furniture (`furniture`: a site footer) to its end: the list is part of the page's foot,
    not the text's last paragraph. Body text ending in a label and a few short lines (a notice's
    `联系人：` over names) has body text, not furniture, above it."""
    rows = [i for i, text in enumerate(texts) if text]
    for k, i in enumerate(rows):
        if k == 0 or rows[k - 1] not in claimed or i in furniture or not is_list_label(texts[i]):
            continue
        links: list[int] = []
        for j in rows[k + 1 :]:
            if j in furniture or not is_link_name(texts[j]):
                break
            links.append(j)
        if links and all(j in furniture for j in rows[k + 1 + len(links) :]):
            return [i, *links]
    return []


def find_web_furniture(lines: list[Line], taken: set[int]) -> Found:
    found = Found()
    reading = False
    top = [i for i, line in enumerate(lines) if line.text.strip()][:NAV_TOP_LINES]
    for i, line in enumerate(lines):
        text = bare(line.text)
        if i in taken or not text:
            continue
        below = lines[i + 1].text if i + 1 < len(lines) else ""
        claim = _classify(i, text, found.metadata)
        if claim is None and i in top and len(text) <= MAX_LINE and nav_bar(text, below):
            claim = Claim(i, NAV_RULE)
        if claim is None and READING.match(squeeze(text)):
            reading = True
            claim = Claim(i, READING_RULE)
        elif claim is None and reading and len(text) <= MAX_LINE and not ends_sentence(text):
            claim = Claim(i, READING_RULE)
        elif claim is None:
            reading = False
        if claim is not None:
            found.claims.append(claim)
    claimed = {c.index for c in found.claims}
    texts = ["" if i in taken else bare(line.text) for i, line in enumerate(lines)]
    for i in link_list(texts, claimed, claimed | taken):
        found.claims.append(Claim(i, LINK_LIST_RULE))
    return found
