"""Spaces in Chinese text (STYLE.md section 3).

Registered after the punctuation rules, so a space next to a mark that has
just become full-width is seen as a space next to CJK punctuation. Three
stages: `typography` applies to every block; `typography.body` (no space
between two ideographs) only to paragraphs and captions, because a headline
keeps one space between its clauses; `typography.heading` collapses such a
space to one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, containing
from zhclean.tasks.stages.typography.guard import PROTECTED, PROTECTED_ADDRESS
from zhclean.tasks.stages.typography.punctuation import CJK_CONTEXT_RE, CJK_PUNCT
from zhclean.tasks.text.charsets import IDEOGRAPH_CLASS

#: This module's rules, in the order they run.
RULES = RuleList()

#: The character sets and thresholds of this module (`data/spacing.toml` says why each is so).
DATA = load(__file__, "spacing")

STAGE = "typography"
BODY_STAGE = "typography.body"
HEADING_STAGE = "typography.heading"

#: Zero-width characters: removed.
ZERO_WIDTH: str = DATA["zero_width"]
#: Other spaces (no-break, fixed-width, ideographic, tab): become one ordinary space.
ODD_SPACES: str = DATA["odd_spaces"]
SPACE_UNICODE_RE = re.compile(f"[{ZERO_WIDTH}]|[{ODD_SPACES}]")

#: Marks that also appear in Latin text (“ ” ‘ ’ — … ·): a space next to them only goes when
#: the other side is Chinese too. Every other CJK mark carries its own spacing.
SHARED_MARKS: str = DATA["shared_marks"]
OWN_SPACING = "".join(ch for ch in CJK_PUNCT if ch not in SHARED_MARKS)
SPACE_BEFORE_MARK_RE = re.compile(f"(?<=\\S) +(?=[{OWN_SPACING}])")
SPACE_AFTER_MARK_RE = re.compile(f"(?<=[{OWN_SPACING}]) +(?=\\S)")
OPENING_QUOTES: str = DATA["opening_quotes"]
CLOSING_QUOTES: str = DATA["closing_quotes"]
QUOTES = OPENING_QUOTES + CLOSING_QUOTES
SPACE_BY_QUOTE_RE = re.compile(f"(?<=[{QUOTES}]) +(?=\\S)|(?<=\\S) +(?=[{QUOTES}])")
SPACE_BY_SHARED_RE = re.compile(f"(?<=[{SHARED_MARKS}]) +(?=\\S)|(?<=\\S) +(?=[{SHARED_MARKS}])")

#: Half-width runs whose distance to Chinese the pangu option decides: digits, Latin, %.
HALFWIDTH: str = DATA["halfwidth"]
ALNUM: str = DATA["alnum"]
#: A protected span (code, path, URL, e-mail: `guard.PROTECTED`, `guard.PROTECTED_ADDRESS`)
#: counts as a half-width run.
TOKENS = PROTECTED + PROTECTED_ADDRESS
HALFWIDTH_RE = re.compile(f"[{HALFWIDTH}{TOKENS}]")
#: Where a half-width run starts (after Chinese) and ends (before Chinese): a letter or digit,
#: or a sign that belongs to it (`+5`, `$100`, `@name`, `-255`; `C++`, `A+`, `40%`).
HALF_START = (
    f"[{ALNUM}{TOKENS}]|[{re.escape(DATA['leading_signs'])}](?=[{ALNUM}])"
    f"|{re.escape(DATA['leading_minus'])}(?=[0-9])"
)
HALF_END = (
    f"(?<=[{ALNUM}{TOKENS}])|(?<=[{ALNUM}{re.escape(DATA['trailing_plus'])}]{re.escape(DATA['trailing_plus'])})"
    f"|(?<=[0-9]{re.escape(DATA['trailing_percent'])})|(?<=[A-Za-z]{re.escape(DATA['trailing_hash'])})"
)
CJK_THEN_HALF_RE = re.compile(f"(?<=[{IDEOGRAPH_CLASS}])( *)(?={HALF_START})")
#: With the pangu option an abbreviation's point ends the run too (`vs.`, `U.S.A.`); without it
#: no space is added, and none after a point is taken away.
HALF_THEN_CJK_RE = re.compile(f"(?:{HALF_END}|(?<=[A-Za-z]\\.))( *)(?=[{IDEOGRAPH_CLASS}])")
#: Without the pangu option a space also goes next to a lone `%` (`百分号 % 在`): only spaces are
#: removed then, and a lone sign is no word to set off. Only spaces are changed, so these match
#: a run of them (` +`): every other character's side is asserted, so a run is matched whole,
#: from its first space, and `find_halfwidth_gaps` tries them only where a run starts.
CJK_THEN_HALF_OR_SIGN_RE = re.compile(f"(?<=[{IDEOGRAPH_CLASS}])( +)(?={HALF_START}|%)")
HALF_OR_SIGN_THEN_CJK_RE = re.compile(f"(?:{HALF_END}|(?<=%))( +)(?=[{IDEOGRAPH_CLASS}])")
SPACE_RUN_RE = re.compile(" +")

#: Enclosed numerals (`① ⑴ ⒈ ❶`) number list items: no space between one and its Chinese item.
ENCLOSED: str = DATA["enclosed"]
ENCLOSED_RE = re.compile(f"[{ENCLOSED}]")
ENCLOSED_GAP_RE = re.compile(
    f"(?<=[{ENCLOSED}]) +(?=[{IDEOGRAPH_CLASS}])|(?<=[{IDEOGRAPH_CLASS}]) +(?=[{ENCLOSED}])"
)

BETWEEN_IDEOGRAPHS_RE = re.compile(f"(?<=[{IDEOGRAPH_CLASS}]) +(?=[{IDEOGRAPH_CLASS}])")
MANY_SPACES_RE = re.compile(" {2,}")


def find_odd_spaces(text: str, _options: Options) -> Iterator[Change]:
    for m in SPACE_UNICODE_RE.finditer(text):
        yield Change(m.start(), m.end(), "" if m.group() in ZERO_WIDTH else " ")


def space_runs(text: str) -> list[int]:
    """Where each run of spaces starts."""
    return [m.start() for m in SPACE_RUN_RE.finditer(text)]


def at_runs(pattern: re.Pattern[str], text: str, runs: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that only matches a whole run of spaces, from its
    first (asserting the characters around it): tried where a run starts, as `finditer` tried
    it at every character. `match` sees the text before `pos`, so the assertions hold."""
    return filter(None, (pattern.match(text, at) for at in runs))


