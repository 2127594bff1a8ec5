"""The SQLite edition: the corpus as one database, searchable for Chinese substrings.

`sqlite/corpus.sqlite` holds the documents, their articles, the articles' blocks and every
edit, plus FTS5 indexes with the `trigram` tokenizer: Chinese has no spaces to cut words
at, and a trigram index finds any substring of three characters or more, so
`SELECT ... FROM blocks_fts WHERE blocks_fts MATCH '疫情防控'` works with the standard
library's `sqlite3` (SQLite 3.34+). The indexes are external-content tables over `blocks`
and `articles`, so the text is stored once. The database is written by streaming the
documents (one in memory at a time) into two temporary files, one for the documents, articles
and blocks (`DocumentTables`), one for the edits and removed text (`EditTables`): two
processes can write them side by side, each indexing its own tables. `finish_database` copies
the first (the smaller, with its search indexes) into the second and renames it into place.
The schema (`SCHEMA`) is documented in the README ("Where the editions land").
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from zhclean.tasks.core.model import Document, DocumentSummary, Removed
from zhclean.tasks.editions.markdown_edition import UNPRINTABLE_RE, document_title, printable, safe_stem

#: Bumped when the tables change; readers find it in `PRAGMA user_version`.
SCHEMA_VERSION = 1
FILE_NAME = "corpus.sqlite"

#: The tables of documents, articles and blocks (written by `DocumentTables`).
DOCUMENT_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,          -- 1, 2, ... in edition order (by source name)
    source TEXT NOT NULL UNIQUE,     -- the raw file's path inside raw/
    stem TEXT NOT NULL,              -- the name of its per-document editions
    title TEXT NOT NULL,
    sha256 TEXT NOT NULL,            -- of the raw bytes
    encoding TEXT NOT NULL,
    size INTEGER NOT NULL,           -- raw bytes
    script TEXT NOT NULL,            -- simplified / traditional / mixed / none
    traditional_share REAL NOT NULL,
    converted_chars INTEGER NOT NULL,
    metadata TEXT NOT NULL,          -- JSON object: masthead, table of contents, web source, date
    articles INTEGER NOT NULL,
    edits INTEGER NOT NULL
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,             -- as in articles.jsonl, e.g. 000_e749a98af03e7493-001
    document_id INTEGER NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,       -- 1-based, within the document
    title TEXT NOT NULL,
    subtitle TEXT,
    authors TEXT NOT NULL,           -- the authors joined by '、' ('' when none)
    authors_json TEXT NOT NULL,      -- JSON list of strings
    section TEXT,
    series TEXT,
    page INTEGER,
    date TEXT,
    origin TEXT,
    first_line INTEGER NOT NULL,     -- raw line span
    last_line INTEGER NOT NULL
);
CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,       -- 1-based, within the article
    type TEXT NOT NULL,              -- heading / paragraph / caption
    text TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL
);
"""
#: The tables of edits and removed text (written by `EditTables`, apart: the bulk of the rows).
EDIT_TABLES = """CREATE TABLE edits (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    stage TEXT NOT NULL,
    kind TEXT NOT NULL,              -- the rule's name
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    line INTEGER NOT NULL,           -- raw line
    "offset" INTEGER
);
CREATE TABLE removed (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    text TEXT NOT NULL,
    reason TEXT NOT NULL,            -- the rule that removed it
    line INTEGER NOT NULL
);
"""
#: The full-text indexes over the blocks and the articles' titles.
SEARCH_TABLES = """CREATE VIRTUAL TABLE blocks_fts USING fts5(
    text, content='blocks', content_rowid='id', tokenize='trigram'
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, subtitle, authors, content='articles', content_rowid='rowid', tokenize='trigram'
);
"""
SCHEMA = DOCUMENT_TABLES + EDIT_TABLES + SEARCH_TABLES

