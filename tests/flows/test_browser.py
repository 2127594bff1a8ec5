"""`zhclean serve` in a real browser: Debian's Chromium, driven by Playwright.

The flow builds one output folder from raw/ plus one hand-written hostile file (a `<script>` in
its text); the `zhclean serve` command serves it on a free loopback port; one browser visits it
as a reader would: the home page and its downloads, a search, a document and its review page,
a phone-sized window. Screenshots land in tests/artifacts/ and are checked for what they show.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_helpers import check_screenshot, chromium, layout_width
from paths import OUTSIDE_EDITIONS
from playwright.sync_api import Browser, Page

from zhclean.tasks.build.publish import EDITIONS

pytestmark = pytest.mark.flow

#: A raw file written for these tests: its `<script>` must show as text and never run.
HOSTILE_NAME = "005_script.txt"
HOSTILE = (
    "春风送暖进社区\n"
    "\n"
    '社区志愿者正在值守。<script>alert(1)</script>他们说:"守护好家园"。\n'
    "\n"
    "文中写道&lt;script&gt;alert(3)&lt;/script&gt;不是代码,是文字。\n"
)
#: Its edits, by kind, read off the text above with STYLE.md: two scripts removed (one written
#: as entities, whose four entities are decoded first), a pair of straight quotes, a colon and
#: a comma made full-width.
HOSTILE_EDITS = {
    "repair.html_script": 2,
    "repair.html_entity": 4,
    "punct.curly_quotes": 2,
    "punct.fullwidth_colon": 1,
    "punct.fullwidth_comma": 1,
}
#: The documents: raw/'s five files and the hostile one.
STEMS = [
    "000_e749a98af03e7493",
    "001_e3528ec2684411c3",
    "002_b722e41bb6c714af",
    "003_b090f85b8062f7c2",
    "004_2f811c37439251f9",
    "005_script",
]
#: Every member of the Markdown zip: raw/'s five documents, the hostile one, the corpus.
ZIP_MEMBERS = [
    "markdown/000_e749a98af03e7493.md",
    "markdown/001_e3528ec2684411c3.md",
    "markdown/002_b722e41bb6c714af.md",
    "markdown/003_b090f85b8062f7c2.md",
    "markdown/004_2f811c37439251f9.md",
    "markdown/005_script.md",
    "markdown/corpus.md",
]
#: 党旗飘扬 is in two headlines of raw/ and nowhere else: raw/001's first line (traditional
#: script, its subtitle after the dash) and raw/003's line 99.
PARTY_FLAG_TITLES = ["党旗飘扬践初心 战“疫”一线显担当", "战“疫”一线党旗飘扬"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def output(prefect_harness, tmp_path_factory, raw_files) -> Path:
    """One flow run over raw/ and the hostile file, plus a symlink that leads outside the build."""
    from zhclean.flows.normalize_corpus import normalize_corpus

    root = tmp_path_factory.mktemp("browsed")
    raw = root / "raw"
    raw.mkdir()
    for path in raw_files:
        shutil.copy(path, raw / path.name)
    (raw / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    out = root / "output"
    summary = normalize_corpus(raw_dir=str(raw), out_dir=str(out))
    assert (summary["processed"], summary["failed"]) == (6, [])
    (root / "secret.txt").write_text("secret", encoding="utf-8")
    (out / "json" / "leak.json").symlink_to(root / "secret.txt")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base(output: Path) -> Iterator[str]:
    """`zhclean serve --out <output> --port <free port>`, as a user starts it; stopped at the end."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "zhclean.flows", "serve", "--out", str(output), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    if server.poll() is not None:
        pytest.fail(f"zhclean serve stopped: {server.communicate()[0]}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def edition_files(out: Path) -> dict[str, str]:
    """Every file of the published editions on disk, with its SHA-256: what the home page lists."""
    return {
        path.relative_to(out).as_posix(): sha256(path.read_bytes())
        for folder in EDITIONS
        for path in sorted((out / folder).rglob("*"))
        if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
    }


def test_the_home_page_lists_every_edition_with_the_sha256_of_its_file(page: Page, base, output) -> None:
    page.goto(base + "/")
    listed = page.eval_on_selector_all(
        "table.editions tr:has(td)",
        "rows => rows.map(r => [r.querySelector('a').getAttribute('href'), r.querySelector('code').textContent])",
    )
    on_disk = edition_files(output)
    archive = json.loads((output / "json" / "manifest.json").read_text(encoding="utf-8"))["release"][
        "archive"
    ]
    assert sorted(on_disk) == sorted(
        [
            "json/articles.jsonl",
            "json/manifest.json",
            *(f"json/documents/{stem}.json" for stem in STEMS),
            "markdown/corpus.md",
            *(f"markdown/{stem}.md" for stem in STEMS),
            "epub/corpus.epub",
            *(f"epub/{stem}.epub" for stem in STEMS),
            "sqlite/corpus.sqlite",
            "report/report.json",
            "report/report.md",
            *(f"report/review/{stem}.html" for stem in STEMS),
            "zip/markdown.zip",
            "release/SHA256SUMS",
            archive,
        ]
    )
    assert dict(listed) == {f"/files/{quote(path)}": digest for path, digest in on_disk.items()}
    built = page.locator("tr:has(th:text-is('built')) code").inner_text()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", built), built
    check_screenshot(page, "home", "h1")


def test_a_download_link_gives_the_listed_bytes(page: Page, base, output) -> None:
    page.goto(base + "/")
    listed = dict(
        page.eval_on_selector_all(
            "table.editions tr:has(td)",
            "rows => rows.map(r => [r.querySelector('a').textContent, r.querySelector('code').textContent])",
        )
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Markdown (every document and corpus.md, one zip)").click()
    data = Path(download.value.path()).read_bytes()
    assert sha256(data) == listed["zip/markdown.zip"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == ZIP_MEMBERS
        assert z.read("markdown/005_script.md") == (output / "markdown" / "005_script.md").read_bytes()
    with page.expect_download() as download:
        page.get_by_role("link", name="电子书 EPUB (the corpus as a book)").click()
    assert sha256(Path(download.value.path()).read_bytes()) == listed["epub/corpus.epub"]


def test_a_search_finds_the_articles_and_marks_the_hits(page: Page, base) -> None:
    page.goto(base + "/")
    page.get_by_role("searchbox").fill("党旗飘扬")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url(f"{base}/search?q=*")
    results = page.locator("ol > li")
    assert sorted(results.locator("strong a").all_inner_texts()) == PARTY_FLAG_TITLES
    for n in range(results.count()):
        assert "党旗飘扬" in results.nth(n).locator("mark").all_inner_texts()
    assert set(page.locator("mark").all_inner_texts()) == {"党旗飘扬"}
    assert (
        page.locator("mark").first.evaluate("m => getComputedStyle(m).backgroundColor")
        == "rgb(255, 224, 102)"
    )
    check_screenshot(page, "search", "ol > li strong a")
    page.get_by_role("searchbox").fill("春风送暖")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(f"{base}/search?q=*")
    assert page.locator("ol > li strong a").all_inner_texts() == ["春风送暖进社区"]


def test_a_document_page_shows_its_articles_and_its_review_with_every_edit(page: Page, base) -> None:
    page.goto(f"{base}/documents/005_script")
    assert page.locator("h1").inner_text() == "春风送暖进社区"
    assert page.locator("table tr td:nth-child(2)").all_inner_texts() == ["春风送暖进社区"]
    check_screenshot(page, "document", "h1")
    page.get_by_role("link", name="审阅页 review").click()
    page.wait_for_url("**/files/report/review/005_script.html")
    edits = page.locator("li.edit")
    kinds = Counter(edits.evaluate_all("es => es.map(e => e.dataset.kind)"))
    assert kinds == HOSTILE_EDITS
    assert page.locator("#summary").inner_text() == "showing 10 of 10 edits"
    colon = page.locator('li.edit[data-kind="punct.fullwidth_colon"]')
    assert (colon.locator("del").inner_text(), colon.locator("ins").inner_text()) == (":", "：")
    assert colon.locator("del").evaluate("d => getComputedStyle(d).textDecorationLine") == "line-through"
    check_screenshot(page, "review", "header h1")


def test_filtering_the_review_by_kind_hides_and_shows_those_edits(page: Page, base) -> None:
    page.goto(f"{base}/files/report/review/005_script.html")
    entities = page.locator('li.edit[data-kind="repair.html_entity"]')
    others = page.locator('li.edit:not([data-kind="repair.html_entity"])')
    page.get_by_label("repair.html_entity (4)").click()
    assert [entities.nth(n).is_hidden() for n in range(4)] == [True] * 4
    assert [others.nth(n).is_visible() for n in range(6)] == [True] * 6
    assert page.locator("#summary").inner_text() == "showing 6 of 10 edits"
    page.get_by_label("punct.curly_quotes (2)").click()
    assert page.locator("#summary").inner_text() == "showing 4 of 10 edits"
    page.get_by_label("repair.html_entity (4)").click()
    assert [entities.nth(n).is_visible() for n in range(4)] == [True] * 4
    assert page.locator("#summary").inner_text() == "showing 8 of 10 edits"


def test_a_script_in_a_raw_file_shows_as_text_and_never_runs(page: Page, base) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (
        "/files/report/review/005_script.html",
        "/documents/005_script",
        "/search?q=" + quote("<script>alert(1)</script>"),
        "/files/markdown/005_script.md",
    ):
        page.goto(base + path)
        page.wait_for_load_state("load")
    page.goto(f"{base}/files/report/review/005_script.html")
    assert page.locator("#L3").evaluate("li => li.firstChild.nextSibling.textContent") == (
        '社区志愿者正在值守。<script>alert(1)</script>他们说:"守护好家园"。'
    )
    removed = page.locator('li.edit[data-kind="repair.html_script"] del').all_inner_texts()
    assert removed == ["<script>alert(1)</script>", "<script>alert(3)</script>"]
    assert page.evaluate("[...document.scripts].filter(s => s.text.includes('alert')).length") == 0
    assert dialogs == []


def test_nothing_outside_the_editions_is_served(page: Page, base) -> None:
    host, port = base.removeprefix("http://").split(":")
    for path in OUTSIDE_EDITIONS:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        assert (path, response.status) == (path, 404)
        assert b"secret" not in body and b"root:" not in body
    response = page.goto(f"{base}/files/json/leak.json")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "404"


def test_at_phone_width_no_page_scrolls_sideways(browser: Browser, base) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        for path in (
            "/",
            "/search?q=" + quote("党旗飘扬"),
            "/documents/002_b722e41bb6c714af",
            "/documents/005_script",
            "/files/report/review/002_b722e41bb6c714af.html",
        ):
            page.goto(base + path)
            assert layout_width(page) == (PHONE["width"], PHONE["width"]), path
        check_screenshot(page, "review-phone", "header h1")
        page.goto(base + "/")
        check_screenshot(page, "home-phone", "h1")
    finally:
        context.close()
