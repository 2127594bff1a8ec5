"""`all_common`, `rare_positions` and `common_outside_ascii` answer as `is_common` does character by
character (one class of the characters it accepts), and `containing` is true exactly when a needle
is a substring."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.rules import containing
from zhclean.tasks.text.charsets import all_common, common_outside_ascii, is_common, rare_positions


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中华人民共和国", []),  # every one in GB 2312 level 1
        ("鑫鑫向荣", [0, 1]),  # 鑫 is level 2: rare, twice
        ("我們的國家", []),  # traditional forms of level-1 hanzi are common
        ("涓浗x浜", [0, 1, 3]),  # mojibake's characters; a lowercase ASCII letter is common
        ("", []),
    ],
)
def test_rare_positions(text: str, expected: list[int]) -> None:
    assert rare_positions(text) == expected
    assert rare_positions(text) == [i for i, ch in enumerate(text) if not is_common(ch)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中华人民共和国 #1/2\t[x]", True),  # ASCII symbols and white space do not count
        ("我們的國家。", True),
        ("中国\u3000鑫", False),  # 鑫 is rare; the ideographic space is white space
        ("abc 123", True),
        ("", True),
    ],
)
def test_common_outside_ascii(text: str, expected: bool) -> None:
    assert common_outside_ascii(text) is expected
    assert common_outside_ascii(text) is all(ch.isascii() or ch.isspace() or is_common(ch) for ch in text)


def test_common_outside_ascii_agrees_with_is_common_on_every_character() -> None:
    # the one-scan test is built from is_common: for each code point of the BMP and of the
    # supplementary ideograph planes, alone and after common text, it says what is_common says
    for code in [*range(0xD800), *range(0xE000, 0x10000), *range(0x20000, 0x20100)]:
        ch = chr(code)
        expected = ch.isascii() or ch.isspace() or is_common(ch)
        assert common_outside_ascii(ch) is expected, hex(code)
        assert common_outside_ascii("中国" + ch + "人民") is expected, hex(code)
