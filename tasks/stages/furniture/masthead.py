"""Periodical masthead, colophon and editorial board → `metadata["masthead"]` (STYLE.md section 5).

A masthead is a cluster of short `label value` lines (主办, 编辑, 地址, 邮编,
电话, 信箱, 出刊, 印刷 …, or an editorial board: 编委会 chairs, 主编, 责任编辑 …)
with continuation lines between them (the rest of a printer's name, more
names of the board). One such line alone proves nothing (a paragraph may
start with 电话); a cluster of at least `MIN_FIELDS` label lines with
different labels is a masthead. Issue-number lines (`2022 年第 2 期`) are
furniture on their own and go to `metadata["issue"]`.

The masthead dict keys are the labels as printed (spaces taken out), so the
metadata reads like the page; names of the board are lists under `编委会`.
"""

from __future__ import annotations

import re
from typing import Any

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import (
    Claim,
    Found,
    bare,
    collapse,
    ends_sentence,
    has_cjk,
    squeeze,
)
from zhclean.tasks.text.charsets import HAN_CLASS
from zhclean.tasks.text.names import split_names

RULES = RuleList()
ISSUE_RULE = RULES.declare(
    "furniture.issue",
    "furniture",
    "a line that is only an issue number (`2022 年第 2 期`) leaves the body; the first goes to metadata `issue`",
).name
RULE = RULES.declare(
    "furniture.masthead",
    "furniture",
    "a cluster of colophon or editorial-board lines (主办, 地址, 主编 …) leaves the body for metadata `masthead`",
).name

_DATA = load(__file__, "masthead")
_LIMITS = _DATA["limits"]

#: Colophon labels: who publishes, where, how to reach them, when and where printed.
COLOPHON_LABELS: tuple[str, ...] = tuple(_DATA["colophon_labels"])
#: Bodies that have chairs (`编委会` + `主任` …) and the chair roles.
BOARDS: tuple[str, ...] = tuple(_DATA["boards"])
BOARD_CHAIRS: tuple[str, ...] = tuple(_DATA["board_chairs"])
#: Editorial-board labels: their values are lists of personal names.
BOARD_LABELS: tuple[str, ...] = (
    *(body + chair for body in BOARDS for chair in BOARD_CHAIRS),
    *_DATA["board_labels"],
)
#: Latin labels of a colophon (regex fragments).
LATIN_LABELS: tuple[str, ...] = tuple(_DATA["latin_labels"])
#: Words of the notices a periodical prints in its colophon.
NOTE_WORDS: tuple[str, ...] = tuple(_DATA["note_words"])
#: The line that names the editorial office, e.g. `《刊名》编辑部`.
TITLED_OFFICE = re.compile(_DATA["titled_office"])
#: A periodical's title inside a field value: `编辑出版 《刊名》编辑部`.
TITLE_IN_VALUE = re.compile(_DATA["title_in_value"])
#: A line that continues the value of the line above (the rest of an organisation's name).
ORG_SUFFIX = re.compile(_DATA["org_suffix"])

#: `2022 年第 2 期`, `第3期(总第45期)`: the issue of a periodical.
ISSUE = re.compile(_DATA["issue"])

#: A label line is at most this long.
MAX_FIELD_LINE: int = _LIMITS["max_field_line"]
#: Continuation and note lines inside a masthead are at most this long.
MAX_LOOSE_LINE: int = _LIMITS["max_loose_line"]
#: Label lines a cluster needs to be a masthead.
MIN_FIELDS: int = _LIMITS["min_fields"]
#: Non-label lines allowed in a row inside a masthead.
MAX_GAP: int = _LIMITS["max_gap"]
#: Unlabelled lines taken above a masthead when furniture (issue, running head) sits above them.
MAX_ABOVE: int = _LIMITS["max_above"]


def _spaced(label: str) -> str:
    """A regex for a label whose characters OCR may have spaced apart."""
    return r"\s*".join(re.escape(ch) for ch in label)


