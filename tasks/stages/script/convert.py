"""Traditional or mixed script to simplified, with opencc-python-reimplemented (STYLE.md section 1).

The engine reads OpenCC's current dictionaries (`engine.py`, `data/opencc/`);
the ones bundled with the reimplementation are years old (they turned 乾安縣
into 干安县, 怎么 into 怎幺 under `tw2s`, 抬 into 擡 under `hk2s`, and left 擡 遶
貍 幷). The table is `Options.script_table`, `t2s` by default. Measured on the
corpus (`benchmarks/script_tables.py`): `tw2s` turns 原著 and an author credit
`某某 著` into 着; `t2s` only leaves the particle 著, which `script.particle_zhe`
converts by pattern. Stray traditional characters in a simplified document are
converted the same way. Each changed character is an Edit, so the counts per
document come from the log. Characters whose simplified form depends on the
word and that no phrase entry decided are reported (`ambiguous_conversion`).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from functools import cache
from itertools import compress, count, groupby
from operator import ne

import numpy as np

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit, Line, ScriptInfo
from zhclean.tasks.core.options import SCRIPT_TABLES, Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, apply_rule
from zhclean.tasks.stages.script.engine import ASTRAL, FOLDER, Dictionary, Engine, load_dictionary
from zhclean.tasks.stages.script.zhe_particle import (
    PARTICLE_ZHE,
    PARTICLE_ZHE_SIMPLIFIED,
    PARTICLE_ZHE_TRADITIONAL,
)
from zhclean.tasks.text.charsets import CJK, code_points
from zhclean.tasks.text.languages import other_language_spans
from zhclean.tasks.text.protect import address_spans

#: This module's rules, in the order they run.
RULES = RuleList()

#: The conversion, one rule per OpenCC table (the edit kind names the table that made it); only
#: the table chosen in `Options.script_table` runs, and switching its rule off leaves the script as it is.
TABLE_RULES = {
    table: RULES.declare(
        f"script.{table}", "script", f"traditional characters converted to simplified with OpenCC's {table}"
    )
    for table in SCRIPT_TABLES
}

_DATA = load(__file__, "convert")

#: Share of script-specific characters that are traditional, above which a document is traditional.
TRADITIONAL_AT: float = _DATA["traditional_at"]
#: ... and below which it is simplified (stray traditional characters are still converted).
SIMPLIFIED_BELOW: float = _DATA["simplified_below"]


class Characters:
    """A set of characters, looked for in a whole text by the regex engine: a class of the
    set's characters of the Basic Multilingual Plane is scanned several times faster than
    `frozenset.isdisjoint` walks a text (a class with characters beyond that plane is a list
    the engine reads through at every position, so those are checked with the set)."""

    def __init__(self, chars: Iterable[str]) -> None:
        self.chars = frozenset(chars)
        bmp = sorted(ch for ch in self.chars if ord(ch) < 0x10000)
        self.bmp = re.compile(f"[{''.join(map(re.escape, bmp))}]" if bmp else "(?!)")
        self.astral = any(ord(ch) >= 0x10000 for ch in self.chars)

    def found_in(self, text: str) -> bool:
        if self.bmp.search(text):
            return True
        return self.astral and bool(ASTRAL.search(text)) and not self.chars.isdisjoint(text)

    def count(self, text: str) -> int:
        """How many characters of text are in the set: each character's code point looks itself
        up in a table of the set's (numpy, in C). `subn` counted them by building the text again
        without them, a copy of a whole document for a number (1.2 of the script stage's 6 CPU s
        at 1,000 documents)."""
        return int(np.count_nonzero(self.members[code_points(text)]))

    @functools.cached_property
    def members(self) -> np.ndarray:
        """Whether each code point is one of the set's (made when first counted)."""
        table = np.zeros(0x110000, dtype=bool)
        table[[ord(ch) for ch in self.chars]] = True
        return table


#: Variant (old or regional) forms the reimplemented tables leave alone, with their mainland form.
VARIANT_FORMS: dict[str, str] = _DATA["variant_forms"]
VARIANT_TABLE = str.maketrans(VARIANT_FORMS)
VARIANTS = Characters(VARIANT_FORMS)


#: Whether OpenCC's dictionaries that may output rare Extension-B forms are used.
TOFU_RISK: bool = _DATA["tofu_risk"]


@cache
def converter(table: str) -> Engine:
    return Engine(table, tofu_risk=TOFU_RISK)


def convert(text: str, table: str) -> str:
    """The table's conversion, then (for a table to simplified) the variant forms it misses."""
    converted = converter(table).convert(text)
    return converted.translate(VARIANT_TABLE) if "2s" in table and VARIANTS.found_in(converted) else converted


