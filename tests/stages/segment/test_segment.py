"""Article segmentation on small documents written for each rule."""

from zhclean.tasks.core.model import Block, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.accounting import unaccounted
from zhclean.tasks.pipeline.run import run_until
from zhclean.tasks.stages.join.paragraphs import join_lines
from zhclean.tasks.stages.segment.articles import segment_articles

BODY = "这是一段足够长的正文，讲述了社区里发生的事情，大家齐心协力，共同努力，终于完成了任务。"


def cut(text: str, metadata: dict | None = None):
    lines = [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]
    blocks, _, _ = join_lines(lines, Options())
    return segment_articles(blocks, metadata or {}, "x.txt", Options())


def test_headless_document_is_one_article_titled_by_its_first_sentence() -> None:
    out = cut(f"到田间去，到地头去……{BODY}\n{BODY}")
    assert len(out.articles) == 1
    assert out.articles[0].title == "到田间去，到地头去"
    assert len(out.articles[0].blocks) == 2


def test_headline_with_subheadings_is_one_article() -> None:
    out = cut(f"春耕时节访农家\n{BODY}\n抓早抓实，备足农资\n{BODY}\n科技助力，田间课堂\n{BODY}")
    assert [a.title for a in out.articles] == ["春耕时节访农家"]
    assert [b.type for b in out.articles[0].blocks].count("heading") == 2


def test_byline_and_ji_subtitle_become_metadata() -> None:
    out = cut(f"# 田埂上的好支书\n## ——记某村党支部书记\n本报记者 张三\n{BODY}")
    a = out.articles[0]
    assert (a.title, a.subtitle, a.authors) == ("田埂上的好支书", "记某村党支部书记", ["张三"])
    assert all("张三" not in b.text for b in a.blocks)
    assert "byline.author" in [e.kind for e in out.edits]


def test_series_with_sub_articles() -> None:
    text = (
        f"# 奋斗者风采\n## 记我县劳动模范\n### 巧手绣出新生活\n——记某镇刺绣合作社\n{BODY}\n"
        f"### 大棚里的致富经\n——记某村种植能手\n{BODY}"
    )
    out = cut(text)
    assert [a.title for a in out.articles] == ["巧手绣出新生活", "大棚里的致富经"]
    assert {a.series for a in out.articles} == {"奋斗者风采"}
    assert out.metadata["series"][0]["subtitle"] == "记我县劳动模范"


def test_short_news_items_after_section_label_are_signed() -> None:
    text = (
        f"# 大标题文章\n本报记者 张三\n{BODY}\n\n"
        f"## 某县新建三座公园\n本报讯 某县今年新建三座公园。\n{BODY}李四\n"
        f"## 某镇完成春耕\n本报讯 某镇完成春耕。\n{BODY}（王五）"
    )
    meta = {"section_labels": [{"line": 4, "text": "简讯", "latin": None}]}
    out = cut(text, meta)
    assert [a.authors for a in out.articles] == [["张三"], ["李四"], ["王五"]]
    assert [a.section for a in out.articles] == [None, "简讯", "简讯"]


def test_toc_guides_starts_and_fills_page_section_author_and_variant() -> None:
    toc = [
        {"page": 3, "title": "春风 化雨", "author": None, "section": "卷首", "line": 1},
        {"page": 5, "title": "绿水青山 就是金山", "author": "某乡党委", "section": "基层", "line": 2},
    ]
    text = f"春风化雨\n{BODY}\n小标题在这里\n{BODY}\n绿水青山 就是金山银山\n某乡党委\n{BODY}"
    out = cut(text, {"toc": toc, "date": "2022-05-01", "source": "某刊"})
    a, b = out.articles
    assert (a.title, a.page, a.section) == ("春风化雨", 3, "卷首")
    assert [x.type for x in a.blocks].count("heading") == 1  # the subheading stays inside
    assert (b.title, b.page, b.authors) == ("绿水青山 就是金山银山", 5, ["某乡党委"])
    assert b.title_variants == ["绿水青山 就是金山"]
    assert (b.date, b.origin, b.source) == ("2022-05-01", "某刊", "x.txt")


