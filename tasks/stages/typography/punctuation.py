"""Full-width punctuation inside Chinese text (STYLE.md section 2, GB/T 15834-2011).

A half-width mark becomes full-width only when it touches Chinese; ASCII stays
where it belongs (numbers with separators, times, URLs, e-mail addresses,
Latin words, formulas). "Touching" looks past spaces, because the spacing rules
run after these and must not change what these decide (the stage is idempotent).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, containing
from zhclean.tasks.text.charsets import IDEOGRAPH, IDEOGRAPH_CLASS
from zhclean.tasks.text.forms import SMALL_FORM_RE, find_small_forms
from zhclean.tasks.text.protect import address_spans

#: This module's rules, in the order they run (the stage runs the quote rules before them, so
#: the marks here see curled quotes: `”,` -> `”，` in the same pass as in the next one).
RULES = RuleList()

#: The marks, sets and thresholds of this module (`data/punctuation.toml` says why each is so).
DATA = load(__file__, "punctuation")

#: Punctuation that belongs to Chinese text: CJK symbols, full-width forms, curly quotes, … and —.
CJK_PUNCT: str = DATA["cjk_punct"]

#: A character that makes its neighbourhood Chinese.
CJK_CONTEXT_RE = re.compile(f"[{IDEOGRAPH_CLASS}{CJK_PUNCT}]")

#: Spaces of every kind: skipped when looking for the neighbour of a mark.
SPACE_CHARS: str = DATA["space_chars"]
SPACE_CLASS = f"[{SPACE_CHARS}]"
SPACE_RE = re.compile(SPACE_CLASS)

#: Looked past when deciding whether a mark touches Chinese: ASCII punctuation, which another
#: rule of this stage may or may not have made full-width yet (`中,,` `中),` `"好"!`); deciding
#: the same way before and after keeps the stage idempotent.
LOOK_PAST = string.punctuation
#: The full-width marks this stage makes from ASCII ones. A rule that decides from a neighbour
#: mark looks past both forms, so a neighbour converted by a later rule (or in this pass rather
#: than the next) cannot change its decision.
MADE_FULLWIDTH: str = DATA["made_fullwidth"]
LOOK_PAST_BOTH = LOOK_PAST + MADE_FULLWIDTH


def is_protected(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


def neighbour(text: str, pos: int, step: int, skip: str = "") -> str:
    """The first character from `pos` in direction `step` that is not a space (nor in `skip`)."""
    i = pos
    while 0 <= i < len(text):
        ch = text[i]
        if not (SPACE_RE.match(ch) or ch in skip):
            return ch
        i += step
    return ""


#: Marks that English and other languages use too (curly quotes, …, —, ·): by themselves they do
#: not make a neighbourhood Chinese, so "touching" looks past them to the text they belong to.
SHARED_MARKS: str = DATA["shared_marks"]


def touches_cjk(text: str, start: int, end: int, skip: str = LOOK_PAST) -> bool:
    """True when the span's nearest non-space neighbour on either side is Chinese (looking past
    the marks Chinese shares with other languages: `“Hello,” she said` is English)."""
    skip += SHARED_MARKS
    before = neighbour(text, start - 1, -1, skip)
    after = neighbour(text, end, 1, skip)
    return bool(CJK_CONTEXT_RE.match(before) or CJK_CONTEXT_RE.match(after))


# --- half-width marks -> full-width -------------------------------------------------------

#: Half-width mark -> full-width mark, with a pattern of where the ASCII form must stay.
FULLWIDTH: dict[str, tuple[str, re.Pattern[str] | None]] = {
    mark: (entry["full"], re.compile(entry["keep_ascii"]) if "keep_ascii" in entry else None)
    for mark, entry in DATA["fullwidth"].items()
}


def _keeps_ascii(pattern: re.Pattern[str] | None, text: str, i: int) -> bool:
    """True when the mark at i is inside a match of the ASCII-context pattern (`1,200`, `10:52`)."""
    if pattern is None:
        return False
    lo = max(0, i - 1)
    return any(m.start() <= i < m.end() for m in pattern.finditer(text, lo, i + 5))


#: The Latin text before a mark, back to the nearest Chinese character or quote.
LATIN_BEFORE_RE = re.compile(f'[^{IDEOGRAPH_CLASS}{CJK_PUNCT}"]*$')
#: Two Latin words with a space between them make an English sentence, not a term (`APP`, `Wi-Fi`).
LATIN_SENTENCE_RE = re.compile(DATA["latin_sentence"])


def in_latin_sentence(text: str, i: int) -> bool:
    """A mark glued to the end of an English sentence quoted in Chinese text (`“Hello, world!”`)
    is part of it and stays ASCII; a mark after a Latin term (`下载APP!`) is Chinese."""
    if i == 0 or not (text[i - 1].isascii() and text[i - 1].isalnum()):
        return False
    latin = LATIN_BEFORE_RE.search(text, 0, i)
    return latin is not None and LATIN_SENTENCE_RE.search(latin.group()) is not None


def _fullwidth_finder(mark: str):
    """A mark becomes full-width unless it is in a URL, in an ASCII context (`1,200`), glued to an
    English sentence, or away from Chinese. Right after an ideograph (most marks of a Chinese
    text) the last two are decided: `in_latin_sentence` needs a Latin letter or digit there, and
    `touches_cjk` finds that ideograph, as no ideograph is a space or a mark it looks past
    (`test_an_ideograph_is_neither_a_space_nor_looked_past` keeps the data so). Their
    per-mark Python, skipped, was a tenth of typesetting at 1,000 documents."""
    full, keep = FULLWIDTH[mark]

    def find(text: str, _options: Options) -> Iterator[Change]:
        if mark not in text:
            return
        spans = address_spans(text)
        i = text.find(mark)
        while i >= 0:  # only the mark's positions (str.find runs in C)
            at, i = i, text.find(mark, i + 1)
            if (spans and is_protected(at, spans)) or _keeps_ascii(keep, text, at):
                continue
            after_ideograph = at and IDEOGRAPH.match(text, at - 1)
            if after_ideograph or (not in_latin_sentence(text, at) and touches_cjk(text, at, at + 1)):
                yield Change(at, at + 1, full)

    return find


# --- ellipsis ---------------------------------------------------------------------------

ELLIPSIS: str = DATA["ellipsis"]["mark"]
#: Middle dots, three of which make an ellipsis; a character that is one on its own.
ELLIPSIS_DOTS: str = DATA["ellipsis"]["dots"]
ELLIPSIS_SINGLE: str = DATA["ellipsis"]["single"]
#: Pieces of an ellipsis: three or more dots, ideographic stops or middle dots (spaces between
#: them allowed), a midline or vertical ellipsis, U+2026. A run of pieces is one ellipsis.
_SP = f"{SPACE_CLASS}*"
ELLIPSIS_PIECE = (
    f"\\.(?:{_SP}\\.){{2,}}|。(?:{_SP}。){{2,}}"
    f"|[{ELLIPSIS_DOTS}](?:{_SP}[{ELLIPSIS_DOTS}]){{2,}}|[{ELLIPSIS_SINGLE}]"
)
ELLIPSIS_RE = re.compile(f"(?:{ELLIPSIS_PIECE})(?:{_SP}(?:{ELLIPSIS_PIECE}))*")
#: Text without one of these holds no ellipsis (a lone 。 is a full stop).
ELLIPSIS_HINT_RE = re.compile(f"[.{ELLIPSIS_DOTS}{ELLIPSIS_SINGLE}]|。{_SP}。")
#: Its two halves: each found by a fast scan in C, which the alternation was not (3 us a block).
_ELLIPSIS_MARK_RE = re.compile(f"[.{ELLIPSIS_DOTS}{ELLIPSIS_SINGLE}]")
_TWO_STOPS_RE = re.compile(f"。{_SP}。")


def could_hold_ellipsis(text: str) -> bool:
    """`ELLIPSIS_HINT_RE.search(text)`, one half at a time."""
    return bool(_ELLIPSIS_MARK_RE.search(text) or _TWO_STOPS_RE.search(text))


#: An ellipsis made of ASCII dots only counts in Chinese context (not `1...10` in code).
ASCII_DOTS = re.compile(f"[.{SPACE_CHARS}]+")


def find_ellipses(text: str, _options: Options) -> Iterator[Change]:
    spans: list[tuple[int, int]] | None = None
    for m in ELLIPSIS_RE.finditer(text):
        if m.group() == ELLIPSIS:
            continue
        spans = address_spans(text) if spans is None else spans
        if is_protected(m.start(), spans):
            continue
        if not touches_cjk(text, m.start(), m.end()):
            continue  # `1...10` in code, `and so on…` in English
        yield Change(m.start(), m.end(), ELLIPSIS)


# --- dash -------------------------------------------------------------------------------

DASH: str = DATA["dash"]["mark"]
#: Runs of dash-like characters: em dash, horizontal bar, box lines, full-width and ASCII hyphens;
#: spaces between them do not split the run (`— —`, `--—` are one dash).
DASH_CHARS: str = DATA["dash"]["chars"]
DASH_RE = re.compile(f"[{DASH_CHARS}](?:{SPACE_CLASS}*[{DASH_CHARS}])*")
DASH_HINT_RE = re.compile(f"[{DASH_CHARS}]")
#: A single one of these is a hyphen or a minus sign, not a dash.
HYPHENS: str = DATA["dash"]["hyphens"]


#: A lone — between two Chinese runs this short is a connector (`甲—乙—丙`), not a dash.
CONNECTOR_MAX_RUN: int = DATA["dash"]["connector_max_run"]


def _ideograph_run(text: str, pos: int, step: int) -> tuple[int, str]:
    """Length of the ideograph run from pos in direction step (looking past spaces inside it),
    and the character that ends it ('' at the edge of the text)."""
    n = 0
    i = pos
    while 0 <= i < len(text):
        ch = text[i]
        if IDEOGRAPH.match(ch):
            n += 1
        elif not SPACE_RE.match(ch):
            return n, ch
        i += step
    return n, ""


def _is_connector(text: str, start: int, end: int) -> bool:
    """A single dash glued to digits/Latin, to short terms on both sides, or inside a chain of
    short terms (`甲—乙—丙`) links them (一字线) rather than breaking the sentence."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not before or not after or SPACE_RE.match(before) or SPACE_RE.match(after):
        return False
    if (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
        return True
    (left, left_end), (right, right_end) = _ideograph_run(text, start - 1, -1), _ideograph_run(text, end, 1)
    if not left or not right:
        return False
    if left <= CONNECTOR_MAX_RUN and right <= CONNECTOR_MAX_RUN:
        return True
    return (left <= CONNECTOR_MAX_RUN and left_end == "—") or (
        right <= CONNECTOR_MAX_RUN and right_end == "—"
    )


def find_dashes(text: str, _options: Options) -> Iterator[Change]:
    spans: list[tuple[int, int]] | None = None
    for m in DASH_RE.finditer(text):
        run = m.group()
        if run == DASH:
            continue
        spans = address_spans(text) if spans is None else spans
        if is_protected(m.start(), spans):
            continue
        if not touches_cjk(text, m.start(), m.end(), LOOK_PAST_BOTH):
            continue  # a dash of an English sentence (`good — very good`) or `--` in code
        if len(run) == 1:
            if run in HYPHENS or _is_connector(text, m.start(), m.end()):
                continue  # a hyphen, a minus, or a lone — linking two terms
        elif all(ch in HYPHENS or SPACE_RE.match(ch) for ch in run) and not touches_cjk(
            text, m.start(), m.end(), LOOK_PAST_BOTH
        ):
            continue  # `--` in code or in an ASCII sentence
        yield Change(m.start(), m.end(), DASH)


# --- parentheses ------------------------------------------------------------------------

OPEN, CLOSE = "(（", ")）"
#: Inside a formula's parentheses, a mark this stage made full-width does not make it Chinese.
NOT_CHINESE_INSIDE = str.maketrans("", "", MADE_FULLWIDTH)
#: Nor, inside any parentheses, a mark other languages share (`(A” A)` is English).
NOT_CHINESE_BY_ITSELF = str.maketrans("", "", SHARED_MARKS)


def paren_pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Matching (open, close) positions of half- and full-width parentheses, and the unmatched."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i, ch in enumerate(text):
        if ch in OPEN:
            stack.append(i)
        elif ch in CLOSE:
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
    return pairs, lone + stack


def find_parens(text: str, _options: Options) -> Iterator[Change]:
    """Convert a pair that encloses or touches Chinese, or that is half of a full-width pair."""
    if "(" not in text and ")" not in text:
        return  # only half-width parentheses ever change
    spans = address_spans(text)
    pairs, lone = paren_pairs(text)
    for start, end in pairs:
        if is_protected(start, spans) or text[start] + text[end] == "（）":
            continue
        inside = text[start + 1 : end]
        if (
            not CJK_CONTEXT_RE.search(inside.translate(NOT_CHINESE_INSIDE))
            and start > 0
            and text[start - 1].isascii()
            and text[start - 1].isalnum()
        ):
            continue  # f(x), A(1): part of a formula or a Latin token
        chinese = (
            CJK_CONTEXT_RE.search(inside.translate(NOT_CHINESE_BY_ITSELF))
            or text[start] == "（"
            or text[end] == "）"
            or touches_cjk(text, start, end + 1)
        )
        if chinese:
            if text[start] == "(":
                yield Change(start, start + 1, "（")
            if text[end] == ")":
                yield Change(end, end + 1, "）")
    for i in lone:
        # look past marks of both widths: this stage may convert a neighbour before the next pass
        if text[i] in "()" and not is_protected(i, spans) and touches_cjk(text, i, i + 1, LOOK_PAST_BOTH):
            yield Change(i, i + 1, "（" if text[i] == "(" else "）")


# --- full stop --------------------------------------------------------------------------

#: What may follow a Chinese full stop: Chinese, a quote, a parenthesis, or the end.
PERIOD_NEXT_RE = re.compile(f"[{IDEOGRAPH_CLASS}{DATA['period']['next_marks']}]")
#: A sentence may end on these after its last ideograph (`占比40%.`, `（见附件）.`, `“再见”.`).
PERIOD_AFTER_TAIL: str = DATA["period"]["after_tail"]
#: Before a number, these make it a section's number (`第3.`): its point is never a full stop.
PERIOD_NUMBERING: str = DATA["period"]["numbering_before"]


def ends_chinese_sentence(text: str, i: int, last: bool = False) -> bool:
    """The `.` at i follows an ideograph, directly or after a tail of digits, % and closing marks.
    After a bare number it is the number's point (`第3.1条` / `2022.2`), unless it is the `last`
    mark of the text, where no digit can follow: `以上代码输出3.` ends its sentence (not a
    section's number, `第3.`, whose rest a line break may have cut off)."""
    j = i - 1
    tail = ""
    while j >= 0 and (text[j] in PERIOD_AFTER_TAIL or SPACE_RE.match(text[j])):
        tail = text[j] + tail
        j -= 1
    if j < 0 or not IDEOGRAPH.match(text[j]):
        return False
    marks = "".join(tail.split())
    return not marks or not marks.isdigit() or (last and text[j] not in PERIOD_NUMBERING)


def find_periods(text: str, _options: Options) -> Iterator[Change]:
    """`.` ending a Chinese sentence (after an ideograph, or after `40%` / `）` / `”` that follow
    one) and before Chinese or the end -> `。`. A bare number before it (`2022.2`) keeps it, but
    at the end of the text (`排名第1.`)."""
    spans = address_spans(text)
    for i, ch in enumerate(text):
        if ch != "." or is_protected(i, spans):
            continue
        after = neighbour(text, i + 1, 1)
        if (not after or PERIOD_NEXT_RE.match(after)) and ends_chinese_sentence(text, i, last=not after):
            yield Change(i, i + 1, "。")


# --- full-width digits and letters --------------------------------------------------------

#: GB/T 15835-2011 writes Arabic digits half-width, and mainland print sets Latin letters the same
#: way: `２０２２年` -> `2022年`, `ＡＰＰ` -> `APP`. (Full-width punctuation is a different matter.)
#: Inside such a run, a full-width point or hyphen is the decimal point or hyphen of the token
#: (`９８．５`, `Ｗｉ－Ｆｉ`, `０４３２－６２０１`); elsewhere they are Chinese marks and stay.
_FW_ALNUM: str = DATA["fullwidth_alnum"]["run"]
#: Between full-width digits a full-width colon is the colon of a time (`１６：３２` -> `16:32`).
_FW_JOIN = f"[{DATA['fullwidth_alnum']['joiners']}]|(?<=[０-９])[{DATA['fullwidth_alnum']['digit_joiners']}](?=[０-９])"
FULLWIDTH_ALNUM_RE = re.compile(f"{_FW_ALNUM}(?:(?:{_FW_JOIN}){_FW_ALNUM})*")
#: Where `FULLWIDTH_ALNUM_RE` matches, its first part does (the rest may repeat no times): the
#: same test in a third of the time.
FULLWIDTH_ALNUM_HINT_RE = re.compile(_FW_ALNUM)


def find_fullwidth_alnum(text: str, _options: Options) -> Iterator[Change]:
    for m in FULLWIDTH_ALNUM_RE.finditer(text):
        yield Change(m.start(), m.end(), "".join(chr(ord(ch) - 0xFEE0) for ch in m.group()))


# --- the middle dot of a transliterated name ----------------------------------------------

#: `阿布.哈桑`, `阿布•哈桑`, `阿布・哈桑` -> `阿布·哈桑` (STYLE.md section 2). A dot other than the
#: ASCII point between two ideographs is always the separator of a name; an ASCII point (or 。)
#: only when at least `part_min` characters of transliteration stand on both sides of it
#: (`他走了.我来了` ends a sentence).
NAME_DOT: str = DATA["name_dot"]["mark"]
NAME_DOTS: str = DATA["name_dot"]["dots"]
NAME_POINTS: str = DATA["name_dot"]["points"]
TRANSLITERATION: str = DATA["name_dot"]["transliteration"]
NAME_PART_MIN: int = DATA["name_dot"]["part_min"]
_I = f"[{IDEOGRAPH_CLASS}]"
#: A dot between ideographs. The dot comes first and the ideograph before it is asserted after
#: it (`(?<=` the two `)`): the regex engine then scans for the dots alone, where a pattern
#: opening with the assertion was tried at every character (3.6 times as long).
NAME_DOT_RE = re.compile(f"[{NAME_DOTS}](?<={_I}[{NAME_DOTS}])(?={_I})")
_T = f"[{TRANSLITERATION}]{{{NAME_PART_MIN},}}"
NAME_POINT_RE = re.compile(f"{_T}(?:[{NAME_POINTS}{NAME_DOTS}{NAME_DOT}]{_T})+")
NAME_HINT_RE = re.compile(f"[{NAME_DOTS}{NAME_POINTS}]")


def find_name_dots(text: str, _options: Options) -> Iterator[Change]:
    for m in NAME_DOT_RE.finditer(text):
        yield Change(m.start(), m.end(), NAME_DOT)
    for m in NAME_POINT_RE.finditer(text):
        for i, ch in enumerate(m.group(), m.start()):
            if ch in NAME_POINTS:
                yield Change(i, i + 1, NAME_DOT)


# --- book titles typed with ASCII angle brackets -------------------------------------------

#: `<红楼梦>` or `<<红楼梦>>` -> `《红楼梦》`: the brackets hold a Chinese title (two or more
#: ideographs, mostly ideographs, no spaces, `=` or brackets), which a formula (`a<b且b>c`) or a
#: tag (`<p>`, always Latin) never is.
ANGLE_TITLE_MAX_CHARS: int = DATA["angle_title"]["max_chars"]
ANGLE_TITLE_MIN_IDEOGRAPHS: int = DATA["angle_title"]["min_ideographs"]
ANGLE_TITLE_RE = re.compile(f"(<<?)([{IDEOGRAPH_CLASS}][^<>=\\s]{{0,{ANGLE_TITLE_MAX_CHARS}}}?)(>>?)")


def find_angle_titles(text: str, _options: Options) -> Iterator[Change]:
    if "<" not in text:
        return
    for m in ANGLE_TITLE_RE.finditer(text):
        inside = m.group(2)
        ideographs = len(IDEOGRAPH.findall(inside))
        if (
            len(m.group(1)) != len(m.group(3))
            or ideographs < ANGLE_TITLE_MIN_IDEOGRAPHS
            or ideographs * 2 < len(inside)
        ):
            continue
        yield Change(m.start(), m.end(), f"《{inside}》")


STAGE = "typography"

#: Full-width mark rules by name, in the order they run.
MARK_RULES = {
    ",": "punct.fullwidth_comma",
    ":": "punct.fullwidth_colon",
    ";": "punct.fullwidth_semicolon",
    "?": "punct.fullwidth_question",
    "!": "punct.fullwidth_exclamation",
}

RULES.add(
    Rule(
        "punct.small_form",
        STAGE,
        "small-form/vertical variants -> full-width",
        find_small_forms,
        could_apply=SMALL_FORM_RE.search,
    )
)
RULES.add(
    Rule(
        "punct.halfwidth_alnum",
        STAGE,
        "full-width digits/letters -> ASCII",
        find_fullwidth_alnum,
        could_apply=FULLWIDTH_ALNUM_HINT_RE.search,
    )
)
RULES.add(
    Rule(
        "punct.book_title_angle",
        STAGE,
        "<书名> -> 《书名》",
        find_angle_titles,
        could_apply=containing("<"),
    )
)
RULES.add(
    Rule(
        "punct.name_dot",
        STAGE,
        "the separator in a transliterated name -> ·",
        find_name_dots,
        could_apply=NAME_HINT_RE.search,
    )
)
RULES.add(
    Rule(
        "punct.ellipsis",
        STAGE,
        "ellipsis variants -> ……",
        find_ellipses,
        could_apply=could_hold_ellipsis,
    )
)
RULES.add(Rule("punct.dash", STAGE, "dash variants -> ——", find_dashes, could_apply=DASH_HINT_RE.search))
# Parentheses before the marks: `,(中)` -> `,（中）` -> `，（中）` in one pass, as in the next.
RULES.add(
    Rule(
        "punct.fullwidth_parens",
        STAGE,
        "( ) around or next to Chinese -> （ ）",
        find_parens,
        could_apply=containing("(", ")"),
    )
)
for _mark, _name in MARK_RULES.items():
    RULES.add(
        Rule(
            _name,
            STAGE,
            f"{_mark} touching Chinese -> {FULLWIDTH[_mark][0]}",
            _fullwidth_finder(_mark),
            could_apply=containing(_mark),
        )
    )
RULES.add(
    Rule(
        "punct.fullwidth_period",
        STAGE,
        ". after Chinese -> 。",
        find_periods,
        could_apply=containing("."),
    )
)
