"""Where the documents run: the batch task, and the pool of worker processes it runs in.

A worker process imports this module to unpickle the task, so it holds what a worker needs
and nothing of the flow's own (the corpus editions, the artifacts, the flow's parameter
schema): each worker starts 0.5 s sooner than it did importing the flow's module.

The workers are forked from a fork server (`_fork_server`) that has imported Prefect and the
pipeline and normalised a small sample once (`warm_worker`), which loads what the stages load
on first use (OpenCC's dictionaries): a worker is ready at once, where a spawned one took 2-2.5
CPU s to get there, for each worker of each pool.

The pool can start before the flow (`early_pool`). `zhclean run` knows from the start that the
documents will run in a pool of `workers` processes; while Prefect's temporary server boots
(one core busy for about 7 s, the other waiting), the fork server starts and the workers with
it. The flow then takes that pool (`task_runner`) instead of starting its own, and its first
batch starts at once (`benchmarks/RESULTS.md`). Without `early_pool` (a deployment, a test),
the flow starts a pool as before.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ProcessPoolTaskRunner

from zhclean.tasks.build.discover import TransientIOError
from zhclean.tasks.build.process import Outcome, process_batch, process_bytes
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.catalogue import rules_fingerprint

#: Retry delays (seconds) for a transient read error; permanent errors are not retried.
READ_RETRY_DELAYS = [0.2, 1.0, 3.0]


def _is_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only I/O errors that may pass (busy or briefly unreachable storage)."""
    try:
        state.result()
    except TransientIOError:
        return True
    except Exception:
        return False
    return False


@task(
    name="normalize-batch",
    task_run_name="normalize {items[0][1]} (+{extra} more)",
    retries=len(READ_RETRY_DELAYS),
    retry_delay_seconds=READ_RETRY_DELAYS,
    retry_condition_fn=_is_transient,
    cache_policy=NO_CACHE,
)
def normalize_batch_task(
    items: list[tuple[Path, str]], options: Options, build: Path, extra: int
) -> list[Outcome]:
    return process_batch(items, options, build)


#: What a worker normalises before its first batch: a few lines in traditional and simplified
#: script, with Latin text and marks, so that each stage has loaded what it loads on first use.
WARM_UP_TEXT = "第一章 開始\n\n這是一個測試，含有 English words 與「引號」。\n\n第二章\n\n另一段文字……\n"


#: A worker's collector thresholds: a young-generation collection after 10,000 new objects (700
#: is Python's default), the older generations as by default.
GC_THRESHOLD = (10_000, 10, 10)

#: The process that warmed this one's pipeline up: itself, or the fork server it was forked from.
warmed_in: int | None = None


def warm_up() -> None:
    """Run in each worker as it starts: the pipeline imported and run once, in memory (nothing
    written). It only saves time, so it never fails: an initializer that raised would break the
    pool, and every document with it; whatever went wrong, the documents meet it and say so.
    Once per process: a worker forked from a warm fork server (`warm_worker`) is warm already.

    What is loaded by then lives as long as the process, so it is frozen (`gc.freeze`, after a
    collection of the warm-up's garbage): a full collection no longer walks it. Those cost
    about 100 ms each in a worker, 20 ms frozen; a 1,000-document run made about 45 (4.5 of
    its workers' CPU seconds, measured with `gc.callbacks`). A worker forked from the fork
    server inherits its frozen objects; walking them would also have written to their headers,
    copying the pages it shares with the server.

    A document's stages make and drop objects by the hundred thousand, few in cycles, so the
    collector is asked to look less often (`GC_THRESHOLD`): 200 documents, the two workers'
    collections 0.51 -> 0.10 CPU s."""
    global warmed_in
    if warmed_in is not None:
        return
    with suppress(Exception):
        process_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt", Options())
    warmed_in = os.getpid()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _started() -> bool:
    return True


