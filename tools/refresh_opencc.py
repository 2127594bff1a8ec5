"""Copy OpenCC's current to-simplified dictionaries into the script stage's data.

Run: `.venv/bin/python tools/refresh_opencc.py OPENCC_CHECKOUT [--cases]`

OPENCC_CHECKOUT is a work tree of https://github.com/BYVoid/OpenCC or its git
directory (a bare repository or `.git`); the files are read from `HEAD` of a git
directory and from the files on disk of a work tree. The script writes
`tasks/stages/script/data/opencc/`:

- `config/<table>.json`: OpenCC's configs of the to-simplified tables
  (`TABLES`), their dictionary references rewritten from `.ocd2` to `.txt`
  (as OpenCC's own `data/scripts/convert_config_dict_format.py` does for its
  text build);
- `dictionary/*.txt`: every dictionary those configs name. The ones OpenCC
  keeps in `data/dictionary/` are copied byte for byte; the ones OpenCC's
  build generates are generated the same way: `TWVariantsRev` and
  `HKVariantsRev` reverse `TWVariants` / `HKVariants` (`data/scripts/reverse.py`,
  with its `# @reverse-prefer:` lines), `TSCharactersExt` holds the mappings
  after `# @tofu-risk:` lines of `TSCharacters` (`data/scripts/extract_tofu_risk.py`);
- `dictionary/STCharacters.txt`, read by the script detection (`EXTRA`);
- `LICENSE.txt` (OpenCC's, Apache-2.0), `NOTICE.txt` and `SOURCE.json`
  (repository, commit, commit date, the files and how each was made).

With `--cases` it also rewrites `tests/peers/opencc.json` from OpenCC's
`test/testcases/testcases.json`: the to-simplified expectations only, keeping
the `differs` reasons (and `style`, the output STYLE.md wants instead) already
recorded there for the same case and table.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tasks" / "stages" / "script" / "data" / "opencc"
CASES = ROOT / "tests" / "peers" / "opencc.json"
REPOSITORY = "https://github.com/BYVoid/OpenCC"

#: OpenCC's tables that convert to simplified Chinese.
TABLES = ("t2s", "tw2s", "hk2s", "tw2sp", "hk2sp")

#: Dictionaries OpenCC's build generates, from which source and how (see data/CMakeLists.txt).
GENERATED = {
    "TWVariantsRev": ("TWVariants", "reverse"),
    "HKVariantsRev": ("HKVariants", "reverse"),
    "TSCharactersExt": ("TSCharacters", "tofu-risk"),
}
#: Dictionaries the script stage reads outside a table: STCharacters tells which characters
#: are simplified-only (the ones s2t would change), for the document's script detection.
EXTRA = ("STCharacters.txt",)
REVERSE_PREFER = "# @reverse-prefer:"
TOFU_RISK = "# @tofu-risk:"


class Checkout:
    """Files of an OpenCC checkout: a work tree, or a git directory read at HEAD."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.work_tree = (path / "data" / "dictionary").is_dir()

    def git(self, *args: str) -> str:
        flag = ["-C", str(self.path)] if self.work_tree else ["--git-dir", str(self.path)]
        return subprocess.run(["git", *flag, *args], check=True, capture_output=True, text=True).stdout

    def read(self, relative: str) -> bytes:
        if self.work_tree:
            return (self.path / relative).read_bytes()
        return subprocess.run(
            ["git", "--git-dir", str(self.path), "show", f"HEAD:{relative}"], check=True, capture_output=True
        ).stdout

    def commit(self) -> tuple[str, str]:
        commit, date = self.git("log", "-1", "--format=%H %cI", "HEAD").split()
        return commit, date


def entries(text: str) -> list[tuple[str, list[str]]]:
    """A dictionary's (key, values) pairs, without comments and blank lines."""
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, values = line.split("\t", 1)
        out.append((key, values.split(" ")))
    return out


def reverse(text: str) -> str:
    """OpenCC's reverse.py: every value becomes a key, `# @reverse-prefer:` first, sorted by key."""
    reversed_: dict[str, list[str]] = {}
    for key, values in entries(text):
        for value in values:
            reversed_.setdefault(value, []).append(key)
    for line in text.splitlines():
        if line.startswith(REVERSE_PREFER):
            fields = line[len(REVERSE_PREFER) :].split()
            key, preferred = fields[0], fields[-1]
            values = reversed_[key]
            values.insert(0, values.pop(values.index(preferred)))
    return "".join(f"{k}\t{' '.join(v)}\n" for k, v in sorted(reversed_.items()))


