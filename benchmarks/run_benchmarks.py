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
import time
from pathlib import Path

from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.run import new_state, normalize_document, run_stages

RAW = Path(__file__).resolve().parent.parent / "raw"


def stage_times(data: bytes, name: str, options: Options) -> dict[str, float]:
    """Seconds spent in each stage for one document (the pipeline's own stage list)."""
    t: dict[str, float] = {}
    state = new_state(data, name)
    start = time.perf_counter()
    for stage in run_stages(state, options):
        now = time.perf_counter()
        t[stage] = now - start
        start = now
    return t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20, help="corpus copies for the throughput run")
    args = parser.parse_args()
    options = Options()
    files = [(p.name, p.read_bytes()) for p in sorted(RAW.glob("*.txt"))]
    total_bytes = sum(len(d) for _, d in files)

    print(f"corpus: {len(files)} documents, {total_bytes / 1024:.0f} KiB")
    print(f"{'stage':<20}{'ms (median of 3, whole corpus)':>32}")
    per_stage: dict[str, list[float]] = {}
    for _ in range(3):
        totals: dict[str, float] = {}
        for name, data in files:
            for stage, secs in stage_times(data, name, options).items():
                totals[stage] = totals.get(stage, 0.0) + secs
        for stage, secs in totals.items():
            per_stage.setdefault(stage, []).append(secs)
    for stage, values in per_stage.items():
        print(f"{stage:<20}{statistics.median(values) * 1000:>32.1f}")

    start = time.perf_counter()
    for _ in range(args.copies):
        for name, data in files:
            normalize_document(data, name, options)
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
