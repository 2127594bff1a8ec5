"""Do no harm (STYLE.md section 2, "What is not Chinese prose is left alone"): generated English
text, code and Markdown come out of `zhclean.typeset` as they went in, with and without the
pangu option; inside Chinese text, code, URLs, paths and Markdown syntax are copied unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhclean

MODES = [{}, {"pangu": True}]

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=8)
NUMBER = st.integers(0, 99999).map(str)
TOKEN = st.one_of(WORD, WORD, WORD, NUMBER)
#: What English glues to a word: sentence marks, quotes (straight and curly), apostrophes.
AFTER = st.sampled_from(["", "", "", ",", ".", ";", ":", "!", "?", "…", "...", "'s", ")", '"', "”", "’"])
BEFORE = st.sampled_from(["", "", "", "(", '"', "“", "‘", "$", "#", "@", "+", "-"])
#: What English sets between words: a space, or a dash with its spaces.
BETWEEN = st.sampled_from([" ", " ", " ", " ", " — ", " -- ", " - ", "-", "/", " & ", " + ", " = "])


@st.composite
def english(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.tuples(BEFORE, TOKEN, AFTER), min_size=1, max_size=12))
    seps = draw(st.lists(BETWEEN, min_size=len(words) - 1, max_size=len(words) - 1))
    out = "".join(b + w + a for b, w, a in words[:1])
    for (b, w, a), sep in zip(words[1:], seps, strict=True):
        out += sep + b + w + a
    return out


IDENT = st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True)
STRING = st.one_of(IDENT.map(lambda s: f"'{s}'"), IDENT.map(lambda s: f'"{s}"'), st.just("'中文'"))


@st.composite
def code(draw: st.DrawFn) -> str:
    """A line of code: calls, attributes, operators, literals."""
    parts = [draw(IDENT)]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["call", "attr", "op", "index"]))
        if kind == "call":
            args = draw(st.lists(st.one_of(IDENT, STRING, NUMBER), max_size=3))
            parts.append("(" + ", ".join(args) + ")")
        elif kind == "attr":
            parts.append("." + draw(IDENT))
        elif kind == "op":
            parts.append(
                draw(st.sampled_from([" = ", " + ", " == ", " -> ", " && ", ": ", "; "])) + draw(IDENT)
            )
        else:
            parts.append("[" + draw(st.one_of(NUMBER, STRING)) + "]")
    return "".join(parts)


URL = st.builds(
    lambda host, path, query: f"https://{host}.example.org/{path}{query}",
    IDENT,
    st.lists(IDENT, max_size=3).map("/".join),
    st.sampled_from(["", "?a=1&b=2", "#section-2", "?q=中文"]),
)
PATH = st.builds(
    lambda a, b, ext: f"{a}/{b}.{ext}", IDENT, IDENT, st.sampled_from(["md", "png", "html#anchor"])
)
EMAIL = st.builds(lambda a, b: f"{a}@{b}.com", IDENT, IDENT)
CHINESE = st.text(alphabet="我们在这里看见了中文的句子和词语今天很好", min_size=1, max_size=10)


@st.composite
def markdown_line(draw: st.DrawFn) -> str:
    """A Markdown line around English words: the syntax and its text both stay as they are."""
    text = draw(english())
    kind = draw(
        st.sampled_from(["heading", "list", "olist", "quote", "image", "link", "emph", "table", "fence"])
    )
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + text
    if kind == "list":
        return draw(st.sampled_from(["- ", "* ", "+ "])) + text
    if kind == "olist":
        return f"{draw(st.integers(1, 99))}. {text}"
    if kind == "quote":
        return "> " + text
    if kind == "image":
        return f"![{text}]({draw(PATH)})"
    if kind == "link":
        return f"[{text}]({draw(URL)})"
    if kind == "emph":
        mark = draw(st.sampled_from(["*", "**", "_", "`"]))
        return f"{mark}{draw(WORD)}{mark} {text}"
    if kind == "table":
        return "| " + " | ".join(draw(st.lists(WORD, min_size=1, max_size=4))) + " |"
    return "```" + draw(st.sampled_from(["", "python", "js"]))


@pytest.mark.parametrize("opts", MODES, ids=["default", "pangu"])
@settings(max_examples=300, deadline=None)
@given(text=english())
def test_english_text_is_left_alone(text: str, opts: dict[str, bool]) -> None:
    assert zhclean.typeset(text, **opts) == text


@pytest.mark.parametrize("opts", MODES, ids=["default", "pangu"])
@settings(max_examples=300, deadline=None)
@given(text=code())
def test_code_is_left_alone(text: str, opts: dict[str, bool]) -> None:
    assert zhclean.typeset(text, **opts) == text


@pytest.mark.parametrize("opts", MODES, ids=["default", "pangu"])
@settings(max_examples=300, deadline=None)
@given(text=markdown_line())
def test_markdown_is_left_alone(text: str, opts: dict[str, bool]) -> None:
    assert zhclean.typeset(text, **opts) == text


@pytest.mark.parametrize("opts", MODES, ids=["default", "pangu"])
@settings(max_examples=300, deadline=None)
@given(
    before=CHINESE,
    after=CHINESE,
    token=st.one_of(URL, PATH, EMAIL, code().map(lambda c: f"`{c}`")),
    gap=st.sampled_from(["", " "]),
)
def test_tokens_inside_chinese_text_are_copied_unchanged(
    before: str, after: str, token: str, gap: str, opts: dict[str, bool]
) -> None:
    out = zhclean.typeset(f"{before}{gap}{token}{gap}{after}", **opts)
    assert token in out


@pytest.mark.parametrize("opts", MODES, ids=["default", "pangu"])
@settings(max_examples=200, deadline=None)
@given(alt=CHINESE, target=st.one_of(URL, PATH), image=st.booleans(), after=CHINESE)
def test_markdown_links_and_images_in_chinese_text_keep_their_syntax(
    alt: str, target: str, image: bool, after: str, opts: dict[str, bool]
) -> None:
    link = f"{'!' if image else ''}[{alt}]({target})"
    out = zhclean.typeset(f"{link}{after}。", **opts)
    assert out.startswith(link)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("It was good — very good.", "It was good — very good."),
        ("“Hello,” she said… and left; then: “bye!”", "“Hello,” she said… and left; then: “bye!”"),
        ("运行f('x')即可。", "运行f('x')即可。"),
        (
            "见 ![截图](images/a.png) 和 [文档](https://a.example.org/b)。",
            "见 ![截图](images/a.png) 和 [文档](https://a.example.org/b)。",
        ),
        ("阿布.哈桑来到北京。", "阿布·哈桑来到北京。"),
        ("他说：我们将在１６：３２分出发。", "他说：我们将在16:32分出发。"),
        ("详见docs/api/index.md#安装步骤一节。", "详见docs/api/index.md#安装步骤一节。"),
    ],
)
def test_examples(text: str, want: str) -> None:
    assert zhclean.typeset(text) == want
