"""E-book markers and download notes: lines about the file or the page, not the subject.

An e-book closes a chapter with `（本章完）` and a serial with `（未完待续）`; a web page
lists its attachments as `附件下载：某某办法.doc`. Neither is part of the text a reader
quotes, wherever it stands, so both leave the body with a record. The marker must be the
whole line (a sentence that says a chapter ended is text), and a download note must be a
download label followed by file names only, so a sentence that mentions a file stays.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.stages.furniture.base import Claim, Found, bare, collapse

RULES = RuleList()
MARKER_RULE = RULES.declare(
    "furniture.ebook_marker",
    "furniture",
    "an e-book's end or continuation marker on a line of its own (`（本章完）`, `（未完待续）`) leaves the body",
).name
DOWNLOAD_RULE = RULES.declare(
    "furniture.download_note",
    "furniture",
    "a download note (`附件下载：某某办法.doc`: a download label and file names only) leaves the body",
).name

_DATA = load(__file__, "markers")

#: `（本章完）`, `(全文完)`, `【未完待续】`: the whole line.
EBOOK_MARKER = re.compile(_DATA["ebook_marker"])
_FILE: str = _DATA["file_name"]
#: A download label, then file names separated by spaces or list punctuation, nothing else.
DOWNLOAD_NOTE = re.compile(
    rf"^[【\[]?(?:{_DATA['download_label']})[】\]]?\s*[:：]?\s*(?:{_FILE})(?:\s*[,，;；、]?\s*(?:{_FILE}))*$",
    re.IGNORECASE,
)


def is_marker(text: str) -> bool:
    return EBOOK_MARKER.match(collapse(bare(text))) is not None


def is_download_note(text: str) -> bool:
    return DOWNLOAD_NOTE.match(collapse(bare(text))) is not None


def find_markers(lines: list[Line], taken: set[int]) -> Found:
    """E-book markers and download notes, each a whole line."""
    found = Found()
    for i, line in enumerate(lines):
        if i in taken or not line.text.strip():
            continue
        if is_marker(line.text):
            found.claims.append(Claim(i, MARKER_RULE))
        elif is_download_note(line.text):
            found.claims.append(Claim(i, DOWNLOAD_RULE))
    return found
