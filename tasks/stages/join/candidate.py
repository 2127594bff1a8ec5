"""The unit the joiner works on: one non-blank line (or one whole code fence or table), with
what stood around it in the raw text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Candidate:
    """One non-blank line after marks are stripped: the unit the joiner works on."""

    text: str
    number: int
    level: int | None = None
    caption: bool = False
    #: A blank line stands between this line and the one before.
    after_blank: bool = False
    #: A line an earlier stage took out (a running head, a page number) stands between them.
    after_gap: bool = False
    list_item: bool = False
    code: bool = False
    #: The raw line opens with an indent.
    indent: bool = False
    #: A Markdown table row, or a whole table (its rows one a line, the alignment row second).
    table: bool = False
    #: The raw line a candidate of several lines (code, a table) ends on.
    end: int | None = None
    #: Repair took inline HTML tags out of the line (`<span>…</span>`).
    tagged: bool = False
    #: A custom container's fence (`::: warning`, `:::`): a line of its own.
    container: bool = False
    #: An MDN definition line, as written (its indentation kept).
    definition: str | None = None
