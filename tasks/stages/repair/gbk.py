"""GBK bytes read as Latin-1 (`ÄãºÃ`): what both ftfy's guard and the mojibake rule must recognise.

Kept apart from both modules so neither imports the other: `unicode_fixes` keeps
ftfy away from these runs (it would take them for broken UTF-8 and destroy the
bytes), and `mojibake` reverses them (`repair.mojibake_latin1`).

Two Latin-1 letters side by side are no evidence: accented Latin is text
(`NESTLÉ®`, `INFORMAÇÃO`, `QUEM É¿`, STYLE.md section 2). A run is read as GBK only
when its reading is plausible Chinese and the run is not plausible European text:

* every character it decodes to is frequent Chinese (no rare hanzi), and
* one decoded character (a two-letter run) counts only in a line that is otherwise
  Chinese, and only when the run stands apart from Latin words;
* two decoded characters count in a Chinese line, or apart from Latin words;
* a longer run (three characters or more: six Latin-1 letters in a row, which no
  European word has) counts with at most a small share of rare characters.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.text.charsets import CJK, CJK_CLASS, COMMON_PUNCT, rare_count

_DATA = load(__file__, "mojibake")["latin1"]

LATIN1_RUN = re.compile(r"[\u0080-\u00ff]{2,}")

#: A reading of this many characters or more stands on its own (no European word has it) ...
LONG_READING: int = _DATA["long_reading"]
#: ... when at most this share of its characters is rare.
LONG_MAX_RARE_SHARE: float = _DATA["long_max_rare_share"]

_READING = re.compile(f"[{CJK_CLASS}{COMMON_PUNCT}]+")


def _touches_a_word(text: str, start: int, end: int) -> bool:
    """Whether a run is part of an alphabetic (Latin, Greek, Cyrillic ...) word: a letter
    that is not CJK stands right before or after it."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return any(ch.isalpha() and not CJK.match(ch) and ord(ch) < 0x2E80 for ch in (before, after))


def _chinese_around(text: str, start: int, end: int) -> bool:
    """Whether the line holds Chinese outside the run."""
    return CJK.search(text, 0, start) is not None or CJK.search(text, end) is not None


def gbk_reading(text: str, start: int, end: int) -> str | None:
    """The GBK reading of the Latin-1 run `text[start:end]` when the evidence holds, else None."""
    run = text[start:end]
    letters = sum(1 for ch in run if ch.isalpha())
    if len(run) % 2 or len(set(run)) == 1 or letters * 2 < len(run):
        return None  # odd length, `······`, or mostly symbols: not a byte stream
    try:
        decoded = run.encode("latin-1").decode("gbk")
    except UnicodeError:
        return None
    if not _READING.fullmatch(decoded) or not CJK.search(decoded):
        return None
    rare = rare_count(decoded)
    if len(decoded) >= LONG_READING:
        return decoded if rare <= LONG_MAX_RARE_SHARE * len(decoded) else None
    if rare:
        return None
    apart = not _touches_a_word(text, start, end)
    chinese = _chinese_around(text, start, end)
    if len(decoded) == 1:
        return decoded if chinese and apart else None
    return decoded if chinese or apart else None


def latin1_as_gbk(m: re.Match[str]) -> str:
    """The GBK reading of a Latin-1 run, or the run itself when the evidence does not hold."""
    return gbk_reading(m.string, m.start(), m.end()) or m.group()
