"""One raw file into the build, or a clear problem: the unit of work the flow runs per file.

A worker normalises the file, checks that every CJK character is accounted
for, and writes at once everything that depends on that document alone: its
result record and report section, its review page and its per-document
editions (JSON, Markdown, EPUB; the books of a batch's documents are rendered
together, by one pandoc call, at the end of the batch). It hands back an
`Outcome` holding only a small `DocumentSummary`, so no document crosses a task
or process boundary and memory is bounded by the documents waiting for their
books (`BOOKS_BYTES`). Unusable input (empty, binary, huge,
undecodable) and a stage that raises are turned into `Problem`s that name the
file, the stage and the reason, so one bad file never costs the others.
Transient I/O errors are raised as `TransientIOError` so the Prefect task
around this can retry them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from zhclean.tasks.build.discover import read_raw
from zhclean.tasks.build.results import report_path, results_dir, write_result
from zhclean.tasks.core.model import Document, DocumentSummary, Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions.epub_edition import write_document_epubs
from zhclean.tasks.editions.json_edition import write_document_json
from zhclean.tasks.editions.markdown_edition import write_document_markdown
from zhclean.tasks.editions.report import document_report
from zhclean.tasks.editions.review_page import write_review_page
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import StageError, normalize_document
from zhclean.tasks.stages.ingest.decode import IngestError

T = TypeVar("T")


@dataclass(slots=True)
class Outcome:
    """What became of one raw file: a document (or its summary once written), or the reasons why not."""

    source: str
    document: Document | None
    problems: list[Problem] = field(default_factory=list)
    #: the decoded raw text, kept only until the review page is written
    raw_text: str | None = None
    summary: DocumentSummary | None = None
    #: seconds per stage and per per-document edition (for the run's figures)
    timings: dict[str, float] = field(default_factory=dict)
    #: the files written for this document, relative to the build (reused by a later run)
    files: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.document is None and self.summary is None


def process_bytes(
    data: bytes, name: str, options: Options, timings: dict[str, float] | None = None
) -> Outcome:
    """Normalise one file's bytes; every failure becomes a Problem, never an exception."""
    timings = {} if timings is None else timings
    try:
        doc = normalize_document(data, name, options, timings)
    except IngestError as exc:
        return Outcome(name, None, [Problem(name, "ingest", exc.kind, str(exc))])
    except StageError as exc:
        return Outcome(name, None, [Problem(name, exc.stage, "exception", exc.message)])
    raw_text = data.decode(doc.encoding, errors="replace")
    missing = unaccounted(raw_text, doc)
    if missing:
        doc.problems.append(
            Problem(
                name,
                "accounting",
                "unaccounted_cjk",
                f"{sum(missing.values())} CJK characters left no record: {describe(missing)}",
            )
        )
    return Outcome(name, doc, list(doc.problems), raw_text, timings=timings)


def process_file(path: Path, options: Options, name: str | None = None) -> Outcome:
    """Read and normalise one raw file (TransientIOError propagates for retrying)."""
    start = time.perf_counter()
    try:
        data = read_raw(path, options.max_file_bytes)
    except IngestError as exc:
        return Outcome(name or path.name, None, [Problem(name or path.name, "ingest", exc.kind, str(exc))])
    return process_bytes(data, name or path.name, options, {"read": time.perf_counter() - start})


def process_into_build(path: Path, options: Options, build: Path, name: str | None = None) -> Outcome:
    """`process_file`, then everything of that document alone into the build; the document and its
    raw text are then let go and only the summary is returned."""
    return process_batch([(path, name or path.name)], options, build)[0]


def process_batch(items: list[tuple[Path, str]], options: Options, build: Path) -> list[Outcome]:
    """Several files in one unit of work: a task run's overhead is paid once per batch, and so is
    pandoc's start-up, the documents' books being rendered together (`write_document_epubs`)
    once BOOKS_BYTES of raw text wait for them, or at the end of the batch. Only the documents
    that wait are held; each is let go once its book is written."""
    outcomes: list[Outcome] = []
    waiting: list[tuple[Outcome, Document]] = []
    for path, name in items:
        outcome, doc = _into_build(path, options, build, name)
        outcomes.append(outcome)
        if doc is not None:
            waiting.append((outcome, doc))
        if sum(d.size for _, d in waiting) >= BOOKS_BYTES:
            _write_books(waiting, build)
            waiting = []
    _write_books(waiting, build)
    return outcomes


#: Raw bytes of the documents whose books are rendered by one pandoc call. pandoc's memory
#: grows with its input, and its CPU time per MB falls (start-up and heap growth amortised).
#: Measured with `epub_edition.PANDOC_RTS` on benchmark documents: 402 kB of raw text, 72 MB
#: at pandoc's peak and 0.12 CPU s per MB; 628 kB, 88 MB and 0.10 s; 1.1 MB, 121 MB and
#: 0.094 s. Half a megabyte saved about a CPU second at 1,000 documents, but two workers'
#: pandoc calls at once took a 5,000-document run's peak to 1,010 MB summed (87 + 69 MB of
#: it pandoc's): a quarter of a megabyte keeps the peak under 1 GB.
BOOKS_BYTES = 256 * 1024


def _into_build(path: Path, options: Options, build: Path, name: str) -> tuple[Outcome, Document | None]:
    """Everything of one document into the build but its book; the document, for its book."""
    outcome = process_file(path, options, name)
    doc = outcome.document
    if doc is None:
        return outcome, None
    raw_text, timings = outcome.raw_text or "", outcome.timings
    written = [
        timed(timings, "review page", lambda: write_review_page(doc, raw_text, build)),
        timed(timings, "document json", lambda: write_document_json(doc, build)),
        timed(timings, "document markdown", lambda: write_document_markdown(doc, build)),
    ]
    summary = timed(
        timings, "lint and report", lambda: write_result(doc, document_report(doc, options), build)
    )
    written += [results_dir(build) / summary.result, report_path(build, summary)]
    files = [p.relative_to(build).as_posix() for p in written]
    # the book reads the articles and metadata only: the record of edits (most of a document's
    # memory) is let go now rather than held while the batch's books wait
    book_only = replace(doc, edits=[], removed=[], problems=[])
    return Outcome(outcome.source, None, outcome.problems, None, summary, timings, files), book_only


def _write_books(waiting: list[tuple[Outcome, Document]], build: Path) -> None:
    """The waiting documents' books; each outcome lists its book with its other files (in the
    place it always had, after the Markdown) and takes its share of the time, by size."""
    if not waiting:
        return
    start = time.perf_counter()
    paths = write_document_epubs([doc for _, doc in waiting], build)
    seconds = time.perf_counter() - start
    total = sum(doc.size for _, doc in waiting) or 1
    for (outcome, doc), path in zip(waiting, paths, strict=True):
        outcome.files.insert(3, path.relative_to(build).as_posix())
        outcome.timings["document epub"] = (
            outcome.timings.get("document epub", 0.0) + seconds * doc.size / total
        )


def timed(timings: dict[str, float], key: str, work: Callable[[], T]) -> T:
    """Run `work`, adding the seconds it took to `timings[key]`."""
    start = time.perf_counter()
    result = work()
    timings[key] = timings.get(key, 0.0) + time.perf_counter() - start
    return result
