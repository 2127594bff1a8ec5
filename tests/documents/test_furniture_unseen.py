"""Furniture on documents written for the tests, in formats the raw corpus does not show.

Each fixture under tests/fixtures/unseen/furniture_*.txt is invented text of
one of the five kinds: web pages with their chrome (font widgets, share
buttons, counters, prev/next links, copyright and ICP lines), newspaper pages
(date and edition headers, page-editor credits, section labels with pinyin),
and periodicals (mastheads with other labels and orders, TOC variants, running
heads and page numbers in other shapes). For each, written by hand from the input:
the exact lines the furniture stage leaves in the body, the exact lines it removes
(with the rule) and the exact metadata it keeps. The whole pipeline's output of
each fixture is compared exactly in `test_golden.py`.
"""

from __future__ import annotations

import pytest
from furniture_helpers import UNSEEN, fixture_furniture, fixture_lines, text_of

from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document
from zhclean.tasks.stages.furniture.page_header import parse_header
from zhclean.tasks.stages.furniture.running_heads import split_head
from zhclean.tasks.stages.furniture.section_labels import parse_label
from zhclean.tasks.stages.furniture.strip import strip_furniture
from zhclean.tasks.stages.furniture.toc import find_toc
from zhclean.tasks.stages.furniture.web_meta import Dateline, is_chrome, is_footer, read_dateline
from zhclean.tasks.stages.ingest import decode as ingest
from zhclean.tasks.stages.ingest import split_lines

NAMES = sorted(p.stem for p in UNSEEN.glob("furniture_*.txt"))

#: The body the furniture stage leaves, line by line (the script stage ran before it).
BODY: dict[str, list[str]] = {
    "furniture_1": [
        "青石镇古茶园迎来采摘季 茶农增收有了新门路",
        "五月初的青石镇，山间云雾还没散尽，采茶工已经背着竹篓上了山。镇上三百多亩古茶园今年比往年早熟了一周，"
        "茶农们说这是开春雨水足的缘故。",
        "茶园负责人周明远告诉记者，今年镇里请来了农业大学的老师，手把手教大家修剪和施肥。"
        "“以前一亩地收不到五十斤干茶，现在能有八十斤。”他说。",
        "为了让好茶卖出好价钱，镇上还搭起了直播间。年轻的返乡青年轮流上阵，一场直播能卖出两千多单。",
    ],
    "furniture_2": [
        "海港社区推出长者送餐服务",
        "海港社区今年春天推出长者送餐服务，每天中午由志愿者把热饭热菜送到独居老人家中。"
        "社区负责人介绍，目前已有六十多位老人报名。",
        "送餐的菜单由社区食堂每周更新，兼顾老人的口味和营养。一位八十岁的老人说，过去自己做饭常常凑合，"
        "现在每天都能吃上三菜一汤。",
        "社区还准备在秋天开设老年食堂，让行动方便的老人可以到食堂吃饭、聊天。",
    ],
    # bylines and the lead credit stay for segmentation; headers, credits and labels go
    "furniture_3": [
        "# 让城市的夜晚更有温度",
        "本报评论员 周文",
        "入夜以后，城市并没有睡去。夜市、书店、健身房的灯光一直亮到深夜，夜间经济正在成为不少城市的新名片。",
        "让夜晚更有温度，不仅要有热闹的街市，还要有便利的公交、明亮的路灯和安全的环境。管理者应当多听听夜归人的声音。",
        "# 老旧小区加装电梯提速",
        "本报记者 吴晓岚",
        "今年以来，江北区已有四十二个老旧小区完成电梯加装，住在高层的老人出门方便多了。",
        "区住建部门相关负责人说，加装电梯最难的是协调邻里意见，社区干部挨家挨户上门沟通，前后开了上百次协调会。",
        "# 社区图书角开放",
        "本报讯 南湖街道首个社区图书角日前开放，藏书三千余册，居民可免费借阅。（林一帆）",
    ],
    # masthead and TOC go to metadata; the masthead's 电话/地址 words inside sentences stay
    "furniture_4": [
        "山那边的灯火",
        "许长青",
        "那年冬天，村里第一次通了电。父亲站在院子里，看着屋檐下那盏昏黄的灯泡，半天没有说话。",
        "后来我去了城里读书，每次放假回家，远远看见山那边的灯火，就知道快到家了。",
        "秋收",
        "邵雨晴",
        "稻子黄了的时候，整个村子都忙了起来。母亲把家里的电话号码写在纸条上，贴在邻居家门口，说有事就打电话叫她。",
        "外婆的菜园",
        "汤明",
        "外婆的菜园在老屋后面，地址是她用脚步量出来的：从灶房出门，往东走三十步就到了。",
        "园子里种着青菜、豆角和辣椒，外婆每天清早都要去看一看。",
    ],
    # the sentence cut by a running head keeps both halves, one after the other (join's job)
    "furniture_5": [
        "在田野上写论文",
        "做研究的人常说，最好的论文写在大地上。走进村庄，听农民讲他们的难处和盼头，"
        "才知道书本上的结论哪些站得住，哪些还要再想想。",
        "一个山村的十年变迁",
        "——关于西坡村集体经济的调查",
        "蒋晓东",
        "十年前的西坡村，年轻人大多外出打工，村里只剩下老人和孩子。村集体没有一分钱收入，修路都要靠上级拨款。",
        "2016年，村里成立了股份经济合作社，把闲置的山林和土地流转出去，第一年就有了八万元收入。",
        "如今村集体年收入超过六十万元，还建起了",
        "农产品加工厂，吸纳了四十多名村民就业。",
        "合作社如何带动小农户",
        "陆文静 马骏",
        "小农户抵御市场风险的能力弱，合作社把他们组织起来，统一采购农资、统一销售产品，议价能力明显增强。",
        "调查发现，运行良好的合作社都有一个共同点：账目公开，分红透明，社员信得过。",
    ],
    "furniture_6": [
        "星空下的夏令营",
        "七月的一个夜晚，四十名中学生在天文台的草坪上支起了望远镜。辅导老师一边调整镜筒，一边讲解夏季星空的主要星座。",
        "同学们第一次看到了土星的光环，惊呼声此起彼伏。有的同学当场画下了观测记录，准备回去写成小论文。",
        "植物园里的生物课",
        "生物老师把课堂搬进了植物园。同学们分组认识了五十多种植物，还学会了制作叶脉书签。",
        "活动结束后，老师提醒大家：如有问题，可以拨打植物园的电话咨询，也可以到园区东门的地址领取资料。",
    ],
    "furniture_7": [
        "河湾区开展防汛应急演练",
        "6月17日上午，河湾区在滨河公园举行防汛应急演练，区应急、水务、消防等十多个部门参加。",
        "演练模拟了暴雨导致河水上涨、低洼地段积水的情况，救援队伍快速搭建临时堤坝，转移被困群众。",
        "区应急管理局负责人表示，汛期将至，各部门要绷紧防汛这根弦，确保群众生命财产安全。",
    ],
    "furniture_8": [
        "# 中秋夜 公交延时运营",
        "本报讯（记者 邱雪）记者从市公交集团获悉，中秋节当晚，市区十条主要公交线路将延时运营至23时。",
        "市民如需查询线路信息，可拨打公交服务热线，也可关注公交集团的微信公众号。",
        "# 社区义诊进楼院",
        "本报讯 日前，东湖社区联合辖区医院开展义诊活动，为居民免费测量血压、血糖。（通讯员 黎明）",
        "电话咨询的居民很多，医生们一直忙到中午才休息。",
    ],
}

