"""How the real flow scales: corpora of growing size, end to end, with the bare conversion beside it.

    .venv/bin/python benchmarks/scale.py                 # 10, 100 and 1,000 documents
    .venv/bin/python benchmarks/scale.py --sizes 10 100 1000 5000
    .venv/bin/python benchmarks/scale.py --all           # also 5,000 documents (about 200 MB)
    .venv/bin/python benchmarks/scale.py --sizes 1000 --repeat 5   # five runs, and their medians

Each corpus is made from `raw/` by recombining and perturbing it (seeded): a document
takes the paragraphs of one or two sample files, some of them turned traditional,
some with ASCII punctuation, some lines broken again, and a line of its own, so no
document's result can be reused from another's. The real flow runs on it in a
subprocess (`normalize_corpus`, the same Prefect flow as `zhclean run`, fresh output,
`--workers` processes), while this script samples the resident memory of the whole
process tree. Printed per size: documents, MB, wall time, MB/s, peak RSS and PSS, seconds
per stage and per edition (CPU seconds summed over the workers), Prefect's share of
the wall time (whatever is not our own work: the interpreter's start and the imports, the
server's start-up, creating and ending the flow run, task orchestration, the artifacts;
our own work is discovering, hashing and planning, normalising, the bookkeeping between
the phases, writing the editions and publishing; in brackets, the share outside normalising and writing editions alone, the
measure of earlier runs), and, on the same text in this process, the
throughput of bare `opencc-python-reimplemented` t2s and of read + UTF-8 decode, each
measured just before and just after the flow (the flow is compared with their mean: the
machine's speed drifts over minutes).
A size run more than once (`--repeat N`) also gets a line of medians and the number of runs
that met the issue's targets: on a shared or drifting machine one run says little about a
figure at the edge. `--results` appends the tables to `benchmarks/RESULTS.md`.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from opencc import OpenCC

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
ASCII_PUNCT = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!"})


def make_corpus(folder: Path, count: int, seed: int) -> int:
    """Write `count` perturbed recombinations of raw/ into `folder`; return the bytes written."""
    rng = random.Random(seed)
    to_traditional = OpenCC("s2t")
    sources = [p.read_text(encoding="utf-8").split("\n") for p in sorted(RAW.glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(count):
        lines = list(rng.choice(sources))
        if rng.random() < 0.3:  # a second sample's paragraphs after the first's
            lines += rng.choice(sources)
        style = rng.random()
        out = []
        for line in lines:
            if style < 0.25 and rng.random() < 0.5:
                line = to_traditional.convert(line)
            elif style < 0.5 and rng.random() < 0.3:
                line = line.translate(ASCII_PUNCT)
            if len(line) > 40 and rng.random() < 0.05:  # a break in the middle of a line
                cut = rng.randrange(10, len(line) - 10)
                out += [line[:cut], line[cut:]]
                continue
            out.append(line)
        out.append(f"（第{i}号）")
        data = "\n".join(out).encode("utf-8")
        (folder / f"doc{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


#: Linux's task flag for a process forked that has not exec'd since (PF_FORKNOEXEC, the ninth
#: field of /proc/PID/stat).
FORKED_NOT_EXECED = 0x40


class _NoChildrenFiles(Exception):
    """This kernel has no /proc/PID/task/TID/children files."""


def _descendants(pid: int, children_of: Callable[[int], Iterable[int]]) -> set[int]:
    """`pid` and every process below it, `children_of` naming each one's children."""
    members, frontier = {pid}, [pid]
    while frontier:
        for child in children_of(frontier.pop()):
            if child not in members:
                members.add(child)
                frontier.append(child)
    return members


def _children_from_files(pid: int) -> list[int]:
    """A process's children, from each of its threads' `children` file (none if it is gone)."""
    try:
        threads = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []
    children: list[int] = []
    for thread in threads:
        try:
            children += map(int, (thread / "children").read_text().split())
        except FileNotFoundError:
            if thread.exists():  # the thread is there, its file is not: no such files here
                raise _NoChildrenFiles from None
        except OSError:
            continue
    return children


def tree_pids(pid: int) -> set[int]:
    """A process and all its descendants, from each thread's `children` file (Linux /proc):
    only the run's processes are read, not every process of the machine (a scan of /proc read
    64 of them here at each sample). Where the kernel has no `children` files, a scan of /proc."""
    try:
        return _descendants(pid, _children_from_files)
    except _NoChildrenFiles:
        return _scanned_tree(pid)


