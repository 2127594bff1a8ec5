"""Bylines and credit lines: labels followed by names (`文/图 本报记者 某某 通讯员 某某`).

A byline is a run of generic labels of the genre (记者, 通讯员, 实习生, 文/图 …),
each followed by one or more short personal names, and nothing else. It is
read token by token rather than by one regular expression so that several
labels can follow each other and names that contain a label character
(`文`, `图`) are not cut. The same reader parses the bracketed credit of a
news lead, `本报讯（记者 某某 通讯员 某某）`, where spaces may already be gone.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.text.charsets import HAN_CLASS

_DATA = load(__file__, "bylines")
#: Who a reporter works for or what kind of reporter: `本刊记者`, `特约通讯员`, `新华社记者`.
ROLE_PREFIXES: tuple[str, ...] = tuple(_DATA["role_prefixes"])
#: Roles that take such a prefix.
PREFIXED_ROLES: tuple[str, ...] = tuple(_DATA["prefixed_roles"])
#: Generic labels that introduce names in a byline, longest first when matching.
BYLINE_LABELS: tuple[str, ...] = (
    *(prefix + role for prefix in ROLE_PREFIXES for role in PREFIXED_ROLES),
    *PREFIXED_ROLES,
    *_DATA["labels"],
)
#: Labels this short need a space or colon after them (`记者们`, `文化站` are not bylines)
#: unless the context says it is a credit (the brackets of a news lead).
BYLINE_BARE_MIN: int = _DATA["bare_label_min"]
LABEL = re.compile("|".join(re.escape(w) for w in sorted(BYLINE_LABELS, key=len, reverse=True)))
#: What may separate labels and names.
SEPARATOR = re.compile(_DATA["separator"])
#: A label with a slash (`文/`, `图/`, `文/图`): typography leaves no space before it, so it is found
#: by itself inside a title line (`标题文/某某`).
SLASH_LABEL = re.compile(_DATA["slash_label"])
#: `《书名》作者（朝代）`: a book's title-and-author line.
BOOK_TITLE_LINE = re.compile(_DATA["book_title_line"])
#: A name: 2–4 CJK characters, maybe with the middle dot of a transliterated name.
NAME = re.compile(rf"^[{HAN_CLASS}](?:[{HAN_CLASS}·]){{1,5}}$")
NAME_MAX_CHARS: int = _DATA["name_max_chars"]
CJK_RUN = re.compile(rf"[{HAN_CLASS}·]")

# -- news leads: `本报讯`, `本台某地电`, `新华社某地电`, defined here once --------
#: The outlet's own lead, which its reporters' credit may follow.
OWN_LEAD: str = _DATA["news_lead"]["own"]
#: A lead crediting an agency or another paper.
WIRE_LEAD: str = _DATA["news_lead"]["wire"]
#: The opening of a short news item: `本报讯`, `本报某地电`, `新华社某地电`, `据某报报道`.
NEWS_LEAD = re.compile(rf"^\s*(?:{OWN_LEAD}|{WIRE_LEAD})")
#: The opening of a news lead (`本报讯`, `本报某地电`), whose credit may follow without brackets.
LEAD_OPENING = re.compile(rf"^(?:{OWN_LEAD})")
#: A bracketed credit: `（记者 某某 通讯员 某某）` (its `names` group holds the labels and names).
CREDIT = re.compile(_DATA["news_lead"]["credit"])
#: The bracketed credit of a news lead: `本报讯（记者 某某 通讯员 某某）`.
LEAD_CREDIT = re.compile(rf"^(?P<lead>\s*(?:{OWN_LEAD}))\s*(?P<credit>{_DATA['news_lead']['credit']})")


def label_at(text: str, pos: int, bare: bool) -> re.Match[str] | None:
    """A label at `pos`; a short one only before a separator or the end (or when `bare`)."""
    m = LABEL.match(text, pos)
    if not m:
        return None
    if bare or len(m.group(0)) >= BYLINE_BARE_MIN or m.end() == len(text):
        return m
    if SEPARATOR.match(text, m.end()):
        return m
    # two labels run together (`摄影记者`): the next one must stand as a label itself (`图文并茂` is none)
    return m if label_at(text, m.end(), bare) else None


def name_run(text: str, pos: int) -> int:
    """End of the run of name characters at `pos`, stopping before a separator, a long label or a
    label closed by a slash (`张三图/李四`: typography took the space before `图/`)."""
    end = pos
    while end < len(text) and CJK_RUN.match(text[end]):
        m = LABEL.match(text, end)
        if end > pos and m and (len(m.group(0)) >= BYLINE_BARE_MIN or SLASH_LABEL.match(text, end)):
            break
        end += 1
    return end


def join_split_names(pieces: list[str]) -> list[str]:
    """OCR spaces inside a name (`冉 静`): adjacent single characters are one name."""
    out: list[str] = []
    for piece in pieces:
        if out and len(piece) == 1 and len(out[-1]) == 1:
            out[-1] += piece
        else:
            out.append(piece)
    return out


#: A bullet or brackets around a credit line (`□ 本报记者 某某`, `【作者：某某】`).
WRAPPER_OPEN: str = _DATA["wrapper_open"]
WRAPPER_CLOSE: str = _DATA["wrapper_close"]
WRAPPER = re.compile(rf"^[\s{re.escape(WRAPPER_OPEN)}]+|[\s{re.escape(WRAPPER_CLOSE)}]+$")
#: `报道`, `摄影报道` or a bracketed affiliation closing a credit.
CLOSER_WORDS: tuple[str, ...] = tuple(_DATA["closer_words"])
CLOSER = re.compile(
    rf"(?:\s*(?:{'|'.join(map(re.escape, CLOSER_WORDS))}))?(?:\s*[（(][^（）()]{{2,30}}[）)])?\s*$"
)
#: What a closer ends with: a credit that ends otherwise has none to cut, and the search for
#: one (a pattern anchored at the end is tried from every position) was most of reading a line.
CLOSER_ENDS: tuple[str, ...] = tuple(sorted({w[-1] for w in CLOSER_WORDS} | {"）", ")"}))


def unwrapped(text: str) -> str:
    """The credit without its bullet, brackets, closing `报道` or bracketed affiliation.

    `WRAPPER` can only match at an end that is white space or a wrapper's mark: a text whose
    two ends are neither is not run through its `sub`, which tried its second half at every
    character (asked of most lines a few times, it was a tenth of the join stage)."""
    wrapped = bool(text) and (
        text[0].isspace() or text[0] in WRAPPER_OPEN or text[-1].isspace() or text[-1] in WRAPPER_CLOSE
    )
    t = WRAPPER.sub("", text).strip() if wrapped else text
    if not t.endswith(CLOSER_ENDS):
        return t
    m = CLOSER.search(t)
    return t[: m.start()] if m and m.start() > 0 else t


def credit_names(text: str, bare: bool = False) -> list[str] | None:
    """Names of a byline (labels and names only), or None when the text is anything else.

    A bullet or brackets around the line, and the words that close a credit after its names
    (`报道`, `摄影报道`, a bracketed affiliation), are no names."""
    t = unwrapped(text)
    pos = 0
    labelled = False
    names: list[str] = []
    groups: list[str] = []
    while pos < len(t):
        sep = SEPARATOR.match(t, pos)
        if sep:
            pos = sep.end()
            continue
        m = label_at(t, pos, bare)
        if m:
            if groups:
                names += join_split_names(groups)
                groups = []
            pos, labelled = m.end(), True
            continue
        end = name_run(t, pos)
        if not labelled or end == pos:
            return None
        groups.append(t[pos:end])
        pos = end
    names += join_split_names(groups)
    if not labelled or not names or not all(is_name(n) for n in names):
        return None
    return names


def is_name(text: str) -> bool:
    return bool(NAME.match(text)) and len(text.replace("·", "")) <= NAME_MAX_CHARS


#: A credit has at most this many space-separated tokens (labels and names).
BARE_CREDIT_MAX_TOKENS: int = _DATA["bare_credit_max_tokens"]
TOKEN = re.compile(r"\S+")


def bare_lead_credit(text: str) -> tuple[int, int, int] | None:
    """`本报讯 记者 某某 正文`: (credit start, credit end, body start) of an unbracketed credit.

    Only spaces separate the credit from the lead and the body, and typography removes
    those spaces later, so the credit must be found while they are still there. The
    credit is the longest run of leading tokens that reads as labels and names, and
    something must follow it; a lead whose text starts at once (`本报讯 日前，…`) has none.
    """
    m = LEAD_OPENING.match(text)
    if not m or not text[m.end() : m.end() + 1].isspace():
        return None
    tokens = list(TOKEN.finditer(text, m.end()))[: BARE_CREDIT_MAX_TOKENS + 1]
    best = None
    for k in range(1, len(tokens)):
        if credit_names(text[tokens[0].start() : tokens[k - 1].end()]):
            best = k
    if best is None:
        return None
    return tokens[0].start(), tokens[best - 1].end(), tokens[best].start()


def lead_byline(text: str) -> list[str] | None:
    """`本报讯 记者 某某` or `本报讯（记者 某某）` standing alone on its line: the names of its credit.

    The lead opens the credit, and the story starts on the next line; the whole line is a byline."""
    m = LEAD_OPENING.match(text.strip())
    if not m:
        return None
    rest = text.strip()[m.end() :].strip()
    credit = CREDIT.fullmatch(rest)
    return credit_names(credit.group("names"), bare=True) if credit else credit_names(rest)


def title_line_credit(text: str, min_title_cjk: int) -> tuple[str, list[str]] | None:
    """A byline printed on a title line: (the title, the names), or None.

    Three forms, most certain first: a slash label (`标题文/某某`, the space before it already
    gone); a labelled credit after a space (`标题 本报记者 某某`); bare names after a space
    (`标题 某某`), only when the title before them holds at least `min_title_cjk` ideographs, so
    that a headline of two short clauses (`春天来了 花开了`) keeps its second clause."""
    t = text.strip()
    book = book_title_line(t)
    if book:
        return book
    for m in SLASH_LABEL.finditer(t):
        head, names = t[: m.start()].rstrip(), credit_names(t[m.start() :])
        if head and names:
            return head, names
    tokens = t.split()
    for k in range(1, len(tokens)):
        head, tail = " ".join(tokens[:k]), " ".join(tokens[k:])
        names = credit_names(tail)
        if names:
            return head, names
    for k in range(1, len(tokens)):
        head, tail = " ".join(tokens[:k]), tokens[k:]
        if len(CJK_RUN.findall(head)) >= min_title_cjk and all(is_bare_name(x) for x in tail):
            return head, tail
    return None


def book_title_line(text: str) -> tuple[str, list[str]] | None:
    """`《西游记》吴承恩（明）` at the top of a book file: the title in 《》 is the book's, the name after it
    (a bare name, the era in brackets left out) its author. A title in 《》 followed by more than a
    name (`《某书》读后感`) is no such line."""
    m = BOOK_TITLE_LINE.match(text.strip())
    if m is None or not is_bare_name(m.group("name")):
        return None
    return m.group("title").strip(), [m.group("name")]


#: A bare name on a title line: two or three ideographs (a four-character tail is a clause).
BARE_NAME = re.compile(rf"^[{HAN_CLASS}]{{2,3}}$")


def is_bare_name(text: str) -> bool:
    return bool(BARE_NAME.match(text))