#: Every line the stage removes (raw line number -> rule). A masthead, a TOC entry or a
#: section label kept whole in metadata leaves no record.
REMOVED: dict[str, dict[int, str]] = {
    "furniture_1": {
        3: "furniture.dateline",
        4: "furniture.web_chrome",
        5: "furniture.web_chrome",
        6: "furniture.web_chrome",
        8: "furniture.original_title",
        16: "furniture.web_chrome",
        17: "furniture.editor_credit",
        18: "furniture.hit_counter",
        20: "furniture.recommended_reading",
        21: "furniture.recommended_reading",
        22: "furniture.recommended_reading",
        23: "furniture.recommended_reading",
        25: "furniture.prev_next",
        26: "furniture.prev_next",
        27: "furniture.site_footer",
    },
    "furniture_2": {
        3: "furniture.dateline",
        4: "furniture.hit_counter",
        12: "furniture.editor_credit",
        14: "furniture.recommended_reading",
        15: "furniture.recommended_reading",
        16: "furniture.recommended_reading",
    },
    "furniture_3": {
        1: "furniture.page_header",
        2: "furniture.page_header",
        3: "furniture.editor_credit",
        29: "furniture.editor_credit",
    },
    "furniture_4": {24: "furniture.toc"},
    "furniture_5": {
        1: "furniture.toc",
        8: "furniture.toc",
        10: "furniture.toc",
        16: "furniture.page_number",
        26: "furniture.running_head",
        31: "furniture.running_head",
        41: "furniture.running_head",
        45: "furniture.page_number",
    },
    "furniture_6": {1: "furniture.page_number", 9: "furniture.page_number", 17: "furniture.page_number"},
    "furniture_7": {
        1: "furniture.breadcrumb",
        5: "furniture.dateline",
        6: "furniture.web_chrome",
        14: "furniture.editor_credit",
        16: "furniture.prev_next",
        17: "furniture.prev_next",
        18: "furniture.site_footer",
        19: "furniture.site_footer",
    },
    "furniture_8": {1: "furniture.page_header", 2: "furniture.page_header", 18: "furniture.editor_credit"},
}

