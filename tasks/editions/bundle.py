"""The release: every edition file with its SHA-256 in the manifest, and one versioned archive.

Once every edition is written, the release

0. packs the Markdown edition into one download, `zip/markdown.zip` (`markdown_zip`);
1. lists every edition file (path, bytes, SHA-256) in `json/manifest.json` under `editions`
   (the manifest cannot hold its own hash: it is listed in the bundle's `SHA256SUMS` instead);
2. writes `release/zhclean-corpus-<version>.tar.gz`: one folder holding the editions, a dataset
   card (`README.md`: what the corpus is, counts, rules version, how it was made, licence) and
   `SHA256SUMS`, which `sha256sum -c SHA256SUMS` verifies inside the unpacked folder, the way
   corpora are published on Zenodo or Hugging Face;
3. writes `release/SHA256SUMS` for the archive itself, to check a download.

The bundle is for reading and reuse: it holds the editions (JSON, Markdown, EPUB, SQLite) and
the run report, not the review pages (`report/review/`, an HTML view of the edits that the JSON
and SQLite editions already hold, a third of a build's bytes, read through `zhclean serve`) nor
`zip/markdown.zip` (the `markdown/` folder is in the bundle already). The manifest still lists
every edition file of the build, those included.

Files are read in chunks and the archive is streamed, so memory does not grow with the corpus.
The archive is reproducible: its entries carry a fixed date, not the clock, come in a fixed
order, and its deflate stream, made on every core (`ParallelGzip`), depends on the bytes only.

Most of the work does not need the SQLite edition, the last one written: `ReleaseWriter.start`
packs the zip, hashes the other files and streams them into the archive while the database is
still being built by a second process; `finish` then adds the database, the manifest, the card
and the sums (which depend on every file's hash), in that order, at the end of the archive.
`write_release` does both in one go: the bytes are the same.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import tarfile
import zlib
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml
from isal import isal_zlib

from zhclean.tasks.editions.markdown_zip import FOLDER as ZIP_FOLDER
from zhclean.tasks.editions.markdown_zip import write_markdown_zip

#: The edition folders a release holds, in the order the dataset card lists them.
EDITION_FOLDERS = ("json", "markdown", "epub", "sqlite", "report", ZIP_FOLDER)
RELEASE = "release"
SUMS = "SHA256SUMS"
CARD = "README.md"
MANIFEST = "json/manifest.json"
DEFAULT_LICENCE = "unspecified"
FIXED_MTIME = 315532800
#: gzip level of the archive, deflated by ISA-L (`isal`, Intel's deflate, as igzip and xopen use
#: it) instead of zlib: the same format, any gzip reader reads it. Level 1 of ISA-L's 0-3
#: deflates the editions of 1,000 documents about five times as fast as zlib's level 1, for a
#: ratio within a few percent of it (measured on 1 MiB blocks: the Markdown edition 47 -> 246
#: MB/s, ratio 0.425 -> 0.441; the database 96 -> 457 MB/s, 0.265 -> 0.285; the JSON edition
#: 301 -> 1,399 MB/s, 0.058 both), and zlib's level 1 was itself chosen over level 6 (35 -> 18.5
#: CPU s at 1,000 documents, +8.7 % of bytes). The database, a third of the bytes, is deflated
#: last, on the run's critical path. Any fixed level of a fixed library keeps the archive
#: reproducible.
GZIP_LEVEL = 1
#: The gzip header's XFL byte for a level, as `gzip.GzipFile` writes it (4: fastest, 2: best).
XFL = {1: 4, 9: 2}
#: The archive's tar stream is deflated in blocks of this many bytes, in parallel (see
#: `ParallelGzip`). The block size, not the number of threads, decides the bytes: fixed.
DEFLATE_BLOCK = 1 << 20
#: How far back deflate looks: each block is primed with this much of the stream before it.
DEFLATE_WINDOW = 1 << 15
#: Environment variable the flow reads the licence from (an SPDX identifier such as CC-BY-4.0).
LICENCE_ENV = "ZHCLEAN_LICENCE"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def edition_files(build: Path) -> Iterator[Path]:
    """Every file of the editions, as paths relative to the build, sorted (no hidden files)."""
    for folder in EDITION_FOLDERS:
        root = build / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(build)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                yield rel


def edition_paths(build: Path) -> list[str]:
    """Every edition file but the manifest, as paths relative to the build, in edition order."""
    return [path for rel in edition_files(build) if (path := rel.as_posix()) != MANIFEST]


def list_editions(
    build: Path, known: Mapping[str, dict[str, Any]] | None = None, paths: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Every edition file but the manifest (`paths`, when the caller has just listed them):
    `{"path", "bytes", "sha256"}`; a file in `known` (by path) is taken from there, not read again."""
    known = known or {}
    return [
        known.get(path) or listing(build, path) for path in (edition_paths(build) if paths is None else paths)
    ]


