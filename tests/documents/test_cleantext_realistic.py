"""Clean text on realistic unseen documents: invented content, the corpus's kinds of damage.

Five documents (`tests/fixtures/unseen/cleanreal_*.txt`) were made the way the damage
arises, not typed by hand: a simplified text converted with OpenCC `s2tw` and scraped
with half-width marks (a web page with source line, original title and editor credit);
the same conversion plus a reading after converted characters and a span of GBK read one
byte off (converter output); an OCR column with spaces inside words, `······`, straight
quotes and an enumeration that lost one quote; a newspaper page and a feature page with
half-width punctuation, `1+5+X` and `(左二)`. Each must come out as STYLE.md sections 1,
2, 3 and 6 say.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from unseen_fixtures import UNSEEN, assert_editions_lint_clean, normalized, output_blocks

from zhclean.tasks.check import lint
from zhclean.tasks.core.model import Block, Document, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline import accounting
from zhclean.tasks.stages import repair
from zhclean.tasks.stages.typography import blocks as typography
from zhclean.tasks.stages.typography import quotes

FIXTURES = UNSEEN
NAMES = [f"cleanreal_{n}" for n in range(1, 6)]

#: Traditional forms the fixtures were converted into; none may survive.
TRADITIONAL = "線黨紅縣鎮紀實來聞標題裡幹們爭說戶獨臨時揮牆後區務關點機發現農產銷電幫據網業"
#: Pinyin tone marks of the converter's readings.
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


def run(name: str) -> tuple[str, Document]:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), normalized(f"{name}.txt")


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[str, Document]]:
    return {name: run(name) for name in NAMES}


blocks = output_blocks


def text_of(doc: Document) -> str:
    return "\n".join(b.text for b in blocks(doc, doc.source))


@pytest.mark.parametrize("name", NAMES)
def test_lint_clean_accounted_and_free_of_damage(results, name: str) -> None:
    raw, doc = results[name]
    report = lint.lint_blocks(blocks(doc, name), Options())
    assert report.total == 0, lint.format_report(report)
    assert not accounting.unaccounted(raw, doc)
    text = text_of(doc)
    assert not any(ch in text for ch in "?\ufffd\"'()<>" + TONE_MARKS), text
    assert not any(ch in text for ch in TRADITIONAL), text
    assert not any(ch in text for ch in ",:;!"), text  # half-width marks only inside ASCII runs
    for block in blocks(doc, name):  # finished text is a fixed point of typography
        assert typography.typeset_text(block.text, block.type, Options(), 0)[0] == block.text


def test_zhclean_lint_on_the_editions(results, tmp_path: Path) -> None:
    assert_editions_lint_clean([doc for _, doc in results.values()], tmp_path)


def test_traditional_web_page(results) -> None:
    _, doc = results["cleanreal_1"]
    assert doc.script.script == "traditional" and doc.script.converted_chars > 100
    text = text_of(doc)
    assert doc.articles[0].title == "守“汛”一线党旗红"  # a quoted character inside a headline
    assert "带领着全村群众" in text and "争着报名" in text and "打着手电、扛着沙袋，沿着河堤" in text
    assert "当地著名的书法家" in text  # 著 "notable" stays
    assert "排查危房——“水退一寸" in text  # --- -> ——
    assert "“我是党员，让我先上！”“我熟悉水情，我来守夜！”7月12日晚" in text  # "A""B" -> “A”“B”
    assert "手说：“大娘，房子没了还能再盖，人可不能出事。”在她" in text
    assert "1.2公里" in text and "316人" in text


def test_converter_output(results) -> None:
    _, doc = results["cleanreal_2"]
    text = text_of(doc)
    assert "到田间去，到果园去，到农产品销售最需要的地方去……今年以来" in text
    assert "充分发挥先锋模范作用" in text and "一根网线 连起城乡大市场" in text
    assert "农产品网店2571个，带动就业3.9万人，实现线上销售额1.8亿元，同比增长35%。" in text
    # GBK read one byte off: the two characters whose bytes were lost are marked, not garbled
    assert "帮助打包。〓〓累得弯腰、满头大汗的林志远" in text
    assert "心里就踏实了。”" in text and "“电商+合作社+农户”模式" in text
    # UTF-8 read as GBK with the decoder's U+FFFD holes: what the bytes keep comes back
    assert "直播当天，网友们纷纷下〓，3个小时" in text
    # GBK one byte off, right after a half-width comma
    assert "老郑说，〓前〓子烂在地〓，今年的收入" in text


def test_ocr_column(results) -> None:
    _, doc = results["cleanreal_3"]
    text = text_of(doc)
    assert "“要把好种子送到农户手里”“要让每一块地都不撂荒”“要在春耕生产中彰显党员本色”……" in text
    assert "一面面党旗在飘扬……" in text  # ······ -> ……
    assert "村干部包户的责任体系。全县1200余个基层党组织、3.9万余名党员主动参与，一张张" in text
    # the enumeration that lost one quote, restored by the `""` rule
    assert "采取“合作社+‘田长’+N”多种灵活组合模式，将“农技专家”“种粮大户”“村医”“供销员”“志愿者”五支" in text
    assert "化肥12万吨，开展技术培训35场次。" in text and "全部投入春播" in text
    headings = [b.text for a in doc.articles for b in a.blocks if b.type == "heading"]
    assert "田间党旗红" in headings  # a headline OCR cut into words, one of them a single character
    assert "占计划的92%，为全年" in text  # a paragraph broken before a number is joined
    guessed = [p for p in doc.problems if p.kind == "guessed_quote"]
    assert len(guessed) == 1 and "restored" in guessed[0].message


def test_newspaper_page(results) -> None:
    _, doc = results["cleanreal_4"]
    titles = [a.title for a in doc.articles]
    assert titles == ["南湖区“1+5+X”服务体系让居民办事不出社区", "清河镇：小小积分卡 激活乡村治理"]
    text = text_of(doc)
    assert "推行“1+5+X”社区服务体系，即1个社区服务站" in text and "满意率达到98.6%。" in text
    assert "党委书记（左二）何建平介绍" in text and "通过APP预约办理" in text
    assert "换了一桶油和两袋米！”近日" in text


def test_feature_page(results) -> None:
    _, doc = results["cleanreal_5"]
    assert [a.title for a in doc.articles] == [
        "把实验室搬进大棚 让土地长出“金疙瘩”",
        "一条“云上路” 带富一方人",
    ]
    captions = [b.text for a in doc.articles for b in a.blocks if b.type == "caption"]
    assert captions == ["孟凡超（左二）在大棚里向村民讲解草莓种植技术", "韩露（右一）和村民一起直播带货"]
    text = text_of(doc)
    assert "撂荒的坡地；两年后" in text and "“种地也要讲科学。”孟凡超说。" in text


# --- the enumeration rule --------------------------------------------------------------


def typeset(text: str) -> str:
    return typography.typeset_text(text, "paragraph", Options(), 1)[0]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ('将"甲方"乙方""丙方""丁方"四家', "将“甲方”“乙方”“丙方”“丁方”四家"),  # lost open of the 2nd item
        ('""甲方""乙方"丙方""丁方"四家', None),  # starts with a close: not guessed, not curled
        ('建成"书屋""食堂"浴 室""诊所"', "建成“书屋”“食堂”“浴室”“诊所”"),  # OCR space in the item
        ('"甲""乙""丙', None),  # the last item lost its close: where it ends is unknown
        ('将"甲"乙""丙"丁""戊"五支', "将“甲”“乙”“丙”“丁”“戊”五支"),  # two lost, both restored
        ('将"甲方"和另外几家单位共同组成的联合体""丙方"', None),  # too long to be an item
        ('"要实干""要担当""要奉献"……', "“要实干”“要担当”“要奉献”……"),  # nothing lost, nothing guessed
    ],
)
def test_enumeration_quote(raw: str, want: str | None) -> None:
    out = typeset(raw)
    if want is None:
        assert '"' in out and not list(quotes.find_enumeration_gaps(raw, Options()))
    else:
        assert out == want


def test_enumeration_guess_is_reported() -> None:
    blocks_in = [Block("paragraph", '将"甲方"乙方""丙方"四家', 7, 7)]
    _, edits, problems = typography.typeset_blocks(blocks_in, Options(), "x.txt")
    assert [e.kind for e in edits].count(quotes.ENUMERATION_RULE) == 1
    assert [p.kind for p in problems] == ["guessed_quote"] and "line 7" in problems[0].message


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
    fixed = repair_text(garbled)
    assert "郧" not in fixed and fixed.startswith("他说,〓前")


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
