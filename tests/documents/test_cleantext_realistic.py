"""Clean text on realistic unseen documents: invented content, the corpus's kinds of damage.

Five documents (`tests/fixtures/unseen/cleanreal_*.txt`) were made the way the damage
arises, not typed by hand: a simplified text converted with OpenCC `s2tw` and scraped
with half-width marks (a web page with source line, original title and editor credit);
the same conversion plus a reading after converted characters and a span of GBK read one
byte off (converter output); an OCR column with spaces inside words, `······`, straight
quotes and an enumeration that lost one quote; a newspaper page and a feature page with
half-width punctuation, `1+5+X` and `(左二)`. Each must come out as STYLE.md sections 1,
2, 3 and 6 say: the expected articles below are written by hand from the input.
"""

from __future__ import annotations

import pytest
from unseen_fixtures import (
    LEFT_OUT,
    UNSEEN,
    Art,
    C,
    H,
    P,
    assert_articles,
    normalized,
    raw_and_normalized,
)

from zhclean.tasks.core.model import Block, Document, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages import repair
from zhclean.tasks.stages.typography import blocks as typography
from zhclean.tasks.stages.typography import quotes

FIXTURES = UNSEEN
NAMES = [f"cleanreal_{n}" for n in range(1, 6)]


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[str, Document]]:
    return raw_and_normalized(NAMES)


