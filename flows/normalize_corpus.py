"""The Prefect flow: the raw files normalised in parallel processes, then the corpus-wide
editions streamed from the build, then an atomic publish.

Map, then reduce. The documents are cut into batches, and each batch is one task
run in a process pool (`ProcessPoolTaskRunner`, every core by default): per file it
normalises the document and writes everything that depends on that document alone
(its record, report section, review page, and its JSON, Markdown and EPUB editions)
and returns a small summary. The corpus-wide editions (articles.jsonl, corpus.md, the
SQLite database, the corpus book in volumes, the report) are then written in one pass
that reads each record back once (`tasks/build/corpus_pass.py`).
No task receives documents: tasks pass paths, options and summaries, so memory is
bounded by the largest document times the workers, and the cost grows linearly.

Incremental: only the documents whose key (raw bytes, rules, options) changed are normalised;
the others' results are copied from the published build (`tasks/build/incremental.py`). A run
that could publish nothing raises `NothingToPublish` (the Prefect run ends Failed) and leaves
the previous build published.
"""

# No `from __future__ import annotations`: a served deployment sends its flow run the flow pickled
# by value, whose globals hold only the names its code uses, so the flow's type hints must be
# objects (the parameter types), not strings to look up at validation.

import logging
import os
import platform
import shutil
import time
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.states import Completed
from prefect.task_runners import ThreadPoolTaskRunner

from zhclean.flows import progress
from zhclean.flows.links import LINKS, LINKS_KEY, editions_markdown
from zhclean.flows.parameters import DEFAULT_SCRIPT_TABLE, RuleName, Runner, ScriptTable
from zhclean.flows.pool import default_workers, normalize_batch_task, same_prefect_api, task_runner
from zhclean.tasks import __version__
from zhclean.tasks.build.corpus_pass import write_corpus_editions
from zhclean.tasks.build.discover import discover
from zhclean.tasks.build.freshness import file_hashes, fingerprint_of, is_up_to_date
from zhclean.tasks.build.freshness import run_options as options_of_run
from zhclean.tasks.build.incremental import Entry, document_key, plan, read_entries, reuse_into, write_entries
from zhclean.tasks.build.process import Outcome
from zhclean.tasks.build.publish import (
    NothingToPublish,
    flushing,
    new_staging,
    output_lock,
    publish,
    published_build,
)
from zhclean.tasks.build.results import (
    read_index,
    write_index,
)
from zhclean.tasks.core.model import DocumentSummary, Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions.bundle import DEFAULT_LICENCE, LICENCE_ENV, ReleaseWriter
from zhclean.tasks.editions.report import markdown_lines, summarize
from zhclean.tasks.pipeline.catalogue import CATALOGUE, check_disabled, rules_fingerprint


@task(name="write-corpus-editions", cache_policy=NO_CACHE)
def corpus_editions_task(
    staging: Path,
    manifest: dict[str, Any],
    run: dict[str, Any],
    summary: dict[str, Any],
    problems: list[dict[str, Any]],
    workers: int,
    licence: str | None = None,
) -> dict[str, float]:
    """Every corpus-wide edition in one pass over the build's records, then the release (licence as
    given, else from the environment variable ZHCLEAN_LICENCE, else "unspecified"), deflated by
    `workers` threads (the bytes do not depend on their number). While the database is still
    being built by a second process (when `workers` > 1), the release zips, hashes and packs
    every other file (`ReleaseWriter.start`). Returns seconds per edition, for the run's figures."""
    licence = licence or os.environ.get(LICENCE_ENV, DEFAULT_LICENCE)
    with ReleaseWriter(staging, run, threads=workers) as release:
        seconds = write_corpus_editions(
            staging,
            read_index(staging),
            manifest,
            reproducible(run),
            summary,
            problems,
            meanwhile=release.start,
            sqlite_process=workers > 1,
        )
        start = time.perf_counter()
        release.finish(summary, licence)
    seconds["release"] = time.perf_counter() - start
    seconds["release start"] = seconds.pop("meanwhile", 0.0)
    return seconds


@task(name="check-inputs", cache_policy=NO_CACHE)
def hash_task(raw: Path, files: list[Path]) -> dict[str, str | None]:
    return file_hashes(raw, files)


@task(name="publish-editions", cache_policy=NO_CACHE)
def publish_task(out_dir: Path, staging: Path) -> None:
    # the Dask spill files go; `.results` stays: the next run reuses unchanged documents from it
    shutil.rmtree(staging / ".dask", ignore_errors=True)
    publish(out_dir, staging)


