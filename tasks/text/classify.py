"""What a line of text is: sentence end, heading shape, caption, byline, subtitle, signature.

Pure predicates on one string, shared by the joiner (stages/join/) and the
segmenter (segment.py). They look at punctuation, length and a few generic
words of the genre (STYLE.md sections 4 and 5), never at known titles or names.
They accept both ASCII and full-width punctuation, because joining runs before
typography and segmenting after it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from zhclean.tasks.core.data import load
from zhclean.tasks.text import bylines
from zhclean.tasks.text.charsets import CJK, HAN_CLASS

_DATA = load(__file__, "classify")
_HEADINGS = _DATA["headings"]
_CAPTIONS = _DATA["captions"]
_SUBTITLES = _DATA["subtitles"]

#: Characters that end a sentence, full-width and ASCII (`…` covers `……`).
SENTENCE_FINAL: str = _DATA["sentence_final"]
#: Closing marks that end a sentence when they follow a sentence-final character.
CLOSERS: str = _DATA["closers"]
#: Characters after which a line cannot end a heading: the sentence goes on.
NON_FINAL_PUNCT: str = _DATA["non_final_punct"]
#: Opening/closing pairs: an unclosed opener means the sentence continues.
PAIRS: dict[str, str] = _DATA["pairs"]
#: Marks that end a sentence inside a line.
SENTENCE_STOP = re.compile(_DATA["sentence_stop"])
#: Marks that end a sentence or a full clause (`；`).
SENTENCE_STOPS = frozenset(_DATA["sentence_stops"])
#: A sentence end (or `；`) with more CJK text after it: the line holds a sentence.
INNER_SENTENCE_END = re.compile(rf"[{_DATA['sentence_stops']}](?=.*[{HAN_CLASS}])")
#: Clause punctuation; where a line's first clause ends; what a clause's length ignores.
CLAUSE_PUNCT = re.compile(_DATA["clause_punct"])
FIRST_CLAUSE_END = re.compile(_DATA["first_clause_end"])
CLAUSE_IGNORED = re.compile(_DATA["clause_ignored"])
#: Clause commas (an enumeration comma `、` does not count).
CLAUSE_COMMA = re.compile(_DATA["clause_comma"])
#: Clause or sentence punctuation, which a `主题——副题` headline has none of.
TITLE_DASH_PUNCT = re.compile(_DATA["title_dash_punct"])

#: The mark the repair stage leaves for a character it could not recover: it could be anything.
LOST = "〓"
CJK_CHAR = CJK
#: A heading longer than this (in characters, spaces ignored) is rather a paragraph fragment.
HEADING_MAX_CHARS: int = _HEADINGS["max_chars"]
#: A `主题——副题` headline may run this long...
TITLE_DASH_MAX_CHARS: int = _HEADINGS["title_dash_max_chars"]
#: ...and each side holds at least this many CJK characters.
TITLE_DASH_MIN_SIDE: int = _HEADINGS["title_dash_min_side"]
#: Clause separators inside a heading: `风雨同舟 共克时艰`, `一声令下，全域联动`.
CLAUSE_SEP = re.compile(_HEADINGS["clause_sep"])
#: Enumerated section headings: `一、`, `（一）`, `1.`, `第一`.
ENUMERATED = re.compile(_HEADINGS["enumerated"])
#: Function words a heading never ends on: a line ending on one is cut mid-clause.
FRAGMENT_END = frozenset(_HEADINGS["fragment_end"])
#: These end a short heading but not one with a clause comma.
CLAUSE_FRAGMENT_END = frozenset(_HEADINGS["clause_fragment_end"])
#: Measure words and units that follow a number (`共完成42` + `个小区……`).
UNIT_START = frozenset(_HEADINGS["unit_start"])
#: A line that opens with a date or time reads as a sentence, not a heading.
DATE_START = re.compile(_HEADINGS["date_start"])

# -- captions ---------------------------------------------------------------
#: Photo arrows that open a caption; the mark itself is removed (`caption.arrow`).
CAPTION_ARROW = re.compile(_CAPTIONS["arrow"])
#: A position note in a photo caption: `（左二）`, `(前排左三)`, `（右二为某某）`.
POSITION_NOTE = re.compile(_CAPTIONS["position_note"])
#: A caption's opening words: `图为……`, `上图：……`, `左图为……`.
CAPTION_LEAD = re.compile(_CAPTIONS["lead"])
#: Photo credits: `资料片由…提供`, `…摄`, `供图`, `图片来源`.
CREDIT_WORDS: tuple[str, ...] = tuple(_CAPTIONS["credit_words"])
CREDIT_END = re.compile(_CAPTIONS["credit_end"])
#: A credit that is a caption on its own: `……。 某某 摄`, `……。（资料图片）`.
PHOTO_CREDIT = re.compile(
    rf"(?<=[。！？!?”])\s*(?:(?:[{HAN_CLASS}]{{2,4}}\s*){{1,3}}[/／]?\s*摄"
    rf"|[（(](?:资料图片?|资料照片|网络图片|图片来源[^()（）]{{0,12}}|(?:[{HAN_CLASS}]{{2,4}}\s*){{1,3}}[/／]?\s*摄)[)）])\s*$"
)
#: A caption is one short descriptive sentence.
CAPTION_MAX_CHARS: int = _CAPTIONS["max_chars"]

# -- bylines and subtitles ---------------------------------------------------
#: A subtitle line under a title: `——记…`, `—— …`, or `记…` standing alone.
SUBTITLE = re.compile(_SUBTITLES["dashed"])
JI_SUBTITLE = re.compile(_SUBTITLES["ji"])
#: A dashed subtitle holds at least this many CJK characters.
SUBTITLE_MIN_CJK: int = _SUBTITLES["min_cjk"]
#: The split of a title `主题——副题`.
TITLE_DASH = re.compile(_SUBTITLES["title_dash"])
#: The gap between the parts of a headline printed `主题　副题`.
TITLE_GAP = re.compile(_SUBTITLES["title_gap"])
#: Whom a `记…` subtitle portrays.
JI_WHO = re.compile(_SUBTITLES["ji_who"])
#: A trailing signature: a sentence end, then a 2–4 character name (maybe with one space).
SIGNATURE = re.compile(rf"(?<=[。！？!?”])\s*(?P<name>[{HAN_CLASS}](?:\s?[{HAN_CLASS}]){{1,3}})\s*$")
#: A trailing parenthesised signature: `（张三）`.
PAREN_SIGNATURE = re.compile(rf"(?<=[。！？!?”])\s*[（(](?P<name>[{HAN_CLASS}]{{2,4}})[)）]\s*$")
#: A signed paragraph holds at least this many CJK characters before its signature.
SIGNATURE_MIN_BODY_CJK: int = _DATA["signatures"]["min_body_cjk"]
#: A name in brackets standing alone (`（某某）`).
BRACKETED_NAME = re.compile(rf"^[（(](?P<name>[{HAN_CLASS}]{{2,4}})[)）]$")
#: Editorial marks where a signature stands (`（待续）`): never a name.
END_MARKS = frozenset(_DATA["signatures"]["end_marks"])
#: A bracketed credit closing a paragraph: `……。（通讯员 某某）`.
TRAILING_CREDIT = re.compile(rf"(?<=[。！？!?”])\s*{bylines.CREDIT.pattern}\s*$")
#: What a bracketed credit ends with: a paragraph that ends (but for white space) otherwise has
#: none, and is not searched for one (the search, tried at every character of every paragraph,
#: was a twelfth of the join stage).
CREDIT_CLOSERS = (")", "）")
#: A bare name line: a pen name or author under a title (`忠言`).
NAME_LINE = re.compile(rf"^\s*[{HAN_CLASS}]{{2,4}}\s*$")


#: Lines a document's classifiers ask about, remembered: the same line is asked several times
#: over (measured: `visible` 8 times, `heading_like` 5 times per distinct line of a document, as
#: each line is weighed against its neighbours). Pure functions of the text, so a bounded cache
#: holds nothing a document could change.
LINE_CACHE = 4096


@lru_cache(maxsize=LINE_CACHE)
def visible(text: str) -> str:
    """The text without whitespace and invisible format characters (zero-width spaces, BOM).

    Done in C for nearly every line: `str.split()` splits on exactly the characters
    `str.isspace` accepts, and a format (`Cf`) character is never printable, so a printable
    remainder has nothing left to drop; only a remainder holding some non-printable character
    is filtered one character at a time."""
    text = "".join(text.split())
    if text.isprintable():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def visible_len(text: str) -> int:
    """Length without whitespace: OCR spaces and zero-width characters do not make a line longer."""
    return len(visible(text))


def cjk_count(text: str) -> int:
    return len(CJK_CHAR.findall(text))


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation, maybe followed by closing marks."""
    t = text.rstrip()
    while t and (t[-1] in CLOSERS or t[-1] == LOST):
        t = t[:-1].rstrip()
    if not t:
        return False
    if t[-1] == "." and len(t) > 1 and t[-2].isdigit():
        return False  # `2022.` is a number, not a sentence end
    return t[-1] in SENTENCE_FINAL


