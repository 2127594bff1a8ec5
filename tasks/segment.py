"""Blocks to articles with title, subtitle, authors, section, series, page, date, source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tasks.model import Article, Block, Edit, Removed
from tasks.options import Options


@dataclass(slots=True)
class Segmented:
    articles: list[Article]
    metadata: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def segment_articles(blocks: list[Block], metadata: dict[str, Any], source: str, options: Options) -> Segmented:
    """Start a new article at every heading; text before the first heading opens article one."""
    stem = source.rsplit(".", 1)[0]
    articles: list[Article] = []
    for block in blocks:
        if block.type == "heading" or not articles:
            title = block.text if block.type == "heading" else block.text[:30]
            articles.append(Article(f"{stem}-{len(articles) + 1:03d}", source, title, start=block.start))
            if block.type == "heading":
                articles[-1].end = block.end
                continue
        articles[-1].blocks.append(block)
        articles[-1].end = block.end
    for a in articles:
        a.date = metadata.get("date")
    return Segmented(articles)
