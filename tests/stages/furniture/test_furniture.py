"""Running heads, page numbers, section labels, and the furniture stage as a whole."""

from __future__ import annotations

from collections import Counter

import pytest
from furniture_helpers import raw_furniture, raw_lines, text_of

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.pipeline.accounting import cjk_counter, strings_in
from zhclean.tasks.stages.furniture.running_heads import split_head
from zhclean.tasks.stages.furniture.section_labels import parse_label
from zhclean.tasks.stages.furniture.strip import Furniture, strip_furniture
from zhclean.tasks.stages.ingest import split_lines


def page(number: int, body: str, head: str = "山野杂志") -> str:
    """One page of an invented periodical: body, then a footer with page number and date."""
    footer = f"{number} {head} 2031.4" if number % 2 == 0 else f"2031.4 {head} {number}"
    return f"{body}\n\n{footer}\n\n"


def lost(lines: list[Line], out: Furniture) -> Counter[str]:
    """CJK characters of the input that are neither in the body, the metadata nor a removed record."""
    balance = cjk_counter(ln.text for ln in lines)
    balance.subtract(cjk_counter(ln.text for ln in out.lines))
    balance.subtract(cjk_counter(strings_in(out.metadata)))
    balance.subtract(cjk_counter(r.text for r in out.removed))
    return +balance


def test_running_footers_with_page_numbers_go() -> None:
    doc = (
        page(12, "春天来了，山上的杜鹃花都开了，他们")
        + page(13, "一早就出发去看花。")
        + page(14, "回来时天已经黑了。")
    )
    lines = split_lines(doc)
    out = strip_furniture(lines, Options())
    assert text_of(out.lines) == [
        "春天来了，山上的杜鹃花都开了，他们",
        "一早就出发去看花。",
        "回来时天已经黑了。",
    ]
    assert out.metadata["running_heads"] == ["山野杂志"]
    assert [m["page"] for m in out.metadata["page_marks"]] == [12, 13, 14]
    assert {r.reason for r in out.removed} == {"furniture.running_head"}
    assert not lost(lines, out)


def test_plain_repeated_head_needs_spread_and_no_byline() -> None:
    filler = "\n\n".join(f"这是第{n}段正文，写得足够长，以句号结尾。" for n in range(6))
    doc = "\n\n".join(["城乡周刊", filler, "城乡周刊", filler, "城乡周刊", filler])
    out = strip_furniture(split_lines(doc), Options())
    assert "城乡周刊" not in text_of(out.lines)
    bylines = "\n\n".join(["本报记者 苏小禾", filler, "本报记者 苏小禾", filler, "本报记者 苏小禾", filler])
    assert text_of(strip_furniture(split_lines(bylines), Options()).lines).count("本报记者 苏小禾") == 3


def test_a_heading_repeated_once_is_not_a_running_head() -> None:
    doc = "小结\n\n第一部分的正文。\n\n小结\n\n第二部分的正文。\n"
    assert text_of(strip_furniture(split_lines(doc), Options()).lines).count("小结") == 2


def test_bare_page_numbers_go() -> None:
    doc = "他们每天准时\n\n- 7 -\n\n到岗值守。\n\n第 8 页\n\n2031年有很多事要做。\n"
    out = strip_furniture(split_lines(doc), Options())
    assert text_of(out.lines) == ["他们每天准时", "到岗值守。", "2031年有很多事要做。"]
    assert [r.reason for r in out.removed] == ["furniture.page_number"] * 2


def test_split_head() -> None:
    assert split_head("48 山野杂志 2031.4") == ("山野杂志", 48, True)
    assert split_head("2031年第4期 山野杂志 9") == ("山野杂志", 9, True)
    assert split_head("山野杂志") == ("山野杂志", None, False)


def test_section_label_with_pinyin() -> None:
    doc = "\n\n乡村振兴 XIANGCUN\n\n# 一个村子的新路\n\n正文第一段。\n\n下载APP\n\n使用 APP 很方便\n"
    out = strip_furniture(split_lines(doc), Options())
    assert out.metadata["section_labels"] == [{"line": 3, "text": "乡村振兴", "latin": "XIANGCUN"}]
    assert text_of(out.lines) == ["# 一个村子的新路", "正文第一段。", "下载APP", "使用 APP 很方便"]
    assert parse_label("ZHUANLAN 专栏文章") == ("专栏文章", "ZHUANLAN")
    assert out.removed == []


def test_raw_newspaper_section_labels() -> None:
    out = raw_furniture("002")
    labels = out.metadata["section_labels"]
    assert [(s["line"], s["latin"]) for s in labels] == [(3, "GUANCHAO"), (107, "ZHITONGCHE")]
    assert labels[0]["text"].endswith("观察")
    assert all(not t.endswith(("GUANCHAO", "ZHITONGCHE")) for t in text_of(out.lines))
    assert text_of(out.lines).count("本报记者 王云峰") == 2


def test_raw_periodical_running_footer() -> None:
    out = raw_furniture("000")
    assert out.metadata["page_marks"] == [{"line": 926, "page": 48}]
    assert len(out.metadata["running_heads"]) == 1
    assert [r.line for r in out.removed if r.reason == "furniture.running_head"] == [11, 926]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_nothing_lost_on_raw_files(prefix: str) -> None:
    lines = list(raw_lines(prefix))
    assert not lost(lines, strip_furniture(lines, Options()))


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_documents_without_furniture_are_untouched(prefix: str) -> None:
    lines = list(raw_lines(prefix))
    out = strip_furniture(lines, Options())
    assert out.lines == lines and out.removed == [] and out.metadata == {}


def test_everything_can_be_switched_off() -> None:
    lines = list(raw_lines("000"))
    out = strip_furniture(lines, Options(disabled_rules=frozenset({"furniture."})))
    assert out.lines == lines and out.metadata == {}


def test_a_page_number_with_a_zero_width_space_is_a_page_number() -> None:
    """Found by the fuzz test: `٠` + U+200B stayed as an article until a second pass removed it."""
    from zhclean.tasks.pipeline.run import run_until

    state = run_until("他来了。\n12\u200b\n她走了。".encode(), "x.txt", until="furniture")
    assert [ln.text for ln in state.lines] == ["他来了。", "她走了。"]
    assert [(r.text, r.reason) for r in state.document.removed] == [("12\u200b", "furniture.page_number")]


def test_a_switched_off_detector_leaves_no_metadata_behind() -> None:
    """The dateline stays in the body when its rule is off, and so do its date and source."""
    from zhclean.tasks.pipeline.run import run_until

    web = "来源：人民网 2021-05-06 08:30\n正文第一段写在这里。\n".encode()
    on = run_until(web, "x.txt", until="furniture")
    off = run_until(
        web, "x.txt", Options(disabled_rules=frozenset({"furniture.dateline"})), until="furniture"
    )
    assert (on.metadata, [ln.text for ln in on.lines]) == (
        {"date": "2021-05-06T08:30", "source": "人民网"},
        ["正文第一段写在这里。", ""],
    )
    assert (off.metadata, [ln.text for ln in off.lines]) == (
        {},
        ["来源：人民网 2021-05-06 08:30", "正文第一段写在这里。", ""],
    )