def _warmth() -> tuple[int, int | None, int, tuple[int, int, int]]:
    """This worker's process id, where its pipeline was warmed up, how many objects the
    collector leaves alone as frozen and its thresholds (for the tests)."""
    return os.getpid(), warmed_in, gc.get_freeze_count(), gc.get_threshold()


#: What the fork server imports once for every worker it forks: the batch task and the pipeline,
#: run once (`warm_worker`), so its workers start warm.
FORK_SERVER_PRELOAD = ["zhclean.flows.warm_worker"]
#: The rules the fork server imports (`rules_fingerprint` when it is first asked for).
_server_rules: str | None = None


@contextmanager
def _fork_server() -> Iterator[None]:
    """Within the block, Prefect's `ProcessPoolTaskRunner` starts its workers through the fork
    server (`multiprocessing`'s "forkserver"), where it asks for "spawn".

    A spawned worker is a new interpreter that imports Prefect and the pipeline itself: 2-2.5
    CPU s for each worker of each pool. The fork server is such an interpreter, started once per
    process and importing them once (`FORK_SERVER_PRELOAD`); each worker is a fork of it, ready
    at once, from the same clean state (not a fork of this process, its threads and its Prefect
    client). Each task still runs in the environment and settings Prefect sends with it.
    Prefect has no option for the start method, so the `multiprocessing` its runner module
    calls is swapped for the time the pool starts.

    The workers are spawned as before where there is no fork server (Windows), should Prefect's
    module no longer call `multiprocessing` by that name, and once the rules on disk differ from
    those the fork server imported: a long-lived process (`zhclean watch`, a deployment) whose
    package is upgraded under it runs the new rules, as the runs' fingerprint says."""
    import multiprocessing

    import prefect.task_runners as runners

    global _server_rules
    original = getattr(runners, "multiprocessing", None)
    rules = rules_fingerprint()
    if _server_rules is None:
        _server_rules = rules
    if (
        original is not multiprocessing
        or "forkserver" not in multiprocessing.get_all_start_methods()
        or rules != _server_rules
    ):
        yield
        return
    server = multiprocessing.get_context("forkserver")
    server.set_forkserver_preload(FORK_SERVER_PRELOAD)

    class _Contexts:
        @staticmethod
        def get_context(method: str | None = None) -> Any:
            return server if method == "spawn" else multiprocessing.get_context(method)

    runners.multiprocessing = _Contexts  # type: ignore[assignment]
    try:
        yield
    finally:
        runners.multiprocessing = original


class ForkServerPool(ProcessPoolTaskRunner):
    """Prefect's `ProcessPoolTaskRunner`, its workers forked from the fork server (`_fork_server`).

    Each `submit` sends the task the run's context, serialized again every time; most of that is
    Prefect's settings (`SettingsContext.serialize`, about 40 ms of this process's CPU a task
    run, 1.1 of the 1.3 s that submitting 1,000 documents' 29 batches took, while the workers
    had started). The settings in force are one object for the whole pool, so they are
    serialized once per object (`_settings_serialized_once`), as Prefect keeps the workers'
    environment once per settings object; the rest of the context is serialized as before."""

    def __enter__(self) -> ForkServerPool:
        with _fork_server():
            super().__enter__()
        self._serialized_settings: dict[tuple[int, bool], tuple[Any, dict[str, Any]]] = {}
        return self

    def submit(self, *args: Any, **kwargs: Any) -> Any:
        with _settings_serialized_once(getattr(self, "_serialized_settings", {})):
            return super().submit(*args, **kwargs)


