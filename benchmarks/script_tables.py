"""What each OpenCC table does differently on the corpus, and on the known traps.

Run: `.venv/bin/python benchmarks/script_tables.py [raw/*.txt]`

For every raw file it prints how many characters `t2s`, `tw2s` and `hk2s`
change, then each place where a table disagrees with `t2s` (with context),
grouped and counted; then the trap words (著/着, 乾/干, 後/后, 裡/里, 於/于,
台/臺, 慰藉著, 怎麼, 抬) through each table and through zhclean's own
`t2s` + `script.particle_zhe`. This measurement is why `t2s` is the default.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from opencc import OpenCC

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.script.convert import convert_lines

TABLES = ("t2s", "tw2s", "hk2s")
TRAPS = (
    "看著", "激勵著", "閃耀著", "著名", "原著", "編著", "譯著", "顯著", "張三 著", "著急",
    "慰藉著", "乾淨", "乾隆", "之後", "裡面", "於是", "臺灣", "怎麼", "抬頭",
)  # fmt: skip


def compare(text: str) -> None:
    out = {t: OpenCC(t).convert(text) for t in TABLES}
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
        row = "  ".join(f"{t}={OpenCC(t).convert(word)}" for t in TABLES)
        print(f"  {word:6}  {row}  zhclean={ours}")


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(str(p) for p in Path("raw").glob("*.txt")))