def make_options(disabled_rules: list[str], pangu: bool, script_table: str) -> Options:
    check_disabled(disabled_rules)
    return Options(disabled_rules=frozenset(disabled_rules), pangu=pangu, script_table=script_table)


#: Documents per task run at most. A task run costs about 120 ms of the worker's CPU before and
#: after the task itself (measured with a task that does nothing, 40 runs: Prefect rebuilds its
#: settings from the sent context and opens two API clients, each loading the CA bundle), a
#: pandoc start, and on Prefect's server about 60 ms of CPU to record its states. The shrinking
#: batches keep the workers evenly busy, so this only bounds how many documents a retry does
#: again: 100 (with `MIN_BATCH_BYTES`) cut 1,000 benchmark documents into 20 task runs, 50
#: into 29, 25 into 45.
MAX_BATCH = 100
BATCHES_PER_WORKER = 4
#: Raw bytes below which a batch is not cut smaller as the work runs out (unless a share is
#: smaller): about half a second of a worker's time, against a task run's 0.2 CPU s. The last
#: batches are about this size, so a worker waits at most about that long for the other.
MIN_BATCH_BYTES = 256 * 1024


def batches(items: list[tuple[Path, str]], workers: int) -> list[list[tuple[Path, str]]]:
    """Cut the files into batches, in the order the pool takes them: largest files first, each
    batch about a `1 / (BATCHES_PER_WORKER * workers)` share of the raw bytes (at most
    `MAX_BATCH` files), and no more than half of a worker's share of what is left, so the
    batches shrink as the work runs out (guided self-scheduling). Equal batches left one worker
    alone with the last of them for about half a batch's time (measured: 3 s of 71 at 1,000
    documents); the last batches here are about `MIN_BATCH_BYTES` each."""
    weighed = sorted(((max(1, _size(path)), (path, name)) for path, name in items), key=lambda w: -w[0])
    sizes = [size for size, _ in weighed]
    ordered = [item for _, item in weighed]
    workers = max(1, workers)
    left = sum(sizes)
    share = left / (workers * BATCHES_PER_WORKER)
    floor = min(MIN_BATCH_BYTES, share)
    cut: list[list[tuple[Path, str]]] = []
    i = 0
    while i < len(ordered):
        target = max(floor, min(share, left / (2 * workers)))
        batch, weight = [ordered[i]], sizes[i]
        i += 1
        while i < len(ordered) and len(batch) < MAX_BATCH and weight + sizes[i] <= target:
            batch.append(ordered[i])
            weight += sizes[i]
            i += 1
        cut.append(batch)
        left -= weight
    return cut


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


