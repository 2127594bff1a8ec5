"""Shared by the tests over the invented documents in `tests/fixtures/unseen/`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zhclean.tasks.check import lint
from zhclean.tasks.core.model import Article, Document
from zhclean.tasks.editions import json_edition as edition_json
from zhclean.tasks.editions import markdown_edition as edition_markdown
from zhclean.tasks.pipeline.run import normalize_document

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"


def names(pattern: str) -> list[str]:
    """File names of the fixtures matching a glob pattern, sorted."""
    return sorted(p.name for p in UNSEEN.glob(pattern))


@cache
def normalized(file_name: str) -> Document:
    """The pipeline's document for one fixture (computed once per test session)."""
    path = UNSEEN / file_name
    return normalize_document(path.read_bytes(), path.name)


def texts(article: Article, kind: str) -> list[str]:
    return [b.text for b in article.blocks if b.type == kind]


def output_blocks(doc: Document, name: str) -> list[lint.TextBlock]:
    """Every title and block of the output, as the linter reads them."""
    blocks = []
    for article in doc.articles:
        blocks.append(lint.TextBlock("heading", article.title, name, article.start))
        blocks.extend(lint.TextBlock(b.type, b.text, name, b.start) for b in article.blocks)
    return blocks


def assert_editions_lint_clean(docs: list[Document], folder: Path) -> None:
    """What `zhclean lint` reads, the JSON edition folder and each Markdown file, has no violation."""
    edition_json.write_json_edition(docs, folder / "json", {})
    report = lint.lint_path(folder / "json")
    assert report.blocks and report.total == 0, lint.format_report(report)
    for doc in docs:
        md = folder / f"{doc.source}.md"
        md.write_text(edition_markdown.render_document_markdown(doc), encoding="utf-8")
        report = lint.lint_path(md)
        assert report.total == 0, lint.format_report(report)
