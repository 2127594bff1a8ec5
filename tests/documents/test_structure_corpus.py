"""The cut of the five raw documents, written by hand from reading them.

Per article: title, subtitle, authors, section, series, page, date and origin, exactly.
Per block: its type, in order, with the exact text of every heading and caption. The
text of the paragraphs is not restated here: `test_golden.py` compares it exactly. For
raw/000 (25 articles, about 200 paragraphs) the headings and captions of each article
are compared in order, the paragraphs between them are left to the golden file.

Where today's output is wrong (tests/golden/REVIEW.md lists the findings), the expectation
is left out and the comment says what is wrong.
"""

from functools import cache

import pytest
from paths import RAW
from unseen_fixtures import LEFT_OUT, Art, C, Expected, H, P, assert_metadata

from zhclean.tasks.core.model import Article, Document
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document

#: A paragraph whose text is compared in `test_golden.py`, not restated here.
GOLDEN = None


def paragraphs(n: int) -> list[Expected]:
    return [P(GOLDEN)] * n


@cache
def doc(prefix: str) -> Document:
    path = next(RAW.glob(f"{prefix}_*.txt"))
    return normalize_document(path.read_bytes(), path.name)


FIELDS = ("title", "subtitle", "authors", "section", "series", "page", "date", "origin")


def fields(article: Article | Art, left_out: tuple[str, ...]) -> dict:
    return {f: getattr(article, f) for f in FIELDS if f not in left_out}


def masked(blocks: list[tuple[str, str]], want: list[Expected]) -> list[Expected]:
    return [
        (t if wt is not LEFT_OUT else LEFT_OUT, x if wx is not LEFT_OUT else LEFT_OUT)
        for (t, x), (wt, wx) in zip(blocks, want, strict=True)
    ]


#: Where the block list is wrong today: (document, article index) -> (first block, how many
#: expected blocks, how many blocks the output has there instead). The rest is compared.
WRONG_TODAY: dict[tuple[str, int], tuple[int, int, int]] = {
    # raw/003 line 117 `凝心聚力，严守战疫“主阵地”。` repeats the opening clause of line 113
    # after the last paragraph (scraper or OCR duplicate): it is kept as a paragraph
    ("003", 4): (6, 0, 1),
    # raw/004 lines 23 and 24 are two paragraphs (line 23 ends with `?!?/p>`, mojibake of
    # `。”` and a `</p>`); they are joined into one
    ("004", 0): (22, 2, 1),
}


def assert_cut(prefix: str, want: list[Art]) -> None:
    articles = doc(prefix).articles
    assert len(articles) == len(want), [a.title for a in articles]
    for i, (article, expected) in enumerate(zip(articles, want, strict=True)):
        assert fields(article, expected.left_out) == fields(expected, expected.left_out), i
        got = [(b.type, b.text) for b in article.blocks]
        blocks = expected.blocks
        if (prefix, i) in WRONG_TODAY:
            start, want_n, got_n = WRONG_TODAY[(prefix, i)]
            got = got[:start] + got[start + got_n :]
            blocks = blocks[:start] + blocks[start + want_n :]
        assert len(got) == len(blocks), (i, got)
        assert masked(got, blocks) == blocks, i


def assert_headings_and_captions(prefix: str, want: list[Art]) -> None:
    """As `assert_cut`, but only the headings and captions of each article, in order."""
    articles = doc(prefix).articles
    assert len(articles) == len(want), [a.title for a in articles]
    for i, (article, expected) in enumerate(zip(articles, want, strict=True)):
        assert fields(article, expected.left_out) == fields(expected, expected.left_out), i
        got = [(b.type, b.text) for b in article.blocks if b.type != "paragraph"]
        assert len(got) == len(expected.blocks), (i, got)
        assert masked(got, expected.blocks) == expected.blocks, i


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_cjk_character_is_accounted_for(prefix: str) -> None:
    path = next(RAW.glob(f"{prefix}_*.txt"))
    missing = unaccounted(path.read_text(encoding="utf-8", errors="replace"), doc(prefix))
    assert not missing, describe(missing)


