"""The corpus-wide editions in one pass over the build: each document's record is read once per process.

`articles.jsonl` and `manifest.json`, `corpus.md`, the SQLite database, the EPUB volumes and
the report each used to read every record back on their own; parsing the records was then
a sixth of a run's CPU time at 1,000 documents. Here one pass reads each record (and its
report section) once and hands the document to every edition's streaming writer, so the
reduce step costs one parse per document whatever the number of editions, and holds one
document at a time. The volumes follow the edition order: one is open at a time, closed when
its last document has been added.

The SQLite edition is the costliest (B-tree inserts and the trigram index, C code that does
not need this process), so on a machine with a second core it is written in two parts by two
more processes that read what they need themselves: the documents, articles, blocks and
search indexes from the records (`write_document_tables`), the edits and removed text, the
bulk of the rows, from the JSON editions (`write_edit_tables`). Meanwhile this process writes
the other editions and then whatever `meanwhile` asks for (the flow starts the release: the
Markdown zip, the other files' hashes and the archive but the database), and at the end
joins the two parts (`finish_database`). The database is the same bytes either way.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import orjson

from zhclean.tasks.build.results import edition_path, report_path, results_dir
from zhclean.tasks.core.model import RECORD_LISTS, Document, DocumentSummary, Removed, document_from_record
from zhclean.tasks.editions.epub_edition import VolumeWriter, volumes
from zhclean.tasks.editions.json_edition import CorpusJsonWriter
from zhclean.tasks.editions.markdown_edition import CorpusMarkdownWriter
from zhclean.tasks.editions.report import ReportWriter
from zhclean.tasks.editions.sqlite_edition import (
    DocumentTables,
    EditRow,
    EditTables,
    SqliteWriter,
    finish_database,
    record_edit_rows,
)


def parse_json(data: bytes) -> Any:
    """A record as `json.loads` reads it, parsed by orjson (in two thirds of the time); what orjson
    refuses and `json` accepts (NaN, integers beyond 64 bits) falls back to `json`."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def read_record(build: Path, item: DocumentSummary, lists: bool = True) -> dict[str, Any]:
    """A document's record, with its edits, removed text and problems (from its JSON edition)
    when `lists`."""
    record = parse_json((results_dir(build) / item.result).read_bytes())
    if lists:
        edition = parse_json(edition_path(build, item.stem).read_bytes())
        record.update({key: edition[key] for key in RECORD_LISTS})
    return record


def read_document(build: Path, item: DocumentSummary, edits: bool = True) -> Document:
    """The document of a record; without edits, removed text and problems unless `edits` (the
    articles' editions read none of them)."""
    return document_from_record(read_record(build, item, edits), edits)


def read_edits(build: Path, item: DocumentSummary) -> tuple[list[EditRow], list[Removed]]:
    """A document's edits as the database's rows (no `Edit` each) and its removed text, from its
    JSON edition."""
    edition = parse_json(edition_path(build, item.stem).read_bytes())
    return record_edit_rows(edition), [Removed(**r) for r in edition["removed"]]


def second_core() -> bool:
    """Whether a second process would run beside this one rather than take turns with it."""
    return len(os.sched_getaffinity(0)) > 1


def edit_count(build: Path, item: DocumentSummary) -> int:
    """How many edits the document has: its summary's counts by kind, else (a summary without
    them) its JSON edition's list."""
    by_kind = item.report.get("edits_by_kind")
    return sum(by_kind.values()) if by_kind is not None else len(read_edits(build, item)[0])


def write_document_tables(
    build: Path, summaries: Sequence[DocumentSummary], manifest: dict[str, Any]
) -> tuple[Path, float]:
    """The database's documents, articles, blocks and search indexes from the build's records
    (a process of its own); the temporary file and its seconds."""
    start = time.perf_counter()
    tables = DocumentTables(summaries, build, manifest)
    try:
        for item in summaries:
            tables.add(read_document(build, item, edits=False), edit_count(build, item))
    except BaseException:
        tables.abort()
        raise
    return tables.close(), time.perf_counter() - start


