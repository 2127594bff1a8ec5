"""The EPUB edition: one book per document and the corpus in volumes, the text rendered by pandoc.

Each document's text goes through pandoc once. Its articles are given to pandoc as its JSON
AST (built here from our blocks: no Markdown is parsed, and text can only ever be text, so a
`<script>` in a document stays words) and come back as XHTML, one chapter per article.
`epub_package` packages those chapters as the document's book, and a corpus volume takes
them from that book (one heading level down, under a part page per document) instead of
rendering the text again. A document with no articles still gets a book and a part in its
volume, holding a note, so every raw file stays visible in the edition.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pypandoc

from zhclean.tasks.core.model import Article, Block, Document, DocumentSummary
from zhclean.tasks.editions.epub_meta import (
    book_authors,
    document_meta,
    iso_date,
    volume_meta,
)
from zhclean.tasks.editions.epub_package import BookWriter, page, page_body, text
from zhclean.tasks.editions.markdown_edition import (
    CELL_BAR_RE,
    LINE_BREAK_RE,
    MARKUP_SPACE,
    NO_ARTICLES_NOTE,
    TABLE_RULE_ROW_RE,
    UNTITLED,
    article_meta,
    document_title,
    printable,
    safe_stem,
    summary_of,
)
from zhclean.tasks.text.markdown import fence_parts

__all__ = ["iso_date"]

#: Raw bytes per volume of the corpus book: a reader opens a volume of this size quickly, and
#: a volume is written as its documents stream past, so its size bounds no memory of ours.
VOLUME_BYTES = 4 * 1024 * 1024

EPUBCHECK_JAR = Path(os.environ.get("ZHCLEAN_EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
EPUBCHECK_TIMEOUT_S = 600
EPUBCHECK_ERROR_PREFIXES = ("ERROR", "FATAL")

# Where a chapter starts in pandoc's output: the article title's heading, with the id we gave it.
CHAPTER_START_RE = re.compile(r'^<h1 id="ch\d+">', re.MULTILINE)
HEADING_TAG_RE = re.compile(r"<(/?)h([1-5])\b")
CHAPTER_FILE_RE = re.compile(r"^EPUB/text/ch\d+\.xhtml$")


class EpubcheckUnavailable(RuntimeError):
    """epubcheck cannot run here (no java or no jar): a set-up problem, not a valid book."""


@functools.cache
def api_version() -> list[int]:
    """The AST version this pandoc reads (pandoc refuses JSON of another major version)."""
    empty = pypandoc.convert_text("", "json", format="markdown", verify_format=False)
    return json.loads(empty)["pandoc-api-version"]


def inlines(value: str) -> list[dict[str, Any]]:
    """Text as pandoc inlines: one string per line, inner line breaks as hard breaks."""
    parts = [printable(p).strip(MARKUP_SPACE) for p in LINE_BREAK_RE.split(value)]
    out: list[dict[str, Any]] = []
    for part in (p for p in parts if p):
        if out:
            out.append({"t": "LineBreak"})
        out.append({"t": "Str", "c": part})
    return out


def one_line(value: str) -> list[dict[str, Any]]:
    """Text that must stay on one line (headings, meta lines)."""
    return inlines(" ".join(LINE_BREAK_RE.split(value)))


def header(level: int, value: list[dict[str, Any]], ident: str = "") -> dict[str, Any]:
    return {"t": "Header", "c": [level, [ident, [], []], value]}


def para(value: list[dict[str, Any]]) -> dict[str, Any]:
    return {"t": "Para", "c": value}


def code_ast(text: str) -> dict[str, Any]:
    """A code block: pandoc's `CodeBlock [id, classes, kv] text`, the info string's first word
    its class (the language), the content as written (never read as Markdown)."""
    info, content = fence_parts(printable(text))
    return {"t": "CodeBlock", "c": [["", info.split()[:1], []], content.removesuffix("\n")]}


def table_ast(text: str) -> dict[str, Any]:
    """A Markdown table as pandoc's `Table`: the first row its head, the rows under the alignment
    row its body, each cell's text as text."""
    rows = [
        [cell.strip() for cell in CELL_BAR_RE.split(row.strip().removeprefix("|").removesuffix("|"))]
        for row in LINE_BREAK_RE.split(text)
        if row.strip() and not TABLE_RULE_ROW_RE.match(row)
    ]
    width = max(len(row) for row in rows)
    attr: list[Any] = ["", [], []]

    def row_ast(cells: list[str]) -> list[Any]:
        cells = cells + [""] * (width - len(cells))
        return [attr, [[attr, {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines(c)}]] for c in cells]]

    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * width
    body = [attr, 0, [], [row_ast(r) for r in rows[1:]]]
    return {"t": "Table", "c": [attr, [None, []], colspecs, [attr, [row_ast(rows[0])]], [body], [attr, []]]}


