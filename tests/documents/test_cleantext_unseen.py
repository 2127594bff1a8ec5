"""Clean-text rules on text nobody has seen: documents written for these tests, not the corpus.

Four small documents (`tests/fixtures/unseen/cleantext_*.txt`): a Taiwan-style web
page in traditional script with corner quotes; a converter-damaged article with
pinyin readings and several kinds of mojibake; a scraped page with HTML remnants;
a newspaper item full of numbers, English, dashes and half-width marks. Each goes
through the whole pipeline: the output must be lint-clean, fully accounted for,
and say what a mainland editor would print. Then one test per rule and exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from opencc import OpenCC
from unseen_fixtures import UNSEEN, assert_editions_lint_clean, normalized, output_blocks

from zhclean.tasks.check import lint
from zhclean.tasks.check.lint import check_text as check
from zhclean.tasks.core.model import Document, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline import accounting
from zhclean.tasks.pipeline import run as pipeline
from zhclean.tasks.stages import repair
from zhclean.tasks.stages.script import convert as script
from zhclean.tasks.stages.typography import blocks as typography

FIXTURES = UNSEEN
NAMES = ["cleantext_1", "cleantext_2", "cleantext_3", "cleantext_4", "cleantext_5"]


def run(name: str) -> tuple[str, Document]:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), normalized(f"{name}.txt")


def body(doc: Document) -> str:
    return "\n".join(b.text for a in doc.articles for b in a.blocks)


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[str, Document]]:
    return {name: run(name) for name in NAMES}


# --- whole documents -------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_output_is_lint_clean_and_accounted(results, name: str) -> None:
    raw, doc = results[name]
    report = lint.lint_blocks(output_blocks(doc, name), Options())
    assert report.total == 0, lint.format_report(report)
    assert not accounting.unaccounted(raw, doc)
    # a second pass of typography changes nothing (idempotent on finished text)
    for block in output_blocks(doc, name):
        assert typography.typeset_text(block.text, block.type, Options(), 0)[0] == block.text


def test_zhclean_lint_on_the_editions(results, tmp_path: Path) -> None:
    """What `zhclean lint` reads: the JSON edition folder and each Markdown file."""
    assert_editions_lint_clean([doc for _, doc in results.values()], tmp_path)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_unseen_fixture_comes_out_lint_clean(path: Path) -> None:
    """Whoever wrote the fixture: the pipeline's output of it has no STYLE violation."""
    doc = pipeline.normalize_document(path.read_bytes(), path.name)
    report = lint.lint_blocks(output_blocks(doc, path.name), Options())
    assert report.total == 0, lint.format_report(report)


#: What lint finds in each raw document: the damage each was written to show.
RAW_KINDS = {
    "cleantext_1": {"script.traditional_left", "punct.corner_quotes", "script.particle_zhe"},
    "cleantext_2": {
        "repair.pinyin_reading",
        "repair.mojibake_gbk",
        "repair.mojibake_latin1",
        "repair.mojibake_kunjinkao",
        "repair.replacement_char",
        "repair.mojibake_lost_run",
        "repair.mojibake_residue",
        "script.traditional_left",
    },
    "cleantext_3": {"repair.html_tag", "repair.html_entity", "punct.curly_quotes"},
    "cleantext_5": {"punct.small_form", "space.inside_cjk", "space.cjk_halfwidth", "punct.book_title_angle"},
    "cleantext_4": {
        "punct.fullwidth_comma",
        "punct.fullwidth_colon",
        "punct.halfwidth_alnum",
        "punct.book_title_angle",
        "punct.dash",
        "punct.ellipsis",
        "punct.fullwidth_period",
        "space.percent",
        "punct.curly_quotes",
    },
}


@pytest.mark.parametrize("name", NAMES)
def test_raw_lint_reports_the_expected_kinds(name: str) -> None:
    report = lint.lint_path(FIXTURES / f"{name}.txt")
    assert RAW_KINDS[name] <= set(report.counts), report.counts


