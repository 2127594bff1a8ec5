"""Prechecks asked once of many texts joined (`could_apply_to_any`): only a regex search that
nothing outside its match can stop may answer for every piece, and it must never say no where
one of the pieces would say yes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhclean.tasks.check.lint import PREFILTER_BLOCKS, TextBlock, lint_blocks
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Rule, containing, could_apply_to_any, is_local

LOCAL = [r"[,]", r"\?\?", '""', r"a|bc", r"(a)+b", r"x{2,}", r"[^a-z]", r"(?:ab)*c", r"(a)\1", r"(?i)Q"]
CONTEXTUAL = [
    r"^a",
    r"a$",
    r"\ba",
    r"a\B",
    r"\Aa",
    r"a\Z",
    r"(?<=中),",
    r",(?!\d)",
    r"(?<!x)y",
    r"(?=a)a",
    r"(a)?(?(1)b|c)",
    r"(?:x|^y)",
    r"(?:x(?=y))+",
    r"(?m)^a",
    r"(?>a|\bb)",
]


@pytest.mark.parametrize("pattern", LOCAL)
def test_a_search_that_only_looks_at_its_match_is_local(pattern: str) -> None:
    assert is_local(re.compile(pattern).search) is True


@pytest.mark.parametrize("pattern", CONTEXTUAL)
def test_anchors_boundaries_and_lookarounds_are_not_local(pattern: str) -> None:
    assert is_local(re.compile(pattern).search) is False


def test_other_prechecks_are_not_local() -> None:
    assert is_local(re.compile("a").match) is False  # `match` is anchored where it starts
    assert is_local(lambda text: "a" in text) is False
    assert is_local(containing(",", "。")) is True
    assert is_local(containing("  ", "..")) is True


@given(
    st.sampled_from(LOCAL),
    st.lists(st.text(alphabet='abcxyQq,?"中\n 1', max_size=8), min_size=1, max_size=5),
)
def test_a_local_search_finds_in_the_joined_texts_whatever_it_finds_in_one(
    pattern: str, texts: list[str]
) -> None:
    search = re.compile(pattern).search
    if any(search(t) for t in texts):
        assert search("\n".join(texts))


def _rule(name: str, precheck, mask=None) -> Rule:
    return Rule(name, "test", name, lambda text, options: iter(()), could_apply=precheck, mask=mask)


def test_only_local_prechecks_that_find_nothing_anywhere_are_left_out() -> None:
    comma = _rule("comma", containing(","))
    space = _rule("space", containing(" "))
    edge = _rule("edge", re.compile(r"^ ").search)  # not local: kept, asked of each text later
    always = _rule("always", None)
    function = _rule("function", lambda text: text.endswith(" "))
    hidden = _rule("hidden", containing(","), mask=lambda text: text.replace(",", "_"))
    kept = could_apply_to_any([comma, space, edge, always, function, hidden], ["甲乙", "丙,丁"])
    assert [r.name for r in kept] == ["comma", "edge", "always", "function"]


def test_lint_finds_a_rules_one_violation_among_many_blocks_past_the_first_batch() -> None:
    clean = [TextBlock("paragraph", "见https://example.com/a,b页。", "d.txt", i) for i in range(1, 700)]
    blocks = [*clean[:600], TextBlock("paragraph", "甲,乙。", "d.txt", 900), *clean[600:]]
    assert PREFILTER_BLOCKS < 600
    report = lint_blocks(blocks, Options())
    assert [(f.rule, f.line, f.column, f.found) for f in report.findings] == [
        ("punct.fullwidth_comma", 900, 2, ",")
    ]
    assert report.blocks == 700


def test_lint_of_blocks_whose_only_comma_is_in_a_url_finds_nothing() -> None:
    blocks = [TextBlock("paragraph", "见https://example.com/a,b页。", "d.txt", i) for i in range(1, 5)]
    assert lint_blocks(blocks, Options()).findings == []