#: Removed lines part of which went to metadata (a date, a source, names): the record keeps
#: the rest. Every other removed line is recorded whole.
PARTLY_IN_METADATA: dict[str, set[int]] = {
    "furniture_1": {3, 8, 17},
    "furniture_2": {3, 12},
    "furniture_3": {3, 29},
    "furniture_5": {8, 10},
    "furniture_7": {5, 14},
    "furniture_8": {1, 18},
}

#: The metadata the stage keeps, exactly.
METADATA: dict[str, dict] = {
    "furniture_1": {
        "date": "2021-05-06T08:30:12",
        "source": "人民网",
        "original_title": "古茶园里采新茶",
        "editors": ["李四"],
    },
    "furniture_2": {
        "date": "2021-05-06",
        "source": "新华社",
        "authors": ["张三"],
        "editors": ["王五", "赵六"],
    },
    "furniture_3": {
        "date": "2021-03-05",
        # `edition` is checked below without its name (wrong today)
        "page_marks": [{"line": 1, "page": 3}],
        "section_labels": [
            {"line": 5, "text": "时评", "latin": "SHIPING"},
            {"line": 15, "text": "民生·关注", "latin": "MINSHENG"},
        ],
        "editors": ["钱小川", "孙一禾", "郑海涛", "冯晓"],
    },
    "furniture_4": {
        "toc": [
            {"page": 3, "title": "山那边的灯火", "author": "许长青", "section": "小说", "line": 27},
            {"page": 9, "title": "秋收", "author": "邵雨晴", "section": "小说", "line": 29},
            {"page": 15, "title": "外婆的菜园", "author": "汤明", "section": "散文", "line": 32},
        ],
        "issue": {"text": "2023年第4期（总第58期）", "number": 4, "year": 2023, "total": 58},
        "periodical": "乡野文苑",
        "masthead": {
            "刊名": ["乡野文苑"],
            "主管": "云岭县文化和旅游局",
            "主办": "云岭县作家协会",
            "编辑出版": "《乡野文苑》编辑部",
            "编委会": {
                "社长": ["许长青"],
                "总编辑": ["彭立山"],
                "副主编": ["邵雨晴", "汤明"],
                "美术编辑": ["葛小芸"],
            },
            "通讯地址": "云岭县新华路18号文化中心三楼",
            "联系电话": "0871-65432100",
            "传真": "0871-65432101",
            "E-mail": "xiangye@example.com",
            "网址": "www.example.com",
            "印刷": "云岭县彩虹印务有限公司",
            "发行": "云岭县邮政局",
            "准印证号": "云K（2023）第016号",
            "国内统一连续出版物号": "CN53-1234/I",
            "ISSN": "1234-5678",
            "定价": "8.00元",
        },
    },
    "furniture_5": {
        "toc": [
            {"page": 2, "title": "在田野上写论文", "author": None, "section": "卷首语", "line": 4},
            {
                "page": 6,
                "title": "一个山村的十年变迁",
                "author": "蒋晓东",
                "section": "调查研究",
                "line": 6,
                "subtitle": "关于西坡村集体经济的调查",
            },
            {
                "page": 12,
                "title": "合作社如何带动小农户",
                "author": "陆文静 马骏",
                "section": "调查研究",
                "line": 9,
            },
        ],
        "running_heads": ["乡村观察"],
        "page_marks": [
            {"line": 16, "page": 2},
            {"line": 26, "page": 7},
            {"line": 31, "page": 8},
            {"line": 41, "page": 13},
            {"line": 45, "page": 14},
        ],
    },
    "furniture_6": {
        "page_marks": [{"line": 1, "page": 3}, {"line": 9, "page": 4}, {"line": 17, "page": 5}],
        "masthead": {
            "主办": "南川市科学技术协会",
            "地址": "南川市滨江路66号",
            "邮编": "408400",
            "电话": "023-71234567",
            "电子邮箱": "kepu@example.org",
            "说明": ["内部资料 免费交流"],
            "其他": ["本刊编辑部"],
        },
    },
    "furniture_7": {
        "date": "2022-06-18T15:40",
        "source": "河湾区应急管理局",
        "authors": ["冯佳"],
        "editors": ["韩冬"],
    },
    "furniture_8": {
        "edition": {"page": "A05", "name": "社会新闻", "line": 1},
        "date": "2022-09-12",
        "section_labels": [{"line": 4, "text": "城事", "latin": "CHENGSHI"}],
        "editors": ["宁静", "陶然"],
    },
}


