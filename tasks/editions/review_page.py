"""The review page: a document's raw and clean text side by side, with every edit in place.

STYLE.md section 7 promises a reviewer can check any document this way. The
left column is the raw text line by line, each line marked as part of an
article, removed (with the rule that removed it) or moved to metadata, and
followed by the edits made on it; the right column is the clean articles, each
block linking back to the raw lines it came from. A small script lets the
reviewer show or hide edit kinds. Everything from the text is HTML-escaped.
"""

from __future__ import annotations

import functools
import html
from collections import Counter, defaultdict
from pathlib import Path

from zhclean.tasks.core.model import Article, Document, Removed
from zhclean.tasks.editions.markdown_edition import safe_stem

#: Beyond this many raw lines, only lines with an edit or a removal are shown (page size).
MAX_FULL_LINES = 20_000
#: Where the pages land inside a build.
REVIEW_DIR = Path("report") / "review"

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:0;color:#222}
header{padding:1em 2em;background:#f5f5f0;border-bottom:1px solid #ccc}
main{display:grid;grid-template-columns:1fr 1fr;gap:1.5em;padding:1em 2em}
ol.raw{list-style:none;padding:0;font-size:14px}
ol.raw>li{padding:2px 4px;border-left:4px solid transparent}
li.in-article{border-left-color:#8bc34a}
li.removed{border-left-color:#e57373;background:#fdecea}
li.outside{border-left-color:#90a4ae;background:#f3f5f6}
.num{display:inline-block;width:4em;color:#999;text-align:right;margin-right:.5em}
ul.edits{margin:2px 0 4px 4.5em;padding:0;list-style:none;font-size:12px}
ul.edits>li{display:inline-block;margin-right:.8em}
li.edit[hidden]{display:none}
del{background:#fbb;text-decoration:line-through}
ins{background:#bfb;text-decoration:none}
.kind{color:#555;font-family:monospace;margin-right:.4em}
.clean p{line-height:1.8}
.clean .caption{color:#555;font-style:italic}
.clean pre{white-space:pre-wrap;background:#f7f7f7;padding:4px 6px;font-size:13px}
.span{font-size:11px;color:#999;margin-right:.5em}
.meta{color:#666;font-size:13px}
main>section{min-width:0;overflow-wrap:anywhere}
@media (max-width:40rem){header,main{padding:.5em}main{grid-template-columns:1fr}
ul.edits{margin-left:1em}.num{width:2.5em}}
"""

SCRIPT = """
const edits = Array.from(document.querySelectorAll('li.edit'));
const summary = document.getElementById('summary');
function refresh() {
  const off = new Set(Array.from(document.querySelectorAll('#kinds input'))
    .filter(box => !box.checked).map(box => box.value));
  let shown = 0;
  for (const e of edits) { e.hidden = off.has(e.dataset.kind); if (!e.hidden) shown++; }
  summary.textContent = `showing ${shown} of ${edits.length} edits`;
  summary.dataset.shown = shown;
}
document.querySelectorAll('#kinds input').forEach(box => box.addEventListener('change', refresh));
refresh();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def line_status(doc: Document) -> dict[int, str]:
    """Per raw line: `in-article`, `removed`, or (by default) `outside` (metadata or furniture).

    A removal wins over an article span: a stray glyph between two halves of an
    article's paragraph was still removed."""
    status: dict[int, str] = {}
    for article in doc.articles:
        for number in range(article.start, article.end + 1):
            status[number] = "in-article"
    for record in doc.removed:
        status[record.line] = "removed"
    return status


def _edit_item(kind: object, before: object, after: object) -> str:
    deleted = f"<del>{_e(before)}</del>" if before else ""
    inserted = f"<ins>{_e(after)}</ins>" if after else ""
    arrow = " → " if deleted and inserted else ""
    return f'<li class="edit" data-kind="{_e(kind)}"><span class="kind">{_e(kind)}</span>{deleted}{arrow}{inserted}</li>'


#: `_edit_item` for text fields, each distinct item made once: a document's thousands of edits
#: are a few hundred distinct (kind, before, after), most of them shared by the documents of a run.
_text_edit_item = functools.lru_cache(maxsize=1 << 16)(_edit_item)


def _removed_item(record: Removed) -> str:
    return (
        f'<li class="edit" data-kind="{_e(record.reason)}"><span class="kind">{_e(record.reason)}</span>'
        f"<del>{_e(record.text)}</del> (removed)</li>"
    )


def _items_by_line(doc: Document) -> dict[int, list[str]]:
    """The list items of each raw line: its edits, then its removals. Items of `str` fields
    come from `_text_edit_item` (`_e` writes 1 and True differently, and they are equal as
    keys; a list is no key at all)."""
    by_line: dict[int, list[str]] = defaultdict(list)
    for edit in doc.edits:
        kind, before, after = edit.kind, edit.before, edit.after
        if type(kind) is str and type(before) is str and type(after) is str:
            by_line[edit.line].append(_text_edit_item(kind, before, after))
        else:
            by_line[edit.line].append(_edit_item(kind, before, after))
    for record in doc.removed:
        by_line[record.line].append(_removed_item(record))
    return by_line


def _raw_column(doc: Document, raw_text: str) -> str:
    lines = raw_text.split("\n")
    by_line = _items_by_line(doc)
    status = line_status(doc)
    full = len(lines) <= MAX_FULL_LINES
    out = ['<ol class="raw">']
    if by_line.get(0):
        out.append(
            f'<li class="outside"><span class="num">—</span>document<ul class="edits">{"".join(by_line[0])}</ul></li>'
        )
    for number, text in enumerate(lines, 1):
        items = by_line.get(number)
        if not full and not items:
            continue
        edits = f'<ul class="edits">{"".join(items)}</ul>' if items else ""
        kind = status.get(number, "outside" if text.strip() else "blank")
        out.append(
            f'<li id="L{number}" class="{kind}"><span class="num">{number}</span>{_e(text)}{edits}</li>'
        )
    out.append("</ol>")
    return "\n".join(out)


def _article(article: Article) -> str:
    meta = [
        f"{label}：{_e(value)}"
        for label, value in (
            ("作者", "、".join(article.authors)),
            ("栏目", article.section),
            ("系列", article.series),
            ("页码", article.page),
            ("日期", article.date),
        )
        if value
    ]
    out = [f'<article id="{_e(article.id)}"><h3>{_e(article.title)}</h3>']
    if article.subtitle:
        out.append(f"<p><b>{_e(article.subtitle)}</b></p>")
    if meta:
        out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    for block in article.blocks:
        span = f'<a class="span" href="#L{block.start}">{block.start}–{block.end}</a>'
        tag = {"heading": "h4", "code": "pre", "table": "pre"}.get(block.type, "p")  # code as written
        out.append(f'<{tag} class="{block.type}">{span}{_e(block.text)}</{tag}>')
    out.append("</article>")
    return "\n".join(out)


def render_review(doc: Document, raw_text: str) -> str:
    """The whole review page for one document (pure)."""
    title = doc.metadata.get("title") or doc.source
    kinds = Counter(e.kind for e in doc.edits) + Counter(r.reason for r in doc.removed)
    boxes = "".join(
        f'<label><input type="checkbox" value="{_e(k)}" checked> {_e(k)} ({n})</label> '
        for k, n in sorted(kinds.items())
    )
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>审阅 · {_e(title)}</title>
<style>{STYLE}</style></head>
<body>
<header><h1>{_e(title)}</h1>
<p>{_e(doc.source)} · {_e(doc.encoding)} · {_e(doc.script.script)} · {len(doc.articles)} articles ·
{len(doc.edits)} edits · {len(doc.removed)} removed</p>
<p id="summary" data-total="{len(doc.edits) + len(doc.removed)}">…</p>
<fieldset id="kinds"><legend>edit kinds</legend>{boxes}</fieldset></header>
<main><section class="raw-text"><h2>原文</h2>
{_raw_column(doc, raw_text)}
</section><section class="clean"><h2>整理后</h2>
{"".join(_article(a) for a in doc.articles)}
</section></main>
<script>{SCRIPT}</script>
</body></html>
"""


def write_review_page(doc: Document, raw_text: str, build: Path) -> Path:
    """Write `report/review/<stem>.html` under the build directory."""
    folder = build / REVIEW_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{safe_stem(doc.stem)}.html"
    path.write_text(render_review(doc, raw_text), encoding="utf-8", errors="replace")
    return path
