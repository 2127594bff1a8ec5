"""Joining page and column breaks, broken headings, stray glyphs (STYLE.md section 4)."""

from zhclean.tasks.core.model import Line
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.paragraphs import join_lines


def lines(*texts: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(texts, 1)]


def test_page_break_mid_sentence_is_joined_across_blank_lines() -> None:
    first = "入冬以来，社区的十几名志愿者轮流守在小区门口，他们每天早上七点准时"
    blocks, edits, _ = join_lines(lines(first, "", "", "到岗值守，从不迟到。"), Options())
    assert [b.text for b in blocks] == [first + "到岗值守，从不迟到。"]
    assert (blocks[0].start, blocks[0].end) == (1, 4)
    assert [e.kind for e in edits] == ["join.page_break"]


def test_sentence_final_line_ends_its_paragraph() -> None:
    blocks, edits, _ = join_lines(lines("春天来了，花都开了。", "孩子们跑到河边去玩。"), Options())
    assert len(blocks) == 2 and not edits


def test_short_line_between_paragraphs_is_a_heading() -> None:
    blocks, _, _ = join_lines(
        lines("前面一段讲完了。", "守望相助，邻里同心", "后面一段开始讲新的事情。"), Options()
    )
    assert [b.type for b in blocks] == ["paragraph", "heading", "paragraph"]


def test_unclosed_quote_runs_on() -> None:
    blocks, _, _ = join_lines(lines("老王常说“办法总比", "困难多”，大家都记住了。"), Options())
    assert len(blocks) == 1 and blocks[0].text.startswith("老王常说“办法总比困难多”")


def test_numbered_heading_over_two_lines() -> None:
    blocks, edits, _ = join_lines(
        lines("二、抓好物资保障，他是居民", "信赖的“后勤兵”", "正文从这里开始。"), Options()
    )
    assert blocks[0].type == "heading" and blocks[0].text == "二、抓好物资保障，他是居民信赖的“后勤兵”"
    assert edits[0].kind == "join.heading_break"


def test_single_character_cut_off_a_word_is_joined() -> None:
    blocks, _, removed = join_lines(lines("三、发挥医疗专", "长", "正文。"), Options())
    assert blocks[0].text == "三、发挥医疗专长" and not removed


def test_orphan_character_between_articles_is_removed() -> None:
    blocks, _, removed = join_lines(lines("上一篇到此结束。", "者", "下一篇的标题"), Options())
    assert [b.text for b in blocks] == ["上一篇到此结束。", "下一篇的标题"]
    assert [(r.text, r.reason) for r in removed] == [("者", "join.stray_glyph")]


def test_lone_bar_and_trailing_bar_are_removed() -> None:
    blocks, _, removed = join_lines(lines("|", "一段完整的话。 |"), Options())
    assert [b.text for b in blocks] == ["一段完整的话。"]
    assert [r.reason for r in removed] == ["join.stray_glyph", "join.stray_glyph"]


def test_caption_between_broken_halves_keeps_its_place() -> None:
    first = "第二批物资到了以后，社区里的志愿者们分头搬运、清点、登记、分发，从下午一直忙到"
    blocks, _, _ = join_lines(lines(first, "▲志愿者在社区门口值守。", "深夜才回家休息。"), Options())
    assert [(b.type, b.text) for b in blocks] == [
        ("paragraph", first + "深夜才回家休息。"),
        ("caption", "志愿者在社区门口值守。"),
    ]


def test_caption_arrow_is_logged() -> None:
    _, edits, _ = join_lines(lines("▼工作人员正在登记来访车辆。"), Options())
    assert [(e.kind, e.before) for e in edits] == [("caption.arrow", "▼")]


def test_markdown_mark_is_a_hint_and_marked_line_never_continues() -> None:
    blocks, _, _ = join_lines(
        lines("这段话讲到一半，就在这里被版面截断了，而后面的那半句话却被排到了下一页的", "## 新的小标题"),
        Options(),
    )
    assert [b.type for b in blocks] == ["paragraph", "heading"]
    assert blocks[1].level == 2 and blocks[1].text == "新的小标题"


