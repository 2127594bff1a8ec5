"""One document from raw bytes to articles: the stages in the order DESIGN.md gives, and why.

ingest -> repair -> script -> furniture -> join -> typography -> segment

Repair runs before script conversion (converting first destroys the bytes a
mojibake reversal needs, and pinyin must go before any spacing rule); furniture
runs before joining (a running head often sits between the two halves of a
sentence split by a page break); typography runs per block so quote pairing
never crosses a paragraph. This module is plain Python: the Prefect flow wraps it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from tasks import (
    document_meta,
    furniture,
    ingest,
    metadata_typography,
    paragraphs,
    repair,
    script,
    segment,
    typography,
    unicode_form,
)
from tasks.model import Document, Line
from tasks.options import Options


class StageError(Exception):
    """A stage raised on this document: the document is quarantined, the run goes on."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.message = message


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Name the stage in any exception it raises, so the report can say where a document failed."""
    try:
        yield
    except (ingest.IngestError, StageError):
        raise
    except Exception as exc:  # a bug in one stage must not stop the corpus
        raise StageError(name, f"{type(exc).__name__}: {exc}") from exc


def split_lines(text: str) -> list[Line]:
    """Number the raw lines from 1, as the edit log and article spans refer to them."""
    return [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]


def normalize_document(data: bytes, name: str, options: Options | None = None) -> Document:
    """Run every stage over one raw file. Raises `ingest.IngestError` for unusable input."""
    options = options or Options()
    with stage("ingest"):
        decoded = ingest.decode(data, name, options)
    doc = Document(
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        size=len(data),
    )
    doc.edits.extend(decoded.edits)
    doc.problems.extend(decoded.problems)

    lines = split_lines(decoded.text)
    with stage("repair"):
        lines, edits, removed = repair.repair_lines(lines, options)
    doc.edits.extend(edits)
    doc.removed.extend(removed)

    with stage("script"):
        lines, doc.script, edits = script.convert_lines(lines, options)
    doc.edits.extend(edits)

    with stage("furniture"):
        found = furniture.strip_furniture(lines, options)
    doc.edits.extend(found.edits)
    doc.removed.extend(found.removed)
    doc.metadata.update(found.metadata)
    with stage("typography"):
        doc.edits.extend(metadata_typography.typeset_metadata(doc.metadata, options))

    with stage("join"):
        blocks, edits, removed = paragraphs.join_lines(found.lines, options)
    doc.edits.extend(edits)
    doc.removed.extend(removed)

    with stage("typography"):
        blocks, edits, problems = typography.typeset_blocks(blocks, options, name)
    doc.edits.extend(edits)
    doc.problems.extend(problems)

    with stage("final"):
        blocks, edits = unicode_form.normalize_blocks(blocks, options)
    doc.edits.extend(edits)

    with stage("segment"):
        cut = segment.segment_articles(blocks, doc.metadata, name, options)
    doc.articles = cut.articles
    doc.edits.extend(cut.edits)
    doc.removed.extend(cut.removed)
    doc.metadata.update(cut.metadata)
    doc.metadata.update(document_meta.fill_document_fields(doc.metadata, doc.articles))
    return doc
