"""Mojibake reversed where the bytes allow, otherwise 〓 per lost character; never garbage left."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhclean.tasks.check.lint import check_text as check
from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages import repair
from zhclean.tasks.stages.repair import mojibake


def repair_text(text: str) -> tuple[str, list[str]]:
    lines, edits, _ = repair.repair_lines([Line(text, 1)], Options())
    return lines[0].text, [e.kind for e in edits]


def utf8_read_as_gbk(text: str) -> str:
    return text.encode("utf-8").decode("gb18030")


def test_utf8_read_as_gbk_is_reversed() -> None:
    clean = "我们今天去公园散步了"
    garbled = "他说：" + utf8_read_as_gbk(clean) + "。"
    assert garbled != "他说：" + clean + "。"
    fixed, kinds = repair_text(garbled)
    assert fixed == "他说：" + clean + "。"
    assert "repair.mojibake_gbk" in kinds


def test_gbk_read_as_latin1_is_reversed() -> None:
    garbled = "标题" + "中文资料".encode("gbk").decode("latin-1")
    fixed, kinds = repair_text(garbled)
    assert fixed == "标题中文资料"
    assert kinds == ["repair.mojibake_latin1"]


@pytest.mark.parametrize(
    "text",
    [
        "café au lait",
        "温度是25°C",
        "点点······",
        "Müller 先生",
        "NESTLÉ® requiere contratar personal",
        "ESSE CARA AI QUEM É¿",
        "Bremer/Mccoy – DrÃ¥ber",
        "INFORMAÇÃO E AÇÃO",
        "Müßiggang ist aller Laster Anfang, die größte Süße",
        "HÅØYA ER BLÅØYD",
        "¿Ésta es tu casa? ¡Ésa no!",
        "葡萄牙语 INFORMAÇÃO 意为信息",
    ],
)
def test_latin1_text_is_not_mojibake(text: str) -> None:
    assert repair_text(text)[0] == text


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("ÄãºÃ", "你好"),  # a whole line of GBK read as Latin-1
        ("ÄãºÃ£¬ÊÀ½ç", "你好，世界"),
        ("使用APPÏÂÔØ", "使用APP下载"),  # after a Latin word, in a Chinese line
        ("APPÏÂÔØÁË", "APP下载了"),  # six Latin-1 letters in a row: no European word
        ("标题 ÄÃ 内容", "标题 拿 内容"),  # one character: Chinese line, apart from Latin words
    ],
)
def test_gbk_read_as_latin1_needs_evidence_and_has_it(text: str, clean: str) -> None:
    assert repair_text(text)[0] == clean


@pytest.mark.parametrize("text", ["APPÏÂÔØ", "ÄÃ", "标题ÄÃdata"])
def test_gbk_read_as_latin1_without_evidence_is_left(text: str) -> None:
    """Two characters glued to a Latin word with no Chinese around, or one character
    outside a Chinese line or touching a Latin word: the letters could be a word's."""
    assert repair_text(text)[0] == text


def shifted(text: str) -> str:
    """GBK bytes read one byte off: the first byte lost, full-width ！？ folded (as in the corpus)."""
    data = text.encode("gbk")
    return "?" + data[1:].decode("gbk", errors="replace").replace("\ufffd", "?").replace("！", "!")


def test_shifted_gbk_is_re_paired() -> None:
    # 。“能夠被選 read one byte off gives ?!澳軌虮贿x (the pattern seen in raw/004)
    garbled = shifted("。“能夠被選") + "到了"
    assert garbled.startswith("?!")
    fixed, kinds = repair_text("他說" + garbled)
    assert fixed == "他說〓“能夠被選到了"
    assert "repair.mojibake_shifted" in kinds


def test_corpus_shifted_spans_leave_no_garbage() -> None:
    for span in ("信息?!昂?,我一會", "人員?!澳軌虮贿x到社區", "義不容辭?!?/p>", "家門口??粗蠛沽芾?、氣喘"):
        fixed, _ = repair_text(span)
        assert "?" not in fixed and "!" not in fixed and "/p>" not in fixed
        assert not any(v.rule == "repair.mojibake_residue" for v in check(fixed, Options()))
    assert repair_text("人員?!澳軌虮贿x到社區")[0] == "人員〓“能夠被選到社區"
    assert repair_text("信息?!昂?,我")[0] == "信息〓“〓,我"


def test_lost_character_with_reading() -> None:
    assert repair_text("索要體溫?cái)?shù)據(jù)(正常)")[0] == "索要體溫〓〓據(正常)"


@pytest.mark.parametrize(
    "text",
    [
        "怎么干?市法院党组书记到社区指导",
        "“你能再帮我买六瓶啤酒吗?”晚上八点多",
        "安全员在岗没?企业设备运行得怎么样?",
        "真的吗?!",
        "这是为什么??",
        "累不累?他笑着说",
        "你好嗎?歡迎光臨",
        "真的吗?(laugh)",
        "有空格?的情况",
    ],
)
def test_real_question_marks_kept(text: str) -> None:
    assert repair_text(text)[0] == text


@pytest.mark.parametrize(
    ("text", "clean"), [("我?们今天", "我〓们今天"), ("每?个人", "每〓个人"), ("作?者", "作〓者")]
)
def test_question_mark_where_no_question_can_end_is_a_lost_character(text: str, clean: str) -> None:
    assert repair_text(text) == (clean, ["repair.mojibake_lost_in_word"])


def test_unrecoverable_marked() -> None:
    assert repair_text("文字锟斤拷锟斤拷内容")[0] == "文字〓〓内容"
    assert repair_text("文字\ufffd内容")[0] == "文字〓内容"


def test_residue_lint() -> None:
    found = {
        v.found
        for v in check("坏了?!字\ufffd和锟斤拷以及中?文", Options())
        if v.rule == mojibake.MOJIBAKE_RESIDUE.name
    }
    assert found == {"?!", "\ufffd", "锟斤拷", "?"}
    assert not [v for v in check("怎么办？真的！“好”", Options()) if v.rule == mojibake.MOJIBAKE_RESIDUE.name]


@given(st.text(alphabet="?!？\ufffd锟斤拷中文a ", max_size=10))
def test_the_residue_precheck_passes_every_text_the_residue_pattern_matches(text: str) -> None:
    # the precheck only spares the pattern texts it would find nothing in
    if mojibake.RESIDUE.search(text):
        assert mojibake.MOJIBAKE_RESIDUE.might_change(text)
    assert mojibake.MOJIBAKE_RESIDUE.might_change("中?文")
    assert not mojibake.MOJIBAKE_RESIDUE.might_change("中文，完好。")