def write_edit_tables(build: Path, summaries: Sequence[DocumentSummary]) -> tuple[Path, float]:
    """The database's edits and removed text from the JSON editions (a process of its own); the
    temporary file and its seconds.

    Each edition is read, then its rows inserted, in turn. A thread reading the next editions
    meanwhile (SQLite lets go of the interpreter lock while it inserts) cost more than it
    saved: at 1,000 documents (2.9 million rows) 14.5-16.6 CPU s against 10.5-12.7 in turn,
    the two threads taking the lock from each other at every row."""
    start = time.perf_counter()
    tables = EditTables(build)
    try:
        for item in summaries:
            tables.add(*read_edits(build, item))
    except BaseException:
        tables.abort()
        raise
    return tables.close(), time.perf_counter() - start


def write_corpus_editions(
    build: Path,
    summaries: Sequence[DocumentSummary],
    manifest: dict[str, Any],
    run: dict[str, Any],
    summary: dict[str, Any],
    problems: list[dict[str, Any]],
    meanwhile: Callable[[], object] | None = None,
    sqlite_process: bool | None = None,
) -> dict[str, float]:
    """Write every corpus-wide edition into `build` from its records; return seconds per edition
    (and for reading the records back, and for `meanwhile` and waiting for the database).

    `sqlite_process`: write the database's two parts in two more processes (default: when there
    is a second core). `meanwhile` runs once every other edition is written, before the
    database's parts are waited for and joined.
    """
    with ExitStack() as stack:
        parts: list[Future[tuple[Path, float]]] = []
        if second_core() if sqlite_process is None else sqlite_process:
            pool = stack.enter_context(
                ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
            )
            parts = [
                pool.submit(write_document_tables, build, summaries, manifest),
                pool.submit(write_edit_tables, build, summaries),
            ]
        seconds = _write_in_this_process(build, summaries, manifest, run, summary, problems, sqlite=not parts)
        if meanwhile is not None:
            start = time.perf_counter()
            meanwhile()
            seconds["meanwhile"] = time.perf_counter() - start
        if parts:
            start = time.perf_counter()
            try:
                (documents, seconds["sqlite"]), (edits, seconds["sqlite edits"]) = (p.result() for p in parts)
            except BaseException:
                for part in (DocumentTables, EditTables):
                    part.temporary(build).unlink(missing_ok=True)
                raise
            seconds["sqlite wait"] = time.perf_counter() - start
            start = time.perf_counter()
            finish_database(build, documents, edits)
            seconds["sqlite finish"] = time.perf_counter() - start
    return seconds


def _write_in_this_process(
    build: Path,
    summaries: Sequence[DocumentSummary],
    manifest: dict[str, Any],
    run: dict[str, Any],
    summary: dict[str, Any],
    problems: list[dict[str, Any]],
    sqlite: bool,
) -> dict[str, float]:
    """Every corpus edition but the database unless `sqlite`, in one pass over the records."""
    seconds: Counter[str] = Counter()

    @contextmanager
    def clock(key: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        seconds[key] += time.perf_counter() - start

    with clock("json"):
        json_writer = CorpusJsonWriter(summaries, build, manifest)
    with clock("markdown"):
        markdown = CorpusMarkdownWriter(summaries, build)
    writers: list[Any] = []
    if sqlite:
        with clock("sqlite"):
            writers.append(SqliteWriter(summaries, build, manifest))
    with clock("report"):
        report = ReportWriter(run, summary, problems, build)
    cut = volumes(summaries)
    for index, volume in enumerate(cut):
        with clock("epub volumes"):
            book = VolumeWriter(volume, index, len(cut), len(summaries), build)
        for item in volume:
            with clock("read records"):
                doc = read_document(build, item, edits=sqlite)  # only the database reads the edits
                section = parse_json(report_path(build, item).read_bytes())
            with clock("json"):
                json_writer.add(doc)
            with clock("markdown"):
                markdown.add(doc)
            for writer in writers:
                with clock("sqlite"):
                    writer.add(doc)
            with clock("epub volumes"):
                book.add(doc)
            with clock("report"):
                report.add(section)
        with clock("epub volumes"):
            book.close()
    with clock("json"):
        json_writer.close()
    with clock("markdown"):
        markdown.close()
    for writer in writers:
        with clock("sqlite"):
            writer.close()
    with clock("report"):
        report.close()
    return dict(seconds)
