"""Traditional or mixed script to simplified, with opencc-python-reimplemented (STYLE.md section 1)."""

from __future__ import annotations

from functools import cache

from opencc import OpenCC

from tasks.model import Edit, Line, ScriptInfo
from tasks.options import Options


@cache
def converter(table: str) -> OpenCC:
    return OpenCC(table)


def convert_lines(lines: list[Line], options: Options) -> tuple[list[Line], ScriptInfo, list[Edit]]:
    """Convert each line; every changed character is an edit of kind `script.<table>`."""
    cc = converter(options.script_table)
    out: list[Line] = []
    edits: list[Edit] = []
    total = changed = 0
    for line in lines:
        new = cc.convert(line.text)
        total += sum(1 for ch in line.text if "\u4e00" <= ch <= "\u9fff")
        if new != line.text:
            for i, (a, b) in enumerate(zip(line.text, new, strict=False)):
                if a != b:
                    changed += 1
                    edits.append(Edit("script", f"script.{options.script_table}", a, b, line.number, i))
        out.append(Line(new, line.number))
    share = changed / total if total else 0.0
    kind = "none" if not total else "traditional" if share > 0.1 else "mixed" if changed else "simplified"
    return out, ScriptInfo(kind, round(share, 4), changed, options.script_table), edits
