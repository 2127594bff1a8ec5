"""Tables of contents: entries, author lines, sections, broken titles, where the TOC ends."""

from __future__ import annotations

from furniture_helpers import raw_furniture

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.furniture.strip import strip_furniture
from zhclean.tasks.stages.furniture.toc import find_toc
from zhclean.tasks.stages.ingest import split_lines

# A TOC written for these tests: two sections, an entry broken over two lines,
# an author line with a stray OCR bar, dot leaders, then an article.
TOC_DOC = """本期目录

特别策划

03 山城夜话

/ 文化馆 陈晓

06 一条老街的

四季变迁

/ 城建档案室 林木 |

读者来信

09 写给远方的朋友

小镇的清晨 …… 12

旧货市场的老钟表匠

他每天清晨六点开门，先给每只钟上一遍发条。
"""


def test_entries_pages_authors_and_sections() -> None:
    found = find_toc(split_lines(TOC_DOC), set())
    toc = found.metadata["toc"]
    assert [e["page"] for e in toc] == [3, 6, 9, 12]
    assert toc[0] == {
        "page": 3,
        "title": "山城夜话",
        "author": "文化馆 陈晓",
        "section": "特别策划",
        "line": 5,
    }
    assert toc[2]["section"] == "读者来信" and toc[2]["author"] is None


def test_title_broken_over_two_lines_is_joined() -> None:
    toc = find_toc(split_lines(TOC_DOC), set()).metadata["toc"]
    assert toc[1]["title"] == "一条老街的四季变迁"
    assert toc[1]["author"] == "城建档案室 林木"


def test_dot_leaders_and_stray_bar_are_dropped_with_an_edit() -> None:
    found = find_toc(split_lines(TOC_DOC), set())
    assert found.metadata["toc"][3]["title"] == "小镇的清晨"
    assert [(e.kind, e.before) for e in found.edits] == [("furniture.toc_stray_glyph", "|")]


def test_toc_ends_where_entries_stop() -> None:
    out = strip_furniture(split_lines(TOC_DOC), Options())
    kept = [ln.text for ln in out.lines if ln.text.strip()]
    assert kept == ["旧货市场的老钟表匠", "他每天清晨六点开门，先给每只钟上一遍发条。"]
    assert [r.text for r in out.removed] == ["本期目录"]


def test_a_single_numbered_line_is_not_a_toc() -> None:
    doc = "目录\n\n01 只有一条\n\n这是正文的第一段，写得很长，并且以句号结尾。\n"
    assert find_toc(split_lines(doc), set()).metadata == {}


def test_no_heading_no_toc() -> None:
    doc = "03 山城夜话\n/ 文化馆 陈晓\n06 一条老街\n"
    assert find_toc(split_lines(doc), set()).claims == []


def test_raw_periodical_toc() -> None:
    out = raw_furniture("000")
    toc = out.metadata["toc"]
    assert len(toc) == 25
    assert [e["page"] for e in toc][:4] == [1, 4, 7, 9]
    assert toc[0]["section"] == "卷首语" and toc[0]["author"] is None
    assert toc[2]["author"] == "昌邑区东局子街道党工委"
    assert toc[-1]["page"] == 47 and toc[-1]["line"] == 148
    assert all(isinstance(e["line"], int) and e["title"] for e in toc)
    left = {ln.number for ln in out.lines if ln.text.strip()}
    assert not left & set(range(41, 151)), "a TOC line stayed in the body"
