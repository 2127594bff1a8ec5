"""Structure figures on the development set (`devset/`): `make eval`.

Runs the pipeline (`normalize_document`) on every `devset/docs/<name>.txt`, compares the result with
the hand-written gold `devset/gold/<name>.json` (format in `devset/README.md`) and prints, per kind
of document and in total:

- article F1 by character overlap (gold and predicted articles matched one to one, greatest overlap first);
- titles right (gold articles that have a title; compared after normalisation);
- authors right (gold articles with authors, or whose matched article claims some);
- paragraph boundaries of the gold joined into one block (wrongly joined), and extra blocks cutting
  a gold unit (wrongly split);
- gold furniture lines (and articles' date/source/credit lines) whose text ended up inside a block;
- body characters of the gold found nowhere in the output (lost).

Text is compared after normalisation (NFKC, traditional to simplified, only letters, digits and CJK
kept), since the pipeline converts script and punctuation. `--write` also writes `benchmarks/EVAL.md`.
`--set heldout` measures another folder of the same layout (`heldout/`: documents no rule was written
against); its `--write` goes to `benchmarks/HELDOUT.md`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "devset"
sys.path.insert(0, str(ROOT))

from zhclean import to_simplified  # noqa: E402
from zhclean.tasks.pipeline.run import normalize_document  # noqa: E402

_KEEP = re.compile(r"[0-9a-z\u3400-\u9fff\U00020000-\U0002ffff]+")
_MARKUP = re.compile(r"<[^<>]*>|\]\([^()\s]*\)|https?://\S+|\{#[^{}\s]*\}")


def norm(text: str) -> str:
    """Letters, digits and CJK only, lower case, simplified; 著/着 folded (the pipeline decides it).
    HTML tags, Markdown link targets, heading anchors (`{#id}`) and URLs are dropped first: markup,
    not text. The script is
    converted with the pipeline's own table, as the output was: a variant it normalises (`沈吟`
    to `沉吟` in simplified text) is a conversion, measured elsewhere, not text lost."""
    text = _MARKUP.sub(" ", unicodedata.normalize("NFKC", text))
    text = to_simplified(text.lower()).replace("著", "着")
    return "".join(_KEEP.findall(text))


@dataclass
class Gold:
    name: str
    kind: str
    generated: bool
    lines: list[str]
    articles: list[dict[str, Any]]
    units: list[
        list[tuple[int, int]]
    ]  # per article: body units (paragraphs, headings, captions) as line ranges
    furniture: list[int]


def load_gold(name: str) -> Gold:
    raw = json.loads((DEVSET / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    lines = (DEVSET / "docs" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    units: list[list[tuple[int, int]]] = []
    for a in raw["articles"]:
        taken = {*a["title_lines"], *a["meta_lines"], *a["ignore"], *raw["furniture"], *a["headings"]}
        for c in a["captions"]:
            taken.update(range(c[0], c[-1] + 1))
        spans: list[tuple[int, int]] = [(h, h) for h in a["headings"]]
        spans += [(c[0], c[-1]) for c in a["captions"]]
        for p in a["paragraphs"]:
            if isinstance(p, dict):
                lo, hi = p["each_line"]
                spans += [(n, n) for n in range(lo, hi + 1) if n not in taken and lines[n - 1].strip()]
            else:
                spans.append((p[0], p[-1]))
        units.append(sorted(spans))
    return Gold(
        name, raw["kind"], raw.get("generated", False), lines, raw["articles"], units, raw["furniture"]
    )


def names() -> list[str]:
    return sorted(p.stem for p in (DEVSET / "gold").glob("*.json"))


@dataclass
class Figures:
    gold_chars: int = 0
    pred_chars: int = 0
    matched_chars: int = 0
    titles: int = 0
    titles_right: int = 0
    authors: int = 0
    authors_right: int = 0
    boundaries: int = 0
    joined: int = 0
    units: int = 0
    split: int = 0
    furniture: int = 0
    furniture_in: int = 0
    body_chars: int = 0
    lost_chars: int = 0
    docs: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for k, v in vars(other).items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
        self.notes += other.notes

    def f1(self) -> float:
        p = self.matched_chars / self.pred_chars if self.pred_chars else 1.0
        r = self.matched_chars / self.gold_chars if self.gold_chars else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, float | int]:
        def pct(a: int, b: int) -> float:
            return round(100 * a / b, 1) if b else 0.0

        return {
            "docs": self.docs,
            "article_f1": round(self.f1(), 3),
            "titles_right": self.titles_right,
            "titles": self.titles,
            "authors_right": self.authors_right,
            "authors": self.authors,
            "joined": self.joined,
            "boundaries": self.boundaries,
            "joined_pct": pct(self.joined, self.boundaries),
            "split": self.split,
            "units": self.units,
            "split_pct": pct(self.split, self.units),
            "furniture_in": self.furniture_in,
            "furniture": self.furniture,
            "furniture_in_pct": pct(self.furniture_in, self.furniture),
            "lost_chars": self.lost_chars,
            "body_chars": self.body_chars,
            "lost_pct": pct(self.lost_chars, self.body_chars),
        }


def _covered(text: str, haystack: str, k: int = 4) -> int:
    """How many characters of `text` lie in some k-gram that occurs in `haystack`."""
    if not text:
        return 0
    if text in haystack:
        return len(text)
    if len(text) < k:
        return 0
    hit = [False] * len(text)
    for i in range(len(text) - k + 1):
        if text[i : i + k] in haystack:
            hit[i : i + k] = [True] * k
    return sum(hit)


def evaluate(name: str) -> Figures:
    gold = load_gold(name)
    doc = normalize_document((DEVSET / "docs" / f"{name}.txt").read_bytes(), f"{name}.txt")
    fig = Figures(docs=1)
    weight = {n: len(norm(t)) for n, t in enumerate(gold.lines, 1)}

    # Article overlap, on the lines of gold body units.
    furniture = set(gold.furniture)

    def body_of(lo: int, hi: int) -> set[int]:
        # A paragraph broken by a page break spans the running head and page number between its halves.
        return {n for n in range(lo, hi + 1) if n not in furniture and gold.lines[n - 1].strip()}

    gold_lines = [{n for lo, hi in spans for n in body_of(lo, hi)} for spans in gold.units]
    body_line = {n for s in gold_lines for n in s}
    pred_lines = [
        {n for b in a.blocks for n in range(b.start, b.end + 1) if n in body_line} for a in doc.articles
    ]
    fig.gold_chars = sum(weight[n] for s in gold_lines for n in s)
    fig.pred_chars = sum(weight[n] for s in pred_lines for n in s)
    pairs = sorted(
        (
            (sum(weight[n] for n in g & p), gi, pi)
            for gi, g in enumerate(gold_lines)
            for pi, p in enumerate(pred_lines)
        ),
        reverse=True,
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for overlap, gi, pi in pairs:
        if overlap and gi not in match and pi not in used:
            match[gi] = pi
            used.add(pi)
            fig.matched_chars += overlap

    for gi, a in enumerate(gold.articles):
        pred = doc.articles[match[gi]] if gi in match else None
        if a["title"]:
            fig.titles += 1
            if pred is not None and norm(pred.title or "") == norm(a["title"]):
                fig.titles_right += 1
            else:
                got = pred.title if pred is not None else "(no article)"
                fig.notes.append(f"{name}: title {a['title']!r} -> {got!r}")
        want_authors = sorted(norm(x) for x in a["authors"])
        got_authors = sorted(norm(x) for x in pred.authors) if pred is not None else []
        if want_authors or got_authors:
            fig.authors += 1
            fig.authors_right += want_authors == got_authors

    # Paragraph boundaries: consecutive gold units (in reading order) joined by one block; gold units cut.
    blocks = [b for a in doc.articles for b in a.blocks]
    spans = sorted(s for article in gold.units for s in article)
    for (_, end), (start, _) in itertools.pairwise(spans):
        fig.boundaries += 1
        if any(b.start <= end and start <= b.end for b in blocks):
            fig.joined += 1
            fig.notes.append(f"{name}: lines {end} and {start} joined: {gold.lines[start - 1][:30]!r}")
    for lo, hi in spans:
        fig.units += 1
        lines = body_of(lo, hi)
        cut = max(0, sum(1 for b in blocks if any(b.start <= n <= b.end for n in lines)) - 1)
        fig.split += cut
        if cut:
            fig.notes.append(f"{name}: lines {lo}-{hi} cut in {cut + 1}: {gold.lines[lo - 1][:30]!r}")

    # Furniture lines (and an article's own date/source lines) whose text stands inside a block covering them.
    for n in sorted({*gold.furniture, *(m for a in gold.articles for m in a["meta_lines"])}):
        text = norm(gold.lines[n - 1])
        if len(text) < 2:
            continue
        fig.furniture += 1
        if any(b.start <= n <= b.end and text in norm(b.text) for b in blocks):
            fig.furniture_in += 1
            fig.notes.append(f"{name}: furniture or meta line {n} in a block: {gold.lines[n - 1][:40]!r}")

    # Body text lost: gold body and title lines whose characters appear nowhere in the output.
    out = "\n".join(
        norm(x) for a in doc.articles for x in [a.title or "", a.subtitle or "", *(b.text for b in a.blocks)]
    )
    for n in sorted(body_line):
        text = norm(gold.lines[n - 1])
        fig.body_chars += len(text)
        fig.lost_chars += len(text) - _covered(text, out)
    # A title is measured by the gold's title, not its raw line (a front matter line `title: …` holds
    # a key that is no text); one shorter than the 4-character window must stand whole in the output.
    for a in gold.articles:
        text = norm(a["title"] or "") if a["title_lines"] else ""
        fig.body_chars += len(text)
        fig.lost_chars += len(text) - (_covered(text, out) if len(text) >= 4 else len(text) * (text in out))
    return fig


def run(selected: list[str] | None = None) -> tuple[dict[str, Figures], Figures, dict[str, Figures]]:
    per_kind: dict[str, Figures] = defaultdict(Figures)
    per_doc: dict[str, Figures] = {}
    total = Figures()
    for name in selected or names():
        fig = evaluate(name)
        per_doc[name] = fig
        per_kind[load_gold(name).kind].add(fig)
        total.add(fig)
    return dict(sorted(per_kind.items())), total, per_doc


COLUMNS = (
    "| kind | docs | article F1 | titles right | authors right | wrongly joined | wrongly split "
    "| furniture in paragraphs | body lost |"
)


def row(label: str, fig: Figures) -> str:
    s = fig.summary()
    return (
        f"| {label} | {s['docs']} | {s['article_f1']:.3f} | {s['titles_right']}/{s['titles']} "
        f"| {s['authors_right']}/{s['authors']} | {s['joined']}/{s['boundaries']} ({s['joined_pct']} %) "
        f"| {s['split']}/{s['units']} ({s['split_pct']} %) "
        f"| {s['furniture_in']}/{s['furniture']} ({s['furniture_in_pct']} %) "
        f"| {s['lost_chars']}/{s['body_chars']} chars ({s['lost_pct']} %) |"
    )


def table(per_kind: dict[str, Figures], total: Figures) -> str:
    lines = [COLUMNS, "|" + "---|" * 9]
    lines += [row(kind, fig) for kind, fig in per_kind.items()]
    lines.append(row("**total**", total))
    return "\n".join(lines)


#: The heading of EVAL.md's last section, written by hand: figures before and after each change.
HISTORY = "## Before and after"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="also write benchmarks/EVAL.md")
    parser.add_argument(
        "--notes",
        action="store_true",
        help="print each wrong title, wrong join or cut and leaked furniture line",
    )
    parser.add_argument(
        "--set", default="devset", help="folder under the project with docs/ and gold/ (default devset)"
    )
    parser.add_argument("names", nargs="*", help="only these documents (stems under <set>/docs)")
    args = parser.parse_args()
    global DEVSET
    DEVSET = ROOT / args.set
    per_kind, total, per_doc = run(args.names or None)
    print(table(per_kind, total))
    if args.notes:
        for note in total.notes:
            print(note)
    if args.write:
        docs = "\n".join(row(name, fig) for name, fig in per_doc.items())
        out = ROOT / "benchmarks" / ("EVAL.md" if args.set == "devset" else f"{args.set.upper()}.md")
        # The hand-written record of figures before and after each change is kept as it is.
        old = out.read_text(encoding="utf-8") if out.exists() else ""
        history = old[old.index(HISTORY) :].rstrip() + "\n" if HISTORY in old else ""
        where = "the development set (`make eval`)" if args.set == "devset" else f"`{args.set}/`"
        flag = "" if args.set == "devset" else f" --set {args.set}"
        text = (
            f"# Structure on {where}\n\n"
            f"Written by `benchmarks/eval.py{flag} --write` from `{args.set}/` (documents, hand-written gold and their "
            f"sources in `{args.set}/README.md` and `{args.set}/SOURCES.md`). Lower is better for the last four columns.\n\n"
            f"## Per kind of document\n\n{table(per_kind, total)}\n\n"
            f"## Per document\n\n{COLUMNS.replace('| kind |', '| document |')}\n|{'---|' * 9}\n{docs}\n\n"
            "## Wrong titles, wrong joins and cuts, leaked furniture\n\n"
            + "\n".join(f"- {n}" for n in total.notes)
            + "\n"
        )
        out.write_text(text + ("\n" + history if history else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
