"""Each document's result, written into the build as soon as it is normalised.

The flow never holds the corpus: a worker writes the document's record
(`.results/<stem>.json`: provenance, script, metadata and the articles in full) and its
report section (`.results/<stem>.report.json`) beside its editions, and hands back a
`DocumentSummary`; the corpus-wide editions and the report are then written in one pass
that reads each record back once (`corpus_pass.py`). The edits, removed text and problems
are not in the record: the document's JSON edition (`json/documents/<stem>.json`) holds
them, written once, and the database, the only corpus edition that needs them, reads them
from there (`corpus_pass.read_record`). The `.results` folder stays in the published build (it is not an
edition): the next run reuses the results of unchanged documents (`incremental.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from zhclean.tasks.core.model import RECORD_LISTS, Document, DocumentSummary, document_record
from zhclean.tasks.editions.markdown_edition import safe_stem, summary_of

RESULTS_DIR = ".results"
INDEX = "index.jsonl"


def results_dir(build: Path) -> Path:
    return build / RESULTS_DIR


def write_result(doc: Document, report: dict[str, Any], build: Path) -> DocumentSummary:
    """Write the document's record and report section; the small summary that stands for it."""
    folder = results_dir(build)
    folder.mkdir(parents=True, exist_ok=True)
    stem = safe_stem(doc.stem)
    path = folder / f"{stem}.json"
    path.write_text(record_json(doc), encoding="utf-8")
    (folder / f"{stem}.report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return summary_of(doc, path.name, report)


def record_json(doc: Document) -> str:
    """`json.dumps` of `document_record(doc)` without its edits, removed text and problems (the
    JSON edition holds them: `corpus_pass.read_record`), so each is serialised once per run."""
    record = document_record(doc, records=False)
    return json.dumps({k: v for k, v in record.items() if k not in RECORD_LISTS}, ensure_ascii=False)


def edition_path(build: Path, stem: str) -> Path:
    """The document's JSON edition, which holds its edits, removed text and problems."""
    return build / "json" / "documents" / f"{safe_stem(stem)}.json"


def write_index(summaries: Iterable[DocumentSummary], build: Path) -> Path:
    """The run's documents in edition order (by source name), one summary per line."""
    path = results_dir(build) / INDEX
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for summary in sorted(summaries, key=lambda s: s.source):
            fh.write(json.dumps(asdict(summary), ensure_ascii=False) + "\n")
    return path


def read_index(build: Path) -> list[DocumentSummary]:
    path = results_dir(build) / INDEX
    with path.open(encoding="utf-8") as fh:
        return [DocumentSummary(**json.loads(line)) for line in fh if line.strip()]


def report_path(build: Path, summary: DocumentSummary) -> Path:
    return results_dir(build) / f"{summary.stem}.report.json"
