"""The Markdown edition as one zip: exact members for raw/, the same bytes twice, unzips to the files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from paths import RAW

from zhclean.tasks.core.model import Document
from zhclean.tasks.editions.markdown_edition import write_markdown_edition
from zhclean.tasks.editions.markdown_zip import write_markdown_zip
from zhclean.tasks.pipeline.run import normalize_document

#: The members for raw/, by hand: one folder, every document's Markdown and the corpus, sorted.
MEMBERS = [
    "markdown/000_e749a98af03e7493.md",
    "markdown/001_e3528ec2684411c3.md",
    "markdown/002_b722e41bb6c714af.md",
    "markdown/003_b090f85b8062f7c2.md",
    "markdown/004_2f811c37439251f9.md",
    "markdown/corpus.md",
]
JAN_1980 = 315532800


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [normalize_document(p.read_bytes(), p.name) for p in sorted(RAW.glob("*.txt"))]


def build(docs: list[Document], folder: Path, mtime: int = JAN_1980) -> Path:
    write_markdown_edition(docs, folder)
    return write_markdown_zip(folder, mtime)


def test_the_zip_holds_every_markdown_file_of_raw_and_nothing_else(docs, tmp_path: Path) -> None:
    archive = build(docs, tmp_path / "build")
    assert archive == tmp_path / "build" / "zip" / "markdown.zip"
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == MEMBERS
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in z.infolist()} == {0o100644}
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    assert sorted(os.listdir(archive.parent)) == ["markdown.zip"]  # no temporary file left


def test_unzip_gives_back_the_markdown_files_byte_for_byte(docs, tmp_path: Path) -> None:
    archive = build(docs, tmp_path / "build")
    unpacked = tmp_path / "unpacked"
    subprocess.run(["unzip", "-q", str(archive), "-d", str(unpacked)], check=True, timeout=60)
    got = sorted(p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file())
    assert got == MEMBERS
    for name in MEMBERS:
        assert (unpacked / name).read_bytes() == (tmp_path / "build" / name).read_bytes(), name
    corpus = (unpacked / "markdown" / "corpus.md").read_text(encoding="utf-8")
    assert corpus.startswith("---\ntitle: zhclean corpus\n") and "\n# 研究与交流 2022年第2期\n" in corpus


def test_two_builds_give_the_same_bytes_whatever_the_files_dates(docs, tmp_path: Path) -> None:
    first = build(docs, tmp_path / "one")
    second_folder = tmp_path / "two"
    write_markdown_edition(docs, second_folder)
    for n, path in enumerate(sorted((second_folder / "markdown").iterdir())):
        os.utime(path, (1_700_000_000 + n, 1_700_000_000 + n))  # other dates on disk
    second = write_markdown_zip(second_folder, JAN_1980)
    assert first.read_bytes() == second.read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert hashlib.sha256(write_markdown_zip(second_folder, JAN_1980).read_bytes()).hexdigest() == digest


def test_the_member_date_is_the_one_given_and_never_before_1980(docs, tmp_path: Path) -> None:
    with zipfile.ZipFile(build(docs, tmp_path / "a", mtime=1_764_374_400)) as z:  # 2025-11-29 00:00 UTC
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 29, 0, 0, 0)}
    with zipfile.ZipFile(build(docs, tmp_path / "b", mtime=0)) as z:  # 1970: a zip cannot say so
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_beyond_what_a_zip_without_zip64_holds_zipfile_writes_it(
    docs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 65,534 files (or 4 GiB) the zip needs zip64, which `ZipWriter` does not write: the same
    members then come from `zipfile`. The limit is lowered here to the six files of raw/."""
    from zhclean.tasks.editions import markdown_zip

    small = build(docs, tmp_path / "small")
    monkeypatch.setattr(markdown_zip, "MAX_MEMBERS", len(MEMBERS))
    large = build(docs, tmp_path / "large")
    assert small.read_bytes() != large.read_bytes()  # another deflate, another writer
    for archive in (small, large):
        done = subprocess.run(["unzip", "-t", str(archive)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "No errors detected" in done.stdout, done.stdout
        with zipfile.ZipFile(archive) as z:
            assert z.namelist() == MEMBERS
            assert [z.read(name) for name in MEMBERS] == [
                (tmp_path / "small" / name).read_bytes() for name in MEMBERS
            ]
            assert {(i.date_time, i.external_attr >> 16) for i in z.infolist()} == {
                ((1980, 1, 1, 0, 0, 0), 0o100644)
            }
