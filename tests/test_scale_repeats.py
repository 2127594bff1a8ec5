"""The scale benchmark's medians over repeated runs (`benchmarks/scale.py --repeat N`): the line
for a size run several times, against figures worked out by hand."""

from __future__ import annotations

import importlib.util

from paths import ROOT

_SPEC = importlib.util.spec_from_file_location("scale_benchmark_repeats", ROOT / "benchmarks" / "scale.py")
assert _SPEC is not None and _SPEC.loader is not None
scale = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(scale)


def run(documents: int, wall: float, vs_bare: float, prefect: float, rss: float) -> dict[str, float]:
    return {
        "documents": documents,
        "wall_s": wall,
        "vs_bare_t2s": vs_bare,
        "prefect_share": prefect,
        "peak_rss_MB": rss,
    }


def test_a_size_run_three_times_gets_its_medians_and_how_many_runs_met_each_target():
    rows = [
        run(1000, 46.4, 0.508, 0.0935, 886),
        run(1000, 45.0, 0.525, 0.1067, 898),
        run(1000, 48.8, 0.489, 0.1002, 902),
        run(5000, 220.4, 0.563, 0.0221, 954),  # run once: no line of its own
    ]
    lines = scale.repeats_table(rows).splitlines()
    assert len(lines) == 3  # the head, its rule, one size
    assert lines[2] == "| 1,000 | 3 | 46.4 | 50.8% | 10.0% | 902 | 2 | 1 |"


def test_a_target_met_exactly_counts_as_met():
    rows = [run(100, 10.0, 0.5, 0.1, 800), run(100, 12.0, 0.45, 0.12, 810)]
    assert scale.repeats_table(rows).splitlines()[2] == "| 100 | 2 | 11.0 | 47.5% | 11.0% | 810 | 1 | 1 |"


def test_no_size_run_twice_gives_no_table():
    assert scale.repeats_table([run(10, 3.0, 0.1, 0.5, 700), run(100, 9.0, 0.2, 0.4, 800)]) == ""
