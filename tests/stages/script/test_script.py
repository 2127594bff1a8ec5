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


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("乾安縣的農民", "乾安县的农民"),  # a place name: OpenCC's phrase entry (the old tables gave 干安县)
        ("擡頭看", "抬头看"),  # 擡, 遶, 貍, 幷: left unconverted by the tables bundled with the engine
        ("遶道而行", "绕道而行"),
        ("狐貍", "狐狸"),
        ("幷州", "并州"),
        ("計畫經濟", "计划经济"),
    ],
)
def test_current_opencc_dictionaries(raw: str, clean: str) -> None:
    assert convert(raw) == clean


def test_the_engine_reads_the_stage_s_copy_of_opencc() -> None:
    """opencc-python-reimplemented's class, with the configs and dictionaries of data/opencc."""
    import json

    from opencc import OpenCC

    from zhclean.tasks.stages.script.engine import FOLDER, Engine

    engine = script.converter("t2s")
    assert isinstance(engine, Engine) and isinstance(engine, OpenCC) and engine.folder == FOLDER
    source = json.loads((FOLDER / "SOURCE.json").read_text(encoding="utf-8"))
    assert set(source["files"]) == {p.name for p in (FOLDER / "dictionary").glob("*.txt")}
    assert (FOLDER / "LICENSE.txt").read_text(encoding="utf-8").lstrip().startswith("Apache License")
    assert source["commit"] in (FOLDER / "NOTICE.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "simplified",
    [
        "鲁迅所著的小说",
        "本书作者张三著",
        "此书系某某主著",
        "他们共同著成此书",
        "这位作家有著作三部",
        "恶名昭著，功勋彰著",
    ],
)
def test_zhu_kept_in_a_simplified_document(simplified: str) -> None:
    """In simplified text the particle is written 着: a 著 there is zhù unless the particle is certain."""
    lines, info, edits = script.convert_lines([Line(simplified, 1)], Options())
    assert (lines[0].text, info.script, edits) == (simplified, "simplified", [])


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("他看著窗外", "他看着窗外"),  # after a verb that takes the particle
        ("随著经济发展", "随着经济发展"),
        ("他十分著急", "他十分着急"),  # a zháo word
        ("他們所著的書", "他们所著的书"),  # traditional: 所著 is "written by"
        ("陪伴著成長", "陪伴着成长"),  # traditional: the particle after any verb
    ],
)
def test_particle_in_simplified_and_traditional_documents(raw: str, clean: str) -> None:
    assert convert(raw) == clean


def test_lint_does_not_flag_zhu_in_simplified_text() -> None:
    found = [v for v in check("鲁迅所著的小说，作者张三著", Options()) if v.rule == "script.traditional_left"]
    assert found == []


def run_stage(text: str, name: str = "t.txt"):
    from types import SimpleNamespace

    from zhclean.tasks.stages.script import run

    lines = [Line(t, n) for n, t in enumerate(text.split("\n"), 1)]
    return run(SimpleNamespace(name=name, lines=lines), Options())


def test_conversions_no_phrase_decided_are_reported_once_per_document() -> None:
    result = run_stage("規畫與計畫\n他們共畫同心圓，乾杯！\n慰藉")
    (problem,) = result.problems
    assert (problem.file, problem.stage, problem.kind) == ("t.txt", "script", "ambiguous_conversion")
    # 計畫 is a phrase (计划); 規畫 and 共畫 are not; 慰藉 is a phrase (a verb, 藉 stays)
    assert problem.message == (
        "3 conversion(s) that no phrase decided: 乾->干 x1 (or 乾), line 2; 畫->画 x2 (or 划), lines 1, 2"
    )


def test_no_ambiguity_report_for_what_a_simplified_document_keeps() -> None:
    assert run_stage("乾坤未定，慰藉与瞭望，沈阳很冷。").problems == []


def test_ambiguous_characters_are_one_to_many_in_opencc_s_data() -> None:
    from zhclean.tasks.stages.script.engine import load_dictionary

    characters = load_dictionary(str(script.TS_CHARACTERS))[2]
    assert all(len(set(characters[ch].split(" "))) > 1 for ch in script.AMBIGUOUS)


@pytest.mark.parametrize("table", ["t2s", "tw2s", "hk2s", "tw2sp"])
def test_skipping_dictionaries_that_cannot_match_changes_nothing(table: str) -> None:
    """The engine skips a dictionary none of whose keys starts in the text, and converts a line
    only if it holds a character of a changing entry: the same output as the whole chain."""
    from opencc import OpenCC

    engine = script.converter(table)
    text = (RAW / "001_e3528ec2684411c3.txt").read_text(encoding="utf-8")
    for line in text.split("\n")[:40]:
        pieces = engine.split_chars_re.split(line)
        whole = "".join(
            "".join(OpenCC._convert(engine, seg, engine.dictionaries()) for seg in engine.segment(p))
            if i % 2 == 0
            else p
            for i, p in enumerate(pieces)
        )
        assert engine.convert(line) == whole
        assert script.changes(line, table) or script.convert(line, table) == line


def test_the_traditional_share_is_kept_to_four_places() -> None:
    """Two of the three script-specific characters are traditional (這, 東; 这 is simplified):
    2/3 is 0.6667."""
    from zhclean.tasks.pipeline.run import run_until

    info = run_until("這東这".encode(), "x.txt", until="script").document.script
    assert (info.script, info.traditional_share) == ("mixed", 0.6667)
