"""Furniture: running heads, page numbers, section labels, masthead, TOC, web furniture
move out of the body into metadata or the report.

Before joining: a running head or page number often sits between the two halves of
a sentence split by a page break; repetition across the document is its best signal."""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.furniture import strip

#: The stage's rules, by detector module in the order `strip.MODULES` lists them.
RULES = tuple(rule for module in strip.MODULES for rule in module.RULES)


def run(state: State, options: Options) -> StageResult:
    found = strip.strip_furniture(state.lines, options, state.document.edits)
    return StageResult(lines=found.lines, edits=found.edits, removed=found.removed, metadata=found.metadata)


STAGE = StageDef("furniture", RULES, run)
