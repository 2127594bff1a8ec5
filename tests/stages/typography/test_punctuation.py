"""Punctuation rules (STYLE.md section 2): each rule, each exception where ASCII stays ASCII."""

from __future__ import annotations

import pytest

from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.blocks import typeset_text


def fix(text: str, block_type: str = "paragraph", options: Options | None = None) -> str:
    return typeset_text(text, block_type, options or Options(), 1)[0]


def kinds(text: str, block_type: str = "paragraph") -> set[str]:
    return {e.kind for e in typeset_text(text, block_type, Options(), 1)[1]}


@pytest.mark.parametrize(
    ("raw", "clean", "rule"),
    [
        ("我们去公园,然后回家。", "我们去公园，然后回家。", "punct.fullwidth_comma"),
        ("他说:明天见。", "他说：明天见。", "punct.fullwidth_colon"),
        ("天晴了;风停了。", "天晴了；风停了。", "punct.fullwidth_semicolon"),
        ("你吃饭了吗?", "你吃饭了吗？", "punct.fullwidth_question"),
        ("太好了!", "太好了！", "punct.fullwidth_exclamation"),
        ("会议在礼堂(二楼)举行。", "会议在礼堂（二楼）举行。", "punct.fullwidth_parens"),
        ("文件已经送达.", "文件已经送达。", "punct.fullwidth_period"),
    ],
)
def test_half_width_mark_touching_chinese_becomes_full_width(raw: str, clean: str, rule: str) -> None:
    assert fix(raw) == clean
    assert rule in kinds(raw)


def test_corpus_snippets() -> None:
    assert fix("习近平总书记强调,要坚持人民至上、生命至上,坚持外防输入") == (
        "习近平总书记强调，要坚持人民至上、生命至上，坚持外防输入"
    )
    assert fix("做好疫情防控工作,直接关系经济社会大局稳定;保持经济社会大局稳定") == (
        "做好疫情防控工作，直接关系经济社会大局稳定；保持经济社会大局稳定"
    )
    assert fix("社区(村)") == "社区（村）"
    assert (
        fix("县人社中心在职党员李娇阳(左二)到新弘国际社区")
        == "县人社中心在职党员李娇阳（左二）到新弘国际社区"
    )


def test_marks_across_spaces_and_in_runs() -> None:
    assert fix("怎么办 ?!") == "怎么办？！"
    assert fix("真的吗??") == "真的吗？？"
    assert fix("他来了 , 我们走吧") == "他来了，我们走吧"


def test_mark_after_a_quote_sees_the_chinese_inside() -> None:
    assert fix('这是"大事"!') == "这是“大事”！"
    assert fix('他喊"冲啊"!!') == "他喊“冲啊”！！"


@pytest.mark.parametrize(
    "text",
    [
        "全市有1,200名志愿者",  # thousands separator
        "上午10:52发布",  # time
        "比分是3:1",  # ratio
        "共3.9万人参加",  # decimal
        "2022.2出版",  # date
        "电话0432-62010336",  # phone number
        "信箱abc.def@163.com",  # e-mail
        "实行1+5+X模式",  # formula
        "下载APP使用",  # Latin word
        "He said: yes, of course! Really?",  # an ASCII sentence
    ],
)
def test_ascii_stays_where_it_belongs(text: str) -> None:
    assert fix(text) == text


def test_url_keeps_its_ascii_marks_but_the_sentence_mark_after_it_converts() -> None:
    assert fix("详见https://example.org/a?b=1,c=2,然后") == "详见https://example.org/a?b=1,c=2，然后"
    assert fix("网址:www.example.cn/x;y") == "网址：www.example.cn/x;y"


def test_email_followed_by_sentence_end() -> None:
    assert fix("请发邮件到tip@example.com.") == "请发邮件到tip@example.com."


def test_mark_between_chinese_and_number_converts() -> None:
    assert fix("时间:10:52") == "时间：10:52"
    assert fix("共3个,分别是") == "共3个，分别是"


def test_parentheses_in_ascii_context_stay() -> None:
    assert fix("函数f(x)的值") == "函数f(x)的值"
    assert fix("Windows (XP) only") == "Windows (XP) only"


def test_parentheses_touching_chinese_convert_even_around_digits() -> None:
    assert fix("(1)加强领导") == "（1）加强领导"
    assert fix("见附件(2)") == "见附件（2）"


def test_parentheses_mixed_half_and_full_width_pair_up() -> None:
    assert fix("我们(大家）一起") == "我们（大家）一起"
    assert fix("我们（大家)一起") == "我们（大家）一起"


def test_lone_parenthesis_next_to_chinese_converts() -> None:
    assert fix("注释)说明") == "注释）说明"


def test_nested_parentheses() -> None:
    assert fix("会议(第二次(扩大))召开") == "会议（第二次（扩大））召开"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("﹐", "，"),
        ("﹔", "；"),
        ("﹖", "？"),
        ("﹒", "。"),
        ("﹕", "："),
        ("﹗", "！"),
        ("︽", "《"),
    ],
)
def test_small_forms_become_full_width(raw: str, clean: str) -> None:
    assert fix(f"前面{raw}后面") == f"前面{clean}后面"
    assert "punct.small_form" in kinds(f"前面{raw}后面")


