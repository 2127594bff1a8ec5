"""The same flow on a Dask cluster: a real scheduler and workers on loopback, stopped by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.flow


def edition_files(out: Path) -> dict[str, bytes]:
    """The JSON and Markdown editions, file by file (the manifest names the run and its time)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for folder in ("json", "markdown")
        for p in sorted((out / folder).rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def test_editions_on_a_dask_cluster_are_byte_identical_to_the_process_pool(
    prefect_harness, tmp_path, raw_files
):
    from distributed import LocalCluster

    from zhclean.flows.normalize_corpus import normalize_corpus

    raw = raw_files[0].parent
    pool = normalize_corpus(raw_dir=str(raw), out_dir=str(tmp_path / "pool"), workers=2)
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        local_directory=str(tmp_path / "dask"),
    ) as cluster:
        dask = normalize_corpus(
            raw_dir=str(raw),
            out_dir=str(tmp_path / "dask-out"),
            runner="dask",
            address=cluster.scheduler_address,
        )
    assert (pool["processed"], dask["processed"], pool["failed"], dask["failed"]) == (5, 5, [], [])
    assert edition_files(tmp_path / "dask-out") == edition_files(tmp_path / "pool")
    assert sorted(p.name for p in (tmp_path / "dask-out" / "current").iterdir()) == [
        ".results",  # the per-document results the next run reuses; the Dask spill files are gone
        "epub",
        "json",
        "markdown",
        "release",
        "report",
        "sqlite",
        "zip",
    ]


def test_a_local_cluster_when_no_address_is_given(prefect_harness, tmp_path, raw_files):
    from zhclean.flows.normalize_corpus import normalize_corpus

    summary = normalize_corpus(
        raw_dir=str(raw_files[0].parent), out_dir=str(tmp_path / "out"), runner="dask", workers=2
    )
    assert (summary["processed"], summary["failed"], summary["timings"]["workers"]) == (5, [], 2)