def test_captions_are_moved_to_the_article_they_name() -> None:
    text = (
        f"# 总题\n### 甲\n——记北山林场护林队\n{BODY}\n### 乙\n——记南湖渔业合作社\n{BODY}\n"
        "▲北山林场护林队员巡山。\n▼南湖渔业合作社社员捕鱼。"
    )
    out = cut(text)
    caps = [[b.text for b in a.blocks if b.type == "caption"] for a in out.articles]
    assert caps == [["北山林场护林队员巡山。"], ["南湖渔业合作社社员捕鱼。"]]


def test_single_clause_lines_among_headlines_are_captions() -> None:
    text = f"标题\n{BODY}\n第一部分 说明情况\n张三在检查设备运转情况\n{BODY}\n第二部分 总结经验\n{BODY}"
    a = cut(text).articles[0]
    assert [(b.type, b.text) for b in a.blocks if b.type != "paragraph"] == [
        ("heading", "第一部分 说明情况"),
        ("caption", "张三在检查设备运转情况"),
        ("heading", "第二部分 总结经验"),
    ]


def test_a_signed_short_item_after_a_long_article_is_an_article_of_its_own() -> None:
    blocks = [
        Block("heading", "河道治理初见成效", 1, 1),
        Block("paragraph", "今年以来，某区投入资金整治河道，水质明显好转，沿岸居民纷纷点赞。", 3, 3),
        Block("heading", "小区增设充电桩", 5, 5),
        Block("paragraph", "近日，某社区新增充电桩二十个，方便居民充电。（赵一）", 7, 7),
    ]
    cut = segment_articles(blocks, {}, "x.txt", Options())
    assert [a.title for a in cut.articles] == ["河道治理初见成效", "小区增设充电桩"]
    assert cut.articles[1].authors == ["赵一"]


def test_news_lead_credit_becomes_authors() -> None:
    out = cut(f"# 某村的新变化\n本报讯（记者 张三 通讯员 李四）{BODY}")
    (a,) = out.articles
    assert a.authors == ["张三", "李四"]
    assert a.blocks[0].text.startswith("这是")
    assert "byline.lead_credit" in [e.kind for e in out.edits]
    assert out.metadata["datelines"] == [{"title": "某村的新变化", "text": "本报讯", "line": 2}]


def test_wire_dateline_gives_source_date_and_authors() -> None:
    out = cut(f"# 某村的新变化\n新华社北京5月3日电（记者 张三）{BODY}", {"date": "2023-05-04"})
    (a,) = out.articles
    assert (a.authors, a.origin, a.date) == (["张三"], "新华社", "2023-05-03")
    assert a.blocks[0].text.startswith("这是")


def test_dateline_without_a_year_leaves_the_date_alone() -> None:
    (a,) = cut(f"# 某村的新变化\n本报北京5月3日电 {BODY}").articles
    assert (a.origin, a.date) == (None, None)
    assert a.blocks[0].text.startswith("这是")


def test_lead_on_its_own_line_is_a_byline() -> None:
    (a,) = cut(f"某村的新变化\n本报讯 记者 张三\n{BODY}").articles
    assert (a.title, a.authors, a.blocks[0].text) == ("某村的新变化", ["张三"], BODY)


def test_repeated_headline_under_the_title_is_removed_not_an_author() -> None:
    out = cut(f"“菜篮子”稳住了\n“菜篮子”稳住了\n{BODY}")
    (a,) = out.articles
    assert (a.title, a.authors) == ("“菜篮子”稳住了", [])
    assert [r.reason for r in out.removed] == ["title.repeated"]


