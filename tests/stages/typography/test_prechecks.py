"""A rule's cheap precheck (`could_apply`) may only say no where its rule has nothing to do: the
faster forms say what the patterns they replace say."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import UNSEEN

from zhclean.tasks.core.model import Edit
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import apply_rule, apply_rules, containing, enabled_rules
from zhclean.tasks.stages.typography import blocks as typography
from zhclean.tasks.stages.typography import punctuation, spacing
from zhclean.tasks.text import protect

#: Characters around the patterns' edges: dots, stops, spaces, full-width digits and joiners.
ALPHABET = ".。 \u3000…⋯·・０９Ａｚ．－：中a"


@pytest.mark.parametrize(
    ("needles", "text", "expected"),
    [
        (("(", ")"), "中(文", True),
        (("(", ")"), "中（文）", False),
        (("?", "\ufffd"), "乱\ufffd码", True),
        (("  ",), "a  b", True),
        (("  ",), "a b c", False),
        (('""',), '甲"乙"', False),
        (('""',), '甲""乙', True),
        (("]", "^", "-", "\\"), "a^b", True),  # what a character class would read as syntax
        (("]", "^", "-", "\\"), "a_b", False),
    ],
)
def test_containing_is_any_needle_in_the_text(needles: tuple[str, ...], text: str, expected: bool) -> None:
    assert bool(containing(*needles)(text)) is expected
    assert expected is any(n in text for n in needles)


@given(st.text(alphabet=ALPHABET, max_size=12))
def test_the_ellipsis_precheck_is_the_hint_pattern(text: str) -> None:
    assert punctuation.could_hold_ellipsis(text) is bool(punctuation.ELLIPSIS_HINT_RE.search(text))


@given(st.text(alphabet=ALPHABET, max_size=12))
def test_the_full_width_alnum_precheck_is_the_run_pattern(text: str) -> None:
    found = bool(punctuation.FULLWIDTH_ALNUM_HINT_RE.search(text))
    assert found is bool(punctuation.FULLWIDTH_ALNUM_RE.search(text))


def test_a_guarded_rules_precheck_is_asked_of_the_masked_text() -> None:
    # the only comma is inside a URL, which the typography rules see masked: nothing to change
    comma = next(r for r in typography.RULES if r.name == "punct.fullwidth_comma")
    assert comma.might_change("见https://example.com/a,b页") is False
    assert comma.might_change("甲,乙") is True
    assert apply_rules(typography.RULES, punctuation.STAGE, "见https://example.com/a,b页", Options(), 1) == (
        "见https://example.com/a,b页",
        [],
    )


def _one_rule_at_a_time(text: str, group: str) -> tuple[str, list[Edit]]:
    """The loop `apply_rules` stands for: every enabled rule of the group applied in turn."""
    edits: list[Edit] = []
    for rule in enabled_rules(typography.RULES, group, Options()):
        text, new = apply_rule(rule, text, Options(), 7)
        edits += new
    return text, edits


def _real_lines() -> list[str]:
    """Lines of real documents (the unseen fixtures), as written and with their marks made
    half-width and spaced, so most rules have something to do."""
    lines = [
        line
        for path in sorted(UNSEEN.glob("*.txt"))
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip()
    ]
    damaged = [
        line.replace("，", ",").replace("。", ". ").replace("“", '"').replace("”", '"') for line in lines
    ]
    return lines + damaged


def test_the_rules_loop_gives_what_each_rule_in_turn_gives() -> None:
    lines = _real_lines()
    assert len(lines) > 1000
    for group in (punctuation.STAGE, spacing.BODY_STAGE, spacing.HEADING_STAGE):
        for line in lines:
            assert apply_rules(typography.RULES, group, line, Options(), 7) == _one_rule_at_a_time(
                line, group
            )


@given(st.text(alphabet="htpsfw:/.@a0-_% 中，", max_size=16))
def test_every_protected_span_holds_a_needle(text: str) -> None:
    # the needles only spare the address pattern texts it would find nothing in
    if protect._ADDRESS_RE.search(text):
        assert any(needle in text for needle in protect._ADDRESS_NEEDLES)
    assert protect.address_spans(text) == [
        (m.start(), m.end() - len(m.group()) + len(m.group().rstrip(protect._TRAIL)))
        for m in protect._ADDRESS_RE.finditer(text)
        if m.group().rstrip(protect._TRAIL)
    ]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("见https://example.com/a,b页", [(1, 24)]),
        ("写信到 li.ming@example.cn。", [(4, 22)]),
        ("访问www.gov.cn.", [(2, 12)]),
        ("中文，没有网址。", []),
    ],
)
def test_protected_spans_by_hand(text: str, spans: list[tuple[int, int]]) -> None:
    assert protect.address_spans(text) == spans


def _gaps_at_every_character(text: str) -> list[tuple[int, int, str]]:
    """The half-width gaps as the patterns with `( *)` found them, tried at every character."""
    out = []
    for fast in (spacing.CJK_THEN_HALF_OR_SIGN_RE, spacing.HALF_OR_SIGN_THEN_CJK_RE):
        for m in re.compile(fast.pattern.replace("( +)", "( *)")).finditer(text):
            by_span = spacing.PROTECTED_ADDRESS in text[max(0, m.start() - 1) : m.end() + 1]
            want = " " if m.group(1) and by_span else ""
            if m.group(1) != want:
                out.append((m.start(), m.end(), want))
    return out


@given(st.text(alphabet="中文。 a1%+#-.$" + spacing.TOKENS, max_size=14))
def test_the_half_width_gaps_found_at_space_runs_are_those_found_everywhere(text: str) -> None:
    found = [(c.start, c.end, c.replacement) for c in spacing.find_halfwidth_gaps(text, Options())]
    assert found == _gaps_at_every_character(text)


def test_the_half_width_gaps_by_hand() -> None:
    found = [
        (c.start, c.end, c.replacement) for c in spacing.find_halfwidth_gaps("用 Python 写 3 个 %", Options())
    ]
    # Chinese then half-width first (用 P, 写 3, 个 %), then half-width then Chinese (n 写, 3 个)
    assert found == [(1, 2, ""), (10, 11, ""), (14, 15, ""), (8, 9, ""), (12, 13, "")]


RUN_PATTERNS = [
    spacing.SPACE_BEFORE_MARK_RE,
    spacing.SPACE_AFTER_MARK_RE,
    spacing.SPACE_BY_QUOTE_RE,
    spacing.SPACE_BY_SHARED_RE,
    spacing.CJK_THEN_HALF_OR_SIGN_RE,
    spacing.HALF_OR_SIGN_THEN_CJK_RE,
    spacing.BETWEEN_IDEOGRAPHS_RE,
]


@given(st.text(alphabet="中文，。“”‘’—…· a1%\n", max_size=16))
def test_the_space_patterns_tried_at_runs_find_what_they_find_everywhere(text: str) -> None:
    runs = spacing.space_runs(text)
    for pattern in RUN_PATTERNS:
        assert [m.span() for m in spacing.at_runs(pattern, text, runs)] == [
            m.span() for m in pattern.finditer(text)
        ]


def test_spaces_by_marks_by_hand() -> None:
    found = [(c.start, c.end) for c in spacing.find_spaces_by_marks("他说 ， 好 。 然后 — 走", Options())]
    # before and after the full-width comma and stop; the dash between Chinese, both sides
    assert found == [(2, 3), (6, 7), (4, 5), (8, 9), (11, 12), (13, 14)]


@given(st.text(alphabet="中文•・‧∙⋅.a 。", max_size=14))
def test_the_name_dot_pattern_finds_what_the_pattern_opening_with_the_assertion_finds(text: str) -> None:
    written = re.compile(f"(?<={punctuation._I})[{punctuation.NAME_DOTS}](?={punctuation._I})")
    assert [m.span() for m in punctuation.NAME_DOT_RE.finditer(text)] == [
        m.span() for m in written.finditer(text)
    ]
    assert [m.span() for m in punctuation.NAME_DOT_RE.finditer("克林顿•希拉里 a•b 中•")] == [(3, 4)]
