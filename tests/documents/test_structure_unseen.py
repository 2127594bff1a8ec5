"""Structure on documents written for the tests, of the five kinds but not from raw/.

Each fixture under tests/fixtures/unseen/structure_*.txt is invented text in
the shape of one kind (newspaper page, feature page, web article, converter-
damaged article, periodical). The assertions are what a human editor would
cut: articles, titles, subtitles, authors, section or series, captions as
caption blocks, paragraphs joined across column breaks, headings kept apart.
"""

import pytest
from unseen_fixtures import UNSEEN, names, normalized, texts

from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.text import classify as cl

FIXTURES = names("structure_*.txt")
doc = normalized


def test_there_are_enough_unseen_documents() -> None:
    assert len(FIXTURES) >= 8


@pytest.mark.parametrize("name", FIXTURES)
def test_every_cjk_character_is_accounted_for(name: str) -> None:
    missing = unaccounted((UNSEEN / name).read_text(encoding="utf-8"), doc(name))
    assert not missing, describe(missing)


@pytest.mark.parametrize("name", FIXTURES)
def test_no_paragraph_stops_mid_sentence(name: str) -> None:
    """Every paragraph of these documents ends a sentence: a broken one was not joined."""
    for a in doc(name).articles:
        for text in texts(a, "paragraph"):
            assert cl.ends_sentence(text), text


@pytest.mark.parametrize("name", FIXTURES)
def test_captions_lose_their_arrows(name: str) -> None:
    for a in doc(name).articles:
        for b in a.blocks:
            assert not b.text.startswith(("▲", "▼")), b.text
            assert not b.text.startswith("#"), b.text


def test_newspaper_lead_article_short_items_and_commentary() -> None:
    arts = doc("structure_newspaper_1.txt").articles
    assert [a.title for a in arts] == [
        "临河区推动老旧小区改造提速增效",
        "夜市烟火气里的基层治理新招",
        "把好事办到群众心坎上",
        "五原县新建乡村图书室20个",
        "磴口县开展防汛应急演练",
        "杭锦后旗举办农民丰收节",
    ]
    assert arts[0].subtitle == "让居民住得更舒心更安心"
    assert [a.authors for a in arts] == [["周晓岚"], ["周晓岚"], ["晓言"], ["李振华"], ["高文博"], ["赵一鸣"]]
    assert [a.section for a in arts] == ["民生视点"] * 3 + ["简讯速递"] * 3
    lead = arts[0]
    assert len(texts(lead, "caption")) == 2
    # a paragraph split by a column break with a caption between its halves is one paragraph
    assert any("负责日常维护和费用收支公开" in t for t in texts(lead, "paragraph"))
    assert any(t.startswith("图为志愿者") for t in texts(arts[1], "caption"))
    assert "【短评】" in texts(arts[2], "heading")
    assert all(not t.endswith(("（李振华）", "高文博")) for a in arts[3:] for t in texts(a, "paragraph"))


def test_newspaper_lead_credit_and_captions_between_halves() -> None:
    first, second = doc("structure_newspaper_2.txt").articles
    assert (first.title, first.authors, first.section) == (
        "青山村的“共富工坊”",
        ["郑雅文", "黄小川"],
        "乡村振兴",
    )
    paragraphs = texts(first, "paragraph")
    assert paragraphs[0].startswith("本报讯走进青山村")
    assert any("每年能为村民带来人均两万余元的收入" in t for t in paragraphs)
    assert any("村民在家门口就能就业" in t or "在家门口就能就业。" in t for t in paragraphs)
    assert any("把工坊打造成乡村旅游的新景点" in t for t in paragraphs)
    assert len(texts(first, "caption")) == 2
    assert (second.title, second.authors) == ("数字化让山货走出大山", ["郑雅文"])
    assert texts(second, "heading") == ["数字赋能 产业升级"]
    assert any("也带动了快递网点" in t for t in texts(second, "paragraph"))


def test_newspaper_subheading_with_closing_quote_is_not_glued() -> None:
    first, second = doc("structure_newspaper_3.txt").articles
    assert (first.title, first.subtitle, first.authors) == (
        "一张清单管到底",
        "南川区推行村级小微权力清单制度见闻",
        ["欧阳春晓"],
    )
    assert texts(first, "heading") == ["“晒”出来的信任"]
    assert any(t.startswith("近日，金龙村") for t in texts(first, "paragraph"))
    assert len(texts(first, "caption")) == 1
    assert (second.title, second.authors, second.section) == (
        "铺就群众增收“快车道”",
        ["欧阳春晓", "冉静"],
        "基层党建",
    )


