"""The review page: raw and clean side by side, edits in place; checked in a real browser.

The expected edits of the little document below are written by hand from its text: what
each line is, and what STYLE.md makes of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import ClassVar

import pytest
from browser_helpers import check_screenshot, chromium
from playwright.sync_api import Page

from zhclean.tasks.editions import review_page
from zhclean.tasks.editions.review_page import line_status, render_review, write_review_page
from zhclean.tasks.pipeline.run import normalize_document

RAW = '春天的故事\n\n他说:"你好,世界"。<script>alert(1)</script>\n\n|\n\n今年3月,社区 志愿者 开始值守。\n'

#: Every change to RAW, by raw line: (kind, before, after); after is None for removed text.
EDITS_BY_LINE: dict[int, list[tuple[str, str, str | None]]] = {
    3: [
        ("punct.curly_quotes", '"', "“"),
        ("punct.curly_quotes", '"', "”"),
        ("punct.fullwidth_colon", ":", "："),
        ("punct.fullwidth_comma", ",", "，"),
        ("repair.html_script", "<script>alert(1)</script>", ""),
    ],
    5: [("join.stray_glyph", "|", None)],  # a lone `|` belongs to no sentence
    7: [
        ("punct.fullwidth_comma", ",", "，"),
        ("space.inside_cjk", " ", ""),
        ("space.inside_cjk", " ", ""),
    ],
}
CLEAN = [("3–3", "他说：“你好，世界”。"), ("7–7", "今年3月，社区志愿者开始值守。")]


@pytest.fixture(scope="module")
def doc():
    return normalize_document(RAW.encode(), "story.txt")


def test_the_document_and_its_edits(doc):
    (article,) = doc.articles
    assert article.title == "春天的故事"
    assert [(b.type, b.text) for b in article.blocks] == [("paragraph", text) for _, text in CLEAN]
    edits = [(e.line, e.kind, e.before, e.after) for e in doc.edits]
    removed = [(r.line, r.reason, r.text, None) for r in doc.removed]
    want = [(n, *e) for n, es in EDITS_BY_LINE.items() for e in es]
    assert sorted(edits + removed, key=str) == sorted(want, key=str)


def test_every_edit_and_removal_is_on_the_page_and_text_is_escaped(doc):
    page = render_review(doc, RAW)
    assert page.count('class="edit"') == 9  # 5 on line 3, the glyph of line 5, 3 on line 7
    assert "<script>alert(1)</script>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # the raw line and its edit
    assert '<li id="L5" class="removed">' in page


def test_raw_lines_are_marked_by_where_their_text_went(doc):
    status = line_status(doc)
    assert {n: status[n] for n in (1, 3, 5, 7)} == {
        1: "in-article",
        3: "in-article",
        5: "removed",
        7: "in-article",
    }


def test_a_huge_document_shows_only_the_lines_with_edits(monkeypatch):
    monkeypatch.setattr(review_page, "MAX_FULL_LINES", 50)
    raw = "\n".join([f"这是第{n}行干净的文字。" for n in range(60)] + ["他说,好。"])
    assert len(raw.split("\n")) > review_page.MAX_FULL_LINES
    doc = normalize_document(raw.encode(), "big.txt")
    page = render_review(doc, raw)
    assert page.count("<li id=") == 1
    assert 'id="L61"' in page


# --- what a real browser shows ---------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own_text(self) -> str:
        return "".join(c for c in self.children if isinstance(c, str))

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find(self, tag: str, **attrs: str) -> list[Node]:
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            n
            for n in self.walk()
            if n.tag == tag and all(v in (n.attrs.get(k) or "").split() for k, v in wanted.items())
        ]


class Dom(HTMLParser):
    VOID: ClassVar[frozenset[str]] = frozenset({"meta", "input", "br", "img", "link", "hr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@pytest.fixture(scope="module")
def page(doc, tmp_path_factory) -> Iterator[Page]:
    """The review page, open in a real browser (Debian's Chromium) that ran its script."""
    path = write_review_page(doc, RAW, tmp_path_factory.mktemp("review"))
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(path.as_uri())
        yield tab
        assert dialogs == []  # the raw `<script>alert(1)</script>` never ran


@pytest.fixture(scope="module")
def shown(page: Page) -> Node:
    """The page's DOM as the browser holds it after its script ran."""
    return Dom(page.content()).root


def test_the_browser_runs_the_page_script(shown):
    """The summary is written by the page's script: it only reads so if a browser ran it."""
    (summary,) = [n for n in shown.walk() if n.attrs.get("id") == "summary"]
    assert summary.text() == "showing 9 of 9 edits"
    assert [n.attrs.get("hidden") for n in shown.find("li", class_="edit")] == [None] * 9


def test_the_browser_shows_each_raw_line_with_its_edits(shown):
    lines = {n.attrs["id"]: n for n in shown.find("li") if (n.attrs.get("id") or "").startswith("L")}
    assert lines["L3"].own_text() == RAW.split("\n")[2]  # the raw text, `<script>` shown, not run
    assert lines["L5"].attrs["class"] == "removed"
    for number, want in EDITS_BY_LINE.items():
        got = []
        for edit in lines[f"L{number}"].find("li", class_="edit"):
            (kind,) = edit.find("span", class_="kind")
            (before,) = edit.find("del")
            after = edit.find("ins")
            got.append((kind.text(), before.text(), after[0].text() if after else None))
            assert edit.attrs["data-kind"] == kind.text()
        # an edit that deletes shows no `ins`: `after` is "" in the edit, nothing on the page
        assert sorted(got, key=str) == sorted([(k, b, a or None) for k, b, a in want], key=str)


def test_the_browser_shows_the_clean_text_linked_to_its_raw_lines(shown):
    (clean,) = shown.find("section", class_="clean")
    (title,) = clean.find("h3")
    assert title.text() == "春天的故事"
    paragraphs = clean.find("p", class_="paragraph")
    spans = [p.find("a", class_="span")[0] for p in paragraphs]
    assert [(s.text(), s.attrs["href"]) for s in spans] == [("3–3", "#L3"), ("7–7", "#L7")]
    assert [(s.text(), p.own_text()) for s, p in zip(spans, paragraphs, strict=True)] == CLEAN
    assert [n.text() for n in shown.find("script") if "alert(1)" in n.text()] == []


def test_the_screenshot_shows_the_page_in_chinese(page: Page) -> None:
    """Drawn on a light page, the article's title inked where it is laid out, in the CJK font."""
    check_screenshot(page, "review-page", "section.clean h3")
    assert page.locator("section.clean h3").inner_text() == "春天的故事"


def test_clicking_a_kind_hides_its_edits_and_clicking_again_shows_them(page: Page) -> None:
    spaces = page.locator('li.edit[data-kind="space.inside_cjk"]')
    commas = page.locator('li.edit[data-kind="punct.fullwidth_comma"]')
    page.get_by_label("space.inside_cjk (2)").click()
    assert [spaces.nth(n).is_hidden() for n in range(2)] == [True, True]
    assert [commas.nth(n).is_visible() for n in range(2)] == [True, True]
    assert page.locator("#summary").inner_text() == "showing 7 of 9 edits"
    page.get_by_label("space.inside_cjk (2)").click()
    assert [spaces.nth(n).is_visible() for n in range(2)] == [True, True]
    assert page.locator("#summary").inner_text() == "showing 9 of 9 edits"
