"""Our zip writer (ISA-L deflate; `tasks/editions/zip_writer.py`) against two readers that are not
ours: Python's `zipfile` and Info-ZIP's `unzip -t`; and the place EPUB readers look for
`mimetype` (OCF: the first member, stored, its name at byte 30 and its content at byte 38)."""

from __future__ import annotations

import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from zhclean.tasks.editions import zip_writer
from zhclean.tasks.editions.zip_writer import ZipWriter

WHEN = (2021, 3, 4, 5, 6, 8)
PAGE = ("<p>第一段文字，重复的内容。</p>\n" * 400).encode("utf-8")
MEMBERS = [
    ("mimetype", b"application/epub+zip", False),
    ("EPUB/text/ch001.xhtml", PAGE, True),
    ("EPUB/文字/第二章.xhtml", "短".encode(), True),
    ("EPUB/empty.css", b"", True),
]


def write(path: Path) -> Path:
    with ZipWriter(path) as z:
        for name, data, deflate in MEMBERS:
            z.write(name, data, WHEN, deflate=deflate)
    return path


def test_zipfile_reads_every_member_as_written(tmp_path: Path) -> None:
    with zipfile.ZipFile(write(tmp_path / "b.zip")) as z:
        assert z.testzip() is None
        infos = z.infolist()
        assert [i.filename for i in infos] == [name for name, _, _ in MEMBERS]
        assert [z.read(i) for i in infos] == [data for _, data, _ in MEMBERS]
        assert [i.compress_type for i in infos] == [
            zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED for _, _, deflate in MEMBERS
        ]
        assert {i.date_time for i in infos} == {WHEN}
        assert {(i.create_system, i.external_attr >> 16) for i in infos} == {(3, 0o644)}
        page = infos[1]
        assert page.compress_size < page.file_size // 10  # deflated: 400 equal lines


def test_unzip_tests_it_clean(tmp_path: Path) -> None:
    done = subprocess.run(["unzip", "-t", str(write(tmp_path / "b.zip"))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors detected" in done.stdout


def test_mimetype_is_where_epub_readers_look(tmp_path: Path) -> None:
    data = write(tmp_path / "b.zip").read_bytes()
    assert data[:4] == b"PK\x03\x04"
    assert data[30:38] == b"mimetype"
    assert data[38:58] == b"application/epub+zip"


def test_a_deflated_member_is_raw_deflate_of_the_data(tmp_path: Path) -> None:
    data = write(tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "b.zip") as z:
        info = z.getinfo("EPUB/text/ch001.xhtml")
    start = info.header_offset + 30 + len(info.filename.encode())
    assert zlib.decompress(data[start : start + info.compress_size], -15) == PAGE
    assert zlib.crc32(PAGE) == info.CRC


def test_the_same_members_give_the_same_bytes(tmp_path: Path) -> None:
    assert write(tmp_path / "a.zip").read_bytes() == write(tmp_path / "b.zip").read_bytes()


def test_what_it_cannot_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with ZipWriter(tmp_path / "c.zip") as z:
        with pytest.raises(ValueError, match="before 1980"):
            z.write("old", b"x", (1979, 12, 31, 0, 0, 0))
        monkeypatch.setattr(zip_writer, "MAX_MEMBERS", 1)
        z.write("one", b"x", WHEN)
        with pytest.raises(ValueError, match="zip64"):
            z.write("two", b"x", WHEN)


def test_a_member_from_a_file_is_deflated_a_chunk_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`write_file` streams: with chunks of 1,000 bytes a page of 17.6 kB goes through in 18 of them,
    and its header, written before the data, is completed after it."""
    monkeypatch.setattr(zip_writer, "CHUNK", 1000)
    source = tmp_path / "ch001.xhtml"
    source.write_bytes(PAGE)
    with ZipWriter(tmp_path / "f.zip") as z:
        z.write("mimetype", b"application/epub+zip", WHEN, deflate=False)
        z.write_file("EPUB/第一章.xhtml", source, WHEN)
        z.write("EPUB/empty.css", b"", WHEN)
    with zipfile.ZipFile(tmp_path / "f.zip") as z:
        assert z.testzip() is None
        assert z.namelist() == ["mimetype", "EPUB/第一章.xhtml", "EPUB/empty.css"]
        assert z.read("EPUB/第一章.xhtml") == PAGE
        info = z.getinfo("EPUB/第一章.xhtml")
        assert (info.file_size, info.CRC, info.compress_type) == (
            len(PAGE),
            zlib.crc32(PAGE),
            zipfile.ZIP_DEFLATED,
        )
    done = subprocess.run(["unzip", "-t", str(tmp_path / "f.zip")], capture_output=True, text=True)
    assert done.returncode == 0 and "No errors detected" in done.stdout, done.stdout + done.stderr
    data = (tmp_path / "f.zip").read_bytes()
    start = info.header_offset
    # the local header holds the CRC and sizes the central directory holds
    assert zip_writer.LOCAL_HEADER.unpack_from(data, start)[7:10] == (
        info.CRC,
        info.compress_size,
        info.file_size,
    )