#: Longest first, so `编辑出版` is tried before `编辑` (dict.fromkeys: no duplicates, a stable order).
_LABELS = sorted(dict.fromkeys([*COLOPHON_LABELS, *BOARD_LABELS]), key=len, reverse=True)
FIELD = re.compile(
    r"^(?P<label>" + "|".join([*map(_spaced, _LABELS), *LATIN_LABELS]) + r")"
    rf"(?:\s*[:：]\s*|\s+|(?=[^{HAN_CLASS}\s])|$)(?P<value>.*)$",
    re.IGNORECASE,
)


def parse_field(text: str) -> tuple[str, str] | None:
    """(label, value) when `text` has the shape of a masthead label line."""
    text = bare(text)
    if len(text) > MAX_FIELD_LINE or ends_sentence(text):
        return None
    m = FIELD.match(text)
    if not m:
        return None
    return squeeze(m.group("label")), collapse(m.group("value"))


def is_note(text: str) -> bool:
    return len(text) <= MAX_LOOSE_LINE and any(w in squeeze(text) for w in NOTE_WORDS)


def parse_issue(text: str) -> dict[str, Any] | None:
    m = ISSUE.match(bare(text))
    if not m or not (m.group("year") or m.group("total")):
        return None
    record: dict[str, Any] = {"text": collapse(bare(text)), "number": int(m.group("number"))}
    if m.group("year"):
        record["year"] = int(m.group("year"))
    if m.group("total"):
        record["total"] = int(m.group("total"))
    return record


def find_issue_lines(lines: list[Line], taken: set[int]) -> Found:
    """Standalone issue-number lines; the first one is the document's issue."""
    found = Found()
    for i, line in enumerate(lines):
        if i in taken:
            continue
        issue = parse_issue(line.text)
        if issue:
            first = "issue" not in found.metadata
            found.metadata.setdefault("issue", issue)
            found.claims.append(Claim(i, ISSUE_RULE, (issue["text"],) if first else ()))
    return found


class _Assembler:
    """Reads the lines of one cluster into a masthead dict, claiming as it goes."""

    def __init__(self, before: dict[str, Any] | None = None) -> None:
        """`before`: the masthead of the clusters read so far, which this one is merged into."""
        before = before or {}
        board = before.get("编委会")
        #: the keys already there: a label of one of them is kept (as that key) once only
        self.known = set(before)
        self.known_board = set(board) if isinstance(board, dict) else set()
        self.masthead: dict[str, Any] = {}
        self.periodical: str | None = None
        self.claims: list[Claim] = []
        self.label: str | None = None
        self.fields = 0
        self.labels: set[str] = set()

    def field(self, index: int, label: str, value: str) -> None:
        """A `label: value` line. A label is kept once, as its key: a label seen before (the
        field repeated, or in an earlier cluster) leaves its line's text for the removed list,
        where accounting finds it."""
        names = split_names(value) if label in BOARD_LABELS and value else None
        on_board = label in BOARD_LABELS and (names is not None or not value)
        if on_board:
            board = self.masthead.setdefault("编委会", {})
            repeated = label in board or label in self.known_board
            board.setdefault(label, []).extend(names or [])
            kept = (*(() if repeated else (label,)), *(names or []))
        else:
            repeated = label in self.masthead or label in self.known
            old = self.masthead.get(label)
            self.masthead[label] = f"{old}；{value}" if old else value
            kept = (value,) if repeated else (label, value)
            if titled := TITLE_IN_VALUE.search(value):
                self.periodical = self.periodical or titled.group("title")
        self.label = label
        self.fields += 1
        self.labels.add(label)
        self.claims.append(Claim(index, RULE, kept))

    def loose(self, index: int, text: str) -> bool:
        """A line without label; False when it does not belong to the masthead."""
        board = self.masthead.get("编委会", {})
        names = split_names(text)
        office = TITLED_OFFICE.match(squeeze(text))
        if self.label in board and names:
            board[self.label].extend(names)
            self.claims.append(Claim(index, RULE, tuple(names)))
        elif office:
            self.periodical = self.periodical or office.group("title")
            self.note(index, text, office.group("role") or "刊名")
        elif (
            self.label in self.masthead
            and isinstance(self.masthead[self.label], str)
            and ORG_SUFFIX.search(text)
        ):
            self.masthead[self.label] += squeeze(text)
            self.claims.append(Claim(index, RULE, (text,)))
        elif is_note(text):
            self.note(index, text, "说明")
        else:
            return False
        return True

    def note(self, index: int, text: str, key: str) -> None:
        value = collapse(text)
        old = self.masthead.get(key)
        self.masthead[key] = [*old, value] if isinstance(old, list) else [value]
        self.claims.append(Claim(index, RULE, (value,)))


