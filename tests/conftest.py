"""Test set-up: Prefect in a throw-away home, and one Prefect test harness per session.

PREFECT_HOME must be set before Prefect is imported, or cached results and the
database would leak between test sessions and into the user's home.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

_PREFECT_HOME = tempfile.mkdtemp(prefix="zhclean-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"] = str(Path(_PREFECT_HOME) / "storage")
# removed when the session's interpreter exits: registered before Prefect is imported, so it runs
# after Prefect's own exit handlers (last in, first out) have sent what they still held
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests draw the same examples on every run by default, so CI is repeatable and a
# failure is the code's, not the dice's; `HYPOTHESIS_PROFILE=explore` draws new ones (and
# remembers failures in .hypothesis/) when hunting for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

import zhclean.flows  # noqa: E402,F401  (applies the offline Prefect defaults)

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A temporary Prefect server for the whole session (it takes ~20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def raw_files() -> list[Path]:
    return sorted(RAW.glob("*.txt"))


_FIGURES: list[tuple[str, str]] = []


@pytest.fixture
def record_figures():
    """Let a test state figures (e.g. how many bad inputs were tried) in the session summary."""

    def record(topic: str, line: str) -> None:
        _FIGURES.append((topic, line))

    return record


def pytest_terminal_summary(terminalreporter) -> None:
    if _FIGURES:
        terminalreporter.section("zhclean figures")
        for topic, line in _FIGURES:
            terminalreporter.write_line(f"{topic}: {line}")
