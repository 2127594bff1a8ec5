"""`regex_rule`: a replacement template is expanded per match (`Match.expand`), and one without
a backslash, which holds no group, is used as it is. Both give what a hand reads off the text."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, apply_rule, regex_rule


@pytest.mark.parametrize(
    ("pattern", "replacement", "text", "expected"),
    [
        # literal: every match becomes the literal; a match equal to it is no change
        (r"(?<=\d) +(?=%)", "", "涨了 5 %，又 6%", [Change(4, 5, "")]),
        (r"[\u3000 ]{2,}", " ", "甲  乙 丙\u3000\u3000丁", [Change(1, 3, " "), Change(6, 8, " ")]),
        (r"x|y", "y", "xyx", [Change(0, 1, "y"), Change(2, 3, "y")]),
        # a template with groups: expanded per match
        (r"(\d+)-(\d+)", r"\2-\1", "1-2 与 30-4", [Change(0, 3, "2-1"), Change(6, 10, "4-30")]),
        (r"(?P<w>[a-z]+)!", r"\g<w>。", "好 ok!", [Change(2, 5, "ok。")]),
        # a backslash escape that is not a group: the template's meaning, not its letters
        (r"\|", r"\\", "a|b", [Change(1, 2, "\\")]),
    ],
)
def test_changes(pattern: str, replacement: str, text: str, expected: list[Change]) -> None:
    rule = regex_rule("test.rule", "test", pattern, replacement, "a test rule")
    assert rule.find is not None
    assert list(rule.find(text, Options())) == expected


def test_applied_literal_replacement_logs_each_edit() -> None:
    rule = regex_rule("test.rule", "test", r" +(?=。)", "", "no space before a stop")
    text, edits = apply_rule(rule, "好 。再见  。", Options(), 7)
    assert text == "好。再见。"
    assert [(e.before, e.after, e.line, e.offset) for e in edits] == [(" ", "", 7, 1), ("  ", "", 7, 5)]
