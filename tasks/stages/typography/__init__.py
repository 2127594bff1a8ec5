"""Typography: quotes, punctuation, ellipses, dashes, spacing (STYLE.md sections 2 and 3).

Two entry points share the rules: `METADATA_STAGE` typesets the headline-like
metadata furniture kept (a TOC, an original title) right after furniture, and
`STAGE` typesets each block by type after joining, so quote pairing never
crosses a paragraph. Quotes run first, so the marks after them see curled quotes;
spacing runs last and sees the marks the punctuation rules made full-width."""

from __future__ import annotations

import copy

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.typography import blocks, metadata

RULES = blocks.RULES


def run_metadata(state: State, options: Options) -> StageResult:
    meta = copy.deepcopy(state.metadata)
    edits = metadata.typeset_metadata(meta, options)
    return StageResult(edits=edits, metadata=meta)


def run(state: State, options: Options) -> StageResult:
    out, edits, problems = blocks.typeset_blocks(state.blocks, options, state.name)
    return StageResult(blocks=out, edits=edits, problems=problems)


METADATA_STAGE = StageDef("typography_metadata", (), run_metadata)
STAGE = StageDef("typography", RULES, run)
