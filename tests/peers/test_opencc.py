"""OpenCC's own test cases, the to-simplified ones, through zhclean's script stage.

The cases are data (`opencc.json`, from OpenCC's test/testcases/testcases.json, with
source, commit and licence; `tools/refresh_opencc.py OPENCC_CHECKOUT --cases` refreshes
them). Each case runs through the script stage with its table and is compared exactly
with OpenCC's expectation, or, where the data records that STYLE.md decides otherwise
(`differs`), with the output STYLE.md wants (`style`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.script import convert as script
from zhclean.tasks.stages.script.engine import FOLDER

DATA = json.loads((Path(__file__).parent / "opencc.json").read_text(encoding="utf-8"))
CASES: list[dict[str, str]] = DATA["cases"]
#: The issue's target: OpenCC's to-simplified cases that zhclean must pass.
TARGET = 155


def run(case: dict[str, str]) -> str:
    lines = [Line(text, n) for n, text in enumerate(case["input"].split("\n"), 1)]
    out = script.convert_lines(lines, Options(script_table=case["table"]))[0]
    return "\n".join(line.text for line in out)


def wanted(case: dict[str, str]) -> str:
    return case["style"] if "differs" in case else case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}-{c['table']}" for c in CASES])
def test_opencc_case(case: dict[str, str]) -> None:
    assert run(case) == wanted(case)


def test_pass_count(record_figures) -> None:
    outputs = [run(c) for c in CASES]
    passed = sum(out == wanted(c) for out, c in zip(outputs, CASES, strict=True))
    exact = sum(out == c["expected"] for out, c in zip(outputs, CASES, strict=True))
    differs = sum("differs" in c for c in CASES)
    record_figures(
        "OpenCC to-simplified cases",
        f"{passed}/{len(CASES)} pass ({exact} exactly as OpenCC expects; "
        f"{differs} where STYLE.md differs, checked against STYLE.md)",
    )
    assert passed >= TARGET


def test_differing_cases_have_a_reason_and_really_differ() -> None:
    for case in CASES:
        if "differs" in case:
            assert case["differs"].strip() and case["style"] != case["expected"], case["id"]


def test_cases_come_from_the_dictionaries_commit() -> None:
    """The dictionaries and the cases are refreshed together, from one OpenCC commit."""
    source = json.loads((FOLDER / "SOURCE.json").read_text(encoding="utf-8"))
    assert DATA["commit"] == source["commit"]
    assert {c["table"] for c in CASES} <= set(source["tables"])
