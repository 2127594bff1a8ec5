"""Markdown helpers: a fenced code block's parts."""

from __future__ import annotations

from zhclean.tasks.text.markdown import fence_parts


def test_a_fenced_block_gives_its_info_string_and_the_lines_between_its_fences() -> None:
    assert fence_parts("```python\nprint('你好')\n```") == ("python", "print('你好')\n")
    assert fence_parts("  ~~~\n  甲\n   乙\n  ~~~") == ("", "甲\n 乙\n")


def test_an_indented_block_without_a_fence_is_all_content() -> None:
    # an indented code block (CommonMark 4.4): its lines lose four columns, a tab or spaces
    assert fence_parts("    print(1)\n      print(2)\n\n\tprint(3)") == (
        "",
        "print(1)\n  print(2)\n\nprint(3)\n",
    )