#: The flow's own tasks (hashing, the one pass of corpus editions, release, publish) run one after
#: another; the documents run in `normalize_all`'s pool, not in this runner.
@flow(name="normalize-corpus", task_runner=ThreadPoolTaskRunner(max_workers=default_workers()))
def normalize_corpus(
    raw_dir: str = "raw",
    out_dir: str = "output",
    disabled_rules: list[RuleName] | None = None,
    pangu: bool = False,
    script_table: ScriptTable = DEFAULT_SCRIPT_TABLE,
    force: bool = False,
    workers: int = 0,
    runner: Runner = "processes",
    address: str | None = None,
    licence: str | None = None,
) -> dict[str, Any]:
    """Normalise every raw file, build the editions and the report, and publish them atomically.

    `workers`: processes that normalise documents (0: every core; 1: in this process, no
    pool). `runner="dask"` runs them on a Dask cluster instead (`address`: an existing
    scheduler, e.g. `tcp://10.0.0.5:8786`; none: a local cluster of `workers` processes).
    `licence` goes into the release bundle's dataset card (a change of licence alone needs
    `force`: it is not part of what decides that a build is up to date). When the published
    build was made from the same raw files, rules and options, nothing is rebuilt
    (`up_to_date` in the result) unless `force` is set.
    Returns the report's summary plus where the build landed. Raises
    `DiscoveryError` or `OutputError` for a fatal problem (no raw files,
    output not writable or busy); a bad document never raises.
    """
    options = make_options(disabled_rules or [], pangu, script_table)
    raw, out = Path(raw_dir), Path(out_dir)
    workers = workers or default_workers()
    prepare_started = time.perf_counter()
    found = discover(raw)
    run_options = options_of_run(options)
    logger = run_logger()
    logger.info("%d raw files in %s; output %s", len(found.files), raw, out)
    with output_lock(out):
        rules = rules_fingerprint()
        hashes = hash_task(raw, found.files)
        fingerprint = fingerprint_of(hashes, rules, run_options)
        if not force and is_up_to_date(out, fingerprint):
            logger.info("%s is up to date: same raw files, rules and options; nothing rebuilt", out)
            create_markdown_artifact(
                f"# zhclean: up to date\n\n{out} was built from the same {len(found.files)} raw files, "
                "rules and options: nothing rebuilt.\n",
                key="zhclean-run-report",
                description="zhclean run summary",
            )
            create_markdown_artifact(editions_markdown(out), key=LINKS_KEY, description=LINKS)
            return {"up_to_date": True, "out_dir": str(out), "documents": len(found.files)}
        previous = None if force else published_build(out)
        keys = {name: document_key(name, sha, rules, run_options) for name, sha in hashes.items()}
        todo = plan(keys, read_entries(previous), previous)
        staging = new_staging(out)
        run = {
            "run_id": staging.name,
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "raw_dir": str(raw),
            "files": len(found.files),
            "tool_version": __version__,
            "rules_version": rules,
            "rules": sorted(CATALOGUE),
            "options": run_options,
            "inputs_fingerprint": fingerprint,
            "python": platform.python_version(),
        }
        progress.emit("start", len(todo.process))
        # a file in a subfolder is named by its path inside raw/, so equal names never collide
        names = set(todo.process)
        items = [(p, n) for p in found.files if (n := p.relative_to(raw).as_posix()) in names]
        started = time.perf_counter()
        if previous is not None and todo.reuse:
            reuse_into(staging, previous, todo.reuse)
        outcomes = normalize_all(items, options, staging, workers, runner, address) if items else []
        normalized = time.perf_counter()
        timings: dict[str, Any] = {
            "workers": workers,
            "normalize_wall": normalized - started,
            # discovery, the raw files' hashes and the plan: our own work before the documents'
            "prepare_wall": started - prepare_started,
        }
        timings["per_document"] = dict(sum((Counter(o.timings) for o in outcomes), Counter()))
        stored = {
            o.source: Entry(key, o.summary, o.problems, o.files)
            for o in outcomes
            if o.summary is not None and (key := keys.get(o.source)) is not None
        }
        outcomes += [
            Outcome(n, None, e.problems, None, e.summary, {}, e.files) for n, e in todo.reuse.items()
        ]
        stored.update(todo.reuse)
        outcomes.sort(key=lambda o: o.source)
        incremental = {"processed": len(items), "reused": len(todo.reuse), "removed": len(todo.removed)}
        work = f"processed {len(items)}, reused {len(todo.reuse)}, removed {len(todo.removed)}"
        logger.info("%s (of %d raw files)", work, len(found.files))
        summaries: list[DocumentSummary] = [o.summary for o in outcomes if o.summary is not None]
        problems: list[Problem] = list(found.skipped) + [p for o in outcomes for p in o.problems]
        failed = sorted(o.source for o in outcomes if o.failed)
        if not summaries:
            shutil.rmtree(staging, ignore_errors=True)
            message = f"nothing to publish: every document failed ({len(failed)}): {', '.join(failed)}; " + (
                "the previous editions stay published" if published_build(out) else "nothing was published"
            )
            logger.error(message)
            create_markdown_artifact(
                "# zhclean: run failed\n\n" + message + "\n\n" + _problems_table(problems),
                key="zhclean-run-report",
                description="zhclean run summary",
            )
            raise NothingToPublish(message)
        write_index(summaries, staging)
        write_entries(staging, stored)

        summary = summarize(summaries, problems, run)
        problem_records = [asdict(p) for p in problems]
        manifest = {k: v for k, v in run.items() if k not in CLOCK_FIELDS} | {"failed": summary["failed"]}
        started = time.perf_counter()
        # between the two phases: the outcomes merged, the build's index and entries, the summary
        timings["collect_wall"] = started - normalized
        with flushing(staging):  # the documents' editions go to disk meanwhile, not at publishing
            timings["editions"] = corpus_editions_task(
                staging, manifest, run, summary, problem_records, workers, licence
            )
        timings["editions_wall"] = time.perf_counter() - started
        started = time.perf_counter()
        publish_task(out, staging)
        timings["publish_wall"] = time.perf_counter() - started
    logger.info(
        "%d documents, %d articles published in %s (build %s)",
        len(summaries),
        summary["articles"],
        out,
        staging.name,
    )
    report_page = "".join(markdown_lines(run, summary, problem_records, []))
    state_message = f"{work}; {len(summaries)} documents published"
    failed = sorted(set(failed) | set(summary["failed"]))  # as the manifest and the CLI's exit code say
    if failed:
        state_message += f"; {len(failed)} failed: {', '.join(failed)}"
        logger.warning(
            "%d of %d documents failed and were left out: %s",
            len(failed),
            len(summaries) + len(failed),
            ", ".join(failed),
        )
        report_page = (
            f"# zhclean: {len(failed)} of {len(summaries) + len(failed)} documents failed\n\n"
            f"Published the other {len(summaries)}; failed: {', '.join(failed)}\n\n" + report_page
        )
    create_markdown_artifact(report_page, key="zhclean-run-report", description="zhclean run summary")
    create_markdown_artifact(editions_markdown(out), key=LINKS_KEY, description=LINKS)
    reused = set(todo.reuse)
    create_table_artifact(
        [
            {
                "document": s.source,
                "articles": s.articles,
                "bytes": s.size,
                "this run": "reused" if s.source in reused else "processed",
            }
            for s in summaries
        ]
        + [{"document": name, "articles": 0, "bytes": 0, "this run": "failed"} for name in failed],
        key="zhclean-documents",
        description=f"zhclean: documents of build {staging.name} ({work})",
    )
    if problem_records:
        create_table_artifact(problem_records, key="zhclean-problems", description="zhclean: problems")
    result = {
        "up_to_date": False,
        **summary,
        "problem_list": problem_records,
        "out_dir": str(out),
        "build": staging.name,
        "incremental": incremental,
        "message": state_message,
        "timings": timings,
    }
    return Completed(message=state_message, data=result)  # type: ignore[return-value]