def ends_open(text: str) -> bool:
    """True when the text stops on punctuation that cannot end anything (`，`, `、`, `《`)."""
    t = text.rstrip()
    return bool(t) and t[-1] in NON_FINAL_PUNCT


def unclosed(text: str) -> bool:
    """An opening bracket or quote without its closer, or an odd number of straight quotes."""
    for left, right in PAIRS.items():
        if text.count(left) > text.count(right):
            return True
    return text.count('"') % 2 == 1


def opens_with_closer(text: str) -> bool:
    """The text closes a bracket or quote it never opened, before its first sentence end."""
    first = SENTENCE_STOP.split(text, maxsplit=1)[0]
    return any(first.count(right) > first.count(left) for left, right in PAIRS.items())


def first_clause(text: str) -> str:
    """The words before the first clause punctuation; spaces and quotes do not count."""
    body = CLAUSE_IGNORED.sub("", text)
    return FIRST_CLAUSE_END.split(body, maxsplit=1)[0]


def last_clause(text: str) -> str:
    parts = CLAUSE_PUNCT.split(text.strip())
    return parts[-1] if parts else ""


def has_inner_sentence_end(text: str) -> bool:
    """A sentence end inside the text (not at its end): it is prose, not a heading."""
    return bool(INNER_SENTENCE_END.search(text.rstrip()))


