"""`zhclean lint`: check finished (or raw) text against STYLE.md with the flow's own rules.

In the spirit of zhlint and autocorrect: the rules are the registry the flow
applies (`tasks.rules.check`), run in check mode, so a violation means "the
flow would still change this". Text is read as blocks with a type, because a
headline may keep a space between clauses that a paragraph may not:
`articles.jsonl` knows its block types; Markdown says `#` for headings and
`>` for captions; a plain text file is one paragraph per line.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Rule, Violation, check, check_each, could_apply_to_any, lint_rules
from zhclean.tasks.pipeline.catalogue import ALL_RULES
from zhclean.tasks.stages.ingest import decode as ingest
from zhclean.tasks.stages.typography import blocks as typography
from zhclean.tasks.stages.typography import markdown as markup

#: Files of an edition folder, in order of preference: the JSON edition knows block types.
JSONL_NAME = "articles.jsonl"
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: The Markdown edition also writes every document again into one file; linting both counts twice.
CORPUS_MARKDOWN = "corpus.md"
TEXT_SUFFIXES = (".txt", ".text")

HEADING_RE = re.compile(r"^#{1,6}\s+")
CAPTION_RE = re.compile(r"^>\s?")
#: A whole line of `**…**` is a subtitle in the Markdown edition; `*…*` is its meta line
#: (authors, section, page, date), written by the edition, not text of the document.
STRONG_LINE_RE = re.compile(r"^\*\*(.+)\*\*$")
EMPHASIS_LINE_RE = re.compile(r"^\*[^*].*\*$")
MARKDOWN_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
HARD_BREAK = "\\"

#: The link to the published build: the edition links already lead through it.
CURRENT_LINK = "current"
#: Blocks asked together which rules could apply to any of them (a document's worth, mostly):
#: a bound on the text joined for that question, not on the findings.
PREFILTER_BLOCKS = 512
#: How many findings `format_report` lists before it only counts.
DEFAULT_SHOWN = 500


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A block of text to check, with where it is: file, 1-based line, and a label inside the file."""

    type: str
    text: str
    file: str
    line: int
    where: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation: the rule, where it is, what was found and the text around it."""

    rule: str
    file: str
    line: int
    column: int
    found: str
    context: str
    where: str = ""
    severity: str = "error"


@dataclass(slots=True)
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    blocks: int = 0

    @property
    def total(self) -> int:
        """STYLE violations (errors): what makes `zhclean lint` fail."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """Findings that need a human (e.g. unpaired quotes in the source); they do not fail lint."""
        return len(self.findings) - self.total

    @property
    def counts(self) -> dict[str, int]:
        """Findings per rule name, most frequent first."""
        return dict(Counter(f.rule for f in self.findings).most_common())


def check_text(
    text: str, options: Options | None = None, line: int = 0, stages: Iterable[str] | None = None
) -> list[Violation]:
    """What the catalogue's lint rules would change in `text` (every group, or `stages`)."""
    return check(ALL_RULES, text, options or Options(), line, stages)


