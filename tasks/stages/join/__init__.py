"""Join: raw lines to blocks; page and column breaks and headings over two lines joined.

Decided with sentence-final punctuation in both ASCII and full-width forms, as
typography has not run yet."""

from __future__ import annotations

from typing import Any

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.join import paragraphs
from zhclean.tasks.stages.join.rules import RULES as _RULES

RULES = tuple(_RULES)


def run(state: State, options: Options) -> StageResult:
    metadata: dict[str, Any] = {}
    cued = bool(state.metadata.get("cues"))  # a subtitle file: furniture took its cue timings out
    blocks, edits, removed = paragraphs.join_lines(state.lines, options, metadata, cued, state.document.edits)
    return StageResult(blocks=blocks, edits=edits, removed=removed, metadata=metadata)


STAGE = StageDef("join", RULES, run)
