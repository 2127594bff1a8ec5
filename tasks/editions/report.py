"""The run report: per document, what was done (edits by kind), removed (with reasons) and went wrong.

`build_report` is pure; `render_markdown` turns it into the page a reviewer
reads; `write_report` writes both into the build directory.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from zhclean.tasks.core.model import Document, DocumentSummary, Problem, plain
from zhclean.tasks.core.options import Options
from zhclean.tasks.editions.markdown_edition import summary_of

#: How much removed text to show per record in report.md (report.json keeps all of it).
PREVIEW_CHARS = 40


def lint_counts(doc: Document, options: Options) -> dict[str, dict[str, int]]:
    """What `zhclean lint` finds in the document's articles, by rule name.

    `errors` are STYLE violations (0 is the target); `warnings` need a human
    (an unpaired quote the source lost) and are listed, not guessed.
    """
    from zhclean.tasks.check.lint import TextBlock, lint_blocks

    blocks = [TextBlock(b.type, b.text, doc.source, b.start) for a in doc.articles for b in a.blocks]
    blocks += [TextBlock("heading", a.title, doc.source, a.start) for a in doc.articles]
    found = lint_blocks(blocks, options).findings
    return {
        key: dict(sorted(Counter(f.rule for f in found if f.severity == severity).items()))
        for key, severity in (("errors", "error"), ("warnings", "warning"))
    }


def document_report(doc: Document, options: Options) -> dict[str, Any]:
    """One document's section of the report."""
    return {
        "source": doc.source,
        "encoding": doc.encoding,
        "script": plain(doc.script),
        "articles": [
            {"id": a.id, "title": a.title, "lines": [a.start, a.end], "blocks": len(a.blocks)}
            for a in doc.articles
        ],
        "edits": len(doc.edits),
        "edits_by_kind": dict(sorted(Counter(e.kind for e in doc.edits).items())),
        "removed_by_reason": dict(sorted(Counter(r.reason for r in doc.removed).items())),
        "removed": [plain(r) for r in doc.removed],
        "metadata": doc.metadata,
        "lint": lint_counts(doc, options),
        "problems": [plain(p) for p in doc.problems],
    }


def summarize(
    summaries: Sequence[DocumentSummary], problems: Sequence[Problem], run: dict[str, Any]
) -> dict[str, Any]:
    """The run's totals, from each document's summary (no document is loaded)."""
    edits_by_kind: Counter[str] = Counter()
    lint: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for s in summaries:
        edits_by_kind.update(s.report["edits_by_kind"])
        lint.update(s.report["lint"]["errors"])
        warnings.update(s.report["lint"]["warnings"])
    processed = {s.source for s in summaries}
    return {
        "documents": run.get("files", len(summaries)),
        "processed": len(summaries),
        "failed": sorted({p.file for p in problems if p.kind not in NON_FATAL} - processed),
        "articles": sum(s.articles for s in summaries),
        "edits": sum(edits_by_kind.values()),
        "edits_by_kind": dict(sorted(edits_by_kind.items())),
        "lint": dict(sorted(lint.items())),
        "lint_warnings": dict(sorted(warnings.items())),
        "problems": len(problems),
    }


def build_report(
    docs: list[Document], problems: list[Problem], run: dict[str, Any], options: Options
) -> dict[str, Any]:
    """The whole report: run facts, a summary, each document, and every problem of the run."""
    sections = [document_report(d, options) for d in docs]
    summaries = [summary_of(d, report=section) for d, section in zip(docs, sections, strict=True)]
    summary = summarize(summaries, problems, run)
    return {"run": run, "summary": summary, "documents": sections, "problems": [asdict(p) for p in problems]}


#: Problem kinds that are listed but are not failed documents: things in the raw folder
#: that are not raw text files (other extensions, folders named like files, links out).
NON_FATAL = frozenset({"skipped_extension", "not_a_file", "symlink_outside"})


def render_markdown(report: dict[str, Any]) -> str:
    """The human-readable report: summary, problems, then one section per document."""
    return "".join(markdown_lines(report["run"], report["summary"], report["problems"], report["documents"]))


def markdown_lines(
    run: dict[str, Any], s: dict[str, Any], problems: list[dict[str, Any]], sections: Iterable[dict[str, Any]]
) -> Iterator[str]:
    """The report page, line by line, streaming the document sections."""
    out = [
        "# zhclean run report",
        "",
        f"- run: `{run.get('run_id', '')}` at {run.get('started', '')}",
        f"- documents: {s['processed']} processed of {s['documents']}; failed: {len(s['failed'])}",
        f"- articles: {s['articles']}; edits: {s['edits']}; problems: {s['problems']}",
        f"- STYLE violations left: {sum(s['lint'].values())}; "
        f"warnings for a human: {sum(s['lint_warnings'].values())}",
        "",
        "## Problems",
        "",
    ]
    if problems:
        out += ["| file | stage | kind | message |", "|---|---|---|---|"]
        out += [f"| {p['file']} | {p['stage']} | {p['kind']} | {_cell(p['message'])} |" for p in problems]
    else:
        out.append("None.")
    out += ["", "## Edits by kind (all documents)", "", "| kind | count |", "|---|---|"]
    out += [f"| `{k}` | {n} |" for k, n in s["edits_by_kind"].items()]
    yield from (line + "\n" for line in out)
    for d in sections:
        yield from (line + "\n" for line in _document_section(d))