@contextmanager
def _settings_serialized_once(cache: dict[tuple[int, bool], tuple[Any, dict[str, Any]]]) -> Iterator[None]:
    """Within the block, a `SettingsContext` already serialized (the same object) gives the same
    dict from `cache` rather than serializing its settings again. Prefect's settings and their
    context are replaced, never changed in place (`temporary_settings` makes new ones), which
    is what its own cache of the workers' environment relies on too."""
    from prefect.context import SettingsContext

    original = SettingsContext.serialize

    def serialize(context: SettingsContext, include_secrets: bool = True) -> dict[str, Any]:
        key = (id(context), include_secrets)
        found = cache.get(key)
        if found is None or found[0] is not context:
            found = cache[key] = (context, original(context, include_secrets=include_secrets))
        return found[1]

    SettingsContext.serialize = serialize  # type: ignore[method-assign]
    try:
        yield
    finally:
        SettingsContext.serialize = original  # type: ignore[method-assign]


class WarmProcessPool(ForkServerPool):
    """A `ForkServerPool` whose workers start when it is entered, each warmed up (`warm_up`),
    rather than one by one as the first tasks arrive."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers, initializer=warm_up)

    def __enter__(self) -> WarmProcessPool:
        super().__enter__()
        executor = getattr(self, "_executor", None)  # Prefect's ProcessPoolExecutor
        if executor is not None:
            # an executor starts a worker per task while none is idle: one no-op each starts them all
            for _ in range(self._max_workers):
                executor.submit(_started)
        return self


def default_workers() -> int:
    """Every core."""
    return os.cpu_count() or 1


_waiting: dict[int, WarmProcessPool] = {}


@contextmanager
def early_pool(
    workers: int, runner: str = "processes", booting: bool = True
) -> Iterator[WarmProcessPool | None]:
    """Start the pool of `workers` processes now, for the flow run inside the block to take
    (`task_runner`); stopped on leaving if the flow did not take it (a run that had nothing to
    do, or failed before its documents). `workers` 0: every core. Nothing is started for Dask,
    a single worker, or when no temporary server is `booting` (with an API configured there is
    no boot to fill, and the flow starts its pool itself)."""
    workers = workers or default_workers()
    if runner != "processes" or workers <= 1 or not booting:
        yield None
        return
    pool = WarmProcessPool(workers).__enter__()
    _waiting[workers] = pool
    try:
        yield pool
    finally:
        if _waiting.get(workers) is pool:
            del _waiting[workers]
            pool.__exit__(None, None, None)


def task_runner(runner: str, workers: int, address: str | None, staging: Path) -> Any:
    """The pool the documents run in, to enter with `with`: the pool `early_pool` started for
    `workers` processes if there is one, else a new one. On Dask, a local cluster has one
    single-threaded worker process per core (the stages are pure Python: threads would share
    one interpreter lock) and keeps its spill files in the build; `address` joins an existing
    scheduler instead."""
    if runner == "processes":
        waiting = _waiting.pop(workers, None)
        return _Started(waiting) if waiting is not None else ForkServerPool(max_workers=workers)
    if runner != "dask":
        raise ValueError(f"runner must be 'processes' or 'dask', not {runner!r}")
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
            "local_directory": str(staging / ".dask"),
        }
    )


class _Started:
    """A pool entered already: `with` gives it and stops it on leaving, as it would a new one."""

    def __init__(self, pool: WarmProcessPool) -> None:
        self.pool = pool

    def __enter__(self) -> WarmProcessPool:
        return self.pool

    def __exit__(self, *exc: object) -> None:
        self.pool.__exit__(*exc)


@contextmanager
def same_prefect_api() -> Iterator[None]:
    """Point the worker processes at this run's Prefect API.

    In an embedded run the API is a temporary server that Prefect starts in this
    process, and its address is not in the settings a worker process inherits: each
    worker would start a server of its own (10-20 s each). The address of the running
    one is handed to the workers instead."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:  # the workers inherit it (`flows/server.py` sets one)
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer  # already imported by Prefect to start it

    running = [s for s in SubprocessASGIServer._instances.values() if s.running]
    if not running:
        yield
        return
    with temporary_settings(updates={PREFECT_API_URL: running[0].api_url}):
        yield
