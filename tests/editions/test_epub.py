"""EPUB edition: epubcheck-clean books, one chapter per article, text never becomes markup.

epubcheck is required (CI installs Debian's `epubcheck`): when it is missing
these tests fail with the helper's message instead of skipping.
"""

from __future__ import annotations

import hashlib
import re
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree

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
from zhclean.tasks.editions.epub_meta import book_authors, book_identifier, document_date
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


DC = "{http://purl.org/dc/elements/1.1/}"
OPF = "{http://www.idpf.org/2007/opf}"


def book_metadata(path: Path) -> dict[str, list[str]]:
    """The OPF's metadata read out of the EPUB zip: element (dc: prefix or meta property) -> values."""
    with zipfile.ZipFile(path) as book:
        root = ElementTree.fromstring(book.read("EPUB/content.opf"))
    found: dict[str, list[str]] = {}
    for element in root.find(f"{OPF}metadata") or []:
        name = element.tag.replace(DC, "dc:").replace(OPF, "")
        key = element.get("property", name) if name == "meta" else name
        found.setdefault(key, []).append(element.text or "")
    return found


def identifier_of(*raw_names: str) -> str:
    digests = [hashlib.sha256((RAW / name).read_bytes()).hexdigest() for name in raw_names]
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'zhclean:' + ','.join(digests))}"


RAW_NAMES = [p.name for p in sorted(RAW.glob("*.txt"))]

# Read off the raw files: raw/000 is an issue of a periodical (主办 中共吉林市委组织部, 出刊
# 2022年5月) whose articles 3-8 each have their own byline, an organisation (its table of
# contents, lines 45-80); the profiles after them name the person profiled, not an author
# (tests/golden/REVIEW.md, A8-A24); raw/001 a web page (2020年03月20日10:52 来源:齐鲁网);
# raw/002 two pages of a newspaper, an author per article; raw/003 and raw/004 state no
# author, publisher or date.
RAW_BOOKS = {
    "000_e749a98af03e7493": {
        "dc:title": ["研究与交流 2022年第2期"],
        "dc:contributor": [
            "昌邑区东局子街道党工委",
            "丰满区泰山街道党工委",
            "船营区向阳街道天北社区党委",
            "昌邑区延安街道鸿博嘉园社区党委",
            "龙潭区龙潭街道密哈、象园社区党委",
            "丰满区江南街道中环社区党委",
        ],
        "dc:publisher": ["中共吉林市委组织部"],
        "dc:date": ["2022-05"],
        "dcterms:modified": ["2022-05-01T00:00:00Z"],
    },
    "001_e3528ec2684411c3": {
        "dc:title": ["战“疫”一线党旗飘扬"],
        "dc:publisher": ["齐鲁网"],
        "dc:date": ["2020-03-20"],
        "dcterms:modified": ["2020-03-20T00:00:00Z"],
    },
    "002_b722e41bb6c714af": {
        "dc:title": ["铁岭县千余名机关在职党员干部下沉到社区村屯"],
        "dc:contributor": ["王云峰", "忠言", "王伟", "任何佳", "新组宣", "张飞"],
        "dcterms:modified": ["1980-01-01T00:00:00Z"],
    },
    "003_b090f85b8062f7c2": {
        "dc:title": ["在防疫一线发挥党组织战斗堡垒作用"],
        "dcterms:modified": ["1980-01-01T00:00:00Z"],
    },
    "004_2f811c37439251f9": {
        "dc:title": ["到社区去，到一线去，到基层防疫最需要的地方去"],
        "dcterms:modified": ["1980-01-01T00:00:00Z"],
    },
}


@pytest.fixture(scope="module")
def raw_books(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Document], list[Path]]:
    docs = [normalize_document((RAW / name).read_bytes(), name) for name in RAW_NAMES]
    return docs, write_epub_edition(docs, tmp_path_factory.mktemp("raw-epub"))


def test_raw_document_books_state_what_the_document_states(
    raw_books: tuple[list[Document], list[Path]],
) -> None:
    _, paths = raw_books
    books = {p.stem: book_metadata(p) for p in paths[1:]}
    want = {
        stem: {
            "dc:identifier": [identifier_of(stem + ".txt")],
            "dc:language": ["zh-Hans"],
            "dc:description": [
                f"{stem}.txt sha256:{hashlib.sha256((RAW / (stem + '.txt')).read_bytes()).hexdigest()}"
            ],
            **fields,
        }
        for stem, fields in RAW_BOOKS.items()
    }
    assert {stem: dict(sorted(meta.items())) for stem, meta in books.items()} == {
        stem: dict(sorted(meta.items())) for stem, meta in want.items()
    }