def test_feature_series_with_sub_articles_and_position_notes() -> None:
    d = doc("structure_feature_1.txt")
    arts = d.articles
    assert [a.title for a in arts] == ["林海深处的“千里眼”", "一条河的“体检医生”", "候鸟迁徙路上的守望者"]
    assert [a.subtitle for a in arts] == ["记白岭林场防火瞭望站", "记清溪县水文站", "记南湖湿地保护站"]
    assert {a.series for a in arts} == {"守护绿水青山的人们"}
    assert d.metadata["series"][0]["subtitle"] == "记我省生态保护先进集体"
    assert [len(texts(a, "caption")) for a in arts] == [1, 1, 1]
    assert all(not texts(a, "heading") for a in arts)


def test_feature_series_subtitle_kept_and_credit_line_read() -> None:
    d = doc("structure_feature_2.txt")
    arts = d.articles
    assert [a.title for a in arts] == ["把论文写在大地上", "小院里的“共享课堂”"]
    assert [a.authors for a in arts] == [["秦朗"], ["秦朗"]]
    assert all(a.subtitle and a.subtitle.startswith("记") for a in arts)
    assert d.metadata["series"][0] == {
        "title": "青春在基层闪光",
        "subtitle": "我市优秀大学生村官风采录",
        "line": 1,
    }
    assert [len(texts(a, "caption")) for a in arts] == [1, 1]


def test_traditional_web_article_with_subheadings() -> None:
    d = doc("structure_web_1.txt")
    (a,) = d.articles
    assert (a.title, a.subtitle) == ("山城夜市点亮“烟火经济”", "渝中区解放碑街道推动夜间消费纪实")
    assert a.origin == "重庆网" and (a.date or "").startswith("2021-05-06")
    assert texts(a, "heading") == ["规划先行 让夜市有章可循", "党员带头 把服务送到摊前"]
    assert len(texts(a, "paragraph")) == 4


def test_web_article_repeated_headline_and_quote_headings() -> None:
    d = doc("structure_web_2.txt")
    (a,) = d.articles
    assert a.title == "“小巷管家”守好城市“最后一米”"
    assert a.authors == [] and a.origin == "江城日报"
    assert "title.repeated" in [r.reason for r in d.removed]
    assert texts(a, "heading") == ["从“门前三包”到“小巷管家”", "“管家”也有“娘家”"]
    assert any(t.startswith("近日，江城市城管局") for t in texts(a, "paragraph"))


def test_converted_article_without_headline() -> None:
    (a,) = doc("structure_converted_1.txt").articles
    assert a.title == "守住一方水土，护好一城安宁"
    assert texts(a, "heading") == ["一声令下 党旗插在堤坝上", "转移群众 不落一户一人"]
    assert texts(a, "caption") == ["党员突击队员在江堤上搬运沙袋", "村干部挨家挨户敲门通知群众转移"]
    assert any("巡堤查险，累了就在帐篷里" in t for t in texts(a, "paragraph"))
    assert not any("(" in t or "（" in t for t in texts(a, "paragraph"))  # pinyin readings gone


def test_periodical_toc_running_heads_and_broken_heading() -> None:
    d = doc("structure_periodical_1.txt")
    arts = d.articles
    assert len(arts) == len(d.metadata["toc"]) == 4
    assert [a.title for a in arts] == [
        "以实干担当书写新时代答卷",
        "小网格撬动大治理",
        "让“红色物业”暖到居民心坎上",
        "戈壁滩上的“追光者”",
    ]
    assert [a.page for a in arts] == [2, 4, 7, 10]
    assert [a.section for a in arts] == ["卷首语", "基层探索", "基层探索", "人物风采"]
    assert arts[1].authors == ["向阳街道党工委"] and arts[2].authors == ["东城街道新城社区党委"]
    assert arts[3].subtitle == "记市融媒体中心摄影记者李文涛"
    assert texts(arts[1], "heading") == ["一、织密网格，做实基础", "二、完善机制，做优服务"]
    reasons = [r.reason for r in d.removed]
    assert reasons.count("furniture.running_head") >= 3 and "join.stray_glyph" in reasons
    body = " ".join(t for a in arts for b in a.blocks for t in [b.text])
    assert "绿洲学刊" not in body and "|" not in body and "解决问题" in body
    assert any("连续蹲守了三天三夜" in t for t in texts(arts[3], "paragraph"))


def test_converted_article_with_quoted_two_clause_subheadings_and_captions() -> None:
    (a,) = doc("structure_converted_2.txt").articles
    assert a.title == "今年以来，桐城市聚焦群众急难愁盼问题，组织全市1.2万名党员干部走进社区"
    assert texts(a, "caption") == ["社区党员志愿者为独居老人送上爱心午餐", "工作人员上门为老人办理社保认证"]
    assert len(texts(a, "heading")) == 2
    assert all(t.startswith("“") for t in texts(a, "heading"))
    assert any(t.startswith("近日，家住") for t in texts(a, "paragraph"))
    assert any("已累计代办各类事项1600余件" in t for t in texts(a, "paragraph"))