def clauses(text: str) -> list[str]:
    return [c for c in CLAUSE_SEP.split(text.strip()) if c]


def is_enumerated(text: str) -> bool:
    return bool(ENUMERATED.match(text))


def number_cut(left: str, right: str) -> bool:
    """`……共完成42` + `个小区`: a number and its measure word on two lines."""
    a, b = visible(left), visible(right)
    return bool(a) and bool(b) and a[-1].isdigit() and b[0] in UNIT_START


def ends_on_function_word(text: str) -> bool:
    """The line stops on a word that needs a continuation (`的`, `和`, `把`; `了` after a comma).

    A bare 2–4 character name (`李为`) is not cut: names may end on such characters.
    """
    t = visible(text)
    if not t or (is_name_line(text) and t[-1] != "的"):
        return False
    if t[-1] in FRAGMENT_END:
        return True
    return t[-1] in CLAUSE_FRAGMENT_END and bool(CLAUSE_COMMA.search(t))


@lru_cache(maxsize=LINE_CACHE)
def heading_like(text: str) -> bool:
    """Short, no sentence end, no dangling punctuation, no inner sentence: the shape of a heading."""
    if not text.strip() or ends_sentence(text) or ends_open(text) or ends_on_function_word(text):
        return False
    if has_inner_sentence_end(text):
        return False
    if visible_len(text) > HEADING_MAX_CHARS and not title_dash_shape(text):
        return False
    return not DATE_START.match(text)


# -- captions ---------------------------------------------------------------


def caption_arrow(text: str) -> re.Match[str] | None:
    return CAPTION_ARROW.match(text)


def strong_caption(text: str) -> bool:
    """A caption by its marks: an arrow, a position note or a photo credit, in one short text."""
    if caption_arrow(text):
        return True
    if visible_len(text) > CAPTION_MAX_CHARS:
        return False
    if POSITION_NOTE.search(text) and text.count("。") <= 1:
        return True
    if CAPTION_LEAD.match(text) and text.count("。") <= 1:
        return True
    if PHOTO_CREDIT.search(text) and len(SENTENCE_STOP.findall(text)) <= 1:
        return True
    return bool(CREDIT_END.search(text)) and any(w in text for w in CREDIT_WORDS)