def block_ast(block: Block, heading_level: int) -> dict[str, Any] | None:
    """A paragraph as a paragraph, a caption as a block quote, an inner heading one level down,
    code as a code block, a table as a table."""
    if block.type == "code":
        return code_ast(block.text)
    if block.type == "table":
        return table_ast(block.text)
    if block.type == "heading":
        value = one_line(block.text)
        return header(heading_level, value) if value else None
    value = inlines(block.text)
    if not value:
        return None
    return {"t": "BlockQuote", "c": [para(value)]} if block.type == "caption" else para(value)


def article_ast(article: Article, number: int) -> list[dict[str, Any]]:
    """One chapter: the title (a level-1 heading with the chapter's id), subtitle, meta line, blocks."""
    out = [header(1, one_line(article.title) or [{"t": "Str", "c": UNTITLED}], f"ch{number:03d}")]
    if article.subtitle and one_line(article.subtitle):
        out.append(para([{"t": "Strong", "c": one_line(article.subtitle)}]))
    meta = one_line(article_meta(article))
    if meta:
        out.append(para([{"t": "Emph", "c": meta}]))
    out += [b for b in (block_ast(block, 2) for block in article.blocks) if b]
    return out


def document_ast(doc: Document) -> dict[str, Any]:
    """The document as pandoc's JSON AST: a chapter per article (or one holding the note)."""
    blocks: list[dict[str, Any]] = []
    for number, article in enumerate(doc.articles, 1):
        blocks += article_ast(article, number)
    if not doc.articles:
        title = one_line(document_title(doc)) or [{"t": "Str", "c": UNTITLED}]
        blocks = [header(1, title, "ch001"), para(inlines(NO_ARTICLES_NOTE))]
    return {"pandoc-api-version": api_version(), "meta": {}, "blocks": blocks}


@dataclass(slots=True)
class Chapter:
    title: str
    authors: tuple[str, ...]
    xhtml: str


def chapter_title(article: Article) -> str:
    return printable(" ".join(LINE_BREAK_RE.split(article.title))).strip() or UNTITLED


def render_chapters(doc: Document) -> list[Chapter]:
    """The document's chapters as XHTML pages: one pandoc call (JSON AST in, XHTML out)."""
    return _chapters(doc, _chapter_bodies(doc, document_ast(doc)))


def render_books(docs: Sequence[Document]) -> list[list[Chapter]]:
    """Each document's chapters, as `render_chapters` gives them, from as few pandoc calls as
    may be: pandoc's start-up (about 9 ms of CPU) weighs as much as rendering a document of
    50 kB, so the documents' ASTs go through one call together and are cut apart again at
    the chapter headings (pandoc's HTML of a sequence of blocks is the HTML of each block).
    A document with a code block is rendered alone: pandoc numbers highlighted code blocks
    through its whole input (`cb1`, `cb2`…). Should the call fail, or give another number of
    chapters, each document is rendered alone (and the one at fault says so)."""
    asts = [document_ast(doc) for doc in docs]
    together = [i for i, ast in enumerate(asts) if not any(b["t"] == "CodeBlock" for b in ast["blocks"])]
    bodies: list[list[str] | None] = [None] * len(docs)
    if len(together) > 1:
        blocks = [block for i in together for block in asts[i]["blocks"]]
        try:
            html = _pandoc_html({**asts[together[0]], "blocks": blocks})
        except RuntimeError:
            html = ""
        starts = _chapter_starts(html)
        counts = [chapter_count(docs[i]) for i in together]
        if len(starts) == sum(counts):
            ends = [*starts[1:], len(html)]
            first = 0
            for i, count in zip(together, counts, strict=True):
                bodies[i] = [html[starts[k] : ends[k]] for k in range(first, first + count)]
                first += count
    return [
        _chapters(doc, found if found is not None else _chapter_bodies(doc, ast))
        for doc, ast, found in zip(docs, asts, bodies, strict=True)
    ]


def chapter_count(doc: Document) -> int:
    """A chapter per article; a document without articles has one, holding the note."""
    return max(1, len(doc.articles))