def test_traditional_web_page(results) -> None:
    _, doc = results["cleantext_1"]
    assert doc.script.script == "traditional"
    text = body(doc)
    assert "“我爸爸常讲‘做面要有耐心’，这句话我记了一辈子。”" in text  # 「『』」 -> “‘’”
    assert "忙着和面" in text and "揉着面团" in text and "挂着一幅字" in text  # the particle
    assert "著名书法家" in text and "原著小说" in text and "编著的" in text and "显著的" in text
    assert "乾隆年间" in text and "“干净最重要，”" in text and "一碗干面" in text
    assert "头发" in text and "放松" in text and "里面" in text and "位于" in text and "放学后" in text
    assert "灶台" in text and "台北" in text
    assert "保卫老街的味道，只是他一个人的心愿，但他希望青年人也能接手。" in text
    assert not any(ch in text for ch in "「」『』裡裏於麵髮鬆後臺")


def test_converter_damaged_article(results) -> None:
    _, doc = results["cleantext_2"]
    text = doc.articles[0].title + "\n" + body(doc)
    assert doc.articles[0].title == "县域数字经济发展观察"
    assert "(" not in text and "ū" not in text and "à" not in text  # no reading left
    for kept in ("（试行）", "（2021）", "手机APP", "GDP", "Wi-Fi", "“Why not try it?”"):
        assert kept in text
    assert "在社区服务中心" in text  # a two-syllable reading of a word
    assert "负责人说设备运行良好" in text  # UTF-8 read as GBK, inside a good line
    assert "资金来源包括" in text  # GBK read as Latin-1
    assert "错误代码〓〓" in text and "已经〓〓〓〓〓〓，" in text and "两处〓〓缺失" in text
    assert "你好吗？欢迎留言" in text and "累不累？他笑着说" in text
    assert " https://www.example.gov.cn/news?id=2021&page=3 " in text  # the URL keeps ? = & and its spaces
    assert "?!" not in text and "\ufffd" not in text and "锟斤拷" not in text


def test_html_page(results) -> None:
    _, doc = results["cleantext_3"]
    text = body(doc)
    assert "<" not in text.replace("a<b", "").replace("b<c", "").replace("a<c", "")
    assert "img" not in text and "jpg" not in text and "&" not in text and "var" not in text
    assert "检查电路。志愿者刘芳说：“老人们平时很少出门，我们多来看看，他们就高兴”。" in text
    assert "比如a<b且b<c时，为什么a<c。" in text


def test_newspaper_numbers_and_english(results) -> None:
    _, doc = results["cleantext_4"]
    text = body(doc)
    for kept in ("10:52", "3.9万", "1,200万", "12%", "0432-62010336", "service@example.com。", "“1+5+X”"):
        assert kept in text
    assert "“Public transport here is great, really!”然后" in text  # the English keeps its marks
    assert "3-5分钟" in text and "2～3分钟" in text
    assert "说——“以前" in text and "“真的吗？！这么快……”" in text
    assert "《西游记》" in text and "读一段。" in text
    assert "截至2024年2月，全市共有APP注册用户86万人" in text


def test_ocr_periodical_spacing(results) -> None:
    _, doc = results["cleantext_5"]
    article = doc.articles[0]
    assert article.title == "湖畔读书会迎来第十个年头"  # a headline cut into words
    paragraphs = [b.text for b in article.blocks if b.type == "paragraph"]
    assert (
        paragraphs[0].startswith("十年前，几位退休教师")
        and "最初只有6个人，如今会员已超过200人；" in paragraphs[0]
    )
    assert (
        paragraphs[1]
        == "“读书会就像一个家。”会长吴建华说，“有人从这里重新爱上了阅读，也有人在这里交到了一辈子的朋友……”"
    )
    assert paragraphs[2].endswith("累计刊发文章1,500余篇！")  # ﹗ ends the paragraph before the join
    assert paragraphs[3].startswith("谈到下一个十年，吴建华说：希望")


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("湖畔 读书 会 迎来 第十 个 年头", "湖畔读书会迎来第十个年头"),
        ("风雨同舟 共克时艰", "风雨同舟 共克时艰"),
        ("抗疫 有我 青春 无悔", "抗疫 有我 青春 无悔"),  # terse clauses, no single character
        ("「決戰」﹁攻堅﹂", "“决战”“攻坚”"),
    ],
)
def test_headings(raw: str, want: str) -> None:
    assert clean(raw, "heading") == want


