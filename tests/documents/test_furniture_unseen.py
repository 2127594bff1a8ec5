"""Furniture on documents written for the tests, in formats the raw corpus does not show.

Each fixture under tests/fixtures/unseen/furniture_*.txt is invented text of
one of the five kinds: web pages with their chrome (font widgets, share
buttons, counters, prev/next links, copyright and ICP lines), newspaper pages
(date and edition headers, page-editor credits, section labels with pinyin),
and periodicals (mastheads with other labels and orders, TOC variants, running
heads and page numbers in other shapes). The tests assert what a human editor
would cut: every furniture line out of the body into metadata or the removed
list, every real paragraph kept, nothing lost.
"""

from __future__ import annotations

import re

import pytest
from furniture_helpers import UNSEEN, fixture_furniture, fixture_lines, text_of

from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document
from zhclean.tasks.stages.furniture.base import ends_sentence, squeeze
from zhclean.tasks.stages.furniture.page_header import parse_header
from zhclean.tasks.stages.furniture.running_heads import split_head
from zhclean.tasks.stages.furniture.section_labels import parse_label
from zhclean.tasks.stages.furniture.strip import strip_furniture
from zhclean.tasks.stages.furniture.toc import find_toc
from zhclean.tasks.stages.furniture.web_meta import is_chrome, is_footer, read_dateline
from zhclean.tasks.stages.ingest import decode as ingest
from zhclean.tasks.stages.ingest import split_lines

#: A bracketed reporter credit inside a news lead, which segmentation may move to `authors`.
CREDIT = re.compile(r"（(?:记者|通讯员)[^）]*）")
NAMES = sorted(p.stem for p in UNSEEN.glob("furniture_*.txt"))


def paragraphs(name: str) -> list[str]:
    """The real paragraphs of a fixture: lines that end a sentence."""
    return [t for t in text_of(list(fixture_lines(name))) if ends_sentence(t)]


def reasons(name: str) -> set[str]:
    return {r.reason for r in fixture_furniture(name).removed}


def test_there_are_enough_unseen_documents() -> None:
    assert len(NAMES) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_furniture_keeps_every_paragraph(name: str) -> None:
    body = text_of(fixture_furniture(name).lines)
    assert [t for t in body if ends_sentence(t)] == paragraphs(name)


@pytest.mark.parametrize("name", NAMES)
def test_whole_pipeline_accounts_and_keeps_paragraphs(name: str) -> None:
    path = UNSEEN / f"{name}.txt"
    data = path.read_bytes()
    doc = normalize_document(data, path.name, Options())
    raw = ingest.decode(data, path.name, Options()).text
    missing = unaccounted(raw, doc)
    assert not missing, describe(missing)
    blocks = squeeze("".join(b.text for a in doc.articles for b in a.blocks))
    for paragraph in paragraphs(name):
        # a reporter credit in brackets may become the article's authors
        credited = squeeze(CREDIT.sub("", paragraph))
        assert squeeze(paragraph) in blocks or credited in blocks, paragraph
    removed = [squeeze(r.text) for r in doc.removed if r.reason.startswith("furniture.") and len(r.text) > 3]
    for text in removed:
        assert text not in blocks, text


def test_web_page_with_chrome() -> None:
    out = fixture_furniture("furniture_1")
    assert out.metadata["date"] == "2021-05-06T08:30:12"
    assert out.metadata["source"] == "人民网"
    assert out.metadata["original_title"] == "古茶园里采新茶"
    assert out.metadata["editors"] == ["李四"]
    body = text_of(out.lines)
    assert body == ["青石镇古茶园迎来采摘季 茶农增收有了新门路", *paragraphs("furniture_1")]
    assert {
        "furniture.web_chrome",
        "furniture.hit_counter",
        "furniture.recommended_reading",
        "furniture.prev_next",
        "furniture.site_footer",
    } <= reasons("furniture_1")
    reading = [r.text for r in out.removed if r.reason == "furniture.recommended_reading"]
    assert reading == ["相关新闻", "山区小镇的咖啡梦", "春耕时节话农机", "返乡青年开起民宿"]


def test_traditional_web_page_with_author_in_dateline() -> None:
    out = fixture_furniture("furniture_2")
    assert out.metadata["date"] == "2021-05-06"
    assert out.metadata["source"] == "新华社"
    assert out.metadata["authors"] == ["张三"]
    assert out.metadata["editors"] == ["王五", "赵六"]
    assert text_of(out.lines) == ["海港社区推出长者送餐服务", *paragraphs("furniture_2")]


