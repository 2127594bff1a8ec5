"""Document title and date derived from furniture metadata and the articles."""

from __future__ import annotations

from zhclean.tasks.core.model import Article
from zhclean.tasks.stages.segment.document_meta import document_title, fill_document_fields, publication_date


def _article(title: str, date: str | None = None) -> Article:
    return Article(id="x-001", source="x.txt", title=title, date=date)


def test_a_periodical_is_named_by_title_and_issue_without_ocr_spaces():
    meta = {"periodical": "山河月刊", "issue": {"text": "2031 年第 7 期", "number": 7}}
    assert document_title(meta, [_article("开篇")]) == "山河月刊 2031年第7期"


def test_a_series_page_is_named_by_its_series_then_lead_article():
    assert document_title({"series": [{"title": "春天的故事", "line": 2}]}, [_article("甲")]) == "春天的故事"
    assert document_title({}, [_article("头条新闻"), _article("次条")]) == "头条新闻"
    assert document_title({}, []) is None


def test_dateline_wins_then_masthead_publication_date():
    assert publication_date({"date": "2031-01-02"}) == "2031-01-02"
    assert publication_date({"masthead": {"出刊": "2031年11月"}}) == "2031-11"
    assert publication_date({"masthead": {"出版日期": "2031.3.9"}}) == "2031-03-09"
    assert publication_date({"masthead": {"出刊": "第13月"}}) is None
    assert publication_date({"masthead": {"电话": "0431-1234567"}}) is None


def test_articles_inherit_the_document_date_but_keep_their_own():
    own, plain = _article("甲", "2031-02-03"), _article("乙")
    found = fill_document_fields({"masthead": {"出刊": "2031年4月"}}, [own, plain])
    assert found == {"title": "甲", "date": "2031-04"}
    assert (own.date, plain.date) == ("2031-02-03", "2031-04")
