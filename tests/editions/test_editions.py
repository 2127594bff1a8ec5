"""Markdown and JSON editions: structure comes only from the writer, never from the text."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path

import pypandoc
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import RAW

from zhclean.tasks.core.model import Article, Block, Document
from zhclean.tasks.editions.json_edition import validate_article, write_json_edition
from zhclean.tasks.editions.markdown_edition import (
    LINE_BREAK_RE,
    MARKUP_SPACE,
    UNTITLED,
    CorpusMarkdownWriter,
    body_of_markdown_file,
    escape_line,
    front_matter,
    plain,
    printable,
    render_corpus_markdown,
    render_document_body,
    render_document_markdown,
    summary_of,
    write_markdown_edition,
)
from zhclean.tasks.pipeline.run import normalize_document

# Text written for these tests: every character or line start with a Markdown meaning.
TRAPS = [
    "# 不是标题 ## 也不是",
    "- 不是列表",
    "+ 也不是列表",
    "* 更不是列表",
    "1. 不是编号",
    "2022) 年份开头",
    "A. 字母编号",
    "iv. 罗马数字",
    "(1) 括号编号",
    "(@) 例子列表",
    "> 不是引用",
    "| 表 | 格 |",
    "---",
    "===",
    "***",
    ": 定义列表",
    "% 标题块",
    "<script>alert(1)</script>",
    "<!-- 注释 --> <div>块</div>",
    "&amp; &lt; &#x41; & 单独",
    "`代码` ```围栏```",
    "**粗** _斜_ __粗__ 中_间_字",
    "[链接](http://x.example) ![图](y.png) [^1] [@引]",
    "\\emph{x} \\\\ 反斜杠\\",
    "$x^2$ ~下~ ^上^ ~~删~~",
    "@引用 {#id .cls} <http://auto.example>",
    "::: div",
    "~~~ 围栏",
    "标题末尾 {#attr}",
]


def make_doc(name: str, articles: list[Article], metadata: dict | None = None) -> Document:
    return Document(name, "ab" * 32, "utf-8", 100, metadata=metadata or {}, articles=articles)


def trap_doc() -> Document:
    blocks = [Block("paragraph", t, i, i) for i, t in enumerate(TRAPS, 1)]
    blocks.append(Block("paragraph", "\n".join(TRAPS), 40, 70))
    blocks.append(Block("caption", "▲ 图说 *星* <b>粗</b>\n# 第二行", 71, 72))
    blocks.append(Block("heading", "小标题 # 1. [x]", 73, 73))
    article = Article(
        "t-001",
        "t.txt",
        "# 标题 *星* [链] <i>斜</i> {#x}",
        blocks,
        subtitle="——记 *某* <u>某</u>",
        authors=["张_三", "李*四"],
        section="要闻|观察",
        page=3,
        date="2022年3月1日",
        origin="某网 <站>",
    )
    return make_doc("t.txt", [article], {"title": "刊名 <b>*一*</b>", "note": "---\nkey: value # x"})


def inline_text(inlines: list[dict]) -> str:
    """Pandoc inlines back to plain text; raw or link nodes mean the text became markup."""
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind == "Space":
            out.append(" ")
        elif kind in ("SoftBreak", "LineBreak"):
            out.append("\n")
        elif kind in ("Emph", "Strong"):
            out.append(inline_text(content))
        else:
            raise AssertionError(f"text became markup: {node}")
    return "".join(out)


def pandoc_blocks(markdown: str, fmt: str = "markdown-smart") -> tuple[dict, list[dict]]:
    tree = json.loads(pypandoc.convert_text(markdown, "json", format=fmt))
    return tree["meta"], tree["blocks"]


def test_escape_line_examples() -> None:
    assert escape_line("1. 一") == "1\\. 一"
    assert escape_line("- 一") == "\\- 一"
    assert escape_line("a*b_c#d") == "a\\*b\\_c\\#d"
    assert escape_line("3.9万人，10:52") == "3.9万人，10:52"  # numbers inside text stay readable
    assert escape_line("普通中文。") == "普通中文。"


@pytest.mark.parametrize("fmt", ["markdown-smart", "markdown", "commonmark_x", "gfm+yaml_metadata_block"])
def test_trap_text_keeps_document_structure(fmt: str) -> None:
    """Read back with raw HTML on (pandoc's default) and as CommonMark: only our blocks appear."""
    _, blocks = pandoc_blocks(render_document_markdown(trap_doc()), fmt)
    kinds = [(b["t"], b["c"][0] if b["t"] == "Header" else None) for b in blocks]
    expected = (
        [("Header", 1), ("Header", 2), ("Para", None), ("Para", None)]
        + [("Para", None)] * (len(TRAPS) + 1)
        + [("BlockQuote", None), ("Header", 3)]
    )
    assert kinds == expected


def test_trap_text_reads_back_verbatim() -> None:
    _, blocks = pandoc_blocks(render_document_markdown(trap_doc()))
    paras = [inline_text(b["c"]) for b in blocks if b["t"] == "Para"]
    assert paras[2 : 2 + len(TRAPS)] == TRAPS
    assert paras[2 + len(TRAPS)] == "\n".join(TRAPS)
    headers = [inline_text(b["c"][2]) for b in blocks if b["t"] == "Header"]
    assert headers == ["刊名 <b>*一*</b>", "# 标题 *星* [链] <i>斜</i> {#x}", "小标题 # 1. [x]"]
    assert paras[0] == "——记 *某* <u>某</u>"
    assert paras[1] == "作者：张_三、李*四 · 栏目：要闻|观察 · 页码：3 · 日期：2022年3月1日 · 来源：某网 <站>"
    quote = next(b for b in blocks if b["t"] == "BlockQuote")
    assert inline_text(quote["c"][0]["c"]) == "▲ 图说 *星* <b>粗</b>\n# 第二行"


def test_front_matter_round_trips_metadata() -> None:
    text = render_document_markdown(trap_doc())
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    fields = yaml.safe_load(head)
    assert fields["title"] == "刊名 <b>*一*</b>"
    assert fields["note"] == "---\nkey: value # x"
    assert fields["source"] == "t.txt" and fields["articles"] == 1
    meta, _ = pandoc_blocks(text)
    assert "note" in meta and "sha256" in meta


#: Text with what YAML reads as syntax or treats specially: indicators, quotes, breaks of every
#: kind (\x85, U+2028, U+2029, CR), a BOM, wide and no-break spaces.
YAML_TRAPS = st.text(
    alphabet=st.sampled_from(list("a 中:#-'\"\n\r\t\\{}[],&*!|>%@`?~=\u3000\xa0\u2028\u2029\ufeff\x85…"))
)
YAML_VALUES = st.recursive(
    st.one_of(YAML_TRAPS, st.integers(), st.none(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(YAML_TRAPS, inner, max_size=3)),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["title", "source", "authors", "toc", "note"]), YAML_VALUES, max_size=5)
)
def test_front_matter_reads_back_as_the_fields_made_printable(fields: dict) -> None:
    head = front_matter(fields)
    assert head.startswith("---\n") and head.endswith("---\n")
    assert yaml.safe_load(head.removeprefix("---\n").removesuffix("---\n")) == plain(fields)