def test_signature_at_end_of_item_does_not_swallow_next_title() -> None:
    blocks, _, _ = join_lines(lines("全镇已完成春耕备耕工作。李四", "县城新建三座公园"), Options())
    assert len(blocks) == 2


def test_joining_can_be_switched_off() -> None:
    blocks, _, _ = join_lines(
        lines("他们每天准时", "到岗值守。"), Options(disabled_rules=frozenset({"join."}))
    )
    assert len(blocks) == 2


def test_a_short_news_heading_is_not_joined_to_the_item_it_heads():
    text = (
        "各银行推出优惠利率产品，为企业提供贷款。\n\n"
        '新区图书馆开展"读书月"\n\n'
        "近日，新区图书馆开展读书月活动，吸引上千名读者参加。\n"
    )
    blocks, _, _ = join_lines(lines(*text.split("\n")), Options())
    assert [b.type for b in blocks] == ["paragraph", "heading", "paragraph"]
    assert blocks[2].text.startswith("近日")


def test_column_break_on_a_function_word_is_joined_across_a_caption() -> None:
    blocks, _, _ = join_lines(
        lines(
            "前面一段讲完了。", "合作社统一收购村民的", "▲村民在合作社分拣苹果。", "苹果，再销往全国各地。"
        ),
        Options(),
    )
    assert [(b.type, b.text) for b in blocks] == [
        ("paragraph", "前面一段讲完了。"),
        ("paragraph", "合作社统一收购村民的苹果，再销往全国各地。"),
        ("caption", "村民在合作社分拣苹果。"),
    ]


def test_unmarked_clause_line_in_a_marked_page_is_a_fragment() -> None:
    text = (
        "# 甲文章",
        "正文一句。",
        "改造完成后，居民自治小组负责日常",
        "维护和收支公开。",
        "## 乙文章",
        "正文。",
    )
    blocks, _, _ = join_lines(lines(*text), Options())
    assert "改造完成后，居民自治小组负责日常维护和收支公开。" in [b.text for b in blocks]
    # without Markdown marks the same comma line may be a heading (`一声令下，全域联动`)
    blocks, _, _ = join_lines(lines("正文一句。", "一声令下，全域联动", "正文两句。"), Options())
    assert [b.type for b in blocks] == ["paragraph", "heading", "paragraph"]


def test_number_cut_from_its_measure_word_is_joined() -> None:
    blocks, _, _ = join_lines(
        lines("前面一段讲完了。", "今年全镇共新建乡村图书室12", "个，藏书两万册。"), Options()
    )
    assert [b.text for b in blocks] == ["前面一段讲完了。", "今年全镇共新建乡村图书室12个，藏书两万册。"]


def test_a_clause_ending_on_zai_is_cut() -> None:
    blocks, _, _ = join_lines(lines("前面一段讲完了。", "天一亮，队员们就早早守在", "各个路口。"), Options())
    assert [b.text for b in blocks] == ["前面一段讲完了。", "天一亮，队员们就早早守在各个路口。"]


def test_enumerated_heading_cut_on_a_function_word_stays_a_heading() -> None:
    blocks, _, _ = join_lines(
        lines(
            "前面一段讲完了。", "二、勇担当、冲在前面，危难时刻，他是", "群众身边的“主心骨”", "正文开始了。"
        ),
        Options(),
    )
    assert [b.type for b in blocks] == ["paragraph", "heading", "paragraph"]
    assert blocks[1].text == "二、勇担当、冲在前面，危难时刻，他是群众身边的“主心骨”"


def test_heading_mark_over_debris_is_removed_whole() -> None:
    blocks, _, removed = join_lines(lines("# _", "正文一句。"), Options())
    assert [b.text for b in blocks] == ["正文一句。"]
    assert [(r.text, r.reason) for r in removed] == [("# _", "join.stray_glyph")]


def test_a_lone_mark_after_an_open_clause_is_joined_not_dropped() -> None:
    blocks, _, removed = join_lines(lines("大家一起动手，把院子打扫干净", "。"), Options())
    assert [b.text for b in blocks] == ["大家一起动手，把院子打扫干净。"] and not removed