#: Built once the rows are in: an index kept up to date row by row costs a B-tree insert per row
#: in key order, which grows faster than the corpus once the index no longer fits the page
#: cache; one sort at the end does not. The edits' indexes are built by the part that holds
#: the edits (`EditTables`), the others once the documents' tables are copied in.
EDIT_INDEXES = """
CREATE INDEX edits_document ON edits(document_id);
CREATE INDEX edits_kind ON edits(kind);
CREATE INDEX removed_document ON removed(document_id);
"""
DOCUMENT_INDEXES = """
CREATE INDEX articles_document ON articles(document_id, position);
CREATE INDEX blocks_article ON blocks(article_id, position);
"""

#: The tables FTS5 keeps an external-content index in (`%_data`, `%_idx`, `%_docsize`,
#: `%_config`): copied with the documents' tables, they carry the index built beside them.
FTS_SHADOW_TABLES = tuple(
    f"{index}_{part}"
    for index in ("blocks_fts", "articles_fts")
    for part in ("data", "idx", "docsize", "config")
)

#: Bytes per page of the blocks' full-text index (FTS5's `pgsz`; its default is 4,050).
FTS_PAGE_SIZE = 16000
#: Bytes of pending index FTS5 holds in memory before it writes a segment (`hashsize`; its
#: default is 1 MiB): the trigram index of 52 MB of text (1,000 documents) is rebuilt in 5.3 s
#: instead of 14.8 s, as fewer, larger segments are written and merged, for 11 MB more memory
#: (8 MiB: 5.5 s; 64 MiB: 4.9 s). A setting of the index, kept in its `%_config` table.
FTS_HASH_SIZE = 16 * 1024 * 1024

#: An edit as the `edits` table takes it: stage, kind, before, after, line, offset.
EditRow = tuple[str, str, str, str, int, "int | None"]


def edit_rows(doc: Document) -> list[EditRow]:
    return [(e.stage, e.kind, e.before, e.after, e.line, e.offset) for e in doc.edits]


def record_edit_rows(record: dict[str, Any]) -> list[EditRow]:
    """The edits of a document's record (`document_record`) as rows, without an `Edit` each."""
    return [
        (e["stage"], e["kind"], e["before"], e["after"], e["line"], e.get("offset")) for e in record["edits"]
    ]


def _text(value: Any) -> Any:
    """Text as SQLite may store it (no lone surrogates); other values unchanged."""
    return printable(value) if isinstance(value, str) else value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8", "replace").decode("utf-8")


def _same(value: Any) -> Any:
    return value


def _cleaner(texts: list[Any]) -> Callable[[Any], Any]:
    """`_text` for these values, or `_same` when none of them has a character to replace (nearly
    always): one search over all of a document's texts instead of a call per value, which was a
    third of the edition's CPU time (a document has thousands of edits)."""
    try:
        joined = "".join(texts)
    except TypeError:  # a value that is not text (none of ours is): the others
        joined = "".join(t for t in texts if isinstance(t, str))
    # the pattern is one character class, so it matches the joined text where it matches a piece
    return _text if UNPRINTABLE_RE.search(joined) else _same


def _insert_articles(db: sqlite3.Connection, number: int, doc: Document, edit_count: int) -> None:
    """The document's row, its articles and their blocks."""
    texts = [a.id for a in doc.articles]
    texts += [b.text for a in doc.articles for b in a.blocks]
    text = _cleaner(texts)
    db.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            number,
            _text(doc.source),
            safe_stem(doc.stem),
            _text(document_title(doc)),
            doc.sha256,
            doc.encoding,
            doc.size,
            doc.script.script,
            doc.script.traditional_share,
            doc.script.converted_chars,
            _json(doc.metadata),
            len(doc.articles),
            edit_count,
        ),
    )
    for position, article in enumerate(doc.articles, 1):
        db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                _text(article.id),
                number,
                position,
                _text(article.title),
                _text(article.subtitle),
                _text("、".join(article.authors)),
                _json(article.authors),
                _text(article.section),
                _text(article.series),
                article.page,
                _text(article.date),
                _text(article.origin),
                article.start,
                article.end,
            ),
        )
        article_id = text(article.id)
        db.executemany(
            "INSERT INTO blocks (article_id, position, type, text, first_line, last_line) VALUES (?,?,?,?,?,?)",
            [(article_id, i, b.type, text(b.text), b.start, b.end) for i, b in enumerate(article.blocks, 1)],
        )


