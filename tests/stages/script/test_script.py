"""Script detection and conversion: t2s plus the particle 著 rule, and the traditional-left lint."""

from __future__ import annotations

import pytest
from paths import RAW

from zhclean.tasks.check.lint import check_text as check
from zhclean.tasks.core.model import Line, ScriptInfo
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.script import convert as script


def convert(text: str, options: Options | None = None) -> str:
    return script.convert_lines([Line(text, 1)], options or Options())[0][0].text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("他看著窗外", "他看着窗外"),
        ("激勵著社區工作人員", "激励着社区工作人员"),
        ("星光閃耀著", "星光闪耀着"),
        ("他十分著急", "他十分着急"),
        ("著急的人們", "着急的人们"),
        ("給予慰藉著實不易", "给予慰藉着实不易"),
        ("心中滿是慰藉著", "心中满是慰藉着"),  # tw2s makes this 慰借着
        ("乾淨的衣服", "干净的衣服"),
        ("之後在裡面", "之后在里面"),
        ("於是去了臺灣", "于是去了台湾"),
        ("怎麼辦", "怎么办"),
        ("抬頭看", "抬头看"),
    ],
)
def test_conversion(raw: str, clean: str) -> None:
    assert convert(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("著名作家", "著名作家"),
        ("這部原著", "这部原著"),
        ("李四編著", "李四编著"),
        ("一部譯著", "一部译著"),
        ("顯著提高", "显著提高"),
        ("他的著作", "他的著作"),
        ("張三 著", "张三 著"),  # an author credit (the space is typography's, later)
        ("張三／著", "张三／著"),
        ("乾隆年間", "乾隆年间"),
    ],
)
def test_zhu_kept(raw: str, clean: str) -> None:
    """著 that means "to write / notable" stays 著 (STYLE.md section 1); 乾 of 乾隆 stays."""
    assert convert(raw) == clean


def test_stray_traditional_in_simplified_paragraph() -> None:
    para = "社区民警加强巡邏，具体工作由网格员负责，党员干部带头参与志愿服务"
    lines, info, edits = script.convert_lines([Line(para, 4)], Options())
    assert lines[0].text == para.replace("邏", "逻")
    assert info.script == "simplified" and info.converted_chars == 1
    assert [(e.kind, e.before, e.after, e.line, e.offset) for e in edits] == [
        ("script.t2s", "邏", "逻", 4, 7)
    ]


def test_particle_edit_kind() -> None:
    _, _, edits = script.convert_lines([Line("隨著疫情", 1)], Options())
    assert sorted(e.kind for e in edits) == ["script.particle_zhe", "script.t2s"]


def test_detection() -> None:
    """Counted by hand: the share is traditional-only characters over all characters that
    belong to one script (党 员 干 挥 are simplified-only, 黨 員 幹 揮 沖 鋒 堅 traditional-only)."""
    trad = [Line("黨員幹部沖鋒在前，堅持黨支部靠前指揮", 1)]
    simp = [Line("党员干部冲锋在前，坚持党支部靠前指挥", 1)]
    mixed = [Line("党员干部沖鋒在前，堅持黨支部靠前指挥", 1)]
    assert script.convert_lines(trad, Options())[1] == ScriptInfo("traditional", 1.0, 8, "t2s")
    assert script.convert_lines(simp, Options())[1] == ScriptInfo("simplified", 0.0, 0, "t2s")
    # 4 traditional (沖 鋒 堅 黨) and 4 simplified (党 员 干 挥): half and half, 4 converted
    assert script.convert_lines(mixed, Options())[1] == ScriptInfo("mixed", 0.5, 4, "t2s")
    assert script.convert_lines([Line("ABC 123", 1)], Options())[1] == ScriptInfo("none", 0.0, 0, "t2s")


def test_table_is_an_option() -> None:
    """The README's example: tw2sp also converts Taiwan words, t2s only characters."""
    assert convert("滑鼠和軟體", Options(script_table="tw2sp")) == "鼠标和软件"
    assert convert("滑鼠和軟體") == "滑鼠和软体"
    assert script.convert_lines([Line("軟體", 1)], Options(script_table="tw2sp"))[1].table == "tw2sp"


