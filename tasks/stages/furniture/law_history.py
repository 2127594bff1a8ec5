"""A law's history under its title: the dated notes of its enactment and amendments.

A law opens with its title and the record of what was done to it: `1.中华民国八十四年
八月十一日总统…令制定公布全文 45 条`, `2.…修正公布…`, each note a date and a verb of
enactment, often wrapped over indented lines by the source's fixed width. The notes are
metadata (`law_history`), not the law's first paragraph, and the wrap must not reach the
join stage, which would run the notes and the first article together.

Only what the join stage cannot keep whole is read here: a numbered note, a wrapped one,
or one dated in the ROC calendar. A single-line Gregorian note (`2021年6月10日 某某会议
通过`) is left to segmentation (`segment.dated_note`), which reads it once joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture import dates
from zhclean.tasks.stages.furniture.base import Claim, Found, bare
from zhclean.tasks.text import classify as cl

RULES = RuleList()
RULE = RULES.declare(
    "furniture.law_history",
    "furniture",
    "a law's history under its title (numbered, wrapped or ROC-dated notes of enactment and amendment, "
    "`1.中华民国…公布`) leaves the body for metadata `law_history`, one note per entry",
).name

_DATA = load(__file__, "law_history")
#: An entry's opening: a number and a bracket, both optional, then a full date.
ENTRY = re.compile(_DATA["entry"] + dates.DATE.pattern)
#: A wrapped line of an entry.
CONTINUATION = re.compile(_DATA["continuation"])
#: The verbs of enactment.
VERBS = re.compile("|".join(_DATA["verbs"]))
#: The words a law's title ends with, and a bracketed version note after them.
LAW_KINDS: tuple[str, ...] = tuple(_DATA["law_kinds"])
VERSION_NOTE = re.compile(_DATA["version_note"])


@dataclass(slots=True)
class Entry:
    """One note: its lines (indices), its date and whether it is numbered."""

    lines: list[int] = field(default_factory=list)
    date: str | None = None
    numbered: bool = False
    roc: bool = False


def _glue(a: str, b: str) -> str:
    """Lines of one note joined: a space only between two Latin or digit runs."""
    return a + (" " if re.search(r"[A-Za-z0-9]$", a) and re.match(r"[A-Za-z0-9]", b) else "") + b


def _entries(lines: list[Line], start: int, taken: set[int]) -> list[Entry]:
    """The notes from line `start` on: dated entries with their indented wrapped lines; blank
    lines may stand between entries. Stops at the first line that is neither, or at a note
    without a verb of enactment."""
    out: list[Entry] = []
    j, after_blank = start, False
    while j < len(lines) and j not in taken:
        text = lines[j].text
        m = ENTRY.match(text)
        if not text.strip():
            after_blank = True
        elif m:
            y = m.group("y")
            roc = m.group("era") is not None or (y.isdigit() and len(y) <= dates.ROC_MAX_DIGITS)
            out.append(Entry([j], dates.iso(m), m.group("number") is not None, roc))
            after_blank = False
        elif out and not after_blank and CONTINUATION.match(text):
            out[-1].lines.append(j)
        else:
            break
        j += 1
    for k, e in enumerate(out):
        if not VERBS.search("".join(lines[i].text for i in e.lines)):
            return out[:k]
    return out


def law_title(text: str) -> bool:
    """A heading that names a law: heading-shaped, ending with the kind of law it is, and no
    dated note itself (`2.2020年1月8日 县政府令公布某某条例`)."""
    if ENTRY.match(text) or not cl.heading_like(text):
        return False
    return VERSION_NOTE.sub("", text).endswith(LAW_KINDS)


def _text(lines: list[Line], entry: Entry) -> str:
    text = ""
    for i in entry.lines:
        text = _glue(text, lines[i].text.strip()) if text else lines[i].text.strip()
    return text


def find_law_history(lines: list[Line], taken: set[int]) -> Found:
    """The notes right under a law's title (blank lines between allowed)."""
    found = Found()
    history: list[dict[str, object]] = []
    i = 0
    while i < len(lines):
        title = bare(lines[i].text)
        if i in taken or not title or not law_title(title):
            i += 1
            continue
        start = i + 1
        while start < len(lines) and not lines[start].text.strip():
            start += 1
        notes = _entries(lines, start, taken)
        if not any(e.numbered or e.roc or len(e.lines) > 1 for e in notes):
            i += 1
            continue
        for e in notes:
            history.append({"line": lines[e.lines[0]].number, "date": e.date, "text": _text(lines, e)})
            found.claims += [Claim(j, RULE, (lines[j].text.strip(),)) for j in e.lines]
        i = notes[-1].lines[-1] + 1
    if history:
        found.metadata["law_history"] = history
    return found