def _scanned_tree(pid: int) -> set[int]:
    """`tree_pids` from every process's parent, read in /proc/PID/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    return _descendants(pid, lambda p: children.get(p, ()))


def tree_memory(
    pid: int, settled: set[int] | None = None, parts: dict[int, int] | None = None, pss: bool = True
) -> tuple[int, int, set[int]]:
    """Resident bytes of a process and all its descendants (Linux /proc): the sum of their RSS,
    the sum of their PSS (0 unless `pss`), where a page that several of them share counts once
    in all (a fork server's workers share its pages with it: their RSS counts those pages once
    each), and the processes seen, to pass as `settled` to the next sample.

    A copy of a process that has not exec'd (PF_FORKNOEXEC) adds its RSS only once it was seen
    at the sample before (`settled`): between its fork and its exec a subprocess's child holds
    its parent's pages and no memory of its own, but its RSS says all of them again (a worker
    starting pandoc: 160-190 MB for an instant, caught by about one sample in a 5,000-document
    run). The fork server's workers, forked and never exec'd, count from their second sample.
    `parts`, when given, receives the RSS of each process counted."""
    rss: dict[int, int] = {}
    fresh_forks: set[int] = set()
    members = tree_pids(pid)
    for member in members:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            rss[member] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            if int(fields[6]) & FORKED_NOT_EXECED:
                fresh_forks.add(member)
        except (OSError, ValueError, IndexError):
            continue
    seen = settled or set()
    counted = [p for p in rss if p not in fresh_forks or p in seen]
    if parts is not None:
        parts.update((p, rss[p]) for p in counted)
    proportional = sum(proportional_bytes(p) for p in rss) if pss else 0
    return sum(rss[p] for p in counted), proportional, set(rss)


def proportional_bytes(pid: int) -> int:
    """A process's PSS (`/proc/PID/smaps_rollup`), 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


#: The flow as `zhclean run` runs it: Prefect's temporary server and the document workers started
#: before the flow is imported.
RUNNER = """import json, sys
from zhclean.flows.server import early_server, use_server
with early_server() as server:
    from zhclean.flows.pool import early_pool
    with early_pool(int(sys.argv[3]), booting=server is not None):
        from zhclean.flows.normalize_corpus import normalize_corpus
        with use_server(server):
            result = normalize_corpus(raw_dir=sys.argv[1], out_dir=sys.argv[2], workers=int(sys.argv[3]), force=True)
json.dump(result, open(sys.argv[4], "w"), default=str)
from zhclean.flows.cli import freeze_at_exit
freeze_at_exit()  # as the `zhclean` command does
"""


