"""Table of contents → `metadata["toc"]` (STYLE.md section 5).

A TOC starts at a `目录` heading and runs as long as its lines have the shape
of entries: `NN title` (or `title …… NN`), an optional `/ author-or-unit`
line under an entry, section headings without a page number between
entries, and the second half of a title broken over two lines. It ends at
the first line that has none of these shapes (a paragraph, a masthead
field, more than a few unnumbered lines in a row). The entries are the
segmenter's best guide to where each article starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found, bare, collapse, ends_sentence, has_cjk

RULES = RuleList()
RULE = RULES.declare(
    "furniture.toc",
    "furniture",
    "a table of contents (from its 目录 heading through its entries) leaves the body for metadata `toc`",
).name
STRAY_RULE = RULES.declare(
    "furniture.toc_stray_glyph",
    "furniture",
    "a stray OCR bar at the end of a TOC author line is dropped from the author's name",
).name

_DATA = load(__file__, "toc")
_LIMITS = _DATA["limits"]

#: The heading that opens a table of contents (OCR may space its two characters).
TOC_HEADING = re.compile(_DATA["toc_heading"], re.IGNORECASE)

#: `07 title`: a page number of 1-3 digits, then the title (not a date such as `2022 年`).
PAGE_FIRST = re.compile(_DATA["page_first"])
#: `title …… 07` or `title 07`: the page number at the end, after leaders or a space.
PAGE_LAST = re.compile(_DATA["page_last"])
#: `/ unit or author`, `文/ author`, `作者：author`, `□ author` under an entry.
AUTHOR_LINE = re.compile(_DATA["author_line"])
#: An author on the entry's own line: `title 文/ author`, `title / author`.
INLINE_AUTHOR = re.compile(_DATA["inline_author"])
#: `——subtitle` under an entry's title.
SUBTITLE_LINE = re.compile(_DATA["subtitle_line"])
#: A stray OCR bar at the end of an author line.
STRAY_GLYPH = re.compile(_DATA["stray_glyph"])

#: Longest line still taken as a section heading or a title continuation.
MAX_LOOSE_LINE: int = _LIMITS["max_loose_line"]
#: More unnumbered lines than this in a row means the TOC has ended.
MAX_PENDING: int = _LIMITS["max_pending"]
#: Fewer entries than this is not a table of contents.
MIN_ENTRIES: int = _LIMITS["min_entries"]


@dataclass(slots=True)
class _Entry:
    page: int | None
    title: str
    line: int
    index: int
    author: str | None = None
    section: str | None = None
    subtitle: str | None = None

    def record(self) -> dict[str, object]:
        out: dict[str, object] = {
            "page": self.page,
            "title": self.title,
            "author": self.author,
            "section": self.section,
            "line": self.line,
        }
        if self.subtitle:
            out["subtitle"] = self.subtitle
        return out


def _entry(text: str) -> tuple[int, str] | None:
    """(page, title) when the line has the shape of a TOC entry."""
    for pattern in (PAGE_FIRST, PAGE_LAST):
        m = pattern.match(text)
        if m and has_cjk(m.group("title")) and not ends_sentence(m.group("title")):
            return int(m.group("page")), collapse(m.group("title"))
    return None


def _loose(text: str) -> bool:
    """A short unnumbered line: a section heading or the rest of a broken title."""
    return len(text) <= MAX_LOOSE_LINE and has_cjk(text) and not ends_sentence(text)


def find_toc(
    lines: list[Line],
    taken: set[int],
    is_field: Callable[[str], bool] | None = None,
    options: Options | None = None,
) -> Found:
    """Find the first table of contents; `is_field(text)` tells masthead lines that end it.

    With `furniture.toc_stray_glyph` switched off in `options`, an author keeps its stray bar.
    """
    strip_stray = options is None or options.enabled(STRAY_RULE)
    found = Found()
    start = next(
        (i for i, ln in enumerate(lines) if i not in taken and TOC_HEADING.match(bare(ln.text))), None
    )
    if start is None:
        return found
    entries: list[_Entry] = []
    claims: list[Claim] = [Claim(start, RULE)]
    edits: list[Edit] = []
    pending: list[tuple[int, str]] = []
    section: str | None = None

    def flush_pending(before_entry: bool) -> None:
        """Unnumbered lines: the rest of the last title, then (before an entry) a section heading.

        Before an author line they all continue the title. Before the next entry,
        a single line is a section heading; with more, the first continues the
        last title (when it has no author yet) and the others are the heading.
        """
        nonlocal section, pending
        rest = pending
        last = entries[-1] if entries else None
        if last is not None and last.author is None:
            cut = len(rest) if not before_entry else (1 if len(rest) > 1 else 0)
            for index, text in rest[:cut]:
                last.title += text
                claims.append(Claim(index, RULE, (text,)))
            rest = rest[cut:]
        if rest:
            section = " ".join(t for _, t in rest)
            claims.extend(Claim(i, RULE, (t,)) for i, t in rest)
        pending = []

    for i in range(start + 1, len(lines)):
        if i in taken:
            break
        text = bare(lines[i].text)
        if not text:
            continue
        author = AUTHOR_LINE.match(text)
        subtitle = SUBTITLE_LINE.match(text)
        parsed = None if author or subtitle else _entry(text)
        if subtitle and entries and entries[-1].author is None and not entries[-1].subtitle:
            flush_pending(before_entry=False)
            entries[-1].subtitle = collapse(subtitle.group("subtitle"))
            claims.append(Claim(i, RULE, (subtitle.group("subtitle"),)))
        elif parsed:
            flush_pending(before_entry=True)
            page, title = parsed
            entry = _Entry(page, title, lines[i].number, i, section=section)
            if inline := INLINE_AUTHOR.match(title):
                entry.title, entry.author = inline.group("title"), inline.group("author")
            entries.append(entry)
            claims.append(Claim(i, RULE, (entry.title, entry.author or "")))
        elif author and entries:
            flush_pending(before_entry=False)
            name = author.group("author")
            stray = STRAY_GLYPH.search(name)
            if stray and strip_stray:
                edits.append(Edit("furniture", STRAY_RULE, stray.group(0).strip(), "", lines[i].number))
                name = name[: stray.start()]
            entries[-1].author = collapse(name)
            claims.append(Claim(i, RULE, (name,)))
        elif _loose(text) and not (is_field and is_field(text)) and len(pending) < MAX_PENDING:
            pending.append((i, text))
        else:
            break
    if len(entries) < MIN_ENTRIES:
        return found
    found.metadata["toc"] = [e.record() for e in entries]
    found.claims = claims
    found.edits = edits
    return found
