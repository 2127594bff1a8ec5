"""`zhclean serve`: served on a loopback port, home page and search fetched, then stopped.

The output folder is published from editions written directly (no Prefect run): two raw files.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import re
import socket
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from paths import OUTSIDE_EDITIONS, RAW

from zhclean.flows.serve import make_app
from zhclean.tasks.build.publish import new_staging, publish
from zhclean.tasks.core.model import Article, Block, Document
from zhclean.tasks.editions.bundle import write_release
from zhclean.tasks.editions.json_edition import write_json_edition
from zhclean.tasks.editions.markdown_edition import summary_of, write_markdown_edition
from zhclean.tasks.editions.review_page import write_review_page
from zhclean.tasks.editions.sqlite_edition import write_sqlite_edition
from zhclean.tasks.pipeline.run import normalize_document

RUN = {"tool_version": "0.1.0", "rules_version": "r" * 64, "inputs_fingerprint": "abcdef12" + "0" * 56}
SUMMARY = {"documents": 3, "processed": 3, "failed": [], "articles": 3, "edits": 5, "problems": 0}


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    paths = sorted(RAW.glob("*.txt"))
    raws = {p.name: p.read_text(encoding="utf-8") for p in (paths[1], paths[2])}
    docs = [normalize_document(p.read_bytes(), p.name) for p in (paths[1], paths[2])]
    hostile = Document(
        source="evil.txt",
        sha256="0" * 64,
        encoding="utf-8",
        size=1,
        articles=[
            Article(
                id="evil-001",
                source="evil.txt",
                title="<script>alert(1)</script>防疫工作",
                blocks=[Block("paragraph", "<img src=x onerror=alert(2)>防疫工作正文", 1, 1)],
            )
        ],
    )
    docs.append(hostile)
    out = tmp_path_factory.mktemp("served")
    staging = new_staging(out)
    write_json_edition(docs, staging, RUN)
    write_markdown_edition(docs, staging)
    write_sqlite_edition([summary_of(d) for d in docs], docs, staging)
    for doc in docs[:2]:
        write_review_page(doc, raws[doc.source], staging)
    write_release(staging, RUN, SUMMARY)
    publish(out, staging)
    (out.parent / "secret.txt").write_text("secret")
    os.symlink(out.parent / "secret.txt", staging / "json" / "leak.json")
    return out


@pytest.fixture(scope="module")
def server(output):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(make_app(output), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield port
    srv.should_exit = True
    thread.join(10)
    assert not thread.is_alive()


def get(port: int, path: str, method: str = "GET") -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path)  # sent as written: no client-side normalisation of `..`
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("content-type", ""), body


def test_home_page_lists_counts_and_every_edition_with_its_sha256(server, output) -> None:
    status, ctype, body = get(server, "/")
    page = body.decode("utf-8")
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    assert '<html lang="zh-Hans">' in page and "Noto Sans CJK SC" in page
    manifest = json.loads((output / "json" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["editions"]:
        assert f'href="/files/{quote(entry["path"])}"' in page
        assert entry["sha256"] in page
    archive = manifest["release"]["archive"]
    assert f'href="/files/{archive}"' in page
    # a download is the listed bytes
    status, _, data = get(server, f"/files/{archive}")
    assert status == 200 and hashlib.sha256(data).hexdigest() in page
    status, _, data = get(server, "/files/sqlite/corpus.sqlite")
    assert status == 200 and hashlib.sha256(data).hexdigest() in page
    # the Markdown edition as one zip, named among the main downloads
    assert '<a href="/files/zip/markdown.zip">Markdown (every document and corpus.md, one zip)</a>' in page
    status, ctype, data = get(server, "/files/zip/markdown.zip")
    assert (status, ctype) == (200, "application/zip") and hashlib.sha256(data).hexdigest() in page
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == [
            "markdown/001_e3528ec2684411c3.md",
            "markdown/002_b722e41bb6c714af.md",
            "markdown/corpus.md",
            "markdown/evil.md",
        ]
    assert "<script>alert" not in page
    assert re.search(r"<th>built</th><td><code>\d{4}-\d\d-\d\d \d\d:\d\d UTC</code>", page)


def test_search_returns_the_article_with_the_hit_marked_and_escapes_document_text(server) -> None:
    status, _, body = get(server, "/search?q=" + quote("五色花"))
    page = body.decode("utf-8")
    assert status == 200
    assert re.findall(r"<li><p><strong><a [^>]*>([^<]*)</a>", page) == ["“五色花”把温暖和信心送到家"]
    assert "“<mark>五色花</mark>”" in page
    assert 'href="/files/report/review/002_b722e41bb6c714af.html"' in page
    status, _, body = get(server, "/search?q=" + quote("防疫工作"))
    page = body.decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "onerror=alert(2)&gt;<mark>防疫工作</mark>正文" in page and "<img" not in page
    # two characters (below the trigram index), FTS syntax and markup in the query: answers, escaped
    for query in ["疫情", '"', "NEAR(", "<b>x</b>", "a" * 500]:
        status, _, body = get(server, "/search?q=" + quote(query))
        assert status == 200 and b"<b>x</b>" not in body
    status, _, body = get(server, "/search?q=" + quote("疫情"))
    assert b"<mark>\xe7\x96\xab\xe6\x83\x85</mark>" in body


def test_a_document_page_lists_its_articles_and_links_its_review_page(server) -> None:
    status, _, body = get(server, "/documents/002_b722e41bb6c714af")
    page = body.decode("utf-8")
    assert status == 200
    titles = re.findall(r"<tr><td class='num'>\d+</td><td>([^<]*)", page)
    assert len(titles) == 7 and titles[1] == "“五色花”把温暖和信心送到家"
    assert 'href="/files/report/review/002_b722e41bb6c714af.html"' in page
    status, ctype, body = get(server, "/files/report/review/002_b722e41bb6c714af.html")
    assert (status, ctype) == (200, "text/html; charset=utf-8") and "五色花".encode() in body
    status, _, body = get(server, "/documents/evil")
    assert status == 200 and b"&lt;script&gt;alert(1)" in body and b"<script>alert" not in body
    assert get(server, "/documents/nothing")[0] == 404
    status, _, body = get(server, "/")
    assert "href='/documents/002_b722e41bb6c714af'" in body.decode("utf-8")


@pytest.mark.parametrize(
    "path",
    [
        *OUTSIDE_EDITIONS,
        "/files/.results/index.jsonl",
        "/files/json",
        "/files/nowhere/x",
        "/nowhere",
    ],
)
def test_nothing_outside_the_editions_is_served(server, path) -> None:
    status, _, body = get(server, path)
    assert status == 404
    assert b"secret" not in body and b"Traceback" not in body


def test_read_only_and_errors_without_tracebacks(server) -> None:
    for method in ("POST", "PUT", "DELETE"):
        status, _, body = get(server, "/", method)
        assert status == 405 and b"Traceback" not in body
    status, ctype, _ = get(server, "/files/json/articles.jsonl")
    assert (status, ctype) == (200, "text/plain; charset=utf-8")


def test_the_serve_command_refuses_a_folder_with_nothing_published(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from zhclean.flows.cli import app

    result = CliRunner().invoke(app, ["serve", "--out", str(tmp_path), "--port", "8765"])
    assert result.exit_code == 2
    assert "no published build" in " ".join(result.output.split())