def test_raw_corpus_volume_has_a_corpus_title_and_no_author_or_date(
    raw_books: tuple[list[Document], list[Path]],
) -> None:
    docs, paths = raw_books
    assert paths[0].name == "corpus.epub"
    assert book_metadata(paths[0]) == {
        "dc:identifier": [identifier_of(*RAW_NAMES)],
        "dc:title": ["zhclean corpus (5)"],
        "dc:language": ["zh-Hans"],
        "dc:description": ["; ".join(f"{d.source} ({len(d.articles)})" for d in docs)],
        "dcterms:modified": ["2022-05-01T00:00:00Z"],  # the latest date a document states
    }


def test_raw_books_pass_epubcheck_and_chapters_name_their_own_authors(
    raw_books: tuple[list[Document], list[Path]],
) -> None:
    _, paths = raw_books
    assert {p.name: epubcheck(p) for p in paths} == {p.name: [] for p in paths}
    by_stem = {p.stem: p for p in paths}
    pages = chapter_files(by_stem["002_b722e41bb6c714af"])
    authors = [
        re.findall(r'<meta name="author" content="([^"]*)"', pages[n]) for n in sorted(pages) if "/ch" in n
    ]
    assert authors == [["王云峰"], ["王云峰"], ["忠言"], ["王伟"], ["任何佳"], ["新组宣"], ["张飞"]]
    toc = epub_toc(paths[0])
    assert sum(1 for level, _ in toc if level == 1) == len(RAW_NAMES)
    assert sum(1 for level, _ in toc if level == 2) == sum(len(d.articles) for d in raw_books[0])


def test_handmade_book_metadata(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    meta = book_metadata(paths[1])
    assert meta["dc:title"] == ["月刊 第3期"]
    assert meta["dc:date"] == ["2022-03-01"]
    assert meta["dc:contributor"] == ["王明"]  # the one article with a byline
    assert "dc:creator" not in meta


def test_same_input_same_identifier() -> None:
    assert book_identifier(["1" * 64]) == book_identifier(["1" * 64])
    assert book_identifier(["1" * 64]) != book_identifier(["2" * 64])


def test_one_author_for_every_article_is_the_books_creator() -> None:
    doc = Document(
        "a.txt",
        "4" * 64,
        "utf-8",
        10,
        articles=[article("a", n, f"第{n}章", "正文。", authors=["李华", "张三"]) for n in (1, 2)],
    )
    assert book_authors(doc) == (["李华", "张三"], [])
    assert book_authors(Document("b.txt", "5" * 64, "utf-8", 1, metadata={"authors": ["赵六"]})) == (
        ["赵六"],
        [],
    )


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"date": "2022-05"}, "2022-05"),
        ({"date": "2020-03-20T10:52"}, "2020-03-20"),
        ({"date": "2022年5月", "issue": {"year": 2021, "number": 2}}, "2022-05"),
        ({"issue": {"text": "2022年第2期", "year": 2022, "number": 2}}, "2022"),  # 第2期 is no month
        ({"date": "2022"}, "2022"),
        ({"date": "2022-13"}, None),
        ({"date": "0000-05"}, None),
        ({"date": "0000"}, None),
        ({}, None),
    ],
)
def test_document_date(metadata: dict[str, object], expected: str | None) -> None:
    assert document_date(Document("d.txt", "6" * 64, "utf-8", 1, metadata=metadata)) == expected


def test_document_books_are_byte_reproducible(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_epub_edition(handmade_docs(), tmp_path / "a")]
    assert [p.read_bytes() for p in write_epub_edition(handmade_docs(), tmp_path / "b")] == first


def test_book_zip_has_mimetype_first_and_stored(handmade: tuple[list[Document], list[Path]]) -> None:
    _, paths = handmade
    with zipfile.ZipFile(paths[1]) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, book.read(first)) == (
            "mimetype",
            zipfile.ZIP_STORED,
            b"application/epub+zip",
        )
        assert {i.date_time for i in book.infolist()} == {(2022, 3, 1, 0, 0, 0)}


def test_empty_corpus_still_makes_a_valid_book(tmp_path: Path) -> None:
    (path,) = write_epub_edition([], tmp_path)
    assert epubcheck(path) == []
    assert [level for level, _ in epub_toc(path)] == [1]  # the title page's entry


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