def test_control_characters_and_surrogates_never_reach_the_file(tmp_path: Path) -> None:
    doc = make_doc(
        "c.txt", [Article("c-001", "c.txt", "标\x00题", [Block("paragraph", "甲\x01乙\ud800丙", 1, 1)])]
    )
    (path, corpus) = write_markdown_edition([doc], tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "甲\ufffd乙\ufffd丙" in text and "\x01" not in text and "\x00" not in text
    assert corpus.name == "corpus.md"


def test_empty_document_renders_a_note() -> None:
    _, blocks = pandoc_blocks(render_document_markdown(make_doc("e.txt", [])))
    assert [b["t"] for b in blocks] == ["Header", "Para"]
    assert inline_text(blocks[0]["c"][2]) == "e"


@pytest.fixture(scope="module")
def real_docs() -> list[Document]:
    return [normalize_document(p.read_bytes(), p.name) for p in sorted(RAW.glob("*.txt"))]


def test_real_documents_one_heading_per_article(real_docs: list[Document], tmp_path: Path) -> None:
    paths = write_markdown_edition(real_docs, tmp_path)
    assert [p.name for p in paths] == [f"{d.stem}.md" for d in real_docs] + ["corpus.md"]
    for doc, path in zip(real_docs, paths, strict=False):
        _, blocks = pandoc_blocks(path.read_text(encoding="utf-8"))
        levels = [b["c"][0] for b in blocks if b["t"] == "Header"]
        assert levels.count(1) == 1 and levels.count(2) == len(doc.articles), doc.source
        assert not [b for b in blocks if b["t"] not in ("Header", "Para", "BlockQuote")], doc.source
    _, blocks = pandoc_blocks(render_corpus_markdown(real_docs))
    levels = [b["c"][0] for b in blocks if b["t"] == "Header"]
    assert levels.count(1) == len(real_docs)
    assert levels.count(2) == sum(len(d.articles) for d in real_docs)


def test_json_edition_lines_match_schema(real_docs: list[Document], tmp_path: Path) -> None:
    docs = [*real_docs, trap_doc(), make_doc("e.txt", [])]
    paths = write_json_edition(docs, tmp_path, {"tool": "zhclean", "version": "0.1.0"})
    lines = (tmp_path / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(d.articles) for d in docs)
    records = [json.loads(line) for line in lines]
    assert all(validate_article(r) == [] for r in records), [validate_article(r) for r in records]
    assert records[-1]["title"] == trap_doc().articles[0].title
    assert records[-1]["authors"] == ["张_三", "李*四"] and records[-1]["lines"] == [0, 0]
    manifest = json.loads((tmp_path / "json" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tool"] == "zhclean"
    assert [m["source"] for m in manifest["documents"]] == [d.source for d in docs]
    assert manifest["documents"][-1] == {"source": "e.txt", "sha256": "ab" * 32, "articles": 0}
    for doc in real_docs:
        record = json.loads((tmp_path / "json" / "documents" / f"{doc.stem}.json").read_text("utf-8"))
        assert record["sha256"] == doc.sha256 and len(record["articles"]) == len(doc.articles)
    assert len(paths) == 2 + len(docs)


def test_json_survives_surrogates_and_nan(tmp_path: Path) -> None:
    article = Article("s-001", "s.txt", "坏\ud800字", [Block("paragraph", "正常", 1, 1)])
    doc = make_doc("s.txt", [article], {"ratio": math.nan})
    write_json_edition([doc], tmp_path, {})
    raw = (tmp_path / "json" / "articles.jsonl").read_bytes()
    assert json.loads(raw.decode("utf-8"))["title"] == "坏\ud800字"
    record = json.loads((tmp_path / "json" / "documents" / "s.json").read_text("utf-8"))
    assert record["metadata"]["ratio"] is None


def test_validate_article_reports_each_problem() -> None:
    good = trap_doc().articles[0].to_json()
    assert validate_article(good) == []
    assert validate_article([]) == ["record is list, not an object"]
    bad = dict(good, page="3", authors=["a", 1], lines=[1], blocks=[{"type": "image", "text": 1}])
    del bad["id"]
    errors = validate_article(bad)
    assert len(errors) == 6, errors
    assert any("'id'" in e for e in errors) and any("blocks[0]" in e for e in errors)


MARKUP_ALPHABET = [*"#*_[]<>`\\|-+=:%(!.)1aA {}$^~@&\"'\t\n\r中文。", "\u3000", "\u00a0", "\u2028"]


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from(MARKUP_ALPHABET) | st.characters(), max_size=40))
def test_any_text_stays_one_paragraph(text: str) -> None:
    """Property: whatever a paragraph says, pandoc reads back one paragraph with the same words."""
    lines = [printable(line).strip(MARKUP_SPACE) for line in LINE_BREAK_RE.split(text)]
    expected = "\n".join(re.sub("[ \t]+", " ", line) for line in lines if line)
    title = re.sub("[ \t]+", " ", " ".join(line for line in lines if line)) or UNTITLED
    doc = make_doc("x.txt", [Article("x-001", "x.txt", text, [Block("paragraph", text, 1, 1)])])
    for fmt in ("markdown-smart", "commonmark_x-smart"):
        _, blocks = pandoc_blocks(render_document_markdown(doc), fmt)
        assert [b["t"] for b in blocks] == ["Header", "Header"] + ["Para"] * bool(expected), fmt
        # CommonMark readers apply NFC (e.g. to CJK compatibility ideographs): compare in NFC.
        paras = [unicodedata.normalize("NFC", inline_text(b["c"])) for b in blocks if b["t"] == "Para"]
        assert paras == ([unicodedata.normalize("NFC", expected)] if expected else []), fmt
        assert unicodedata.normalize("NFC", inline_text(blocks[1]["c"][2])) == unicodedata.normalize(
            "NFC", title
        ), fmt


# Code blocks and tables (REVIEW.md "Real Markdown (do no harm)"): expectations from CommonMark
# (read with markdown-it-py) and pandoc's AST, by hand.
CODE = "```js\nconst s = `a ``` b`; \n\n  // 注释 <p>&lt;\n```"
TABLE = "| 键 | 描述 |\n|---|:---:|\n| `a` | *名称* |"


def code_doc() -> Document:
    blocks = [Block("code", CODE, 1, 5), Block("table", TABLE, 7, 9), Block("paragraph", "正文。", 11, 11)]
    return Document("c.md", "0" * 64, "utf-8", 1, articles=[Article("c-1", "c.md", "示例", blocks)])


def test_the_markdown_edition_sets_code_as_code_and_a_table_as_a_table() -> None:
    from markdown_it import MarkdownIt

    body = render_document_markdown(code_doc()).split("\n---\n", 1)[1]
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    fences = [(t.info, t.content) for t in tokens if t.type == "fence"]
    assert fences == [("js", "const s = `a ``` b`; \n\n  // 注释 <p>&lt;\n")]
    assert "````js\n" in body  # longer than the ``` inside
    cells = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type in ("th_open", "td_open")]
    assert cells == ["键", "描述", "\\`a\\`", "\\*名称\\*"]  # cell text escaped, as every text is


