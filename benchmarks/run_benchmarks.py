"""Speed and memory of the per-document pipeline: prints figures, asserts nothing.

    .venv/bin/python benchmarks/run_benchmarks.py [--copies N]

Measures each stage over the raw corpus (median of 3), then the whole
normalisation over N copies of the corpus (throughput in MB/s and documents/s)
and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline import run as pipeline
from zhclean.tasks.stages.furniture import strip as furniture
from zhclean.tasks.stages.ingest import decode as ingest
from zhclean.tasks.stages.join import paragraphs
from zhclean.tasks.stages.repair import lines as repair
from zhclean.tasks.stages.script import convert as script
from zhclean.tasks.stages.segment import articles as segment
from zhclean.tasks.stages.typography import blocks as typography

RAW = Path(__file__).resolve().parent.parent / "raw"


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def stage_times(data: bytes, name: str, options: Options) -> dict[str, float]:
    """Seconds spent in each stage for one document."""
    t: dict[str, float] = {}
    decoded, t["ingest"] = timed(ingest.decode, data, name, options)
    lines = pipeline.split_lines(decoded.text)
    (lines, _, _), t["repair"] = timed(repair.repair_lines, lines, options)
    (lines, _, _), t["script"] = timed(script.convert_lines, lines, options)
    found, t["furniture"] = timed(furniture.strip_furniture, lines, options)
    (blocks, _, _), t["join"] = timed(paragraphs.join_lines, found.lines, options)
    (blocks, _, _), t["typography"] = timed(typography.typeset_blocks, blocks, options, name)
    _, t["segment"] = timed(segment.segment_articles, blocks, dict(found.metadata), name, options)
    return t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20, help="corpus copies for the throughput run")
    args = parser.parse_args()
    options = Options()
    files = [(p.name, p.read_bytes()) for p in sorted(RAW.glob("*.txt"))]
    total_bytes = sum(len(d) for _, d in files)

    print(f"corpus: {len(files)} documents, {total_bytes / 1024:.0f} KiB")
    print(f"{'stage':<12}{'ms (median of 3, whole corpus)':>32}")
    per_stage: dict[str, list[float]] = {}
    for _ in range(3):
        totals: dict[str, float] = {}
        for name, data in files:
            for stage, secs in stage_times(data, name, options).items():
                totals[stage] = totals.get(stage, 0.0) + secs
        for stage, secs in totals.items():
            per_stage.setdefault(stage, []).append(secs)
    for stage, values in per_stage.items():
        print(f"{stage:<12}{statistics.median(values) * 1000:>32.1f}")

    start = time.perf_counter()
    for _ in range(args.copies):
        for name, data in files:
            pipeline.normalize_document(data, name, options)
    elapsed = time.perf_counter() - start
    docs = args.copies * len(files)
    mb = args.copies * total_bytes / 1e6
    print(
        f"throughput: {docs} documents, {mb:.1f} MB in {elapsed:.2f} s = "
        f"{docs / elapsed:.1f} documents/s, {mb / elapsed:.2f} MB/s (one core)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
