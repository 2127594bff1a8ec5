"""HTML remnants, ftfy (Chinese-safe), OCR duplicates, and repair as a whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import RAW

from zhclean.tasks.check.lint import check_text as check
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.accounting import cjk_counter
from zhclean.tasks.pipeline.run import lines_state, run_span
from zhclean.tasks.stages import repair
from zhclean.tasks.stages.repair import unicode_fixes


def repair_text(text: str, options: Options | None = None) -> tuple[str, list[str]]:
    lines, edits, _ = repair.repair_lines([Line(text, 1)], options or Options())
    return lines[0].text, [e.kind for e in edits]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("作为党员义不容辞。”</p>", "作为党员义不容辞。”"),
        ('<p class="a">社区防控</p>', "社区防控"),
        ("第一行<br/>第二行", "第一行第二行"),
        ("图片<!-- 广告 -->说明", "图片说明"),
        ("义不容辞。”/p>", "义不容辞。”"),  # closing tag whose `<` a mojibake byte ate
    ],
)
def test_html_tags_removed(raw: str, clean: str) -> None:
    assert repair_text(raw)[0] == clean


def test_html_entities_decoded() -> None:
    text, kinds = repair_text("黄&amp;蓝&nbsp;社区&#8220;大白&#8221;&unknownentity;")
    assert text == "黄&蓝 社区“大白”&unknownentity;"
    assert kinds.count("repair.html_entity") == 4


@pytest.mark.parametrize(
    "text", ["1<2 且 3>2", "a/b 比例", "《通知》发布", "如果 a<b 且 c>d 则", "x<y and z>w"]
)
def test_not_html(text: str) -> None:
    assert repair_text(text)[0] == text


@pytest.mark.parametrize("text", ["“大白”说：　好……（完）", "‘五长’，ＡＢＣ，１２３", "﹐﹔全角！？"])
def test_ftfy_config_keeps_chinese_typography(text: str) -> None:
    assert unicode_fixes.fix(text) == text
    # small forms are made full-width in repair on purpose (`repair.small_form`), never folded
    assert repair_text(text)[0] == text.replace("﹐", "，").replace("﹔", "；")


def test_ftfy_fixes_latin_mojibake_and_logs_it() -> None:
    mojibake = "中文".encode().decode("windows-1252")  # UTF-8 read as Windows-1252
    lines, edits, removed = repair.repair_lines([Line("标题：" + mojibake, 1)], Options())
    assert lines[0].text == "标题：中文"
    assert [(e.stage, e.kind, e.before, e.after, e.line, e.offset) for e in edits] == [
        ("repair", "repair.ftfy", mojibake, "中文", 1, 3)
    ]
    assert removed == []


def test_ocr_duplicate_clause_removed() -> None:
    text, kinds = repair_text("落实防控措施，做好健康监测工作，做好健康监测工作，确保安全。")
    assert text == "落实防控措施，做好健康监测工作，确保安全。"
    assert kinds == ["repair.ocr_duplicate_clause"]


@pytest.mark.parametrize("text", ["一个一个地查，一家一家地问", "加油加油加油加油加油加油", "看看，看看。"])
def test_real_repetition_kept(text: str) -> None:
    assert repair_text(text)[0] == text


def test_ocr_duplicate_line_removed_and_recorded() -> None:
    para = "社区工作人员每天准时到岗值守，为居民测量体温。"
    lines = [Line(para, 1), Line("", 2), Line(para, 3), Line("短句", 4), Line("短句", 5)]
    out, _, removed = repair.repair_lines(lines, Options())
    assert [ln.number for ln in out] == [1, 2, 4, 5]  # short repeats are kept
    assert [(r.text, r.reason, r.line) for r in removed] == [(para, "repair.ocr_duplicate_line", 3)]


def test_rules_can_be_switched_off() -> None:
    off = Options(disabled_rules=frozenset({"repair."}))
    assert repair_text("社區(qū)</p>", off)[0] == "社區(qū)</p>"


CLEAN_ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严，。、；：？！“”（）《》"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=CLEAN_ALPHABET, min_size=0, max_size=60))
def test_clean_simplified_text_passes_unchanged(text: str) -> None:
    state = run_span(lines_state([text]), "repair", "script")
    assert state.lines[0].text == text
    assert not state.document.edits and not state.document.removed
    lint = {v.rule for v in check(text, Options()) if v.rule.startswith(("repair.", "script."))}
    assert not lint


DAMAGED_ALPHABET = CLEAN_ALPHABET + "?!()\ufffd<>/p&;qūjīguānzhàn社區機關戰著後裡於臺锟斤拷 "


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=DAMAGED_ALPHABET, min_size=0, max_size=60))
def test_repair_and_script_idempotent(text: str) -> None:
    once = run_span(lines_state([text]), "repair", "script").lines[0].text
    twice = run_span(lines_state([once]), "repair", "script")
    assert twice.lines[0].text == once
    assert not twice.document.edits


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet=DAMAGED_ALPHABET, max_size=40), max_size=4))
def test_no_ideograph_created_or_lost_without_a_record(texts: list[str]) -> None:
    state = run_span(lines_state(texts), "repair", "script")
    out, removed, edits = state.lines, state.document.removed, state.document.edits
    balance = cjk_counter(texts)
    balance.subtract(cjk_counter(ln.text for ln in out))
    balance.subtract(cjk_counter(r.text for r in removed))
    balance.subtract(cjk_counter(e.before for e in edits))
    balance.update(cjk_counter(e.after for e in edits))
    assert not +balance and not -balance


#: Lines of raw/004 (converter output: traditional script, pinyin readings after characters)
#: after repair and script, written by hand. Punctuation is typography's, later.
CONVERTED_LINES = {
    2: "市住建局工作人员对隔离点各楼层走廊、门把手、楼梯进行消毒杀菌",
    4: "一纸动员令 沉到最需要的地方",
    9: "一个党员就是一面旗帜。疫情之下,一面面鲜红的党旗在社区防疫阵地上迎风飘扬。",
    17: "上午9点,与居家隔离包保对象建立联系。",
    20: "晚上8点15分,到达居家隔离包保对象家检查封条(完整)。",  # a real parenthetical stays
    31: "疫情不灭,党员不退!",
}


def repaired_corpus(path: Path) -> list[Line]:
    text = path.read_text(encoding="utf-8")
    return run_span(lines_state(text.split("\n")), "repair", "script").lines


def test_converter_output_repaired_line_by_line() -> None:
    lines = {ln.number: ln.text for ln in repaired_corpus(next(RAW.glob("004_*.txt")))}
    assert {n: lines[n] for n in CONVERTED_LINES} == CONVERTED_LINES


#: Lint rules of repair and script (punctuation is typography's job).
REPAIR_LINT = ("repair.pinyin_reading", "repair.html_tag", "repair.html_entity", "script.traditional_left")


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name[:3])
def test_lint_finds_nothing_the_fixer_left_in_the_corpus(path: Path) -> None:
    """The property (the same rules in check mode, not a test of correctness): after repair
    and script, lint finds no reading, tag, entity or traditional character in raw/."""
    for line in repaired_corpus(path):
        found = [v for v in check(line.text, Options()) if v.rule in REPAIR_LINT]
        assert not found, (line.number, found)


def test_no_replacement_character_or_mojibake_marker_is_left_in_the_corpus() -> None:
    """U+FFFD, `?!` and 锟斤拷 are lost characters (STYLE.md section 6): none is left as is."""
    left = [
        (path.name[:3], line.number, marker)
        for path in sorted(RAW.glob("*.txt"))
        for line in repaired_corpus(path)
        for marker in ("\ufffd", "?!", "锟斤拷")
        if marker in line.text
    ]
    assert left == []


def test_mojibake_and_unicode_fixes_do_not_import_each_other() -> None:
    """Both need the GBK-as-Latin-1 test; it lives in `gbk`, so neither imports the other (no cycle)."""
    import ast

    from zhclean.tasks.stages.repair import mojibake

    def imported(module: object) -> set[str]:
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
        return names

    assert mojibake.__name__ not in imported(unicode_fixes)
    assert unicode_fixes.__name__ not in imported(mojibake)
