"""A rule's cheap precheck (`could_apply`) may only say no where its rule has nothing to do: the
faster forms say what the patterns they replace say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhclean.tasks.core.rules import containing
from zhclean.tasks.stages.typography import punctuation

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