#: Written by hand from each input: articles (fields and blocks) and document metadata.
EXPECTED: dict[str, tuple[list[Art], dict]] = {
    # s2tw web page: back to simplified (着 where it is the particle, 著名 kept), `"A""B"`
    # -> “A”“B”, `---` -> ——, the dateline, original title and editors are metadata.
    "cleanreal_1": (
        [
            Art(
                "守“汛”一线党旗红",
                subtitle="清溪县白沙镇河口村防汛工作纪实",
                date="2021-07-23T15:08",
                origin="清溪新闻网",
                blocks=[
                    P(
                        "白沙镇河口村地处清溪河下游，汛期一到，村里的党员干部就成了最忙的人。今年入汛以来，"
                        "村党支部坚持党建引领，带领着全村群众巡堤查险、转移群众，一面面党旗在防汛一线高高飘扬。"
                    ),
                    H("支部带头，筑牢“一道堤”"),
                    P(
                        "“我是党员，让我先上！”“我熟悉水情，我来守夜！”7月12日晚，暴雨如注，"
                        "村党支部书记陈立峰召集大家开会，话音刚落，十几名党员就争着报名。他们连夜组成三支"
                        "巡堤队，打着手电、扛着沙袋，沿着河堤一步步查看险情。"
                    ),
                    H("群众至上，撑起“一把伞”"),
                    P(
                        "村里有12户独居老人，转移工作最难做。党员王秀英挨家挨户上门劝说，她拉着老人的手说："
                        "“大娘，房子没了还能再盖，人可不能出事。”在她的耐心劝说下，老人们全部安全转移到镇中心小学。"
                    ),
                    P(
                        "雨停之后，党员们又忙着清淤消杀、排查危房——“水退一寸，我们就往前走一步”。"
                        "这句朴实的话，是河口村党员最真实的写照。村里的老教师刘德明是当地著名的书法家，"
                        "他专门写下“堤在人在”四个大字，挂在临时指挥部的墙上，激励着大家坚守到最后。"
                    ),
                    P("截至目前，河口村共转移群众316人，加固堤坝1.2公里，未发生一起人员伤亡事件。"),
                ],
            )
        ],
        {
            "date": "2021-07-23T15:08",
            "source": "清溪新闻网",
            "original_title": "守“汛”一线党旗红——清溪县白沙镇河口村防汛工作纪实",
            "editors": ["孙晓梅", "周凯"],
            "title": "守“汛”一线党旗红",
        },
    ),
    # Converter output: readings gone; GBK one byte off becomes 〓 for each character that
    # lost a byte (`?粗?` was 看着: both lost one; `?郧肮?子…地�` was 以前果子…地里), UTF-8
    # read as GBK keeps what its bytes keep (下单 lost the last byte of 单); no headline,
    # so the first clauses are the title.
    "cleanreal_2": (
        [
            Art(
                "到田间去，到果园去，到农产品销售最需要的地方去",
                blocks=[
                    P(
                        "到田间去，到果园去，到农产品销售最需要的地方去……今年以来，和平县商务局党员干部"
                        "主动下沉乡村，帮助果农打通电商销售渠道。"
                    ),
                    # wrong today: a heading; it is a photo caption (a short line that describes
                    # a picture, like the caption lines of raw/004), STYLE.md section 5
                    (LEFT_OUT, "和平县电商服务中心工作人员在直播间为果农介绍打包技巧"),
                    P(
                        "面对滞销难题，党员干部率先垂范，充分发挥先锋模范作用，把直播间开到田间地头，为乡村振兴注入新动能。"
                    ),
                    H("一根网线 连起城乡大市场"),
                    P(
                        "据统计，截至9月底，全县共开设农产品网店2571个，带动就业3.9万人，"
                        "实现线上销售额1.8亿元，同比增长35%。"
                    ),
                    P(
                        "在与6户果农对接时，商务局干部林志远得知他们的1万多斤猕猴桃还没找到销路，"
                        "便连夜联系物流企业，组织志愿者上门帮助打包。〓〓累得弯腰、满头大汗的林志远，"
                        "果农们感动地说：“有你们在，我们心里就踏实了。”"
                    ),
                    P("直播当天，网友们纷纷下〓，3个小时卖出猕猴桃8000多斤。"),
                    P("果农老郑说，〓前〓子烂在地〓，今年的收入比去年翻了一番。"),
                    P("下一步，和平县将持续推进“电商+合作社+农户”模式，让更多农产品走出大山。"),
                ],
            )
        ],
        {"title": "到田间去，到果园去，到农产品销售最需要的地方去"},
    ),
    # OCR column: spaces inside words go, `······` -> ……, the enumeration that lost one
    # quote is restored, a headline cut into words (one a single character) is one word,
    # the paragraph broken before `92%` is joined.
    "cleanreal_3": (
        [
            Art(
                "春耕时节看担当",
                subtitle="长岭县推进农业生产一线纪实",
                blocks=[
                    P(
                        "“要把好种子送到农户手里”“要让每一块地都不撂荒”“要在春耕生产中彰显党员本色”……"
                        "连日来，长岭县各级党组织把春耕备耕作为头等大事来抓。"
                    ),
                    # wrong today: a heading; the line ends with an ellipsis, so it ends a
                    # paragraph (STYLE.md section 4)
                    (LEFT_OUT, "一片片田野在返青，一台台农机在轰鸣，一面面党旗在飘扬……"),
                    P(
                        "全面落实县乡村三级包保责任制，建立县领导包乡镇、乡镇干部包村、村干部包户的责任体系。"
                        "全县1200余个基层党组织、3.9万余名党员主动参与，一张张服务网迅速铺开。"
                    ),
                    P(
                        "在乡村，以村屯为单位，采取“合作社+‘田长’+N”多种灵活组合模式，将“农技专家”"
                        "“种粮大户”“村医”“供销员”“志愿者”五支队伍拧成一股绳，全面落实农资配送、技术指导、"
                        "服务保障等各项任务。"
                    ),
                    P(
                        "“我家的玉米种已经送到了”“化肥钱先欠着，秋后再还”……在八里堡村，村民们说起春耕，"
                        "脸上都带着笑。全县共调运种子2571吨、化肥12万吨，开展技术培训35场次。"
                    ),
                    H("田间党旗红"),
                    P(
                        "“我是党员我带头”“我是农机手我先上”。党员农机手赵国庆每天凌晨四点就开着拖拉机下地，"
                        "他说：“春争日，夏争时，误了农时就误了一年的收成。”在他的带动下，全村15台农机"
                        "全部投入春播，比往年提前了一周。"
                    ),
                    P("截至4月20日，全县已完成播种面积86.5万亩，占计划的92%，为全年粮食丰收打下了坚实基础。"),
                ],
            )
        ],
        {"title": "春耕时节看担当"},
    ),
    # Newspaper page: `(左二)` -> （左二）, bylines and a bracketed lead credit are authors.
    "cleanreal_4": (
        [
            Art(
                "南湖区“1+5+X”服务体系让居民办事不出社区",
                authors=["郑雨桐"],
                blocks=[
                    P(
                        "“以前办个证要跑好几趟，现在在社区就能办好。”3月8日，在南湖区幸福里社区便民服务站，"
                        "刚办完业务的居民周阿姨笑着说。"
                    ),
                    P(
                        "今年以来，南湖区推行“1+5+X”社区服务体系，即1个社区服务站、5类专职服务队伍和"
                        "X项特色服务，把126项政务服务事项下沉到社区。截至目前，全区43个社区全部建成标准化"
                        "服务站，累计为居民办理各类事项3.2万件，群众满意率达到98.6%。"
                    ),
                    P(
                        "“我们把服务窗口搬到了居民家门口。”幸福里社区党委书记（左二）何建平介绍，"
                        "社区还开通了24小时自助服务区，居民可以随时通过APP预约办理。"
                    ),
                ],
            ),
            Art(
                "清河镇：小小积分卡 激活乡村治理",
                authors=["许诺"],
                blocks=[
                    P(
                        "“上个月我家得了85分，换了一桶油和两袋米！”近日，清河镇红旗村村民刘大姐"
                        "拿着积分卡高兴地说。"
                    ),
                    P(
                        "去年以来，清河镇在全镇18个村推行“积分制”管理，将环境卫生、邻里互助、移风易俗等"
                        "内容纳入积分评比，村民凭积分可在“爱心超市”兑换生活用品。目前全镇累计发放积分卡"
                        "4300余张，兑换物品1.5万件。"
                    ),
                ],
            ),
        ],
        {
            "datelines": [{"title": "清河镇：小小积分卡 激活乡村治理", "text": "本报讯", "line": 13}],
            "title": "南湖区“1+5+X”服务体系让居民办事不出社区",
        },
    ),
    # Feature page: a series of two profiles, captions without their arrows.
    "cleanreal_5": (
        [
            Art(
                "把实验室搬进大棚 让土地长出“金疙瘩”",
                subtitle="记富源县新民村驻村第一书记孟凡超",
                series="在乡村振兴一线书写青春答卷",
                blocks=[
                    P(
                        "两年前，刚到新民村的孟凡超面对的是一片片撂荒的坡地；两年后，这里建起了38座智能"
                        "温室大棚，村集体年收入突破60万元。这是他用脚步丈量出来的答卷。"
                    ),
                    P(
                        "“种地也要讲科学。”孟凡超说。他把农科院的专家请进村，手把手教村民测土配方、"
                        "科学施肥，还建起了“田间课堂”，累计培训村民1100余人次。"
                    ),
                    C("孟凡超（左二）在大棚里向村民讲解草莓种植技术"),
                ],
            ),
            Art(
                "一条“云上路” 带富一方人",
                subtitle="记东阳镇石门村驻村第一书记韩露",
                series="在乡村振兴一线书写青春答卷",
                blocks=[
                    P(
                        "“家人们，这是我们石门村自己种的小米，颗颗饱满！”每天晚上8点，韩露都会准时出现在"
                        "直播间里。驻村三年，她带着村民开网店、做直播，把石门小米卖到了全国20多个省份，"
                        "带动全村户均增收1.2万元。"
                    ),
                    C("韩露（右一）和村民一起直播带货"),
                ],
            ),
        ],
        {
            "series": [
                {"title": "在乡村振兴一线书写青春答卷", "subtitle": "记我市优秀驻村第一书记", "line": 1}
            ],
            "title": "在乡村振兴一线书写青春答卷",
        },
    ),
}


