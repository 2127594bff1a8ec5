"""EPUB edition: epubcheck-clean books, one chapter per article, text never becomes markup.

epubcheck is required (CI installs Debian's `epubcheck`): when it is missing
these tests fail with the helper's message instead of skipping.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from paths import RAW

from zhclean.tasks.core.model import Article, Block, Document
from zhclean.tasks.editions import epub_edition as edition_epub
from zhclean.tasks.editions.epub_edition import (
    EpubcheckUnavailable,
    epub_toc,
    epubcheck,
    iso_date,
    write_epub_edition,
)
from zhclean.tasks.pipeline.run import normalize_document

SCRIPT = "<script>alert(1)</script>"


def article(doc_id: str, n: int, title: str, *texts: str, **fields: object) -> Article:
    blocks = [Block("paragraph", t, i, i) for i, t in enumerate(texts, 1)]
    return Article(f"{doc_id}-{n:03d}", f"{doc_id}.txt", title, blocks, **fields)


def handmade_docs() -> list[Document]:
    """Three small documents written for the test: a periodical, hostile text, and no articles."""
    periodical = Document(
        "p.txt",
        "1" * 64,
        "utf-8",
        10,
        metadata={"title": "月刊 第3期", "date": "2022年3月1日"},
        articles=[
            article("p", 1, "春天来了", "春风吹过田野，麦苗返青。", authors=["王明"], page=2),
            article("p", 2, "社区新事", "志愿者每天准时到岗。", section="基层"),
            article("p", 3, "读者来信", "感谢编辑部。"),
        ],
    )
    periodical.articles[0].blocks.append(Block("caption", "田野里的麦苗", 5, 5))
    hostile = Document(
        "h.txt",
        "2" * 64,
        "utf-8",
        10,
        metadata={"title": f"坏标题 {SCRIPT} & # *"},
        articles=[
            article("h", 1, f"标题 {SCRIPT}", f"正文 {SCRIPT} & 符号 # 井号 * 星号", "1. 列表\n- 横线\n# 井"),
            article("h", 2, "控制字符", "甲\x01乙\ud800丙 &amp; <b>粗</b> <!-- 注 -->"),
            article("h", 3, "", "无题文章的正文。"),
        ],
    )
    empty = Document("e.txt", "3" * 64, "utf-8", 0)
    return [periodical, hostile, empty]


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Document], list[Path]]:
    docs = handmade_docs()
    return docs, write_epub_edition(docs, tmp_path_factory.mktemp("epub"))


def chapter_files(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        return {n: book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")}


def test_paths_written(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    assert [p.name for p in paths] == ["corpus.epub", "p.epub", "h.epub", "e.epub"]
    assert all(p.parent.name == "epub" and zipfile.is_zipfile(p) for p in paths)


def test_every_book_passes_epubcheck(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    errors = {p.name: epubcheck(p) for p in paths}
    assert errors == {p.name: [] for p in paths}


def test_corpus_book_has_a_part_per_document_and_a_chapter_per_article(
    handmade: tuple[list[Document], list[Path]],
) -> None:
    docs, paths = handmade
    toc = epub_toc(paths[0])
    assert [t for level, t in toc if level == 1] == ["月刊 第3期", f"坏标题 {SCRIPT} & # *", "e"]
    assert [t for level, t in toc if level == 2] == [
        "春天来了",
        "社区新事",
        "读者来信",
        f"标题 {SCRIPT}",
        "控制字符",
        "无题",
    ]
    files = chapter_files(paths[0])
    with_h2 = [n for n, text in files.items() if "<h2" in text]
    assert len(with_h2) == sum(len(d.articles) for d in docs) == 6


def test_document_books_have_a_chapter_per_article(handmade: tuple[list[Document], list[Path]]) -> None:
    docs, paths = handmade
    for doc, path in zip(docs[:2], paths[1:3], strict=True):
        assert [t for level, t in epub_toc(path) if level == 1] == [a.title or "无题" for a in doc.articles]
        assert all(level == 1 for level, _ in epub_toc(path))


def test_script_and_entities_stay_text(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    text = "".join(chapter_files(paths[2]).values())
    assert "<script" not in text and "<b>" not in text and "<!--" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&amp;amp;" in text  # the literal "&amp;" of the source, not an ampersand
    assert "1. 列表<br />\n- 横线<br />\n# 井" in text
    assert "甲\ufffd乙\ufffd丙" in text


def test_document_without_articles_keeps_a_note(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    text = "".join(chapter_files(paths[3]).values())
    assert "本文档没有切分出文章" in text
    corpus = "".join(chapter_files(paths[0]).values())
    assert corpus.count("本文档没有切分出文章") == 1


def test_book_metadata(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    with zipfile.ZipFile(paths[1]) as book:
        opf = book.read("EPUB/content.opf").decode("utf-8")
    assert "<dc:language>zh-CN</dc:language>" in opf
    assert re.search(r"<dc:title[^>]*>月刊 第3期</dc:title>", opf)
    assert re.search(r"<dc:date[^>]*>2022-03-01</dc:date>", opf)
    assert "urn:uuid:" in opf


def test_same_input_same_identifier() -> None:
    docs = handmade_docs()
    assert edition_epub.book_identifier(docs) == edition_epub.book_identifier(handmade_docs())
    assert edition_epub.book_identifier(docs[:1]) != edition_epub.book_identifier(docs[1:2])


def test_real_corpus_book(tmp_path: Path) -> None:
    docs = [normalize_document(p.read_bytes(), p.name) for p in sorted(RAW.glob("*.txt"))]
    path = edition_epub.build_epub(
        edition_epub.corpus_markdown(docs),
        tmp_path / "corpus.epub",
        edition_epub.metadata_args("corpus", docs, "raw"),
        split_level=2,
        toc_depth=2,
    )
    assert epubcheck(path) == []
    toc = epub_toc(path)
    assert sum(1 for level, _ in toc if level == 1) == len(docs)
    assert sum(1 for level, _ in toc if level == 2) == sum(len(d.articles) for d in docs)


def test_empty_corpus_still_makes_a_valid_book(tmp_path: Path) -> None:
    (path,) = write_epub_edition([], tmp_path)
    assert epubcheck(path) == []
    assert [level for level, _ in epub_toc(path)] == [1]  # pandoc's entry for the title


def test_epubcheck_reports_a_broken_book(tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("EPUB/text.xhtml", "<html><p>未闭合</html>")
    assert epubcheck(broken) != []


def test_epubcheck_missing_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(edition_epub, "EPUBCHECK_JAR", tmp_path / "no.jar")
    with pytest.raises(EpubcheckUnavailable, match="apt-get install epubcheck"):
        epubcheck(tmp_path / "any.epub")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022年3月1日", "2022-03-01"),
        ("出版于 2022.12.31 星期六", "2022-12-31"),
        ("2022-02-30", None),
        ("2022-2-3x", "2022-02-03"),
        ("2022-13-01", None),
        ("三月", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected
