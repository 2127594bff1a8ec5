"""Is the published build still current? Skip a scheduled run when nothing it depends on changed.

A build depends on the raw files (their names and bytes), the rules (the rules
version hashes the rule set and the stage code) and the run options. The
manifest of the published build records all three as a fingerprint; a run
whose inputs give the same fingerprint would rebuild the same editions, so it
can stop early. `--force` rebuilds anyway.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from zhclean.tasks.core.options import Options

#: Where the published build's manifest lives inside the output directory.
MANIFEST = Path("json") / "manifest.json"
#: Read raw files in chunks of this size when hashing (large files never sit in memory twice).
CHUNK = 1 << 20


def file_sha256(path: Path) -> str | None:
    """The file's sha256, or None when it cannot be read (the run will report why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def file_hashes(raw_dir: Path, files: list[Path]) -> dict[str, str | None]:
    """Every raw file's sha256 by its name inside `raw_dir` (None: unreadable)."""
    return {path.relative_to(raw_dir).as_posix(): file_sha256(path) for path in files}


def run_options(options: Options) -> dict[str, Any]:
    """The options that change what a run builds, as the manifest records them and the
    fingerprints hash them (one definition for the flow and the CLI's early check)."""
    return {
        "disabled_rules": sorted(options.disabled_rules),
        "pangu": options.pangu,
        "script_table": options.script_table,
    }


def inputs_fingerprint(raw_dir: Path, files: list[Path], rules_version: str, options: dict[str, Any]) -> str:
    """One hash over every raw file's name and content, the rules version and the options."""
    return fingerprint_of(file_hashes(raw_dir, files), rules_version, options)


def fingerprint_of(hashes: dict[str, str | None], rules_version: str, options: dict[str, Any]) -> str:
    """`inputs_fingerprint` from hashes already computed."""
    digest = hashlib.sha256()
    for name in sorted(hashes):
        digest.update(f"{name}\0{hashes[name]}\n".encode())
    digest.update(rules_version.encode())
    digest.update(json.dumps(options, sort_keys=True).encode())
    return digest.hexdigest()


def published_fingerprint(out_dir: Path) -> str | None:
    """The fingerprint recorded by the published build, if there is a readable one."""
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = manifest.get("inputs_fingerprint") if isinstance(manifest, dict) else None
    return value if isinstance(value, str) else None


def is_up_to_date(out_dir: Path, fingerprint: str) -> bool:
    return published_fingerprint(out_dir) == fingerprint
