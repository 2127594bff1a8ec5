"""Damage repair: mojibake, HTML remnants, converter pinyin, Unicode oddities (STYLE.md section 6).

Runs before script conversion: converting first rewrites garbage characters
and destroys the bytes a mojibake reversal needs.
"""

from __future__ import annotations

from tasks.model import Edit, Line, Removed
from tasks.options import Options
from tasks.rules import apply_stage


def repair_lines(lines: list[Line], options: Options) -> tuple[list[Line], list[Edit], list[Removed]]:
    """Apply every enabled `repair` rule to each line."""
    out: list[Line] = []
    edits: list[Edit] = []
    for line in lines:
        text, new = apply_stage("repair", line.text, options, line.number)
        edits.extend(new)
        out.append(Line(text, line.number))
    return out, edits, []