# --- raw/000: a periodical issue -----------------------------------------------------------

ISSUE = "2022-05"  # 出刊 2022年5月 in the masthead: the date of every article
PROFILE = "wrong today: authors holds the person the `——记…` profile is about, not its author"


def profile(title: str, subject: str, section: str, page: int, headings: list[str]) -> Art:
    # PROFILE: authors left out
    return Art(
        title,
        subtitle=f"记{subject}",
        section=section,
        page=page,
        date=ISSUE,
        left_out=("authors",),
        blocks=[H(h) for h in headings],
    )


def unit(title: str, author: str, page: int, headings: list[str]) -> Art:
    return Art(
        title,
        authors=[author],
        section="筑牢堡垒敢战斗",
        page=page,
        date=ISSUE,
        blocks=[H(h) for h in headings],
    )


PERIODICAL = [
    Art("坚持“动态清零”总方针不动摇", section="卷首语", page=1, date=ISSUE, blocks=[]),
    Art(
        "党旗所指 行之所向",
        subtitle="吉林市坚持党建引领打好打赢疫情防控歼灭战",
        section="疫情防控综述",
        page=4,
        date=ISSUE,
        blocks=[
            H("一声令下，全域联动"),
            H("旗帜漫卷，堡垒凸显"),
            H("党旗指引，党员冲锋"),
        ],
    ),
    unit(
        "发挥组织优势 筑牢抗“疫”防线",
        "昌邑区东局子街道党工委",
        7,
        [
            "一、坚持组织引领，筑牢战斗“红色堡垒”",
            "二、坚持精准发力，社会面管控“零死角”",
            "三、坚持联防联控，凝聚抗“疫”红色力量",
            "四、坚持人文关怀，传递组织最强音",
        ],
    ),
    unit(
        "坚决打赢疫情防控歼灭战",
        "丰满区泰山街道党工委",
        9,
        [
            "一、做到精心组织，确保疫情防控有序推进",
            "二、做到载体推动，确保排查管控无盲区",
            "三、做到精准施策，确保防控重点难点落实",
        ],
    ),
    unit("战疫一线倾全力 “疫”路保障解民需", "船营区向阳街道天北社区党委", 11, []),
    unit(
        # the heading over the article; the TOC prints `…协同筑牢疫情防 控线`
        "发挥社区党组织“轴心”作用 坚决筑牢疫情防线",
        "昌邑区延安街道鸿博嘉园社区党委",
        12,
        [
            "突出党建引领，让党旗在“疫”线飘扬",
            "亮身份担使命，让责任在基层夯实",
            "织密防护网格，让防线在小区筑牢",
            "跟进服务保障，让帮扶在社区覆盖",
        ],
    ),
    unit(
        "党群同心筑堡垒 同舟共济战疫情",
        "龙潭区龙潭街道密哈、象园社区党委",
        14,
        ["一、临危受命，“疫”不容辞显担当", "二、双线并进，凝心聚力筑防线", "三、用心用情，千方百计保民生"],
    ),
    unit(
        "党群连心聚合力 共筑“红色”防疫堡垒",
        "丰满区江南街道中环社区党委",
        16,
        [
            "吹响疫情“集结号”，打赢疫情防控“阻击战”",
            "启动疫情“党支部”，驻守疫情防控“战斗堡”",
            "划分疫情“责任区”，明确疫情防控“责任田”",
        ],
    ),
    Art(
        # wrong today: the title keeps the body's OCR error `初心奉色`; the TOC and the set
        # phrase read `初心本色`
        "",
        subtitle="记船营区临江街道党工委书记刘颖",
        section="带头出征勇担当",
        page=18,
        date=ISSUE,
        left_out=("title", "authors"),
        blocks=[
            H("一、作模范、充当表率，疫情之下，她是党员干部的“践行者”"),
            H("二、善统筹、果断决策，疫情之下，她是辖区安全的“捍卫者”"),
            H("三、依实际、坚持原则，疫情之下，她是人民群众的“守护者”"),
        ],
    ),
    profile(
        "战疫一线党旗红 共克时艰显担当",
        "昌邑区莲花街道党工委书记陈洪剑",
        "带头出征勇担当",
        20,
        [
            "“疫”不容辞，指挥调度“总舵手”",
            "“疫”无反顾，冲锋在前“领头雁”",
            "“疫”往无前，民生保障“统筹员”",
            "“疫”战到底，党员干部“主心骨”",
        ],
    ),
    profile(
        "逆行而上照初心 抗“疫”前线显担当",
        "丰满区红旗街道党工委书记李延江",
        "带头出征勇担当",
        22,
        [
            "统筹得当，开启特别“战疫”防控模式",
            "调度有方，汇聚起战胜疫情的强大力量",
            "身先士卒，用担当展现共产党人的风采",
        ],
    ),
    profile(
        "柔肩担重任 危难显芳华",
        "船营区青岛街道庆丰社区党委书记王艺静",
        "带头出征勇担当",
        24,
        ["号角吹响，她“疫”无反顾", "阻断疫情，她“疫”心为民"],
    ),
    profile(
        # the TOC prints 姜森, the article's heading 姜淼 (as does its body)
        "危难时刻显本色 越是艰难越向前",
        "昌邑区新地号街道辽东社区党委书记姜淼",
        "带头出征勇担当",
        26,
        ["她是居民的“主心骨”", "她是抗疫的“排头兵”", "她是群众的“领路人”", "她是不屈的“铁战士”"],
    ),
    profile(
        "带病战疫的“硬核”社区书记",
        "龙潭区新吉林街道新义社区党委书记刘贵香",
        "带头出征勇担当",
        28,
        [
            "雷厉风行，汇聚众志成城的强大力量",
            "履职尽责，扛起守护群众的安全使命",
            "带病拼搏，在大战中践行初心使命",
        ],
    ),
    profile(
        "疫情防控我先行“第一书记”显担当",
        "船营区黄旗街道新生社区“第一书记”熊焱",
        "临危受命齐上阵",
        30,
        [
            "志愿服务第一线，我是党员我先上",
            "打造战斗堡垒，阵地上的“临时党支部”坚不可摧",
            "科学谋划，激流中更需要精细的逆行",
        ],
    ),
    profile("驻在哪里 就要守护好哪里", "昌邑区延安街道延川社区“第一书记”王宏伟", "临危受命齐上阵", 32, []),
    profile(
        "初心不改若磐石 笃定前行显本色", "龙潭区湘潭街道东风社区“第一书记”刘冰", "临危受命齐上阵", 34, []
    ),
    profile(
        "冲锋战“疫”第一线 紧要关头显担当",
        "丰满区红旗街道星光社区“第一书记”刘长城",
        "临危受命齐上阵",
        35,
        ["吹响集结号，危急关头冲在前", "打响阻击战，齐心协力筑防线", "作为显初心，真心服务解民忧"],
    ),
    profile(
        "黄沙百战穿金甲 不破楼兰终不还",
        "船营区委老干部局王世英",
        "驻守一线当先锋",
        37,
        [
            "脚踏实地，社区防疫见真章",
            "尽职尽责，为民服务“有温度”",
            "精细管理，阻断疫情传播链",
            "立足本职，当好老干部“主心骨”",
        ],
    ),
    profile("绽放在抗疫一线的“巾帼之花”", "船营区委编办盛丽", "驻守一线当先锋", 38, []),
    profile(
        "我在阵地在 抗疫有我 请党放心",
        "昌邑区信访局王清华",
        "驻守一线当先锋",
        40,
        [
            "“值夜班、守卡点很辛苦，让我先来”",
            "“居民把她当成自家人，社区人员视她为主心骨”",
            "“基层真不易、社区很重要”",
        ],
    ),
    profile(
        "我曾是一个兵 现在我要为吉林抗疫拼命",
        "吉林哈达湾经济开发区安监局王梓霖",
        "驻守一线当先锋",
        42,
        [
            "一、值守小区卡点，冲锋有我、奋勇前行",
            "二、转战方舱医院，临危不乱、发挥专长",
            "三、既当抗疫的兵，又履行好安全监管使命",
        ],
    ),
    profile("闻令而动 共克时艰", "龙潭区委组织部干部科任伟", "驻守一线当先锋", 44, []),
    profile(
        "带着党徽去隔离点赴任",
        "丰满区委组织部公务员管理科刘馨蔚",
        "驻守一线当先锋",
        45,
        [
            "熟悉隔离点情况，迅速进入工作角色",
            "率先成立临时党支部，将现有的力量拧成一股绳",
            "学好疫情防控知识，当好疫情防控“联络员”",
            "关爱隔离人员，视隔离人员为亲人，耐心细致服务",
        ],
    ),
    profile(
        # printed without a space between the clauses over the article (the TOC has one)
        "在循环往复中践行初心使命在琐碎繁杂中彰显担当作为",
        "丰满区纪委监委党风政风监督室杨韧恒",
        "驻守一线当先锋",
        47,
        ["奋勇当先的指挥员", "身体力行的战斗员", "以身作则的示范员", "铁面执纪的监督员"],
    ),
]