#: Runtime options for pandoc's GHC runtime: a 16 MB allocation area instead of 4 MB. A call
#: of 256 kB of documents (see `BOOKS_BYTES`) garbage-collects less often and takes fewer fresh
#: pages from the kernel: measured on 400 kB of benchmark documents, 13,856 page faults
#: instead of 16,988, 72 MB peak instead of 85 MB, and for 150 documents' books 1.02 instead
#: of 1.17 CPU s of pandoc (32 MB: no better). The HTML is the same.
PANDOC_RTS = ["+RTS", "-A16m", "-RTS"]


@functools.cache
def runtime_args() -> list[str]:
    """`PANDOC_RTS` when this pandoc takes runtime options, else none: a pandoc linked without
    `-rtsopts` (a distribution's build, found on PATH) refuses them and would render nothing."""
    try:
        pypandoc.convert_text("", "html5", format="markdown", extra_args=PANDOC_RTS, verify_format=False)
    except RuntimeError:
        return []
    return PANDOC_RTS


def _pandoc_html(ast: dict[str, Any]) -> str:
    return pypandoc.convert_text(
        json.dumps(ast, ensure_ascii=False),
        "html5",
        format="json",
        extra_args=["--wrap=none", *runtime_args()],
        verify_format=False,
    )


def _chapter_starts(html: str) -> list[int]:
    return [m.start() for m in CHAPTER_START_RE.finditer(html)]


def _chapter_bodies(doc: Document, ast: dict[str, Any]) -> list[str]:
    """The HTML of each chapter of one document, from its own pandoc call."""
    html = _pandoc_html(ast)
    starts = _chapter_starts(html)
    count = chapter_count(doc)
    if len(starts) != count:
        raise RuntimeError(f"{doc.source}: pandoc gave {len(starts)} chapters for {count}")
    return [html[a:b] for a, b in zip(starts, [*starts[1:], len(html)], strict=True)]


def _chapters(doc: Document, bodies: list[str]) -> list[Chapter]:
    if not doc.articles:
        return [Chapter(printable(document_title(doc)), (), page(document_title(doc), bodies[0]))]
    own_authors = not book_authors(doc)[0]
    chapters = []
    for article, body in zip(doc.articles, bodies, strict=True):
        authors = tuple(printable(a) for a in article.authors) if own_authors else ()
        chapters.append(
            Chapter(chapter_title(article), authors, page(chapter_title(article), body, authors=authors))
        )
    return chapters


def document_epub_path(doc_stem: str, out: Path) -> Path:
    return out / "epub" / f"{safe_stem(doc_stem)}.epub"


def write_document_epub(doc: Document, out: Path) -> Path:
    """Write `out/epub/<stem>.epub`: one document as a book, a chapter per article."""
    return write_document_epubs([doc], out)[0]


def write_document_epubs(docs: Sequence[Document], out: Path) -> list[Path]:
    """`write_document_epub` for each document, their text rendered together (`render_books`)."""
    return [_write_book(doc, chapters, out) for doc, chapters in zip(docs, render_books(docs), strict=True)]


def _write_book(doc: Document, chapters: list[Chapter], out: Path) -> Path:
    book = BookWriter(document_epub_path(doc.stem, out), document_meta(doc))
    for chapter in chapters:
        book.add_page(chapter.xhtml, chapter.title, 1)
    return book.close()


def volumes(summaries: Sequence[DocumentSummary], limit: int = VOLUME_BYTES) -> list[list[DocumentSummary]]:
    """The corpus cut into volumes of at most `limit` raw bytes (a document is never split; one
    larger than the limit is a volume of its own)."""
    out: list[list[DocumentSummary]] = []
    size = 0
    for summary in summaries:
        if not out or (size + summary.size > limit and out[-1]):
            out.append([])
            size = 0
        out[-1].append(summary)
        size += summary.size
    return out or [[]]


def volume_name(index: int, count: int) -> str:
    return "corpus.epub" if count == 1 else f"corpus-{index + 1:03d}.epub"


def chapters_of_book(path: Path) -> list[str]:
    """The chapter pages of a document's book, in order (empty if there is no such book)."""
    if not path.is_file():
        return []
    with zipfile.ZipFile(path) as book:
        names = sorted(n for n in book.namelist() if CHAPTER_FILE_RE.match(n))
        return [book.read(n).decode("utf-8") for n in names]


