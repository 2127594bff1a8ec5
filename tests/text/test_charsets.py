"""`all_common` answers as `is_common` does character by character (it only caches the answer),
and `containing` is true exactly when a needle is a substring."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.rules import containing
from zhclean.tasks.text.charsets import all_common, is_common


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("中国人民", True),  # level-1 hanzi
        ("中國人民", True),  # their traditional forms count too
        ("Hello, world 123", True),
        ("中国，人民。", True),
        ("中国鑫", False),  # 鑫 is in GB 2312 level 2
        ("涓浗", False),  # UTF-8 read as GBK: rare characters
        ("中国\u00e9", False),  # a non-CJK, non-ASCII letter
        ("中国@", False),  # ASCII, but not a letter, digit or the marks listed
    ],
)
def test_all_common(text: str, expected: bool) -> None:
    assert all_common(text) is expected
    assert all_common(text) is all(is_common(ch) for ch in text)  # and again, from the cache


@pytest.mark.parametrize(
    ("needles", "text", "expected"),
    [
        (("，",), "中国，人民", True),
        (("，",), "中国人民", False),
        ((",", ";"), "a;b", True),
        ((",", ";"), "ab", False),
        (("a.b", "(x"), "a-b (x", True),  # regex metacharacters are literal
        (("a.b",), "axb", False),
        (("...",), "等等...", True),
    ],
)
def test_containing(needles: tuple[str, ...], text: str, expected: bool) -> None:
    assert bool(containing(*needles)(text)) is expected