def test_every_furniture_fixture_has_written_expectations() -> None:
    assert sorted(BODY) == sorted(REMOVED) == sorted(METADATA) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_body_left_by_the_furniture_stage(name: str) -> None:
    assert text_of(fixture_furniture(name).lines) == BODY[name]


@pytest.mark.parametrize("name", NAMES)
def test_the_lines_removed_and_their_rules(name: str) -> None:
    removed = fixture_furniture(name).removed
    assert sorted((r.line, r.reason) for r in removed) == sorted(REMOVED[name].items())
    given = {ln.number: ln.text.strip() for ln in fixture_lines(name)}
    whole = [(r.line, r.text) for r in removed if r.line not in PARTLY_IN_METADATA.get(name, set())]
    assert whole == [(n, given[n]) for n, _ in whole]


@pytest.mark.parametrize("name", NAMES)
def test_the_metadata_kept(name: str) -> None:
    metadata = dict(fixture_furniture(name).metadata)
    if name == "furniture_3":
        # wrong today: the edition name is None; line 2 `要闻 A3` names it 要闻
        edition = metadata.pop("edition")
        assert (edition["page"], edition["line"]) == ("3", 1)
    assert metadata == METADATA[name]


@pytest.mark.parametrize("name", NAMES)
def test_whole_pipeline_accounts_for_every_cjk_character(name: str) -> None:
    path = UNSEEN / f"{name}.txt"
    data = path.read_bytes()
    doc = normalize_document(data, path.name, Options())
    raw = ingest.decode(data, path.name, Options()).text
    missing = unaccounted(raw, doc)
    assert not missing, describe(missing)


def test_switched_off_rule_keeps_line_and_value_out_of_metadata() -> None:
    off = Options(disabled_rules=frozenset({"furniture.dateline"}))
    out = fixture_furniture("furniture_7", off)
    assert out.metadata == {"editors": ["韩冬"]}
    assert text_of(out.lines) == [
        BODY["furniture_7"][0],
        "来源：河湾区应急管理局  作者：冯佳  发布时间：2022-06-18 15:40",
        *BODY["furniture_7"][1:],
    ]
    # The date-and-weekday line is also a dateline: switching off the page header alone
    # leaves it to that rule; switching off both keeps it and its date in the body.
    labels_and_editors = {k: METADATA["furniture_8"][k] for k in ("section_labels", "editors")}
    page = fixture_furniture("furniture_8", Options(disabled_rules=frozenset({"furniture.page_header"})))
    assert page.metadata == {"date": "2022-09-12", **labels_and_editors}
    assert text_of(page.lines) == ["第A05版：社会新闻", *BODY["furniture_8"]]
    both = frozenset({"furniture.page_header", "furniture.dateline"})
    page = fixture_furniture("furniture_8", Options(disabled_rules=both))
    assert page.metadata == labels_and_editors
    assert text_of(page.lines) == ["第A05版：社会新闻", "2022年9月12日 星期一", *BODY["furniture_8"]]
    everything = fixture_furniture("furniture_1", Options(disabled_rules=frozenset({"furniture."})))
    assert (everything.metadata, everything.removed) == ({}, [])
    assert text_of(everything.lines) == [
        ln.text.strip() for ln in fixture_lines("furniture_1") if ln.text.strip()
    ]


def test_dateline_fields_in_any_order() -> None:
    assert read_dateline("来源：某某报  作者：本报记者 王小明  发布时间：2031-01-02 09:15") == Dateline(
        date="2031-01-02T09:15", source="某某报", authors=["王小明"]
    )
    assert read_dateline("2031年1月2日 星期四 来源: 某某网") == Dateline(date="2031-01-02", source="某某网")
    assert read_dateline("浏览次数：88") == Dateline(counted=True)
    assert read_dateline("作者：这件事情我们以后再说吧。") is None
    assert read_dateline("时间：去年冬天 来源：群众") is None
    assert read_dateline("【作者：白露】【来源：某某报】【时间：2031-01-02】") == Dateline(
        date="2031-01-02", source="某某报", authors=["白露"]
    )
    assert read_dateline("本文来源：某某日报") == Dateline(source="某某日报")


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
    assert text_of(out.lines) == [
        "甲地的故事讲完了。",
        "乙地的故事开始。",
        "丙地。",
        "丁地。",
        "2031",
    ]  # a year


def test_interview_question_is_not_a_byline() -> None:
    assert read_dateline("记者：请谈谈你们的做法") is None
    assert read_dateline("【来源：某某网 作者：某县委宣传部】") == Dateline(
        source="某某网", authors=["某县委宣传部"]
    )
