"""Spacing rules (STYLE.md section 3): by block type, with the pangu option."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.blocks import typeset_text


def fix(text: str, block_type: str = "paragraph", pangu: bool = False) -> str:
    return typeset_text(text, block_type, Options(pangu=pangu), 1)[0]


def kinds(text: str, block_type: str = "paragraph") -> set[str]:
    return {e.kind for e in typeset_text(text, block_type, Options(), 1)[1]}


def test_no_space_between_ideographs_in_body() -> None:
    assert fix("志愿 服务队") == "志愿服务队"
    assert fix("王 刚") == "王刚"
    assert fix("起起 伏伏的  日子") == "起起伏伏的日子"
    assert kinds("王 刚") == {"space.inside_cjk"}


def test_caption_is_body_text() -> None:
    assert fix("图为 志愿者 在工作", "caption") == "图为志愿者在工作"


def test_heading_keeps_one_space_between_clauses() -> None:
    assert fix("风雨同舟 共克时艰", "heading") == "风雨同舟 共克时艰"
    assert fix("春风化雨   润物无声", "heading") == "春风化雨 润物无声"
    assert kinds("春风化雨   润物无声", "heading") == {"space.heading_clause"}


def test_no_space_next_to_full_width_punctuation() -> None:
    assert fix("你好 ， 世界 。") == "你好，世界。"
    assert fix("他说 “好的” 然后走了") == "他说“好的”然后走了"
    assert fix("危急关头 , 她迎难而上") == "危急关头，她迎难而上"
    assert fix("标题 —— 副题", "heading") == "标题——副题"


def test_space_around_curly_quotes_in_latin_text_stays() -> None:
    assert fix("他引用了 He said “yes” today") == "他引用了He said “yes” today"


def test_no_space_between_chinese_and_digits_or_latin_by_default() -> None:
    assert fix("有 4 个小区") == "有4个小区"
    assert fix("2022 年第 2 期") == "2022年第2期"
    assert fix("使用 APP 登记") == "使用APP登记"
    assert fix("超过 95% 的企业") == "超过95%的企业"


def test_pangu_option_puts_exactly_one_space() -> None:
    assert fix("有4个小区", pangu=True) == "有 4 个小区"
    assert fix("使用APP   登记", pangu=True) == "使用 APP 登记"
    assert fix("有 4 个", pangu=True) == "有 4 个"


def test_pangu_still_removes_space_between_ideographs() -> None:
    assert fix("志愿 服务队有3人", pangu=True) == "志愿服务队有 3 人"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("你\u00a0好", "你好"),
        ("你\u200b好", "你好"),
        ("你\ufeff好", "你好"),
        ("你\u3000好", "你好"),
        ("\u3000\u3000段首缩进。", "段首缩进。"),
        ("ab\u00a0cd", "ab cd"),
    ],
)
def test_unicode_spaces_are_normalised(raw: str, clean: str) -> None:
    assert fix(raw) == clean


def test_zero_width_space_is_an_edit() -> None:
    assert "space.unicode" in kinds("你\u200b好")


def test_leading_and_trailing_space_trimmed() -> None:
    assert fix("  开头和结尾  ") == "开头和结尾"
    assert kinds("  开头和结尾  ") == {"space.trim"}


def test_runs_of_spaces_in_latin_collapse() -> None:
    assert fix("中文 hello   world") == "中文hello world"


def test_corpus_snippets() -> None:
    assert fix("铁岭县 凡河新区 各个社区") == "铁岭县凡河新区各个社区"
    assert fix('保领导对陈洪剑说:"经过 50 多天的高强度工作"') == "保领导对陈洪剑说：“经过50多天的高强度工作”"
    assert fix("20日10:52\u00a0\u00a0來源:齊魯網") == "20日10:52來源：齊魯網"


def test_heading_space_inside_a_word_is_removed() -> None:
    assert fix("筑牢战斗“红色堡 垒”", "heading") == "筑牢战斗“红色堡垒”"
    assert fix("一 二三四五", "heading") == "一二三四五"
    assert kinds("一 二三四五", "heading") == {"space.heading_word"}


def test_heading_already_punctuated_has_no_clause_space() -> None:
    assert fix("做好防控，确保重点难点 落实", "heading") == "做好防控，确保重点难点落实"


def test_heading_clause_with_quotes_keeps_its_space() -> None:
    assert fix("发挥社区“轴心”作用 筑牢防线", "heading") == "发挥社区“轴心”作用 筑牢防线"


def test_a_headline_keeps_its_clause_space_next_to_a_quote_and_body_text_does_not() -> None:
    from zhclean.tasks.core.model import Block
    from zhclean.tasks.stages.typography.blocks import typeset_blocks

    text = "打造“红色引擎”  激活乡村治理"
    (heading,), _, _ = typeset_blocks([Block("heading", text, 1, 1)], Options(), "x")
    (body,), _, _ = typeset_blocks([Block("paragraph", text, 1, 1)], Options(), "x")
    assert heading.text == "打造“红色引擎” 激活乡村治理"
    assert body.text == "打造“红色引擎”激活乡村治理"
    (inside,), _, _ = typeset_blocks([Block("heading", "共建 “ 美丽家园”", 1, 1)], Options(), "x")
    assert inside.text == "共建 “美丽家园”"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # a mention ends at its space (Weibo's syntax): without it the name runs on into the words
        ("@张三 你好，我是李四", "@张三 你好，我是李四"),
        ("转发给@王五 看看", "转发给@王五 看看"),
        # a mention ended by punctuation has no space to keep
        ("@张三 ，你好", "@张三，你好"),
        # an e-mail address's and a path's @ are no mention (an address keeps the one space that
        # sets it off, as before; a path keeps none)
        ("请 联系test@example.com 获取", "请联系test@example.com 获取"),
        ("模块在 node_modules/@babel/core 里", "模块在node_modules/@babel/core里"),
    ],
)
def test_a_mention_keeps_the_space_that_ends_it(raw: str, want: str) -> None:
    assert fix(raw) == want