def test_heading_broken_over_two_lines_is_joined_by_the_toc() -> None:
    toc = [{"page": 7, "title": "让老街坊住得更舒心", "author": "某社区党委", "section": None, "line": 1}]
    out = cut(f"让老街坊住得\n更舒心\n某社区党委\n{BODY}", {"toc": toc})
    (a,) = out.articles
    assert (a.title, a.authors, a.title_variants) == ("让老街坊住得更舒心", ["某社区党委"], [])


def test_series_subtitle_without_ji_is_kept() -> None:
    out = cut(f"# 奋斗者风采\n## 我县劳动模范巡礼\n### 巧手绣出新生活\n——记某镇刺绣合作社\n{BODY}")
    assert out.articles[0].series == "奋斗者风采"
    assert out.metadata["series"][0]["subtitle"] == "我县劳动模范巡礼"


def test_headless_document_with_a_long_first_sentence_is_titled_by_whole_clauses() -> None:
    first = "近日，江北区组织全区三十二个社区的两百余名志愿者开展清洁家园行动，进一步改善了居民的生活环境。"
    out = cut(f"{first}\n{BODY}")
    assert out.articles[0].title == "近日，江北区组织全区三十二个社区的两百余名志愿者开展清洁家园行动"


def test_reporter_labels_of_any_outlet_make_a_byline_and_a_lead_credit() -> None:
    from zhclean.tasks.pipeline.run import normalize_document

    page = "# 河道治理见成效\n\n本刊记者 何明远\n\n今年以来，某区投入资金整治河道，水质明显好转。\n"
    (article,) = normalize_document(page.encode(), "a.txt").articles
    assert article.authors == ["何明远"]
    assert [b.text for b in article.blocks] == ["今年以来，某区投入资金整治河道，水质明显好转。"]
    lead = "# 河道治理见成效\n\n本台讯（特约通讯员 李丽）今年以来，某区投入资金整治河道。\n"
    (article,) = normalize_document(lead.encode(), "b.txt").articles
    assert article.authors == ["李丽"]
    assert article.blocks[0].text == "今年以来，某区投入资金整治河道。"


def cut_without(text: str, *names: str):
    options = Options(disabled_rules=frozenset(names))
    lines = [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]
    blocks, _, _ = join_lines(lines, options)
    return segment_articles(blocks, {}, "x.txt", options)


def test_disabled_byline_stays_a_paragraph_of_the_body() -> None:
    (a,) = cut_without(f"# 田埂上的好支书\n本报记者 张三\n{BODY}", "byline.author").articles
    assert (a.title, a.authors) == ("田埂上的好支书", [])
    assert [(b.type, b.text) for b in a.blocks] == [("paragraph", "本报记者 张三"), ("paragraph", BODY)]


def test_disabled_header_rule_ends_the_opening_run_at_its_line() -> None:
    (a,) = cut_without(f"# 守护一方水土\n李明\n{BODY}", "byline.name_line").articles
    assert a.authors == [] and [b.text for b in a.blocks] == ["李明", BODY]
    (a,) = cut_without(f"“菜篮子”稳住了\n“菜篮子”稳住了\n{BODY}", "title.repeated").articles
    assert [b.text for b in a.blocks] == ["“菜篮子”稳住了", BODY]


def test_disabled_signature_lead_credit_and_split_leave_the_text() -> None:
    out = cut_without(
        f"# 守护一方水土——记县林业局护林队\n本报讯（记者 张三）{BODY}\n# 某镇完成春耕\n{BODY}李四",
        "title.",
        "byline.",
    )
    assert [(a.title, a.subtitle, a.authors) for a in out.articles] == [
        ("守护一方水土——记县林业局护林队", None, []),
        ("某镇完成春耕", None, []),
    ]
    assert out.edits == [] and out.removed == []


