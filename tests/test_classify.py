"""Text predicates: sentence ends, heading shape, captions, bylines, subtitles, signatures."""

from tasks import classify as cl


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
