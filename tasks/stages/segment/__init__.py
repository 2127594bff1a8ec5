"""Segment: typed blocks to articles with title, subtitle, authors, section, page, date;
then the document's own title and date.

Last, as it uses the TOC and headings found by the stages before."""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.segment import (
    article_rules,
    articles,
    credits,
    document_meta,
    header,
    leads,
    retype,
    starts,
)

RULES = (*retype.RULES, *header.RULES, *article_rules.RULES, *starts.RULES, *credits.RULES, *leads.RULES)


def run(state: State, options: Options) -> StageResult:
    removed_lines = {r.line: r.text for r in state.document.removed if r.line is not None}
    cut = articles.segment_articles(state.blocks, state.metadata, state.name, options, removed_lines)
    merged = {**state.metadata, **cut.metadata}
    meta = {**cut.metadata, **document_meta.fill_document_fields(merged, cut.articles)}
    return StageResult(articles=cut.articles, edits=cut.edits, removed=cut.removed, metadata=meta)


STAGE = StageDef("segment", RULES, run)
