"""Do no harm (STYLE.md section 2, "What is not Chinese prose is left alone"): text in other
languages passes through the repair stage unchanged, with no edit. Accented Latin letters
are letters, never GBK read as Latin-1; Greek, Cyrillic, kana and Vietnamese are text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages import repair


def repair_text(text: str) -> tuple[str, list[str]]:
    lines, edits, _ = repair.repair_lines([Line(text, 1)], Options())
    return lines[0].text, [e.kind for e in edits]


ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Every letter of Latin-1 (U+00C0-U+00FE without × and ÷): French, Portuguese, Spanish,
#: German, the Nordic languages. Not ÿ: its capital Ÿ is Windows-1252's byte 9F, and `ÎŸ`
#: is the UTF-8 of Greek Ο read as Windows-1252, which ftfy repairs on purpose.
LATIN1_LETTERS = "".join(chr(c) for c in range(0xC0, 0xFF) if chr(c) not in "×÷")
#: Vietnamese: precomposed letters with two marks, ơ ư đ, and the Latin-1 ones.
VIETNAMESE_LETTERS = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ơưđƠƯĐàáâãèéêìíòóôõùúý"
GREEK_LETTERS = (
    "".join(chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2) + "αβγδεζηθικλμνξοπρςστυφχψωάέήίόύώ"
)
CYRILLIC_LETTERS = "".join(chr(c) for c in range(0x410, 0x450)) + "ёЁіїєґІЇЄҐ"
KANA = "".join(chr(c) for c in range(0x3041, 0x3097)) + "".join(chr(c) for c in range(0x30A1, 0x30FB)) + "ー"


@st.composite
def accented_word(draw: st.DrawFn) -> str:
    """A Latin word: ASCII letters with accented ones among them, at most three accented
    letters in a row (`Müßiggang`, `BLÅØYD`, `INFORMAÇÃO`, `Ôôô`), never accented letters alone."""
    parts = draw(
        st.lists(
            st.tuples(
                st.text(alphabet=ASCII_LETTERS, min_size=1, max_size=4),
                st.text(alphabet=LATIN1_LETTERS, min_size=1, max_size=3),
            ),
            min_size=1,
            max_size=3,
        )
    )
    word = "".join(a + b for a, b in parts)
    if draw(st.booleans()) and any(ch in ASCII_LETTERS for ch in word[1:]):
        word = word[1:]  # a word may begin with an accented letter (`Ésta`, `Ærø`)
    return draw(cased(word))


def cased(word: str) -> st.SearchStrategy[str]:
    """A word as languages write it: lower case, capitalised or all capitals. (A mix such as
    `amanhÃ e` is what UTF-8 read as Latin-1 looks like, and ftfy repairs it on purpose.)"""
    return st.sampled_from([word.lower(), word.capitalize(), word.upper()])


def has_ascii_letter(word: str) -> bool:
    """No language has a word of accented letters alone; ` Â ` among lower-case words is what a
    no-break space (C2 A0) looks like in UTF-8 read as Latin-1, and ftfy repairs it on purpose."""
    return any(ch in ASCII_LETTERS for ch in word)


def words_of(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=1, max_size=10)


def sentences(word: st.SearchStrategy[str], joiner: str = " ") -> st.SearchStrategy[str]:
    """Words joined into sentences with ordinary punctuation (NFC, as ingest leaves text)."""
    sentence = st.builds(
        lambda ws, end: joiner.join(ws) + end,
        st.lists(word, min_size=1, max_size=8),
        st.sampled_from([".", "!", "?", "…", ",", ":", ";", "", "?!"]),
    )
    return st.lists(sentence, min_size=1, max_size=4).map(lambda s: unicodedata.normalize("NFC", " ".join(s)))


@settings(max_examples=300, deadline=None)
@given(sentences(st.one_of(accented_word(), words_of(ASCII_LETTERS))))
def test_accented_latin_passes_unchanged(text: str) -> None:
    assert repair_text(text) == (text, [])


@settings(max_examples=150, deadline=None)
@given(sentences(words_of(LATIN1_LETTERS + ASCII_LETTERS + "'-").filter(has_ascii_letter).flatmap(cased)))
def test_any_mix_of_latin1_letters_in_words_passes_unchanged(text: str) -> None:
    """Letters of Latin-1 in any order, as in names and all-caps words: a run is read as GBK only
    with evidence (six in a row, or four apart from any ASCII letter, decoding to frequent hanzi),
    and hypothesis rarely draws that; when it does, the run must decode to frequent hanzi."""
    fixed, kinds = repair_text(text)
    assert set(kinds) <= {"repair.mojibake_latin1"}
    if kinds:
        from zhclean.tasks.text.charsets import rare_count

        assert rare_count(fixed) <= rare_count(text)


@pytest.mark.parametrize(
    ("name", "alphabet", "joiner"),
    [
        ("vietnamese", VIETNAMESE_LETTERS + ASCII_LETTERS.lower(), " "),
        ("greek", GREEK_LETTERS, " "),
        ("cyrillic", CYRILLIC_LETTERS, " "),
        ("kana", KANA, ""),
    ],
)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_other_scripts_pass_unchanged(name: str, alphabet: str, joiner: str, data: st.DataObject) -> None:
    words = words_of(alphabet) if name == "kana" else words_of(alphabet).flatmap(cased)
    text = data.draw(sentences(words, joiner), label=name)
    assert repair_text(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "Η ¨ανατροφή¨ δυστυχώς από τους προπονητές",
        "SENSЕ - Oleg Tsedryk",
        "ПоздравЂаво",
        "ВІКІ is Ukrainian for WIKI",
        "Tiếng Việt có dấu: người, được, đường",
        "ひらがなとカタカナ、ちゃんと。",
        "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
        "Ôôô VIDA MINHA",
        "C O N C L U S Ã O",
        "HÅØYA ER BLÅØYD",
        "Connect with Āø on Facebook",
    ],
)
def test_known_non_chinese_lines_pass_unchanged(text: str) -> None:
    assert repair_text(text) == (text, [])
