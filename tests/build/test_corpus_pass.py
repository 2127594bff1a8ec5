"""The corpus editions in one pass: each record read once, and the same editions as writing each alone."""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from paths import RAW

from zhclean.tasks.build import corpus_pass
from zhclean.tasks.build.process import process_into_build
from zhclean.tasks.build.results import read_index, write_index
from zhclean.tasks.core.model import document_from_record
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions.epub_edition import epub_toc, epubcheck, volumes
from zhclean.tasks.editions.markdown_edition import render_corpus_markdown

TEXTS = {
    "a.txt": "春耕\n\n田里一片忙碌，农民们在播种。\n",
    "b.txt": "秋收\n\n稻谷金黄，大家忙着收割。\n",
    "c.txt": "冬藏\n\n粮食入仓，准备过冬。\n",
}


def build_of(tmp_path: Path, files: list[Path]) -> Path:
    build = tmp_path / "build"
    outcomes = [process_into_build(path, Options(), build) for path in files]
    write_index([o.summary for o in outcomes if o.summary is not None], build)
    return build


def run_pass(build: Path, **options: Any) -> dict[str, float]:
    run = {"run_id": "test"}
    summary = {"processed": 3, "documents": 3, "failed": [], "articles": 3, "edits": 0, "problems": 0}
    summary |= {"edits_by_kind": {}, "lint": {}, "lint_warnings": {}}
    return corpus_pass.write_corpus_editions(
        build, read_index(build), {"tool": "t"}, run, summary, [], **options
    )


