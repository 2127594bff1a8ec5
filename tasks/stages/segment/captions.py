"""Photo captions: the ones told by their neighbours or their shape, and the article they illustrate.

Strong signals (an arrow, a position note, a credit) are read when lines are
joined. Two weaker ones need whole blocks or whole articles: a short sentence
sitting between captions is a caption too; and inside an article whose
subheadings are two-clause headlines (`风雨同舟 共克时艰`), a single-clause
descriptive line without final punctuation is a caption, not a heading.
Captions printed in a cluster are moved to the article whose title, subtitle
or authors share the most words with them (STYLE.md section 5).
"""

from __future__ import annotations

import re
from dataclasses import replace

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Article, Block
from zhclean.tasks.text import classify as cl
from zhclean.tasks.text.charsets import HAN_CLASS

_DATA = load(__file__, "captions")
#: Clause punctuation inside a line (an enumeration comma `、` does not count).
CLAUSE_COMMA = re.compile(_DATA["clause_comma"])
#: A single-clause line this short is a slogan or a label, not a caption.
WEAK_CAPTION_MIN_CHARS: int = _DATA["weak_caption_min_chars"]
#: Quotes: a line quoting something is a headline, not a caption.
QUOTES: str = _DATA["quotes"]
#: An article needs this many two-clause subheadings before single-clause lines read as captions.
TWO_CLAUSE_HEADINGS_MIN: int = _DATA["two_clause_headings_min"]
#: A caption moves to another article only when it shares at least this many character pairs.
ATTACH_MIN_PAIRS: int = _DATA["attach_min_pairs"]


def between_captions(blocks: list[Block]) -> list[Block]:
    """A short one-sentence block with captions on both sides, or closing a cluster, is a caption."""
    out = list(blocks)
    for i in range(1, len(out)):
        b = out[i]
        after = out[i + 1].type if i + 1 < len(out) else None
        framed = out[i - 1].type == "caption" and after == "caption"
        if b.type == "paragraph" and cl.caption_sized(b.text) and (framed or closes_cluster(out, i)):
            out[i] = replace(b, type="caption")
    return out


#: Captions that must precede a block for it to read as the last caption of a cluster.
CLUSTER_MIN_CAPTIONS: int = _DATA["cluster_min_captions"]


def closes_cluster(blocks: list[Block], i: int) -> bool:
    """The last, unmarked caption of a printed cluster: after captions, before a heading or the end.

    Only a comma-free single sentence qualifies; a closing remark of an article has clauses.
    """
    before = blocks[max(0, i - CLUSTER_MIN_CAPTIONS) : i]
    after = blocks[i + 1].type if i + 1 < len(blocks) else None
    if len(before) < CLUSTER_MIN_CAPTIONS or any(b.type != "caption" for b in before):
        return False
    return after in (None, "heading") and not CLAUSE_COMMA.search(blocks[i].text)


#: What separates the clauses of a headline (an enumeration comma `、` does not).
HEADLINE_SEP = re.compile(_DATA["headline_sep"])


#: A closing quote then an ideograph: where typography removed the clause space of
#: `“小切口”撬动“大民生” 办好家门口事` (no space is kept next to a full-width mark).
QUOTE_BOUNDARY = re.compile(rf"(?<=[”’」』])(?=[{HAN_CLASS}])")
#: Each side of such a boundary holds a clause of at least this many ideographs.
QUOTE_CLAUSE_MIN: int = _DATA["quote_clause_min"]


def two_clause(text: str) -> bool:
    if len([c for c in HEADLINE_SEP.split(text.strip()) if c]) >= 2:
        return True
    for m in QUOTE_BOUNDARY.finditer(text):
        left, right = text[: m.start()], text[m.start() :]
        if min(cl.cjk_count(left), cl.cjk_count(right)) >= QUOTE_CLAUSE_MIN:
            return True
    return False


def weak_caption(block: Block) -> bool:
    """An unmarked heading-shaped line of one clause, no quotes, no numbering."""
    text = block.text
    return (
        block.type == "heading"
        and block.level is None
        and not two_clause(text)
        and not cl.is_enumerated(text)
        and not any(q in text for q in QUOTES)
        and cl.visible_len(text) >= WEAK_CAPTION_MIN_CHARS
    )


def retype_in_article(blocks: list[Block]) -> list[Block]:
    """Inside one article: single-clause lines among two-clause headlines are captions."""
    unmarked = [b for b in blocks if b.type == "heading" and b.level is None]
    if sum(two_clause(b.text) for b in unmarked) < TWO_CLAUSE_HEADINGS_MIN:
        return blocks
    return [replace(b, type="caption") if weak_caption(b) else b for b in blocks]


def pairs(text: str) -> set[str]:
    run = "".join(cl.CJK_CHAR.findall(text))
    return {run[i : i + 2] for i in range(len(run) - 1)}


def label_pairs(article: Article) -> set[str]:
    return pairs(" ".join([article.title, article.subtitle or "", *article.authors]))


def attach(articles: list[Article]) -> list[Article]:
    """Move each caption to the article its words name best, when that is clearly another one."""
    labels = [label_pairs(a) for a in articles]
    moves: list[tuple[int, int, Block]] = []
    for i, article in enumerate(articles):
        for block in article.blocks:
            if block.type != "caption":
                continue
            words = pairs(block.text)
            scores = [len(words & lab) for lab in labels]
            best = max(range(len(scores)), key=lambda k: scores[k])
            if best != i and scores[best] >= ATTACH_MIN_PAIRS and scores[best] > scores[i]:
                moves.append((i, best, block))
    for src, dst, block in moves:
        articles[src].blocks = [b for b in articles[src].blocks if b is not block]
        articles[dst].blocks.append(block)
    return articles
