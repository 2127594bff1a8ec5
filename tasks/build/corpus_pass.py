"""The corpus-wide editions in one pass over the build: each document's record is read once.

`articles.jsonl` and `manifest.json`, `corpus.md`, the SQLite database, the EPUB volumes and
the report each used to read every record back on their own; parsing the records was then
a sixth of a run's CPU time at 1,000 documents. Here one pass reads each record (and its
report section) once and hands the document to every edition's streaming writer, so the
reduce step costs one parse per document whatever the number of editions, and holds one
document at a time. The volumes follow the edition order: one is open at a time, closed when
its last document has been added.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zhclean.tasks.build.results import report_path, results_dir
from zhclean.tasks.core.model import DocumentSummary, document_from_record
from zhclean.tasks.editions.epub_edition import VolumeWriter, volumes
from zhclean.tasks.editions.json_edition import CorpusJsonWriter
from zhclean.tasks.editions.markdown_edition import CorpusMarkdownWriter
from zhclean.tasks.editions.report import ReportWriter
from zhclean.tasks.editions.sqlite_edition import SqliteWriter


def write_corpus_editions(
    build: Path,
    summaries: Sequence[DocumentSummary],
    manifest: dict[str, Any],
    run: dict[str, Any],
    summary: dict[str, Any],
    problems: list[dict[str, Any]],
) -> dict[str, float]:
    """Write every corpus-wide edition into `build` from its records; return seconds per edition
    (and for reading the records back)."""
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
    with clock("sqlite"):
        sqlite = SqliteWriter(summaries, build, manifest)
    with clock("report"):
        report = ReportWriter(run, summary, problems, build)
    cut = volumes(summaries)
    for index, volume in enumerate(cut):
        with clock("epub volumes"):
            book = VolumeWriter(volume, index, len(cut), len(summaries), build)
        for item in volume:
            with clock("read records"):
                doc = document_from_record(json.loads((results_dir(build) / item.result).read_bytes()))
                section = json.loads(report_path(build, item).read_bytes())
            with clock("json"):
                json_writer.add(doc)
            with clock("markdown"):
                markdown.add(doc)
            with clock("sqlite"):
                sqlite.add(doc)
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
    with clock("sqlite"):
        sqlite.close()
    with clock("report"):
        report.close()
    return dict(seconds)
