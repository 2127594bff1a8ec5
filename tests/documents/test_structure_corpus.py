"""The shape of the result on the five raw documents: article counts, titles, authors, accounting."""

from functools import cache

import pytest
from paths import RAW

from zhclean.tasks.core.model import Document
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document


@cache
def doc(prefix: str) -> Document:
    path = next(RAW.glob(f"{prefix}_*.txt"))
    return normalize_document(path.read_bytes(), path.name)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_cjk_character_is_accounted_for(prefix: str) -> None:
    path = next(RAW.glob(f"{prefix}_*.txt"))
    missing = unaccounted(path.read_text(encoding="utf-8", errors="replace"), doc(prefix))
    assert not missing, describe(missing)


def test_periodical_has_editorial_plus_toc_articles() -> None:
    d = doc("000")
    assert len(d.articles) == len(d.metadata.get("toc", [])) == 25
    assert d.articles[0].title == "坚持“动态清零”总方针不动摇"
    assert d.articles[1].subtitle == "吉林市坚持党建引领打好打赢疫情防控歼灭战"
    assert d.articles[2].authors == ["昌邑区东局子街道党工委"]
    variants = [a for a in d.articles if a.title_variants]
    assert variants and all(a.page for a in d.articles)


def test_web_page_is_one_article_with_title_and_subtitle() -> None:
    (a,) = doc("001").articles
    assert a.title == "战“疫”一线党旗飘扬"
    assert a.subtitle and a.subtitle.endswith("纪实")
    assert sum(b.type == "heading" for b in a.blocks) >= 5


def test_newspaper_page_articles_and_short_items() -> None:
    arts = doc("002").articles
    assert len(arts) == 7
    assert arts[0].authors == ["王云峰"] and arts[0].subtitle
    assert arts[1].subtitle.startswith("记")
    assert arts[2].authors == ["忠言"]
    assert [len(a.authors) for a in arts[3:]] == [1, 1, 1, 1]
    assert sum(b.type == "caption" for a in arts for b in a.blocks) == 3


def test_feature_page_series_with_captions_attached() -> None:
    arts = doc("003").articles
    assert len(arts) == 5
    assert len({a.series for a in arts}) == 1 and arts[0].series
    assert all(a.subtitle and a.subtitle.startswith("记") for a in arts)
    assert [sum(b.type == "caption" for b in a.blocks) for a in arts] == [1, 1, 1, 1, 1]


def test_converted_web_article_is_one_article_with_captions() -> None:
    (a,) = doc("004").articles
    assert a.title.startswith("到社区去")
    assert sum(b.type == "caption" for b in a.blocks) == 3
    assert sum(b.type == "heading" for b in a.blocks) == 3