def listing(build: Path, path: str) -> dict[str, Any]:
    """An edition file as the manifest lists it: path (relative to the build), bytes, SHA-256."""
    return {"path": path, "bytes": (build / path).stat().st_size, "sha256": sha256_file(build / path)}


#: The folder written last (by a second process, see `corpus_pass`): `ReleaseWriter.start` leaves it.
LAST_FOLDER = "sqlite"
#: Edition files the build keeps and the manifest lists, but the bundle leaves out (see above).
NOT_BUNDLED = ("report/review/", f"{ZIP_FOLDER}/")


def bundled(path: str) -> bool:
    """Whether the release bundle holds this edition file (a path relative to the build)."""
    return not path.startswith(NOT_BUNDLED)


def release_version(run: dict[str, Any]) -> str:
    """`<tool version>-<first 8 hex of the inputs fingerprint>`: the same raw files, rules and
    options give the same name (whenever built); a change to any of them, another."""
    return f"{run.get('tool_version') or '0'}-{str(run.get('inputs_fingerprint') or 'unknown')[:8]}"


def archive_mtime() -> int:
    """The date every archive entry carries: `SOURCE_DATE_EPOCH` if set, else 1980-01-01 (as
    wheels do), never the clock, so the same editions give the same archive bytes."""
    try:
        return int(os.environ.get("SOURCE_DATE_EPOCH", ""))
    except ValueError:
        return FIXED_MTIME


