"""Text predicates: sentence ends, heading shape, captions, bylines, subtitles, signatures."""

from hypothesis import given
from hypothesis import strategies as st

from zhclean.tasks.text import classify as cl


def test_sentence_end_in_both_widths_and_behind_quotes() -> None:
    assert cl.ends_sentence("他说：“好。”")
    assert cl.ends_sentence("It works.")
    assert cl.ends_sentence("还有很多……")
    assert not cl.ends_sentence("截至2022.")
    assert not cl.ends_sentence("现在正")


def test_heading_shape() -> None:
    assert cl.heading_like("风雨同舟 共克时艰")
    assert not cl.heading_like("风雨同舟，")
    assert not cl.heading_like("3月5日，他们来到")
    assert not cl.heading_like("第一句话。第二句话")


def test_strong_captions() -> None:
    assert cl.strong_caption("▲社区干部入户走访。")
    assert cl.strong_caption("张三（右二）在田间查看苗情。")
    assert cl.strong_caption("村民正在晾晒玉米。资料片由县委宣传部提供")
    assert not cl.strong_caption("村民正在晾晒玉米，今年又是丰收年。")


def test_bylines() -> None:
    assert cl.byline_names("本报记者 张三 李四") == ["张三", "李四"]
    assert cl.byline_names("通讯员：王小明") == ["王小明"]
    assert cl.byline_names("记者们都来了") is None


def test_subtitles_and_title_split() -> None:
    assert cl.subtitle_text("——记某县农业技术推广站") == "记某县农业技术推广站"
    assert cl.subtitle_text("记某县优秀共产党员群体") == "记某县优秀共产党员群体"
    assert cl.split_title("春风化雨润心田——某镇调解工作纪实") == ("春风化雨润心田", "某镇调解工作纪实")
    assert cl.split_title("好——") == ("好——", None)


def test_trailing_signatures() -> None:
    assert cl.trailing_signature("全镇今年新建了三座桥梁。赵 六") == ("全镇今年新建了三座桥梁。", "赵六")
    assert cl.trailing_signature("全镇今年新建了三座桥梁。（钱七）") == ("全镇今年新建了三座桥梁。", "钱七")
    assert cl.trailing_signature("全镇今年新建了三座桥梁。") is None


def test_a_line_ending_on_a_function_word_is_not_a_heading() -> None:
    assert not cl.heading_like("把这座老厂房改造成了社区的")
    assert not cl.heading_like("这里曾经是全县最大的")
    assert cl.heading_like("党旗所指 行之所向")  # `向`, `为`, `和` end common compounds
    assert cl.heading_like("青春正当时 奋斗正有为")
    assert not cl.heading_like("电商和物流的发展，也带动了")
    assert cl.heading_like("春天来了")  # `了` ends a one-clause heading
    assert cl.heading_like("李为")  # a name may end on such a character


def test_caption_leads_and_position_notes_with_names() -> None:
    assert cl.strong_caption("图为志愿者在集市上发放宣传册。")
    assert cl.strong_caption("上图：新建成的村史馆。")
    assert cl.strong_caption("技术员在大棚里查看长势（右一为李刚）。")
    assert not cl.strong_caption("图书室每天开放八个小时，村民可以自由借阅。")


def test_bylines_with_several_labels_and_split_names() -> None:
    assert cl.byline_names("文/图 本报记者 赵明") == ["赵明"]
    assert cl.byline_names("本报记者 司马相 通讯员 冉 静") == ["司马相", "冉静"]
    assert cl.byline_names("本报记者 孙悦 实习生 钱多多") == ["孙悦", "钱多多"]
    assert cl.byline_names("本报评论员 周文") == ["周文"]
    assert cl.byline_names("文化站里的读书会") is None
    assert cl.byline_names("记者") is None


def test_photo_credits_make_a_caption() -> None:
    assert cl.strong_caption("施工人员在更换供水管道。 周立 摄")
    assert cl.strong_caption("居民在公园里健身。（资料图片）")
    assert cl.strong_caption("渔民在湖面收网。(记者 张三 摄)")
    assert not cl.strong_caption("他是摄影爱好者，喜欢拍摄")
    assert not cl.strong_caption("他说完就走了。大家都笑了。张三 摄")


def test_quote_boundary_counts_as_a_clause_break_in_long_headlines() -> None:
    from zhclean.tasks.stages.segment.captions import two_clause

    assert two_clause("“小切口”撬动“大民生”办好群众家门口的事")
    assert not two_clause("从“门前三包”到“小巷管家”")
    assert not two_clause("带病战疫的“硬核”社区书记")


def test_nothing_but_closing_marks_is_no_sentence_end() -> None:
    assert [cl.ends_sentence(t) for t in ("", "   ", "”」", "〓”", "好。”")] == [
        False,
        False,
        False,
        False,
        True,
    ]


def test_signatures_credits_and_end_marks() -> None:
    body = "眼下，某镇已完成春耕备耕工作，各类农资储备充足。"
    assert cl.trailing_signature(body + "（王五）") == (body, "王五")
    assert cl.trailing_signature(body + "（待续）") is None
    assert cl.trailing_signature(body + "未完待续") is None
    assert cl.trailing_credit(body + "（通讯员 黎明）") == (body, ["黎明"])
    assert cl.trailing_credit(body + "（医生 黎明）") is None
    assert cl.trailing_credit("（通讯员 黎明）" + body) is None


def test_a_headline_of_two_parts_may_run_longer_than_a_heading() -> None:
    left, right = "某市举办第十届全民读书节系列活动", "倡导市民多读书读好书共同建设书香城市"
    assert cl.visible_len(left + right) > cl.HEADING_MAX_CHARS
    assert cl.heading_like(f"{left}\u3000{right}")
    assert cl.heading_like(f"{left}  {right}")
    assert not cl.heading_like(f"{left} {right}")  # one space: a line of text
    assert not cl.heading_like(f"{left}\u3000{right}，好")  # clause punctuation: text


def test_signature_lines() -> None:
    assert cl.signature_line("（李四）") == ["李四"]
    assert cl.signature_line("（通讯员 李四）") == ["李四"]
    assert cl.signature_line("通讯员 李四 王五") == ["李四", "王五"]
    assert cl.signature_line("（待续）") is None
    assert cl.signature_line("（以上数据截至五月底）") is None


@given(st.text(alphabet="。！”（）() 通讯员张三\n", max_size=16))
def test_a_trailing_credit_is_only_searched_for_where_it_can_end(text: str) -> None:
    # every match of the pattern ends with a closer, but for white space
    m = cl.TRAILING_CREDIT.search(text)
    if m:
        assert text.rstrip().endswith(cl.CREDIT_CLOSERS)
    assert cl.trailing_credit("工作进展顺利。（通讯员 张三）") == ("工作进展顺利。", ["张三"])
    assert cl.trailing_credit("工作进展顺利。") is None