def test_periodical_articles_headings_and_captions() -> None:
    assert_headings_and_captions("000", PERIODICAL)


def test_periodical_metadata() -> None:
    d = doc("000")
    assert_metadata(
        d,
        {
            "issue": {"text": "2022 年第 2 期", "number": 2, "year": 2022},
            "running_heads": ["研究5交流"],
            "page_marks": [{"line": 926, "page": 48}],
            "periodical": "研究与交流",
            "masthead": {
                "主办": "中共吉林市委组织部",
                "编辑": "市委组织部研究室",
                "编辑部": ["《研究与交流》编辑部"],
                "地址": "吉林市北京路 86 号",
                "邮编": "132011",
                "电话": "0432-62010336",
                "信箱": "zzbyjyjl@163.com",
                "出刊": "2022年5月",
                "印刷": "吉林市德宝彩色印刷有限公司",
                "说明": ["(内部刊物 免费赠阅)", "[本刊欢迎投稿]"],
                "其他": ["学习 思考交流 宣传"],
                "编委会": {
                    "编委会主任": ["董亮"],
                    "编委会副主任": ["关树维", "刘德宏", "张艳龙", "耿楚翔", "黄波", "李春风", "陈国辉"],
                    "主编": ["耿楚翔"],
                    "责任编辑": ["张广俊"],
                    "编辑": ["张宇恒", "凌紫剑", "陈毕杨"],
                },
            },
            "title": "研究与交流 2022年第2期",
            "date": ISSUE,
        },
        left_out=("toc",),
    )
    # the table of contents: page and section of each of the 25 entries, in print order
    assert [(e["page"], e["section"]) for e in d.metadata["toc"]] == [
        (1, "卷首语"),
        (4, "疫情防控综述"),
        *[(p, "筑牢堡垒敢战斗") for p in (7, 9, 11, 12, 14, 16)],
        *[(p, "带头出征勇担当") for p in (18, 20, 22, 24, 26, 28)],
        *[(p, "临危受命齐上阵") for p in (30, 32, 34, 35)],
        *[(p, "驻守一线当先锋") for p in (37, 38, 40, 42, 44, 45, 47)],
    ]


