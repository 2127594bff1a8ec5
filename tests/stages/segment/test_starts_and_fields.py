"""Segment helpers at the edges of a document, each written from what it means (cases that
mutation testing found untested: the first pair of blocks, the line right under a heading,
the first of two articles, a TOC title that is the heading and its subtitle)."""

from __future__ import annotations

from zhclean.tasks.core.model import Article, Block, Edit
from zhclean.tasks.stages.segment.article_fields import apply_toc
from zhclean.tasks.stages.segment.article_starts import after_text
from zhclean.tasks.stages.segment.credits import page_authors
from zhclean.tasks.stages.segment.header import date_line
from zhclean.tasks.stages.segment.starts import repeated_removed_line, signed_end_starts

FINISHED = "今年以来，某县新建三座口袋公园，为市民提供了休闲健身的好去处。"


def test_a_heading_right_after_the_first_block_stands_after_text() -> None:
    blocks = [Block("paragraph", FINISHED, 1, 1), Block("heading", "某镇完成春耕", 3, 3)]
    assert after_text(blocks, 1)
    assert not after_text(blocks, 0)  # the first block has nothing before it


def test_a_heading_right_after_a_signed_first_paragraph_opens_an_article() -> None:
    blocks = [
        Block("paragraph", "公园里还配备了健身器材和儿童游乐设施。（李四）", 1, 1),
        Block("heading", "某镇完成春耕", 3, 3),
        Block("paragraph", "眼下，某镇已完成春耕备耕工作，各类农资储备充足。", 5, 5),
    ]
    assert signed_end_starts(blocks) == [1]


def test_a_removed_line_right_under_two_headings_is_their_repeated_line() -> None:
    blocks = [
        Block("heading", "关雎", 1, 1),
        Block("paragraph", "关关雎鸠，在河之洲。窈窕淑女，君子好逑。", 3, 3),
        Block("heading", "葛覃", 4, 4),
        Block("paragraph", "葛之覃兮，施于中谷，维叶萋萋。", 6, 6),
    ]
    removed = {2: "国风·周南", 5: "国风·周南"}
    assert repeated_removed_line(blocks, removed) == {0: "国风·周南", 2: "国风·周南"}


def test_the_pages_authors_go_to_the_first_article_only_when_it_names_none() -> None:
    def articles(first: list[str], second: list[str]) -> list[Article]:
        return [
            Article("a1", "x.txt", "某县新建三座公园", authors=first),
            Article("a2", "x.txt", "某镇完成春耕", authors=second),
        ]

    edits: list[Edit] = []
    unsigned_first = articles([], ["李四"])
    page_authors(unsigned_first, {"authors": ["王明"]}, edits)
    assert [a.authors for a in unsigned_first] == [["王明"], ["李四"]]
    signed_first = articles(["张三"], [])
    page_authors(signed_first, {"authors": ["王明"]}, edits)
    assert [a.authors for a in signed_first] == [["张三"], []]
    assert len(edits) == 1


def test_a_date_line_needs_a_day_of_the_month() -> None:
    assert date_line(Block("paragraph", "2008-07-31 某某部", 1, 1)) == ("2008-07-31", "某某部")
    assert date_line(Block("paragraph", "2008-07-32 某某部", 1, 1)) is None
    assert date_line(Block("paragraph", "2008-07-00 某某部", 1, 1)) is None


def test_a_toc_title_that_is_the_heading_and_its_subtitle_is_no_variant() -> None:
    article = Article("a1", "x.txt", "守护一方水土", subtitle="——记某县护林员")
    apply_toc(article, {"title": "守护一方水土——记某县护林员", "page": 3})
    assert article.title_variants == []
    other = Article("a2", "x.txt", "守护一方水土", subtitle="——记某县护林员")
    apply_toc(other, {"title": "守护青山绿水", "page": 3})
    assert other.title_variants == ["守护青山绿水"]
