"""`lint_path`: the same rules in check mode, over text, Markdown, JSONL and edition folders."""

from __future__ import annotations

import json
from pathlib import Path

from paths import ROOT

from zhclean.tasks.check.lint import TextBlock, format_report, lint_blocks, lint_path, markdown_blocks
from zhclean.tasks.core.model import Block
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.typography.blocks import typeset_blocks


def test_counts_half_width_marks_straight_quotes_and_spaces(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text('我们走吧,他说"好"。\n\n志愿 服务队\n', encoding="utf-8")
    report = lint_path(f, Options())
    assert report.counts == {"punct.curly_quotes": 2, "punct.fullwidth_comma": 1, "space.inside_cjk": 1}
    assert report.total == 4
    comma = next(x for x in report.findings if x.rule == "punct.fullwidth_comma")
    assert (comma.file, comma.line, comma.column, comma.found) == (str(f), 1, 5, ",")
    assert next(x for x in report.findings if x.rule == "space.inside_cjk").line == 3


def test_clean_text_has_no_violation(tmp_path: Path) -> None:
    f = tmp_path / "clean.txt"
    f.write_text("我们走吧，他说“好”。\n有4个小区。\n", encoding="utf-8")
    report = lint_path(f, Options())
    assert report.total == 0
    assert format_report(report) == "0 violation(s) and 0 warning(s) in 2 block(s) of 1 file(s)"


def test_unpaired_quote_is_counted(tmp_path: Path) -> None:
    f = tmp_path / "u.txt"
    f.write_text("他说“我们走吧。\n", encoding="utf-8")
    assert lint_path(f, Options()).counts == {"punct.unpaired_quote": 1}


def test_disabled_rule_is_not_counted(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("我们走吧,好吗?\n", encoding="utf-8")
    report = lint_path(f, Options(disabled_rules=frozenset({"punct.fullwidth_comma"})))
    assert report.counts == {"punct.fullwidth_question": 1}


def test_markdown_front_matter_skipped_headings_keep_clause_space(tmp_path: Path) -> None:
    md = tmp_path / "doc.md"
    md.write_text(
        '---\ntitle: "a, b"\nnote: 志愿 服务\n---\n\n# 风雨同舟 共克时艰\n\n*作者：王刚 · 页码：3*\n\n正文 有错,对吧\n\n> 图片 说明\n',
        encoding="utf-8",
    )
    report = lint_path(md, Options())
    assert sorted((f.rule, f.line) for f in report.findings) == [
        ("punct.fullwidth_comma", 10),
        ("space.inside_cjk", 10),
        ("space.inside_cjk", 12),
    ]


def test_markdown_escapes_are_read_as_text() -> None:
    blocks = list(markdown_blocks("一行\\\n二行\\*号\n", "m.md"))
    assert [(b.type, b.text, b.line) for b in blocks] == [("paragraph", "一行\n二行*号", 1)]


def test_line_of_a_finding_in_a_multi_line_block() -> None:
    report = lint_blocks([TextBlock("paragraph", "第一行\n第二 行", "m.md", 5)], Options())
    assert [(f.line, f.column) for f in report.findings] == [(6, 3)]


def _write_edition(out: Path, blocks: list[dict[str, str]], title: str = "标题") -> None:
    (out / "json").mkdir(parents=True)
    (out / "markdown").mkdir()
    record = {"id": "x-001", "title": title, "subtitle": None, "blocks": blocks}
    (out / "json" / "articles.jsonl").write_text(
        json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "markdown" / "x.md").write_text("# 标题\n\n正文 有错,对吧\n", encoding="utf-8")


def test_edition_folder_prefers_jsonl_and_counts_once(tmp_path: Path) -> None:
    _write_edition(tmp_path, [{"type": "paragraph", "text": "正文 有错,对吧"}])
    report = lint_path(tmp_path, Options())
    assert report.counts == {"space.inside_cjk": 1, "punct.fullwidth_comma": 1}
    jsonl = str(tmp_path / "json" / "articles.jsonl")
    assert [(f.file, f.where) for f in report.findings] == [(jsonl, "x-001 block 1")] * 2


def test_jsonl_block_types_decide_the_spacing_rules(tmp_path: Path) -> None:
    _write_edition(
        tmp_path,
        [{"type": "heading", "text": "风雨同舟 共克时艰"}, {"type": "caption", "text": "风雨同舟 共克时艰"}],
        title="春风化雨 润物无声",
    )
    report = lint_path(tmp_path / "json" / "articles.jsonl", Options())
    assert [(f.rule, f.where) for f in report.findings] == [("space.inside_cjk", "x-001 block 2")]


def test_markdown_folder_skips_the_corpus_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("一 二\n", encoding="utf-8")
    (tmp_path / "corpus.md").write_text("一 二\n", encoding="utf-8")
    assert lint_path(tmp_path, Options()).total == 1


def test_report_lists_file_line_rule_and_counts(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("好,的\n", encoding="utf-8")
    text = format_report(lint_path(f, Options()))
    assert text.splitlines() == [
        f"{f}:1:2 punct.fullwidth_comma «,» …好,的…",
        "1 violation(s) and 0 warning(s) in 1 block(s) of 1 file(s)",
        "  punct.fullwidth_comma: 1",
    ]


#: Lines of raw/000 (the masthead and the editorial): what lint finds in each, and what
#: typesetting it as a paragraph makes of it, written by hand from STYLE.md.
RAW_LINES: dict[int, tuple[list[tuple[str, str]], str]] = {
    1: (
        [("punct.curly_quotes", '"'), ("punct.curly_quotes", '"')],
        "坚持“动态清零”总方针不动摇",
    ),
    3: (
        [("punct.fullwidth_comma", ",")] * 4,
        "习近平总书记强调，要坚持人民至上、生命至上，坚持外防输入、内防反弹，坚持科学精准、动态清零，"
        "抓细抓实疫情防控各项举措。",
    ),
    9: (
        [("punct.curly_quotes", '"')] * 4 + [("punct.fullwidth_comma", ",")] * 12,
        "“动态清零”是被实践证明了的符合我国国情的有效防控举措，是保障人民群众生命安全和身体健康的必然选择，"
        "是统筹平衡经济发展和疫情防控的必然要求，彰显了中国共产党领导和我国社会主义制度的显著优势，"
        "必须毫不动摇地坚持。实践已经证明，我们完全有基础、有条件、有能力实现“动态清零”。我们要更加紧密"
        "团结在以习近平同志为核心的党中央周围，保持战略定力，统一思想，坚定信心，克服麻痹思想、厌战情绪、"
        "侥幸心理、松劲心态，不断提高科学精准防控本领，最大限度减少疫情对经济社会发展的影响，"
        "取得疫情防控和经济社会发展双胜利。",
    ),
    13: ([("space.cjk_halfwidth", " ")] * 3, "2022年第2期"),
    15: ([("space.inside_cjk", " ")] * 2, "学习思考交流宣传"),
    23: (
        [("space.inside_cjk", " "), ("space.cjk_halfwidth", " "), ("space.cjk_halfwidth", " ")],
        "地址吉林市北京路86号",
    ),
    27: ([("space.cjk_halfwidth", " ")], "电话0432-62010336"),
    29: ([], "信箱 zzbyjyjl@163.com"),  # one space kept before an e-mail address
    37: (
        [("punct.fullwidth_parens", "("), ("space.inside_cjk", " "), ("punct.fullwidth_parens", ")")],
        "（内部刊物免费赠阅）",
    ),
}


def raw_000_lines() -> dict[int, str]:
    text = next((ROOT / "raw").glob("000_*.txt")).read_text(encoding="utf-8")
    return {n: line for n, line in enumerate(text.split("\n"), 1) if n in RAW_LINES}


def test_lint_on_corpus_lines_finds_exactly_their_damage() -> None:
    lines = raw_000_lines()
    for n, (want, _) in RAW_LINES.items():
        found = lint_blocks([TextBlock("paragraph", lines[n], "raw", n)], Options()).findings
        assert sorted((f.rule, f.found) for f in found) == sorted(want), n


def test_typesetting_corpus_lines() -> None:
    lines = raw_000_lines()
    blocks = [Block("paragraph", lines[n], n, n) for n in RAW_LINES]
    out, _, _ = typeset_blocks(blocks, Options(), "raw")
    assert {b.start: b.text for b in out} == {n: text for n, (_, text) in RAW_LINES.items()}


def test_lint_finds_nothing_the_fixer_left_in_corpus_lines() -> None:
    """The property, on the first 40 lines of raw/000: lint finds none of the three commonest
    violations in what typesetting made of them (the same rules, run again: not a test of
    correctness; the exact output of some of these lines is above)."""
    text = next((ROOT / "raw").glob("000_*.txt")).read_text(encoding="utf-8")
    blocks = [
        Block("paragraph", line, n, n) for n, line in enumerate(text.split("\n")[:40], 1) if line.strip()
    ]
    out, _, _ = typeset_blocks(blocks, Options(), "raw")
    after = lint_blocks([TextBlock(b.type, b.text, "out", b.start) for b in out], Options())
    assert {
        r: after.counts.get(r, 0) for r in ("punct.fullwidth_comma", "space.inside_cjk", "punct.curly_quotes")
    } == {
        "punct.fullwidth_comma": 0,
        "space.inside_cjk": 0,
        "punct.curly_quotes": 0,
    }


def test_an_unpaired_quote_is_a_warning_that_does_not_fail_lint(tmp_path):
    from zhclean.tasks.check.lint import lint_path

    page = tmp_path / "page.md"
    page.write_text("他说：“今天下雨了。\n", encoding="utf-8")
    report = lint_path(page)
    assert report.total == 0
    assert report.warnings == 1
    assert report.counts == {"punct.unpaired_quote": 1}


def test_an_output_folder_is_linted_through_its_published_links_only(tmp_path):
    from zhclean.tasks.check.lint import lint_path

    old = tmp_path / ".runs" / "old" / "json"
    new = tmp_path / ".runs" / "new" / "json"
    for folder, text in ((old, '他说:"好"'), (new, "他说：“好”")):
        folder.mkdir(parents=True)
        record = {"id": "a", "blocks": [{"type": "paragraph", "text": text}]}
        (folder / "articles.jsonl").write_text(
            json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    (tmp_path / "current").symlink_to(".runs/new")
    (tmp_path / "json").symlink_to("current/json")
    report = lint_path(tmp_path)
    assert report.files == [str(tmp_path / "json" / "articles.jsonl")]
    assert report.total == 0


#: A small hand-written file for the JSON format: two errors on line 1 (listed by column, not by
#: rule), one on line 3, and an unpaired quote on line 4 (a warning).
JSON_INPUT = '我们走吧,他说"好"。\n\n志愿 服务队\n他说“我们走吧。\n'


def json_records(path: Path) -> list[dict[str, object]]:
    """What `format_json` must say about JSON_INPUT written at `path`, written out by hand."""
    f = str(path)
    return [
        {
            "file": f,
            "line": 1,
            "column": 5,
            "rule": "punct.fullwidth_comma",
            "severity": "error",
            "message": ', touching Chinese -> ，; found «,» in …我们走吧,他说"好"。…',
        },
        {
            "file": f,
            "line": 1,
            "column": 8,
            "rule": "punct.curly_quotes",
            "severity": "error",
            "message": 'paired straight quotes -> “ ” / ‘ ’; found «"» in …我们走吧,他说"好"。…',
        },
        {
            "file": f,
            "line": 1,
            "column": 10,
            "rule": "punct.curly_quotes",
            "severity": "error",
            "message": 'paired straight quotes -> “ ” / ‘ ’; found «"» in …们走吧,他说"好"。…',
        },
        {
            "file": f,
            "line": 3,
            "column": 3,
            "rule": "space.inside_cjk",
            "severity": "error",
            "message": "no space between two ideographs; found « » in …志愿 服务队…",
        },
        {
            "file": f,
            "line": 4,
            "column": 3,
            "rule": "punct.unpaired_quote",
            "severity": "warning",
            "message": "a quote with no partner in its block (a warning: reported, not guessed); "
            "found «“» in …他说“我们走吧。…",
        },
    ]


def test_json_format_gives_one_exact_record_per_finding(tmp_path: Path) -> None:
    from zhclean.tasks.check.lint import format_json

    f = tmp_path / "a.txt"
    f.write_text(JSON_INPUT, encoding="utf-8")
    text = format_json(lint_path(f, Options()))
    assert json.loads(text) == json_records(f)
    lines = text.splitlines()  # one record a line, between the brackets
    assert (lines[0], lines[-1], len(lines)) == ("[", "]", 7)
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == json_records(f)


def test_lint_command_prints_json_and_keeps_its_exit_status(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from zhclean.flows.cli import app

    runner = CliRunner()
    dirty, clean, warned = tmp_path / "dirty.txt", tmp_path / "clean.txt", tmp_path / "warned.txt"
    dirty.write_text(JSON_INPUT, encoding="utf-8")
    clean.write_text("我们走吧，他说“好”。\n", encoding="utf-8")
    warned.write_text("他说“我们走吧。\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--format", "json", str(dirty)])
    assert (result.exit_code, json.loads(result.stdout)) == (1, json_records(dirty))
    result = runner.invoke(app, ["lint", "--format", "json", str(clean)])
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(warned)])  # a warning does not fail
    assert (result.exit_code, [r["severity"] for r in json.loads(result.stdout)]) == (0, ["warning"])
    text = runner.invoke(app, ["lint", str(dirty)])  # text stays the default
    assert (
        text.exit_code == 1
        and text.stdout.splitlines()[0] == f'{dirty}:1:8 punct.curly_quotes «"» …我们走吧,他说"好"。…'
    )
    assert runner.invoke(app, ["lint", "--format", "xml", str(dirty)]).exit_code == 2