def _loose_shape(text: str) -> bool:
    return len(text) <= MAX_LOOSE_LINE and not ends_sentence(text) and (has_cjk(text) or is_note(text))


def _read_cluster(
    lines: list[Line], order: list[int], start: int, taken: set[int], before: dict[str, Any]
) -> tuple[_Assembler, int]:
    """Assemble the cluster that starts at order[start]; returns it and the next position.

    A line already claimed by another detector (a TOC) ends the cluster.
    """
    asm = _Assembler(before)
    pos, gap, stop = start, 0, start
    held: list[tuple[int, str]] = []  # unlabelled lines waiting for a label line below them
    while pos < len(order):
        i = order[pos]
        if i in taken:
            break
        text = bare(lines[i].text)
        parsed = parse_field(text)
        if parsed:
            for j, t in held:
                asm.note(j, t, "其他")
            held, gap = [], 0
            asm.field(i, *parsed)
            stop = pos + 1
        elif _loose_shape(text) and gap < MAX_GAP:
            gap += 1
            if not held and asm.loose(i, text):
                stop = pos + 1
            else:
                held.append((i, text))
        else:
            break
        pos += 1
    return asm, stop


def _above(lines: list[Line], first: int, taken: set[int]) -> tuple[list[int], list[int]]:
    """Unlabelled lines just above a masthead: (confirmed, unconfirmed).

    A line is confirmed when furniture (an issue line, a running head) sits
    above it; the unconfirmed ones are kept only if they name the periodical.
    """
    pending: list[int] = []
    confirmed: list[int] = []
    for i in range(first - 1, -1, -1):
        text = bare(lines[i].text)
        if not text:
            continue
        if i in taken:
            confirmed.extend(pending)
            pending = []
            continue
        if len(pending) >= MAX_ABOVE or len(text) > MAX_LOOSE_LINE or ends_sentence(text):
            break
        pending.append(i)
    return confirmed, pending


def find_masthead(lines: list[Line], taken: set[int]) -> Found:
    """Every masthead cluster of the document, merged into one `masthead` dict."""
    found = Found()
    masthead: dict[str, Any] = {}
    order = [i for i, ln in enumerate(lines) if ln.text.strip()]
    pos = 0
    while pos < len(order):
        if order[pos] in taken or not parse_field(lines[order[pos]].text):
            pos += 1
            continue
        asm, nxt = _read_cluster(lines, order, pos, taken, masthead)
        if asm.fields >= MIN_FIELDS and len(asm.labels) >= 2:
            confirmed, unconfirmed = _above(lines, order[pos], taken)
            for i in confirmed:
                asm.note(i, bare(lines[i].text), "其他")
            for i in unconfirmed:
                if asm.periodical and squeeze(bare(lines[i].text)) == squeeze(asm.periodical):
                    asm.note(i, bare(lines[i].text), "刊名")
            _merge(masthead, asm.masthead)
            found.claims.extend(asm.claims)
            if asm.periodical:
                found.metadata.setdefault("periodical", asm.periodical)
            pos = nxt
        else:
            pos += 1
    if masthead:
        found.metadata["masthead"] = masthead
    return found


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    """Fold a second cluster into the first: lists extend, dicts merge, strings join."""
    for key, value in new.items():
        old = into.get(key)
        if old is None:
            into[key] = value
        elif isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            old.extend(value)
        else:
            into[key] = f"{old}；{value}"