def dataset_card(
    run: dict[str, Any], summary: dict[str, Any], editions: list[dict[str, Any]], version: str, licence: str
) -> str:
    """The bundle's `README.md`, with YAML front matter as dataset hubs read it."""
    front = {
        "pretty_name": f"zhclean corpus {version}",
        "version": version,
        "license": licence,
        "language": ["zh"],
        "language_details": "zh-Hans",
        "task_categories": ["text-generation"],
        "size_categories": [_size_category(summary.get("articles", 0))],
    }
    counts = [
        ("raw documents", summary.get("documents", 0)),
        ("documents processed", summary.get("processed", 0)),
        ("documents failed", len(summary.get("failed", []))),
        ("articles", summary.get("articles", 0)),
        ("edits", summary.get("edits", 0)),
        ("problems", summary.get("problems", 0)),
    ]
    options = run.get("options", {})
    lines = [
        "---",
        yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip(),
        "---",
        "",
        f"# zhclean corpus {version}",
        "",
        "Cleaned, simplified-Chinese editions of a corpus of raw Chinese documents (OCR'd periodicals,",
        "newspaper pages, scraped web articles), cut into articles with their metadata, made by",
        "[zhclean](https://example.invalid/zhclean). Every edit is recorded with the rule that made it;",
        "every piece of text removed from the body is in the report with its reason.",
        "",
        "## Licence",
        "",
        f"{licence}",
        "",
        "(Set by whoever published this build; `unspecified` means no licence was given: ask before reuse.)",
        "",
        "## Counts",
        "",
        "| | |",
        "|---|---|",
        *(f"| {name} | {value:,} |" for name, value in counts),
        "",
        "Edits by kind (the rule's name):",
        "",
        *(f"- `{kind}`: {n:,}" for kind, n in summary.get("edits_by_kind", {}).items()),
        "",
        "## How it was made",
        "",
        f"- tool: zhclean {run.get('tool_version', '?')} (Python {run.get('python', '?')})",
        f"- rules version: `{run.get('rules_version', '?')}` (a hash of the rule catalogue, stage code and data)",
        f"- inputs fingerprint: `{run.get('inputs_fingerprint', '?')}` (raw files, rules and options)",
        f"- options: disabled rules {options.get('disabled_rules') or 'none'}, pangu spacing "
        f"{'on' if options.get('pangu') else 'off'}, script table `{options.get('script_table', '?')}`",
        "",
        "Each raw file was decoded (BOM, UTF-8, UTF-16, GB18030, Big5), repaired (mojibake, HTML",
        "remnants, pinyin readings), converted to simplified script (OpenCC), cleared of running heads",
        "and page furniture (kept as metadata or reported), joined into paragraphs, typeset to GB/T",
        "15834 punctuation, normalised to NFC and cut into articles. `json/manifest.json` lists every",
        "raw file with its SHA-256.",
        "",
        "## Files",
        "",
        "| file | what |",
        "|---|---|",
        "| `json/articles.jsonl` | one JSON object per article: metadata, blocks, raw line span |",
        "| `json/documents/<stem>.json` | per document: metadata, script, every edit, removed text, problems |",
        "| `json/manifest.json` | the raw files and every edition file with SHA-256, tool and rules versions |",
        "| `markdown/` | one Markdown file per document and `corpus.md` |",
        "| `epub/` | the corpus as a book and one book per document |",
        "| `sqlite/corpus.sqlite` | documents, articles, blocks, edits; FTS5 trigram index for Chinese search |",
        "| `report/` | the run report: `report.md` to read, `report.json` for programs |",
        "",
        "The review pages (raw and clean text side by side, every edit marked) are not in this",
        "bundle: the edits they show are in `json/documents/` and in the `edits` table. They are",
        "listed in the manifest and served with the build by `zhclean serve`.",
        "",
        f"{len(editions)} edition files, {sum(e['bytes'] for e in editions):,} bytes.",
        "",
        "## Checking the files",
        "",
        "```sh",
        f"sha256sum -c {SUMS}",
        "```",
        "",
        "Searching the SQLite edition with Python's standard library (three characters or more):",
        "",
        "```python",
        "import sqlite3",
        'db = sqlite3.connect("sqlite/corpus.sqlite")',
        'db.execute("SELECT a.id, a.title FROM blocks_fts JOIN blocks b ON b.id = blocks_fts.rowid "',
        "           \"JOIN articles a ON a.id = b.article_id WHERE blocks_fts MATCH '疫情防控'\").fetchall()",
        "```",
        "",
    ]
    return "\n".join(lines)


def _size_category(articles: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")):
        if articles < limit:
            return name
    return "100K<n<1M" if articles < 1_000_000 else "n>1M"


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mtime: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o644
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, name: str, path: Path, mtime: int) -> dict[str, Any]:
    """Add a file to the archive; its bytes and SHA-256, hashed as `tarfile` reads it."""
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = path.stat().st_size, mtime, 0o644
    with path.open("rb") as fh:
        reader = _HashingReader(fh)
        tar.addfile(info, reader)
    return {"bytes": info.size, "sha256": reader.digest.hexdigest()}


class _HashingReader:
    """A file as `tarfile` reads it (in chunks of `read(n)`), hashing every chunk read."""

    def __init__(self, fh: Any) -> None:
        self.fh, self.digest = fh, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.fh.read(size)
        self.digest.update(chunk)
        return chunk


