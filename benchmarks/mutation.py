"""Mutation testing of the stage code with cosmic-ray: does the suite catch a broken rule?

    .venv/bin/python benchmarks/mutation.py [--sample N] [--seed S] [--modules GLOB ...]

cosmic-ray changes the source on disk, one mutant at a time, so it works on a scratch
copy of the last commit (never on the tree you edit): the copy's `tasks/` and `flows/` are
put first on the import path through a `zhclean/` folder of links, the way the
installed package maps them. Each mutant is then tested with the fast tests (rule
cases, threshold cases, golden outputs, the stage and text tests; `-x`, so a killed
mutant stops at its first failing test). The stage packages give tens of thousands
of mutants with cosmic-ray's full operator set; this keeps the operators that model
a broken rule (comparisons, numbers, booleans, and/or, `not`, loop and return
changes, string constants emptied) and samples `--sample` of them per run (seeded,
so a run can be repeated). The result is written to `benchmarks/MUTATION.md`: the
kill rate per module and every surviving mutant as a diff.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FAST_TESTS = [
    "tests/test_rule_cases.py",
    "tests/test_thresholds.py",
    "tests/documents/test_golden.py",
    "tests/stages",
    "tests/text",
]
#: Meta tests that check the test data, not the code: a mutant cannot fail them.
META_TESTS = [
    "tests/test_thresholds.py::test_every_threshold_is_tested_on_both_sides_or_exempt_with_a_reason",
    "tests/test_thresholds.py::test_every_listed_threshold_exists",
    "tests/test_rule_cases.py::test_every_rule_has_a_positive_and_a_negative_case",
]
#: cosmic-ray operators that model a broken rule; the rest (e.g. `+` -> `<<`) mostly make
#: code that crashes at once, which any test catches and which says little.
KEEP_OPERATORS = (
    "core/ReplaceComparisonOperator_Lt_LtE",
    "core/ReplaceComparisonOperator_LtE_Lt",
    "core/ReplaceComparisonOperator_Gt_GtE",
    "core/ReplaceComparisonOperator_GtE_Gt",
    "core/ReplaceComparisonOperator_Eq_NotEq",
    "core/ReplaceComparisonOperator_NotEq_Eq",
    "core/ReplaceComparisonOperator_In_NotIn",
    "core/ReplaceComparisonOperator_NotIn_In",
    "core/NumberReplacer",
    "core/ReplaceTrueWithFalse",
    "core/ReplaceFalseWithTrue",
    "core/ReplaceAndWithOr",
    "core/ReplaceOrWithAnd",
    "core/AddNot",
    "core/ZeroIterationForLoop",
    "core/ReplaceContinueWithBreak",
    "core/ReplaceBreakWithContinue",
    "core/ReplaceBinaryOperator_Add_Sub",
    "core/ReplaceBinaryOperator_Sub_Add",
)


def scratch_copy(target: Path, rev: str = "HEAD") -> None:
    """A committed tree (a consistent state, whatever is being edited) and an import path."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    package = target / ".importpath" / "zhclean"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "zhclean" / "__init__.py", package / "__init__.py")
    for name in ("tasks", "flows"):
        (package / name).symlink_to(target / name, target_is_directory=True)


#: Runs pytest on the scratch copy: the installed package's editable finder (which maps
#: `zhclean.tasks` to the checkout) is taken off the import system first.
RUNNER = """import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__]
sys.path.insert(0, sys.argv.pop(1))
import pytest
sys.exit(pytest.main(sys.argv[1:]))
"""


def write_config(target: Path, modules: list[str]) -> Path:
    deselect = " ".join(f"--deselect {t}" for t in META_TESTS)
    runner = target / ".importpath" / "run_tests.py"
    runner.write_text(RUNNER, encoding="utf-8")
    command = (
        f"{PYTHON} {runner} {target / '.importpath'} -x -q -p no:cacheprovider "
        f"-m 'not flow' {deselect} {' '.join(FAST_TESTS)}"
    )
    config = target / "cosmic-ray.toml"
    config.write_text(
        "[cosmic-ray]\n"
        f"module-path = {json.dumps(modules)}\n"
        "timeout = 120.0\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(command)}\n"
        "\n[cosmic-ray.distributor]\nname = 'local'\n",
        encoding="utf-8",
    )
    return config