def caption_sized(text: str) -> bool:
    """Short enough, and at most one sentence, to be a caption next to other captions."""
    body = text.strip()
    return 0 < visible_len(body) <= CAPTION_MAX_CHARS // 2 and len(SENTENCE_STOP.findall(body)) <= 1


# -- bylines, subtitles, signatures -----------------------------------------


def byline_names(text: str) -> list[str] | None:
    """Names of a byline such as `本报记者 某某 通讯员 某某` (maybe after a news lead, `本报讯 记者 某某`),
    or None when the line is not one."""
    return bylines.credit_names(text) or bylines.lead_byline(text)


def subtitle_text(text: str) -> str | None:
    """The subtitle of a `——记…` line (dashes dropped), or a bare `记…` line; else None."""
    m = SUBTITLE.match(text)
    if m and cjk_count(m.group("text")) >= SUBTITLE_MIN_CJK:
        return m.group("text").strip()
    if JI_SUBTITLE.match(text) and heading_like(text):
        return text.strip()
    return None


def split_title(text: str) -> tuple[str, str | None]:
    """`主题——副题` → (主题, 副题) when both sides are real phrases; else (text, None)."""
    parts = TITLE_DASH.split(text.strip(), maxsplit=1)
    if len(parts) == 2 and min(cjk_count(parts[0]), cjk_count(parts[1])) >= TITLE_DASH_MIN_SIDE:
        return parts[0].strip(), parts[1].strip()
    return text.strip(), None


def trailing_signature(text: str) -> tuple[str, str] | None:
    """(text without signature, name) when a paragraph ends `……。某某` or `……。（某某）`."""
    for pattern in (PAREN_SIGNATURE, SIGNATURE):
        m = pattern.search(text)
        name = re.sub(r"\s+", "", m.group("name")) if m else ""
        if m and cjk_count(text[: m.start()]) >= SIGNATURE_MIN_BODY_CJK and name not in END_MARKS:
            return text[: m.start()].rstrip(), name
    return None


def signature_line(text: str) -> list[str] | None:
    """A line that is only a signature or a credit (`（某某）`, `（通讯员 某某）`, `通讯员 某某`): its names."""
    t = text.strip()
    m = BRACKETED_NAME.match(t)
    if m and m.group("name") not in END_MARKS:
        return [m.group("name")]
    credit = bylines.CREDIT.fullmatch(t)
    return bylines.credit_names(credit.group("names"), bare=True) if credit else bylines.credit_names(t)


def trailing_credit(text: str) -> tuple[str, list[str]] | None:
    """(text without credit, names) when a paragraph ends with a labelled credit in brackets
    (`……。（通讯员 某某）`): the label says it is a credit, wherever the paragraph stands."""
    m = TRAILING_CREDIT.search(text) if text.rstrip().endswith(CREDIT_CLOSERS) else None
    names = bylines.credit_names(m.group("names"), bare=True) if m else None
    return (text[: m.start()].rstrip(), names) if m and names else None


def subtitle_names(subtitle: str) -> str | None:
    """Who a `记…` subtitle portrays (`记某单位某某` → `某单位某某`): the body's spelling of the author."""
    m = JI_WHO.match(subtitle)
    return m.group("who").strip() if m else None


def title_dash_shape(text: str) -> bool:
    """`主题——副题` or `主题　副题` (a wide gap between the parts) with no clause punctuation: a
    headline, even when longer than a heading."""
    parts = TITLE_DASH.split(text.strip(), maxsplit=1)
    if len(parts) != 2:
        parts = TITLE_GAP.split(text.strip())  # `主题　副题`: two parts, a wide gap between
    return (
        len(parts) == 2
        and all(cjk_count(p) >= TITLE_DASH_MIN_SIDE for p in parts)
        and not TITLE_DASH_PUNCT.search(text)
        and visible_len(text) <= TITLE_DASH_MAX_CHARS
    )


def is_name_line(text: str) -> bool:
    return bool(NAME_LINE.match(text))