def test_the_epub_ast_has_a_code_block_and_a_table() -> None:
    from zhclean.tasks.editions.epub_edition import api_version, block_ast

    code = block_ast(Block("code", CODE, 1, 5), 2)
    assert code == {"t": "CodeBlock", "c": [["", ["js"], []], "const s = `a ``` b`; \n\n  // 注释 <p>&lt;"]}
    table = block_ast(Block("table", TABLE, 7, 9), 2)
    assert table is not None and table["t"] == "Table"
    html = pypandoc.convert_text(
        json.dumps({"pandoc-api-version": api_version(), "meta": {}, "blocks": [code, table]}), "html", "json"
    )
    assert '<pre class="sourceCode js">' in html and "注释 &lt;p&gt;&amp;lt;" in html
    assert "<th>键</th>" in html and "<td>*名称*</td>" in html


def test_the_json_edition_takes_code_and_tables() -> None:
    article = code_doc().articles[0].to_json()
    assert [b["type"] for b in article["blocks"]] == ["code", "table", "paragraph"]
    assert article["blocks"][0]["text"] == CODE
    assert validate_article(article) == []


def test_a_book_with_code_and_a_table_is_valid(tmp_path: Path) -> None:
    """epubcheck accepts the chapter pandoc makes of a CodeBlock and a Table."""
    from zhclean.tasks.editions.epub_edition import epubcheck, write_document_epub

    assert epubcheck(write_document_epub(code_doc(), tmp_path)) == []


