"""Clean text of real documents: encodings, scripts and what is reported, by hand.

The sixteen documents under `tests/fixtures/unseen/real_*.txt` (SOURCES.md) arrive in six
encodings and two scripts. What each must come out as, article by article, is in
`test_structure_realistic.py` and the golden files; here is what is known about each file
without running the project: the codec it was written in (`unseen_fixtures.ENCODINGS`, the
way SOURCES.md says each file was made), its script, how many characters a simplified
document needs converted (counted by reading it), and which problems a careful editor would
want reported. Then one test per rule and exception, on sentences written for them.
"""

from __future__ import annotations

import pytest
from unseen_fixtures import ENCODINGS, names, normalized

from zhclean.tasks.core.model import Block, Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages import repair
from zhclean.tasks.stages.typography import blocks as typography
from zhclean.tasks.stages.typography import quotes

NAMES = [n.removesuffix(".txt") for n in names("real_*.txt")]

#: The name the ingest stage gives each codec: a GBK file is read as GB 18030 (its superset,
#: which decodes GBK bytes to the same text), a UTF-16 file with a little-endian mark as
#: `utf-16-le`, a UTF-8 file with a byte-order mark as `utf-8-sig`.
DETECTED = {
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "utf-16": "utf-16-le",
    "utf-8-sig": "utf-8-sig",
}


@pytest.mark.parametrize("name", NAMES)
def test_the_encoding_each_file_was_written_in_is_detected(name: str) -> None:
    assert normalized(f"{name}.txt").encoding == DETECTED.get(ENCODINGS.get(name, "utf-8"), "utf-8")


#: Traditional: the Big5 poems, the anthology chapter, the Taiwanese article, README and
#: regulation. Simplified:
#: the rest, where a few characters are still traditional forms, counted by hand: 輗 and 軏 in
#: the Analects, 絺 and 隤 in the Book of Songs.
TRADITIONAL = {
    "real_tang_poems_big5",
    "real_guwen_juan1",
    "real_mdn_web_server_tw",
    "real_readme_tw_moj",
    "real_roc_regulation_crlf",
}
STRAY_TRADITIONAL = {"real_lunyu_gbk": 2, "real_shijing": 2}


@pytest.mark.parametrize("name", NAMES)
def test_script_and_stray_traditional_forms(name: str) -> None:
    script = normalized(f"{name}.txt").script
    if name in TRADITIONAL:
        assert script.script == "traditional"
    else:
        assert (script.script, script.converted_chars) == ("simplified", STRAY_TRADITIONAL.get(name, 0))


def test_what_is_reported() -> None:
    """Reported, not guessed: the anthology's quote inside a quote written with the same
    marks (`[通“事”]` inside `“臣闻…”`, source line 36) leaves the outer pair unpaired; two
    characters whose conversion no phrase decides (谿 in the poem's title and line, 覆 in
    覆亡). Nothing else is a problem (the Rust table: see the next test)."""
    problems = {
        n: [(p.kind, p.message) for p in normalized(f"{n}.txt").problems]
        for n in NAMES
        if n != "real_rust_operators_table"
    }
    assert {n: p for n, p in problems.items() if p} == {
        "real_guwen_juan1": [
            ("ambiguous_conversion", "1 conversion(s) that no phrase decided: 覆->覆 x1 (or 复), line 54"),
            ("unpaired_quote", "line 36, offset 5: “ in …石碏谏曰：“臣闻爱子，教之以义方…"),
            ("unpaired_quote", "line 36, offset 180: ” in …而速之，无乃不可乎？”弗听。…"),
        ],
        "real_tang_poems_big5": [
            (
                "ambiguous_conversion",
                "2 conversion(s) that no phrase decided: 谿->溪 x2 (or 谿), lines 40, 43",
            )
        ],
    }


def test_a_quote_mark_in_inline_code_is_not_reported() -> None:
    """`&'a type` is code (STYLE.md 2: copied as it is), not a quotation that lost its pair
    (REVIEW.md real_rust_operators_table; fixed: the report pairs quotes on the masked text)."""
    assert normalized("real_rust_operators_table.txt").problems == []


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