#: Fields of the run that come from the clock: in the run's artifact and result, not in the editions.
CLOCK_FIELDS = ("run_id", "started")


def reproducible(run: dict[str, Any]) -> dict[str, Any]:
    """The run facts the report states: the build is named by its inputs, not by the clock, so the
    same inputs give the same report (and the same edition hashes in the manifest)."""
    return {
        **{k: v for k, v in run.items() if k not in CLOCK_FIELDS},
        "run_id": str(run["inputs_fingerprint"])[:16],
        "started": "(not recorded, so that a build is reproducible)",
    }


def run_logger() -> Any:
    """The flow run's logger, at INFO (the offline defaults set Prefect's own level to WARNING)."""
    logger = get_run_logger()
    base = logging.getLogger("prefect.flow_runs")
    if base.getEffectiveLevel() > logging.INFO:
        base.setLevel(logging.INFO)
    return logger


def _problems_table(problems: list[Problem]) -> str:
    rows = [f"| {p.file} | {p.stage} | {p.kind} | {p.message.replace('|', '/')} |" for p in problems]
    return "\n".join(["| file | stage | kind | message |", "|---|---|---|---|", *rows]) + "\n"


def normalize_all(
    items: list[tuple[Path, str]],
    options: Options,
    staging: Path,
    workers: int,
    runner: str = "processes",
    address: str | None = None,
) -> list[Outcome]:
    """Every file through `normalize-batch`: in a pool of `workers` processes, on a Dask
    cluster (`runner="dask"`, at `address` or a local one), or in this process (`workers=1`)."""
    outcomes: list[Outcome] = []
    cut = batches(items, workers)

    def collect(futures: dict[Any, list[tuple[Path, str]]]) -> None:
        for future in as_completed(list(futures)):
            for outcome in _outcomes_of(future, futures[future]):
                outcomes.append(outcome)
                progress.emit(outcome.source)

    if runner == "processes" and workers == 1:
        collect({normalize_batch_task.submit(b, options, staging, len(b) - 1): b for b in cut})
        return outcomes
    with same_prefect_api(), task_runner(runner, workers, address, staging) as pool:
        collect(
            {
                pool.submit(
                    normalize_batch_task,
                    {"items": b, "options": options, "build": staging, "extra": len(b) - 1},
                ): b
                for b in cut
            }
        )
    return outcomes


def _outcomes_of(future: Any, batch: list[tuple[Path, str]]) -> list[Outcome]:
    """A batch that failed even after its retries becomes a problem for each of its files, not a
    crashed run."""
    try:
        return future.result()
    except Exception as exc:
        return [
            Outcome(name, None, [Problem(name, "read", "io_error", f"{name}: {type(exc).__name__}: {exc}")])
            for _, name in batch
        ]