def find_ideograph_gaps(text: str, _options: Options) -> Iterator[Change]:
    """The spaces between two ideographs (`BETWEEN_IDEOGRAPHS_RE`), found at the runs of spaces."""
    for m in at_runs(BETWEEN_IDEOGRAPHS_RE, text, space_runs(text)):
        yield Change(m.start(), m.end(), "")


def find_spaces_by_marks(text: str, _options: Options) -> Iterator[Change]:
    """No space before or after a full-width mark; around — … · only between Chinese.

    Spaces by quotes are left to `space.cjk_quote` (body) and `space.heading_quote`
    (headlines), as a headline's clause space may stand right next to a quote."""
    if " " not in text:
        return
    runs = space_runs(text)
    for pattern in (SPACE_BEFORE_MARK_RE, SPACE_AFTER_MARK_RE):
        for m in at_runs(pattern, text, runs):
            yield Change(m.start(), m.end(), "")
    for m in at_runs(SPACE_BY_SHARED_RE, text, runs):
        before, after = text[m.start() - 1], text[m.end()]
        if before in QUOTES or after in QUOTES:
            continue
        if CJK_CONTEXT_RE.match(before) and CJK_CONTEXT_RE.match(after) and near_chinese(text, m):
            yield Change(m.start(), m.end(), "")


def near_chinese(text: str, gap: re.Match[str]) -> bool:
    """Whether a space between two marks is in Chinese text: past the marks Chinese shares with
    other languages (“ ” ‘ ’ — … ·) and spaces, Chinese on one side at least (`A” “A` is English)."""
    for pos, step in ((gap.start() - 1, -1), (gap.end(), 1)):
        while 0 <= pos < len(text) and (text[pos] in SHARED_MARKS or text[pos] == " "):
            pos += step
        if 0 <= pos < len(text) and CJK_CONTEXT_RE.match(text[pos]):
            return True
    return False


def _quote_gaps(text: str) -> Iterator[tuple[re.Match[str], bool]]:
    """Spaces next to a quote with Chinese on the other side, and whether the space is a
    boundary (before an opening quote, after a closing one) rather than inside the quote."""
    for m in at_runs(SPACE_BY_QUOTE_RE, text, space_runs(text)):
        before, after = text[m.start() - 1], text[m.end()]
        if CJK_CONTEXT_RE.match(before) and CJK_CONTEXT_RE.match(after) and near_chinese(text, m):
            yield m, after in OPENING_QUOTES or before in CLOSING_QUOTES


