"""The SQLite edition: the same articles as articles.jsonl, and a trigram index that finds Chinese phrases.

Expected hits are read off the reviewed golden articles (tests/golden/raw/): which articles of
which raw file contain the phrase.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from paths import RAW

from zhclean.tasks.core.model import Article, Block, Document, Edit, Removed
from zhclean.tasks.editions.json_edition import write_json_edition
from zhclean.tasks.editions.markdown_edition import summary_of
from zhclean.tasks.editions.sqlite_edition import SCHEMA_VERSION, search, write_sqlite_edition
from zhclean.tasks.pipeline.run import normalize_document

D000, D001, D002, D003, D004 = (
    "000_e749a98af03e7493",
    "001_e3528ec2684411c3",
    "002_b722e41bb6c714af",
    "003_b090f85b8062f7c2",
    "004_2f811c37439251f9",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[list[Document], Path, Path]:
    docs = [normalize_document(p.read_bytes(), p.name) for p in sorted(RAW.glob("*.txt"))]
    out = tmp_path_factory.mktemp("sqlite")
    db = write_sqlite_edition([summary_of(d) for d in docs], iter(docs), out, {"rules_version": "r1"})
    write_json_edition(docs, out, {})
    return docs, out, db


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def fts_articles(db: Path, phrase: str, source: str | None = None) -> list[str]:
    sql = (
        "SELECT DISTINCT b.article_id FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid"
        " JOIN articles a ON a.id = b.article_id JOIN documents d ON d.id = a.document_id"
        " WHERE blocks_fts MATCH ?" + (" AND d.source = ?" if source else "") + " ORDER BY b.article_id"
    )
    return [r[0] for r in rows(db, sql, phrase, *([source] if source else []))]


def test_the_database_holds_what_articles_jsonl_holds(built) -> None:
    docs, out, db = built
    assert db == out / "sqlite" / "corpus.sqlite"
    records = [json.loads(line) for line in (out / "json" / "articles.jsonl").read_text().splitlines()]
    assert len(records) == 39
    assert [r[0] for r in rows(db, "SELECT id FROM articles ORDER BY document_id, position")] == [
        r["id"] for r in records
    ]
    assert rows(db, "SELECT title, authors_json FROM articles ORDER BY document_id, position") == [
        (r["title"], json.dumps(r["authors"], ensure_ascii=False)) for r in records
    ]
    blocks = rows(db, "SELECT article_id, type, text FROM blocks ORDER BY id")
    assert blocks == [(r["id"], b["type"], b["text"]) for r in records for b in r["blocks"]]
    assert rows(db, "SELECT source, articles, edits FROM documents ORDER BY id") == [
        (d.source, len(d.articles), len(d.edits)) for d in docs
    ]
    assert rows(db, "SELECT count(*) FROM edits") == [(sum(len(d.edits) for d in docs),)]
    assert rows(db, "SELECT count(*) FROM removed") == [(sum(len(d.removed) for d in docs),)]
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert dict(rows(db, "SELECT key, value FROM meta"))["rules_version"] == "r1"


def test_fts_finds_a_chinese_phrase_in_exactly_the_articles_that_contain_it(built) -> None:
    _, _, db = built
    # The newspaper page raw/002: every one of its seven articles mentions 疫情防控.
    assert fts_articles(db, "疫情防控", f"{D002}.txt") == [f"{D002}-{n:03d}" for n in range(1, 8)]
    # The periodical raw/000: all but its 15th article.
    assert fts_articles(db, "疫情防控", f"{D000}.txt") == [f"{D000}-{n:03d}" for n in range(1, 26) if n != 15]
    assert len(fts_articles(db, "疫情防控")) == 38
    assert fts_articles(db, "一个网格一支部") == [f"{D002}-001"]
    assert fts_articles(db, "下沉到社区") == []  # in a title, not in the text
    assert fts_articles(db, "党员突击队") == [
        f"{D000}-002",
        f"{D000}-003",
        f"{D000}-007",
        f"{D000}-009",
        f"{D000}-016",
        f"{D000}-018",
        f"{D001}-001",
        f"{D002}-007",
        f"{D004}-001",
    ]
    assert fts_articles(db, "不在语料里的句子") == []


def test_search_returns_the_articles_with_highlighted_hits(built) -> None:
    _, _, db = built
    with sqlite3.connect(db) as conn:
        found = search(conn, "五色花")
        assert [r["id"] for r in found] == [f"{D002}-002"]
        assert found[0]["hits"][0] == ("title", "“\x02五色花\x03”把温暖和信心送到家")
        assert found[0]["source"] == f"{D002}.txt"
        assert {r["id"] for r in search(conn, "党员突击队")} == set(fts_articles(db, "党员突击队"))
        # Two characters are below the trigram index: looked up with LIKE, same answer shape.
        assert {r["id"] for r in search(conn, "疫情", limit=100)} == {
            r[0] for r in conn.execute("SELECT DISTINCT article_id FROM blocks WHERE text LIKE '%疫情%'")
        } | {r[0] for r in conn.execute("SELECT id FROM articles WHERE title LIKE '%疫情%'")}
        # FTS syntax in a query is text, not syntax; the empty query finds nothing.
        for query in ['"', "疫情 OR", "a*b", "NEAR(", "%", "_", ""]:
            assert isinstance(search(conn, query), list)
        assert search(conn, "   ") == []


def test_text_no_database_may_hold_is_replaced_and_markup_is_kept_as_text(tmp_path: Path) -> None:
    block = Block("paragraph", "<script>alert(1)</script> 坏字\ud800符", 1, 1)
    doc = Document(
        source="x.txt",
        sha256="0" * 64,
        encoding="utf-8",
        size=10,
        articles=[
            Article(id="x-001", source="x.txt", title="标题\x00", blocks=[block], authors=["甲", "乙"])
        ],
        edits=[Edit("typography", "punct.x", ",", "，", 1)],
    )
    db = write_sqlite_edition([summary_of(doc)], [doc], tmp_path)
    assert rows(db, "SELECT text FROM blocks") == [("<script>alert(1)</script> 坏字\ufffd符",)]
    assert rows(db, "SELECT title, authors FROM articles") == [("标题\ufffd", "甲、乙")]
    assert fts_articles(db, '"<script>"') == ["x-001"]
    assert not list((tmp_path / "sqlite").glob(".*"))  # no temporary file left


def test_edits_and_removed_text_are_replaced_like_the_blocks(tmp_path: Path) -> None:
    # only the edits and the removed text hold a character to replace; the blocks are clean
    doc = Document(
        source="y.txt",
        sha256="0" * 64,
        encoding="utf-8",
        size=10,
        articles=[
            Article(id="y-001", source="y.txt", title="标题", blocks=[Block("paragraph", "正文", 2, 2)])
        ],
        edits=[Edit("repair", "html.x", "a\x07b", "ab", 1, 3), Edit("typography", "punct.x", ",", "，", 2)],
        removed=[Removed("页眉\ufdd0", "furniture.running_head", 1)],
    )
    db = write_sqlite_edition([summary_of(doc)], [doc], tmp_path)
    assert rows(db, 'SELECT stage, kind, before, after, line, "offset" FROM edits ORDER BY id') == [
        ("repair", "html.x", "a\ufffdb", "ab", 1, 3),
        ("typography", "punct.x", ",", "，", 2, None),
    ]
    assert rows(db, "SELECT text, reason FROM removed") == [("页眉\ufffd", "furniture.running_head")]
    assert rows(db, "SELECT article_id, text FROM blocks") == [("y-001", "正文")]


def test_a_rebuild_replaces_the_database(built, tmp_path: Path) -> None:
    docs, _, _ = built
    write_sqlite_edition([summary_of(d) for d in docs], iter(docs), tmp_path)
    db = write_sqlite_edition([summary_of(docs[1])], [docs[1]], tmp_path)
    assert rows(db, "SELECT id FROM articles") == [(f"{D001}-001",)]


def test_titles_are_searchable_through_their_own_index(built) -> None:
    _, _, db = built
    sql = "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
    assert rows(db, sql, "下沉到社区") == [(f"{D002}-001",)]


def test_the_search_indexes_copied_in_with_their_tables_are_whole(built) -> None:
    # the indexes are built beside the documents' tables and copied in with them (FTS5's own
    # tables): FTS5's integrity check compares each index with the text it stands for
    _, _, db = built
    with sqlite3.connect(db) as conn:
        for index in ("blocks_fts", "articles_fts"):
            conn.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        # one page size, 16 kB, though two files were joined into it (SQLite's default: 4 kB)
        assert conn.execute("PRAGMA page_size").fetchone() == (16384,)
        indexes = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        assert sorted(r[0] for r in indexes) == [
            "articles_document",
            "blocks_article",
            "edits_document",
            "edits_kind",
            "removed_document",
        ]
    # the rowid the title index points at is the article's own: the phrase is in the titles or
    # subtitles of five golden articles (three of 000, one of 001, one of 003)
    title_sql = "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    found = [r[0] for r in rows(db, title_sql + " WHERE articles_fts MATCH ? ORDER BY a.rowid", '"疫情防控"')]
    like = "SELECT id FROM articles WHERE title LIKE ? OR subtitle LIKE ? ORDER BY rowid"
    assert found == [r[0] for r in rows(db, like, "%疫情防控%", "%疫情防控%")]
    assert found == [f"{D000}-002", f"{D000}-004", f"{D000}-015", f"{D001}-001", f"{D003}-002"]
