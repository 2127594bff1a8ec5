"""Straight quotes to paired curly quotes, and unpaired quotes reported (STYLE.md section 2)."""

from __future__ import annotations

from zhclean.tasks.check.lint import check_text as check
from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.blocks import typeset_blocks, typeset_text
from zhclean.tasks.stages.typography.quotes import unpaired_quotes


def fix(text: str) -> str:
    return typeset_text(text, "paragraph", Options(), 1)[0]


def test_double_quotes_pair_left_right() -> None:
    assert fix('他们叫我"大白",我很高兴。') == "他们叫我“大白”，我很高兴。"


def test_several_pairs_in_one_block() -> None:
    assert fix('"一"和"二"还有"三"') == "“一”和“二”还有“三”"


def test_nested_single_quotes() -> None:
    assert fix("他说\"要当好'五长'才行\"。") == "他说“要当好‘五长’才行”。"


def test_corpus_snippet_with_nested_quotes_and_formula() -> None:
    assert (
        fix("采取\"街道干部+社区'三长'+N\"多种灵活组合模式") == "采取“街道干部+社区‘三长’+N”多种灵活组合模式"
    )
    assert fix('坚持"动态清零"总方针不动摇') == "坚持“动态清零”总方针不动摇"


def test_formula_inside_quotes_stays_ascii_but_quotes_curl() -> None:
    assert fix('实施"1+N"包保责任制') == "实施“1+N”包保责任制"


def test_existing_curly_quotes_take_part_in_pairing() -> None:
    assert fix('“你好"他说') == "“你好”他说"


def test_apostrophe_in_a_latin_word_is_not_a_quote() -> None:
    assert fix("他说don't worry就走了") == "他说don't worry就走了"
    assert unpaired_quotes("他说don't worry就走了") == []


def test_unpaired_straight_quote_is_left_and_reported() -> None:
    text = '他说"我们走吧。'
    assert fix(text) == text  # nothing guessed
    blocks, _, problems = typeset_blocks([Block("paragraph", text, 3, 3)], Options(), "x.txt")
    assert blocks[0].text == text
    assert [p.kind for p in problems] == ["unpaired_quote"]
    assert "line 3" in problems[0].message


def test_odd_quotes_do_not_stop_the_other_kind() -> None:
    assert fix("他说\"走'吧'") == '他说"走‘吧’'


def test_two_right_quotes_are_reported() -> None:
    assert unpaired_quotes("“甲”乙”") == [4]


def test_unpaired_quote_lint_rule_counts_each_unpaired_quote() -> None:
    found = [v for v in check("好“甲”乙”丙", Options()) if v.rule == "punct.unpaired_quote"]
    assert [v.column for v in found] == [5]


def test_balanced_quotes_give_no_problem() -> None:
    _, _, problems = typeset_blocks([Block("paragraph", "他说“好”。", 1, 1)], Options(), "x")
    assert problems == []


def test_pairing_never_crosses_blocks() -> None:
    blocks = [Block("paragraph", '他说"你好', 1, 1), Block("paragraph", '再见"。', 2, 2)]
    out, _, problems = typeset_blocks(blocks, Options(), "x")
    assert [b.text for b in out] == ['他说"你好', '再见"。']
    assert len(problems) == 2


def test_block_without_chinese_is_left_alone() -> None:
    assert fix('He said "hello".') == 'He said "hello".'


def test_a_zero_width_space_between_quotes_changes_nothing_on_a_second_pass() -> None:
    """Found by Hypothesis: the quotes paired one way with the zero-width space, another way without."""
    once = typeset_text("一'a\u200b'a'", "paragraph", Options(), 1)[0]
    assert (
        typeset_text(once, "paragraph", Options(), 1)[0]
        == once
        == typeset_text("一'a'a'", "paragraph", Options(), 1)[0]
    )
