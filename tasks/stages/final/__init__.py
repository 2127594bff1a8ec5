"""Final: the output text is NFC, a last pass after every other edit."""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.final import unicode_form

RULES = tuple(unicode_form.RULES)


def run(state: State, options: Options) -> StageResult:
    out, edits = unicode_form.normalize_blocks(state.blocks, options)
    return StageResult(blocks=out, edits=edits)


STAGE = StageDef("final", RULES, run)