def find_body_quote_gaps(text: str, _options: Options) -> Iterator[Change]:
    """In body text no space sits next to a quote between Chinese (`说 “好”` -> `说“好”`)."""
    for m, _boundary in _quote_gaps(text):
        yield Change(m.start(), m.end(), "")


def find_heading_quote_gaps(text: str, _options: Options) -> Iterator[Change]:
    """In a headline a space outside a quote is a clause break (`打造“红色引擎” 激活治理`):
    it stays, as one space; a space inside the quote (`“ 三长”`) goes."""
    for m, boundary in _quote_gaps(text):
        want = " " if boundary else ""
        if m.group() != want:
            yield Change(m.start(), m.end(), want)


def find_halfwidth_gaps(text: str, options: Options) -> Iterator[Change]:
    """No space between Chinese and digits/Latin; with `Options.pangu`, exactly one.

    A space that sets off a URL or e-mail address stays (one):
    without it the address would seem to run on into the Chinese after it."""
    default = " " if options.pangu else ""
    if not default and " " not in text:
        return  # no space to remove, and none to add
    if default:
        found: Iterable[Iterable[re.Match[str]]] = (
            p.finditer(text) for p in (CJK_THEN_HALF_RE, HALF_THEN_CJK_RE)
        )
    else:
        # only the runs of spaces can change: each pattern tried where one starts (`match` sees
        # the text before `pos`), not at every character, as `finditer` tried them
        runs = space_runs(text)
        found = (at_runs(p, text, runs) for p in (CJK_THEN_HALF_OR_SIGN_RE, HALF_OR_SIGN_THEN_CJK_RE))
    for matches in found:
        for m in matches:
            by_span = PROTECTED_ADDRESS in text[max(0, m.start() - 1) : m.end() + 1]
            want = " " if m.group(1) and by_span else default
            if m.group(1) != want:
                yield Change(m.start(), m.end(), want)


def find_enclosed_gaps(text: str, _options: Options) -> Iterator[Change]:
    for m in ENCLOSED_GAP_RE.finditer(text):
        yield Change(m.start(), m.end(), "")


def handled_elsewhere(before: str, after: str) -> bool:
    """Whether the spaces between these neighbours belong to another spacing rule."""
    ideo = f"[{IDEOGRAPH_CLASS}]"
    half = f"[{HALFWIDTH}]"
    if not before or not after:
        return True  # space.trim
    if re.match(f"[{OWN_SPACING}]", before) or re.match(f"[{OWN_SPACING}]", after):
        return True  # space.cjk_punct
    if CJK_CONTEXT_RE.match(before) and CJK_CONTEXT_RE.match(after):
        return True  # space.cjk_punct, space.inside_cjk, space.heading_clause
    return bool(
        (re.match(ideo, before) and re.match(half, after))
        or (re.match(half, before) and re.match(ideo, after))
    )


def find_many_spaces(text: str, _options: Options) -> Iterator[Change]:
    """Runs of spaces become one where no other spacing rule decides."""
    if "  " not in text:
        return
    for m in MANY_SPACES_RE.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not handled_elsewhere(before, after):
            yield Change(m.start(), m.end(), " ")


EDGE_SPACE_RE = re.compile(r"^\s+|\s+$")


def has_edge_space(text: str) -> bool:
    """Tested first: a trailing-space regex search is slow on long text."""
    return bool(text) and (text[0].isspace() or text[-1].isspace())


def find_edge_spaces(text: str, _options: Options) -> Iterator[Change]:
    """Leading and trailing white space."""
    for m in EDGE_SPACE_RE.finditer(text):
        yield Change(m.start(), m.end(), "")


#: A headline that already separates its clauses with these marks has no clause space.
CLAUSE_MARKS: str = DATA["heading"]["clause_marks"]
#: A clause of fewer ideographs than this is a word cut by OCR (`堡 垒`), not a clause.
MIN_CLAUSE: int = DATA["heading"]["min_clause"]
#: Quotes and book-title marks belong to the clause they sit in.
CLAUSE_INNER: str = DATA["heading"]["clause_inner"]


def _clause_size(text: str, pos: int, step: int) -> int:
    """Ideographs from pos in direction step up to the next space or clause mark."""
    n = 0
    while 0 <= pos < len(text) and not text[pos].isspace() and text[pos] not in CLAUSE_MARKS:
        n += bool(re.match(f"[{IDEOGRAPH_CLASS}]", text[pos]))
        if not (re.match(f"[{IDEOGRAPH_CLASS}]", text[pos]) or text[pos] in CLAUSE_INNER):
            break
        pos += step
    return n