def test_periodical_stray_glyph_between_articles_is_recorded() -> None:
    """Raw line 636 `者`, alone between two articles, belongs to no sentence."""
    assert [(r.line, r.text) for r in doc("000").removed if r.reason == "join.stray_glyph"] == [(636, "者")]


# --- raw/001: a traditional web page -----------------------------------------------------

WEB_PAGE = [
    Art(
        "战“疫”一线党旗飘扬",
        subtitle="泰安高新区北集坡街道龙泉社区疫情防控工作纪实",
        date="2020-03-20T10:52",
        origin="齐鲁网",
        blocks=[
            *paragraphs(1),
            H("党建引领，责任担当筑牢“一面墙”"),
            *paragraphs(1),
            H("火速集结，筑起“红色战线”"),
            *paragraphs(1),
            H("“头雁”带领，压实“主体责任”"),
            *paragraphs(1),
            H("科技引领，坚持“科学防控”"),
            *paragraphs(2),
            H("握指成拳，戮力同心拧成“一股绳”"),
            *paragraphs(4),
            H("“望闻问切”，党群同心谋划“一盘棋”"),
            *paragraphs(7),
        ],
    )
]


def test_web_page_is_one_article_with_its_subheadings() -> None:
    assert_cut("001", WEB_PAGE)