def deflate_block(block: bytes, primer: bytes, last: bool) -> bytes:
    """`block` as raw deflate that a decoder can read straight after the blocks before it: primed
    with the `primer` bytes before it (so matches reach back into them, as in one serial
    stream) and ended with a sync flush, on a byte boundary, unless it is the `last`."""
    primed = {"zdict": primer} if primer else {}
    deflate = isal_zlib.compressobj(GZIP_LEVEL, isal_zlib.DEFLATED, -isal_zlib.MAX_WBITS, **primed)
    return deflate.compress(block) + deflate.flush(isal_zlib.Z_FINISH if last else isal_zlib.Z_SYNC_FLUSH)


class ParallelGzip:
    """A write-only binary file that gzips what is written through it into `out` on every core.

    One gzip member, as `gzip.GzipFile` writes (same header, so every reader, streaming ones
    included, reads it), whose deflate stream is made the way pigz makes it: the input is cut
    every `DEFLATE_BLOCK` bytes and each block deflated in a thread (zlib releases the GIL) by
    `deflate_block`. The bytes depend on the input, level, date and block size only, never on
    the number of threads or the size of the writes. The SHA-256 of the output is kept as it is
    written, so the archive need not be read back to be hashed."""

    def __init__(self, out: Any, mtime: int, threads: int) -> None:
        self.out, self.digest = out, hashlib.sha256()
        self.pool = ThreadPoolExecutor(max_workers=threads)
        self.pending: deque[Future[bytes]] = deque()
        self.limit = 2 * threads
        self.buffer = bytearray()
        self.primer, self.crc, self.size = b"", 0, 0
        flags = bytes([XFL.get(GZIP_LEVEL, 0)]) + b"\xff"  # the level's XFL; OS unknown
        self._emit(b"\x1f\x8b\x08\x00" + struct.pack("<L", mtime) + flags)  # no name

    def _emit(self, data: bytes) -> None:
        self.digest.update(data)
        self.out.write(data)

    def _submit(self, block: bytes, last: bool) -> None:
        self.pending.append(self.pool.submit(deflate_block, block, self.primer, last))
        self.primer = (self.primer + block[-DEFLATE_WINDOW:])[-DEFLATE_WINDOW:]
        self.crc, self.size = zlib.crc32(block, self.crc), self.size + len(block)
        while len(self.pending) > (0 if last else self.limit):
            self._emit(self.pending.popleft().result())

    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) >= DEFLATE_BLOCK:
            self._submit(bytes(self.buffer[:DEFLATE_BLOCK]), last=False)
            del self.buffer[:DEFLATE_BLOCK]
        return len(data)

    def tell(self) -> int:
        return self.size + len(self.buffer)

    def close(self) -> str:
        """End the stream (the last block, then CRC-32 and length); return the output's SHA-256."""
        self._submit(bytes(self.buffer), last=True)
        self.buffer.clear()
        self._emit(struct.pack("<LL", self.crc & 0xFFFFFFFF, self.size & 0xFFFFFFFF))
        return self.digest.hexdigest()

    def __enter__(self) -> ParallelGzip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(cancel_futures=True)


def archive_threads() -> int:
    return max(1, len(os.sched_getaffinity(0)))


