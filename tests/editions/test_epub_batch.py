"""Books rendered together (`render_books`): each document's chapters exactly as rendered alone.

pandoc's start-up is paid once for several documents, whose chapters are then cut apart at
the chapter headings; the one state pandoc carries through its input, the numbering of
highlighted code blocks, is why a document with code is rendered on its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zhclean.tasks.build import process
from zhclean.tasks.core.model import Article, Block, Document
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions import epub_edition
from zhclean.tasks.editions.epub_edition import render_books, render_chapters

CODE = "```python\nprint('代码')\n```"


def doc(name: str, *articles: list[Block]) -> Document:
    return Document(
        f"{name}.txt",
        "0" * 64,
        "utf-8",
        100,
        articles=[
            Article(f"{name}-{i}", f"{name}.txt", f"{name} 第{i}篇", b) for i, b in enumerate(articles, 1)
        ],
    )


def para(text: str, line: int = 1) -> Block:
    return Block("paragraph", text, line, line)


def docs() -> list[Document]:
    return [
        doc("a", [para("第一段。"), para('<h1 id="ch009">不是标题</h1>', 2)], [para("第二篇。")]),
        doc("code1", [Block("code", CODE, 1, 3)]),
        doc("empty"),  # no articles: one chapter holding the note
        doc("code2", [para("前言。"), Block("code", CODE, 2, 4)]),
        doc("b", [Block("heading", "小标题", 1, 1), Block("caption", "图注", 2, 2)]),
    ]


def test_together_as_alone() -> None:
    together = render_books(docs())
    assert together == [render_chapters(d) for d in docs()]
    assert [len(c) for c in together] == [2, 1, 1, 1, 1]


def test_each_document_numbers_its_code_blocks_from_one() -> None:
    """pandoc writes `id="cb1"` for the first highlighted block of its input: each document's too."""
    books = render_books(docs())
    assert 'id="cb1"' in books[1][0].xhtml and 'id="cb1"' in books[3][0].xhtml
    assert 'id="cb2"' not in books[3][0].xhtml


def test_one_call_for_the_documents_without_code(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = epub_edition._pandoc_html
    monkeypatch.setattr(epub_edition, "_pandoc_html", lambda ast: calls.append(ast) or real(ast))
    render_books(docs())
    assert len(calls) == 3  # a, empty and b together; each code document alone


def test_a_failed_call_falls_back_to_one_call_each(monkeypatch: pytest.MonkeyPatch) -> None:
    real = epub_edition._pandoc_html

    def fail_together(ast: dict) -> str:
        if len(ast["blocks"]) > 6:
            raise RuntimeError("pandoc failed")
        return real(ast)

    monkeypatch.setattr(epub_edition, "_pandoc_html", fail_together)
    assert render_books(docs()) == [render_chapters(d) for d in docs()]


def test_a_batch_writes_what_one_file_at_a_time_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same files, same bytes, same list of files per document (the book after the Markdown)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    texts = [
        "標題一\n\n這是第一篇文章的正文，說明一些事情。\n",
        "标题二\n\n第二篇正文。\n\n```js\nx = 1\n```\n",
        "",
    ]
    for i, text in enumerate(texts):
        (raw / f"d{i}.txt").write_text(text, encoding="utf-8")
    items = [(raw / f"d{i}.txt", f"d{i}.txt") for i in range(len(texts))]
    alone = [process.process_into_build(path, Options(), tmp_path / "alone", name) for path, name in items]
    monkeypatch.setattr(process, "BOOKS_BYTES", 1)  # a call as soon as a document waits
    small = process.process_batch(items, Options(), tmp_path / "small")
    monkeypatch.setattr(process, "BOOKS_BYTES", 1 << 30)
    batch = process.process_batch(items, Options(), tmp_path / "batch")
    for outcomes, build in ((small, "small"), (batch, "batch")):
        assert [o.files for o in outcomes] == [o.files for o in alone]
        for o in alone:
            for name in o.files:
                assert (tmp_path / build / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()
    assert alone[0].files[3] == "epub/d0.epub" and alone[2].failed  # an empty file is a problem


def test_pandoc_takes_the_runtime_options_and_writes_the_same_html(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled pandoc takes `PANDOC_RTS`; the chapters are those pandoc writes without them."""
    assert epub_edition.runtime_args() == ["+RTS", "-A16m", "-RTS"]
    with_options = render_books(docs())
    monkeypatch.setattr(epub_edition, "runtime_args", lambda: [])
    assert render_books(docs()) == with_options


def test_a_pandoc_that_refuses_runtime_options_gets_none(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str, to: str, format: str, extra_args: list[str] = (), **_: object) -> str:
        if "+RTS" in extra_args:
            raise RuntimeError("pandoc: Most RTS options are disabled. Link with -rtsopts to enable them.")
        return ""

    monkeypatch.setattr(epub_edition.pypandoc, "convert_text", refuse)
    epub_edition.runtime_args.cache_clear()
    try:
        assert epub_edition.runtime_args() == []
    finally:
        epub_edition.runtime_args.cache_clear()
