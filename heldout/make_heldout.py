"""Generated documents of the held-out set: the real held-out documents under `heldout/docs/` laid
out the way print, OCR and web pages do, by the building blocks of `devset/make_damaged.py`
(`Page`, `paged`, `damage`, `wrap`, `source_units`, imported, not copied) with new seeds and new
plans. The gold of each is written from the same layout decisions, never from zhclean's output.

    python heldout/make_heldout.py     # rewrites heldout/docs/gen_*.txt and heldout/gold/gen_*.json
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "devset"))

import make_damaged as md  # noqa: E402

# The building blocks read and write the documents of the set they are pointed at.
md.DOCS = HERE / "docs"
md.GOLD = HERE / "gold"
SEED = 20261130
#: Held-out documents that moved to `devset/` (a fix was made from them), by their new names there:
#: a generated document made from one still reads its words, now from the development set.
MOVED = {"md_01": "md_13", "book_03": "book_04"}
DATES = {"law_01": ("2015-12-27", "全国人民代表大会常务委员会"), "law_02": ("2019-04-23", "国务院"),
         "law_03": ("2004-05-19", "总统府")}  # fmt: skip


def gen_ocr(rng: random.Random) -> None:
    page = md.Page(rng)
    title, units = source_units("law_01")
    a = page.article(title)
    md.paged(
        page, [(a, "title", title or "")] + [(a, k, t) for k, t in units], 23, 13, ["反家庭暴力法"], 41, 0.3
    )
    page.save(
        "gen_ocr_01",
        "ocr",
        ["law_01"],
        "hard-wrapped at 23 columns, 13 lines a page, running head and page number between pages, punctuation and spaces damaged",
    )


def gen_periodical(rng: random.Random) -> None:
    page = md.Page(rng)
    pieces = []
    for src in ["book_03", "law_02"]:
        title, units = source_units(src)
        a = page.article(title)
        pieces.append((a, "title", title or ""))
        pieces += [(a, k, t) for k, t in units[:10]]
    md.paged(page, pieces, 27, 15, ["文史天地", "读书与生活"], 33, 0.15)
    page.save(
        "gen_periodical_01",
        "periodical",
        ["book_03", "law_02"],
        "two articles in 15-line pages at 27 columns; running heads are the column name and the periodical name; page numbers",
    )


def source_units(src: str) -> tuple[str | None, list[tuple[str, str]]]:
    """`md.source_units` of a held-out document, or of the devset document it became."""
    if src not in MOVED:
        return md.source_units(src)
    md.DOCS, md.GOLD = HERE.parent / "devset" / "docs", HERE.parent / "devset" / "gold"
    try:
        return md.source_units(MOVED[src])
    finally:
        md.DOCS, md.GOLD = HERE / "docs", HERE / "gold"


def gen_briefs(rng: random.Random) -> None:
    page = md.Page(rng)
    page.furn("2023年3月15日 星期三")
    page.furn("第6版 要闻")
    page.add("")
    plan = [("law_02", 2), ("md_01", 2), ("law_01", 3), ("law_03", 2)]
    for src, count in plan:
        title, units = source_units(src)
        credit = f"据《{title}》"
        a = page.article(title, source=credit)
        a["title_lines"].append(page.add(title or ""))
        for text in [t for k, t in units if k == "paragraph"][:count]:
            start = len(page.lines) + 1
            for chunk in md.wrap("\u3000\u3000" + md.damage(text, rng, 0.05), 28):
                page.add(chunk)
            a["paragraphs"].append([start, len(page.lines)])
        a["meta_lines"].append(page.add(f"（{credit}）"))
    page.save(
        "gen_briefs_01",
        "briefs",
        [s for s, _ in plan],
        "briefs run together on one page: title line, hard-wrapped paragraphs at 28 columns, a closing credit line; no blank lines",
    )


def gen_multi(rng: random.Random) -> None:
    page = md.Page(rng)
    plan = ["law_02", "law_03", "law_01"]
    md.add_dated_articles(page, plan, source_units, DATES, 7)
    page.save(
        "gen_multi_01",
        "multi",
        plan,
        "several articles one after another, each with its own title and source/date line",
    )


def gen_web(rng: random.Random) -> None:
    src = "law_01"
    page = md.Page(rng)
    title, units = source_units(src)
    date, source = DATES[src]
    page.furn("网站首页 | 机构概况 | 新闻动态 | 法律法规 | 公告公示 | 联系我们")
    page.furn("您现在的位置：首页 > 法律法规 > 社会法 > 正文")
    page.add("")
    a = page.article(title, date=date, source=source)
    a["title_lines"].append(page.add(title or ""))
    a["meta_lines"].append(page.add(f"发布日期：{date}　来源：{source}　浏览次数：1523　【字号：大 中 小】"))
    page.add("")
    for kind, text in units[:9]:
        n = page.add(text)
        (a["headings"] if kind == "heading" else a["paragraphs"]).append(n if kind == "heading" else [n, n])
        if rng.random() < 0.5:
            page.add("")
    page.add("")
    page.furn("【打印】【收藏】【关闭】")
    page.furn("上一篇：公共场所卫生管理条例")
    page.furn("下一篇：中央法规标准法")
    page.furn("友情链接：")
    for link in ["中国人大网", "国家法律法规数据库", "司法部", "全国妇联"]:
        page.furn(link)
    page.furn("主办单位：某某市司法局　版权所有")
    # Moved to devset/ as gen_web_04 (the navigation bar rule was made from it): written there.
    md.DOCS, md.GOLD = HERE.parent / "devset" / "docs", HERE.parent / "devset" / "gold"
    page.save(
        "gen_web_04",
        "web",
        [src],
        "portal page: navigation bar, breadcrumb, title, date/source/view-count line, body, print links, previous/next links, link list, footer",
    )
    md.DOCS, md.GOLD = HERE / "docs", HERE / "gold"


def main() -> None:
    rng = random.Random(SEED)
    gen_ocr(rng)
    gen_periodical(rng)
    gen_briefs(rng)
    gen_multi(rng)
    gen_web(rng)


if __name__ == "__main__":
    main()
