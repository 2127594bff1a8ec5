"""One raw file from disk to a Document, or to a clear problem: the unit the flow runs per file.

Unusable input (empty, binary, huge, undecodable) and a stage that raises are
turned into `Problem`s that name the file, the stage and the reason, so one bad
file never costs the others. Transient I/O errors are raised as
`TransientIOError` so the Prefect task around this can retry them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zhclean.tasks.build.discover import read_raw
from zhclean.tasks.core.model import Document, Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions.review_page import write_review_page
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import StageError, normalize_document
from zhclean.tasks.stages.ingest.decode import IngestError


@dataclass(slots=True)
class Outcome:
    """What became of one raw file: a document, or none and the reasons why."""

    source: str
    document: Document | None
    problems: list[Problem] = field(default_factory=list)
    #: the decoded raw text, kept only until the review page is written
    raw_text: str | None = None

    @property
    def failed(self) -> bool:
        return self.document is None


def process_bytes(data: bytes, name: str, options: Options) -> Outcome:
    """Normalise one file's bytes; every failure becomes a Problem, never an exception."""
    try:
        doc = normalize_document(data, name, options)
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
    return Outcome(name, doc, list(doc.problems), raw_text)


def process_file(path: Path, options: Options, name: str | None = None) -> Outcome:
    """Read and normalise one raw file (TransientIOError propagates for retrying)."""
    try:
        data = read_raw(path, options.max_file_bytes)
    except IngestError as exc:
        return Outcome(name or path.name, None, [Problem(name or path.name, "ingest", exc.kind, str(exc))])
    return process_bytes(data, name or path.name, options)


def process_into_build(path: Path, options: Options, build: Path, name: str | None = None) -> Outcome:
    """`process_file`, then the document's review page into the build; the raw text is then let go,
    so a large corpus never holds every raw text in memory at once."""
    outcome = process_file(path, options, name)
    if outcome.document is not None and outcome.raw_text is not None:
        write_review_page(outcome.document, outcome.raw_text, build)
    outcome.raw_text = None
    return outcome