def test_an_organisation_line_under_a_title_after_finished_text_starts_an_article() -> None:
    text = (
        f"党旗所指 行之所向\n{BODY}\n发挥组织优势 筑牢抗疫防线\n某区某街道党工委\n{BODY}\n"
        f"坚决打赢疫情防控歼灭战\n某区某街道党委\n{BODY}"
    )
    out = cut(text)
    assert [(a.title, a.authors) for a in out.articles] == [
        ("党旗所指 行之所向", []),
        ("发挥组织优势 筑牢抗疫防线", ["某区某街道党工委"]),
        ("坚决打赢疫情防控歼灭战", ["某区某街道党委"]),
    ]


def test_one_short_line_under_one_heading_is_no_proof_of_a_new_piece() -> None:
    out = cut(f"党旗所指 行之所向\n{BODY}\n一声令下 全域联动\n张三在检查设备运转情况\n{BODY}")
    assert len(out.articles) == 1


def test_a_byline_repeated_under_two_titles_marks_the_titles_not_their_subtitles() -> None:
    text = (
        f"第一篇报道的标题\n本报记者 张三\n{BODY}\n“五色花”把温暖送到家\n——记某社区党员志愿者服务队\n"
        f"本报记者 张三\n{BODY}"
    )
    out = cut(text)
    assert [(a.title, a.subtitle) for a in out.articles] == [
        ("第一篇报道的标题", None),
        ("“五色花”把温暖送到家", "记某社区党员志愿者服务队"),
    ]


def test_a_derived_title_is_never_cut_at_an_enumeration_comma() -> None:
    lead = "今年以来，某市聚焦群众急难愁盼问题，组织全市一万两千名党员干部走进社区、走进家门、走进群众心里，办成实事一千多件。"
    (a,) = cut(lead).articles
    assert a.title == "今年以来，某市聚焦群众急难愁盼问题"


def test_a_toc_title_broken_over_two_lines_is_found_by_its_first_line() -> None:
    toc = [{"page": 6, "title": "小巷里的暖心食堂开张三个月", "author": None, "section": None, "line": 2}]
    out = cut(f"让老街坊住得更舒心\n{BODY}\n小巷里的\n暖心食堂开张三个月\n{BODY}", {"toc": toc})
    assert [a.title for a in out.articles] == ["让老街坊住得更舒心", "小巷里的暖心食堂开张三个月"]


def test_a_section_heading_over_a_toc_title_is_not_taken_into_it() -> None:
    toc = [{"page": 6, "title": "让老街坊住得更舒心", "author": None, "section": None, "line": 2}]
    out = cut(f"前言\n{BODY}\n结语\n让老街坊住得更舒心\n{BODY}", {"toc": toc})
    assert [a.title for a in out.articles][-1] == "让老街坊住得更舒心"


def test_an_article_saved_twice_is_reported_with_its_subtitle() -> None:
    """The second copy of an article (a feature and its `——记…` subtitle, written for this test)
    leaves whole: the removed record holds its title, subtitle and paragraphs, so accounting
    finds every character of the raw text (the subtitle used to leave without a record)."""
    feature = (
        "### 守望相助的小区物业\n\n——记河畔县南湖物业党支部\n\n"
        "物业公司的员工不多，却把小区的每一栋楼都照看得很仔细。\n\n"
        "疫情期间，他们每天上门登记，为老人送菜送药。\n\n"
    )
    text = feature + "### 另一篇文章\n\n这一篇讲的是别的事情，与前一篇无关。\n\n" + feature
    doc = run_until(text.encode("utf-8"), "t.txt", Options()).document
    assert [(a.title, a.subtitle) for a in doc.articles] == [
        ("守望相助的小区物业", "记河畔县南湖物业党支部"),
        ("另一篇文章", None),
    ]
    assert [(r.text, r.reason) for r in doc.removed] == [
        (
            "守望相助的小区物业\n记河畔县南湖物业党支部\n"
            "物业公司的员工不多，却把小区的每一栋楼都照看得很仔细。\n"
            "疫情期间，他们每天上门登记，为老人送菜送药。",
            "segment.duplicate_article",
        )
    ]
    assert unaccounted(text, doc) == {}
