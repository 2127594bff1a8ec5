"""Shared by the tests over the documents in `tests/fixtures/unseen/` (and raw/): invented ones
(`cleantext_*`, `furniture_*`) and real ones (`real_*`, sources in `SOURCES.md`).

Two kinds of check live here, kept apart on purpose:

- exact expectations written by hand (`Art`, `assert_articles`): what an editor would
  print, read off the input and STYLE.md, never computed with the project's own code;
- the lint property (`assert_lint_finds_nothing_*`): running the fixers' rules again in
  check mode finds nothing. That only shows the rules agree with themselves, not that
  the output is right, so it is never the test of correctness.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from paths import UNSEEN

from zhclean.tasks.check import lint
from zhclean.tasks.core.model import Article, Document
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions import json_edition as edition_json
from zhclean.tasks.editions import markdown_edition as edition_markdown
from zhclean.tasks.pipeline.run import normalize_document

#: Article fields compared by `assert_articles` (besides the blocks).
FIELDS = ("title", "subtitle", "authors", "section", "series", "page", "date", "origin")

#: In an expected block, a type or text that is left out of the comparison because the
#: output is wrong there today (each use says what is wrong; the report of issue 9 lists it).
LEFT_OUT = None

Expected = tuple[str | None, str | None]


def P(text: str | None) -> Expected:  # short names keep the tables readable
    return ("paragraph", text)


def H(text: str | None) -> Expected:
    return ("heading", text)


def C(text: str | None) -> Expected:
    return ("caption", text)


@dataclass(frozen=True)
class Art:
    """One article as an editor would cut it: every field and every block, exactly.

    Fields not given are expected empty (no subtitle, no authors ...). `left_out` names
    fields whose value is wrong today and is therefore not compared.
    """

    title: str
    blocks: list[Expected]
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    series: str | None = None
    page: int | None = None
    date: str | None = None
    origin: str | None = None
    left_out: tuple[str, ...] = ()


def names(pattern: str) -> list[str]:
    """File names of the fixtures matching a glob pattern, sorted."""
    return sorted(p.name for p in UNSEEN.glob(pattern))


#: How each real document was written when it was put here (SOURCES.md): the codec the tests
#: read it back with, and the oracle for what the ingest stage must detect. Every other
#: fixture is UTF-8.
ENCODINGS: dict[str, str] = {
    "real_anthem_law_utf16": "utf-16",  # with a byte-order mark, CRLF line ends
    "real_lunyu_gbk": "gbk",
    "real_mdn_utf8_note_bom": "utf-8-sig",
    "real_songci_gb18030": "gb18030",  # CRLF line ends
    "real_subtitle_gbk": "gbk",
    "real_tang_poems_big5": "big5",  # CRLF line ends
}


def raw_text(file_name: str) -> str:
    """A fixture's text, decoded with the codec it was written in (not with the project's)."""
    stem = file_name.removesuffix(".txt")
    return (UNSEEN / f"{stem}.txt").read_bytes().decode(ENCODINGS.get(stem, "utf-8"))


def raw_and_normalized(names: list[str]) -> dict[str, tuple[str, Document]]:
    """Each fixture's raw text and the pipeline's document, by name (without `.txt`)."""
    return {n: (raw_text(n), normalized(f"{n}.txt")) for n in names}


@cache
def normalized(file_name: str) -> Document:
    """The pipeline's document for one fixture (computed once per test session)."""
    path = UNSEEN / file_name
    return normalize_document(path.read_bytes(), path.name)


def texts(article: Article, kind: str) -> list[str]:
    return [b.text for b in article.blocks if b.type == kind]


def assert_blocks(article: Article, want: list[Expected]) -> None:
    got = [(b.type, b.text) for b in article.blocks]
    assert len(got) == len(want), f"{article.title}: {got}"
    masked = [
        (gt if wt is not LEFT_OUT else LEFT_OUT, gx if wx is not LEFT_OUT else LEFT_OUT)
        for (gt, gx), (wt, wx) in zip(got, want, strict=True)
    ]
    assert masked == want, article.title


def assert_articles(doc: Document, want: list[Art]) -> None:
    """The document's articles are exactly `want`: fields, then blocks (type and text)."""
    assert len(doc.articles) == len(want), [a.title for a in doc.articles]
    for article, expected in zip(doc.articles, want, strict=True):
        compared = [f for f in FIELDS if f not in expected.left_out]
        got = {f: getattr(article, f) for f in compared}
        assert got == {f: getattr(expected, f) for f in compared}, article.title
        assert_blocks(article, expected.blocks)


def assert_metadata(doc: Document, want: dict, left_out: tuple[str, ...] = ()) -> None:
    """The document metadata is exactly `want`, but for the keys `left_out` (wrong today)."""
    got = {k: v for k, v in doc.metadata.items() if k not in left_out}
    assert got == want


# --- the lint property: the fixers leave nothing their own rules would flag -------------


def output_blocks(doc: Document, name: str) -> list[lint.TextBlock]:
    """Every title and block of the output, as the linter reads them."""
    blocks = []
    for article in doc.articles:
        blocks.append(lint.TextBlock("heading", article.title, name, article.start))
        blocks.extend(lint.TextBlock(b.type, b.text, name, b.start) for b in article.blocks)
    return blocks


def assert_lint_finds_nothing_in(doc: Document, name: str) -> None:
    report = lint.lint_blocks(output_blocks(doc, name), Options())
    assert report.total == 0, lint.format_report(report)


def assert_lint_finds_nothing_in_the_editions(docs: list[Document], folder: Path) -> None:
    """What `zhclean lint` reads, the JSON edition folder and each Markdown file, has no violation."""
    edition_json.write_json_edition(docs, folder / "json", {})
    report = lint.lint_path(folder / "json")
    assert report.blocks and report.total == 0, lint.format_report(report)
    for doc in docs:
        md = folder / f"{doc.source}.md"
        md.write_text(edition_markdown.render_document_markdown(doc), encoding="utf-8")
        report = lint.lint_path(md)
        assert report.total == 0, lint.format_report(report)
