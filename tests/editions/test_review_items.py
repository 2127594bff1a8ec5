"""The review page's raw column, written out by hand for a small document.

The page writes each distinct edit once and reuses it; these are the cases where that could
show: characters to escape (in the text, the kind and the attribute), the same edit twice on
one line and again on another, values that are equal but not written alike (1 and True),
a line's edits followed by its removal, edits of the whole document (line 0), blank lines.
"""

from __future__ import annotations

import re

from zhclean.tasks.core.model import Article, Block, Document, Edit, Removed
from zhclean.tasks.editions.review_page import render_review

RAW = "a<b\n\n\"x\" & 'y'\n"

CURLY_OPEN = Edit("typography", "punct.curly_quotes", '"', "“", 3)


def document() -> Document:
    edits = [
        Edit("ingest", "ingest.bom", "\ufeff", "", 0),
        Edit("repair", "repair.html", "<b", "", 1),
        CURLY_OPEN,
        CURLY_OPEN,
        Edit("typography", "punct.curly_quotes", '"', "”", 3),
        Edit("s", 'k"<', "&", "", 3),
        Edit("typography", "punct.curly_quotes", '"', "“", 1),
        Edit("s", "k", 1, "x", 1),  # type: ignore[arg-type]
        Edit("s", "k", True, "x", 1),  # type: ignore[arg-type]
    ]
    article = Article("a-1", "a.txt", "a", [Block("paragraph", "a", 1, 1)], start=1, end=1)
    return Document(
        "a.txt",
        "0" * 64,
        "utf-8",
        1,
        articles=[article],
        edits=edits,
        removed=[Removed("'y'", "furniture.x", 3)],
    )


def item(kind: str, before: str, after: str = "") -> str:
    arrow = " → " if before and after else ""
    after = f"<ins>{after}</ins>" if after else ""
    return f'<li class="edit" data-kind="{kind}"><span class="kind">{kind}</span><del>{before}</del>{arrow}{after}</li>'


OPEN = item("punct.curly_quotes", "&quot;", "“")
BOM = item("ingest.bom", "\ufeff")
EXPECTED = "\n".join(
    [
        '<ol class="raw">',
        f'<li class="outside"><span class="num">—</span>document<ul class="edits">{BOM}</ul></li>',
        '<li id="L1" class="in-article"><span class="num">1</span>a&lt;b<ul class="edits">'
        + item("repair.html", "&lt;b")
        + OPEN
        + item("k", "1", "x")
        + item("k", "True", "x")
        + "</ul></li>",
        '<li id="L2" class="blank"><span class="num">2</span></li>',
        '<li id="L3" class="removed"><span class="num">3</span>&quot;x&quot; &amp; &#x27;y&#x27;<ul class="edits">'
        + OPEN
        + OPEN
        + item("punct.curly_quotes", "&quot;", "”")
        + item("k&quot;&lt;", "&amp;")
        + '<li class="edit" data-kind="furniture.x"><span class="kind">furniture.x</span>'
        "<del>&#x27;y&#x27;</del> (removed)</li>" + "</ul></li>",
        '<li id="L4" class="blank"><span class="num">4</span></li>',
        "</ol>",
    ]
)


def test_the_raw_column_as_written_by_hand() -> None:
    page = render_review(document(), RAW)
    (column,) = re.findall(r'<ol class="raw">.*?</ol>', page, re.DOTALL)
    assert column == EXPECTED
