"""Furniture: running heads, page numbers, section labels, masthead, TOC, web furniture
move out of the body into metadata or the report.

Before joining: a running head or page number often sits between the two halves of
a sentence split by a page break; repetition across the document is its best signal."""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.furniture import (
    cues,
    date_lines,
    law_history,
    markers,
    markup,
    masthead,
    page_header,
    running_heads,
    section_labels,
    strip,
    toc,
    web_meta,
)

#: The stage's rules, by detector module in about the order `strip.DETECTORS` runs them.
RULES = (
    *cues.RULES,
    *toc.RULES,
    *masthead.RULES,
    *running_heads.RULES,
    *page_header.RULES,
    *section_labels.RULES,
    *law_history.RULES,
    *date_lines.RULES,
    *web_meta.RULES,
    *markers.RULES,
    *markup.RULES,
)


def run(state: State, options: Options) -> StageResult:
    found = strip.strip_furniture(state.lines, options, state.document.edits)
    return StageResult(lines=found.lines, edits=found.edits, removed=found.removed, metadata=found.metadata)


STAGE = StageDef("furniture", RULES, run)
