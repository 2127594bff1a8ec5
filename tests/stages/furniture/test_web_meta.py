"""Web furniture: dateline, original title, editor credits, recommended reading."""

from __future__ import annotations

from furniture_helpers import raw_furniture, text_of

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.furniture.strip import strip_furniture
from zhclean.tasks.stages.furniture.web_meta import parse_dateline, parse_editors
from zhclean.tasks.stages.ingest import split_lines

WEB_DOC = """湖边新开了一家书店

2031-07-08 09:05:33 来源：青禾日报

原标题：青禾湖畔书香浓

书店开在湖边的老仓库里，周末总是坐满了人。

店主说，2031年7月8日那天来的人最多，编辑和记者也来了。

（责任编辑：苏小禾 审核：何平）

相关阅读：

湖边的另一家咖啡馆

老仓库改造的故事
"""


def test_dateline_becomes_iso_date_and_source() -> None:
    out = strip_furniture(split_lines(WEB_DOC), Options())
    assert out.metadata["date"] == "2031-07-08T09:05:33"
    assert out.metadata["source"] == "青禾日报"
    assert out.metadata["original_title"] == "青禾湖畔书香浓"
    assert out.metadata["editors"] == ["苏小禾", "何平"]


def test_only_the_body_stays() -> None:
    out = strip_furniture(split_lines(WEB_DOC), Options())
    assert text_of(out.lines) == [
        "湖边新开了一家书店",
        "书店开在湖边的老仓库里，周末总是坐满了人。",
        "店主说，2031年7月8日那天来的人最多，编辑和记者也来了。",
    ]
    reasons = {r.reason for r in out.removed}
    assert {"furniture.dateline", "furniture.recommended_reading", "furniture.editor_credit"} <= reasons
    reading = [r.text for r in out.removed if r.reason == "furniture.recommended_reading"]
    assert reading == ["相关阅读：", "湖边的另一家咖啡馆", "老仓库改造的故事"]


def test_dateline_shapes() -> None:
    assert parse_dateline("2020年3月5日 08:30") == ("2020-03-05T08:30", None)
    assert parse_dateline("来源：某某网 2020-03-05") == ("2020-03-05", "某某网")
    assert parse_dateline("发布时间：2020/03/05 8:30 来源：某某网") == ("2020-03-05T08:30", "某某网")
    # A bare date is not a dateline (a letter's date, an event); nor is an impossible one.
    assert parse_dateline("2020年3月5日") is None
    assert parse_dateline("2020年13月5日 08:30") is None
    assert parse_dateline("来源于群众的智慧，最终回到群众中去。") is None


def test_editor_credit_shapes() -> None:
    assert parse_editors("(责编:王小明、李 红)") == ["王小明", "李红"]
    assert parse_editors("编辑：张三") == ["张三"]
    assert parse_editors("编辑：这件事我们以后再谈吧。") is None
    assert parse_editors("他是报社的编辑，也是作者。") is None


def test_disabled_rule_leaves_line_in_body() -> None:
    out = strip_furniture(split_lines(WEB_DOC), Options(disabled_rules=frozenset({"furniture.dateline"})))
    assert "2031-07-08 09:05:33 来源：青禾日报" in text_of(out.lines)


def test_raw_web_page() -> None:
    out = raw_furniture("001")
    assert out.metadata["date"] == "2020-03-20T10:52"
    assert out.metadata["source"] == "齐鲁网"
    assert out.metadata["original_title"].startswith("战“疫”一线党旗飘扬")
    assert out.metadata["editors"] == ["聂俊穹", "刘颖婕"]
    body = text_of(out.lines)
    assert not any(t.startswith(("原标题", "(责编", "推荐阅读")) or "来源:" in t for t in body)
    assert body[0].startswith("战“疫”一线党旗飘扬")