def lint_blocks(blocks: Iterable[TextBlock], options: Options) -> LintReport:
    """Check each block with the lint rules that apply to its type. A block inside a Markdown code
    fence is code, which the flow leaves as it is (`markup.code_fence`): not checked. Fences are
    followed per file, and per record in the JSON edition (`where` set).

    The blocks are taken `PREFILTER_BLOCKS` at a time, and a rule whose precheck finds nothing in
    all of them together is not asked of each (`could_apply_to_any`)."""
    all_stages = {r.stage for r in ALL_RULES}
    report = LintReport()
    files: dict[str, None] = {}
    fences: dict[tuple[str, int], markup.CodeFences] = {}
    skip_code = options.enabled(markup.RULE_CODE_FENCE)
    every = lint_rules(ALL_RULES, None, options)
    stream = iter(blocks)
    while chunk := list(islice(stream, PREFILTER_BLOCKS)):
        maybe = set(could_apply_to_any(every, [b.text for b in chunk]))
        by_type: dict[str, list[Rule]] = {}
        for block in chunk:
            files.setdefault(block.file)
            report.blocks += 1
            fence = fences.setdefault((block.file, block.line if block.where else 0), markup.CodeFences())
            if skip_code and (block.type == "code" or fence.step(block.text)[0]):
                continue  # a code block of the JSON edition, or a fence's line of a Markdown file
            rules = by_type.get(block.type)
            if rules is None:
                stages = frozenset(all_stages - typography.excluded_stages(block.type))
                rules = by_type[block.type] = [
                    r for r in lint_rules(ALL_RULES, stages, options) if r in maybe
                ]
            for v in check_each(rules, block.text, options, block.line):
                line = block.line + block.text.count("\n", 0, v.column)
                column = v.column - (block.text.rfind("\n", 0, v.column) + 1)
                report.findings.append(
                    Finding(v.rule, block.file, line, column + 1, v.found, v.context, block.where, v.severity)
                )
    report.files = list(files)
    return report


def lint_path(path: Path, options: Options | None = None) -> LintReport:
    """Lint a file (`.md`, `.txt`, `articles.jsonl`) or an edition folder."""
    options = options or Options()
    return lint_blocks(blocks_of_path(path, options), options)


def files_to_lint(path: Path) -> list[Path]:
    """The files of a folder that hold the text once: `articles.jsonl` if any, else Markdown, else text."""
    if path.is_file():
        return [path]
    files = published_files(path)
    jsonl = [p for p in files if p.name == JSONL_NAME]
    if jsonl:
        return jsonl
    markdown = [p for p in files if p.suffix in MARKDOWN_SUFFIXES]
    if len(markdown) > 1:
        markdown = [p for p in markdown if p.name != CORPUS_MARKDOWN]
    if markdown:
        return markdown
    return [p for p in files if p.suffix in TEXT_SUFFIXES]


def published_files(folder: Path) -> list[Path]:
    """Files under `folder`, following the edition links and skipping hidden folders.

    An output folder keeps earlier and unfinished builds under `.runs/`; only the
    published one (reached through `json/`, `markdown/` … links) is linted.
    """
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != CURRENT_LINK)
        found.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
    return found


def blocks_of_path(path: Path, options: Options) -> Iterator[TextBlock]:
    for file in files_to_lint(path):
        if file.name.endswith(".jsonl"):
            yield from jsonl_blocks(file)
        elif file.suffix in MARKDOWN_SUFFIXES:
            yield from markdown_blocks(read_text(file, options), str(file))
        else:
            yield from text_blocks(read_text(file, options), str(file))


def read_text(file: Path, options: Options) -> str:
    """Decode as the flow does (BOM, UTF-8, GB18030, Big5...), so raw files can be linted too."""
    try:
        return ingest.decode(file.read_bytes(), file.name, options).text
    except ingest.IngestError:
        return file.read_text(encoding="utf-8", errors="replace")


def jsonl_blocks(file: Path) -> Iterator[TextBlock]:
    """Title and subtitle as headings, then each block with its own type; line = the record's line."""
    with file.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            record = json.loads(raw)
            ident = str(record.get("id", number))
            for key in ("title", "subtitle"):
                if isinstance(record.get(key), str) and record[key]:
                    yield TextBlock("heading", record[key], str(file), number, f"{ident} {key}")
            for i, block in enumerate(record.get("blocks") or []):
                if isinstance(block, dict) and isinstance(block.get("text"), str):
                    kind = str(block.get("type", "paragraph"))
                    yield TextBlock(kind, block["text"], str(file), number, f"{ident} block {i + 1}")


