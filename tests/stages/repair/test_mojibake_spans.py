"""The span search of `repair.mojibake_gbk` encodes a run once and tests slices with a regex of
well-formed UTF-8; the reference here decodes each candidate span with Python's own strict
UTF-8 decoder, as the rule did before. Both must find the same spans."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from paths import RAW

from zhclean.tasks.stages.repair import mojibake as m


def reference(run: str) -> list[m.Change]:
    """Every start, the longest span of 3-character steps that Python decodes as UTF-8."""
    changes, i = [], 0
    while i + 3 <= len(run):
        if not m._starts_utf8(run[i]):
            i += 1
            continue
        best = None
        for j in range(i + 3, len(run) + 1, 3):
            try:
                best = (j, run[i:j].encode("gb18030").decode("utf-8"))
            except UnicodeError:
                break
        if best and m._better(run[i : best[0]], best[1]):
            changes.append(m.Change(i, best[0], best[1]))
            i = best[0]
        else:
            i += 1
    return changes


def garbled_runs() -> list[str]:
    """Runs of the samples read wrongly as GB 18030 (real mojibake), and as they are."""
    runs = []
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        garbled = text.encode("utf-8").decode("gb18030", errors="ignore")
        runs += [r.group() for t in (text, garbled) for r in m.NON_ASCII_RUN.finditer(t)]
    return runs


def test_same_spans_as_the_decoder_on_real_mojibake() -> None:
    runs = garbled_runs()
    assert sum(1 for r in runs if reference(r)) > 100  # the check is not vacuous
    for run in runs:
        assert m._utf8_as_gbk(run) == reference(run), run


#: Characters whose GB 18030 bytes are lead, continuation, overlong, surrogate and 4-byte forms.
ALPHABET = (
    "涓浗鍥戒汉姘戝拰鏂囧寲锛屼細鐨勪簨瀹炰笂鎴戜滑鏄€鎬庝箞鈥滀綘濂解€漒u00e9\u00c0中国人民的。，鑫ｂ€"
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=3, max_size=40))
def test_same_spans_as_the_decoder_on_mixed_runs(run: str) -> None:
    assert m._utf8_as_gbk(run) == reference(run)


def test_a_run_mixing_one_and_four_byte_characters_keeps_its_offsets() -> None:
    # '0' (one byte) and 'À' (four bytes in GB 18030) make 2 bytes per character on average:
    # the offsets must still be each character's own
    run = "0À勪汉鏂囧0"
    assert m._utf8_as_gbk(run) == reference(run)


def test_spans_are_found_from_the_rare_characters_they_reach() -> None:
    # UTF-8 read as GB 18030 between two common characters that stay as they are
    assert m._utf8_as_gbk("中鍗庝汉姘戝叡鍜屽浗国") == [m.Change(1, 10, "华人民共和国")]
    assert m._utf8_as_gbk("中浣犲ソ涓栫晫国") == [m.Change(1, 7, "你好世界")]
    assert m._utf8_as_gbk("中鏂囧寲浜ゆ祦娲诲姩国") == [m.Change(1, 10, "文化交流活动")]
    assert m._utf8_as_gbk("中华人民共和国") == []  # clean text: nothing rare to start from