# --- single rules, with sentences written for them --------------------------------------


def clean(text: str, block: str = "paragraph") -> str:
    lines, _, _ = repair.repair_lines([Line(text, 1)], Options())
    lines, _, _ = script.convert_lines(lines, Options())
    return typography.typeset_text(lines[0].text, block, Options(), 1)[0]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("她說：「今天『放鬆』一下。」", "她说：“今天‘放松’一下。”"),
        ("「好」", "“好”"),
        ("他拿著書走了，看著作品發呆。", "他拿着书走了，看着作品发呆。"),
        ("他一生著書立說，著有多部作品，以博學著稱。", "他一生著书立说，著有多部作品，以博学著称。"),
        ("張大同著", "张大同著"),  # an author credit at the end of a line
        ("（英）瑪麗·安·埃文斯著", "（英）玛丽·安·埃文斯著"),
        ("他看著", "他看着"),
        ("大家都在等著", "大家都在等着"),
        ("你說甚麼？", "你说什么？"),  # t2s gives the variant 甚么
        ("乾坤未定，外強中乾。", "乾坤未定，外强中干。"),
        ("保衞家園，衹是靑年，晩上好。", "保卫家园，只是青年，晚上好。"),  # variant forms t2s misses
    ],
)
def test_script_and_corner_quotes(raw: str, want: str) -> None:
    assert clean(raw) == want


def test_simplified_shenme_is_left_alone() -> None:
    assert clean("甚么") == "甚么"


