"""Incremental runs: reuse the published build's per-document results whose inputs did not change.

Each document's result is keyed by its name, the sha256 of its raw bytes, the rules
fingerprint (the rule set, the stage code and the rule data) and the run options:
all computed, nothing to bump by hand. A build keeps what its documents produced
(record, report section, per-document editions, review page) and a small manifest,
`.results/documents.json`, mapping each source to its key, its summary, its problems
and the files it wrote. The next run copies those files for every document
whose key is unchanged, processes only the changed or new ones, and leaves out the
removed ones; the corpus editions are then rebuilt from the union.

Our own manifest, not Prefect's task cache: a document's result is a set of files in the
build, not a task's return value, documents run in batches (one task run for many
documents), and the manifest lives and is pruned with the build it describes, so a reused
result can never point at files that were swept or at another Prefect database.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from zhclean.tasks.build.results import results_dir
from zhclean.tasks.core.model import DocumentSummary, Problem

MANIFEST_NAME = "documents.json"
VERSION = 1


def document_key(name: str, sha256: str | None, rules: str, options: dict[str, Any]) -> str | None:
    """The key of one document's result; None when its bytes could not be hashed (never reused)."""
    if sha256 is None:
        return None
    payload = json.dumps([name, sha256, rules, options], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(slots=True)
class Entry:
    """One document's stored result: what a later run needs to reuse it without reprocessing."""

    key: str
    summary: DocumentSummary
    problems: list[Problem]
    #: the files it wrote, relative to the build
    files: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "summary": asdict(self.summary),
            "problems": [asdict(p) for p in self.problems],
            "files": self.files,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(
            data["key"],
            DocumentSummary(**data["summary"]),
            [Problem(**p) for p in data["problems"]],
            list(data["files"]),
        )


def write_entries(build: Path, entries: dict[str, Entry]) -> Path:
    path = results_dir(build) / MANIFEST_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": VERSION, "documents": {n: entries[n].to_json() for n in sorted(entries)}}
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return path


def read_entries(build: Path | None) -> dict[str, Entry]:
    """The stored results of a build; empty when there is none or it is unreadable (all is rebuilt)."""
    if build is None:
        return {}
    try:
        data = json.loads((results_dir(build) / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}
        return {name: Entry.from_json(e) for name, e in data["documents"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


@dataclass(slots=True)
class Plan:
    """What a run does with each document."""

    reuse: dict[str, Entry] = field(default_factory=dict)
    process: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def plan(keys: dict[str, str | None], previous: dict[str, Entry], previous_build: Path | None) -> Plan:
    """Reuse a document when its key is unchanged and every file it wrote is still there."""
    result = Plan(removed=sorted(set(previous) - set(keys)))
    for name in sorted(keys):
        entry = previous.get(name)
        key = keys[name]
        if (
            key is not None
            and entry is not None
            and entry.key == key
            and previous_build is not None
            and all((previous_build / f).is_file() for f in entry.files)
        ):
            result.reuse[name] = entry
        else:
            result.process.append(name)
    return result


def reuse_into(staging: Path, previous_build: Path, entries: dict[str, Entry]) -> None:
    """Copy the reused documents' files into the new build. Copies, not hard links: a later write to
    the same name in the new build (two sources with one stem, a document named `corpus`) must never
    change the previous build, which stays published until the switch."""
    for entry in entries.values():
        for rel in entry.files:
            dst = staging / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(previous_build / rel, dst)
