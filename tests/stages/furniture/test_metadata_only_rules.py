"""Rules whose lines go wholly into metadata: shown firing by the output and the metadata.

A masthead field, a section label or the first issue line is kept character for
character in metadata, so the stage leaves no edit and no removed record for it;
`tests/test_rule_cases.py` counts a positive case only by its records, so these
positive cases are checked here, in the same shape (written by hand), until the
case runner also counts a line moved to metadata.
"""

from __future__ import annotations

from typing import Any

import pytest

from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.run import run_until

CASES: list[dict[str, Any]] = [
    {
        "rule": "furniture.masthead",
        "note": "a colophon after the last article: labels and values to metadata, board names as lists",
        "input": "春天的田野一片忙碌。\n主办：青禾县文化馆\n地址：青禾县湖滨路8号\n电话：0531-1234567\n主编：李青山",
        "output": "春天的田野一片忙碌。",
        "metadata": {
            "masthead": {
                "主办": "青禾县文化馆",
                "地址": "青禾县湖滨路8号",
                "电话": "0531-1234567",
                "编委会": {"主编": ["李青山"]},
            }
        },
    },
    {
        "rule": "furniture.masthead",
        "note": "OCR-spaced labels, the editorial office naming the periodical (kept under its role), a notice",
        "input": "主 办 青禾县文化馆\n《湖畔》编辑部\n编 辑 湖畔杂志社\n邮 编 250000\n内部资料 免费赠阅\n春天来了，田野里一片忙碌。",
        "output": "春天来了，田野里一片忙碌。",
        "metadata": {
            "masthead": {
                "主办": "青禾县文化馆",
                "编辑部": ["《湖畔》编辑部"],
                "编辑": "湖畔杂志社",
                "邮编": "250000",
                "说明": ["内部资料 免费赠阅"],
            },
            "periodical": "湖畔",
        },
    },
    {
        "rule": "furniture.section_label",
        "note": "a column label with its pinyin names the section of the articles under it",
        "input": "民生 MINSHENG\n湖边新开了一家书店\n书店开在湖边的老仓库里。",
        "output": "湖边新开了一家书店\n书店开在湖边的老仓库里。",
        "metadata": {"section_labels": [{"line": 1, "text": "民生", "latin": "MINSHENG"}]},
    },
    {
        "rule": "furniture.section_label",
        "note": "Latin first, words joined by a middle dot",
        "input": "湖边新开了一家书店。\nCULTURE 文化·读书\n书店开在湖边的老仓库里。",
        "output": "湖边新开了一家书店。\n书店开在湖边的老仓库里。",
        "metadata": {"section_labels": [{"line": 2, "text": "文化·读书", "latin": "CULTURE"}]},
    },
    {
        "rule": "furniture.issue",
        "note": "a single issue line is kept whole in metadata",
        "input": "2031年第4期\n湖边新开了一家书店，周末总是坐满了人。",
        "output": "湖边新开了一家书店，周末总是坐满了人。",
        "metadata": {"issue": {"text": "2031年第4期", "number": 4, "year": 2031}},
    },
]


def _run(case: dict[str, Any], disabled: frozenset[str] = frozenset()) -> tuple[str, dict[str, Any]]:
    state = run_until(
        case["input"].encode("utf-8"), "case.txt", Options(disabled_rules=disabled), until="furniture"
    )
    return "\n".join(line.text for line in state.lines), state.metadata


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['rule']}:{c['note'][:20]}")
def test_rule_moves_the_lines_to_metadata(case: dict[str, Any]) -> None:
    text, metadata = _run(case)
    assert text == case["output"]
    assert {k: metadata.get(k) for k in case["metadata"]} == case["metadata"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['rule']}:{c['note'][:20]}")
def test_disabling_the_rule_keeps_the_lines_in_the_body(case: dict[str, Any]) -> None:
    text, metadata = _run(case, frozenset({case["rule"]}))
    assert text == case["input"]
    assert not any(metadata.get(k) for k in case["metadata"])