def test_government_page_with_breadcrumb_and_footer() -> None:
    out = fixture_furniture("furniture_7")
    assert out.metadata["date"] == "2022-06-18T15:40"
    assert out.metadata["source"] == "河湾区应急管理局"
    assert out.metadata["authors"] == ["冯佳"]
    assert out.metadata["editors"] == ["韩冬"]
    assert text_of(out.lines) == ["河湾区开展防汛应急演练", *paragraphs("furniture_7")]
    assert {"furniture.breadcrumb", "furniture.site_footer", "furniture.prev_next"} <= reasons("furniture_7")


def test_newspaper_page_header_credits_and_labels() -> None:
    out = fixture_furniture("furniture_3")
    assert out.metadata["date"] == "2021-03-05"
    assert out.metadata["edition"]["page"] == "3"
    assert [s["text"] for s in out.metadata["section_labels"]] == ["时评", "民生·关注"]
    assert out.metadata["editors"] == ["钱小川", "孙一禾", "郑海涛", "冯晓"]
    body = text_of(out.lines)
    assert body[0] == "# 让城市的夜晚更有温度"
    assert not any("版" in t and not ends_sentence(t) for t in body)
    assert "本报记者 吴晓岚" in body and "# 社区图书角开放" in body


def test_newspaper_edition_name_and_weekday_line() -> None:
    out = fixture_furniture("furniture_8")
    assert out.metadata["edition"] == {"page": "A05", "name": "社会新闻", "line": 1}
    assert out.metadata["date"] == "2022-09-12"
    assert out.metadata["editors"] == ["宁静", "陶然"]
    body = text_of(out.lines)
    assert body[0] == "# 中秋夜 公交延时运营"
    assert "电话咨询的居民很多，医生们一直忙到中午才休息。" in body


def test_periodical_masthead_in_other_labels_and_toc_with_dot_leaders() -> None:
    out = fixture_furniture("furniture_4")
    masthead = out.metadata["masthead"]
    assert out.metadata["periodical"] == "乡野文苑"
    assert out.metadata["issue"] == {
        "text": "2023年第4期（总第58期）",
        "number": 4,
        "year": 2023,
        "total": 58,
    }
    assert masthead["主管"] == "云岭县文化和旅游局"
    assert masthead["编委会"]["副主编"] == ["邵雨晴", "汤明"]
    assert masthead["编委会"]["社长"] == ["许长青"]
    assert masthead["国内统一连续出版物号"] == "CN53-1234/I"
    assert masthead["ISSN"] == "1234-5678"
    assert masthead["定价"] == "8.00元"
    assert masthead["E-mail"] == "xiangye@example.com"
    toc = out.metadata["toc"]
    assert [(e["page"], e["title"], e["author"], e["section"]) for e in toc] == [
        (3, "山那边的灯火", "许长青", "小说"),
        (9, "秋收", "邵雨晴", "小说"),
        (15, "外婆的菜园", "汤明", "散文"),
    ]
    body = text_of(out.lines)
    assert body[0] == "山那边的灯火"
    assert any(t.startswith("外婆的菜园在老屋后面，地址是") for t in body)
    assert any("家里的电话号码" in t for t in body)


def test_contents_with_author_slashes_subtitle_and_running_heads() -> None:
    out = fixture_furniture("furniture_5")
    toc = out.metadata["toc"]
    assert [(e["page"], e["title"], e["author"], e["section"]) for e in toc] == [
        (2, "在田野上写论文", None, "卷首语"),
        (6, "一个山村的十年变迁", "蒋晓东", "调查研究"),
        (12, "合作社如何带动小农户", "陆文静 马骏", "调查研究"),
    ]
    assert toc[1]["subtitle"] == "关于西坡村集体经济的调查"
    assert out.metadata["running_heads"] == ["乡村观察"]
    assert [m["page"] for m in out.metadata["page_marks"]] == [2, 7, 8, 13, 14]
    body = text_of(out.lines)
    halves = body.index("如今村集体年收入超过六十万元，还建起了")
    assert body[halves + 1] == "农产品加工厂，吸纳了四十多名村民就业。"


def test_page_footers_and_colophon_at_the_end() -> None:
    out = fixture_furniture("furniture_6")
    assert [m["page"] for m in out.metadata["page_marks"]] == [3, 4, 5]
    masthead = out.metadata["masthead"]
    assert masthead["主办"] == "南川市科学技术协会"
    assert masthead["电话"] == "023-71234567"
    assert masthead["电子邮箱"] == "kepu@example.org"
    body = text_of(out.lines)
    assert body[-1].startswith("活动结束后，老师提醒大家：如有问题，可以拨打植物园的电话")
    assert body[0] == "星空下的夏令营"