@pytest.mark.parametrize("name", NAMES)
def test_each_document_comes_out_as_an_editor_would_print_it(results, name: str) -> None:
    _, doc = results[name]
    articles, metadata = EXPECTED[name]
    assert_articles(doc, articles)
    assert doc.metadata == metadata


def test_script_of_each_document() -> None:
    """cleanreal_1 and _2 were converted with s2tw, the others are simplified."""
    scripts = {name: normalized(f"{name}.txt").script.script for name in NAMES}
    assert scripts == {
        "cleanreal_1": "traditional",
        "cleanreal_2": "traditional",
        "cleanreal_3": "simplified",
        "cleanreal_4": "simplified",
        "cleanreal_5": "simplified",
    }


def test_the_one_lost_quote_is_reported_as_a_guess(results) -> None:
    """The enumeration `"农技专家"种粮大户""村 医"` lost the quote opening 种粮大户 (the `"` closing 农技专家 is at
    offset 41 in the raw line); it is restored and reported, nothing else in the five documents is a problem."""
    problems = [(p.kind, p.message) for _, doc in results.values() for p in doc.problems]
    assert problems == [
        ("guessed_quote", 'line 11, offset 41: an enumeration lost a quote, restored " -> ""'),
    ]


# --- the enumeration rule --------------------------------------------------------------


def typeset(text: str) -> str:
    return typography.typeset_text(text, "paragraph", Options(), 1)[0]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ('将"甲方"乙方""丙方""丁方"四家', "将“甲方”“乙方”“丙方”“丁方”四家"),  # lost open of the 2nd item
        ('建成"书屋""食堂"浴 室""诊所"', "建成“书屋”“食堂”“浴室”“诊所”"),  # OCR space in the item
        ('将"甲"乙""丙"丁""戊"五支', "将“甲”“乙”“丙”“丁”“戊”五支"),  # two lost, both restored
        ('"要实干""要担当""要奉献"……', "“要实干”“要担当”“要奉献”……"),  # nothing lost, nothing guessed
    ],
)
def test_enumeration_quote(raw: str, want: str) -> None:
    assert typeset(raw) == want


