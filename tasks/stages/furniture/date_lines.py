"""A date line on its own next to a title: the article's date, not a line of its text.

A press release or a web article prints its day on a line of its own right above or
below the headline (`115年05月16日` in Taiwan's ROC calendar, `2026-05-16`). The line is
metadata: left in the text, the join stage runs it into the headline (a date has no
sentence end), and the headline is lost. It goes to `date` (the document's, the first
one) and to `date_lines` (each line and its day, for the article it heads).

A date alone elsewhere is text: the day that closes a letter or a notice under its
signature, a diary's entry, a date cut off a sentence. So the line must stand at the top
of its block, right above a title-shaped line (no sentence end), or right under a title
that opens its block, with a blank line and prose after it.
"""

from __future__ import annotations

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture import dates
from zhclean.tasks.stages.furniture.base import Claim, Found, bare
from zhclean.tasks.text import classify as cl

RULES = RuleList()
RULE = RULES.declare(
    "furniture.date_line",
    "furniture",
    "a date on a line of its own right above a title, or right under one before the text (`115年05月16日`, "
    "ROC years read + 1911), leaves the body for metadata `date` and `date_lines`",
).name


def _text(lines: list[Line], i: int, taken: set[int]) -> str:
    """The line's text, or '' when it is outside the document, blank or already taken."""
    return "" if i < 0 or i >= len(lines) or i in taken else bare(lines[i].text)


def title_shaped(text: str) -> bool:
    """A headline's shape: words, no sentence end inside or at the end, not itself a date."""
    return (
        bool(text)
        and not cl.ends_sentence(text)
        and not cl.has_inner_sentence_end(text)
        and not cl.DATE_START.match(text)
    )


def _next_nonblank(lines: list[Line], i: int, taken: set[int]) -> str:
    j = i
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    return _text(lines, j, taken)


def heads_title(lines: list[Line], i: int, taken: set[int]) -> bool:
    """Date line `i` opens its block and a title-shaped line follows it directly, or it stands
    right under a title that opens its block, and a blank line, then prose, follow it."""
    above, below = _text(lines, i - 1, taken), _text(lines, i + 1, taken)
    if not above and title_shaped(below):
        return True
    if not (title_shaped(above) and not _text(lines, i - 2, taken) and not below):
        return False
    after = _next_nonblank(lines, i + 1, taken)
    return bool(after) and not cl.heading_like(after)


def find_date_lines(lines: list[Line], taken: set[int]) -> Found:
    found = Found()
    days: list[dict[str, object]] = []
    for i, line in enumerate(lines):
        if i in taken:
            continue
        day = dates.whole_date(bare(line.text))
        if day is None or not heads_title(lines, i, taken):
            continue
        found.metadata.setdefault("date", day)
        days.append({"line": line.number, "date": day})
        found.claims.append(Claim(i, RULE))
    if days:
        found.metadata["date_lines"] = days
    return found
