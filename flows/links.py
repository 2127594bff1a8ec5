"""The `zhclean-editions` artifact: links to the published editions, for the Prefect UI.

A run's page in the UI then says where its editions are without a look at the parameters.
The links go through the output folder's stable paths (`out/json/articles.jsonl`, which
always lead to the published build), not into the build's own folder, which a later run
sweeps. Only the corpus-wide files are linked one by one; the per-document files (four per
document) are named by pattern with their count, so the artifact stays small for 2,000
documents.
"""

from __future__ import annotations

from pathlib import Path

from zhclean.tasks.build.publish import CURRENT, EDITIONS

#: The artifact's key and description in the Prefect UI.
LINKS_KEY = "zhclean-editions"
LINKS = "zhclean: links to the published editions"
#: Where each document's own files are, by pattern (`<stem>`: the raw file's name without `.txt`).
PER_DOCUMENT = (
    "json/documents/<stem>.json",
    "markdown/<stem>.md",
    "epub/<stem>.epub",
    "report/review/<stem>.html",
)


def corpus_files(out: Path) -> list[tuple[str, int]]:
    """(path relative to `out`, bytes) of every corpus-wide file of the published build, by edition:
    the files at the top of each edition folder that are not one document's own."""
    build = out / CURRENT
    stems = {p.stem for p in (build / "json" / "documents").glob("*.json")}
    files = []
    for edition in EDITIONS:
        folder = build / edition
        if folder.is_dir():
            files += [
                (f"{edition}/{p.name}", p.stat().st_size)
                for p in sorted(folder.iterdir())
                if p.is_file() and not p.name.startswith(".") and p.stem not in stems
            ]
    return files


def editions_markdown(out: Path) -> str:
    """The artifact's Markdown: a table of file:// links, the per-document patterns, how to serve them."""
    root = out.resolve()
    build = (out / CURRENT).resolve().name
    documents = len(list((out / CURRENT / "json" / "documents").glob("*.json")))
    lines = [
        "# zhclean editions",
        "",
        f"Published in `{root}` (build `{build}`).",
        "",
        "| file | bytes |",
        "|---|---:|",
        *(f"| [{rel}]({(root / rel).as_uri()}) | {size:,} |" for rel, size in corpus_files(out)),
        "",
        f"Per document ({documents}): " + ", ".join(f"`{p}`" for p in PER_DOCUMENT) + ".",
        "",
        f"Browse and search them: `zhclean serve --out {root}` (http://127.0.0.1:8000/).",
        "",
    ]
    return "\n".join(lines)
