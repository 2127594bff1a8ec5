"""Converter pinyin readings after a character (`社區(qū)`, `機(jī)關(guān)`), removed (STYLE.md section 6).

Some web converters annotate every "hard" character with its reading in
parentheses. A reading is recognised by shape: parentheses directly after a
CJK character, holding one syllable that is valid pinyin once its tone mark
is stripped. A tone-marked syllable is removed on its own; a toneless one
(`們(men)`) only in a line that already shows tone-marked readings, so a real
parenthetical such as an English word is never taken for a reading.
Runs before any spacing rule, or `區(qū)` would become `區 (qū)`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tasks.charsets import CJK_CLASS
from tasks.options import Options
from tasks.rules import Change, Rule, register

TONED_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
FINAL = (
    "(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|üan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in"
    "|ing|ua|uo|ui|un|üe|ue|ve|ün|vn|a|o|e|i|u|ü|v|n|ng|m)"
)
#: One pinyin syllable, tone marks included in the letters it may use.
SYLLABLE_SHAPE = re.compile(f"{INITIAL}?{FINAL}", re.IGNORECASE)

#: A syllable-looking run of letters (shape checked separately), for other modules' patterns.
SYLLABLE_RUN = f"[a-zA-Zü{TONED_VOWELS}]{{1,6}}"

READING = re.compile(rf"(?<=[{CJK_CLASS}])[(（]({SYLLABLE_RUN})[)）]")


def detone(syllable: str) -> str:
    """`qū` -> `qu`, `lǚ` -> `lü`: strip combining tone marks, keep ü."""
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if unicodedata.combining(ch) and ch != "\u0308":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def is_toned(syllable: str) -> bool:
    return any(ch in TONED_VOWELS for ch in syllable.lower())


def is_syllable(letters: str) -> bool:
    return SYLLABLE_SHAPE.fullmatch(detone(letters.lower())) is not None


def find_readings(text: str, _options: Options) -> Iterable[Change]:
    matches = [m for m in READING.finditer(text) if is_syllable(m.group(1))]
    toned = [m for m in matches if is_toned(m.group(1))]
    for m in matches if toned else []:
        if m in toned or m.group(1).islower():
            yield Change(m.start(), m.end(), "")


PINYIN_READING = register(
    Rule(
        "repair.pinyin_reading",
        "repair",
        "converter pinyin readings after a character (區(qū)) removed",
        find_readings,
    )
)
