"""Dates as a heading or a law's history prints them, in either calendar, read as ISO 8601.

Taiwan's official texts count years from the founding of the Republic of China
(`中华民国一百零四年七月一日`, a press release's `115年05月16日`): year 1 is 1912. A
date printed with the era, or with a year of two or three digits, is read in that
calendar; a four-digit year is Gregorian. Chinese numerals (`一百零四`, `二十`) are
read by their digits and units, so a date in words gives the same day as one in figures.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load

_DATA = load(__file__, "dates")

#: A full date, the year in digits or numerals, with an optional ROC era.
DATE = re.compile(_DATA["date"])
#: `2026-05-16`, `2026/5/16`, `2026.05.16`.
NUMERIC_DATE = re.compile(_DATA["numeric_date"])
#: Each numeral's value: a digit by its place in the list, a unit as a power of ten.
_DIGITS: dict[str, int] = {c: v for v, forms in enumerate(_DATA["digits"]) for c in forms}
_UNITS: dict[str, int] = {c: 10 ** (k + 1) for k, c in enumerate(_DATA["units"])}
#: ROC year + this is the Gregorian year.
ROC_OFFSET: int = _DATA["calendar"]["roc_offset"]
#: A year of at most this many digits, printed without an era, is an ROC year.
ROC_MAX_DIGITS: int = _DATA["calendar"]["roc_max_digits"]


def number(text: str) -> int | None:
    """`104`, `一百零四`, `一〇四`, `十二`, `二十八` as an int; None for anything else.

    Numerals without a unit are read digit by digit (`一〇四` is 104), with units as
    a sum of digit × unit (`一百零四` is 104, a bare `十` is 10)."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    if not any(c in _UNITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return total + (digit or 0)


def iso(m: re.Match[str]) -> str | None:
    """A match of `DATE` or `NUMERIC_DATE` as `YYYY-MM-DD`, in the Gregorian calendar; None
    when a part is no number or the month or day does not exist."""
    year, month, day = number(m.group("y")), number(m.group("m")), number(m.group("d"))
    if year is None or month is None or day is None:
        return None
    era = "era" in m.re.groupindex and m.group("era") is not None
    if era or (m.group("y").isdigit() and len(m.group("y")) <= ROC_MAX_DIGITS):
        year += ROC_OFFSET
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def whole_date(text: str) -> str | None:
    """The ISO date of a line that is a date and nothing else (`115年05月16日`,
    `2026-05-16`), or None."""
    text = text.strip()
    for pattern in (DATE, NUMERIC_DATE):
        m = pattern.fullmatch(text)
        if m:
            return iso(m)
    return None
