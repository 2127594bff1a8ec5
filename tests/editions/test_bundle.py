"""The release: the manifest lists every edition file with its SHA-256, and the archive verifies."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import zlib
from pathlib import Path

import pytest
import yaml
from paths import RAW

from zhclean.tasks.core.model import Document
from zhclean.tasks.editions import bundle
from zhclean.tasks.editions.bundle import ReleaseWriter, release_version, write_release
from zhclean.tasks.editions.json_edition import write_json_edition
from zhclean.tasks.editions.markdown_edition import summary_of, write_markdown_edition
from zhclean.tasks.editions.sqlite_edition import write_sqlite_edition
from zhclean.tasks.pipeline.run import normalize_document

RUN = {
    "run_id": "20261129T070000-abcdef12",
    "started": "2026-11-29T07:00:00+00:00",
    "tool_version": "0.1.0",
    "rules_version": "f" * 64,
    "inputs_fingerprint": "1234abcd" + "0" * 56,
    "options": {"disabled_rules": [], "pangu": False, "script_table": "t2s"},
    "python": "3.11.2",
}
SUMMARY = {
    "documents": 2,
    "processed": 2,
    "failed": [],
    "articles": 2,
    "edits": 7,
    "edits_by_kind": {"script.t2s": 7},
    "problems": 0,
}


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    paths = sorted(RAW.glob("*.txt"))
    return [normalize_document(p.read_bytes(), p.name) for p in (paths[1], paths[4])]


def make_build(docs: list[Document], build: Path) -> Path:
    write_json_edition(docs, build, {"rules_version": RUN["rules_version"]})
    write_markdown_edition(docs, build)
    write_sqlite_edition([summary_of(d) for d in docs], docs, build)
    (build / "report" / "review").mkdir(parents=True)
    (build / "report" / "report.md").write_text("# 报告\n", encoding="utf-8")
    for d in docs:  # stand-ins: what a review page holds does not matter to the release
        (build / "report" / "review" / f"{d.stem}.html").write_text("<p>审阅</p>\n", encoding="utf-8")
    (build / ".results").mkdir()
    (build / ".results" / "scratch.json").write_text("{}")  # working files are not released
    return build


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_manifest_lists_every_edition_file_with_its_sha256(docs, tmp_path: Path) -> None:
    build = make_build(docs, tmp_path / "build")
    release = write_release(build, RUN, SUMMARY)
    manifest = json.loads((build / "json" / "manifest.json").read_text(encoding="utf-8"))
    stems = [d.stem for d in docs]
    assert [e["path"] for e in manifest["editions"]] == sorted(
        [
            "json/articles.jsonl",
            *(f"json/documents/{s}.json" for s in stems),
            "markdown/corpus.md",
            *(f"markdown/{s}.md" for s in stems),
            "sqlite/corpus.sqlite",
            "report/report.md",
            *(f"report/review/{s}.html" for s in stems),
            "zip/markdown.zip",  # the Markdown edition in one download, packed by the release
        ],
        key=lambda p: (("json", "markdown", "epub", "sqlite", "report", "zip").index(p.split("/")[0]), p),
    )
    for entry in manifest["editions"]:
        assert entry["sha256"] == sha256(build / entry["path"])
        assert entry["bytes"] == (build / entry["path"]).stat().st_size
    assert manifest["rules_version"] == RUN["rules_version"]  # what the JSON edition wrote is kept
    assert manifest["licence"] == "unspecified"
    assert manifest["release"] == {"version": "0.1.0-1234abcd", "archive": release["archive"]}
    assert release["version"] == "0.1.0-1234abcd" == release_version(RUN)
    assert release["archive"] == "release/zhclean-corpus-0.1.0-1234abcd.tar.gz"
    assert (build / "release" / "SHA256SUMS").read_text() == (
        f"{sha256(build / release['archive'])}  zhclean-corpus-0.1.0-1234abcd.tar.gz\n"
    )


def test_the_archive_verifies_with_sha256sum_and_carries_a_dataset_card(docs, tmp_path: Path) -> None:
    build = make_build(docs, tmp_path / "build")
    release = write_release(build, RUN, SUMMARY, licence="CC-BY-4.0")
    archive = build / release["archive"]
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=archive.parent, check=False).returncode == 0
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    top = tmp_path / "unpacked" / "zhclean-corpus-0.1.0-1234abcd"
    check = subprocess.run(
        ["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=top, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    listed = [line.split("  ", 1)[1] for line in (top / "SHA256SUMS").read_text().splitlines()]
    files = sorted(str(p.relative_to(top)) for p in top.rglob("*") if p.is_file())
    assert sorted([*listed, "SHA256SUMS"]) == files
    stems = [d.stem for d in docs]
    assert files == sorted(  # the editions and the run report; not the review pages, not the zip
        [
            "README.md",
            "SHA256SUMS",
            "json/articles.jsonl",
            *(f"json/documents/{s}.json" for s in stems),
            "json/manifest.json",
            "markdown/corpus.md",
            *(f"markdown/{s}.md" for s in stems),
            "report/report.md",
            "sqlite/corpus.sqlite",
        ]
    )
    assert not any(name.startswith(".") or "/." in name for name in files)
    card = (top / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(card.split("---\n")[1])
    assert front["license"] == "CC-BY-4.0" and front["language"] == ["zh"]
    assert "| articles | 2 |" in card and "| edits | 7 |" in card
    assert RUN["rules_version"] in card and "## Licence\n\nCC-BY-4.0\n" in card
    # a tampered file no longer verifies
    (top / "markdown" / "corpus.md").write_text("改过", encoding="utf-8")
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=top, check=False).returncode == 1


def test_the_same_build_gives_the_same_archive(docs, tmp_path: Path) -> None:
    build = make_build(docs, tmp_path / "build")
    first = write_release(build, RUN, SUMMARY)
    copy = shutil.copytree(build, tmp_path / "copy")
    shutil.rmtree(copy / "release")
    second = write_release(copy, RUN, SUMMARY)
    assert first["sha256"] == second["sha256"]
    again = write_release(build, RUN, SUMMARY, licence="  ")  # a blank licence is unspecified
    assert again["sha256"] == first["sha256"]


def test_a_release_started_while_the_database_is_built_is_the_same_release(docs, tmp_path: Path) -> None:
    alone = make_build(docs, tmp_path / "alone")
    split = shutil.copytree(alone, tmp_path / "split")
    first = write_release(alone, RUN, SUMMARY)
    database = split / "sqlite" / "corpus.sqlite"
    kept = database.read_bytes()
    database.write_bytes(b"not yet")  # still being built while the release starts
    with ReleaseWriter(split, RUN, threads=2) as writer:
        writer.start()
        assert sorted(writer.known) == sorted(
            [
                "json/articles.jsonl",
                *(f"json/documents/{d.stem}.json" for d in docs),
                "markdown/corpus.md",
                *(f"markdown/{d.stem}.md" for d in docs),
                "report/report.md",
                *(f"report/review/{d.stem}.html" for d in docs),
                "zip/markdown.zip",  # written by start
            ]
        )  # the database (still being built) and the manifest (rewritten by the release) are not
        assert writer.known["zip/markdown.zip"]["sha256"] == sha256(split / "zip" / "markdown.zip")
        database.write_bytes(kept)
        second = writer.finish(SUMMARY)
    assert second == first
    for name in ("json/manifest.json", "zip/markdown.zip", first["archive"], "release/SHA256SUMS"):
        assert (split / name).read_bytes() == (alone / name).read_bytes(), name


def test_the_files_that_need_every_hash_end_the_archive(docs, tmp_path: Path) -> None:
    build = make_build(docs, tmp_path / "build")
    with tarfile.open(build / write_release(build, RUN, SUMMARY)["archive"]) as tar:
        names = [n.split("/", 1)[1] for n in tar.getnames()]
    assert names[-4:] == ["sqlite/corpus.sqlite", "json/manifest.json", "README.md", "SHA256SUMS"]
    assert names[:-4] == sorted(names[:-4])


@pytest.mark.parametrize(
    ("block", "size"),
    [(10_000, 200_000), (40_000, 333_333)],  # blocks smaller than the window and larger; an exact multiple
)
def test_the_parallel_gzip_is_one_member_whatever_the_threads_and_writes(monkeypatch, block, size) -> None:
    monkeypatch.setattr(bundle, "DEFLATE_BLOCK", block)
    data = b"".join(f"{i:06d} 第{i % 97}行 中文语料 text\n".encode() for i in range(12_000))[:size]

    def gz(threads: int, step: int) -> tuple[bytes, str]:
        out = io.BytesIO()
        with bundle.ParallelGzip(out, 315532800, threads) as sink:
            for start in range(0, len(data), step):
                sink.write(data[start : start + step])
            digest = sink.close()
        return out.getvalue(), digest

    made, digest = gz(2, 7_001)
    assert gzip.decompress(made) == data
    assert digest == hashlib.sha256(made).hexdigest()
    assert gz(1, 1 << 20) == gz(3, 1_000) == (made, digest)
    reference = io.BytesIO()  # the standard library's header: no name, the fixed date, the level
    level = bundle.GZIP_LEVEL
    with gzip.GzipFile(filename="", fileobj=reference, mode="wb", compresslevel=level, mtime=315532800) as fh:
        fh.write(data)
    assert made[:10] == reference.getvalue()[:10]
    decoder = zlib.decompressobj(wbits=31)  # one member: nothing is left after its end
    assert decoder.decompress(made) == data and decoder.eof and decoder.unused_data == b""


def test_the_archive_reads_as_a_stream_and_with_tar(docs, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(bundle, "DEFLATE_BLOCK", 1 << 16)  # many blocks even for a small build
    build = make_build(docs, tmp_path / "build")
    archive = build / write_release(build, RUN, SUMMARY)["archive"]
    with archive.open("rb") as fh, tarfile.open(fileobj=fh, mode="r|gz") as tar:  # streaming read
        streamed = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    top = "zhclean-corpus-0.1.0-1234abcd"
    assert streamed[f"{top}/sqlite/corpus.sqlite"] == (build / "sqlite" / "corpus.sqlite").read_bytes()
    listing = subprocess.run(["tar", "tzf", str(archive)], capture_output=True, text=True, check=True)
    assert sorted(listing.stdout.split()) == sorted(streamed)
    assert subprocess.run(["gzip", "-t", str(archive)], check=False).returncode == 0


def test_a_release_left_unfinished_leaves_no_file(docs, tmp_path: Path) -> None:
    build = make_build(docs, tmp_path / "build")
    with ReleaseWriter(build, RUN, threads=2) as writer:
        writer.start()  # the database's process fails before `finish`
    assert list((build / "release").iterdir()) == []
