"""Markdown structure among the blocks typography gets: code is left as it is, a heading's
attribute block leaves its text, quotes inside code are no quotes of the prose. Expectations by
hand, from CommonMark 0.31 section 4.5 (fenced code blocks) and the real pages of REVIEW.md."""

from __future__ import annotations

from zhclean.tasks.check.lint import TextBlock, lint_blocks
from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.blocks import typeset_blocks
from zhclean.tasks.stages.typography.markdown import code_flags, split_heading_id


def paragraphs(*texts: str) -> list[Block]:
    return [Block("paragraph", t, i + 1, i + 1) for i, t in enumerate(texts)]


def test_a_fence_closes_only_on_its_own_character_at_least_as_long() -> None:
    # CommonMark 4.5: a ``` does not close a ~~~ fence, nor a shorter run of the same character
    assert code_flags(["~~~", "aaa", "```", "~~~", "正文"]) == [True, True, True, True, False]
    assert code_flags(["````", "aaa", "```", "``````", "正文"]) == [True, True, True, True, False]
    # a closing fence with text after it is a line of code
    assert code_flags(["```", "``` aaa", "```", "正文"]) == [True, True, True, False]
    # an unclosed fence runs to the end of the document
    assert code_flags(["```", "aaa", "正文"]) == [True, True, True]
    # a backtick in the info string: no fence (inline code)
    assert code_flags(["``` aa ```", "正文"]) == [False, False]


def test_a_code_block_comes_out_as_it_went_in() -> None:
    code = '```yaml\nmetadata:\n  labels:\n    version: "5.7.21"  # 注释 , 对 \n\n```'
    blocks = [Block("code", code, 1, 6), Block("paragraph", '他说 "好" 。', 8, 8)]
    out, edits, problems = typeset_blocks(blocks, Options(), "x.md")
    assert [b.text for b in out] == [code, "他说“好”。"]
    assert [(e.kind, e.before) for e in edits if e.line <= 6] == [("markup.code_fence", "```yaml")]
    assert problems == []


def test_switched_off_the_code_is_typeset_as_prose() -> None:
    off = Options(disabled_rules=frozenset({"markup.code_fence"}))
    out, _, _ = typeset_blocks([Block("code", "```\n甲 , 乙\n```", 1, 3)], off, "x")
    assert out[0].text == "```\n甲，乙\n```"


def test_a_table_is_typeset_row_by_row() -> None:
    table = "| 键 | 描述 |\n| --- | --- |\n| `a  b` | 名称 , 版本 |"
    out, edits, _ = typeset_blocks([Block("table", table, 1, 3)], Options(), "x.md")
    assert out[0].text == "| 键 | 描述 |\n| --- | --- |\n| `a  b` | 名称，版本 |"
    assert {e.line for e in edits} == {3}


def test_a_quote_inside_inline_code_is_no_unpaired_quote() -> None:
    text = "| `'a` | `&'a type` | 命名生命周期或循环标签 |"
    _, _, problems = typeset_blocks(paragraphs(text), Options(), "x.md")
    assert problems == []
    _, _, problems = typeset_blocks(paragraphs("他说'好。"), Options(), "x.md")
    assert [p.kind for p in problems] == ["unpaired_quote"]


def test_heading_attributes() -> None:
    assert split_heading_id("支持的字段 {#supported-fields}") == ("支持的字段", " {#supported-fields}")
    assert split_heading_id("标题 {: #kramdown-id}") == ("标题", " {: #kramdown-id}")
    assert split_heading_id("前言 {-}") == ("前言", " {-}")  # Pandoc: unnumbered
    assert split_heading_id("附录 {.unnumbered #appendix}") == ("附录", " {.unnumbered #appendix}")
    assert split_heading_id("参考 {#refs lang=en}") == ("参考", " {#refs lang=en}")
    assert split_heading_id("{#only-an-id}") == ("{#only-an-id}", None)  # nothing would be left
    assert split_heading_id("集合 {#a} 与 {#b} 之间") == ("集合 {#a} 与 {#b} 之间", None)  # not at the end
    assert split_heading_id("集合 {a, b}") == ("集合 {a, b}", None)  # braces around words
    assert split_heading_id("区间 {-1, 1}") == ("区间 {-1, 1}", None)


def test_lint_does_not_check_code() -> None:
    blocks = [
        TextBlock("paragraph", t, "x.md", i + 1) for i, t in enumerate(["```", "a  b , c", "```", "甲 , 乙"])
    ]
    report = lint_blocks(blocks, Options())
    assert {f.line for f in report.findings} == {4}
    # the JSON edition's code block: one block of type `code`
    code = [TextBlock("code", "```\na  b , c\n```", "a.jsonl", 1, "A block 1")]
    assert (
        lint_blocks([*code, TextBlock("paragraph", "甲 , 乙", "a.jsonl", 1, "A block 2")], Options()).total
        == 1
    )