def test_small_form_corpus_snippet() -> None:
    assert fix("聯合作戰﹔社區") == "聯合作戰；社區"


@pytest.mark.parametrize("dots", ["......", "...", ".....", "。。。", "······", "⋯⋯", "…", "………"])
def test_ellipsis_variants(dots: str) -> None:
    assert fix(f"他们走了{dots}我们留下") == "他们走了……我们留下"


def test_ellipsis_before_a_quote_in_corpus() -> None:
    assert fix('马上回来啊....."这些话') == '马上回来啊……"这些话'


def test_two_middle_dots_and_one_interpunct_stay() -> None:
    assert fix("抗疫有我·守护家园") == "抗疫有我·守护家园"
    assert fix("约翰·史密斯") == "约翰·史密斯"


def test_ascii_dots_in_code_stay() -> None:
    assert fix("range(1...10)") == "range(1...10)"


def test_ellipsis_already_right_is_unchanged() -> None:
    assert kinds("好吧……") == set()


@pytest.mark.parametrize("dash", ["--", "---", "－－", "――", "———"])
def test_dash_variants(dash: str) -> None:
    assert fix(f"只有一个名字{dash}共产党员") == "只有一个名字——共产党员"


def test_lone_em_dash_used_as_dash() -> None:
    assert fix("隔离点的组工干部—任伟。") == "隔离点的组工干部——任伟。"
    assert fix("整理— 及时上报") == "整理——及时上报"


def test_lone_em_dash_as_connector_stays() -> None:
    assert fix("建立党委—网格员—志愿者联动") == "建立党委—网格员—志愿者联动"
    assert fix("北京—上海") == "北京—上海"
    assert fix("第1—3页") == "第1—3页"


def test_ascii_hyphens_outside_chinese_stay() -> None:
    assert fix("ls --all") == "ls --all"
    assert fix("ISO-8859-1编码") == "ISO-8859-1编码"


def test_every_change_is_an_edit_with_before_and_after() -> None:
    text, edits = typeset_text("你好,世界!", "paragraph", Options(), 7)
    assert text == "你好，世界！"
    assert [(e.kind, e.before, e.after, e.line, e.offset) for e in edits] == [
        ("punct.fullwidth_comma", ",", "，", 7, 2),
        ("punct.fullwidth_exclamation", "!", "！", 7, 5),
    ]


def test_a_rule_can_be_switched_off_by_name_or_group() -> None:
    assert (
        fix("你好,世界!", options=Options(disabled_rules=frozenset({"punct.fullwidth_comma"})))
        == "你好,世界！"
    )
    assert fix("你好,世界!", options=Options(disabled_rules=frozenset({"punct."}))) == "你好,世界!"


def test_spaced_dash_pieces_are_one_dash() -> None:
    assert fix("他说— —走") == "他说——走"
    assert fix("信念--—守") == "信念——守"


def test_single_hyphen_is_a_hyphen() -> None:
    assert fix("中 - 文") == "中 - 文"


def test_parenthesis_paired_with_a_full_width_one_converts() -> None:
    assert fix(",(）") == "，（）"
    assert fix(",(0一)") == "，（0一）"


def test_full_stop_after_chinese_across_spaces() -> None:
    assert fix("完成了 .") == "完成了。"
    assert fix("完成了.”") == "完成了。”"
    assert fix("中.com") == "中.com"


def test_parentheses_around_chinese_punctuation_convert() -> None:
    assert fix(",(，)") == "，（，）"


def test_an_ideograph_is_neither_a_space_nor_looked_past() -> None:
    """A mark right after an ideograph is decided without looking further (`_fullwidth_finder`):
    that holds while no ideograph, of any block or plane, is a space or a mark the neighbour
    search looks past, in the data as it is."""
    from zhclean.tasks.stages.typography.punctuation import LOOK_PAST_BOTH, SHARED_MARKS, SPACE_RE
    from zhclean.tasks.text.charsets import IDEOGRAPH

    ideographs = [chr(c) for c in range(0x3400, 0x3134F + 1) if IDEOGRAPH.match(chr(c))]
    assert len(ideographs) > 90_000
    assert [ch for ch in ideographs if SPACE_RE.match(ch) or ch in LOOK_PAST_BOTH + SHARED_MARKS] == []


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "好,Hello, world,再见",
            "好，Hello, world,再见",
        ),  # after an ideograph; glued to English, ASCII stays
        ("共1,200人,到场", "共1,200人，到场"),  # a thousands separator stays, after 人 it is Chinese
        ("见https://example.com/a,b 页,完", "见https://example.com/a,b 页，完"),  # inside an address it stays
        ("𠀀,𫠝", "𠀀，𫠝"),  # after an ideograph of extension B
    ],
)
def test_a_mark_after_an_ideograph(raw: str, clean: str) -> None:
    assert fix(raw) == clean