def process_label(pid: int) -> str:
    """What a process of the run is, for the breakdown at the peak: its command and first word."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "gone"
    names = [w.decode(errors="replace") for w in words if w][:4]
    command = Path(names[0]).name if names else "?"
    rest = next((n for n in names[1:] if not n.startswith("-")), "")
    return f"{command} {Path(rest).name if '/' in rest else rest[:30]}".strip()


Peak = tuple[int, int, float, list[tuple[str, int]]]
#: Seconds between two samples of the run's RSS, and of its PSS. The sampling shares the cores
#: with the run: reading a process's PSS makes the kernel walk its page tables (about 1 ms for
#: each of the run's processes of 200 MB), which at every RSS sample took 0.47 CPU s of a
#: 100-document run of 9.7 s, so the PSS is read once a second.
RSS_SECONDS = 0.25
PSS_SECONDS = 1.0


def run_flow(raw: Path, out: Path, workers: int) -> tuple[dict[str, Any], float, Peak, float]:
    """The real flow in a subprocess: its result, the wall time and its tree's peak: RSS, PSS, the
    seconds after the start when the RSS peaked and what each process held then; last, the CPU
    seconds the sampling took (it shares the cores with the flow)."""
    result_file = out.parent / "result.json"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(raw), str(out), str(workers), str(result_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak: Peak = (0, 0, 0.0, [])
    done = threading.Event()
    sampling_cpu = 0.0

    def sample() -> None:
        nonlocal peak, sampling_cpu
        settled: set[int] = set()
        pss_at = -PSS_SECONDS
        while not done.is_set():
            parts: dict[int, int] = {}
            now = time.perf_counter()
            with_pss = now - pss_at >= PSS_SECONDS
            pss_at = now if with_pss else pss_at
            rss, pss, settled = tree_memory(proc.pid, settled, parts, pss=with_pss)
            if rss > peak[0]:
                held = sorted(((process_label(p), b) for p, b in parts.items()), key=lambda x: -x[1])
                peak = (rss, max(peak[1], pss), time.perf_counter() - start, held)
            else:
                peak = (peak[0], max(peak[1], pss), peak[2], peak[3])
            time.sleep(RSS_SECONDS)
        sampling_cpu = time.thread_time()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"flow failed: {err.decode(errors='replace')[-2000:]}")
    return json.loads(result_file.read_text()), wall, peak, sampling_cpu


def bare_throughputs(raw: Path) -> tuple[float, float]:
    """MB/s of read + UTF-8 decode, and of bare OpenCC t2s, over the same files."""
    files = sorted(raw.glob("*.txt"))
    start = time.perf_counter()
    texts = [p.read_bytes().decode("utf-8") for p in files]
    decode_s = time.perf_counter() - start
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    converter = OpenCC("t2s")
    start = time.perf_counter()
    for text in texts:
        converter.convert(text)
    t2s_s = time.perf_counter() - start
    return mb / (decode_s + 1e-9), mb / t2s_s


#: The run's own parts, timed by the flow (`<part>_wall`): discovery, hashing and planning;
#: normalising; between the phases, the outcomes merged into the build's index and summary; the
#: corpus editions; publishing. Prefect's share is the wall time outside them.
OUR_PARTS = ("prepare", "normalize", "collect", "editions", "publish")


def our_seconds(timings: dict[str, Any]) -> float:
    """The wall seconds of the run's own parts (`OUR_PARTS`)."""
    return sum(timings.get(f"{part}_wall", 0.0) for part in OUR_PARTS)


def measure(count: int, workers: int, seed: int, keep: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"zhclean-scale-{count}-"))
    try:
        raw = work / "raw"
        size = make_corpus(raw, count, seed)
        # the bare conversion just before and just after the flow: this machine's speed drifts
        # by up to 15 % over minutes, so the flow is compared with the mean of the two
        decode_before, t2s_before = bare_throughputs(raw)
        result, wall, peak, sampling_cpu = run_flow(raw, work / "out", workers)
        decode_after, t2s_after = bare_throughputs(raw)
        decode_mbs, t2s_mbs = (decode_before + decode_after) / 2, (t2s_before + t2s_after) / 2
        timings = result["timings"]
        phases = timings["normalize_wall"] + timings["editions_wall"]
        ours = our_seconds(timings)
        mb = size / 1e6
        return {
            "documents": count,
            "MB": mb,
            "wall_s": wall,
            "MB_per_s": mb / wall,
            "peak_rss_MB": peak[0] / 1e6,
            "peak_pss_MB": peak[1] / 1e6,
            "peak_rss_at_s": peak[2],
            "peak_rss_by_process_MB": [[name, b / 1e6] for name, b in peak[3]],
            "prefect_share": max(0.0, wall - ours) / wall,
            "outside_phases_share": max(0.0, wall - phases) / wall,
            "prepare_wall_s": timings.get("prepare_wall", 0.0),
            "collect_wall_s": timings.get("collect_wall", 0.0),
            "publish_wall_s": timings.get("publish_wall", 0.0),
            "normalize_wall_s": timings["normalize_wall"],
            "editions_wall_s": timings["editions_wall"],
            "per_document_cpu_s": timings["per_document"],
            "corpus_editions_s": timings["editions"],
            "bare_t2s_MB_per_s": t2s_mbs,
            "bare_t2s_before_after": [t2s_before, t2s_after],
            "read_decode_MB_per_s": decode_mbs,
            "vs_bare_t2s": (mb / wall) / t2s_mbs,
            "failed": len(result.get("failed", [])),
            "memory_sampling_cpu_s": sampling_cpu,
            "workers": timings["workers"],
        }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| documents | MB | wall s | MB/s | vs bare t2s | peak RSS MB | peak PSS MB | Prefect share "
        "(outside both phases) | prepare, normalise, collect, editions, publish wall s | "
        "bare t2s MB/s (before, after) | read+decode MB/s |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {r['documents']:,} | {r['MB']:.1f} | {r['wall_s']:.1f} | {r['MB_per_s']:.3f} | "
        f"{r['vs_bare_t2s']:.0%} | {r['peak_rss_MB']:.0f} | {r.get('peak_pss_MB', 0):.0f} | "
        f"{r['prefect_share']:.1%} ({r.get('outside_phases_share', 0):.1%}) | "
        f"{r.get('prepare_wall_s', 0):.1f}, {r['normalize_wall_s']:.1f}, {r.get('collect_wall_s', 0):.2f}, "
        f"{r['editions_wall_s']:.1f}, "
        f"{r.get('publish_wall_s', 0):.1f} | {r['bare_t2s_MB_per_s']:.2f} "
        f"({r['bare_t2s_before_after'][0]:.2f}, {r['bare_t2s_before_after'][1]:.2f}) | "
        f"{r['read_decode_MB_per_s']:.0f} |\n"
        for r in rows
    )
    return head + body