TS_CHARACTERS = FOLDER / "dictionary" / "TSCharacters.txt"

#: Characters that OpenCC's s2t would change (its STCharacters): simplified-only forms.
SIMPLIFIED_ONLY = frozenset(
    k
    for k, v in load_dictionary(str(FOLDER / "dictionary" / "STCharacters.txt"))[2].items()
    if v.split(" ")[0] != k
)
SIMPLIFIED_ONLY_CHARACTERS = Characters(SIMPLIFIED_ONLY)


@cache
def triggers(table: str) -> frozenset[str]:
    """Characters without which a text cannot change (see `Engine.triggers`)."""
    extra = VARIANT_FORMS.keys() if "2s" in table else ()
    return converter(table).triggers() | frozenset(extra)


@cache
def trigger_characters(table: str) -> Characters:
    return Characters(triggers(table))


#: A change as (start, end, replacement): what `changes` makes `Change`s of (building those,
#: frozen dataclasses, costs more than finding them on a traditional document).
Span = tuple[int, int, str]


def spans(text: str, table: str) -> list[Span]:
    """What the OpenCC table changes in `text`, as minimal spans.

    Lines without a character of any entry that changes something are skipped
    (converting whole lines is the slow part of this stage); a phrase entry can
    change a line whose characters alone would not (tw2sp: 演算法 -> 算法)."""
    if not trigger_characters(table).found_in(text):
        return []
    new = convert(text, table)
    if new == text:
        return []
    if len(new) == len(text):
        return [(i, i + 1, new[i]) for i in compress(count(), map(ne, text, new))]
    matcher = difflib.SequenceMatcher(None, text, new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def outside_protected(text: str, found: list[Span]) -> list[Span]:
    """`found` without the changes that fall in a URL, an e-mail address or inline code, or in
    Japanese or Korean (STYLE.md 2: copied as they are; `/wiki/網頁` made `/wiki/网页` is another
    address, and 日本語 made 日本语 is no longer Japanese: `text.languages`)."""
    if not found:
        return found
    kept = address_spans(text) + other_language_spans(text)
    if not kept:
        return found
    return [c for c in found if not any(start < c[1] and c[0] < end for start, end in kept)]


def changes(text: str, table: str) -> list[Change]:
    """`spans` as `Change`s."""
    return [Change(*span) for span in spans(text, table)]


#: `t2s` turns 甚麼 into 甚么, a variant; mainland print writes 什么 (see data/convert.toml).
SHENME = (_DATA["shenme"]["before"], _DATA["shenme"]["particle"], _DATA["shenme"]["after"])
SHENME_RULE = RULES.declare(
    "script.shenme", "script", "甚麼 converted to 什么 (mainland print), not the table's 甚么"
).name


def shenme_changes(text: str, found: list[Span]) -> list[Span]:
    """The 甚 of a 甚麼 that the table just converted, to become 什."""
    before, particle, after = SHENME
    return [
        (start - 1, start, after)
        for start, end, replacement in found
        if replacement == particle and end - start == 1 and start and text[start - 1] == before
    ]


#: Characters that are also ordinary simplified characters with a meaning of their own: in a
#: simplified document they are the author's, so conversion and lint leave them there.
ALSO_SIMPLIFIED = frozenset(_DATA["also_simplified"])


def is_also_simplified(text: str, change: Change) -> bool:
    return text[change.start : change.end] in ALSO_SIMPLIFIED


def find_traditional(text: str, options: Options) -> Iterable[Change]:
    """Traditional characters left in text (lint), including the particle 著."""
    yield from (
        Change(start, end, replacement)
        for start, end, replacement in outside_protected(text, spans(text, options.script_table))
        if text[start:end] not in ALSO_SIMPLIFIED
    )
    yield from PARTICLE_ZHE.find(text, options)


TRADITIONAL_LEFT = RULES.add(
    Rule(
        "script.traditional_left", "lint", "traditional characters left in simplified text", find_traditional
    )
)


#: Characters whose simplified form depends on the word (乾 -> 干 or 乾, 於 -> 于 or 於): OpenCC's
#: TSCharacters gives each more than one value, and only a phrase entry around it decides.
AMBIGUOUS = frozenset(_DATA["ambiguous"])
AMBIGUOUS_CHARACTERS = Characters(AMBIGUOUS)


@cache
def phrase_dictionaries(table: str) -> list[Dictionary]:
    """The dictionaries of the table's chain with entries longer than one character."""
    return [d for step in converter(table).dictionaries() for d in step if d[0] > 1]


def in_phrase(text: str, i: int, table: str) -> bool:
    """Whether some phrase entry of the table matches text around position i."""
    for longest, shortest, entries, _ in phrase_dictionaries(table):
        for size in range(max(2, shortest), min(longest, len(text)) + 1):
            for start in range(max(0, i - size + 1), min(i, len(text) - size) + 1):
                if text[start : start + size] in entries:
                    return True
    return False


def ambiguous_conversions(lines: list[Line], table: str, simplified: bool) -> list[tuple[str, str, int]]:
    """(character, what it became, line) for each ambiguous character that no phrase decided: in
    a simplified document only those the conversion changed (the others are the author's)."""
    found = []
    for line in lines:
        if not AMBIGUOUS_CHARACTERS.found_in(line.text):
            continue
        foreign = other_language_spans(line.text)  # not converted, so not reported either
        for i, ch in enumerate(line.text):
            if ch not in AMBIGUOUS or in_phrase(line.text, i, table):
                continue
            if any(start <= i < end for start, end in foreign):
                continue
            became = convert(ch, table)
            if simplified and (became == ch or ch in ALSO_SIMPLIFIED):
                continue
            found.append((ch, became, line.number))
    return found


def ambiguity_report(found: list[tuple[str, str, int]]) -> str:
    """One line: each character, what it became, how often and on which lines."""
    parts = []
    for (ch, became), group in groupby(sorted(found), key=lambda f: (f[0], f[1])):
        where = list(group)
        numbers = sorted({n for _, _, n in where})
        shown = ", ".join(map(str, numbers[:5])) + (" …" if len(numbers) > 5 else "")
        others = "/".join(v for v in load_dictionary(str(TS_CHARACTERS))[2][ch].split(" ") if v != became)
        parts.append(
            f"{ch}->{became} x{len(where)} (or {others}), line{'s' if len(numbers) > 1 else ''} {shown}"
        )
    return f"{len(found)} conversion(s) that no phrase decided: " + "; ".join(parts)


def classify(traditional: int, simplified: int) -> tuple[str, float]:
    """simplified / traditional / mixed, from counts of script-specific characters."""
    specific = traditional + simplified
    if not specific:
        return "simplified", 0.0
    share = traditional / specific
    kind = "traditional" if share >= TRADITIONAL_AT else "simplified" if share < SIMPLIFIED_BELOW else "mixed"
    return kind, round(share, 4)


def convert_lines(lines: list[Line], options: Options) -> tuple[list[Line], ScriptInfo, list[Edit]]:
    """Convert each line; every changed character is an edit of kind `script.<table>`."""
    table = options.script_table
    texts = [line.text for line in lines]
    proposed = [outside_protected(text, spans(text, table)) for text in texts]
    simplified = SIMPLIFIED_ONLY_CHARACTERS.count("\n".join(texts))
    traditional = sum(
        text[start:end] not in ALSO_SIMPLIFIED
        for text, found in zip(texts, proposed, strict=True)
        for start, end, _ in found
    )
    keep_shared = classify(traditional, simplified)[0] == "simplified"
    # 著 is judged as in simplified text only where the document shows it is simplified
    particle = PARTICLE_ZHE_SIMPLIFIED if keep_shared and simplified else PARTICLE_ZHE_TRADITIONAL
    kind = f"script.{table}"
    convert_on, shenme_on = options.enabled(kind), options.enabled(SHENME_RULE)
    zhe_on = options.enabled(PARTICLE_ZHE.name)
    out: list[Line] = []
    edits: list[Edit] = []
    for line, found in zip(lines, proposed, strict=True):
        text = line.text
        if found and keep_shared:
            found = [c for c in found if text[c[0] : c[1]] not in ALSO_SIMPLIFIED]
        if found and shenme_on and (extra := shenme_changes(text, found)):
            found = sorted(found + extra, key=lambda c: c[0])
        if found and convert_on:
            text = apply_spans(text, found, kind, line.number, edits)
        if zhe_on:
            text, new = apply_rule(particle, text, options, line.number)
            edits.extend(new)
        out.append(Line(text, line.number))
    if not any(CJK.search(text) for text in texts):
        return out, ScriptInfo("none", 0.0, 0, table), edits
    script, share = classify(traditional, simplified)
    converted = sum(1 for e in edits if e.before != e.after)
    return out, ScriptInfo(script, share, converted, table), edits


def apply_spans(text: str, found: list[Span], kind: str, number: int, edits: list[Edit]) -> str:
    """The text with the changes made (the table's, and 甚麼's 甚), each added to `edits`."""
    parts, pos = [], 0
    for start, end, replacement in found:
        parts.append(text[pos:start])
        parts.append(replacement)
        rule = SHENME_RULE if replacement == SHENME[2] else kind
        edits.append(Edit("script", rule, text[start:end], replacement, number, start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
