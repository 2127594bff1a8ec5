"""Text duplicated by OCR: a clause twice in a row, a line repeated after itself (STYLE.md section 6).

Only long duplicates count (at least `MIN_CJK` ideographs), so ordinary
repetition such as `一个一个` or `看看` is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList
from zhclean.tasks.text.charsets import CJK, CJK_CLASS

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "ocr_duplicates")

#: The shortest repeated run, in CJK ideographs, treated as an OCR duplicate.
MIN_CJK: int = _DATA["min_cjk"]
#: The longest clause searched for within a line (bounds the regex's work).
MAX_CLAUSE: int = _DATA["max_clause"]
#: Marks a clause may end with (repeated with it).
CLAUSE_END: str = _DATA["clause_end"]

CLAUSE_TWICE = re.compile(rf"([{CJK_CLASS}][^\n]{{{MIN_CJK - 1},{MAX_CLAUSE}}}?[{CLAUSE_END}]?)\1")

#: A clause that is a short unit repeated (a chant): real text.
PERIODIC = re.compile(rf"(.{{1,{_DATA['max_chant_unit']}}}?)\1+")


def keep_once(m: re.Match[str]) -> str:
    clause = m.group(1)
    if len(CJK.findall(clause)) < MIN_CJK or PERIODIC.fullmatch(clause):
        return m.group(0)  # short, or a chant such as 加油加油 repeated: real text
    return clause


def long_enough(text: str) -> bool:
    """Shorter text cannot hold a clause of `MIN_CJK` ideographs twice."""
    return len(text) >= 2 * MIN_CJK


#: The longest clause `CLAUSE_TWICE` takes: an ideograph, `MAX_CLAUSE` characters, a mark.
LONGEST_CLAUSE = MAX_CLAUSE + 2
#: Probes of this many characters, one every this many: a run of `MIN_CJK` holds one whole.
PROBE = MIN_CJK // 2


def clause_starts(text: str) -> list[int]:
    """Where a clause followed by itself may start, in order: where the run of `MIN_CJK`
    characters starting there comes again `MIN_CJK` to `LONGEST_CLAUSE` characters later (the
    clause's own length L), as it must for `CLAUSE_TWICE` to match there.

    Such a run at s holds the probe `text[p:p + PROBE]` at p, the first multiple of `PROBE`
    from s (p + PROBE <= s + MIN_CJK), and its copy holds it L later. So each probe's copies
    `MIN_CJK` to `LONGEST_CLAUSE` characters on are looked for (`str.find`, in C), and only at
    a copy are the runs from the `PROBE` starts that lead to that probe compared: a few dozen
    searches a line, where a set of every run, then a map of where each occurs, were built for
    every line a probe passed (the stage's largest cost)."""
    starts: set[int] = set()
    find = text.find
    size = len(text)
    for p in range(0, size - MIN_CJK - PROBE + 1, PROBE):
        probe = text[p : p + PROBE]
        stop = p + LONGEST_CLAUSE + PROBE  # a copy ends by then: L <= LONGEST_CLAUSE
        copy = find(probe, p + MIN_CJK, stop)
        while copy >= 0:
            length = copy - p
            for s in range(max(0, p - PROBE + 1), p + 1):
                end = s + length + MIN_CJK
                if end <= size and text[s : s + MIN_CJK] == text[s + length : end]:
                    starts.add(s)
            copy = find(probe, copy + 1, stop)
    return sorted(starts)


def find_duplicate_clauses(text: str, _options: Options) -> Iterator[Change]:
    """`CLAUSE_TWICE.finditer`, tried only where a match can start (`clause_starts`): the
    backtracking regex tried at every character was most of the repair stage's time."""
    end = 0
    for start in clause_starts(text):
        m = CLAUSE_TWICE.match(text, start) if start >= end else None
        if m is None:
            continue
        end = m.end()
        new = keep_once(m)
        if new != m.group():
            yield Change(m.start(), m.end(), new)


OCR_DUPLICATE_CLAUSE = RULES.add(
    Rule(
        "repair.ocr_duplicate_clause",
        "repair",
        "the same clause twice in a row inside a line, kept once",
        find_duplicate_clauses,
        could_apply=long_enough,
        lint=False,
    )
)


OCR_DUPLICATE_LINE = RULES.declare(
    "repair.ocr_duplicate_line",
    "repair",
    "a line identical to the previous non-blank line (a re-scanned paragraph) removed",
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
            removed.append(Removed(line.text, OCR_DUPLICATE_LINE.name, line.number))
            continue
        previous = text
        out.append(line)
    return out, removed