def off(*names: str) -> Options:
    return Options(disabled_rules=frozenset(names))


def test_disabling_heading_break_keeps_the_heading_lines_apart_but_still_joins_prose() -> None:
    heading = ("三、守住群众的菜篮子，他们是", "田间地头的“守护人”")
    blocks, edits, _ = join_lines(lines(*heading, "正文讲的是菜农的故事。"), off("join.heading_break"))
    assert [b.text for b in blocks[:2]] == list(heading) and not edits
    first = "入冬以来，社区的十几名志愿者轮流守在小区门口，他们每天早上七点准时"
    blocks, edits, _ = join_lines(lines(first, "到岗值守。"), off("join.heading_break"))
    assert [e.kind for e in edits] == ["join.page_break"] and len(blocks) == 1


def test_disabled_marks_and_strays_stay_text() -> None:
    blocks, edits, removed = join_lines(
        lines("## 社区新闻", "|", "▲志愿者在值守。"), off("join.", "caption.")
    )
    assert [b.text for b in blocks] == ["## 社区新闻", "|", "▲志愿者在值守。"]
    assert blocks[0].level is None and not edits and not removed


def test_disabled_bare_lead_credit_is_left_unbracketed() -> None:
    text = "本报讯 记者 张三 近日，某镇举办了首届农民运动会。"
    blocks, edits, _ = join_lines(lines(text), off("byline.bare_lead_credit"))
    assert blocks[0].text == text and not edits


def test_a_join_is_logged_where_it_happened() -> None:
    """The edit names the raw line where the second half starts, and the offset in the joined
    text of the first half's tail it shows (the first line has 33 characters, the last 6 shown)."""
    from zhclean.tasks.pipeline.run import run_until

    text = "入冬以来，社区的十几名志愿者轮流守在小区门口，他们每天早上七点准时\n到岗值守，从不迟到。"
    state = run_until(text.encode(), "x.txt", until="join")
    assert [(e.kind, e.line, e.offset) for e in state.document.edits] == [("join.page_break", 2, 27)]


def test_a_gfm_table_makes_a_short_document_markdown() -> None:
    """GFM spec, example 198 (a header row over a delimiter row is a table, whatever else the
    document holds), under a heading and one line of prose: the rows stay one table block, as
    written, not headings and a caption."""
    blocks, _, _ = join_lines(
        lines("# 说明", "", "下表列出两个值。", "", "| foo | bar |", "| --- | --- |", "| baz | bim |"),
        Options(),
    )
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "说明"),
        ("paragraph", "下表列出两个值。"),
        ("table", "| foo | bar |\n| --- | --- |\n| baz | bim |"),
    ]


def test_a_row_of_bars_without_a_delimiter_row_is_no_table() -> None:
    """GFM spec, example 203's rule: without the delimiter row there is no table (and the
    document, with nothing else of Markdown, is plain text: a short line over a paragraph is its
    heading, as in any plain text)."""
    blocks, _, _ = join_lines(lines("甲 | 乙", "", "正文第一段，说的是别的事情。"), Options())
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "甲 | 乙"),
        ("paragraph", "正文第一段，说的是别的事情。"),
    ]


def test_a_block_quote_line_in_markdown_is_no_heading() -> None:
    """CommonMark 5.1: `> …` is a block quote; Markdown marks its headings (`> # Foo` would be
    one), so a short quoted line is quoted text, not an unmarked heading."""
    blocks, _, _ = join_lines(
        lines(
            "# 安装",
            "",
            "运行 `pip install foo` 即可。",
            "",
            "> 注意：需要Python 3.10+",
            "",
            "- 第一步",
            "- 第二步",
        ),
        Options(),
    )
    assert [(b.type, b.text) for b in blocks][:3] == [
        ("heading", "安装"),
        ("paragraph", "运行 `pip install foo` 即可。"),
        ("paragraph", "> 注意：需要Python 3.10+"),
    ]
