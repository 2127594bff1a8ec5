"""Converter pinyin readings removed; real parentheticals kept."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import apply_rule
from zhclean.tasks.stages.repair.pinyin import PINYIN_READING, detone, is_syllable


def fix(text: str) -> str:
    return apply_rule(PINYIN_READING, text, Options(), 1)[0]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("社區(qū)工作", "社區工作"),
        ("機(jī)關(guān)黨員", "機關黨員"),
        ("盡銳出戰(zhàn)", "盡銳出戰"),
        ("老師們(men)在綠(lǜ)地上", "老師們在綠地上"),  # toneless reading in a damaged line
        ("讀書（dú）會", "讀書會"),  # full-width parentheses
        ("上午10點(diǎn)50分", "上午10點50分"),
    ],
)
def test_readings_removed(raw: str, clean: str) -> None:
    assert fix(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "县人社中心在职党员李娇阳(左二)到社区",
        "《管理办法(试行)》",
        "社区(村)工作人员",
        "第(1)条",
        "下载客户端(App)查看",
        "他们(men)",  # toneless and no tone-marked reading in the line: an English word, kept
        "我们用(Chen)拼写",
        "(qū)在行首",  # no character before it: not a reading
    ],
)
def test_real_parentheticals_kept(text: str) -> None:
    assert fix(text) == text


def test_edit_records_reading() -> None:
    _, edits = apply_rule(PINYIN_READING, "區(qū)", Options(), 7)
    assert [(e.kind, e.before, e.after, e.line, e.offset) for e in edits] == [
        ("repair.pinyin_reading", "(qū)", "", 7, 1)
    ]


def test_syllable_shape() -> None:
    assert detone("lǚ") == "lü"
    assert is_syllable("zhuàng") and is_syllable("qū") and not is_syllable("app")
