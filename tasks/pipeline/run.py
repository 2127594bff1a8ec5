"""One document from raw bytes to articles: the stage list, run in a loop.

ingest -> repair -> script -> furniture -> typography (metadata) -> join -> typography
-> final -> segment

Repair runs before script conversion (converting first destroys the bytes a
mojibake reversal needs, and pinyin must go before any spacing rule); furniture
runs before joining (a running head often sits between the two halves of a
sentence split by a page break); typography runs per block so quote pairing
never crosses a paragraph; NFC is restored last. The flow, the tests and the
benchmarks all run this list, to the end or to any stage (`run_until`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager

from zhclean.tasks.core.model import Document, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import Stage, State, merge
from zhclean.tasks.stages import final, furniture, ingest, join, repair, script, segment, typography
from zhclean.tasks.stages.ingest.decode import IngestError

#: The pipeline, in order.
STAGES: tuple[Stage, ...] = (
    ingest.STAGE,
    repair.STAGE,
    script.STAGE,
    furniture.STAGE,
    typography.METADATA_STAGE,
    join.STAGE,
    typography.STAGE,
    final.STAGE,
    segment.STAGE,
)
STAGE_NAMES = tuple(s.name for s in STAGES)


class StageError(Exception):
    """A stage raised on this document: the document is quarantined, the run goes on."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.message = message


@contextmanager
def stage_errors(name: str) -> Iterator[None]:
    """Name the stage in any exception it raises, so the report can say where a document failed."""
    try:
        yield
    except (IngestError, StageError):
        raise
    except Exception as exc:  # a bug in one stage must not stop the corpus
        raise StageError(name, f"{type(exc).__name__}: {exc}") from exc


def new_state(data: bytes, name: str) -> State:
    """The state before the first stage: the raw bytes and an empty record."""
    doc = Document(source=name, sha256=hashlib.sha256(data).hexdigest(), encoding="", size=len(data))
    return State(name=name, data=data, document=doc)


def run_stages(state: State, options: Options) -> Iterator[str]:
    """Run every stage over `state` in order, yielding each stage's name once it is merged
    (the one loop over the stage list: `run_until` stops it early, a benchmark times it)."""
    for stage in STAGES:
        with stage_errors(stage.name):
            merge(state, stage.run(state, options))
        yield stage.name


def run_until(data: bytes, name: str, options: Options | None = None, until: str | None = None) -> State:
    """Run the stages in order up to and including `until` (all of them when None)."""
    if until is not None and until not in STAGE_NAMES:
        raise ValueError(f"unknown stage {until!r}; stages are {', '.join(STAGE_NAMES)}")
    state = new_state(data, name)
    for done in run_stages(state, options or Options()):
        if done == until:
            break
    return state


def run_span(state: State, first: str, last: str, options: Options | None = None) -> State:
    """Run the stages from `first` to `last` (inclusive, in pipeline order) over a state that
    already holds what `first` reads: a slice of the same list, for tests of a few stages."""
    names = list(STAGE_NAMES)
    for stage in STAGES[names.index(first) : names.index(last) + 1]:
        with stage_errors(stage.name):
            merge(state, stage.run(state, options or Options()))
    return state


def lines_state(texts: list[str], name: str = "<lines>") -> State:
    """A state holding these lines (numbered from 1), as ingest would leave it."""
    state = new_state("\n".join(texts).encode("utf-8"), name)
    state.lines = [Line(t, n) for n, t in enumerate(texts, 1)]
    return state


def normalize_document(
    data: bytes, name: str, options: Options | None = None, timings: dict[str, float] | None = None
) -> Document:
    """Run every stage over one raw file. Raises `IngestError` for unusable input.

    `timings`, when given, gains the seconds each stage took (added to what it holds)."""
    state = new_state(data, name)
    start = time.perf_counter()
    for stage in run_stages(state, options or Options()):
        if timings is not None:
            now = time.perf_counter()
            timings[stage] = timings.get(stage, 0.0) + now - start
            start = now
    return state.document
