"""Dates in both calendars: Chinese numerals, ROC years, whole date lines, a law's history kept whole."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.model import Line
from zhclean.tasks.pipeline.accounting import cjk_counter, strings_in
from zhclean.tasks.stages.furniture import dates
from zhclean.tasks.stages.furniture.law_history import find_law_history


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("104", 104),
        ("一百零四", 104),
        ("一〇四", 104),
        ("八十四", 84),
        ("一百十二", 112),
        ("十", 10),
        ("二十八", 28),
        ("两千", 2000),
        ("二〇二六", 2026),
        ("十二月", None),
        ("", None),
    ],
)
def test_chinese_numerals_are_read_by_digits_and_units(text: str, value: int | None) -> None:
    assert dates.number(text) == value


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("115年05月16日", "2026-05-16"),
        ("99年5月26日", "2010-05-26"),
        ("中华民国一百零四年七月一日", "2015-07-01"),
        ("中華民國八十四年八月十一日", "1995-08-11"),
        ("民国99年5月26日", "2010-05-26"),
        ("2026年5月16日", "2026-05-16"),
        ("二〇二六年五月十六日", "2026-05-16"),
        ("2026-05-16", "2026-05-16"),
        ("2026/5/16", "2026-05-16"),
        (" 115年05月16日 ", "2026-05-16"),
        ("115年13月16日", None),
        ("115年05月16日 星期六", None),
        ("115年05月16日，总统出席典礼", None),
        ("2026年5月", None),
    ],
)
def test_a_whole_date_line_is_read_in_its_calendar(line: str, iso: str | None) -> None:
    assert dates.whole_date(line) == iso


def test_a_wrapped_note_is_kept_whole_in_metadata_with_every_character() -> None:
    texts = [
        "某某县图书馆条例",
        "1.中华民国一百零三年五月二十日县政府令制定公布全文 12 条",
        "2.中华民国一百零九年一月八日县政府令修正公布第 3、5 条条文；",
        "  并自公布日施行",
        "  中华民国一百零九年二月一日县政府令发布定自同年三月一日施行",
        "",
        "第 1 条",
    ]
    lines = [Line(t, n) for n, t in enumerate(texts, 1)]
    found = find_law_history(lines, set())
    assert [c.index for c in found.claims] == [1, 2, 3, 4]
    history = found.metadata["law_history"]
    assert [(h["line"], h["date"]) for h in history] == [
        (2, "2014-05-20"),
        (3, "2020-01-08"),
        (5, "2020-02-01"),
    ]
    assert history[1]["text"] == "2.中华民国一百零九年一月八日县政府令修正公布第 3、5 条条文；并自公布日施行"
    assert cjk_counter(strings_in(found.metadata)) == cjk_counter(texts[1:5])