@pytest.mark.parametrize(
    "raw",
    [
        '""甲方""乙方"丙方""丁方"四家',  # starts with a close
        '将"甲方"和另外几家单位共同组成的联合体""丙方"',  # too long to be an item
        '"甲""乙""丙',  # the last item lost its close: where it ends is unknown
    ],
)
def test_enumeration_that_cannot_be_told_is_left_straight_and_reported(raw: str) -> None:
    """Nothing guessed, nothing curled: the quotes stay as they are and are reported."""
    out, edits, problems = typography.typeset_blocks([Block("paragraph", raw, 7, 7)], Options(), "x.txt")
    assert out[0].text == raw
    assert edits == []
    assert {p.kind for p in problems} == {"unpaired_quote"}


def test_the_unpaired_quote_is_the_one_left_open() -> None:
    _, _, problems = typography.typeset_blocks([Block("paragraph", '"甲""乙""丙', 7, 7)], Options(), "x.txt")
    assert [p.message for p in problems] == ['line 7, offset 6: " in …"甲""乙""丙…']


def test_enumeration_guess_is_reported() -> None:
    blocks_in = [Block("paragraph", '将"甲方"乙方""丙方"四家', 7, 7)]
    out, edits, problems = typography.typeset_blocks(blocks_in, Options(), "x.txt")
    assert out[0].text == "将“甲方”“乙方”“丙方”四家"
    assert [(e.kind, e.before, e.after, e.offset) for e in edits if e.kind == quotes.ENUMERATION_RULE] == [
        (quotes.ENUMERATION_RULE, '"', '""', 4)  # the close of 甲方 also opens 乙方
    ]
    assert [(p.kind, p.message) for p in problems] == [
        ("guessed_quote", 'line 7, offset 4: an enumeration lost a quote, restored " -> ""')
    ]


# --- mojibake with the decoder's holes --------------------------------------------------


def repair_text(text: str) -> str:
    return repair.repair_lines([Line(text, 1)], Options())[0][0].text


def utf8_read_as_gbk(text: str) -> str:
    return text.encode("utf-8").decode("gbk", errors="replace")


def gbk_one_byte_off(text: str) -> str:
    return "?" + text.encode("gbk")[1:].decode("gbk", errors="replace")


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("全县各地积极行动", "全县各地〓极〓动"),  # two characters lost a byte each
        ("网友们纷纷下单", "网友〓纷纷下单"),
        ("“平安校园”", "“平安校〓〓"),  # the closing quote lost a byte: reported as unpaired later
    ],
)
def test_utf8_as_gbk_with_holes(sentence: str, want: str) -> None:
    garbled = utf8_read_as_gbk(sentence)
    assert "\ufffd" in garbled
    assert repair_text("今年以来，" + garbled + "，开展") == "今年以来，" + want + "，开展"


def test_lossy_reading_never_borrows_a_real_neighbour() -> None:
    """`展` before the garbage decodes as a 2-byte UTF-8 letter (Armenian): not a reading."""
    garbled = "将继续开展" + utf8_read_as_gbk("“平安校园”") + "创建活动"
    assert repair_text(garbled) == "将继续开展“平安校〓〓创建活动"


def test_shifted_after_a_comma() -> None:
    """A `?` right after a comma cannot be a question mark: the span is re-paired."""
    garbled = "他说," + gbk_one_byte_off("以前果子烂在地里")
    # 以 lost its first byte and 果 the byte the decoder replaced: both 〓; 前 and the rest
    # come back (the comma is typography's, later)
    assert repair_text(garbled) == "他说,〓前〓子烂在地里"


def test_repair_order_is_the_stage_list_whoever_imports_first() -> None:
    """Importing `mojibake` before the stage once let `repair.mojibake_latin1` run before ftfy;
    the order is now the repair stage's own list, whatever was imported first."""
    import subprocess
    import sys

    code = (
        "from zhclean.tasks.stages.repair import mojibake\n"
        "from zhclean.tasks.stages.repair import RULES\n"
        "names = [r.name for r in RULES]\n"
        "print(names.index('repair.ftfy') < names.index('repair.mojibake_latin1'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("田间 党旗 红", "田间党旗红"),  # three pieces, one a single character: cut words
        ("抗疫 有我 青春 无悔", "抗疫 有我 青春 无悔"),  # terse clauses
        ("风雨同舟 共克时艰", "风雨同舟 共克时艰"),
        ("小积分卡 激活 乡村治理", "小积分卡 激活 乡村治理"),
    ],
)
def test_headline_cut_into_words(raw: str, want: str) -> None:
    assert typography.typeset_text(raw, "heading", Options(), 1)[0] == want
