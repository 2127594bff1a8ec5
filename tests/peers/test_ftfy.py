"""ftfy's own test cases (github:rspeer/python-ftfy, tests/test-cases) through zhclean's repair stage.

The cases are data (`ftfy.json`, with source, commit and licence). Each runs through the
repair stage and is compared exactly with ftfy's `fixed`, or, where the data records that
STYLE.md decides otherwise (`differs`: curly quotes and full-width forms are kept, a lost
character is 〓), with the result STYLE.md wants (`style`). Targets (issue 11): every
must-not-change case comes out unchanged, every CJK case is fixed. Cases ftfy itself lists
as known failures are counted, not required.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import zhclean
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages import repair

DATA = json.loads((Path(__file__).parent / "ftfy.json").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DATA["cases"]
REQUIRED = [c for c in CASES if not c.get("ftfy_known_failure")]


def run(case: dict[str, Any]) -> str:
    lines = [Line(text, n) for n, text in enumerate(case["input"].split("\n"), 1)]
    return "\n".join(line.text for line in repair.repair_lines(lines, Options())[0])


def wanted(case: dict[str, Any]) -> str:
    return case["style"] if "differs" in case else case["fixed"]


def case_id(case: dict[str, Any]) -> str:
    return f"{case['file']}:{case['label']}"


@pytest.mark.parametrize("case", REQUIRED, ids=[case_id(c) for c in REQUIRED])
def test_ftfy_case(case: dict[str, Any]) -> None:
    assert run(case) == wanted(case)


def test_pass_counts(record_figures) -> None:
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in CASES:
        group = "known failure of ftfy" if case.get("ftfy_known_failure") else case["kind"]
        total[group] += 1
        passed[group] += run(case) == wanted(case)
    negative = [c for c in CASES if c["file"] == "negative.json"]
    total["negative.json"] = len(negative)
    passed["negative.json"] = sum(run(c) == wanted(c) for c in negative)
    unchanged = [c for c in CASES if c["kind"] == "must_not_change" and not c.get("ftfy_known_failure")]
    whole = sum(zhclean.clean_text(c["input"]) == wanted(c) for c in unchanged)
    record_figures(
        "ftfy test cases (repair stage)",
        ", ".join(f"{group} {passed[group]}/{total[group]}" for group in sorted(total))
        + f"; must_not_change through clean_text (information) {whole}/{len(unchanged)}",
    )
    for group in ("must_not_change", "cjk", "negative.json"):
        assert passed[group] == total[group], group


def test_differing_cases_have_a_reason_and_really_differ() -> None:
    for case in CASES:
        if "differs" in case:
            assert case["differs"].strip() and case["style"] != case["fixed"], case_id(case)