def text_blocks(text: str, file: str) -> Iterator[TextBlock]:
    """A plain text file: each non-blank line a paragraph (a `#` line a heading)."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        heading = HEADING_RE.match(line)
        if heading:
            yield TextBlock("heading", line[heading.end() :], file, number)
        else:
            yield TextBlock("paragraph", line, file, number)


def front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a YAML front matter block (0 when there is none)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def unescape(line: str) -> str:
    return MARKDOWN_ESCAPE_RE.sub(r"\1", line)


def markdown_blocks(text: str, file: str) -> Iterator[TextBlock]:
    """Blocks separated by blank lines; `#` headings, `>` captions, `**…**` subtitles."""
    lines = text.split("\n")
    start = front_matter_end(lines)
    group: list[str] = []
    first = 0
    for number in range(start, len(lines) + 1):
        line = lines[number].rstrip() if number < len(lines) else ""
        if line and not HEADING_RE.match(line):
            if not group:
                first = number + 1
            group.append(line)
            continue
        if group:
            yield from _markdown_group(group, file, first)
            group = []
        if line:
            yield TextBlock("heading", unescape(line[HEADING_RE.match(line).end() :]), file, number + 1)


def _markdown_group(group: list[str], file: str, line: int) -> Iterator[TextBlock]:
    kind = "paragraph"
    if all(CAPTION_RE.match(g) for g in group):
        kind = "caption"
        group = [g[CAPTION_RE.match(g).end() :] for g in group]
    if len(group) == 1 and EMPHASIS_LINE_RE.match(group[0]) and not STRONG_LINE_RE.match(group[0]):
        return  # the edition's meta line
    strong = STRONG_LINE_RE.match(group[0]) if len(group) == 1 else None
    if strong:
        yield TextBlock("heading", unescape(strong.group(1)), file, line)
        return
    parts = [g[: -len(HARD_BREAK)] if g.endswith(HARD_BREAK) and not g.endswith("\\\\") else g for g in group]
    yield TextBlock(kind, "\n".join(unescape(p) for p in parts), file, line)


#: What each rule does, for the message of a finding (`zhclean rules` lists the same).
DESCRIPTIONS = {rule.name: rule.description for rule in ALL_RULES}


def finding_record(f: Finding) -> dict[str, str | int]:
    """One finding as CI tools read it: where, which rule, how bad, and a message saying why."""
    context = f.context.replace("\n", "⏎")
    description = DESCRIPTIONS.get(f.rule, f.rule)
    return {
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "rule": f.rule,
        "severity": f.severity,
        "message": f"{description}; found «{f.found}» in …{context}…",
    }


def format_json(report: LintReport) -> str:
    """Every finding (none left out, unlike the text report) as a JSON array, one record a line,
    so a CI job can parse it whole and a person can still grep it; in reading order (file, line,
    column), as editors and CI annotations list them."""
    order = {name: i for i, name in enumerate(report.files)}
    findings = sorted(report.findings, key=lambda f: (order.get(f.file, len(order)), f.line, f.column))
    records = [json.dumps(finding_record(f), ensure_ascii=False) for f in findings]
    return "[\n" + ",\n".join(records) + "\n]" if records else "[]"


def format_report(report: LintReport, shown: int | None = DEFAULT_SHOWN) -> str:
    """Findings as `file:line:col rule «found» …context…`, then the count per rule."""
    out = []
    listed = report.findings if shown is None else report.findings[:shown]
    for f in listed:
        where = f" [{f.where}]" if f.where else ""
        context = f.context.replace("\n", "⏎")
        label = f.rule if f.severity == "error" else f"{f.rule} (warning)"
        out.append(f"{f.file}:{f.line}:{f.column}{where} {label} «{f.found}» …{context}…")
    if len(listed) < report.total:
        out.append(f"… and {report.total - len(listed)} more")
    out.append(
        f"{report.total} violation(s) and {report.warnings} warning(s) "
        f"in {report.blocks} block(s) of {len(report.files)} file(s)"
    )
    out.extend(f"  {rule}: {n}" for rule, n in report.counts.items())
    return "\n".join(out)
