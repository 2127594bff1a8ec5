"""Script detection and conversion: t2s plus the particle 著 rule, and the traditional-left lint."""

from __future__ import annotations

import pytest
from paths import RAW

from zhclean.tasks.check.lint import check_text as check
from zhclean.tasks.core.model import Line
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
    "text",
    [
        "著名作家",
        "這部原著",
        "李四編著",
        "一部譯著",
        "顯著提高",
        "他的著作",
        "張三 著",
        "張三／著",
        "乾隆年間",
    ],
)
def test_zhu_kept(text: str) -> None:
    assert "著" in convert(text) or "乾" in convert(text)
    assert "着" not in convert(text)


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
    trad = [Line("黨員幹部沖鋒在前，堅持黨支部靠前指揮", 1)]
    simp = [Line("党员干部冲锋在前，坚持党支部靠前指挥", 1)]
    mixed = [Line("党员干部沖鋒在前，堅持黨支部靠前指挥", 1)]
    assert script.convert_lines(trad, Options())[1].script == "traditional"
    assert script.convert_lines(simp, Options())[1].script == "simplified"
    info = script.convert_lines(mixed, Options())[1]
    assert info.script == "mixed" and 0.1 < info.traditional_share < 0.9
    assert script.convert_lines([Line("ABC 123", 1)], Options())[1].script == "none"


def test_table_is_an_option() -> None:
    # measured: the reimplemented tw2s turns simplified 么 into 幺; t2s leaves it
    assert convert("怎么办", Options(script_table="tw2s")) == "怎幺办"
    assert convert("怎么办") == "怎么办"


def test_traditional_left_lint() -> None:
    found = [v for v in check("看著這裡", Options()) if v.rule == "script.traditional_left"]
    assert {v.found for v in found} == {"著", "這", "裡"}
    assert not [v for v in check("看着这里，著名的原著", Options()) if v.rule.startswith("script.")]


def test_corpus_traditional_documents() -> None:
    text = (RAW / "001_e3528ec2684411c3.txt").read_text(encoding="utf-8")
    lines, info, edits = script.convert_lines(
        [Line(t, n) for n, t in enumerate(text.split("\n"), 1)], Options()
    )
    assert info.script == "traditional" and info.converted_chars == len(edits) > 1000
    out = "\n".join(ln.text for ln in lines)
    assert "激励着社区工作人员" in out and "看著" not in out
    assert not [v for ln in lines for v in check(ln.text, Options()) if v.rule == "script.traditional_left"]


def test_characters_that_are_also_simplified_stay_in_a_simplified_document() -> None:
    from zhclean.tasks.pipeline.run import normalize_document

    simplified = "# 乾安县抗旱\n\n今年以来，乾安县各地打井抗旱，瞭望塔上日夜有人值守。\n"
    doc = normalize_document(simplified.encode(), "s.txt")
    text = doc.articles[0].title + doc.articles[0].blocks[0].text
    assert "乾安县" in text and "瞭望" in text
    assert doc.script.script == "simplified"
    traditional = "# 街道乾淨了\n\n這裡的街道很乾淨，居民們說著話。\n"
    doc = normalize_document(traditional.encode(), "t.txt")
    assert doc.articles[0].title == "街道干净了"