def test_web_page_metadata() -> None:
    assert_metadata(
        doc("001"),
        {
            "date": "2020-03-20T10:52",
            "source": "齐鲁网",
            "original_title": "战“疫”一线党旗飘扬——泰安高新区北集坡街道龙泉社区疫情防控工作纪实",
            "editors": ["聂俊穹", "刘颖婕"],
            "title": "战“疫”一线党旗飘扬",
        },
    )


# --- raw/002: a newspaper page -------------------------------------------------------------

NEWSPAPER = [
    Art(
        "铁岭县千余名机关在职党员干部下沉到社区村屯",
        subtitle="加固抗击疫情的城乡安全防线",
        authors=["王云峰"],
        section="前沿观察",
        blocks=[
            *paragraphs(2),
            C("县人社中心在职党员李娇阳（左二）到新弘国际社区协助指导社区开展网格化管理。"),
            C("县农业农村局干部到包扶的紫御华庭社区了解防疫排查情况。资料片由铁岭县委组织部提供"),
            H("全县在职党员干部到所居住社区协助做好抗疫工作"),
            *paragraphs(3),
            H("在职党员工作在单位服务在社区缓解一线干部压力"),
            *paragraphs(7),
        ],
    ),
    Art(
        "“五色花”把温暖和信心送到家",
        subtitle="记冲在抗疫一线的北票市二工村社区党员志愿者服务队",
        authors=["王云峰"],
        section="前沿观察",
        blocks=[
            *paragraphs(3),
            C("红色服务队志愿者李影（左）正在发放宣传单。资料片由北票市委组织部提供"),
            *paragraphs(6),
        ],
    ),
    Art(
        "坚持依法抗疫与科学抗疫相结合",
        authors=["忠言"],
        section="前沿观察",
        blocks=[H("【思考】"), *paragraphs(3)],
    ),
    Art("沈阳新民企业复工生产党员担当主力", authors=["王伟"], section="信息直通车", blocks=paragraphs(2)),
    Art("大连中山区开展“党员一线集结号”活动", authors=["任何佳"], section="信息直通车", blocks=paragraphs(2)),
    Art(
        "抚顺新抚区党员在抗疫中帮村民纾难解困", authors=["新组宣"], section="信息直通车", blocks=paragraphs(2)
    ),
    Art("盘锦兴隆台区组建抗疫党员突击队", authors=["张飞"], section="信息直通车", blocks=paragraphs(2)),
]


def test_newspaper_page_articles_and_short_items() -> None:
    assert_cut("002", NEWSPAPER)


