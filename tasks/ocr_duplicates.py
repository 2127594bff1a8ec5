"""Text duplicated by OCR: a clause twice in a row, a line repeated after itself (STYLE.md section 6).

Only long duplicates count (at least `MIN_CJK` ideographs), so ordinary
repetition such as `一个一个` or `看看` is never touched.
"""

from __future__ import annotations

import re

from tasks.charsets import CJK, CJK_CLASS
from tasks.model import Line, Removed
from tasks.rules import regex_rule

#: The shortest repeated run, in CJK ideographs, treated as an OCR duplicate.
MIN_CJK = 8
#: The longest clause searched for within a line (bounds the regex's work).
MAX_CLAUSE = 80

CLAUSE_TWICE = re.compile(rf"([{CJK_CLASS}][^\n]{{{MIN_CJK - 1},{MAX_CLAUSE}}}?[，。！？；：,;!?、]?)\1")

PERIODIC = re.compile(r"(.{1,8}?)\1+")


def keep_once(m: re.Match[str]) -> str:
    clause = m.group(1)
    if len(CJK.findall(clause)) < MIN_CJK or PERIODIC.fullmatch(clause):
        return m.group(0)  # short, or a chant such as 加油加油 repeated: real text
    return clause


OCR_DUPLICATE_CLAUSE = regex_rule(
    "repair.ocr_duplicate_clause",
    "repair",
    CLAUSE_TWICE,
    keep_once,
    "the same clause twice in a row inside a line, kept once",
    lint=False,
)


def drop_repeated_lines(lines: list[Line]) -> tuple[list[Line], list[Removed]]:
    """Remove a line identical to the previous non-blank line (a re-scanned paragraph)."""
    out: list[Line] = []
    removed: list[Removed] = []
    previous = ""
    for line in lines:
        text = line.text.strip()
        if not text:
            out.append(line)
            continue
        if text == previous and len(CJK.findall(text)) >= MIN_CJK:
            removed.append(Removed(line.text, "repair.ocr_duplicate_line", line.number))
            continue
        previous = text
        out.append(line)
    return out, removed
