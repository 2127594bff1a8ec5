"""A switched-off rule of a detector that has several: its lines and their values stay out.

`strip._detect` runs a detector again with the lines of its switched-off rules hidden, so
that what it read from those lines (a dateline's date and source) does not reach the
metadata while the detector's other rules still claim their lines. Only the web detector
claims under several rules, so the page below has one line for each of three of them.
Every expectation is written from the page: what an editor would keep and drop.
"""

from __future__ import annotations

from zhclean.tasks.core.options import Options
from zhclean.tasks.core.stage import State
from zhclean.tasks.pipeline.run import run_until

DATELINE = "来源：山谷日报 2031-04-02 09:15"
ORIGINAL_TITLE = "原标题：溪边的小学开学了"
EDITOR = "（责任编辑：林小禾）"
BODY = "山谷里的小学今天开学，四十名学生回到了教室。"

PAGE = "\n".join(["山谷小学开学", DATELINE, ORIGINAL_TITLE, BODY, EDITOR, ""]).encode()


def furniture(*off: str) -> State:
    return run_until(PAGE, "page.txt", Options(disabled_rules=frozenset(off)), until="furniture")


def body(state: State) -> list[str]:
    return [ln.text for ln in state.lines if ln.text]


def test_every_rule_on_takes_all_three_lines_and_their_values() -> None:
    state = furniture()
    assert state.metadata == {
        "date": "2031-04-02T09:15",
        "source": "山谷日报",
        "original_title": "溪边的小学开学了",
        "editors": ["林小禾"],
    }
    assert body(state) == ["山谷小学开学", BODY]


def test_dateline_off_keeps_its_line_and_its_date_and_source_out_of_metadata() -> None:
    """The other two rules still claim their lines, so the detector's metadata is merged:
    it must be the metadata of the run without the dateline, not of the first run."""
    state = furniture("furniture.dateline")
    assert state.metadata == {"original_title": "溪边的小学开学了", "editors": ["林小禾"]}
    assert body(state) == ["山谷小学开学", DATELINE, BODY]


def test_original_title_off_keeps_its_line_and_its_title_out_of_metadata() -> None:
    state = furniture("furniture.original_title")
    assert state.metadata == {"date": "2031-04-02T09:15", "source": "山谷日报", "editors": ["林小禾"]}
    assert body(state) == ["山谷小学开学", ORIGINAL_TITLE, BODY]


def test_two_rules_off_leave_only_the_third() -> None:
    state = furniture("furniture.dateline", "furniture.editor_credit")
    assert state.metadata == {"original_title": "溪边的小学开学了"}
    assert body(state) == ["山谷小学开学", DATELINE, BODY, EDITOR]
