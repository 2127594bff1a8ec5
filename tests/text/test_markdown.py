"""Markdown helpers: a code block's parts, fenced, indented or from plain text."""

from __future__ import annotations

import zhclean
from zhclean.tasks.editions.markdown_edition import render_block
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


def test_a_plain_text_documents_code_is_its_content_as_written() -> None:
    # code taken from a plain-text document (`join.plain_code`): no fence and its first line not
    # indented, so no indentation is CommonMark's to take off; the nesting is the code's meaning
    assert fence_parts("for i in range(3):\n    print(i)") == ("", "for i in range(3):\n    print(i)\n")


def test_the_markdown_edition_fences_a_plain_text_documents_code_with_its_indentation() -> None:
    doc = zhclean.normalize("示例：\n\nfor i in range(3):\n    print(i)\n\n结束。\n", "x.txt")
    (code,) = [b for a in doc.articles for b in a.blocks if b.type == "code"]
    assert render_block(code, 2) == "```\nfor i in range(3):\n    print(i)\n```"