def test_table_measurement() -> None:
    """What each table does to phrases written for this test, against what the pipeline keeps."""
    phrases = [
        "他看著窗外",
        "原著小說",
        "陳大文 著",
        "乾隆年間",
        "乾淨",
        "頭髮",
        "放鬆",
        "以後",
        "臺灣",
        "於是",
        "裏面",
        "甚麼",
        "慰藉著他",
        "抬頭",
    ]
    t2s = [OpenCC("t2s").convert(p) for p in phrases]
    tw2s = [OpenCC("tw2s").convert(p) for p in phrases]
    assert t2s[0] == "他看著窗外" and tw2s[0] == "他看着窗外"  # t2s leaves the particle
    assert tw2s[1] == "原着小说" and tw2s[2] == "陈大文 着"  # tw2s errors
    assert tw2s[12] == "慰借着他" and tw2s[13] == "擡头"
    assert t2s[11] == "甚么"
    ours = [clean(p) for p in phrases]
    assert ours == [
        "他看着窗外",
        "原著小说",
        "陈大文著",
        "乾隆年间",
        "干净",
        "头发",
        "放松",
        "以后",
        "台湾",
        "于是",
        "里面",
        "什么",
        "慰藉着他",
        "抬头",
    ]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("社區(shèqū)和機關(jīguān)", "社区和机关"),
        ("社區(shè qū)服務", "社区服务"),
        ("區(QŪ)里的人(RÉN)們(MEN)", "区里的人们"),
        ("縣(xiàn)城", "县城"),
        ("在上海(Shanghai)工作", "在上海（Shanghai）工作"),  # toneless Latin word: a gloss, kept
        ("下載APP(應用程序)", "下载APP（应用程序）"),
        ("人均GDP(GDP)", "人均GDP(GDP)"),
        ("連接Wi-Fi(Wi-Fi)", "连接Wi-Fi(Wi-Fi)"),
        ("《辦法（试行）》", "《办法（试行）》"),
        ("统计(2021)", "统计（2021）"),
        ("他在區(QU)里", "他在区（QU）里"),  # toneless with no toned reading around: kept
        ("社區(qu1)的居民(min2)，版本(v2)", "社区的居民，版本（v2）"),  # tone numbers
        (
            "版本(v2)发布，型号(A4)纸，區(qu1)",
            "版本（v2）发布，型号（A4）纸，区（qu1）",
        ),  # one: a model number?
        ("這個社區 (qū)很好", "这个社区很好"),
    ],
)
def test_pinyin_readings(raw: str, want: str) -> None:
    assert clean(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("名单为??????，请核对。", "名单为〓〓〓〓〓〓，请核对。"),
        ("用户???登录失败", "用户〓〓〓登录失败"),
        ("这是为什么??我不懂", "这是为什么？？我不懂"),
        ("真的吗?!我不信", "真的吗？！我不信"),
        ("少了\ufffd\ufffd\ufffd字", "少了〓〓〓字"),
        ("你好吗?", "你好吗？"),
        ("He asked why? 她没回答", "He asked why? 她没回答"),
        ("见https://a.example.com/s?q=1&x=2", "见https://a.example.com/s?q=1&x=2"),
        ("报道：" + "这是文本".encode("gbk").decode("latin-1") + "。", "报道：这是文本。"),
        ("一杯cafÃ© au lait", "一杯café au lait"),  # Latin mojibake is still ftfy's
    ],
)
def test_mojibake_and_real_question_marks(raw: str, want: str) -> None:
    assert clean(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ('他说 "Hello, world!" 然后走了。', "他说“Hello, world!”然后走了。"),
        ("下载APP!很方便", "下载APP！很方便"),
        ("２０２２年第１季度ＡＰＰ用户", "2022年第1季度APP用户"),
        ("读了<红楼梦>和<<水浒传>>。", "读了《红楼梦》和《水浒传》。"),
        ("若a<b且b>c，则", "若a<b且b>c，则"),
        ("增长 35 % ，", "增长35%，"),
        ("请访问  https://x.example.org/a  了解", "请访问 https://x.example.org/a 了解"),
        ("他说--好。她说－－行。", "他说——好。她说——行。"),
        ("等等......以及。。。", "等等……以及……"),
        ("占比40%.今年继续(见附件).", "占比40%。今年继续（见附件）。"),
        ("“再见”.他走了.(二)下一步.", "“再见”。他走了。（二）下一步。"),
        ("截至2022.2月底，第3.", "截至2022.2月底，第3."),  # a number before the point: kept
        ("⑴ 提高认识；⑵  强化措施", "⑴提高认识；⑵强化措施"),
        ("详见http://www.example.com/a,b:c?x=1 ,谢谢", "详见http://www.example.com/a,b:c?x=1，谢谢"),
        ("他说――真的。他说──好的。需3—5天", "他说——真的。他说——好的。需3—5天"),  # a range keeps its dash
    ],
)
def test_punctuation_and_spacing(raw: str, want: str) -> None:
    assert clean(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("详情&amp;nbsp;更多", "详情更多"),  # escaped twice by the scraper
        ("第一段&lt;br&gt;第二段&amp;amp;第三段", "第一段第二段&第三段"),
        ("<span>来源：网络</span><script>var a=1;</script><STYLE>p{color:red}</STYLE>尾", "来源：网络尾"),
        ('点击<a href="https://example.com/x?id=1">这里</a>查看', "点击这里查看"),
        ("AT&amp;T公司&unknown;", "AT&T公司&unknown;"),
    ],
)
def test_html_remnants(raw: str, want: str) -> None:
    assert clean(raw) == want


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Ｗｉ－Ｆｉ覆盖率达９８．５％，电话０４３２－６２０１", "Wi-Fi覆盖率达98.5％，电话0432-6201"),
        ("这个社區(qū)的服務很好，我们很满意。", "这个社区的服务很好，我们很满意。"),  # one traditional word
    ],
)
def test_fullwidth_tokens_and_stray_traditional(raw: str, want: str) -> None:
    assert clean(raw) == want


def test_pangu_option() -> None:
    options = Options(pangu=True)
    text = typography.typeset_text(
        "有4个小区,增长12 %,见https://a.example.org/b查看", "paragraph", options, 1
    )[0]
    assert text == "有 4 个小区，增长 12%，见 https://a.example.org/b 查看"


def test_new_rules_are_lint_clean_on_their_output() -> None:
    text = clean("她說：「今天『放鬆』一下。」２０２２年<红楼梦>，增长 35 %。")
    assert not [v for v in check(text, Options()) if v.severity == "error"]
