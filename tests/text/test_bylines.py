"""Bylines and news leads: labels and names, and the news-lead pattern defined once."""

from hypothesis import given
from hypothesis import strategies as st

from zhclean.tasks.text import bylines


def test_credit_names_read_labels_and_names() -> None:
    assert bylines.credit_names("文/图 本报记者 张三 通讯员 李 四") == ["张三", "李四"]
    assert bylines.credit_names("记者们都来了") is None
    assert bylines.credit_names("记者张三通讯员李四", bare=True) == ["张三", "李四"]


def test_every_news_lead_pattern_is_built_from_the_one_own_lead() -> None:
    for pattern in (bylines.NEWS_LEAD, bylines.LEAD_OPENING, bylines.LEAD_CREDIT):
        assert bylines.OWN_LEAD in pattern.pattern
    assert bylines.NEWS_LEAD.match("本台讯 某地") and bylines.NEWS_LEAD.match("新华社北京5月6日电")
    assert bylines.LEAD_OPENING.match("本报某地电") and not bylines.LEAD_OPENING.match("新华社北京电")
    m = bylines.LEAD_CREDIT.match("本刊讯（记者 张三）正文")
    assert m and m.group("names") == "记者 张三"


def test_bare_lead_credit_needs_a_body_after_it() -> None:
    text = "本报讯 记者 张三 近日，某镇举办了运动会。"
    start, end, body = bylines.bare_lead_credit(text) or (0, 0, 0)
    assert (text[start:end], text[body:]) == ("记者 张三", "近日，某镇举办了运动会。")
    assert bylines.bare_lead_credit("本报讯 记者 张三") is None


def test_a_slash_closes_a_label_and_labels_run_together_only_when_each_is_one() -> None:
    assert bylines.credit_names("文/张三") == ["张三"]
    assert bylines.credit_names("文／本报记者 张三") == ["张三"]
    assert bylines.credit_names("摄影记者 张三") == ["张三"]
    assert bylines.credit_names("图文并茂/好看") is None
    assert bylines.credit_names("张三/李四") is None
    assert bylines.credit_names("文/本报记者 张三图/李四") == ["张三", "李四"]  # `　图/` lost its space


def test_a_lead_standing_on_a_byline_line_is_read_with_it() -> None:
    assert bylines.lead_byline("本报讯 记者 张三") == ["张三"]
    assert bylines.lead_byline("本报讯（记者 张三 通讯员 李四）") == ["张三", "李四"]
    assert bylines.lead_byline("本报讯 日前，某镇举办了运动会。") is None
    assert bylines.lead_byline("记者 张三") is None


def test_byline_on_the_title_line() -> None:
    assert bylines.title_line_credit("小巷里过上好日子文/张三", 6) == ("小巷里过上好日子", ["张三"])
    assert bylines.title_line_credit("河边的读书会 本报记者 李四", 6) == ("河边的读书会", ["李四"])
    assert bylines.title_line_credit("河边的读书会 张三 李四", 6) == ("河边的读书会", ["张三", "李四"])
    assert bylines.title_line_credit("河边读书会 张三", 6) is None
    assert bylines.title_line_credit("河边的读书会 共克时艰", 6) is None
    assert bylines.title_line_credit("河边的读书会", 6) is None


def test_what_wraps_or_closes_a_credit_is_no_name() -> None:
    assert bylines.credit_names("记者 张三 报道") == ["张三"]
    assert bylines.credit_names("本报记者 张三 李四 摄影报道") == ["张三", "李四"]
    assert bylines.credit_names("□ 本报记者 张三") == ["张三"]
    assert bylines.credit_names("【作者：张三】") == ["张三"]
    assert bylines.credit_names("作者：张三（某某大学）") == ["张三"]
    assert bylines.credit_names("作者 | 张三") == ["张三"]
    assert bylines.credit_names("记者 摄") is None
    assert bylines.credit_names("编者按：这是一段话") is None


def test_a_credit_loses_only_the_words_or_brackets_that_close_it() -> None:
    assert bylines.unwrapped("记者 张三 采写") == "记者 张三"
    assert bylines.unwrapped("记者 张三 整理 ") == "记者 张三"
    assert bylines.unwrapped("图 张三摄") == "图 张三"
    assert bylines.unwrapped("作者：张三 (某某大学)") == "作者：张三"
    assert (
        bylines.unwrapped("作者：张三（某某大学）报道") == "作者：张三（某某大学）"
    )  # only the word: it comes last
    assert bylines.unwrapped("记者 张三（某）") == "记者 张三（某）"  # one character is no affiliation
    assert bylines.unwrapped("记者 张三 报道。") == "记者 张三 报道。"  # a sentence, not a credit's end
    assert bylines.unwrapped("报道") == "报道"  # nothing would be left
    assert bylines.unwrapped("【记者 张三】") == "记者 张三"


@given(st.text(alphabet="□【】[] \n\u3000张三记者报道（）", max_size=10))
def test_unwrapping_skips_only_texts_the_wrapper_pattern_leaves_alone(text: str) -> None:
    # what the pattern alone makes of the text, tried at every character
    assert bylines.unwrapped(text) == _closer_cut(bylines.WRAPPER.sub("", text).strip())


def _closer_cut(t: str) -> str:
    m = bylines.CLOSER.search(t)
    return t[: m.start()] if m and m.start() > 0 else t


def test_unwrapping_by_hand() -> None:
    assert bylines.unwrapped("□ 本报记者 张三") == "本报记者 张三"
    assert bylines.unwrapped("【作者：李四】") == "作者：李四"
    assert bylines.unwrapped("记者 王五 报道") == "记者 王五"
    assert bylines.unwrapped("张三") == "张三"
