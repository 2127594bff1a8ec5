"""Properties of the typography stage over generated text (hypothesis), and exact examples.

The alphabet mixes what the corpus mixes: ideographs, half- and full-width
punctuation, digits, Latin letters and every kind of space. Properties say what holds
for any text (idempotence, no ideograph lost); whether the result is *right* is said by
the examples below, written by hand from STYLE.md with the same alphabet. "Lint finds
nothing the fixer left" is one more property (the same rules in check mode), never the
test of correctness.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhclean.tasks.check.lint import TextBlock, lint_blocks
from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.catalogue import ALL_RULES
from zhclean.tasks.stages.typography.blocks import ALL_TYPOGRAPHY_STAGES, typeset_blocks
from zhclean.tasks.stages.typography.quotes import LINT_STAGE
from zhclean.tasks.text.charsets import IDEOGRAPH as IDEOGRAPH_RE

IDEOGRAPHS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
HALF_PUNCT = st.sampled_from(list(",.;:?!()-+%/@<>"))
FULL_PUNCT = st.sampled_from(list("，。、；：？！（）《》…—·⑴①０ＡＢ．－﹐﹗"))
QUOTES = st.sampled_from(list("\"'“”‘’「」『』﹁﹂"))
DIGITS = st.sampled_from(list("0123456789"))
LATIN = st.sampled_from(list("abcXYZ"))
SPACES = st.sampled_from([" ", " ", "  ", "\u00a0", "\u3000", "\u200b", "\t"])

MIXED = st.lists(
    st.one_of(IDEOGRAPHS, IDEOGRAPHS, IDEOGRAPHS, HALF_PUNCT, FULL_PUNCT, DIGITS, LATIN, SPACES, QUOTES),
    max_size=40,
).map("".join)
MIXED_NO_QUOTES = st.lists(
    st.one_of(IDEOGRAPHS, IDEOGRAPHS, IDEOGRAPHS, HALF_PUNCT, FULL_PUNCT, DIGITS, LATIN, SPACES), max_size=40
).map("".join)
#: Rule names of this stage (the lint-only stage is shared with other stages' residue rules).
TYPOGRAPHY_PREFIXES = ("punct.", "space.")
BLOCK_TYPES = st.sampled_from(["paragraph", "heading", "caption"])
OPTIONS = st.sampled_from([Options(), Options(pangu=True)])


def typeset(text: str, block_type: str, options: Options) -> str:
    out, _, _ = typeset_blocks([Block(block_type, text, 1, 1)], options, "gen")  # type: ignore[arg-type]
    return out[0].text


def typography_counts(text: str, block_type: str, options: Options) -> dict[str, int]:
    """Lint counts of this project's typography rules only: the script and repair rules of the
    same registry judge other things (a rare ideograph may well be a traditional one)."""
    ours = {
        r.name
        for r in ALL_RULES
        if r.stage in ALL_TYPOGRAPHY_STAGES
        or (r.stage == LINT_STAGE and r.name.startswith(TYPOGRAPHY_PREFIXES))
    }
    counts = lint_blocks([TextBlock(block_type, text, "gen", 1)], options).counts
    return {rule: n for rule, n in counts.items() if rule in ours}


def ideographs(text: str) -> Counter[str]:
    return Counter(IDEOGRAPH_RE.findall(text))


#: Text from the generators' alphabet, and what STYLE.md makes of it (block type, pangu).
EXAMPLES = [
    ("你好,世界.", "paragraph", False, "你好，世界。"),  # half-width marks next to Chinese
    ('他说:"走吧!"', "paragraph", False, "他说：“走吧！”"),  # straight quotes paired
    ("共 12 个\u00a0小区", "paragraph", False, "共12个小区"),  # no space around digits, NBSP too
    ("中\u3000文", "paragraph", False, "中文"),  # ideographic space
    ("中\u200b文", "paragraph", False, "中文"),  # zero-width space
    ("中\t文", "paragraph", False, "中文"),
    ("\t 中文 \t", "paragraph", False, "中文"),  # no leading or trailing space
    ("abc 中文 XYZ", "paragraph", False, "abc中文XYZ"),
    ("中文 abc中文", "paragraph", False, "中文abc中文"),
    ("中文(注释)", "paragraph", False, "中文（注释）"),
    ("（ 好 ）", "paragraph", False, "（好）"),
    ("“ 好 ”", "paragraph", False, "“好”"),
    ("中文 ，标点", "paragraph", False, "中文，标点"),
    ("他说:  好", "paragraph", False, "他说：好"),
    ("“好”,他说", "paragraph", False, "“好”，他说"),
    ("１２３ＡＢ", "paragraph", False, "123AB"),  # full-width digits and letters (GB/T 15835)
    ("甲﹐乙﹗", "paragraph", False, "甲，乙！"),  # small forms
    ("等等...然后", "paragraph", False, "等等……然后"),
    ("他--走了", "paragraph", False, "他——走了"),
    ("「好」和『好』", "paragraph", False, "“好”和‘好’"),
    ("增长 12 % ;全年", "paragraph", False, "增长12%；全年"),
    ("你好?", "paragraph", False, "你好？"),
    ("中文,abc", "paragraph", False, "中文，abc"),
    ("⑴ 提高认识", "paragraph", False, "⑴提高认识"),
    ("阿布·哈桑来了", "paragraph", False, "阿布·哈桑来了"),
    # ASCII stays ASCII away from Chinese
    ("8-3", "paragraph", False, "8-3"),
    ("1+5+X模式", "paragraph", False, "1+5+X模式"),
    ("a/b", "paragraph", False, "a/b"),
    ("abc,def", "paragraph", False, "abc,def"),
    ("(1)", "paragraph", False, "(1)"),
    # block types: a headline keeps the space between its clauses, a paragraph does not
    ("风雨同舟 共克时艰", "heading", False, "风雨同舟 共克时艰"),
    ("风雨同舟 共克时艰", "paragraph", False, "风雨同舟共克时艰"),
    ("图为 志愿者", "caption", False, "图为志愿者"),
    # the pangu option: one space between Chinese and half-width runs
    ("有4个小区", "paragraph", True, "有 4 个小区"),
    ("中文English混排", "paragraph", True, "中文 English 混排"),
]


@pytest.mark.parametrize(("text", "block_type", "pangu", "want"), EXAMPLES)
def test_typesetting_examples(text: str, block_type: str, pangu: bool, want: str) -> None:
    assert typeset(text, block_type, Options(pangu=pangu)) == want


@settings(max_examples=300, deadline=None)
@given(MIXED, BLOCK_TYPES, OPTIONS)
def test_typesetting_is_idempotent(text: str, block_type: str, options: Options) -> None:
    once = typeset(text, block_type, options)
    assert typeset(once, block_type, options) == once


@settings(max_examples=300, deadline=None)
@given(MIXED, BLOCK_TYPES, OPTIONS)
def test_no_ideograph_created_or_lost(text: str, block_type: str, options: Options) -> None:
    assert ideographs(typeset(text, block_type, options)) == ideographs(text)


@st.composite
def clean_paragraphs(draw: st.DrawFn) -> str:
    """Simplified text as STYLE.md wants it: clauses of ideographs (some with a number or a quote)
    joined by full-width marks, no spaces."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        clauses = []
        for _ in range(draw(st.integers(1, 4))):
            clause = "".join(draw(st.lists(IDEOGRAPHS, min_size=1, max_size=6)))
            shape = draw(st.sampled_from(["plain", "number", "quote", "paren"]))
            if shape == "number":
                clause = f"{clause}{draw(st.integers(0, 99999))}{draw(IDEOGRAPHS)}"
            elif shape == "quote":
                clause = f"“{clause}”{draw(IDEOGRAPHS)}"
            elif shape == "paren":
                clause = f"{draw(IDEOGRAPHS)}（{clause}）"
            clauses.append(clause)
        joiners = [draw(st.sampled_from("，、；：")) for _ in clauses[1:]]
        sentence = clauses[0] + "".join(j + c for j, c in zip(joiners, clauses[1:], strict=True))
        sentences.append(sentence + draw(st.sampled_from(["。", "？", "！", "……"])))
    return "".join(sentences)


@settings(max_examples=200, deadline=None)
@given(clean_paragraphs(), st.sampled_from(["paragraph", "caption"]))
def test_clean_text_passes_through_unchanged(text: str, block_type: str) -> None:
    out, edits, problems = typeset_blocks([Block(block_type, text, 1, 1)], Options(), "gen")  # type: ignore[arg-type]
    assert out[0].text == text
    assert edits == []
    assert problems == []


@settings(max_examples=200, deadline=None)
@given(MIXED_NO_QUOTES, BLOCK_TYPES, OPTIONS)
def test_lint_finds_nothing_the_fixer_left(text: str, block_type: str, options: Options) -> None:
    once = typeset(text, block_type, options)
    assert typography_counts(once, block_type, options) == {}


@settings(max_examples=200, deadline=None)
@given(MIXED, BLOCK_TYPES, OPTIONS)
def test_lint_finds_nothing_the_fixer_left_but_unpaired_quotes(
    text: str, block_type: str, options: Options
) -> None:
    """With quotes in the alphabet, a quote the text lost cannot be paired by a rule: it is
    reported (a warning), never guessed."""
    once = typeset(text, block_type, options)
    assert set(typography_counts(once, block_type, options)) <= {"punct.unpaired_quote"}