def test_the_review_page_shows_code_preformatted() -> None:
    from zhclean.tasks.editions.review_page import render_review

    page = render_review(code_doc(), CODE)
    assert '<pre class="code">' in page and "  // 注释 &lt;p&gt;&amp;lt;" in page
    assert '<pre class="table">' in page


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "note", "toc", "---", "# 标题"]),
        st.one_of(YAML_VALUES, st.sampled_from(["\n---\n\n# 假标题", "---", "x\n---\n", "...\n---\n\n# y"])),
        max_size=5,
    )
)
def test_the_corpus_finds_a_documents_body_after_any_front_matter(metadata: dict) -> None:
    """corpus.md takes each document's body from its Markdown file, after the front matter: found
    whatever the metadata holds, lines `---` and `# ` headings written into its values included."""
    doc = trap_doc()
    doc.metadata = metadata
    assert body_of_markdown_file(render_document_markdown(doc)) == render_document_body(doc)


def test_the_corpus_renders_a_document_whose_file_is_not_ours(tmp_path: Path) -> None:
    """A per-document file that is missing, or not front matter and a `#` heading, is not copied:
    the document's part of corpus.md is rendered from the document (the same text as its file's)."""
    docs = [trap_doc(), make_doc("b.txt", [], {"title": "乙"})]
    write_markdown_edition(docs, tmp_path)
    expected = (tmp_path / "markdown" / "corpus.md").read_text(encoding="utf-8")
    assert expected == render_corpus_markdown(docs)
    (tmp_path / "markdown" / "t.md").write_text("not front matter\n", encoding="utf-8")
    (tmp_path / "markdown" / "b.md").unlink()
    assert body_of_markdown_file("not front matter\n") is None
    writer = CorpusMarkdownWriter([summary_of(d) for d in docs], tmp_path)
    for doc in docs:
        writer.add(doc)
    assert writer.close().read_text(encoding="utf-8") == expected