def _document_section(d: dict[str, Any]) -> list[str]:
    script = d["script"]
    out = [
        "",
        f"## {d['source']}",
        "",
        f"- encoding: {d['encoding']}; script: {script['script']} "
        f"({script['traditional_share']:.1%} traditional, {script['converted_chars']} characters converted)",
        f"- metadata: {', '.join(sorted(d['metadata'])) or 'none'}",
        f"- STYLE violations left: {sum(d['lint']['errors'].values())} "
        f"{_counts(d['lint']['errors'])}; warnings: {sum(d['lint']['warnings'].values())} "
        f"{_counts(d['lint']['warnings'])}",
        "",
        "### Articles",
        "",
        "| id | title | raw lines | blocks |",
        "|---|---|---|---|",
    ]
    out += [
        f"| {a['id']} | {_cell(a['title'])} | {a['lines'][0]}–{a['lines'][1]} | {a['blocks']} |"
        for a in d["articles"]
    ]
    out += ["", "### Moved to metadata", "", "| key | value |", "|---|---|"]
    out += [f"| `{k}` | {_cell(_preview(v))} |" for k, v in sorted(d["metadata"].items())]
    out += ["", "### Edits by kind", "", "| kind | count |", "|---|---|"]
    out += [f"| `{k}` | {n} |" for k, n in d["edits_by_kind"].items()]
    out += ["", "### Removed", "", "| raw line | reason | text |", "|---|---|---|"]
    out += [f"| {r['line']} | `{r['reason']}` | {_cell(r['text'][:PREVIEW_CHARS])} |" for r in d["removed"]]
    return out


def _preview(value: Any) -> str:
    """A metadata value in one short line: a list of entries is counted, text is cut."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return f"{len(value)} entries"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= PREVIEW_CHARS * 2 else text[: PREVIEW_CHARS * 2] + "…"


def _counts(counts: dict[str, int]) -> str:
    return "(" + ", ".join(f"`{k}` {n}" for k, n in counts.items()) + ")" if counts else ""


def _cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def write_report(report: dict[str, Any], out: Path) -> list[Path]:
    """Write `report/report.json` and `report/report.md` under the build directory `out`."""
    sections = report["documents"]
    return write_report_files(
        report["run"], report["summary"], report["problems"], lambda: iter(sections), out
    )


class ReportWriter:
    """`report/report.json` and `report/report.md` written together as the document sections
    stream past (each section read once, never held)."""

    def __init__(
        self, run: dict[str, Any], summary: dict[str, Any], problems: list[dict[str, Any]], out: Path
    ) -> None:
        folder = out / "report"
        folder.mkdir(parents=True, exist_ok=True)
        self.json_path, self.md_path = folder / "report.json", folder / "report.md"
        self.json = self.json_path.open("w", encoding="utf-8")
        self.json.write('{"run": ' + json.dumps(run, ensure_ascii=False, indent=1))
        self.json.write(',\n"summary": ' + json.dumps(summary, ensure_ascii=False, indent=1))
        self.json.write(',\n"problems": ' + json.dumps(problems, ensure_ascii=False, indent=1))
        self.json.write(',\n"documents": [')
        self.md = self.md_path.open("w", encoding="utf-8")
        self.md.writelines(markdown_lines(run, summary, problems, []))
        self.count = 0

    def add(self, section: dict[str, Any]) -> None:
        self.json.write(
            ("," if self.count else "") + "\n" + json.dumps(section, ensure_ascii=False, indent=1)
        )
        self.md.writelines(line + "\n" for line in _document_section(section))
        self.count += 1

    def close(self) -> list[Path]:
        self.json.write("\n]}\n")
        self.json.close()
        self.md.close()
        return [self.json_path, self.md_path]


def write_report_files(
    run: dict[str, Any],
    summary: dict[str, Any],
    problems: list[dict[str, Any]],
    sections: Callable[[], Iterable[dict[str, Any]]],
    out: Path,
) -> list[Path]:
    """Write `report/report.json` and `report/report.md`, streaming the document sections."""
    writer = ReportWriter(run, summary, problems, out)
    for section in sections():
        writer.add(section)
    return writer.close()