def stage_table(rows: list[dict[str, Any]]) -> str:
    keys = list(dict.fromkeys(k for r in rows for k in r["per_document_cpu_s"]))
    keys += [f"corpus {k}" for k in dict.fromkeys(k for r in rows for k in r["corpus_editions_s"])]
    head = "| CPU s | " + " | ".join(f"{r['documents']:,} docs" for r in rows) + " |\n"
    head += "|---|" + "---|" * len(rows) + "\n"
    lines = []
    for key in keys:
        values = []
        for r in rows:
            source = r["corpus_editions_s"] if key.startswith("corpus ") else r["per_document_cpu_s"]
            value = source.get(key.removeprefix("corpus "), 0.0)
            values.append(f"{value:.1f}")
        lines.append(f"| {key} | " + " | ".join(values) + " |\n")
    return head + "".join(lines)


def repeats_table(rows: list[dict[str, Any]]) -> str:
    """Per size measured more than once (`--repeat`): the median of the runs, and in how many
    of them the issue's targets held (half of bare t2s, Prefect's share at most a tenth), so
    that a figure at the edge is read over several runs rather than from the luckiest one."""
    sizes = [
        n for n in dict.fromkeys(r["documents"] for r in rows) if sum(r["documents"] == n for r in rows) > 1
    ]
    if not sizes:
        return ""
    head = (
        "| documents | runs | median wall s | median vs bare t2s | median Prefect share | highest peak RSS MB "
        "| runs at half of bare t2s or more | runs with Prefect at a tenth or less |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for n in sizes:
        runs = [r for r in rows if r["documents"] == n]
        lines.append(
            f"| {n:,} | {len(runs)} | {statistics.median(r['wall_s'] for r in runs):.1f} | "
            f"{statistics.median(r['vs_bare_t2s'] for r in runs):.1%} | "
            f"{statistics.median(r['prefect_share'] for r in runs):.1%} | "
            f"{max(r['peak_rss_MB'] for r in runs):.0f} | "
            f"{sum(r['vs_bare_t2s'] >= 0.5 for r in runs)} | {sum(r['prefect_share'] <= 0.1 for r in runs)} |\n"
        )
    return head + "".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--all", action="store_true", help="also 5,000 documents (about 200 MB)")
    parser.add_argument("--workers", type=int, default=0, help="0: every core")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each size this many times; medians printed"
    )
    parser.add_argument("--results", action="store_true", help="append the figures to benchmarks/RESULTS.md")
    args = parser.parse_args()
    sizes = [*args.sizes, 5000] if args.all and 5000 not in args.sizes else args.sizes
    # as `make run` does: the flow's modules byte-compiled, so no process of the run compiles them
    for package in ("zhclean", "flows", "tasks"):
        compileall.compile_dir(ROOT / package, quiet=1)
    rows = []
    for count in sizes:
        for _ in range(max(1, args.repeat)):
            row = measure(count, args.workers, args.seed, None)
            rows.append(row)
            print(json.dumps(row, indent=1), flush=True)
    repeats = repeats_table(rows)
    options = f"--sizes {' '.join(map(str, sizes))}" + (f" --repeat {args.repeat}" if args.repeat > 1 else "")
    text = (
        f"## {time.strftime('%Y-%m-%d')}: `benchmarks/scale.py {options}`\n\n"
        f"Machine: {machine()}.\n\n{table(rows)}\n"
        + (f"{repeats}\n" if repeats else "")
        + f"{stage_table(rows)}\n"
    )
    print(text)
    if args.results:
        with (ROOT / "benchmarks" / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
