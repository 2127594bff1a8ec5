"""The document workers started before the flow (`flows/pool.py`): all of them at once, handed to
the flow once, and stopped when no flow took them. (That a real run takes them and runs its
tasks there is checked in a fresh process in `test_temporary_server.py`.)"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from prefect.task_runners import ProcessPoolTaskRunner

from zhclean.flows import pool

pytestmark = pytest.mark.flow


def alive(pids: list[int]) -> list[int]:
    return [pid for pid in pids if os.path.exists(f"/proc/{pid}")]


def test_every_worker_starts_when_the_pool_is_entered_and_stops_when_no_flow_takes_it() -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    with pool.early_pool(2) as warm:
        assert isinstance(warm, pool.WarmProcessPool)
        started = sorted(p.pid for p in multiprocessing.active_children() if p.pid not in before)
        # both at once, before any task was submitted (a pool otherwise starts them one per task)
        assert len(started) == 2
    assert pool._waiting == {}
    assert alive(started) == []


def test_the_flow_takes_the_waiting_pool_once_and_only_for_its_worker_count(tmp_path: Path) -> None:
    with pool.early_pool(2) as warm:
        started = [p.pid for p in multiprocessing.active_children()]
        assert len(started) == 2
        other = pool.task_runner("processes", 3, None, tmp_path)
        assert not isinstance(other, pool.WarmProcessPool)
        first = pool.task_runner("processes", 2, None, tmp_path)
        second = pool.task_runner("processes", 2, None, tmp_path)
        assert pool._waiting == {}
        with first as taken:
            assert taken is warm
        # taking it, the flow's `with` stopped it
        assert alive(started) == []
        assert isinstance(second, ProcessPoolTaskRunner) and not isinstance(second, pool.WarmProcessPool)


@pytest.mark.parametrize(
    ("workers", "runner", "booting"), [(1, "processes", True), (2, "dask", True), (2, "processes", False)]
)
def test_nothing_is_started_for_one_worker_for_dask_or_without_a_booting_server(
    workers: int, runner: str, booting: bool
) -> None:
    before = {p.pid for p in multiprocessing.active_children()}
    with pool.early_pool(workers, runner, booting) as warm:
        assert warm is None
        assert {p.pid for p in multiprocessing.active_children()} == before
    assert pool._waiting == {}


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    """A warm-up run in this process freezes its objects (as a worker's): thawed after the test."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_worker_warms_up_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the warm-up normalises its sample without writing anything, wherever it runs
    monkeypatch.chdir(tmp_path)
    pool.warm_up()
    assert list(tmp_path.iterdir()) == []


def test_a_warm_up_that_fails_does_not_fail_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a stage is broken")

    monkeypatch.setattr(pool, "process_bytes", broken)
    pool.warm_up()  # an initializer that raised would break the pool and every batch with it


def parent_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def test_every_pool_forks_its_workers_from_one_fork_server_and_prefect_is_left_as_it_was() -> None:
    import prefect.task_runners as runners

    parents = []
    for _ in range(2):
        before = {p.pid for p in multiprocessing.active_children()}
        with pool.early_pool(2) as warm:
            assert warm is not None
            started = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
            assert len(started) == 2
            parents.append({parent_of(pid) for pid in started})
    # both pools' workers are children of one process, and it is not this one: the fork server
    assert len(parents[0]) == 1 and parents[0] == parents[1]
    assert parents[0] != {os.getpid()}
    assert runners.multiprocessing is multiprocessing


def test_once_the_rules_on_disk_change_the_workers_are_spawned_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # the fork server imported other rules than those on disk now (an upgrade under a watcher)
    monkeypatch.setattr(pool, "_server_rules", "rules the fork server imported")
    before = {p.pid for p in multiprocessing.active_children()}
    with pool.early_pool(2) as warm:
        assert warm is not None
        started = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
        assert len(started) == 2
        assert {parent_of(pid) for pid in started} == {os.getpid()}
        worker, warmed_in, frozen, thresholds = warm._executor.submit(pool._warmth).result(timeout=60)
        assert warmed_in == worker  # a spawned worker warms itself up
        assert frozen > 0  # and then freezes what it loaded
        assert thresholds == (10_000, 10, 10)


def test_a_forked_worker_starts_warm_from_the_fork_server() -> None:
    with pool.early_pool(2) as warm:
        assert warm is not None
        worker, warmed_in, frozen, thresholds = warm._executor.submit(pool._warmth).result(timeout=60)
        # the pipeline ran once in the fork server (the worker's parent), not again in the worker
        assert warmed_in == parent_of(worker)
        # the worker's collections leave alone what the fork server loaded: frozen there
        assert frozen > 0
        assert thresholds == (10_000, 10, 10)  # and look less often
    assert warmed_in not in (worker, os.getpid())


def test_a_pool_serializes_each_settings_object_once_and_a_new_one_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from prefect.context import SettingsContext
    from prefect.settings import PREFECT_CLIENT_MAX_RETRIES, temporary_settings

    calls: list[int] = []
    plain = SettingsContext.serialize

    def counted(context: SettingsContext, include_secrets: bool = True) -> dict[str, object]:
        calls.append(id(context))
        return plain(context, include_secrets=include_secrets)

    monkeypatch.setattr(SettingsContext, "serialize", counted)
    cache: dict[tuple[int, bool], tuple[object, dict[str, object]]] = {}
    with pool._settings_serialized_once(cache):
        first = SettingsContext.get().serialize()
        again = SettingsContext.get().serialize()
        with temporary_settings(updates={PREFECT_CLIENT_MAX_RETRIES: 7}):
            changed = SettingsContext.get().serialize()
    assert SettingsContext.serialize is counted  # put back on leaving
    assert again == first == plain(SettingsContext.get())
    assert len(calls) == 2  # once for the settings in force, once for the changed ones
    assert changed["settings"]["client"]["max_retries"] == 7
    assert first["settings"].get("client", {}).get("max_retries") != 7
