"""The Markdown edition as one download: `zip/markdown.zip`.

A reader who wants the Markdown wants every file of it at once, and a zip opens everywhere
(unlike a `.tar.gz` on a phone or an office desktop). The archive holds `markdown/corpus.md`
and `markdown/<stem>.md` for every document, exactly the bytes of the Markdown edition.

It is reproducible, like the release archive: members are sorted by name and dated
`SOURCE_DATE_EPOCH` (else 1980-01-01, the first date a zip can hold), never the clock, with
fixed permissions and no extra fields, so the same Markdown gives the same zip bytes (and the
same SHA-256 in the manifest). Files are copied in chunks: memory does not grow with the corpus.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from zhclean.tasks.editions.zip_writer import MAX_MEMBERS, MAX_SIZE, ZipWriter

#: The folder of the build (an edition link of the output folder) and the file in it.
FOLDER = "zip"
FILE_NAME = "markdown.zip"
#: The folder the Markdown edition is read from, also the one folder inside the zip.
SOURCE = "markdown"
#: Deflate level of the members when `zipfile` writes them (a zip beyond 4 GiB or 65,534 files):
#: at 1,000 documents (106 MB of Markdown) 1.8 CPU s instead of 5.5 s at zlib's default, for a
#: zip of 48 MB instead of 43 MB. Below that, `ZipWriter` deflates them with ISA-L at its level
#: 3: 0.45 CPU s, 46.7 MB (measured on the 1,000 documents' 108 MB), on the corpus step's
#: longest path.
ZIP_LEVEL = 1
#: A regular file, rw-r--r--, as the members' Unix mode (with `create_system` 3, Unix).
REGULAR_FILE = 0o100644 << 16
#: Room kept for deflate's worst case (data it cannot shrink grows by a few bytes a block) when
#: deciding that a zip without zip64 holds the files.
ZIP64_MARGIN = 0.01
#: Bytes of a member's local header and central directory entry, besides its name twice.
HEADERS = 30 + 46


def member_name(path: Path) -> str:
    return f"{SOURCE}/{path.name}"


def fits_without_zip64(files: list[Path]) -> bool:
    """Whether `ZipWriter` can hold `files` (no zip64): fewer members than a zip's count holds,
    and their bytes with their headers, and a margin, under 4 GiB."""
    if len(files) >= MAX_MEMBERS:
        return False
    total = sum(p.stat().st_size + HEADERS + 2 * len(member_name(p).encode()) for p in files)
    return total * (1 + ZIP64_MARGIN) < MAX_SIZE


#: The earliest date the zip format can store (DOS time).
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def member_date(mtime: int) -> tuple[int, int, int, int, int, int]:
    """The date every member carries, as the zip format's (year, month, day, h, m, s); UTC, no
    earlier than 1980 (a zip cannot say so) and in even seconds (DOS time)."""
    when = max(datetime.fromtimestamp(mtime, UTC), ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def markdown_files(build: Path) -> list[Path]:
    """The Markdown edition's files (no hidden ones), sorted by name."""
    folder = build / SOURCE
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix == ".md" and not p.name.startswith(".")
    )


def write_markdown_zip(build: Path, mtime: int) -> Path:
    """Write `build/zip/markdown.zip` from `build/markdown/`; the date of every member is `mtime`.

    Written to a temporary name and renamed, so a reader never downloads half a zip."""
    folder = build / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FILE_NAME
    tmp = folder / f".{FILE_NAME}.tmp"
    date = member_date(mtime)
    files = markdown_files(build)
    if fits_without_zip64(files):
        with ZipWriter(tmp) as writer:
            for path in files:
                writer.write_file(member_name(path), path, date, external_attr=REGULAR_FILE)
        os.replace(tmp, target)
        return target
    with zipfile.ZipFile(tmp, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(member_name(path), date_time=date)
            info.external_attr = REGULAR_FILE
            info.create_system = 3  # Unix, so the permissions above are read as such
            info.compress_type = zipfile.ZIP_DEFLATED
            info._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]  # `compress_level` from 3.13
            info.file_size = path.stat().st_size
            with path.open("rb") as src, archive.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    os.replace(tmp, target)
    return target