def test_newspaper_page_metadata() -> None:
    assert_metadata(
        doc("002"),
        {
            "section_labels": [
                {"line": 3, "text": "前沿观察", "latin": "GUANCHAO"},
                {"line": 107, "text": "信息直通车", "latin": "ZHITONGCHE"},
            ],
            "datelines": [
                {"title": "沈阳新民企业复工生产党员担当主力", "text": "本报讯", "line": 111},
                {"title": "大连中山区开展“党员一线集结号”活动", "text": "本报讯", "line": 117},
                {"title": "抚顺新抚区党员在抗疫中帮村民纾难解困", "text": "本报讯", "line": 123},
                {"title": "盘锦兴隆台区组建抗疫党员突击队", "text": "本报讯", "line": 129},
            ],
            "title": "铁岭县千余名机关在职党员干部下沉到社区村屯",
        },
    )


# --- raw/003: a feature page, a series of five profiles ----------------------------------

SERIES = "在防疫一线发挥党组织战斗堡垒作用"


def feature(title: str, subject: str, paragraph_count: int, caption: str) -> Art:
    return Art(
        title,
        subtitle=f"记{subject}",
        series=SERIES,
        blocks=[*paragraphs(paragraph_count), C(caption)],
    )


FEATURE_PAGE = [
    feature(
        "媒体战士在“疫”线 危难时刻见初心",
        "东丰县融媒体中心新闻宣传联合党支部",
        10,
        "东丰县融媒体中心对防疫工作进行采访。",
    ),
    feature("让鲜红的党旗在疫情防控一线高高飘扬", "东辽县交警大队党支部", 5, "东辽县交警大队党员服务队。"),
    feature("为党旗添光彩 让党徽更闪亮", "东丰县祥鹿街道党工委", 4, "东丰县祥鹿街道召开疫情防控部署会。"),
    feature(
        "践行伟大建党精神 开启人民物业征程",
        "龙山区辽河半岛柏美物业党支部",
        4,
        "柏美物业工作人员对辽河半岛小区的绿化带进行清理。",
    ),
    # the captions are gathered after the fourth profile; the unmarked one (line 93) shows
    # the fifth. The line-117 repeat after its last paragraph is WRONG_TODAY.
    feature(
        "党旗飘扬践初心 战“疫”一线显担当",
        "西安区委教育工委",
        6,
        "西安区委教育工委领导到基层学校检查防疫准备情况。",
    ),
]


def test_feature_page_series_with_captions_attached() -> None:
    assert_cut("003", FEATURE_PAGE)


def test_feature_page_metadata() -> None:
    assert_metadata(
        doc("003"),
        {
            "series": [{"title": SERIES, "subtitle": "记我市疫情防控先进党组织", "line": 3}],
            "title": SERIES,
        },
    )


# --- raw/004: a converter-damaged web article ----------------------------------------------

CONVERTED = [
    Art(
        # no headline in the source: the opening slogan (before `……`) is the title
        "到社区去，到一线去，到基层防疫最需要的地方去",
        blocks=[
            *paragraphs(1),
            C("市住建局工作人员对隔离点各楼层走廊、门把手、楼梯进行消毒杀菌"),
            *paragraphs(1),
            H("一纸动员令 沉到最需要的地方"),
            *paragraphs(5),
            H("疫线急先锋 给群众吃下定心丸"),
            C("张如彬开展消杀作业"),
            C("权贺永接返延隔离人员回家"),
            *paragraphs(15),  # lines 13-27, one each (lines 23 and 24 are joined today: WRONG_TODAY)
            H("考察机制同步 确保沉下去真干实干"),
            *paragraphs(4),
        ],
    )
]


def test_converted_web_article_is_one_article_with_captions_and_headings() -> None:
    assert_cut("004", CONVERTED)


def test_converted_web_article_metadata() -> None:
    assert_metadata(doc("004"), {"title": "到社区去，到一线去，到基层防疫最需要的地方去"})


def test_script_of_each_raw_document() -> None:
    assert {p: doc(p).script.script for p in ("000", "001", "002", "003", "004")} == {
        "000": "simplified",
        "001": "traditional",
        "002": "simplified",
        "003": "simplified",
        "004": "traditional",
    }
