"""Structure on invented documents that imitate the raw corpus line by line.

tests/fixtures/unseen/realistic_*.txt copy the layout and noise of the five
raw kinds (blank-line patterns, sentences cut by page and column breaks, OCR
spaces inside words, running heads, TOC with `/ author` lines, the editorial
board, section labels with pinyin, signed short items, series marks, photo
captions in clusters, converter pinyin) with other places, people and topics.
The assertions are the cut a human editor would make.
"""

import pytest
from unseen_fixtures import UNSEEN, names, normalized, texts

from zhclean.tasks.core.model import Line
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document
from zhclean.tasks.stages.join import paragraphs
from zhclean.tasks.stages.segment import tocmatch
from zhclean.tasks.text import bylines
from zhclean.tasks.text import classify as cl

FIXTURES = names("realistic_*.txt")
doc = normalized


def every_paragraph(name: str) -> list[str]:
    return [t for a in doc(name).articles for t in texts(a, "paragraph")]


def test_one_realistic_document_of_each_kind() -> None:
    kinds = {name.split("_")[1] for name in FIXTURES}
    assert kinds == {"periodical", "web", "newspaper", "feature", "converted"}


@pytest.mark.parametrize("name", FIXTURES)
def test_every_cjk_character_is_accounted_for(name: str) -> None:
    missing = unaccounted((UNSEEN / name).read_text(encoding="utf-8"), doc(name))
    assert not missing, describe(missing)


@pytest.mark.parametrize("name", FIXTURES)
def test_no_paragraph_is_cut_mid_sentence(name: str) -> None:
    for text in every_paragraph(name):
        assert cl.ends_sentence(text), text


@pytest.mark.parametrize("name", FIXTURES)
def test_no_furniture_or_marks_in_the_text(name: str) -> None:
    for a in doc(name).articles:
        for b in a.blocks:
            assert not b.text.startswith(("#", "▲", "▼", "/")), b.text
            for word in ("编委会", "责任编辑", "责编", "来源", "推荐阅读", "邮编", "目录", "实践2023"):
                assert word not in b.text.replace(" ", ""), b.text
            assert " " not in b.text or b.type == "heading", b.text  # OCR spaces are gone


def test_periodical_editorial_toc_and_articles() -> None:
    d = doc("realistic_periodical_1.txt")
    arts = d.articles
    assert len(arts) == len(d.metadata["toc"]) == 5
    assert [a.title for a in arts[:4]] == [
        "把群众的急难愁盼放在心上",
        "攥指成拳 合力攻坚",
        "小网格撬动大治理",
        "党建引领物业 让小区变了样",  # the OCR gap `变 了样` is not in the TOC printing
    ]
    assert arts[4].title == "扎根乡村的“好医生”"
    assert [a.section for a in arts] == ["卷首语", "工作综述", "基层实践", "基层实践", "一线风采"]
    assert [a.page for a in arts] == [1, 3, 6, 9, 11]
    assert arts[1].subtitle == "松原市坚持党建引领推动基层治理提质增效"
    assert arts[2].authors == ["宁江区团结街道胜利社区党委"]
    assert arts[4].authors and arts[4].authors[0].endswith("卫生健康局孟晓光")
    assert d.metadata["issue"]["number"] == 4 and d.metadata["periodical"] == "建设与实践"
    assert [m["page"] for m in d.metadata["page_marks"]] == [4, 14]
    # the sentence cut by the running head is whole again; OCR spaces inside words are gone
    assert "做到责任到人、任务到岗。" in "".join(texts(arts[1], "paragraph"))
    assert "起起伏伏" in texts(arts[1], "paragraph")[0]
    assert "二、建强队伍，让力量更集中" in texts(arts[2], "heading")


def test_web_page_one_article_with_meta_and_subheadings() -> None:
    d = doc("realistic_web_1.txt")
    (a,) = d.articles
    assert a.title == "汛期一线党旗红"
    assert a.subtitle == "湘潭市河西街道枫林社区防汛救灾工作纪实"
    assert d.metadata["source"] == "湘江网" and d.metadata["date"] == "2022-07-12T16:38"
    assert d.metadata["editors"] == ["陈晓丽", "黄志强"]
    assert len(texts(a, "heading")) == 4


