"""Both sides of every threshold: each number in the rule data, tested just inside and just outside.

`tests/thresholds/<area>.json` lists, per threshold (`<file under tasks/>:<key path>`),
what it means and two cases written from that meaning, not from a sample file:

    {"threshold": "text/data/classify.toml:headings.max_chars",
     "meaning": "a heading longer than this is rather a paragraph fragment",
     "inside":  {"until": "join", "input": "...", "blocks": [["heading", "..."], ...]},
     "outside": {"until": "join", "input": "...", "blocks": [["paragraph", "..."]]}}

A case runs the pipeline on `input` up to `until` and checks what it states, exactly:
`output` / `blocks` (types and texts after the stage) / `metadata` / `articles` (fields
per article) / `records` with `rule` (that rule's edits `[before, after]` and removed
text `[text, null]`) / `script` (the script the document was classified as) / `error`
(the kind of `IngestError` the input is refused with). The inside case sits at the edge on the side the threshold
allows (e.g. exactly `max_chars` characters), the outside case one step over it.
A number that is not a threshold a text can sit on either side of (a sample size
for encoding detection, the width of a context snippet) is listed in `exempt` with why.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from paths import TESTS

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import State
from zhclean.tasks.pipeline.run import run_until
from zhclean.tasks.stages.ingest.decode import IngestError

PACKAGE = Path(__import__("zhclean.tasks", fromlist=["__file__"]).__file__).resolve().parent
LINE_STAGES = {"ingest", "repair", "script", "furniture", "typography_metadata"}


def numbers_in_rule_data() -> set[str]:
    """Every number in the TOML rule data, as `<file>:<key path>`."""
    found: set[str] = set()

    def walk(value: Any, where: str, path: str) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            found.add(f"{where}:{path}")
        elif isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, where, f"{path}.{key}" if path else key)

    for file in sorted(PACKAGE.rglob("data/*.toml")):
        walk(tomllib.loads(file.read_text(encoding="utf-8")), str(file.relative_to(PACKAGE)), "")
    return found


def load() -> tuple[list[tuple[str, str, dict[str, Any]]], dict[str, str]]:
    cases: list[tuple[str, str, dict[str, Any]]] = []
    exempt: dict[str, str] = {}
    for path in sorted((TESTS / "thresholds").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("thresholds", []):
            for side in ("inside", "outside"):
                cases.append((entry["threshold"], side, entry[side]))
        for entry in data.get("exempt", []):
            exempt[entry["threshold"]] = entry["why"]
    return cases, exempt


CASES, EXEMPT = load()


def text_after(state: State, stage: str) -> str:
    if stage in LINE_STAGES:
        return "\n".join(line.text for line in state.lines)
    return "\n\n".join(b.text for b in state.blocks)


def article_field(article: Any, key: str) -> Any:
    """An article's field as a case states it: blocks as `[type, text]` pairs."""
    value = getattr(article, key)
    return [[b.type, b.text] for b in value] if key == "blocks" else value


def check_case(case: dict[str, Any]) -> None:
    stage = case["until"]
    data = bytes.fromhex(case["input_bytes"]) if "input_bytes" in case else case["input"].encode("utf-8")
    options = Options(**case.get("options", {}))
    if "error" in case:
        with pytest.raises(IngestError) as err:
            run_until(data, "threshold.txt", options, until=stage)
        assert err.value.kind == case["error"]
        return
    state = run_until(data, "threshold.txt", options, until=stage)
    if "script" in case:
        assert state.document.script.script == case["script"]
    if "output" in case:
        assert text_after(state, stage) == case["output"]
    if "blocks" in case:
        assert [[b.type, b.text] for b in state.blocks] == case["blocks"]
    if "metadata" in case:
        assert {k: state.metadata.get(k) for k in case["metadata"]} == case["metadata"]
    if "articles" in case:
        got = [
            {k: article_field(a, k) for k in want}
            for a, want in zip(state.articles, case["articles"], strict=False)
        ]
        assert got == case["articles"]
        assert len(state.articles) == len(case["articles"])
    if "records" in case:
        rule = case["rule"]
        doc = state.document
        got = [[e.before, e.after] for e in doc.edits if e.kind == rule]
        got += [[r.text, None] for r in doc.removed if r.reason == rule]
        assert got == case["records"]
    assert {"output", "blocks", "metadata", "articles", "records", "script"} & case.keys(), (
        "a case states what it expects"
    )


@pytest.mark.parametrize(("threshold", "side", "case"), CASES, ids=[f"{t}:{s}" for t, s, _ in CASES])
def test_threshold_case(threshold: str, side: str, case: dict[str, Any]) -> None:
    check_case(case)


def test_every_threshold_is_tested_on_both_sides_or_exempt_with_a_reason() -> None:
    tested = {t for t, _, _ in CASES}
    missing = sorted(numbers_in_rule_data() - tested - set(EXEMPT))
    assert not missing, f"{len(missing)} thresholds untested: {missing}"


def test_every_listed_threshold_exists() -> None:
    listed = {t for t, _, _ in CASES} | set(EXEMPT)
    assert not listed - numbers_in_rule_data()