def sample_work(session: Path, keep: int, seed: int) -> tuple[int, int]:
    """Drop every work item of an operator not kept, then all but `keep` at random."""
    db = sqlite3.connect(session)
    rows = db.execute(
        "SELECT w.job_id, m.operator_name FROM work_items w JOIN mutation_specs m ON m.job_id = w.job_id"
    ).fetchall()
    wanted = [job for job, op in rows if op.startswith(KEEP_OPERATORS)]
    chosen = set(random.Random(seed).sample(wanted, min(keep, len(wanted))))
    drop = [(job,) for job, _ in rows if job not in chosen]
    db.executemany("DELETE FROM mutation_specs WHERE job_id = ?", drop)
    db.executemany("DELETE FROM work_items WHERE job_id = ?", drop)
    db.commit()
    db.close()
    return len(rows), len(chosen)


def report(session: Path, target: Path, total: int, sampled: int, seed: int, elapsed: float, rev: str) -> str:
    dump = subprocess.run(
        [str(Path(PYTHON).parent / "cosmic-ray"), "dump", str(session)],
        cwd=target,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    per_module: dict[str, Counter[str]] = {}
    survivors: list[tuple[str, str, int, str]] = []
    for line in dump.splitlines():
        item, result = json.loads(line)
        if not result:
            continue
        spec = item["mutations"][0]
        module = (
            str(Path(spec["module_path"]).relative_to(target))
            if spec["module_path"].startswith("/")
            else spec["module_path"]
        )
        outcome = result["test_outcome"] or result["worker_outcome"]
        per_module.setdefault(module, Counter())[outcome] += 1
        if outcome == "survived":
            survivors.append((module, spec["operator_name"], spec["start_pos"][0], result.get("diff") or ""))
    killed = sum(c["killed"] for c in per_module.values())
    survived = sum(c["survived"] for c in per_module.values())
    other = sum(sum(c.values()) for c in per_module.values()) - killed - survived
    rate = killed / (killed + survived) if killed + survived else 0.0
    lines = [
        "# Mutation testing of the stage code",
        "",
        f"Made by `benchmarks/mutation.py --sample {sampled} --seed {seed}` on commit `{rev}` "
        f"(cosmic-ray, {elapsed / 60:.0f} min).",
        f"{total} mutants in the modules; {sampled} sampled from the operators that model a broken rule.",
        "",
        f"**Killed {killed} of {killed + survived} ({rate:.0%})**; {other} incompetent or timed out (not counted).",
        "",
        "| module | killed | survived | other |",
        "|---|---|---|---|",
    ]
    for module, c in sorted(per_module.items()):
        rest = sum(c.values()) - c["killed"] - c["survived"]
        lines.append(f"| `{module}` | {c['killed']} | {c['survived']} | {rest} |")
    lines += ["", "## Surviving mutants", ""]
    for module, op, line, diff in sorted(survivors):
        lines += [f"### `{module}`:{line} — {op}", "", "```diff", diff.strip(), "```", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=300, help="mutants to test")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--modules", nargs="*", default=["tasks/stages", "tasks/text"])
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/zhclean-mutation"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "MUTATION.md")
    parser.add_argument("--rev", default="HEAD", help="the commit to mutate")
    args = parser.parse_args()
    start = time.time()
    scratch_copy(args.scratch, args.rev)
    config = write_config(args.scratch, args.modules)
    session = args.scratch / "session.sqlite"
    cr = str(Path(PYTHON).parent / "cosmic-ray")
    subprocess.run([cr, "init", str(config), str(session)], cwd=args.scratch, check=True)
    total, sampled = sample_work(session, args.sample, args.seed)
    print(f"{total} mutants, {sampled} sampled", flush=True)
    subprocess.run([cr, "baseline", str(config)], cwd=args.scratch, check=True)
    subprocess.run([cr, "exec", str(config), str(session)], cwd=args.scratch, check=True)
    rev = subprocess.run(
        ["git", "rev-parse", "--short", args.rev], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    text = report(session, args.scratch, total, sampled, args.seed, time.time() - start, rev)
    args.out.write_text(text, encoding="utf-8")
    print(text.split("## Surviving")[0])


if __name__ == "__main__":
    main()
