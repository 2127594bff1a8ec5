"""Masthead, colophon, editorial board and issue lines → metadata."""

from __future__ import annotations

from furniture_helpers import raw_furniture, text_of

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.furniture.masthead import parse_field, parse_issue
from zhclean.tasks.stages.furniture.strip import strip_furniture
from zhclean.tasks.stages.ingest import split_lines
from zhclean.tasks.text.names import split_names

# A colophon and a board written for these tests (names and places invented).
MASTHEAD_DOC = """上一篇文章的最后一段，到这里就结束了。

河畔文丛

2031 年第 4 期

主办：青禾县文化促进会

编辑 青禾县文化馆

《河畔文丛》编辑部

地址 青禾县南门大街 12 号

邮编 555000

电话 0999-1234567

E-mail hepan@example.org

印刷 青禾县彩虹

印刷有限公司

（内部资料 免费交流）

编委会主任 马 原

编委会副主任 苏小禾 何 平

唐一鸣

主 编 苏小禾

责 任 编 辑 韦 青

第一篇文章的标题

文章的第一段写在这里，打电话到地址栏都没关系。
"""


def test_colophon_fields() -> None:
    out = strip_furniture(split_lines(MASTHEAD_DOC), Options())
    m = out.metadata["masthead"]
    assert m["主办"] == "青禾县文化促进会"
    assert m["地址"] == "青禾县南门大街 12 号"
    assert m["邮编"] == "555000" and m["电话"] == "0999-1234567"
    assert m["E-mail"] == "hepan@example.org"
    assert m["印刷"] == "青禾县彩虹印刷有限公司"
    assert m["说明"] == ["（内部资料 免费交流）"]
    assert out.metadata["periodical"] == "河畔文丛"
    assert m["编辑部"] == ["《河畔文丛》编辑部"] and m["刊名"] == ["河畔文丛"]
    assert out.metadata["issue"] == {"text": "2031 年第 4 期", "number": 4, "year": 2031}


def test_board_names_are_lists_with_ocr_spaces_collapsed() -> None:
    board = strip_furniture(split_lines(MASTHEAD_DOC), Options()).metadata["masthead"]["编委会"]
    assert board["编委会主任"] == ["马原"]
    assert board["编委会副主任"] == ["苏小禾", "何平", "唐一鸣"]
    assert board["主编"] == ["苏小禾"]
    assert board["责任编辑"] == ["韦青"]


def test_body_stays_and_masthead_leaves() -> None:
    out = strip_furniture(split_lines(MASTHEAD_DOC), Options())
    assert text_of(out.lines) == [
        "上一篇文章的最后一段，到这里就结束了。",
        "第一篇文章的标题",
        "文章的第一段写在这里，打电话到地址栏都没关系。",
    ]
    # Labels are dict keys, values are metadata: nothing of the masthead needs a removed record.
    assert out.removed == []


def test_paragraph_mentioning_phone_or_address_is_kept() -> None:
    doc = (
        "电话 铃声响起时，她正在写信。\n\n"
        "地址 是他后来才告诉我的，那时候我们已经认识很多年了。\n\n"
        "他说：电话号码和地址都写在信封上，邮编也没有漏掉。\n"
    )
    out = strip_furniture(split_lines(doc), Options())
    assert len(text_of(out.lines)) == 3
    assert "masthead" not in out.metadata


def test_two_label_lines_are_not_a_masthead() -> None:
    doc = "主编 王小明\n\n地址 城南\n\n这一段是正文。\n"
    out = strip_furniture(split_lines(doc), Options())
    assert "masthead" not in out.metadata and len(text_of(out.lines)) == 3


def test_field_and_issue_and_name_parsers() -> None:
    assert parse_field("责 任 编 辑 韦 青") == ("责任编辑", "韦 青")
    assert parse_field("编辑部的故事") is None
    assert parse_field("电话铃响了。") is None
    assert parse_issue("第 3 期（总第 45 期）") == {"text": "第 3 期（总第 45 期）", "number": 3, "total": 45}
    assert parse_issue("第3期") is None
    assert split_names("黄 波 李春风") == ["黄波", "李春风"]
    assert split_names("党旗所指 行之所向") is None
    assert split_names("市委组织部研究室") is None


def test_raw_periodical_masthead() -> None:
    out = raw_furniture("000")
    m = out.metadata["masthead"]
    assert m["主办"] == "中共吉林市委组织部"
    assert m["邮编"] == "132011" and m["电话"] == "0432-62010336"
    assert m["印刷"].endswith("印刷有限公司")
    assert m["编委会"]["编委会主任"] == ["董亮"]
    assert m["编委会"]["编委会副主任"][-3:] == ["黄波", "李春风", "陈国辉"]
    assert m["编委会"]["编辑"] == ["张宇恒", "凌紫剑", "陈毕杨"]
    assert out.metadata["issue"]["year"] == 2022 and out.metadata["issue"]["number"] == 2
    assert out.metadata["periodical"] == "研究与交流"
    body = {ln.number for ln in out.lines if ln.text.strip()}
    assert not body & set(range(11, 171)), "a masthead, TOC or board line stayed in the body"
    assert 172 in body and 9 in body


def test_a_masthead_printed_twice_keeps_each_label_once_and_records_the_second() -> None:
    """Two issues bound in one file: every value of both colophons is kept (joined, or in the
    board's lists), each label once, as its key; the second copy's labels go to the removed
    list under the masthead rule, so no character of the raw text is lost without a record."""
    twice = MASTHEAD_DOC + "\n" + MASTHEAD_DOC
    out = strip_furniture(split_lines(twice), Options())
    m = out.metadata["masthead"]
    assert m["主办"] == "青禾县文化促进会；青禾县文化促进会"
    assert m["编委会"]["主编"] == ["苏小禾", "苏小禾"]
    # each label as the second copy printed it (OCR spaces, a colon); the issue line as before
    labels = [
        "主办：",
        "编辑",
        "地址",
        "邮编",
        "电话",
        "印刷",
        "编委会主任",
        "编委会副主任",
        "主 编",
        "责 任 编 辑",
    ]
    assert sorted((r.text, r.reason) for r in out.removed) == sorted(
        [*((label, "furniture.masthead") for label in labels), ("2031 年第 4 期", "furniture.issue")]
    )
