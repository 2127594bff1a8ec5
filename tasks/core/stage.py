"""One contract for every stage: `run(state, options) -> StageResult`.

A document moves through the pipeline as a `State`: the raw bytes, then the
decoded lines, then blocks, then articles, together with the `Document` record
that gathers every edit, removed text, problem and metadata field. Each stage
reads the state and returns a `StageResult` of the same shape whatever the stage
(as docling's stages share one contract); the pipeline alone merges results into
the state, so a stage never mutates what it was given and the stage list can be
run in a loop, to any stage, by the pipeline, the tests and the benchmarks alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from zhclean.tasks.core.model import Article, Block, Document, Edit, Line, Problem, Removed, ScriptInfo
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Rule


@dataclass(slots=True)
class State:
    """A document between stages: whichever of lines, blocks and articles exist so far."""

    name: str
    data: bytes
    document: Document
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    @property
    def metadata(self) -> dict[str, Any]:
        return self.document.metadata


@dataclass(slots=True)
class StageResult:
    """What a stage made: its output (new lines, blocks or articles), and its record.

    `metadata` fields are merged into the document's metadata (later stages win);
    `encoding` and `script` are facts about the whole document that one stage learns.
    """

    lines: list[Line] | None = None
    blocks: list[Block] | None = None
    articles: list[Article] | None = None
    edits: list[Edit] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    script: ScriptInfo | None = None


class Stage(Protocol):
    """A pipeline stage: a name, its rules in the order they run, one entry point."""

    name: str
    rules: tuple[Rule, ...]

    def run(self, state: State, options: Options) -> StageResult: ...


def merge(state: State, result: StageResult) -> None:
    """Fold a stage's result into the state (the only place a state changes)."""
    doc = state.document
    if result.encoding is not None:
        doc.encoding = result.encoding
    if result.script is not None:
        doc.script = result.script
    if result.lines is not None:
        state.lines = result.lines
    if result.blocks is not None:
        state.blocks = result.blocks
    if result.articles is not None:
        state.articles = doc.articles = result.articles
    doc.edits.extend(result.edits)
    doc.removed.extend(result.removed)
    doc.problems.extend(result.problems)
    doc.metadata.update(result.metadata)


@dataclass(frozen=True, slots=True)
class StageDef:
    """A stage made of its name, its ordered rules and the function that runs it."""

    name: str
    rules: tuple[Rule, ...]
    runner: Callable[[State, Options], StageResult]

    def run(self, state: State, options: Options) -> StageResult:
        return self.runner(state, options)
