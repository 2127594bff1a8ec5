"""Character classes shared by every stage, defined once.

Kept in one place so every rule agrees on what "a CJK character" and "a common
character" are. Three classes, for three questions: `HAN_CLASS` (the unified
block, where personal names and headline words live), `CJK_CLASS` (what a
detector counts as Chinese text: adds extension A and compatibility ideographs)
and `IDEOGRAPH_CLASS` (every ideograph a document can hold, supplementary planes
included: what accounting must not lose). "Common" is measured, not listed: a character
is common when its simplified form is in level 1 of GB 2312 (the 3,755 most
frequent hanzi, lead bytes 0xB0-0xD7), which is what mojibake detectors need
to tell a real sentence from garbage decoded with the wrong codec.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from opencc import OpenCC

#: CJK unified ideographs of the basic block only, as a regex class body.
HAN_CLASS = "\u4e00-\u9fff"
#: CJK unified ideographs (BMP, extension A, compatibility) as a regex class body.
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_CLASS}]")
#: Every ideograph, supplementary planes (extensions B-H) included.
IDEOGRAPH_CLASS = CJK_CLASS + "\U00020000-\U0003134f"
IDEOGRAPH = re.compile(f"[{IDEOGRAPH_CLASS}]")

#: Characters with no width that a reader never sees (a line that holds them reads as without them).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

#: The full-width marks of ordinary Chinese text, listed one by one: what a mojibake detector
#: counts as "common" (typography's `CJK_PUNCT` is the wider set of whole Unicode blocks).
COMMON_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】—…·「」『』〔〕～"

#: Lead-byte range of GB 2312 level 1 (most frequent hanzi).
GB2312_LEVEL1 = range(0xB0, 0xD8)

_T2S = OpenCC("t2s")


def is_cjk(ch: str) -> bool:
    return bool(CJK.fullmatch(ch))


@cache
def is_common(ch: str) -> bool:
    """True for ASCII letters/digits, CJK punctuation and frequent hanzi (or their traditional forms)."""
    if ch.isascii():
        return ch.isalnum() or ch in " ,.;:!?()\"'-"
    if ch in COMMON_PUNCT or ch == "〓":
        return True
    if not is_cjk(ch):
        return False
    simple = _T2S.convert(ch)
    try:
        encoded = simple.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and encoded[0] in GB2312_LEVEL1


#: The code points `is_cjk` accepts, as ranges (`CJK_CLASS`).
CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@cache
def _common_class() -> str:
    """Every character `is_common` accepts, as a regex class body: the ASCII ones, `COMMON_PUNCT`,
    `〓` and the ideographs (each tried once, about 0.2 s). The questions below are then one scan
    in C, with no Python object per character."""
    listed = "".join(chr(c) for c in range(0x80) if is_common(chr(c))) + COMMON_PUNCT + "〓"
    ideographs = "".join(chr(c) for lo, hi in CJK_RANGES for c in range(lo, hi) if is_common(chr(c)))
    return re.escape(listed) + ideographs


@cache
def _uncommon() -> re.Pattern[str]:
    """A character that is not common."""
    return re.compile(f"[^{_common_class()}]")


@cache
def _uncommon_outside_ascii() -> re.Pattern[str]:
    """A character that is neither ASCII, white space nor common."""
    return re.compile(f"[^\\x00-\\x7f\\s{_common_class()}]")


def all_common(text: str) -> bool:
    """Whether every character of `text` is common (as `is_common`)."""
    return _uncommon().search(text) is None


def common_outside_ascii(text: str) -> bool:
    """Whether every character of `text` that is neither ASCII nor white space is common: then no
    run of non-ASCII characters in it holds a rare one (one test per line instead of per run)."""
    return _uncommon_outside_ascii().search(text) is None


def rare_positions(text: str) -> list[int]:
    """The indexes of the characters of `text` that are not common, in order."""
    return [m.start() for m in _uncommon().finditer(text)]


def rare_count(text: str) -> int:
    """How many characters of `text` are not common (a garbage score)."""
    return len(_uncommon().findall(text))


def code_points(text: str) -> np.ndarray:
    """The code point of each character of `text` (a lone surrogate included), for counting by
    table lookups in numpy rather than a Python step per character."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
