"""The review page: raw and clean side by side, edits in place; checked in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from zhclean.tasks.editions import review_page
from zhclean.tasks.editions.review_page import line_status, render_review, write_review_page
from zhclean.tasks.pipeline.run import normalize_document

RAW = '春天的故事\n\n他说:"你好,世界"。<script>alert(1)</script>\n\n|\n\n今年3月,社区 志愿者 开始值守。\n'
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def doc():
    return normalize_document(RAW.encode(), "story.txt")


def test_every_edit_and_removal_is_on_the_page_and_text_is_escaped(doc):
    page = render_review(doc, RAW)
    assert page.count('class="edit"') == len(doc.edits) + len(doc.removed)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'id="L5"' in page  # the stray glyph line is shown, marked removed
    assert 'class="removed"' in page


def test_raw_lines_are_marked_by_where_their_text_went(doc):
    status = line_status(doc)
    assert status[1] == "in-article"
    assert status[5] == "removed"


def test_a_huge_document_shows_only_the_lines_with_edits(monkeypatch):
    monkeypatch.setattr(review_page, "MAX_FULL_LINES", 50)
    raw = "\n".join([f"这是第{n}行干净的文字。" for n in range(60)] + ["他说,好。"])
    doc = normalize_document(raw.encode(), "big.txt")
    page = render_review(doc, raw)
    assert page.count("<li id=") == 1
    assert 'id="L61"' in page
    assert len(raw.split("\n")) > review_page.MAX_FULL_LINES


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("chromium is not installed: `make test` installs it (Debian package chromium)")
    return path


def test_the_page_works_in_a_real_browser(doc, tmp_path):
    path = write_review_page(doc, RAW, tmp_path)
    profile = tmp_path / "profile"
    result = subprocess.run(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    total = len(doc.edits) + len(doc.removed)
    # the summary is written by the page's script: this only holds if a browser ran it
    assert re.search(rf'id="summary"[^>]*>showing {total} of {total} edits<', result.stdout), result.stdout[
        -2000:
    ]
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            _chromium(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={shot}",
            "--window-size=1200,800",
            path.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