def _insert_edits(
    db: sqlite3.Connection, number: int, edits: Sequence[EditRow], removed: Sequence[Removed]
) -> None:
    """The document's edits and removed text."""
    texts = [e[2] for e in edits]  # flat list comprehensions: a tuple per edit cost twice as much
    texts += [e[3] for e in edits]
    texts += [r.text for r in removed]
    text = _cleaner(texts)
    # the document's number (an int) is part of the statement, so the rows go in as they came,
    # without a tuple each made to hold it (2.9 million rows at 1,000 documents)
    db.executemany(
        f'INSERT INTO edits (document_id, stage, kind, before, after, line, "offset") VALUES ({int(number)},?,?,?,?,?,?)',
        [
            (stage, kind, text(before), text(after), line, offset)
            for stage, kind, before, after, line, offset in edits
        ]
        if text is not _same
        else edits,
    )
    db.executemany(
        "INSERT INTO removed (document_id, text, reason, line) VALUES (?,?,?,?)",
        [(number, text(r.text), r.reason, r.line) for r in removed],
    )


#: Bytes per database page (SQLite's default is 4,096). The database is written once, row after
#: row, and then only read; on pages of 16 kB the 2.9 million edits of 1,000 benchmark documents
#: went in in 2.9-3.0 CPU s instead of 3.1-3.4, their indexes in 1.5 instead of 1.8, and the
#: trigram index in 5.7 instead of 6.0-6.6 (measured apart, on the rows of one run), the file
#: 2 % smaller. Every part is made with it, so the database has one page size whichever
#: processes wrote it.
PAGE_SIZE = 16384