def test_switched_off_rule_keeps_line_and_value_out_of_metadata() -> None:
    off = Options(disabled_rules=frozenset({"furniture.dateline"}))
    out = fixture_furniture("furniture_7", off)
    assert not {"date", "source", "authors"} & out.metadata.keys()
    assert any(t.startswith("来源：河湾区应急管理局") for t in text_of(out.lines))
    assert out.metadata["editors"] == ["韩冬"]
    # The date-and-weekday line is also a dateline: switching off the page header alone
    # leaves it to that rule; switching off both keeps it and its date in the body.
    page = fixture_furniture("furniture_8", Options(disabled_rules=frozenset({"furniture.page_header"})))
    assert "edition" not in page.metadata and page.metadata["date"] == "2022-09-12"
    assert text_of(page.lines)[0] == "第A05版：社会新闻"
    both = frozenset({"furniture.page_header", "furniture.dateline"})
    page = fixture_furniture("furniture_8", Options(disabled_rules=both))
    assert "edition" not in page.metadata and "date" not in page.metadata
    assert text_of(page.lines)[:2] == ["第A05版：社会新闻", "2022年9月12日 星期一"]
    everything = fixture_furniture("furniture_1", Options(disabled_rules=frozenset({"furniture."})))
    assert everything.metadata == {} and everything.removed == []


def test_dateline_fields_in_any_order() -> None:
    found = read_dateline("来源：某某报  作者：本报记者 王小明  发布时间：2031-01-02 09:15")
    assert found is not None
    assert (found.date, found.source, found.authors) == ("2031-01-02T09:15", "某某报", ["王小明"])
    found = read_dateline("2031年1月2日 星期四 来源: 某某网")
    assert found is not None and (found.date, found.source) == ("2031-01-02", "某某网")
    counter = read_dateline("浏览次数：88")
    assert counter is not None and counter.counted and not counter.date
    assert read_dateline("作者：这件事情我们以后再说吧。") is None
    assert read_dateline("时间：去年冬天 来源：群众") is None
    found = read_dateline("【作者：白露】【来源：某某报】【时间：2031-01-02】")
    assert found is not None and (found.date, found.source, found.authors) == (
        "2031-01-02",
        "某某报",
        ["白露"],
    )
    found = read_dateline("本文来源：某某日报")
    assert found is not None and found.source == "某某日报"


def test_page_header_shapes() -> None:
    header = parse_header("2031年1月2日 星期四 第5版", edge=False)
    assert header == {"date": "2031-01-02", "page": "5", "names": [], "editors": []}
    header = parse_header("经济新闻 B2", edge=True)
    assert header == {"date": None, "page": "B2", "names": ["经济新闻"], "editors": []}
    # A vitamin in the middle of a page is not an edition number; a headline is not a header.
    assert parse_header("维生素 B12", edge=False) is None
    assert parse_header("三版方案同时推进", edge=True) is None
    assert parse_header("2031年1月2日", edge=True) is None
    credited = parse_header("2031年1月2日 第5版 责任编辑：孔青", edge=False)
    assert credited is not None and credited["editors"] == ["孔青"]
    assert parse_header("第十届 3版", edge=False) is None


def test_chrome_and_footer_leave_headlines_and_sentences() -> None:
    assert is_chrome("【字号：大 中 小】") and is_chrome("手机扫码阅读本文") and is_chrome("字号：T|T")
    assert not is_chrome("扫码点餐成了新风尚")
    assert is_footer("Copyright © 2031 某某网 版权所有")
    assert not is_footer("这本书的版权所有人是他的女儿。")


def test_label_and_head_separators() -> None:
    assert parse_label("文化·生活 WENHUA") == ("文化·生活", "WENHUA")
    assert split_head("某某学刊 · 2031.3 · 27") == ("某某学刊", 27, True)
    assert split_head("27 | 某某学刊") == ("某某学刊", 27, False)


def test_toc_author_on_the_entry_line() -> None:
    doc = "目录\n03 山间小路 文/ 何青\n春天的河 / 方圆 ……… 9\n12 白鹭飞来的时候\n/ 林中\n正文开始了，这是一段话。"
    toc = find_toc(split_lines(doc), set()).metadata["toc"]
    assert [(e["page"], e["title"], e["author"]) for e in toc] == [
        (3, "山间小路", "何青"),
        (9, "春天的河", "方圆"),
        (12, "白鹭飞来的时候", "林中"),
    ]


def test_page_number_shapes() -> None:
    doc = "甲地的故事讲完了。\nP12\n乙地的故事开始。\nPage 13\n丙地。\n14/48\n丁地。\n2031\n"
    out = strip_furniture(split_lines(doc), Options())
    assert [m["page"] for m in out.metadata["page_marks"]] == [12, 13, 14]
    assert "2031" in text_of(out.lines)


def test_interview_question_is_not_a_byline() -> None:
    assert read_dateline("记者：请谈谈你们的做法") is None
    found = read_dateline("【来源：某某网 作者：某县委宣传部】")
    assert found is not None and found.authors == ["某县委宣传部"]
