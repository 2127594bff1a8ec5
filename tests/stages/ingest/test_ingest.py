"""Bad input at the byte level: every file is decoded correctly or refused with a stable kind.

The texts are written for these tests (none is copied from the corpus), and
each file is generated in tmp_path and read back, as the flow would.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from zhclean.tasks.build.discover import read_raw
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.ingest.decode import GETA, IngestError, decode

OPTIONS = Options()

#: Simplified text of our own, and its traditional form (for Big5, which has no simplified forms).
SIMPLIFIED = "今天下午我们在公园里散步，天气很好。\n晚上大家一起吃饭，聊到很晚才回家。\n"
TRADITIONAL = "今天下午我們在公園裡散步，天氣很好。\n晚上大家一起吃飯，聊到很晚才回家。\n"

#: Short texts where a detector can take GBK bytes for Big5 or back.
SHORT_SIMPLIFIED = ["你好", "国家", "中文", "人民", "我", "的", "写作业", "这是一个测试", "请关门"]
SHORT_TRADITIONAL = [
    "你好",
    "國家",
    "中文",
    "人民",
    "我",
    "的",
    "寫作業",
    "這是一個測試",
    "請關門",
    "電腦軟體",
]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def roundtrip(tmp_path: Path, data: bytes, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return decode(read_raw(path), name, OPTIONS)


def refused(data: bytes, name: str = "bad.txt") -> IngestError:
    with pytest.raises(IngestError) as info:
        decode(data, name, OPTIONS)
    assert name in str(info.value), "the message names the file"
    return info.value


# --- encodings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "prefix", "recorded"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
    ],
)
def test_simplified_text_in_each_encoding(tmp_path: Path, codec: str, prefix: bytes, recorded: str) -> None:
    got = roundtrip(tmp_path, prefix + SIMPLIFIED.encode(codec))
    assert got.text == SIMPLIFIED
    assert got.encoding == recorded
    assert got.edits == [] and got.problems == []


def test_big5_file(tmp_path: Path) -> None:
    got = roundtrip(tmp_path, TRADITIONAL.encode("big5"))
    assert got.text == TRADITIONAL
    assert got.encoding == "big5"


def test_traditional_text_saved_as_gbk_stays_gbk(tmp_path: Path) -> None:
    got = roundtrip(tmp_path, TRADITIONAL.encode("gbk"))
    assert (got.text, got.encoding) == (TRADITIONAL, "gb18030")


@pytest.mark.parametrize(
    "text", ["Chapter 1 第一章\nsome ASCII and 中文\n" * 3, "只有中文的一行\n又是一行中文\n"]
)
def test_utf16_without_bom_is_recognised_by_its_nul_pattern(text: str) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        got = decode(text.encode(codec), "u16.txt", OPTIONS)
        assert (got.text, got.encoding) == (text, codec)


@pytest.mark.parametrize("text", SHORT_SIMPLIFIED)
def test_short_gbk_is_not_taken_for_big5(text: str) -> None:
    got = decode(text.encode("gbk"), "short.txt", OPTIONS)
    assert (got.text, got.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", SHORT_TRADITIONAL)
def test_short_big5_is_not_taken_for_gbk(text: str) -> None:
    got = decode(text.encode("big5"), "short.txt", OPTIONS)
    assert got.text == text
    assert got.encoding.startswith(("big5", "cp950"))


def test_invalid_bytes_mid_file_keep_the_good_parts() -> None:
    head, tail = "第一行是正常的中文。\n第二行", "也正常。\n" + "后面还有很多正常的文字。\n" * 5
    data = head.encode() + b"\xff\xfe\xc4" + tail.encode() + b"\xe4\xb8"  # junk, then a cut-off character
    got = decode(data, "broken.txt", OPTIONS)
    assert got.encoding == "utf-8", "never re-decoded as GBK"
    assert got.text == head + GETA * 3 + tail + GETA  # one per ill-formed subsequence
    marks = [e for e in got.edits if e.kind == "ingest.invalid_bytes"]
    assert [(e.line, e.after) for e in marks] == [(2, GETA * 3), (8, GETA)]
    assert "ff" in marks[0].before and marks[1].offset == 0
    assert [p.kind for p in got.problems] == ["ingest.invalid_bytes"]
    assert "broken.txt" in got.problems[0].message and "line 2" in got.problems[0].message


@pytest.mark.parametrize("tail", ["88a3", "88a5"])
def test_big5_hkscs_pairs_of_two_code_points_do_not_crash(tail: str) -> None:
    """Big5-HKSCS reads 88 a3 and 88 a5 (here the end of 很 and a stray byte) as a letter and a combining mark: scoring
    a legacy reading weighs the mark 0 instead of raising UnicodeEncodeError."""
    got = decode(bytes.fromhex("e4bb8ae5a4a9e5be" + tail), "cut.txt", OPTIONS)
    assert got.text.startswith("今天")
    assert GETA in got.text


def test_invalid_bytes_inside_bom_utf16_are_marked_too() -> None:
    data = (
        b"\xff\xfe" + "好的".encode("utf-16-le") + b"\x00\xdc" + "再见".encode("utf-16-le")
    )  # lone surrogate
    got = decode(data, "u16.txt", OPTIONS)
    assert got.text == f"好的{GETA}再见"
    assert got.problems and got.problems[0].kind == "ingest.invalid_bytes"


# --- cleaning ------------------------------------------------------------------


def test_nul_bytes_removed_with_edits() -> None:
    got = decode("一\x00二\n三\x00\x00\x00四".encode(), "nul.txt", OPTIONS)
    assert got.text == "一二\n三四"
    nuls = [(e.kind, e.before, e.line, e.offset) for e in got.edits]
    assert nuls == [("ingest.nul", "\x00", 1, 1), ("ingest.nul", "\x00" * 3, 2, 1)]


def test_nul_padding_at_the_end_is_cleaned_not_binary() -> None:
    got = decode("正文。\n".encode() + b"\x00" * 4096, "padded.txt", OPTIONS)
    assert got.text == "正文。\n"
    assert [e.kind for e in got.edits] == ["ingest.nul"]


def test_control_characters_out_tab_kept() -> None:
    got = decode("甲\x07乙\t丙\x1b[0m丁\x7f".encode(), "ctl.txt", OPTIONS)
    assert got.text == "甲乙\t丙[0m丁"
    assert {e.kind for e in got.edits} == {"ingest.control_char"}
    assert sorted(e.before for e in got.edits) == ["\x07", "\x1b", "\x7f"]


def test_line_ends_normalised_with_one_edit_per_kind() -> None:
    got = decode("一\r\n二\r三\n四\x0c五".encode(), "eol.txt", OPTIONS)
    assert got.text == "一\n二\n三\n四\n五"
    assert [e.kind for e in got.edits] == ["ingest.line_end_crlf", "ingest.line_end_cr", "ingest.line_end_ff"]


def test_decomposed_text_becomes_nfc_with_an_edit() -> None:
    got = decode("咖啡 cafe\u0301 好\n第二行".encode(), "nfd.txt", OPTIONS)
    assert got.text == "咖啡 café 好\n第二行"
    assert [(e.kind, e.before, e.after, e.line, e.offset) for e in got.edits] == [
        ("ingest.nfc", "e\u0301", "é", 1, 6)
    ]


# --- refusals ----------------------------------------------------------------------


def test_empty_file() -> None:
    assert refused(b"").kind == "empty"


@pytest.mark.parametrize("data", [b"   \n\t\n", "\u3000\u3000\r\n".encode(), "\ufeff \u200b\n".encode()])
def test_whitespace_only(data: bytes) -> None:
    err = refused(data)
    assert err.kind == "whitespace_only" and "whitespace" in str(err)


def test_png_with_txt_name(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG)
    err = refused(read_raw(path), "photo.txt")
    assert err.kind == "binary" and "PNG" in str(err)


def test_zip_with_txt_name(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.txt"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("inner.txt", SIMPLIFIED)
    err = refused(archive.read_bytes(), "bundle.txt")
    assert err.kind == "binary" and "ZIP" in str(err)


def test_pdf_with_txt_name() -> None:
    assert refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").kind == "binary"


def test_control_heavy_bytes_are_binary() -> None:
    data = bytes(range(0, 32)) * 40 + "一点文字".encode()
    err = refused(data)
    assert err.kind == "binary" and "control bytes" in str(err)


def test_only_nul_bytes_are_binary() -> None:
    assert refused(b"\x00" * 100).kind == "binary"


def test_huge_file() -> None:
    small = Options(max_file_bytes=100)
    with pytest.raises(IngestError) as info:
        decode("字".encode() * 50, "big.txt", small)
    assert info.value.kind == "huge" and "big.txt" in str(info.value) and "100" in str(info.value)


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(IngestError) as info:
        read_raw(path, max_bytes=999)
    assert info.value.kind == "huge"
    assert read_raw(path, max_bytes=1000) == b"x" * 1000


def test_undecodable_bytes() -> None:
    err = refused(bytes([0x80, 0xFF]) * 200)
    assert err.kind == "undecodable" and "cannot be decoded" in str(err)


def test_read_raw_reports_the_os_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as info:
        read_raw(tmp_path / "gone.txt")
    assert info.value.kind == "unreadable"
    assert "gone.txt" in str(info.value) and "No such file" in str(info.value)


# --- size ------------------------------------------------------------------------


def test_single_50mb_line(tmp_path: Path) -> None:
    unit = "长行里的中文和ASCII text, 混在一起。"
    text = unit * (50 * 1024 * 1024 // len(unit.encode()))
    data = text.encode() + b"\x00"
    start = time.perf_counter()
    got = decode(data, "long.txt", OPTIONS)
    print(f"\n50 MB single line: {len(data)} bytes decoded in {time.perf_counter() - start:.2f} s")
    assert got.text == text
    assert [(e.kind, e.line, e.offset) for e in got.edits] == [("ingest.nul", 1, len(text))]


def test_one_million_short_lines() -> None:
    lines = [f"第{i}行。" if i % 1000 else "坏\x01行" for i in range(1_000_000)]
    data = "\r\n".join(lines).encode()
    start = time.perf_counter()
    got = decode(data, "many.txt", OPTIONS)
    print(f"\n1 million lines: {len(data)} bytes decoded in {time.perf_counter() - start:.2f} s")
    assert got.text.count("\n") == 999_999
    controls = [e for e in got.edits if e.kind == "ingest.control_char"]
    assert len(controls) == 1000
    assert [e.line for e in controls[:3]] == [1, 1001, 2001]
