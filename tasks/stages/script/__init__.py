"""Script: detect simplified / traditional / mixed, convert to simplified (OpenCC).

Before typography, so punctuation and spacing rules see one script."""

from __future__ import annotations

from zhclean.tasks.core.model import Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import StageDef, StageResult, State
from zhclean.tasks.stages.script import convert, zhe_particle

RULES = (*convert.RULES, *zhe_particle.RULES)


def run(state: State, options: Options) -> StageResult:
    out, info, edits = convert.convert_lines(state.lines, options)
    problems = []
    if info.script != "none":
        found = convert.ambiguous_conversions(state.lines, info.table, info.script == "simplified")
        if found:
            problems.append(
                Problem(state.name, "script", "ambiguous_conversion", convert.ambiguity_report(found))
            )
    return StageResult(lines=out, edits=edits, script=info, problems=problems)


STAGE = StageDef("script", RULES, run)
