"""Time each edition writer on the raw corpus and run epubcheck on every book.

Usage: .venv/bin/python benchmarks/editions.py [RAW_DIR]
Prints one line per edition (seconds, files written) and one per EPUB (epubcheck errors).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from zhclean.tasks.editions.epub_edition import epubcheck, write_epub_edition
from zhclean.tasks.editions.json_edition import write_json_edition
from zhclean.tasks.editions.markdown_edition import write_markdown_edition
from zhclean.tasks.pipeline.run import normalize_document


def main(raw: Path) -> None:
    docs = [normalize_document(p.read_bytes(), p.name) for p in sorted(raw.glob("*.txt"))]
    print(f"{len(docs)} documents, {sum(len(d.articles) for d in docs)} articles")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        writers = {
            "markdown": lambda: write_markdown_edition(docs, out),
            "json": lambda: write_json_edition(docs, out, {"tool": "zhclean"}),
            "epub": lambda: write_epub_edition(docs, out),
        }
        books: list[Path] = []
        for name, write in writers.items():
            start = time.perf_counter()
            paths = write()
            print(f"{name:9s} {time.perf_counter() - start:6.2f} s  {len(paths)} files")
            books += [p for p in paths if p.suffix == ".epub"]
        for book in books:
            start = time.perf_counter()
            errors = epubcheck(book)
            status = "OK" if not errors else f"{len(errors)} errors: {errors[:3]}"
            print(f"epubcheck {book.name:28s} {time.perf_counter() - start:5.1f} s  {status}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "raw")