class ReleaseWriter:
    """The release of `build`, written in two steps so most of it overlaps the database's build.

    `start` (once every edition but the database is written): the Markdown zip, the size and
    SHA-256 of every edition file outside `LAST_FOLDER`, and those the bundle holds streamed
    into the archive. `finish`: the rest of the files (the database), then the manifest, the
    dataset card and the sums, the three that depend on every hash, at the end of the archive.
    `threads` deflate the archive (default: one per core); the bytes do not depend on them."""

    def __init__(self, build: Path, run: dict[str, Any], threads: int | None = None) -> None:
        self.build, self.run = build, run
        self.mtime = archive_mtime()
        self.version = release_version(run)
        self.top = f"zhclean-corpus-{self.version}"
        folder = build / RELEASE
        folder.mkdir(parents=True, exist_ok=True)
        self.archive = folder / f"{self.top}.tar.gz"
        self.tmp = folder / f".{self.archive.name}.tmp"
        self.known: dict[str, dict[str, Any]] = {}
        self.added: set[str] = set()
        self.started = self.finished = False
        self._fh = self.tmp.open("wb")
        self._gz = ParallelGzip(self._fh, self.mtime, threads or archive_threads())
        # open across `start` and `finish`: `finish` ends it, `close` lets go of an unfinished one
        self._tar = tarfile.open(  # noqa: SIM115
            fileobj=self._gz, mode="w", format=tarfile.PAX_FORMAT, copybufsize=1 << 20
        )

    def _add(self, path: str) -> None:
        """Stream an edition file into the archive and list it (bytes, SHA-256 hashed as it
        streams past, so the file is read once)."""
        self.added.add(path)
        entry = _add_file(self._tar, f"{self.top}/{path}", self.build / path, self.mtime)
        self.known[path] = {"path": path, **entry}

    def start(self) -> None:
        """Zip, hash and pack what is ready: every edition file is final but the database's."""
        self.started = True
        write_markdown_zip(self.build, self.mtime)
        ready = [path for path in edition_paths(self.build) if not path.startswith(f"{LAST_FOLDER}/")]
        for path in sorted(p for p in ready if bundled(p)):
            self._add(path)
        for path in ready:  # those the bundle leaves out (the review pages, the zip) are only hashed
            if path not in self.known:
                self.known[path] = listing(self.build, path)

    def finish(self, summary: dict[str, Any], licence: str = DEFAULT_LICENCE) -> dict[str, Any]:
        """Add the edition list to the manifest, end the archive and write its checksum.

        Returns `{"version", "archive", "sha256", "bytes", "editions"}` (paths relative to the build)."""
        licence = " ".join(licence.split()) or DEFAULT_LICENCE
        if not self.started:
            self.start()
        paths = edition_paths(self.build)
        for path in sorted(p for p in paths if bundled(p) and p not in self.added):
            self._add(path)  # the database, written meanwhile
        editions = list_editions(self.build, self.known, paths)
        manifest_path = self.build / MANIFEST
        manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
        manifest["licence"] = licence
        manifest["editions"] = editions
        manifest["release"] = {"version": self.version, "archive": f"{RELEASE}/{self.top}.tar.gz"}
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        manifest_path.write_bytes(manifest_bytes)

        inside = [e for e in editions if bundled(e["path"])]
        card = dataset_card(self.run, summary, inside, self.version, licence).encode("utf-8")
        sums = [(e["sha256"], e["path"]) for e in inside]
        sums.append((hashlib.sha256(manifest_bytes).hexdigest(), MANIFEST))
        sums.append((hashlib.sha256(card).hexdigest(), CARD))
        sums_text = "".join(f"{digest}  {path}\n" for digest, path in sorted(sums, key=lambda s: s[1]))

        _add_bytes(self._tar, f"{self.top}/{MANIFEST}", manifest_bytes, self.mtime)
        _add_bytes(self._tar, f"{self.top}/{CARD}", card, self.mtime)
        _add_bytes(self._tar, f"{self.top}/{SUMS}", sums_text.encode("utf-8"), self.mtime)
        self._tar.close()
        digest = self._gz.close()
        self.finished = True
        self.close()
        os.replace(self.tmp, self.archive)
        (self.archive.parent / SUMS).write_text(f"{digest}  {self.archive.name}\n", encoding="utf-8")
        return {
            "version": self.version,
            "archive": self.archive.relative_to(self.build).as_posix(),
            "sha256": digest,
            "bytes": self.archive.stat().st_size,
            "editions": len(inside) + 1,
        }

    def close(self) -> None:
        """Let go of the threads and the file; an unfinished archive is deleted."""
        self._gz.__exit__()
        self._fh.close()
        if not self.finished:
            self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> ReleaseWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_release(
    build: Path,
    run: dict[str, Any],
    summary: dict[str, Any],
    licence: str = DEFAULT_LICENCE,
    threads: int | None = None,
) -> dict[str, Any]:
    """The whole release in one go (`ReleaseWriter`: start, then finish); same bytes."""
    with ReleaseWriter(build, run, threads) as writer:
        return writer.finish(summary, licence)
