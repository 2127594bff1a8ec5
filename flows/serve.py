"""`zhclean serve`: a small read-only web app over a published output folder.

The home page shows the corpus at a glance (documents, articles, edits by kind, problems,
tool and rules versions), the main downloads (the book, the Markdown zip, JSON Lines, SQLite,
the report, the release bundle) and every edition file with its size, date, SHA-256 (from the
manifest) and a download link; `/search` searches the SQLite edition (titles, authors, full
text) and marks the hits; `/documents/<stem>` lists a document's articles with their metadata
and links to its review page (raw and clean side by side, every edit marked) and editions.

Safety: only files of the published build's edition folders are served. A path is resolved
(symlinks followed) and must stay inside the build, so `..`, encoded `%2e%2e`, absolute paths
and symlinks pointing outside answer 404. Everything from documents is HTML-escaped. There
are no write endpoints (other methods answer 405), and an error answers a short page, never
a traceback.
"""

from __future__ import annotations

import html
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from zhclean.tasks.build.publish import CURRENT, EDITIONS
from zhclean.tasks.editions.bundle import RELEASE, SUMS, sha256_file
from zhclean.tasks.editions.markdown_edition import safe_stem
from zhclean.tasks.editions.sqlite_edition import FILE_NAME, search

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_QUERY = 200
RESULTS = 50

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.6; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
code.sha { font-size: .75rem; word-break: break-all; }
mark { background: #ffe066; }
form { display: flex; gap: .5rem; margin: 1rem 0; }
input[type=search] { flex: 1; font-size: 1rem; padding: .3rem; }
.hit { margin: .2rem 0 .2rem 1rem; color: #333; }
.scroll { overflow-x: auto; }
@media (max-width: 40rem) { code.sha { display: none; } body { padding: .5rem; } }
"""


def page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f'<body><nav><a href="/">首页</a> · <a href="/search">搜索</a></nav>{body}</body></html>',
        status_code=status,
    )


def search_form(query: str = "") -> str:
    return (
        '<form action="/search" method="get" role="search">'
        f'<input type="search" name="q" value="{html.escape(query)}" maxlength="{MAX_QUERY}" '
        'placeholder="标题、作者或正文（三个字以上更快）" aria-label="搜索"><button>搜索</button></form>'
    )


class Site:
    """What the pages read from the output folder (the published build, found afresh per request)."""

    def __init__(self, out: Path) -> None:
        self.out = out

    def build(self) -> Path:
        root = (self.out / CURRENT).resolve()
        if not root.is_dir():
            raise HTTPException(503, "no build is published in this output folder yet")
        return root

    def manifest(self) -> dict[str, Any]:
        path = self.build() / "json" / "manifest.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def built(self) -> str:
        """When the build was published (the editions carry no clock): its manifest's date."""
        path = self.build() / "json" / "manifest.json"
        return _date(path) if path.is_file() else "?"

    def report_summary(self) -> dict[str, Any]:
        """`run` and `summary` of report.json, read without its per-document sections."""
        path = self.build() / "report" / "report.json"
        marker = ',\n"documents": ['
        try:
            with path.open(encoding="utf-8") as fh:
                head = ""
                while marker not in head:
                    chunk = fh.read(1 << 16)
                    if not chunk:
                        return json.loads(head)
                    head += chunk
            return json.loads(head[: head.index(marker)] + "}")
        except (OSError, ValueError):
            return {}

    def database(self) -> sqlite3.Connection | None:
        path = self.build() / "sqlite" / FILE_NAME
        if not path.is_file():
            return None
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def resolve(self, rel: str) -> Path:
        """The file `rel` names inside an edition folder of the build, or 404."""
        build = self.build()
        parts = rel.split("/")
        if not rel or rel.startswith("/") or "\\" in rel or parts[0] not in EDITIONS:
            raise HTTPException(404)
        if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
            raise HTTPException(404)
        path = (build / rel).resolve()
        if not path.is_relative_to(build) or not path.is_file():
            raise HTTPException(404)
        return path


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _date(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _link(rel: str, text: str | None = None) -> str:
    return f'<a href="/files/{quote(rel)}">{html.escape(text or rel)}</a>'


def edition_rows(site: Site, manifest: dict[str, Any]) -> list[tuple[str, int, str, str]]:
    """(path, bytes, date, sha256) of every edition file: the release archive (with the hash its
    `SHA256SUMS` gives) and that file, the manifest's list, then the manifest itself.

    Neither the manifest nor `SHA256SUMS` can hold its own hash: both are small, hashed here."""
    build = site.build()
    sums = build / RELEASE / SUMS
    rows = []
    if sums.is_file():
        for line in sums.read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            path = build / RELEASE / name
            if "/" not in name and path.is_file():
                rows.append((f"{RELEASE}/{name}", path.stat().st_size, _date(path), digest))
        rows.sort()
    own = [sums] if sums.is_file() else []
    for entry in manifest.get("editions", []):
        path = build / entry["path"]
        if path.is_file():
            rows.append((entry["path"], entry["bytes"], _date(path), entry["sha256"]))
    manifest_path = build / "json" / "manifest.json"
    if manifest_path.is_file():
        own.append(manifest_path)
    for path in own:
        rel = path.relative_to(build).as_posix()
        rows.append((rel, path.stat().st_size, _date(path), sha256_file(path)))
    return rows


#: The downloads most readers want, named on the home page before the full list of files.
MAIN_DOWNLOADS = (
    ("epub/corpus.epub", "电子书 EPUB (the corpus as a book)"),
    ("zip/markdown.zip", "Markdown (every document and corpus.md, one zip)"),
    ("json/articles.jsonl", "JSON Lines (one article per line)"),
    ("sqlite/corpus.sqlite", "SQLite (full-text search)"),
    ("report/report.md", "报告 report"),
)


def main_downloads(site: Site, manifest: dict[str, Any]) -> str:
    """A short list of the whole-corpus downloads this build has (and the release archive)."""
    build = site.build()
    wanted = list(MAIN_DOWNLOADS)
    archive = (manifest.get("release") or {}).get("archive")
    if archive:
        wanted.append((archive, "发布包 release bundle (every edition, dataset card, SHA256SUMS)"))
    items = [
        f"<li>{_link(rel, text)} <small>{_size((build / rel).stat().st_size)}</small></li>"
        for rel, text in wanted
        if (build / rel).is_file()
    ]
    return f"<h2>下载 downloads</h2><ul class='downloads'>{''.join(items)}</ul>" if items else ""


async def home(request: Request) -> Response:
    site: Site = request.app.state.site
    manifest = site.manifest()
    report = site.report_summary()
    summary = report.get("summary", {})
    counts = [
        ("文档 documents", summary.get("processed", len(manifest.get("documents", [])))),
        ("文章 articles", summary.get("articles", "?")),
        ("编辑 edits", summary.get("edits", "?")),
        ("问题 problems", summary.get("problems", "?")),
        ("失败 failed", len(summary.get("failed", manifest.get("failed", [])))),
    ]
    facts = [
        ("built", site.built()),  # the editions carry no clock (reproducible): the manifest's date
        ("tool version", manifest.get("tool_version", "?")),
        ("rules version", manifest.get("rules_version", "?")),
        ("licence", manifest.get("licence", "unspecified")),
        ("release", (manifest.get("release") or {}).get("version", "—")),
    ]
    body = ["<h1>zhclean 语料</h1>", search_form(), "<h2>概况</h2><table>"]
    body += [
        f'<tr><th>{html.escape(k)}</th><td class="num">{v:,}</td></tr>'
        for k, v in counts
        if isinstance(v, int)
    ]
    body += [
        f"<tr><th>{html.escape(k)}</th><td><code>{html.escape(str(v))}</code></td></tr>" for k, v in facts
    ]
    body.append("</table>")
    kinds = summary.get("edits_by_kind", {})
    if kinds:
        body.append("<details><summary>按规则统计的编辑 edits by kind</summary><table>")
        body += [f'<tr><td>{html.escape(k)}</td><td class="num">{n:,}</td></tr>' for k, n in kinds.items()]
        body.append("</table></details>")
    docs = manifest.get("documents", [])
    if docs:
        body.append(
            "<h2>文档</h2><div class='scroll'><table><tr><th>文档</th><th>文章</th><th>审阅</th></tr>"
        )
        for d in docs:
            stem = safe_stem(d["source"].rsplit(".", 1)[0])
            body.append(
                f"<tr><td><a href='/documents/{quote(stem)}'>{html.escape(d['source'])}</a></td><td class='num'>{d.get('articles', 0)}</td>"
                f"<td>{_link(f'report/review/{stem}.html', '审阅页')} · {_link(f'epub/{stem}.epub', 'EPUB')}"
                f" · {_link(f'markdown/{stem}.md', 'Markdown')}</td></tr>"
            )
        body.append("</table></div>")
    body.append(main_downloads(site, manifest))
    body.append(
        "<h2>全部文件 every edition file</h2><div class='scroll'><table class='editions'>"
        "<tr><th>file</th><th>size</th><th>date</th><th>SHA-256</th></tr>"
    )
    for rel, size, date, digest in edition_rows(site, manifest):
        body.append(
            f"<tr><td>{_link(rel)}</td><td class='num'>{_size(size)}</td><td>{date}</td>"
            f"<td><code class='sha'>{digest}</code></td></tr>"
        )
    body.append("</table></div>")
    return page("zhclean 语料", "".join(body))


def highlight(snippet: str) -> str:
    """A snippet from `search`, escaped, with its \\x02…\\x03 marks as <mark>."""
    return html.escape(snippet).replace("\x02", "<mark>").replace("\x03", "</mark>")


FIELD_NAMES = {"title": "标题", "subtitle": "副标题", "authors": "作者", "text": "正文"}


async def search_page(request: Request) -> Response:
    site: Site = request.app.state.site
    query = " ".join(request.query_params.get("q", "").split())[:MAX_QUERY]
    body = ["<h1>搜索</h1>", search_form(query)]
    if query:
        db = site.database()
        if db is None:
            raise HTTPException(404, "this build has no SQLite edition")
        try:
            results = search(db, query, limit=RESULTS)
        except sqlite3.Error as exc:
            raise HTTPException(400, "the query could not be searched") from exc
        finally:
            db.close()
        body.append(f"<p>“{html.escape(query)}”：{len(results)} 篇文章</p><ol>")
        for r in results:
            review = f"report/review/{r['stem']}.html"
            document = f"<a href='/documents/{quote(r['stem'])}'>{html.escape(r['document'])}</a>"
            meta = " · ".join([*(html.escape(x) for x in (r["authors"], r["date"] or "") if x), document])
            body.append(
                f"<li><p><strong>{_link(review, r['title'] or '无题')}</strong> <small>{meta}</small></p>"
            )
            body += [
                f"<p class='hit'><small>{FIELD_NAMES.get(f, f)}</small> {highlight(s)}</p>"
                for f, s in r["hits"]
            ]
            body.append("</li>")
        body.append("</ol>")
    return page(f"搜索 {query}" if query else "搜索", "".join(body))


async def document_page(request: Request) -> Response:
    """A document: its articles with their metadata, and links to its review page and editions."""
    site: Site = request.app.state.site
    db = site.database()
    if db is None:
        raise HTTPException(404)
    try:
        doc = db.execute(
            "SELECT id, source, title, script, converted_chars, edits FROM documents WHERE stem = ?",
            (request.path_params["stem"],),
        ).fetchone()
        if doc is None:
            raise HTTPException(404)
        articles = db.execute(
            "SELECT a.title, a.subtitle, a.authors, a.section, a.series, a.page, a.date, a.origin,"
            " a.first_line, a.last_line, count(b.id) FROM articles a LEFT JOIN blocks b ON b.article_id = a.id"
            " WHERE a.document_id = ? GROUP BY a.id ORDER BY a.position",
            (doc[0],),
        ).fetchall()
    finally:
        db.close()
    stem = request.path_params["stem"]
    links = " · ".join(
        _link(rel, text)
        for rel, text in (
            (f"report/review/{stem}.html", "审阅页 review"),
            (f"epub/{stem}.epub", "EPUB"),
            (f"markdown/{stem}.md", "Markdown"),
            (f"json/documents/{stem}.json", "JSON"),
        )
    )
    body = [
        f"<h1>{html.escape(doc[2])}</h1>",
        f"<p>{html.escape(doc[1])} · {html.escape(doc[3])} · {doc[5]:,} 处编辑</p><p>{links}</p>",
        "<div class='scroll'><table><tr><th>#</th><th>标题</th><th>作者</th><th>栏目</th><th>页码</th>"
        "<th>日期</th><th>来源</th><th>原文行</th><th>段落</th></tr>",
    ]
    for n, (
        title,
        subtitle,
        authors,
        section,
        series,
        page_no,
        date,
        origin,
        first,
        last,
        blocks,
    ) in enumerate(articles, 1):
        heading = html.escape(title or "无题") + (
            f"<br><small>{html.escape(subtitle)}</small>" if subtitle else ""
        )
        cells = [authors, " / ".join(x for x in (section, series) if x), page_no, date, origin]
        body.append(
            f"<tr><td class='num'>{n}</td><td>{heading}</td>"
            + "".join(f"<td>{html.escape(str(c)) if c not in (None, '') else ''}</td>" for c in cells)
            + f"<td class='num'>{first}–{last}</td><td class='num'>{blocks}</td></tr>"
        )
    body.append("</table></div>")
    return page(doc[2], "".join(body))


async def files(request: Request) -> Response:
    site: Site = request.app.state.site
    path = site.resolve(request.path_params["path"])
    media = "text/html; charset=utf-8" if path.suffix == ".html" else None
    if path.suffix in (".md", ".jsonl", ".json") or path.name == SUMS:
        media = "text/plain; charset=utf-8"
    return FileResponse(path, media_type=media)


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) and status != 404 else ""
    message = {404: "找不到 not found", 405: "不允许 method not allowed"}.get(status, "出错了 error")
    return page(
        str(status), f"<h1>{status}</h1><p>{html.escape(message)}</p><p>{html.escape(detail)}</p>", status
    )


def make_app(out: Path) -> Starlette:
    """The app over the output folder `out` (its published build)."""
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/search", search_page),
            Route("/documents/{stem}", document_page),
            Route("/files/{path:path}", files),
        ],
        exception_handlers={HTTPException: http_error, Exception: http_error},
    )
    app.state.site = Site(Path(out))
    return app


def serve(out: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve `out` until interrupted."""
    import uvicorn

    uvicorn.run(make_app(out), host=host, port=port, log_level="warning")
