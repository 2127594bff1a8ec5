"""`convert_lines` against the version before it worked on spans (commit 625021c), kept here.

The reference finds changes with a set of trigger characters and a per-character
comparison, counts simplified-only characters one by one and builds `Change`s; the
module now uses character classes, spans as tuples and counts on the joined document.
The outputs (lines, script info, edits in order) must be the same, on whole documents
of raw/ and the unseen fixtures as they are, made traditional and mixed, with each of the
stage's rules switched off in turn.
"""

from __future__ import annotations

import difflib
from functools import cache

import pytest
from opencc import OpenCC
from paths import RAW, UNSEEN
from test_engine_matching import lines_of_the_corpus, read

from zhclean.tasks.core.model import Edit, Line, ScriptInfo
from zhclean.tasks.core.options import SCRIPT_TABLES, Options
from zhclean.tasks.core.rules import Change, apply_rule
from zhclean.tasks.stages.script import convert as script
from zhclean.tasks.text.charsets import CJK
from zhclean.tasks.text.languages import other_language_spans
from zhclean.tasks.text.protect import address_spans


def reference_changes(text: str, table: str) -> list[Change]:
    if script.triggers(table).isdisjoint(text):
        return []
    new = script.convert(text, table)
    if new == text:
        return []
    if len(new) == len(text):
        found = [Change(i, i + 1, b) for i, (a, b) in enumerate(zip(text, new, strict=True)) if a != b]
    else:
        matcher = difflib.SequenceMatcher(None, text, new, autojunk=False)
        found = [Change(i1, i2, new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
    # none inside an address, Japanese or Korean (STYLE.md 2), which the stage leaves as written
    kept = address_spans(text) + other_language_spans(text)
    return [c for c in found if not any(start < c.end and c.start < end for start, end in kept)]


def reference_shenme(text: str, found: list[Change]) -> list[Change]:
    before, particle, after = script.SHENME
    return [
        Change(c.start - 1, c.start, after)
        for c in found
        if c.replacement == particle and c.end - c.start == 1 and c.start and text[c.start - 1] == before
    ]


def reference_convert_lines(lines: list[Line], options: Options) -> tuple[list[Line], ScriptInfo, list[Edit]]:
    table = options.script_table
    kind = f"script.{table}"
    out: list[Line] = []
    edits: list[Edit] = []
    total = traditional = simplified = 0
    proposed = [reference_changes(line.text, table) for line in lines]
    for line, found in zip(lines, proposed, strict=True):
        total += len(CJK.findall(line.text))
        simplified += sum(1 for ch in line.text if ch in script.SIMPLIFIED_ONLY)
        traditional += sum(1 for c in found if not script.is_also_simplified(line.text, c))
    keep_shared = script.classify(traditional, simplified)[0] == "simplified"
    particle = (
        script.PARTICLE_ZHE_SIMPLIFIED if keep_shared and simplified else script.PARTICLE_ZHE_TRADITIONAL
    )
    for line, found in zip(lines, proposed, strict=True):
        text = line.text
        if keep_shared:
            found = [c for c in found if not script.is_also_simplified(text, c)]
        if options.enabled(script.SHENME_RULE):
            found = sorted(found + reference_shenme(text, found), key=lambda c: c.start)
        if found and options.enabled(kind):
            parts, pos = [], 0
            for c in found:
                parts.append(text[pos : c.start] + c.replacement)
                rule = script.SHENME_RULE if c.replacement == script.SHENME[2] else kind
                edits.append(Edit("script", rule, text[c.start : c.end], c.replacement, line.number, c.start))
                pos = c.end
            text = "".join(parts) + text[pos:]
        if options.enabled(script.PARTICLE_ZHE.name):
            text, new = apply_rule(particle, text, options, line.number)
            edits.extend(new)
        out.append(Line(text, line.number))
    if not total:
        return out, ScriptInfo("none", 0.0, 0, table), edits
    kind_of_script, share = script.classify(traditional, simplified)
    converted = sum(1 for e in edits if e.before != e.after)
    return out, ScriptInfo(kind_of_script, share, converted, table), edits


@cache
def documents() -> list[list[str]]:
    """Each fixture as it is, made traditional, and with every other line made traditional;
    and one made of the corpus's lines with 甚麼 and 著 in them."""
    s2t = OpenCC("s2t")
    docs = []
    for path in sorted([*RAW.glob("*.txt"), *UNSEEN.glob("*.txt")]):
        lines = read(path).split("\n")
        traditional = s2t.convert("\n".join(lines)).split("\n")
        docs += [
            lines,
            traditional,
            [t if i % 2 else s for i, (s, t) in enumerate(zip(lines, traditional, strict=True))],
        ]
    docs.append(["你在說甚麼？", "他看著窗外说甚麼", "ABC", "", "著名作家张三著"])
    docs.append([line for line in lines_of_the_corpus() if "著" in line or "麼" in line])
    return docs


OPTIONS = [
    Options(),
    Options(disabled_rules=frozenset({"script.t2s"})),
    Options(disabled_rules=frozenset({"script.shenme"})),
    Options(disabled_rules=frozenset({"script.particle_zhe"})),
    *(Options(script_table=table) for table in SCRIPT_TABLES if table != "t2s"),
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: ",".join(o.disabled_rules) or o.script_table)
def test_convert_lines_as_before(options: Options) -> None:
    for texts in documents():
        lines = [Line(text, n) for n, text in enumerate(texts, 1)]
        assert script.convert_lines(lines, options) == reference_convert_lines(lines, options), texts[:2]


def test_find_traditional_as_before() -> None:
    """Lint: the table's changes but for characters that are also simplified, then 著."""
    options = Options()
    for text in lines_of_the_corpus():
        expected = [c for c in reference_changes(text, "t2s") if not script.is_also_simplified(text, c)]
        expected += list(script.PARTICLE_ZHE.find(text, options))
        assert list(script.find_traditional(text, options)) == expected, text