@pytest.fixture
def small_build(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in TEXTS.items():
        (raw / name).write_text(text, encoding="utf-8")
    return build_of(tmp_path, sorted(raw.iterdir()))


def test_each_record_is_read_once(small_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []

    def counting(record: dict[str, object], edits: bool = True) -> object:
        read.append(str(record["source"]))
        return document_from_record(record, edits)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_pass, "document_from_record", counting)
    seconds = run_pass(small_build, sqlite_process=False)
    assert read == ["a.txt", "b.txt", "c.txt"]
    assert set(seconds) == {"json", "markdown", "sqlite", "report", "epub volumes", "read records"}


def test_the_second_process_writes_the_same_database(small_build: Path, tmp_path: Path) -> None:
    here = shutil.copytree(small_build, tmp_path / "here")
    seconds = run_pass(small_build, sqlite_process=True)
    run_pass(here, sqlite_process=False)
    assert {"sqlite", "sqlite edits", "sqlite wait", "sqlite finish"} <= set(seconds)
    database = "sqlite/corpus.sqlite"
    assert (small_build / database).read_bytes() == (here / database).read_bytes()
    assert not list((small_build / "sqlite").glob(".*"))  # no temporary file left


def test_meanwhile_runs_once_after_the_other_editions(small_build: Path) -> None:
    seen: list[int] = []

    def count_articles() -> None:
        seen.append(len((small_build / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()))
        assert (small_build / "report" / "report.json").is_file()
        assert (small_build / "epub" / "corpus.epub").is_file()

    seconds = run_pass(small_build, meanwhile=count_articles, sqlite_process=True)
    assert seen == [3]
    assert "meanwhile" in seconds


def test_records_parse_as_json_reads_them() -> None:
    record = '{"text": "中文\\u00e9\\ud83d\\ude00", "n": [1, 2.5, -0.0, 1e300], "none": null}'.encode()
    assert corpus_pass.parse_json(record) == json.loads(record)
    # what orjson refuses and json reads: NaN, and integers beyond 64 bits
    assert math.isnan(corpus_pass.parse_json(b'{"share": NaN}')["share"])
    assert corpus_pass.parse_json(b"[18446744073709551616]") == [2**64]


def test_every_corpus_edition_holds_every_document(small_build: Path) -> None:
    run_pass(small_build)
    lines = (small_build / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [(r["source"], r["title"]) for r in map(json.loads, lines)] == [
        ("a.txt", "春耕"),
        ("b.txt", "秋收"),
        ("c.txt", "冬藏"),
    ]
    manifest = json.loads((small_build / "json" / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["tool"], [d["source"] for d in manifest["documents"]]) == (
        "t",
        ["a.txt", "b.txt", "c.txt"],
    )
    corpus = (small_build / "markdown" / "corpus.md").read_text(encoding="utf-8")
    assert [line for line in corpus.splitlines() if line.startswith("#")] == [
        "# 春耕",
        "## 春耕",
        "# 秋收",
        "## 秋收",
        "# 冬藏",
        "## 冬藏",
    ]
    db = sqlite3.connect(small_build / "sqlite" / "corpus.sqlite")
    assert db.execute("SELECT source FROM documents ORDER BY id").fetchall() == [
        ("a.txt",),
        ("b.txt",),
        ("c.txt",),
    ]
    db.close()
    report = json.loads((small_build / "report" / "report.json").read_text(encoding="utf-8"))
    assert [d["source"] for d in report["documents"]] == ["a.txt", "b.txt", "c.txt"]
    md = (small_build / "report" / "report.md").read_text(encoding="utf-8")
    assert [line for line in md.splitlines() if line.startswith("## ") and line.endswith(".txt")] == [
        "## a.txt",
        "## b.txt",
        "## c.txt",
    ]
    assert epub_toc(small_build / "epub" / "corpus.epub") == [
        (1, "春耕"),
        (2, "春耕"),
        (1, "秋收"),
        (2, "秋收"),
        (1, "冬藏"),
        (2, "冬藏"),
    ]


def test_the_pass_writes_what_each_writer_alone_writes(tmp_path: Path) -> None:
    build = build_of(tmp_path, sorted(RAW.glob("*.txt")))
    run_pass(build)
    summaries = read_index(build)
    docs = [corpus_pass.read_document(build, s) for s in summaries]
    assert (build / "markdown" / "corpus.md").read_text(encoding="utf-8") == render_corpus_markdown(docs)
    lines = (build / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [a.id for d in docs for a in d.articles]
    assert epubcheck(build / "epub" / "corpus.epub") == []


def test_volumes_follow_the_edition_order(small_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus_pass, "volumes", lambda summaries: volumes(summaries, limit=1))
    run_pass(small_build)
    books = sorted(p.name for p in (small_build / "epub").glob("corpus*.epub"))
    assert books == ["corpus-001.epub", "corpus-002.epub", "corpus-003.epub"]
    assert [epub_toc(small_build / "epub" / name) for name in books] == [
        [(1, "春耕"), (2, "春耕")],
        [(1, "秋收"), (2, "秋收")],
        [(1, "冬藏"), (2, "冬藏")],
    ]
    assert epubcheck(small_build / "epub" / "corpus-002.epub") == []


def test_the_database_reads_a_record_as_the_document_it_stands_for(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("春耕\n\n田裡一片忙碌,農民們在播種.\n", encoding="utf-8")
    build = build_of(tmp_path, [raw / "t.txt"])
    (item,) = read_index(build)
    full = corpus_pass.read_document(build, item)
    doc = corpus_pass.read_document(build, item, edits=False)
    rows, removed = corpus_pass.read_edits(build, item)
    assert [(kind, before, after) for _, kind, before, after, _, _ in rows] == [
        ("script.t2s", "裡", "里"),
        ("script.t2s", "農", "农"),
        ("script.t2s", "們", "们"),
        ("script.t2s", "種", "种"),
        ("punct.fullwidth_comma", ",", "，"),
        ("punct.fullwidth_period", ".", "。"),
    ]
    assert rows == [(e.stage, e.kind, e.before, e.after, e.line, e.offset) for e in full.edits]
    assert removed == full.removed
    assert doc.edits == [] and doc.articles == full.articles
    assert sum(item.report["edits_by_kind"].values()) == len(rows)  # the documents table's count


def test_a_summary_without_counts_by_kind_still_gives_the_edit_count(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "t.txt").write_text("春耕\n\n田裡一片忙碌,農民們在播種.\n", encoding="utf-8")
    build = build_of(tmp_path, [raw / "t.txt"])
    (item,) = read_index(build)
    assert corpus_pass.edit_count(build, item) == 6  # 裡 農 們 種 , .
    bare = replace(item, report={})
    assert corpus_pass.edit_count(build, bare) == 6