def _connect(path: Path, tables: str) -> sqlite3.Connection:
    """A new database file at `path` with `tables` on pages of `PAGE_SIZE`, written without a
    journal (it is a temporary file: a failed run leaves nothing the published build reads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table, which fixes it
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(tables)
    return db


class _Part:
    """A part of the database in a temporary file of its own, which `finish_database` completes."""

    SUFFIX = ".tmp"
    TABLES = ""

    def __init__(self, out: Path) -> None:
        self.path = self.temporary(out)
        self.db = _connect(self.path, self.TABLES)
        self.count = 0

    @classmethod
    def temporary(cls, out: Path) -> Path:
        return out / "sqlite" / f".{FILE_NAME}{cls.SUFFIX}"

    def close(self) -> Path:
        """Commit (and `_complete`) the part; its temporary file."""
        try:
            self.db.commit()
            self._complete()
        finally:
            self.db.close()
        return self.path

    def _complete(self) -> None:
        """What a part does once its rows are in."""

    def abort(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


class DocumentTables(_Part):
    """The database's documents, articles and blocks, indexed for search when closed (the index
    rebuilt and merged): what the second process writes. `finish_database` copies them out."""

    SUFFIX, TABLES = ".documents.tmp", DOCUMENT_TABLES + SEARCH_TABLES

    def __init__(
        self, summaries: Sequence[DocumentSummary], out: Path, manifest: dict[str, Any] | None = None
    ) -> None:
        super().__init__(out)
        # Index pages of 16 kB, not FTS5's 4 kB: the trigram index of 52 MB of text (1,000
        # documents) is rebuilt in 13.4 s instead of 18.2 s, for a file 4 % larger; the same hits.
        # And 16 MiB of pending index in memory, not 1 MiB (`FTS_HASH_SIZE`).
        self.db.execute(f"INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('pgsz', {FTS_PAGE_SIZE})")
        self.db.execute(f"INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('hashsize', {FTS_HASH_SIZE})")
        meta = {"schema_version": SCHEMA_VERSION, "documents": len(summaries)}
        meta.update({k: v for k, v in (manifest or {}).items() if k != "documents"})
        self.db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            ((k, v if isinstance(v, str) else _json(v)) for k, v in meta.items()),
        )

    def add(self, doc: Document, edit_count: int) -> None:
        self.count += 1
        _insert_articles(self.db, self.count, doc, edit_count)

    def _complete(self) -> None:
        with self.db:
            for index in ("blocks_fts", "articles_fts"):
                self.db.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
                self.db.execute(f"INSERT INTO {index}({index}) VALUES ('optimize')")


class EditTables(_Part):
    """The database's edits and removed text, the bulk of its rows, indexed when closed: the third
    process writes them meanwhile. The file holds every table (the others empty) and becomes
    the database: `finish_database` copies the documents' tables into it, a few rows for each
    of its many."""

    SUFFIX, TABLES = ".tmp", SCHEMA

    def __init__(self, out: Path) -> None:
        super().__init__(out)
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def add(self, edits: Sequence[EditRow], removed: Sequence[Removed]) -> None:
        self.count += 1
        _insert_edits(self.db, self.count, edits, removed)

    def _complete(self) -> None:
        with self.db:
            self.db.executescript(EDIT_INDEXES)


def finish_database(out: Path, documents: Path, edits: Path) -> Path:
    """Copy the documents' tables, and the search indexes built beside them (FTS5's own tables),
    into the edits' file (rows in the same order, with the same ids and rowids), index them and
    rename the file into place. The same bytes whichever processes wrote the two parts."""
    target = out / "sqlite" / FILE_NAME
    db = sqlite3.connect(edits)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("ATTACH DATABASE ? AS apart", (str(documents),))
        with db:
            for table in ("meta", "documents", "blocks"):
                db.execute(f"INSERT INTO main.{table} SELECT * FROM apart.{table} ORDER BY rowid")
            # `articles` has a text key, so its rowid (what the title index points at) is copied apart
            columns = ", ".join(f'"{row[1]}"' for row in db.execute("PRAGMA apart.table_info(articles)"))
            db.execute(
                f"INSERT INTO main.articles (rowid, {columns}) SELECT rowid, {columns} FROM apart.articles"
                " ORDER BY rowid"
            )
            for table in FTS_SHADOW_TABLES:
                db.execute(f"DELETE FROM main.{table}")
                db.execute(f"INSERT INTO main.{table} SELECT * FROM apart.{table}")
        db.execute("DETACH DATABASE apart")
        with db:
            db.executescript(DOCUMENT_INDEXES)
    finally:
        db.close()
    documents.unlink()
    os.replace(edits, target)
    return target


class SqliteWriter:
    """`out/sqlite/corpus.sqlite` filled as the documents stream past, in this process: its two
    parts (`DocumentTables`, `EditTables`) side by side, completed at `close`."""

    def __init__(
        self, summaries: Sequence[DocumentSummary], out: Path, manifest: dict[str, Any] | None = None
    ) -> None:
        self.out = out
        self.documents = DocumentTables(summaries, out, manifest)
        self.edits = EditTables(out)

    def add(self, doc: Document, edits: Sequence[EditRow] | None = None) -> None:
        """Add a document; its `edits` as rows when given (read from its record), else its own."""
        rows = edit_rows(doc) if edits is None else edits
        self.documents.add(doc, len(rows))
        self.edits.add(rows, doc.removed)

    def close(self) -> Path:
        return finish_database(self.out, self.documents.close(), self.edits.close())

    def abort(self) -> None:
        self.documents.abort()
        self.edits.abort()


def write_sqlite_edition(
    summaries: Sequence[DocumentSummary],
    docs: Iterable[Document | tuple[Document, Sequence[EditRow]]],
    out: Path,
    manifest: dict[str, Any] | None = None,
) -> Path:
    """Write `out/sqlite/corpus.sqlite`, streaming the documents (each alone, or with its edits as
    rows); return its path.

    `manifest` (the run: tool and rules versions, options) goes into the `meta` table."""
    writer = SqliteWriter(summaries, out, manifest)
    try:
        for doc in docs:
            if isinstance(doc, tuple):
                writer.add(*doc)
            else:
                writer.add(doc)
    except BaseException:
        writer.abort()
        raise
    return writer.close()


#: The shortest query the trigram index answers; shorter ones are looked up with LIKE (a scan).
MIN_INDEXED_CHARS = 3


def fts_phrase(query: str) -> str:
    """A user's text as one FTS5 phrase (quotes doubled), so no character is read as syntax."""
    return '"' + query.replace('"', '""') + '"'


