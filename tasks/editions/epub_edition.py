"""The EPUB edition: the corpus as one book and one book per document, made by pandoc.

Text reaches pandoc as the escaped Markdown of `edition_markdown`, read with
every raw pass-through extension switched off: a `<script>` in a document is
text, never markup (raw HTML once made epubcheck fail). Book metadata goes in
through `-M`, which pandoc keeps as literal strings. A document with no
articles still gets a book and a part in the corpus book, holding a note, so
every raw file stays visible in the edition.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import shutil
import subprocess
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.etree import ElementTree

import pypandoc

from zhclean.tasks.core.model import Document, DocumentSummary
from zhclean.tasks.editions.markdown_edition import (
    document_title,
    printable,
    render_document_body,
    safe_stem,
    summary_of,
)

# Markdown as pandoc reads it here: no raw HTML/TeX/attributes, no smart
# punctuation rewriting, no maths or citations, no metadata blocks in the text.
PANDOC_READER = (
    "markdown-raw_html-raw_attribute-raw_tex-smart-tex_math_dollars-tex_math_single_backslash"
    "-citations-yaml_metadata_block-pandoc_title_block-latex_macros-emoji"
)
LANGUAGE = "zh-CN"
TRANSLATIONS = "translations/zh-Hans.yaml"
CORPUS_TITLE = "zhclean corpus"
CORPUS_CREATOR = "zhclean"
#: Raw bytes per volume of the corpus book: one pandoc call per volume keeps its time and memory
#: bounded (pandoc holds a whole book in memory, about 20 times its text) whatever the corpus size.
VOLUME_BYTES = 4 * 1024 * 1024

# Chinese body text: generous leading, first-line indent of two characters,
# captions (block quotes) small and set apart.
CSS = """\
body { line-height: 1.8; text-align: justify; }
p { text-indent: 2em; margin: 0 0 0.3em 0; }
h1, h2, h3 { line-height: 1.4; text-indent: 0; }
h2 + p > strong, h2 + p > em { text-indent: 0; }
blockquote { margin: 0.6em 2em; font-size: 0.9em; color: #444; }
blockquote p { text-indent: 0; }
"""

# A calendar date anywhere in a metadata value: 2022-03-01, 2022.3.1, 2022年3月1日.
DATE_RE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})")

EPUBCHECK_JAR = Path(os.environ.get("ZHCLEAN_EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
EPUBCHECK_TIMEOUT_S = 600
EPUBCHECK_ERROR_PREFIXES = ("ERROR", "FATAL")


class EpubcheckUnavailable(RuntimeError):
    """epubcheck cannot run here (no java or no jar): a set-up problem, not a valid book."""


def iso_date(value: object) -> str | None:
    """The first calendar date in a metadata value as YYYY-MM-DD, which EPUB's dc:date requires."""
    match = DATE_RE.search(str(value)) if value else None
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:  # 2022-02-30: looks like a date, is not one
        return None


def book_identifier(docs: Sequence[Document] | Sequence[DocumentSummary]) -> str:
    """A stable identifier from the content hashes, so the same input gives the same book id."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'zhclean:' + ','.join(d.sha256 for d in docs))}"


def metadata_args(
    title: str, docs: Sequence[Document] | Sequence[DocumentSummary], description: str
) -> list[str]:
    """Pandoc `-M` arguments: literal strings, so a title with `*` or `<` stays text."""
    pairs = {
        "title": printable(title),
        "lang": LANGUAGE,
        "identifier": book_identifier(docs),
        "creator": CORPUS_CREATOR,
    }
    if description.strip():  # an empty dc:description is an epubcheck error
        pairs["description"] = printable(description)
    dates = sorted(d for d in (iso_date(doc.metadata.get("date")) for doc in docs) if d)
    if dates:
        pairs["date"] = dates[-1]
    args = []
    for key, value in pairs.items():
        args += ["-M", f"{key}={value}"]
    return args


@functools.cache
def translations() -> bytes:
    """Pandoc's simplified-Chinese term translations ("目录" for the TOC title).

    Pandoc looks them up as `zh-CN` then `zh` and ships them only as `zh-Hans`,
    so without this it warns on every book and falls back to English terms.
    """
    pandoc = pypandoc.get_pandoc_path()
    run = subprocess.run(
        [pandoc, "--print-default-data-file", TRANSLATIONS], capture_output=True, check=False
    )
    return run.stdout if run.returncode == 0 else b""


def build_epub(markdown: str, path: Path, metadata: list[str], split_level: int, toc_depth: int) -> Path:
    """Run pandoc once: Markdown in, EPUB 3 out, with the CJK stylesheet and a table of contents."""
    with tempfile.TemporaryDirectory(prefix="zhclean-epub-") as tmp:
        css = Path(tmp) / "zhclean.css"
        css.write_text(CSS, encoding="utf-8")
        terms = translations()
        if terms:
            (Path(tmp) / "translations").mkdir()
            (Path(tmp) / "translations" / f"{LANGUAGE}.yaml").write_bytes(terms)
        run = subprocess.run(
            [
                pypandoc.get_pandoc_path(),
                f"--from={PANDOC_READER}",
                "--to=epub3",
                f"--output={path}",
                "--toc",
                f"--toc-depth={toc_depth}",
                f"--split-level={split_level}",
                f"--css={css}",
                f"--data-dir={tmp}",
                *metadata,
            ],
            input=printable(markdown).encode("utf-8"),
            capture_output=True,
            env=pandoc_environment(metadata),
            check=False,
        )
        if run.returncode != 0:
            raise RuntimeError(f"pandoc failed ({run.returncode}): {run.stderr.decode(errors='replace')}")
    return path


#: The book's modification time when no document gives a date: a fixed one, never the clock
#: (1980-01-01, the earliest a zip entry can record).
FIXED_EPOCH = 315532800


def pandoc_environment(metadata: list[str]) -> dict[str, str]:
    """Pandoc's environment for one call: SOURCE_DATE_EPOCH from the book's date (else a fixed one),
    so the same input gives a byte-identical EPUB (dcterms:modified and the zip entries' times).
    Only the child's environment is set; this process's stays as it is."""
    epoch = FIXED_EPOCH
    for arg in metadata:
        if arg.startswith("date="):
            day = datetime.date.fromisoformat(arg.removeprefix("date="))
            epoch = max(
                epoch, int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp())
            )
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}


def corpus_markdown(docs: Sequence[Document]) -> str:
    """The corpus book's text: a `#` part per document, a `##` chapter per article."""
    return "\n".join(render_document_body(d, level=1) for d in docs)


def document_markdown(doc: Document) -> str:
    """One document's book text: a `#` chapter per article (the document title is the book title)."""
    return render_document_body(doc, level=0, heading=False)


def write_document_epub(doc: Document, out: Path) -> Path:
    """Write `out/epub/<stem>.epub`: one document as a book, a chapter per article."""
    folder = out / "epub"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_stem(doc.stem)}.epub"
    meta = metadata_args(document_title(doc), [doc], f"{doc.source} sha256:{doc.sha256}")
    return build_epub(document_markdown(doc), path, meta, split_level=1, toc_depth=1)


def volumes(summaries: Sequence[DocumentSummary], limit: int = VOLUME_BYTES) -> list[list[DocumentSummary]]:
    """The corpus cut into volumes of at most `limit` raw bytes (a document is never split; one
    larger than the limit is a volume of its own), so no pandoc call grows with the corpus."""
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


def write_corpus_volume(
    volume: Sequence[DocumentSummary], docs: Iterable[Document], index: int, count: int, total: int, out: Path
) -> Path:
    """One volume of the corpus book: a part per document, a chapter per article. A corpus that
    fits in one volume is `corpus.epub`; a larger one is `corpus-001.epub`, `corpus-002.epub`, …"""
    folder = out / "epub"
    folder.mkdir(parents=True, exist_ok=True)
    sources = "; ".join(f"{s.source} ({s.articles})" for s in volume)
    title = f"{CORPUS_TITLE} ({total})" if count == 1 else f"{CORPUS_TITLE} ({total}) {index + 1}/{count}"
    return build_epub(
        corpus_markdown(list(docs)),
        folder / volume_name(index, count),
        metadata_args(title, volume, sources),
        split_level=2,
        toc_depth=2,
    )


def write_epub_edition(docs: list[Document], out: Path) -> list[Path]:
    """Write `out/epub/corpus.epub` (or its volumes) and `out/epub/<stem>.epub` per document."""
    summaries = [summary_of(d) for d in docs]
    cut = volumes(summaries)
    by_source = {d.source: d for d in docs}
    written = [
        write_corpus_volume(v, [by_source[s.source] for s in v], i, len(cut), len(docs), out)
        for i, v in enumerate(cut)
    ]
    written += [write_document_epub(doc, out) for doc in docs]
    return written


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
