"""Straight quotes to paired curly Chinese quotes, per block (STYLE.md section 2).

Pairing is positional inside one block: the first straight quote opens, the
next closes, curly quotes already present take part in the count. When a
block's quotes of one kind do not pair up, nothing of that kind is changed
and the place is reported (an unpaired quote is reported, not guessed).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, containing
from zhclean.tasks.text.charsets import IDEOGRAPH

#: This module's rules, in the order they run.
RULES = RuleList()

#: The quote tables and thresholds of this module (`data/quotes.toml` says why each is so).
DATA = load(__file__, "quotes")


@dataclass(frozen=True, slots=True)
class QuoteKind:
    """One family of quotes: the straight forms and the curly pair they become."""

    straight: str
    left: str
    right: str


DOUBLE = QuoteKind(**DATA["double"])
SINGLE = QuoteKind(**DATA["single"])
KINDS = (DOUBLE, SINGLE)

#: An apostrophe inside a Latin word (`don't`, `China's`) is not a quote; full-width letters
#: count (`punct.halfwidth_alnum` makes them ASCII after this rule has run).
APOSTROPHE_RE = re.compile(DATA["apostrophe"])


@dataclass(frozen=True, slots=True)
class Pairing:
    """What pairing one kind of quote in a text gives: the curly form of each straight quote,
    or the positions that break the pairing."""

    changes: list[Change]
    unpaired: list[int]


@functools.cache
def _quote_marks(marks: str) -> re.Pattern[str]:
    """Any one of these quote characters: the pairing walk visits only them, found in C,
    instead of testing every character of the text in Python."""
    return re.compile("[" + "".join(re.escape(ch) for ch in marks) + "]")


def pair_quotes(text: str, kind: QuoteKind) -> Pairing:
    """Walk the quotes of one kind in order, alternating open/close (a text without one of them
    has nothing to pair, and is not searched for apostrophes: most blocks hold no single quote)."""
    marks = _quote_marks(kind.straight + kind.left + kind.right)
    if marks.search(text) is None:
        return Pairing([], [])
    apostrophes = {m.start() for m in APOSTROPHE_RE.finditer(text)} if kind is SINGLE else set()
    changes: list[Change] = []
    unpaired: list[int] = []
    opened: int | None = None
    for m in marks.finditer(text):
        i, ch = m.start(), m.group()
        if i in apostrophes:
            continue
        if ch == kind.left or (ch in kind.straight and opened is None):
            if opened is not None:
                unpaired.append(opened)
            opened = i
            if ch != kind.left:
                changes.append(Change(i, i + 1, kind.left))
        else:  # a closing quote, curly or straight
            if opened is None:
                unpaired.append(i)
            elif is_empty_pair(text, opened, i):
                unpaired += [opened, i]
            elif ch != kind.right:
                changes.append(Change(i, i + 1, kind.right))
            opened = None
    if opened is not None:
        unpaired.append(opened)
    return Pairing([] if unpaired else changes, sorted(unpaired))


def is_empty_pair(text: str, start: int, end: int) -> bool:
    """Two straight quotes read as an empty quotation: Chinese never quotes nothing, so
    `""` is a close and an open (`甲""乙`) and the count around it is off."""
    return end == start + 1 and text[start] in DOUBLE.straight and text[end] in DOUBLE.straight


def has_chinese(text: str) -> bool:
    return IDEOGRAPH.search(text) is not None


#: Only straight quotes are ever changed; quotes of any form take part in pairing.
STRAIGHT_RE = re.compile(f"[{DOUBLE.straight}{SINGLE.straight}]")
ANY_QUOTE_RE = re.compile(
    f"[{DOUBLE.straight}{SINGLE.straight}{DOUBLE.left}{DOUBLE.right}{SINGLE.left}{SINGLE.right}]"
)


def find_quotes(text: str, _options: Options) -> Iterator[Change]:
    """Curl the straight quotes of a Chinese block whose quotes pair up."""
    if not STRAIGHT_RE.search(text) or not has_chinese(text):
        return
    for kind in KINDS:
        yield from pair_quotes(text, kind).changes


def unpaired_quotes(text: str) -> list[int]:
    """Positions of quotes that do not pair up in this block (for the report and the linter)."""
    if not ANY_QUOTE_RE.search(text) or not has_chinese(text):
        return []
    return sorted(i for kind in KINDS for i in pair_quotes(text, kind).unpaired)


def find_unpaired(text: str, _options: Options) -> Iterator[Change]:
    """Lint only: mark each unpaired quote (the change leaves it as it is)."""
    for i in unpaired_quotes(text):
        yield Change(i, i + 1, text[i])


# --- a quote lost inside an enumeration ------------------------------------------------

#: `"甲""乙""丙"`: Chinese print lists short terms as quoted items written back to back.
#: Between two Chinese characters, two adjacent straight double quotes can only be the close
#: of one item and the open of the next.
ADJACENT_PAIR_RE = re.compile(f'(?<={IDEOGRAPH.pattern})( *)"" *(?={IDEOGRAPH.pattern})')

#: The longest item (in characters, spaces left by OCR allowed) whose opening quote may be
#: restored: enumerated terms are short; a longer run could be ordinary prose.
MAX_ITEM_CHARS: int = DATA["enumeration"]["max_item_chars"]
ITEM_RE = re.compile(f"(?:{IDEOGRAPH.pattern}|[ ]){{1,{MAX_ITEM_CHARS}}}")


def enumeration_gaps(text: str) -> list[int]:
    """Closing quotes after which an enumeration lost the next item's opening quote.

    Walking the double quotes in order, a close+open pair (`""` between Chinese) that
    arrives when no quote is open means the item before it has no opening quote. If the
    previous quote was a straight close and only a short Chinese item lies between the two,
    that close is really `""` written as one quote: `"甲"乙""丙"` is `"甲""乙""丙"`.
    Anything else (no previous close, a long or punctuated run) is left unpaired.
    """
    forced = {m.start() + len(m.group(1)) for m in ADJACENT_PAIR_RE.finditer(text)}
    gaps: list[int] = []
    opened = False
    last_close: int | None = None
    skip: int | None = None
    for i, ch in enumerate(text):
        if i == skip or ch not in DOUBLE.straight + DOUBLE.left + DOUBLE.right:
            continue
        if i in forced:
            if not opened:
                if last_close is None or not ITEM_RE.fullmatch(text[last_close + 1 : i]):
                    return []
                gaps.append(last_close)
            skip = i + 1  # the open of the pair
            opened, last_close = True, None
        elif ch == DOUBLE.left or (ch in DOUBLE.straight and not opened):
            opened = True
        else:
            opened = False
            last_close = i if ch in DOUBLE.straight else None
    return gaps


def find_enumeration_gaps(text: str, _options: Options) -> Iterator[Change]:
    """Restore the one quote an enumeration lost, only when that makes the block pair up."""
    if not has_chinese(text) or not ADJACENT_PAIR_RE.search(text) or not pair_quotes(text, DOUBLE).unpaired:
        return
    gaps = enumeration_gaps(text)
    repaired = "".join(ch + ('"' if i in gaps else "") for i, ch in enumerate(text))
    if gaps and not pair_quotes(repaired, DOUBLE).unpaired:
        for i in gaps:
            yield Change(i, i + 1, '""')


# --- corner quotes (Taiwan / Hong Kong print) -------------------------------------------

#: GB/T 15834-2011 (mainland) writes quotation marks as “ ” with ‘ ’ nested inside; Taiwan and
#: Hong Kong print uses 「 」 with 『 』 nested inside. The nesting levels map one to one.
#: Their vertical presentation forms (`﹁﹂﹃﹄`) too: this rule runs before `punct.small_form`.
CORNER_QUOTES: dict[str, str] = DATA["corner"]
CORNER_RE = re.compile(f"[{''.join(CORNER_QUOTES)}]")


def find_corner_quotes(text: str, _options: Options) -> Iterator[Change]:
    """「outer『inner』」 -> “outer‘inner’”: the same levels in the mainland marks."""
    for m in CORNER_RE.finditer(text):
        yield Change(m.start(), m.end(), CORNER_QUOTES[m.group()])


ENUMERATION_RULE = "punct.enumeration_quote"

#: Lint-only rules live in this stage, which the pipeline never applies.
LINT_STAGE = "lint"

# Corner quotes first: the curly quotes they become take part in pairing straight ones.
RULES.add(
    Rule(
        "punct.corner_quotes",
        "typography",
        "「」『』 -> “”‘’ (GB/T 15834)",
        find_corner_quotes,
        could_apply=CORNER_RE.search,
    )
)
# Before pairing: a quote an enumeration lost is restored (and reported as a guess).
RULES.add(
    Rule(
        ENUMERATION_RULE,
        "typography",
        'an enumeration\'s lost quote: `"甲"乙""丙"` -> `"甲""乙""丙"` (a guess, reported)',
        find_enumeration_gaps,
        could_apply=containing('""'),  # the finder tests ADJACENT_PAIR_RE, which has lookbehinds: slow
    )
)
RULES.add(
    Rule(
        "punct.curly_quotes",
        "typography",
        "paired straight quotes -> “ ” / ‘ ’",
        find_quotes,
        could_apply=STRAIGHT_RE.search,
    )
)
RULES.add(
    Rule(
        "punct.unpaired_quote",
        LINT_STAGE,
        "a quote with no partner in its block (a warning: reported, not guessed)",
        find_unpaired,
        could_apply=ANY_QUOTE_RE.search,
        severity="warning",
    )
)