def tofu_risk(text: str) -> str:
    """OpenCC's extract_tofu_risk.py: the mapping after each `# @tofu-risk:` line, to its rare form."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.startswith(TOFU_RISK):
            key, values = lines[i + 1].split("\t", 1)
            rare = [v for v in values.split() if v != key]
            out.append(f"{key}\t{' '.join(rare)}\n")
    return "".join(out)


def to_text_format(value: object) -> object:
    """A config with `ocd2` dictionary references rewritten to `.txt` files."""
    if isinstance(value, dict):
        out = {}
        for key, child in value.items():
            if key == "type" and child == "ocd2":
                out[key] = "txt"
            elif key == "file" and isinstance(child, str) and child.endswith(".ocd2"):
                out[key] = child.removesuffix(".ocd2") + ".txt"
            else:
                out[key] = to_text_format(child)
        return out
    if isinstance(value, list):
        return [to_text_format(child) for child in value]
    return value


def files_named(config: object) -> set[str]:
    if isinstance(config, dict):
        named = {config["file"]} if isinstance(config.get("file"), str) else set()
        return named.union(*(files_named(v) for v in config.values()))
    if isinstance(config, list):
        return set().union(*(files_named(v) for v in config))
    return set()


def refresh_dictionaries(checkout: Checkout) -> dict[str, object]:
    commit, date = checkout.commit()
    (TARGET / "config").mkdir(parents=True, exist_ok=True)
    (TARGET / "dictionary").mkdir(parents=True, exist_ok=True)
    needed: set[str] = set()
    for table in TABLES:
        config = to_text_format(json.loads(checkout.read(f"data/config/{table}.json")))
        needed |= files_named(config)
        text = json.dumps(config, ensure_ascii=False, indent=2) + "\n"
        (TARGET / "config" / f"{table}.json").write_text(text, encoding="utf-8")
    needed.update(EXTRA)
    made: dict[str, str] = {}
    for name in sorted(needed):
        stem = name.removesuffix(".txt")
        if stem in GENERATED:
            source, how = GENERATED[stem]
            text = checkout.read(f"data/dictionary/{source}.txt").decode("utf-8")
            data = (reverse(text) if how == "reverse" else tofu_risk(text)).encode("utf-8")
            made[name] = f"generated from data/dictionary/{source}.txt ({how}, as OpenCC's build does)"
        else:
            data = checkout.read(f"data/dictionary/{name}")
            made[name] = f"copied from data/dictionary/{name}"
        (TARGET / "dictionary" / name).write_bytes(data)
    for old in (TARGET / "dictionary").glob("*.txt"):
        if old.name not in needed:
            old.unlink()
    (TARGET / "LICENSE.txt").write_bytes(checkout.read("LICENSE"))
    source = {
        "repository": REPOSITORY,
        "commit": commit,
        "date": date,
        "license": "Apache-2.0 (LICENSE.txt)",
        "tables": list(TABLES),
        "files": made,
    }
    (TARGET / "SOURCE.json").write_text(
        json.dumps(source, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (TARGET / "NOTICE.txt").write_text(notice(commit, date), encoding="utf-8")
    return source


def notice(commit: str, date: str) -> str:
    return (
        "The files in this folder are OpenCC's (Open Chinese Convert), Copyright BYVoid\n"
        "and the OpenCC contributors, licensed under the Apache License 2.0 (LICENSE.txt).\n"
        "\n"
        f"Source repository: {REPOSITORY}\n"
        f"Commit: {commit}\n"
        f"Commit date: {date}\n"
        "\n"
        "config/*.json are OpenCC's data/config files of the to-simplified tables, with their\n"
        "dictionary references changed from .ocd2 to .txt. dictionary/*.txt are copied from\n"
        "data/dictionary unchanged, except TWVariantsRev.txt, HKVariantsRev.txt and\n"
        "TSCharactersExt.txt, which OpenCC's build generates and which were generated the same\n"
        "way (data/scripts/reverse.py, data/scripts/extract_tofu_risk.py). SOURCE.json lists\n"
        "every file. Written by tools/refresh_opencc.py; run it again to refresh.\n"
    )


def lenient_json(text: str) -> object:
    """OpenCC's testcases.json allows trailing commas."""
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", text))


def refresh_cases(checkout: Checkout, source: dict[str, object]) -> int:
    raw = lenient_json(checkout.read("test/testcases/testcases.json").decode("utf-8"))
    old = json.loads(CASES.read_text(encoding="utf-8")) if CASES.exists() else {"cases": []}
    differs = {
        (c["id"], c["table"]): {k: c[k] for k in ("differs", "style") if k in c}
        for c in old["cases"]
        if "differs" in c
    }
    keep = {k: v for k, v in old.items() if k not in ("source", "commit", "date", "cases")}
    cases = []
    for case in raw["cases"]:  # type: ignore[index]
        for table, expected in case["expected"].items():
            if table in TABLES:
                row = {"id": case["id"], "table": table, "input": case["input"], "expected": expected}
                row.update(differs.get((case["id"], table), {}))
                cases.append(row)
    data = {
        "source": f"{REPOSITORY} test/testcases/testcases.json",
        "commit": source["commit"],
        "date": source["date"],
        "license": "Apache-2.0 (OpenCC)",
        **keep,
        "cases": cases,
    }
    CASES.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({k: v for k, v in data.items() if k != "cases"}, ensure_ascii=False, indent=2)[:-2]]
    body = ",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in cases)
    CASES.write_text(lines[0] + ',\n  "cases": [\n' + body + "\n  ]\n}\n", encoding="utf-8")
    return len(cases)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkout", type=Path, help="an OpenCC work tree or git directory")
    parser.add_argument("--cases", action="store_true", help="also rewrite tests/peers/opencc.json")
    args = parser.parse_args(argv)
    checkout = Checkout(args.checkout)
    source = refresh_dictionaries(checkout)
    print(f"OpenCC {source['commit']} ({source['date']}): {len(source['files'])} dictionaries")  # type: ignore[arg-type]
    if args.cases:
        print(f"{refresh_cases(checkout, source)} to-simplified cases in {CASES.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
