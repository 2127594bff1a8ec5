"""Generated documents of the development set: real text laid out and damaged the way print,
OCR and web pages do (seeded, so the output is the same on every run).

Every generated document is built from paragraphs of the real documents under `devset/docs/`
(their hand-written gold says where each paragraph, heading and title is), so the words are
real; only the layout is made here: hard line breaks at a column width, running heads
(periodical or column names) and page numbers between page halves, full-width and ASCII
punctuation mixed, stray spaces between characters, several articles in one file, signed briefs
run together on a newspaper page, and web portal furniture (navigation bars, breadcrumbs, link
lists, download notes). The gold of a generated document is written here from the same layout
decisions, never from zhclean's output.

    python devset/make_damaged.py      # rewrites devset/docs/gen_*.txt and devset/gold/gen_*.json
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
GOLD = HERE / "gold"
SEED = 20261129


def source_units(name: str, article: int = 0) -> tuple[str | None, list[tuple[str, str]]]:
    """Title and body units ([kind, text]) of one article of a real document, from its gold."""
    lines = (DOCS / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    a = gold["articles"][article]
    taken = {*a["title_lines"], *a["meta_lines"], *a["ignore"], *gold["furniture"], *a["headings"]}
    spans: list[tuple[int, int, str]] = [(h, h, "heading") for h in a["headings"]]
    for p in a["paragraphs"]:
        if isinstance(p, dict):
            lo, hi = p["each_line"]
            spans += [
                (n, n, "paragraph") for n in range(lo, hi + 1) if n not in taken and lines[n - 1].strip()
            ]
        else:
            spans.append((p[0], p[-1], "paragraph"))
    units = []
    for lo, hi, kind in sorted(spans):
        text = "".join(lines[n - 1].strip() for n in range(lo, hi + 1))
        units.append((kind, text.lstrip("#* ").strip()))
    return a["title"], units


class Page:
    """A document being written line by line, with its gold."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[str] = []
        self.articles: list[dict[str, Any]] = []
        self.furniture: list[int] = []

    def add(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    def furn(self, text: str) -> None:
        self.furniture.append(self.add(text))

    def article(self, title: str | None, **meta: Any) -> dict[str, Any]:
        a: dict[str, Any] = {
            "title": title,
            "subtitle": None,
            "authors": [],
            "date": None,
            "source": None,
            "title_lines": [],
            "meta_lines": [],
            "headings": [],
            "paragraphs": [],
            "captions": [],
            "ignore": [],
        }
        a.update(meta)
        self.articles.append(a)
        return a

    def save(self, name: str, kind: str, made_from: list[str], how: str) -> None:
        (DOCS / f"{name}.txt").write_text("\n".join(self.lines) + "\n", encoding="utf-8")
        gold = {
            "kind": kind,
            "generated": True,
            "made_from": made_from,
            "how": how,
            "articles": self.articles,
            "furniture": self.furniture,
        }
        (GOLD / f"{name}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


PUNCT_TO_ASCII = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}


def damage(text: str, rng: random.Random, rate: float) -> str:
    """Some full-width punctuation typed as ASCII, a few spaces between characters (OCR)."""
    out = []
    for ch in text:
        if ch in PUNCT_TO_ASCII and rng.random() < rate:
            ch = PUNCT_TO_ASCII[ch]
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate / 6:
            out.append(" ")
    return "".join(out)


def wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def paged(
    page: Page,
    pieces: list[tuple[dict[str, Any], str, str]],
    width: int,
    per_page: int,
    heads: list[str],
    first_page: int,
    rate: float,
) -> None:
    """Lay out (article, kind, text) pieces in pages of `per_page` lines; between pages a blank line,
    a running head (cycling through `heads`) and a page number, the way a scanned issue reads."""
    rng = page.rng
    number = first_page
    on_page = 0
    for article, kind, text in pieces:
        if kind == "title":
            n = page.add(text)
            article["title_lines"].append(n)
            on_page += 1
            continue
        body = damage(text, rng, rate)
        chunks = wrap("\u3000\u3000" + body, width) if kind == "paragraph" else [body]
        start = None
        for chunk in chunks:
            if on_page >= per_page:
                page.add("")
                page.furn(heads[(number - first_page) % len(heads)])
                page.furn(str(number) if number % 2 else f"·{number}·")
                page.add("")
                number += 1
                on_page = 0
            n = page.add(chunk)
            start = start or n
            on_page += 1
        end = len(page.lines)
        if kind == "heading":
            article["headings"].append(start)
        else:
            article["paragraphs"].append([start, end])


def gen_ocr(rng: random.Random) -> None:
    for i, (src, width, heads) in enumerate(
        [
            ("law_02", 24, ["工伤保险条例"]),
            ("law_06", 26, ["法律法规汇编"]),
            ("book_01", 22, ["三国演义"]),
        ],
        1,
    ):
        page = Page(rng)
        title, units = source_units(src)
        a = page.article(title)
        pieces = [(a, "title", title or "")] + [(a, k, t) for k, t in units]
        paged(page, pieces, width, 14, heads, 17 + 2 * i, 0.3)
        page.save(
            f"gen_ocr_{i:02d}",
            "ocr",
            [src],
            f"hard-wrapped at {width} columns, 14 lines a page, running head and page number between pages, punctuation and spaces damaged",
        )


def gen_periodical(rng: random.Random) -> None:
    plans = [
        (["law_04", "law_07"], ["法治视窗", "研究与交流"]),
        (["md_03", "md_04"], ["技术园地", "开源通讯"]),
        (["law_03", "law_01"], ["政策解读", "政策解读"]),
    ]
    for i, (sources, heads) in enumerate(plans, 1):
        page = Page(rng)
        pieces = []
        for src in sources:
            title, units = source_units(src)
            a = page.article(title)
            pieces.append((a, "title", title or ""))
            pieces += [(a, k, t) for k, t in units[:12]]
        paged(page, pieces, 25, 16, heads, 6 + 10 * i, 0.15)
        page.save(
            f"gen_periodical_{i:02d}",
            "periodical",
            sources,
            "two articles in 16-line pages; running heads are the column name and the periodical name; page numbers",
        )


def gen_briefs(rng: random.Random) -> None:
    plans = [
        [("law_01", 3), ("law_03", 2), ("law_07", 4), ("law_05", 2)],
        [("md_04", 3), ("md_03", 3), ("law_06", 2)],
    ]
    for i, plan in enumerate(plans, 1):
        page = Page(rng)
        page.furn(f"2022年1月{4 + i}日 星期{'二三'[i - 1]}")
        page.furn(f"第{i + 2}版 综合")
        page.add("")
        for src, count in plan:
            title, units = source_units(src)
            paragraphs = [t for k, t in units if k == "paragraph"][:count]
            credit = f"据《{title}》"
            a = page.article(title, source=credit)
            a["title_lines"].append(page.add(title or ""))
            for text in paragraphs:
                lines = wrap("\u3000\u3000" + damage(text, rng, 0.05), 30)
                start = len(page.lines) + 1
                for chunk in lines:
                    page.add(chunk)
                a["paragraphs"].append([start, len(page.lines)])
            a["meta_lines"].append(page.add(f"（{credit}）"))
        page.save(
            f"gen_briefs_{i:02d}",
            "briefs",
            [s for s, _ in plan],
            "briefs run together on one page: title line, hard-wrapped paragraphs, a closing credit line; no blank lines",
        )


DATES = {"law_01": ("2018-10-26", "全国人民代表大会常务委员会"), "law_03": ("2021-12-27", "最高人民法院"),
         "law_07": ("2008-07-17", "人力资源和社会保障部"), "law_05": ("2019-01-31", "上海市人民代表大会"),
         "law_06": ("2021-06-10", "全国人民代表大会常务委员会"), "law_02": ("2003-04-27", "国务院")}  # fmt: skip


def add_dated_articles(
    page: Page,
    plan: list[str],
    units_of: Callable[[str], tuple[str | None, list[tuple[str, str]]]],
    dates: dict[str, tuple[str, str]],
    max_units: int,
) -> None:
    """Several articles one after another, each under its own title and `来源：… 日期：…` line
    (shared with `heldout/make_heldout.py`, which plans other documents)."""
    for src in plan:
        title, units = units_of(src)
        date, source = dates[src]
        a = page.article(title, date=date, source=source)
        a["title_lines"].append(page.add(title or ""))
        a["meta_lines"].append(page.add(f"来源：{source}　日期：{date}"))
        page.add("")
        for kind, text in units[:max_units]:
            n = page.add(text)
            (a["headings"] if kind == "heading" else a["paragraphs"]).append(
                n if kind == "heading" else [n, n]
            )
            page.add("")
        page.add("")


def gen_multi(rng: random.Random) -> None:
    plans = [["law_01", "law_03", "law_07"], ["law_05", "law_06", "law_02"]]
    for i, plan in enumerate(plans, 1):
        page = Page(rng)
        add_dated_articles(page, plan, source_units, DATES, 8)
        page.save(
            f"gen_multi_{i:02d}",
            "multi",
            plan,
            "several articles one after another, each with its own title and source/date line",
        )


def gen_duplicate(rng: random.Random) -> None:
    """A scraper's file: one article saved twice in a row, then another; the second copy is furniture
    (it should be removed and reported, STYLE 6)."""
    page = Page(rng)
    for copy, src in enumerate(["law_07", "law_07", "law_01"]):
        title, units = source_units(src)
        date, source = DATES[src]
        lines = [title or "", f"{date} {source}", *(text for _, text in units[:6])]
        if copy == 1:
            for text in lines:
                page.furn(text)
                page.add("")
            continue
        a = page.article(title, date=date, source=source)
        a["title_lines"].append(page.add(lines[0]))
        page.add("")
        a["meta_lines"].append(page.add(lines[1]))
        page.add("")
        for text in lines[2:]:
            n = page.add(text)
            a["paragraphs"].append([n, n])
            page.add("")
    page.save(
        "gen_multi_03",
        "multi",
        ["law_07", "law_01"],
        "an article saved twice in a row by a scraper, then another article; the second copy is furniture",
    )


def gen_web(rng: random.Random) -> None:
    for i, src in enumerate(["law_03", "law_05", "law_07"], 1):
        page = Page(rng)
        title, units = source_units(src)
        date, source = DATES[src]
        page.furn("首页 | 新闻中心 | 政务公开 | 政策法规 | 办事服务 | 互动交流")
        page.furn(f"当前位置：首页 > 政策法规 > {'法规规章' if i % 2 else '规范性文件'} > 正文")
        page.add("")
        a = page.article(title, date=date, source=source)
        a["title_lines"].append(page.add(title or ""))
        a["meta_lines"].append(page.add(f"发布时间：{date}　来源：{source}　【字体：大 中 小】"))
        page.add("")
        for kind, text in units[:10]:
            n = page.add(text)
            (a["headings"] if kind == "heading" else a["paragraphs"]).append(
                n if kind == "heading" else [n, n]
            )
            if rng.random() < 0.5:
                page.add("")
        page.add("")
        page.furn(f"附件下载：{title}.doc")
        page.furn("【打印本页】【关闭窗口】")
        page.furn("扫一扫在手机打开当前页")
        page.furn("相关链接：")
        for link in ["全国人大", "中国政府网", "最高人民法院", "国家法律法规数据库"]:
            page.furn(link)
        page.furn("版权所有　网站标识码　备案号")
        page.save(
            f"gen_web_{i:02d}",
            "web",
            [src],
            "portal page: navigation bar, breadcrumb, title, date/source line, body, download note, print/close links, link list, footer",
        )


def main() -> None:
    rng = random.Random(SEED)
    gen_ocr(rng)
    gen_periodical(rng)
    gen_briefs(rng)
    gen_multi(rng)
    gen_duplicate(rng)
    gen_web(rng)


if __name__ == "__main__":
    main()