def search(db: sqlite3.Connection, query: str, limit: int = 50) -> list[dict[str, Any]]:
    """Articles whose title, subtitle, authors or text contain `query`, best first, each with up
    to three hits: `[(field, snippet)]` where the match is wrapped in `\\x02`…`\\x03` (the
    caller escapes the snippet, then turns the marks into highlighting)."""
    query = " ".join(query.split())
    if not query:
        return []
    hits: dict[str, list[tuple[str, str]]] = {}
    if len(query) >= MIN_INDEXED_CHARS:
        phrase = fts_phrase(query)
        title_rows = db.execute(
            "SELECT a.id, highlight(articles_fts, 0, char(2), char(3)),"
            " highlight(articles_fts, 1, char(2), char(3)), highlight(articles_fts, 2, char(2), char(3))"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (phrase, limit),
        ).fetchall()
        block_rows = db.execute(
            "SELECT b.article_id, snippet(blocks_fts, 0, char(2), char(3), '…', 24)"
            " FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid"
            " WHERE blocks_fts MATCH ? ORDER BY rank LIMIT ?",
            (phrase, limit * 10),
        ).fetchall()
    else:
        like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        title_rows = db.execute(
            "SELECT id, title, subtitle, authors FROM articles WHERE title LIKE ? ESCAPE '\\'"
            " OR subtitle LIKE ? ESCAPE '\\' OR authors LIKE ? ESCAPE '\\' LIMIT ?",
            (like, like, like, limit),
        ).fetchall()
        title_rows = [(i, _mark(t, query), _mark(s, query), _mark(a, query)) for i, t, s, a in title_rows]
        block_rows = [
            (i, _mark(_around(t, query), query))
            for i, t in db.execute(
                "SELECT article_id, text FROM blocks WHERE text LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?",
                (like, limit * 10),
            ).fetchall()
        ]
    for article_id, *fields in title_rows:
        found = hits.setdefault(article_id, [])
        found.extend(
            (name, v)
            for name, v in zip(("title", "subtitle", "authors"), fields, strict=True)
            if v and "\x02" in v
        )
    for article_id, snippet in block_rows:
        found = hits.setdefault(article_id, [])
        if len(found) < 3:
            found.append(("text", snippet))
    results = []
    for article_id, found in list(hits.items())[:limit]:
        row = db.execute(
            "SELECT a.id, a.title, a.authors, a.date, d.source, d.stem, d.title"
            " FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        results.append(
            dict(zip(("id", "title", "authors", "date", "source", "stem", "document"), row, strict=True))
            | {"hits": found}
        )
    return results


def _mark(text: str, query: str) -> str:
    return text.replace(query, f"\x02{query}\x03") if text else ""


def _around(text: str, query: str, width: int = 40) -> str:
    at = text.find(query)
    start, end = max(0, at - width), at + len(query) + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
