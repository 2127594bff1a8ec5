"""The real Prefect flow end to end: raw/ in, every edition and the report out, nothing lost."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from zhclean.tasks.build import process
from zhclean.tasks.build.publish import OutputBusy, output_lock
from zhclean.tasks.editions.epub_edition import epub_toc, epubcheck
from zhclean.tasks.editions.json_edition import validate_article

pytestmark = pytest.mark.flow


@pytest.fixture(scope="module")
def corpus_run(prefect_harness, tmp_path_factory, raw_files):
    """One flow run over the raw corpus, shared by the checks below."""
    from zhclean.flows.normalize_corpus import normalize_corpus

    out = tmp_path_factory.mktemp("output")
    summary = normalize_corpus(raw_dir=str(raw_files[0].parent), out_dir=str(out))
    return summary, out


def test_every_raw_file_is_processed(corpus_run, raw_files):
    summary, _ = corpus_run
    assert summary["processed"] == len(raw_files)
    assert summary["failed"] == []
    assert summary["articles"] >= len(raw_files)


def test_json_edition_matches_schema(corpus_run, raw_files):
    summary, out = corpus_run
    lines = (out / "json" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == summary["articles"]
    for record in records:
        assert validate_article(record) == [], record["id"]
    assert {r["source"] for r in records} == {p.name for p in raw_files}
    manifest = json.loads((out / "json" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rules_version"]
    for p in raw_files:
        assert (out / "json" / "documents" / f"{p.stem}.json").is_file()


def test_markdown_edition_has_a_heading_per_article(corpus_run, raw_files):
    summary, out = corpus_run
    total = 0
    for p in raw_files:
        text = (out / "markdown" / f"{p.stem}.md").read_text(encoding="utf-8")
        assert text.startswith("---\n")
        total += sum(1 for line in text.splitlines() if line.startswith("## "))
    assert total == summary["articles"]
    assert (out / "markdown" / "corpus.md").stat().st_size > 0


def test_epub_edition_passes_epubcheck_with_a_chapter_per_article(corpus_run):
    summary, out = corpus_run
    book = out / "epub" / "corpus.epub"
    assert epubcheck(book) == []
    toc = epub_toc(book)
    assert sum(1 for depth, _ in toc if depth == 1) == summary["processed"]  # a part per document
    assert sum(1 for depth, _ in toc if depth == 2) == summary["articles"]  # a chapter per article
    with zipfile.ZipFile(book) as z:
        chapters = [n for n in z.namelist() if n.endswith(".xhtml") and "ch" in n.rsplit("/", 1)[-1]]
    assert len(chapters) >= summary["articles"]


def test_report_accounts_for_every_document(corpus_run, raw_files):
    summary, out = corpus_run
    report = json.loads((out / "report" / "report.json").read_text(encoding="utf-8"))
    assert [d["source"] for d in report["documents"]] == [p.name for p in raw_files]
    assert all(p["kind"] != "unaccounted_cjk" for p in report["problems"])
    assert "## Problems" in (out / "report" / "report.md").read_text(encoding="utf-8")
    for p in raw_files:
        assert (out / "report" / "review" / f"{p.stem}.html").stat().st_size > 0
    assert summary["edits_by_kind"]


def test_bad_files_are_reported_and_the_run_goes_on(prefect_harness, tmp_path, raw_files):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(raw_files[-1], raw / raw_files[-1].name)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (raw / "notes.pdf").write_bytes(b"%PDF-1.4")
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(tmp_path / "out"))
    assert summary["processed"] == 1
    assert sorted(summary["failed"]) == ["empty.txt", "image.txt"]
    kinds = {(p["file"], p["kind"]) for p in summary["problem_list"]}
    assert ("empty.txt", "empty") in kinds
    assert ("image.txt", "binary") in kinds
    assert ("notes.pdf", "skipped_extension") in kinds
    assert (tmp_path / "out" / "epub" / "corpus.epub").is_file()


def test_a_stage_that_raises_quarantines_only_its_document(prefect_harness, tmp_path, monkeypatch, raw_files):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("第一段文字。\n", encoding="utf-8")
    (raw / "boom.txt").write_text("第二段文字。\n", encoding="utf-8")
    real = process.normalize_document

    def flaky(data, name, options=None):
        if name == "boom.txt":
            from zhclean.tasks.pipeline.run import StageError

            raise StageError("typography", "RuntimeError: injected fault")
        return real(data, name, options)

    monkeypatch.setattr(process, "normalize_document", flaky)
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(tmp_path / "out"))
    assert summary["failed"] == ["boom.txt"]
    problem = next(p for p in summary["problem_list"] if p["file"] == "boom.txt")
    assert problem["stage"] == "typography" and "injected fault" in problem["message"]
    articles = (tmp_path / "out" / "json" / "articles.jsonl").read_text(encoding="utf-8")
    assert "good.txt" in articles and "boom.txt" not in articles


def test_a_second_run_on_the_same_output_is_refused(prefect_harness, tmp_path, raw_files):
    from zhclean.flows.normalize_corpus import normalize_corpus

    out = tmp_path / "out"
    with output_lock(out), pytest.raises(OutputBusy, match="another zhclean run"):
        normalize_corpus(raw_dir=str(raw_files[0].parent), out_dir=str(out))
    assert not (out / "current").exists()


def test_rerun_replaces_the_build_and_keeps_one_previous(prefect_harness, tmp_path):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    out = tmp_path / "out"
    first = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    (raw / "a.txt").write_text("标题\n\n正文第二版。\n", encoding="utf-8")
    second = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    assert first["build"] != second["build"]
    assert Path(out / "current").resolve().name == second["build"]
    assert "第二版" in (out / "json" / "articles.jsonl").read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / ".runs").iterdir()) == sorted([first["build"], second["build"]])


def test_files_with_the_same_name_in_subfolders_do_not_collide(prefect_harness, tmp_path):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = tmp_path / "raw"
    for folder, title in (("spring", "春耕"), ("autumn", "秋收")):
        (raw / folder).mkdir(parents=True)
        (raw / folder / "page.txt").write_text(f"{title}\n\n田里一片忙碌。\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    assert summary["processed"] == 2
    records = [json.loads(line) for line in (out / "json" / "articles.jsonl").read_text().splitlines()]
    assert sorted((r["source"], r["title"]) for r in records) == [
        ("autumn/page.txt", "秋收"),
        ("spring/page.txt", "春耕"),
    ]
    assert len(list((out / "markdown").glob("*page.md"))) == 2
    assert len(list((out / "report" / "review").glob("*page.html"))) == 2


def test_an_unchanged_corpus_is_not_rebuilt_unless_forced(prefect_harness, tmp_path):
    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    out = tmp_path / "out"
    first = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    again = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    assert (first["up_to_date"], again["up_to_date"]) == (False, True)
    assert Path(out / "current").resolve().name == first["build"]
    other_options = normalize_corpus(raw_dir=str(raw), out_dir=str(out), pangu=True)
    forced = normalize_corpus(raw_dir=str(raw), out_dir=str(out), pangu=True, force=True)
    assert other_options["up_to_date"] is False and forced["up_to_date"] is False
    assert Path(out / "current").resolve().name == forced["build"]