def one_level_down(body: str) -> str:
    """A chapter's headings one level down (h1 → h2 …), as it sits under its document's part."""
    return HEADING_TAG_RE.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", body)


class VolumeWriter:
    """One volume of the corpus book, written as its documents stream past: a part page per
    document (its title) and, under it, the chapters of the document's own book."""

    def __init__(self, volume: Sequence[DocumentSummary], index: int, count: int, total: int, out: Path):
        self.out = out
        self.book = BookWriter(
            out / "epub" / volume_name(index, count), volume_meta(volume, index, count, total)
        )

    def add(self, doc: Document) -> None:
        pages = chapters_of_book(document_epub_path(doc.stem, self.out))
        if len(pages) != chapter_count(doc):  # no book of ours for it: render it here
            pages = [c.xhtml for c in render_chapters(doc)]
        title = printable(document_title(doc)) or UNTITLED
        if not doc.articles:  # the part holds the note
            self.book.add_page(page(title, page_body(pages[0]), kind="part"), title, 1)
            return
        self.book.add_page(page(title, f"<h1>{text(title)}</h1>\n", kind="part"), title, 1)
        for article, xhtml in zip(doc.articles, pages, strict=True):
            self.book.add_page(
                xhtml.replace(page_body(xhtml), one_level_down(page_body(xhtml)), 1),
                chapter_title(article),
                2,
            )

    def close(self) -> Path:
        return self.book.close()


def write_corpus_volume(
    volume: Sequence[DocumentSummary], docs: Iterable[Document], index: int, count: int, total: int, out: Path
) -> Path:
    """One volume of the corpus book: a part per document, a chapter per article. A corpus that
    fits in one volume is `corpus.epub`; a larger one is `corpus-001.epub`, `corpus-002.epub`, …"""
    writer = VolumeWriter(volume, index, count, total, out)
    for doc in docs:
        writer.add(doc)
    return writer.close()


def write_epub_edition(docs: list[Document], out: Path) -> list[Path]:
    """Write `out/epub/<stem>.epub` per document, then `out/epub/corpus.epub` (or its volumes)
    from them; return the volumes first."""
    per_document = write_document_epubs(docs, out)
    cut = volumes([summary_of(d) for d in docs])
    by_source = {d.source: d for d in docs}
    written = [
        write_corpus_volume(v, [by_source[s.source] for s in v], i, len(cut), len(docs), out)
        for i, v in enumerate(cut)
    ]
    return written + per_document


def epubcheck(path: Path) -> list[str]:
    """epubcheck's error lines for one EPUB (empty when valid). Raises if epubcheck cannot run."""
    java = shutil.which("java")
    if java is None or not EPUBCHECK_JAR.is_file():
        raise EpubcheckUnavailable(
            f"epubcheck needs java and {EPUBCHECK_JAR} (Debian: apt-get install epubcheck); "
            f"java={'found' if java else 'missing'}, jar={'found' if EPUBCHECK_JAR.is_file() else 'missing'}"
        )
    run = subprocess.run(
        [java, "-jar", str(EPUBCHECK_JAR), str(path)],
        capture_output=True,
        text=True,
        timeout=EPUBCHECK_TIMEOUT_S,
        check=False,
    )
    lines = (run.stdout + run.stderr).splitlines()
    errors = [line for line in lines if line.startswith(EPUBCHECK_ERROR_PREFIXES)]
    if run.returncode != 0 and not errors:
        errors = [f"epubcheck exited {run.returncode}: " + " | ".join(lines[-5:])]
    return errors


XHTML_NS = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def epub_toc(path: Path) -> list[tuple[int, str]]:
    """The book's navigable table of contents as (depth, title), depth 1 for top-level entries."""
    with zipfile.ZipFile(path) as book:
        name = next(n for n in book.namelist() if n.endswith("nav.xhtml"))
        root = ElementTree.fromstring(book.read(name))
    nav = next(n for n in root.iter(f"{XHTML_NS}nav") if n.get(EPUB_TYPE) == "toc")
    entries: list[tuple[int, str]] = []

    def walk(ol: ElementTree.Element, depth: int) -> None:
        for li in ol.findall(f"{XHTML_NS}li"):
            link = li.find(f"{XHTML_NS}a")
            entries.append((depth, "".join(link.itertext()) if link is not None else ""))
            for sub in li.findall(f"{XHTML_NS}ol"):
                walk(sub, depth + 1)

    for ol in nav.findall(f"{XHTML_NS}ol"):
        walk(ol, 1)
    return entries