def test_newspaper_page_lead_feature_commentary_and_short_items() -> None:
    arts = doc("realistic_newspaper_1.txt").articles
    assert [a.title for a in arts] == [
        "桦川县五百余名党员干部下沉受灾村屯",
        "“连心桥”把关怀送到群众心坎上",
        "让党旗在抗洪一线高高飘扬",
        "佳木斯前进区为受灾学校捐赠课桌椅",
        "同江市开展灾后卫生防疫大扫除",
        "抚远市党员突击队抢修乡村道路",
    ]
    assert arts[0].subtitle == "筑起防汛救灾的坚固防线"
    assert arts[1].subtitle == "记坚守在救灾一线的富锦市长安社区党员服务队"
    assert [a.authors for a in arts] == [["孙晓东"], ["孙晓东"], ["秋实"], ["孙晓东"], [], ["何文静", "高远"]]
    assert [a.section for a in arts] == ["民生聚焦"] * 3 + ["简讯速递"] * 3
    assert [len(texts(a, "caption")) for a in arts] == [2, 1, 0, 0, 0, 0]
    assert "【评论】" in texts(arts[2], "heading")
    assert texts(arts[3], "paragraph")[0].startswith("本报讯近日，")


def test_feature_page_series_and_clustered_captions() -> None:
    arts = doc("realistic_feature_1.txt").articles
    assert len(arts) == 4
    assert {a.series for a in arts} == {"在乡村振兴一线发挥党组织引领作用"}
    assert all(a.subtitle and a.subtitle.startswith("记") for a in arts)
    assert [len(texts(a, "caption")) for a in arts] == [1, 1, 1, 1]
    # the unmarked last caption of the cluster goes to the article it shows
    assert texts(arts[3], "caption") == ["县人民医院党员医生在乡镇卫生院开展义诊。"]


def test_converted_article_pinyin_gone_captions_and_headings() -> None:
    (a,) = doc("realistic_converted_1.txt").articles
    assert a.title.startswith("到田间去")
    assert len(texts(a, "caption")) == 4 and len(texts(a, "heading")) == 3
    assert not any("(" in b.text or "（" in b.text for b in a.blocks)


# -- the unbracketed news-lead credit ------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "bracketed"),
    [
        (
            "本报讯 记者 孙晓东 今年以来，全县新建桥梁8座。",
            "本报讯（记者 孙晓东）今年以来，全县新建桥梁8座。",
        ),
        ("本报讯  记者 何文静 通讯员 高远 王一 近日，", "本报讯（记者 何文静 通讯员 高远 王一）近日，"),
        ("本报南宁电 记者 韦小兰 连日来，", "本报南宁电（记者 韦小兰）连日来，"),
    ],
)
def test_bare_lead_credit_is_bracketed(raw: str, bracketed: str) -> None:
    candidates, edits, _ = paragraphs.prepare([Line(raw, 7)])
    assert candidates[0].text == bracketed
    assert [(e.kind, e.line) for e in edits] == [(paragraphs.RULE_BARE_LEAD, 7)]


@pytest.mark.parametrize(
    "raw",
    [
        "本报讯 日前，新城区完成道路改造。",
        "本报讯 记者从市教育局获悉，今年秋季新增学位三千个。",
        "本报讯（记者 孙晓东）今年以来，",
        "记者 孙晓东 今年以来，",
        "本报讯 记者 孙晓东",
    ],
)
def test_other_leads_are_left_alone(raw: str) -> None:
    assert bylines.bare_lead_credit(raw) is None


def test_bare_lead_credit_becomes_the_authors_in_the_flow() -> None:
    text = "## 河西区新建社区食堂\n\n本报讯 记者 孙晓东 通讯员 李梅 近日，河西区新建社区食堂5家。\n"
    (a,) = normalize_document(text.encode(), "lead.txt").articles
    assert a.authors == ["孙晓东", "李梅"]
    assert texts(a, "paragraph") == ["本报讯近日，河西区新建社区食堂5家。"]
    assert not unaccounted(text, normalize_document(text.encode(), "lead.txt"))


# -- a title's OCR gap told by its TOC printing ---------------------------------------


@pytest.mark.parametrize(
    ("title", "toc", "fixed"),
    [
        ("扶贫路上 不落一人", "扶贫路上 不落一人", None),
        ("扶贫路上 不落 一人", "扶贫路上 不落一人", "扶贫路上 不落一人"),
        ("扶贫路上不落 一人", "扶贫 路上不落一人", "扶贫路上不落一人"),
        ("五一 假期 见闻", "五一假期见闻记", None),  # other letters: not the same title
        ("2023 年 工作回顾", "2023年工作回顾", "2023 年工作回顾"),  # only gaps between CJK count
    ],
)
def test_title_keeps_only_spaces_its_toc_entry_shares(title: str, toc: str, fixed: str | None) -> None:
    assert tocmatch.shared_spacing(title, toc) == fixed


def test_toc_spacing_is_logged_in_the_flow() -> None:
    edits = [e for e in doc("realistic_periodical_1.txt").edits if e.kind == "title.toc_spacing"]
    assert [(e.before, e.after) for e in edits] == [
        ("党建引领物业 让小区变 了样", "党建引领物业 让小区变了样")
    ]
