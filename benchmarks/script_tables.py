"""What each OpenCC table does differently on the corpus, and on the known traps.

Run: `.venv/bin/python benchmarks/script_tables.py [raw/*.txt]`

For every raw file it prints how many characters `t2s`, `tw2s` and `hk2s`
change, then each place where a table disagrees with `t2s` (with context),
grouped and counted; then the trap words (著/着, 乾/干, 後/后, 裡/里, 於/于,
台/臺, 慰藉著, 怎麼, 抬) through each table and through zhclean's own
`t2s` + `script.particle_zhe`. This measurement is why `t2s` is the default.
The tables are the script stage's (OpenCC's current dictionaries, `data/opencc`).

Then the speed of the script stage, per table: the files as they are (mostly
simplified) and the same text turned traditional (s2t), best of three, with the
engine as installed (its own years-old dictionaries) beside it.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from opencc import OpenCC

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.script.convert import convert_lines, converter

TABLES = ("t2s", "tw2s", "hk2s")
TRAPS = (
    "看著", "激勵著", "閃耀著", "著名", "原著", "編著", "譯著", "顯著", "張三 著", "著急",
    "慰藉著", "乾淨", "乾隆", "之後", "裡面", "於是", "臺灣", "怎麼", "抬頭",
)  # fmt: skip


def compare(text: str) -> None:
    out = {t: converter(t).convert(text) for t in TABLES}
    print("  changed chars:", {t: sum(a != b for a, b in zip(text, o, strict=False)) for t, o in out.items()})
    for table in TABLES[1:]:
        diffs: Counter[tuple[str, str, str]] = Counter()
        for i, (a, b) in enumerate(zip(out["t2s"], out[table], strict=False)):
            if a != b:
                diffs[(text[max(0, i - 1) : i + 2], a, b)] += 1
        for (ctx, a, b), n in diffs.most_common(10):
            print(f"    {table}: {ctx!r}  t2s={a} {table}={b}  x{n}")


def main(paths: list[str]) -> None:
    for path in paths:
        print(path)
        compare(Path(path).read_text(encoding="utf-8", errors="replace"))
    print("traps:")
    for word in TRAPS:
        ours = convert_lines([Line(word, 1)], Options())[0][0].text
        row = "  ".join(f"{t}={converter(t).convert(word)}" for t in TABLES)
        print(f"  {word:6}  {row}  zhclean={ours}")


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def speed(paths: list[str]) -> None:
    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    traditional = [OpenCC("s2t").convert(t) for t in texts]
    chars = sum(map(len, texts))
    start = time.perf_counter()
    converter.cache_clear()
    converter("t2s").convert("測試")
    print(f"speed ({chars} characters; loading t2s: {time.perf_counter() - start:.3f} s):")
    for table in ("t2s", "tw2s", "hk2s", "tw2sp"):
        converter(table)
        for label, corpus in (("as is", texts), ("traditional", traditional)):
            lines = [[Line(x, n) for n, x in enumerate(t.split("\n"), 1)] for t in corpus]
            took = best_of(
                3,
                lambda lines=lines, table=table: [
                    convert_lines(ls, Options(script_table=table)) for ls in lines
                ],
            )
            print(f"  {table:5} {label:11}  {took:.3f} s  {chars / took / 1000:.0f} k chars/s")
    bundled = OpenCC("t2s")
    took = best_of(3, lambda: [bundled.convert(t) for t in traditional])
    print(f"  the installed engine's own t2s, whole traditional texts: {took:.3f} s")


if __name__ == "__main__":
    files = sys.argv[1:] or sorted(str(p) for p in Path("raw").glob("*.txt"))
    main(files)
    speed(files)
