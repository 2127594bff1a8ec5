"""Converter pinyin readings after a character (`社區(qū)`, `機(jī)關(guān)`), removed (STYLE.md section 6).

Some web converters annotate every "hard" character with its reading in
parentheses. A reading is recognised by shape: parentheses directly after a
CJK character, holding one syllable that is valid pinyin once its tone mark
is stripped. A tone-marked syllable is removed on its own; a toneless one
(`們(men)`) only in a line that already shows tone-marked readings, so a real
parenthetical such as an English word is never taken for a reading. A reading in title case
(`北京（Běijīng）`) is a writer's gloss of a name, not a converter's, and is kept.
Runs before any spacing rule, or `區(qū)` would become `區 (qū)`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, containing
from zhclean.tasks.text.charsets import CJK_CLASS

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "pinyin")

#: Vowels with a tone mark (lower case).
TONED_VOWELS: str = _DATA["toned_vowels"]

INITIAL = f"(?:{'|'.join(_DATA['initials'])})"
FINAL = f"(?:{'|'.join(_DATA['finals'])})"
#: One pinyin syllable, tone marks included in the letters it may use.
SYLLABLE_SHAPE = re.compile(f"{INITIAL}?{FINAL}", re.IGNORECASE)

#: A syllable-looking run of letters (shape checked separately), for other modules' patterns.
SYLLABLE_RUN = f"[a-zA-ZüÜ{TONED_VOWELS}{TONED_VOWELS.upper()}]{{1,6}}"

#: A tone number after the letters (`區(qu1)`) counts as a tone mark.
TONE_DIGITS: str = _DATA["tone_digits"]
#: One reading, straight after its character or after one space (`區 (qū)`).
READING = re.compile(rf"(?<=[{CJK_CLASS}]) ?[(（]({SYLLABLE_RUN}[{TONE_DIGITS}]?)[)）]")

#: A reading of a whole word (`社區(shèqū)`, `社區(shè qū)`): up to this many syllables.
MAX_WORD_SYLLABLES: int = _DATA["max_word_syllables"]
WORD_READING = re.compile(
    rf"(?<=[{CJK_CLASS}])[(（]({SYLLABLE_RUN}(?:[ '’]?{SYLLABLE_RUN}){{1,{MAX_WORD_SYLLABLES - 1}}})[)）]"
)
SYLLABLES_SHAPE = re.compile(f"(?:{INITIAL}?{FINAL}){{2,{MAX_WORD_SYLLABLES}}}", re.IGNORECASE)
CJK_RUN_BEFORE = re.compile(f"[{CJK_CLASS}]+$")


def detone(syllable: str) -> str:
    """`qū` -> `qu`, `lǚ` -> `lü`: strip combining tone marks, keep ü."""
    out = []
    for ch in unicodedata.normalize("NFD", syllable):
        if unicodedata.combining(ch) and ch != "\u0308":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


#: Tone-number readings look like model numbers (`(v2)`, `(A4)`): they count only in lower case,
#: with two letters or more, and when a line holds at least this many of them.
MIN_NUMBERED: int = _DATA["min_numbered"]


def is_toned(syllable: str) -> bool:
    return any(ch in TONED_VOWELS for ch in syllable.lower())


def is_numbered(syllable: str) -> bool:
    return syllable[-1:] in TONE_DIGITS and len(syllable) > 2 and syllable.islower()


def is_syllable(letters: str) -> bool:
    return SYLLABLE_SHAPE.fullmatch(detone(letters.lower().rstrip(TONE_DIGITS))) is not None


def tone_marks(letters: str) -> int:
    return sum(1 for ch in letters.lower() if ch in TONED_VOWELS)


def is_word_reading(text: str, m: re.Match[str]) -> bool:
    """Several syllables, each but at most one tone-marked (a neutral tone has no mark), after at
    least as many hanzi: a reading of the word before it. Toneless runs (`(Shanghai)`) never count."""
    letters = re.sub("[ '’]", "", m.group(1))
    marks = tone_marks(letters)
    if marks < 2 or not SYLLABLES_SHAPE.fullmatch(detone(letters.lower())):
        return False
    run = CJK_RUN_BEFORE.search(text, 0, m.start())
    return run is not None and len(run.group()) >= marks


def is_title_case(letters: str) -> bool:
    """`Běijīng`, `Huáng`, `Běi Jīng`: capitals that start words and nothing else in capitals. A
    converter writes its readings in lower case (or all in capitals); a capital that starts a
    name is a writer's gloss of a proper noun (`北京（Běijīng）`), which STYLE.md keeps as a real
    parenthetical."""
    return letters[:1].isupper() and not letters.isupper()


def find_readings(text: str, _options: Options) -> Iterable[Change]:
    if "(" not in text and "（" not in text:
        return
    matches = [m for m in READING.finditer(text) if is_syllable(m.group(1)) and not is_title_case(m.group(1))]
    numbered = [m for m in matches if is_numbered(m.group(1))]
    if len(numbered) < MIN_NUMBERED:
        numbered = []
    matches = [m for m in matches if m.group(1)[-1:] not in TONE_DIGITS or m in numbered]
    toned = [m for m in matches if is_toned(m.group(1))] + numbered
    upper = any(m.group(1).isupper() for m in toned)
    for m in matches if toned else []:
        # toneless readings count in a line that shows toned ones, in the same letter case
        if m in toned or m.group(1).islower() or (upper and m.group(1).isupper()):
            yield Change(m.start(), m.end(), "")
    for m in WORD_READING.finditer(text):
        if is_word_reading(text, m) and not is_title_case(m.group(1)):
            yield Change(m.start(), m.end(), "")


PINYIN_READING = RULES.add(
    Rule(
        "repair.pinyin_reading",
        "repair",
        "converter pinyin readings after a character (區(qū)) removed",
        find_readings,
        could_apply=containing("(", "（"),
    )
)