def test_traditional_left_lint() -> None:
    found = [v for v in check("看著這裡", Options()) if v.rule == "script.traditional_left"]
    assert {v.found for v in found} == {"著", "這", "裡"}
    assert not [v for v in check("看着这里，著名的原著", Options()) if v.rule.startswith("script.")]


#: Lines of raw/001 (a traditional web page) converted by hand, with the number of characters
#: each changes (the script stage only: punctuation is typography's, later).
CORPUS_LINES = {
    1: "戰“疫”一線黨旗飄揚——泰安高新區北集坡街道龍泉社區疫情防控工作紀實",
    7: "山東省派泰安省司法廳工作組服務的高新區北集坡街道龍泉社區,在打贏疫情防控阻擊戰中,"
    "充分發揮基層黨組織凝聚力、號召力、戰斗力,堅持黨支部靠前指揮,共產黨員沖鋒在前,"
    "黨旗黨徽在戰“疫”陣地熠熠生輝,激勵著社區工作人員用飽滿的精神和昂揚的斗志踐行諾言。",
    53: "(責編:聶俊穹、劉穎婕)",
}
CORPUS_CONVERTED = {
    1: ("战“疫”一线党旗飘扬——泰安高新区北集坡街道龙泉社区疫情防控工作纪实", 10),
    7: (
        "山东省派泰安省司法厅工作组服务的高新区北集坡街道龙泉社区,在打赢疫情防控阻击战中,"
        "充分发挥基层党组织凝聚力、号召力、战斗力,坚持党支部靠前指挥,共产党员冲锋在前,"
        "党旗党徽在战“疫”阵地熠熠生辉,激励着社区工作人员用饱满的精神和昂扬的斗志践行诺言。",
        40,  # 39 by the table, and the particle 著 -> 着
    ),
    53: ("(责编:聂俊穹、刘颖婕)", 5),
}


def corpus_lines() -> list[Line]:
    text = (RAW / "001_e3528ec2684411c3.txt").read_text(encoding="utf-8")
    return [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]


@pytest.mark.parametrize("number", sorted(CORPUS_CONVERTED))
def test_corpus_traditional_lines(number: int) -> None:
    (line,) = [ln for ln in corpus_lines() if ln.number == number]
    assert line.text == CORPUS_LINES[number]
    lines, info, _ = script.convert_lines([line], Options())
    assert (lines[0].text, info.converted_chars) == CORPUS_CONVERTED[number]


def test_corpus_traditional_document_is_traditional() -> None:
    """Traditional, although the source has simplified forms too (庄, 挂 in line 11)."""
    info = script.convert_lines(corpus_lines(), Options())[1]
    assert (info.script, info.table) == ("traditional", "t2s")


def test_lint_finds_nothing_the_fixer_left_in_the_traditional_corpus_document() -> None:
    """The property (the same rule, in check mode): no traditional character left."""
    lines = script.convert_lines(corpus_lines(), Options())[0]
    assert not [v for ln in lines for v in check(ln.text, Options()) if v.rule == "script.traditional_left"]


def test_characters_that_are_also_simplified_stay_in_a_simplified_document() -> None:
    from zhclean.tasks.pipeline.run import normalize_document

    simplified = "# 乾安县抗旱\n\n今年以来，乾安县各地打井抗旱，瞭望塔上日夜有人值守。\n"
    doc = normalize_document(simplified.encode(), "s.txt")
    (article,) = doc.articles
    assert article.title == "乾安县抗旱"
    assert [(b.type, b.text) for b in article.blocks] == [
        ("paragraph", "今年以来，乾安县各地打井抗旱，瞭望塔上日夜有人值守。")
    ]
    assert (doc.script.script, doc.script.converted_chars) == ("simplified", 0)
    traditional = "# 街道乾淨了\n\n這裡的街道很乾淨，居民們說著話。\n"
    doc = normalize_document(traditional.encode(), "t.txt")
    (article,) = doc.articles
    assert article.title == "街道干净了"
    assert [(b.type, b.text) for b in article.blocks] == [("paragraph", "这里的街道很干净，居民们说着话。")]
