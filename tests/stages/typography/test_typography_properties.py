"""Properties of the typography stage over generated text (hypothesis).

The alphabet mixes what the corpus mixes: ideographs, half- and full-width
punctuation, digits, Latin letters and every kind of space.
"""

from __future__ import annotations

from collections import Counter

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
def test_lint_finds_nothing_in_typeset_text(text: str, block_type: str, options: Options) -> None:
    once = typeset(text, block_type, options)
    assert typography_counts(once, block_type, options) == {}


@settings(max_examples=200, deadline=None)
@given(MIXED, BLOCK_TYPES, OPTIONS)
def test_lint_after_typesetting_only_reports_unpaired_quotes(
    text: str, block_type: str, options: Options
) -> None:
    once = typeset(text, block_type, options)
    assert set(typography_counts(once, block_type, options)) <= {"punct.unpaired_quote"}