def find_heading_word_gaps(text: str, _options: Options) -> Iterator[Change]:
    """In a headline, a space between ideographs separates clauses only when the headline uses no
    clause marks and both sides hold a clause (`风雨同舟 共克时艰`); otherwise OCR cut a word."""
    if " " not in text:
        return
    punctuated = any(mark in text for mark in CLAUSE_MARKS) or word_segmented(text)
    for m in at_runs(BETWEEN_IDEOGRAPHS_RE, text, space_runs(text)):
        left, right = _clause_size(text, m.start() - 1, -1), _clause_size(text, m.end(), 1)
        if punctuated or min(left, right) < MIN_CLAUSE:
            yield Change(m.start(), m.end(), "")


#: A headline split into this many pieces or more ...
SEGMENTED_MIN_PIECES: int = DATA["heading"]["segmented"]["min_pieces"]
#: ... most of them this short (`湖畔 读书 会 迎来 第十 个 年头`) was cut into words by OCR or a
#: word segmenter: no piece is a clause, every space goes.
SEGMENTED_WORD_MAX: int = DATA["heading"]["segmented"]["word_max"]
#: With a one-character piece among them, this many pieces are enough to tell.
SEGMENTED_MIN_PIECES_WITH_SINGLE: int = DATA["heading"]["segmented"]["min_pieces_with_single"]


def word_segmented(text: str) -> bool:
    pieces = [len(re.findall(f"[{IDEOGRAPH_CLASS}]", p)) for p in text.split()]
    pieces = [n for n in pieces if n]
    short = sum(1 for n in pieces if n <= SEGMENTED_WORD_MAX)
    # a single ideograph is never a clause, so three pieces with one (`一线 党旗 红`) are cut
    # words; without one, short pieces may be terse clauses (`抗疫 有我 青春 无悔`) unless
    # there are many of them
    if 1 in pieces:
        return len(pieces) >= SEGMENTED_MIN_PIECES_WITH_SINGLE and short * 2 > len(pieces)
    return len(pieces) > SEGMENTED_MIN_PIECES and short * 2 > len(pieces)


SPACE_UNICODE = RULES.add(
    Rule(
        "space.unicode",
        STAGE,
        "no-break, zero-width, ideographic spaces normalised",
        find_odd_spaces,
        could_apply=SPACE_UNICODE_RE.search,
    )
)
RULES.add(
    Rule(
        "space.cjk_punct",
        STAGE,
        "no space next to a full-width mark",
        find_spaces_by_marks,
        could_apply=containing(" "),
    )
)
RULES.add(
    Rule(
        "space.cjk_halfwidth",
        STAGE,
        "Chinese next to digits/Latin: no space (pangu: one)",
        find_halfwidth_gaps,
        could_apply=HALFWIDTH_RE.search,
    )
)
RULES.add(
    Rule(
        "space.enclosed_numeral",
        STAGE,
        "no space between ① ⑴ and Chinese",
        find_enclosed_gaps,
        could_apply=ENCLOSED_RE.search,
    )
)
RULES.add(
    Rule("space.collapse", STAGE, "runs of spaces -> one", find_many_spaces, could_apply=containing("  "))
)
RULES.regex("space.percent", STAGE, r"(?<=\d) +(?=%)", "", "no space between a number and %", needles=(" %",))
RULES.add(
    Rule(
        "space.trim",
        STAGE,
        "no leading or trailing space in a block",
        find_edge_spaces,
        could_apply=has_edge_space,
    )
)
RULES.add(
    Rule(
        "space.inside_cjk",
        BODY_STAGE,
        "no space between two ideographs",
        find_ideograph_gaps,
        could_apply=containing(" "),
    )
)
RULES.add(
    Rule(
        "space.heading_word",
        HEADING_STAGE,
        "no OCR space inside a headline word",
        find_heading_word_gaps,
        could_apply=containing(" "),
    )
)
RULES.add(
    Rule(
        "space.cjk_quote",
        BODY_STAGE,
        "no space next to a quote between Chinese",
        find_body_quote_gaps,
        could_apply=containing(" "),
    )
)
RULES.add(
    Rule(
        "space.heading_quote",
        HEADING_STAGE,
        "a headline keeps one clause space outside a quote, none inside",
        find_heading_quote_gaps,
        could_apply=containing(" "),
    )
)
RULES.regex(
    "space.heading_clause",
    HEADING_STAGE,
    f"(?<=[{IDEOGRAPH_CLASS}]) {{2,}}(?=[{IDEOGRAPH_CLASS}])",
    " ",
    "a headline keeps one space between clauses",
    needles=("  ",),
)
