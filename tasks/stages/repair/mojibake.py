"""Mojibake: text decoded with the wrong codec, reversed where the bytes allow (STYLE.md section 6).

ftfy does not handle CJK codecs, so these detectors work on byte shapes:

* UTF-8 read as GBK (`浣犲ソ`): the run re-encodes to GB 18030 and decodes
  strictly as UTF-8 into more common characters than it had.
* GBK read as Latin-1 (`ÄãºÃ`): a run of Latin-1 letters decodes strictly as GBK.
* GBK read one byte off: a lost byte shows as `?`/U+FFFD, full-width
  punctuation folded to ASCII (`？！` -> `?!`) and the rest pairs wrongly
  (`?!澳軌虮贿x到`). Re-pairing the bytes recovers what it can; every lost
  character becomes `〓`.
* A lost character followed by its converter reading (`?cái)`) becomes `〓`.
* `锟斤拷` (U+FFFD twice, written as UTF-8 and read as GBK) and U+FFFD itself
  are unrecoverable: each becomes `〓`.

Detection is statistical (share of rare characters before and after), never a
list of known garbage strings.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList, containing
from zhclean.tasks.stages.repair.gbk import LATIN1_RUN, latin1_as_gbk
from zhclean.tasks.stages.repair.pinyin import SYLLABLE_RUN, TONE_DIGITS, is_syllable, is_toned
from zhclean.tasks.text.charsets import (
    CJK,
    CJK_CLASS,
    COMMON_PUNCT,
    all_common,
    common_outside_ascii,
    rare_count,
    rare_positions,
)

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "mojibake")

#: The mark left for a character that cannot be recovered (GB/T 15834 "geta").
LOST = "〓"

#: What a lost byte looks like after a lossy decode.
LOST_MARKS = "?\ufffd"

#: Full-width punctuation that a later width fix folds to ASCII; reversed before re-pairing.
FOLDED: dict[str, str] = _DATA["folded"]

#: A span may hold at most this many ambiguous `?` before we give up trying readings.
MAX_AMBIGUOUS: int = _DATA["shifted"]["max_ambiguous"]

#: A reading may hold at most this share of rare characters ...
MAX_RARE_SHARE: float = _DATA["max_rare_share"]
#: ... and a lossy reading at most this share of lost ones.
MAX_LOST_SHARE: float = _DATA["max_lost_share"]

# --- UTF-8 read as GBK -------------------------------------------------------

NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{3,}")


def _utf8_as_gbk(run: str) -> list[Change]:
    """Longest spans (multiples of 3 chars) of `run` whose GB 18030 bytes are valid UTF-8."""
    changes: list[Change] = []
    lossy = "\ufffd" in run
    if not lossy:
        chunk, longest = _strict_spans(run)
        end = 0
        for i in _starts_reaching_rare(run, chunk):
            if i < end:
                continue
            best = longest(i)
            if best and _better(run[i : best[0]], best[1]):
                changes.append(Change(i, best[0], best[1]))
                end = best[0]
        return changes
    i = 0
    while i + 3 <= len(run):
        if not _starts_utf8(run[i]):
            i += 1
            continue
        best = _longest_lossy(run, i)
        if best and _better(run[i : best[0]], best[1]):
            changes.append(Change(i, best[0], best[1]))
            i = best[0]
        else:
            i += 1
    return changes


#: One well-formed UTF-8 character (Unicode Table 3-7: no overlong forms, no surrogates, nothing
#: above U+10FFFF): exactly what Python's strict UTF-8 decoder accepts.
_UTF8_CHAR = (
    rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
VALID_UTF8 = re.compile(rb"(?:" + _UTF8_CHAR + rb")*")


#: A character that is one byte in GB 18030.
ONE_BYTE = re.compile(r"[\x00-\x7f]")


def _strict_spans(
    run: str,
) -> tuple[Callable[[int], bool], Callable[[int], tuple[int, str] | None]]:
    """Whether the three characters from `j` decode (`chunk(j)`), and `_longest_strict` for every
    start in `run`, with the run encoded once.

    GB 18030 is stateless, so the bytes of `run[i:j]` are a slice of the run's bytes; and
    UTF-8 is self-synchronising, so a span that decodes is one whose bytes match
    `VALID_UTF8` (tested in C on the slice, with no exception per failed start)."""
    try:
        data = run.encode("gb18030")
    except UnicodeError:
        return (lambda j: _longest_strict(run[j : j + 3], 0) is not None), (lambda i: _longest_strict(run, i))
    offsets: Sequence[int] = (
        range(0, len(data) + 1, 2)  # every character two bytes: nearly every run of Chinese
        if len(data) == 2 * len(run) and not ONE_BYTE.search(run)  # none shorter, so none longer
        else [0, *itertools.accumulate(len(ch.encode("gb18030")) for ch in run)]
    )

    def chunk(j: int) -> bool:
        return j + 3 <= len(run) and VALID_UTF8.fullmatch(data, offsets[j], offsets[j + 3]) is not None

    def longest(i: int) -> tuple[int, str] | None:
        j = i
        while chunk(j):
            j += 3
        return (j, data[offsets[i] : offsets[j]].decode("utf-8")) if j > i else None

    return chunk, longest


def _starts_reaching_rare(run: str, chunk: Callable[[int], bool]) -> list[int]:
    """The starts whose longest decodable span covers a rare character, in order: the only ones
    `_better` can accept (a span whose source holds no rare character cannot lose one). Found
    by walking back, three characters at a time, from each rare character while the chunks
    decode (one or two steps in real text), not by trying every start of the run."""
    starts: set[int] = set()
    decodes: dict[int, bool] = {}
    for rare in rare_positions(run):
        for first in (rare, rare - 1, rare - 2):  # the chunk holding it, at each alignment
            i = first
            while i >= 0:
                ok = decodes.get(i)
                if ok is None:
                    ok = decodes[i] = chunk(i)
                if not ok:
                    break
                starts.add(i)
                i -= 3
    return sorted(starts)


def _longest_strict(run: str, i: int) -> tuple[int, str] | None:
    """The longest span from `i` (3 GBK chars = 2 UTF-8 hanzi) that decodes strictly."""
    best = None
    for j in range(i + 3, len(run) + 1, 3):
        try:
            best = (j, run[i:j].encode("gb18030").decode("utf-8"))
        except UnicodeError:
            break
    return best


def _longest_lossy(run: str, i: int) -> tuple[int, str] | None:
    """As `_longest_strict`, for a run the wrong decode left U+FFFD in: each U+FFFD is one
    lost byte, so alignment is per byte, and a character missing a byte becomes `〓`."""
    best = None
    for j in range(i + 2, len(run) + 1):
        decoded = _utf8_with_holes(_gbk_bytes(run[i:j]))
        if decoded is None:
            break
        if (
            decoded
            and decoded.count(LOST) <= MAX_LOST_SHARE * len(decoded)
            and all(map(_hanzi_or_mark, decoded))
        ):
            best = (j, decoded)
    return best


def _hanzi_or_mark(ch: str) -> bool:
    """What a lossy reading may contain: byte alignment is weak evidence, so no 2-byte
    UTF-8 letters (Greek, Armenian ...) that a misaligned legit hanzi would decode to."""
    return ch == LOST or ch in COMMON_PUNCT or CJK.fullmatch(ch) is not None


def _gbk_bytes(text: str) -> list[int | None]:
    """The bytes a wrong GBK decode turned into `text`; `None` for each byte it replaced."""
    out: list[int | None] = []
    for ch in text:
        if ch == "\ufffd":
            out.append(None)
        else:
            out.extend(ch.encode("gb18030"))
    return out


def _utf8_sequence_length(lead: int) -> int:
    """How many bytes a UTF-8 sequence starting with `lead` has (0: not a lead byte)."""
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    return 4 if 0xF0 <= lead <= 0xF4 else 0


def _utf8_with_holes(items: list[int | None]) -> str | None:
    """Decode UTF-8 bytes some of which are lost; '' when the bytes end inside a character,
    None when known bytes are not UTF-8. A character with a lost byte is `〓`."""
    out: list[str] = []
    i = 0
    while i < len(items):
        b = items[i]
        if b is None:  # a lost lead byte: its continuation bytes are orphans
            out.append(LOST)
            i += 1
            while i < len(items) and items[i] is not None and 0x80 <= items[i] <= 0xBF:
                i += 1
            continue
        size = _utf8_sequence_length(b)
        if not size:
            return None
        chunk = items[i : i + size]
        if len(chunk) < size:
            return ""
        if None in chunk:
            out.append(LOST)
        else:
            try:
                out.append(bytes(chunk).decode("utf-8"))
            except UnicodeDecodeError:
                return None
        i += size
    return "".join(out)


@cache
def _starts_utf8(ch: str) -> bool:
    """Whether the GB 18030 bytes of `ch` begin like a multi-byte UTF-8 character (0xC2-0xF4)."""
    return 0xC2 <= ch.encode("gb18030")[0] <= 0xF4


def _better(garbage: str, decoded: str) -> bool:
    """A reading is accepted when it is printable Chinese and strictly less rare than the source."""
    if not all(ch.isprintable() for ch in decoded) or not re.search(f"[{CJK_CLASS}]", decoded):
        return False
    return rare_count(decoded) < rare_count(garbage) and rare_count(decoded) <= MAX_RARE_SHARE * len(decoded)


def find_utf8_as_gbk(text: str, _options: Options) -> Iterable[Change]:
    if common_outside_ascii(text):
        return  # no run holds a rare character: none can read as less rare
    for m in NON_ASCII_RUN.finditer(text):
        if all_common(m.group()):
            continue  # a reading must be less rare than its source: nothing rare, nothing to fix
        for c in _utf8_as_gbk(m.group()):
            yield Change(m.start() + c.start, m.start() + c.end, c.replacement)


# --- GBK read as Latin-1 -----------------------------------------------------

# LATIN1_RUN and latin1_as_gbk live in `gbk` (ftfy's guard needs them too).


# --- GBK read one byte off, lossy ----------------------------------------------

#: Non-hanzi that GBK double bytes decode to when paired wrongly (rows 0xA4-0xA7: kana,
#: Greek, Cyrillic): inside a shifted span they are garbage like any other character.
GBK_SYMBOL_CLASS: str = _DATA["shifted"]["gbk_symbol_class"]
#: Where a shifted span may start: after Chinese, or after the half-width marks of a scraped page.
SHIFT_AFTER = COMMON_PUNCT + _DATA["shifted"]["start_after_ascii"]

SHIFTED = re.compile(
    rf"(?<=[{CJK_CLASS}{SHIFT_AFTER}])[{LOST_MARKS}][!?\ufffd]*"
    rf"[{CJK_CLASS}{GBK_SYMBOL_CLASS}]*(?:[A-Za-z](?=[{CJK_CLASS}])|[{LOST_MARKS}])?"
)


def _items(span: str, readings: tuple[bool, ...]) -> list[int | None] | None:
    """The byte stream a span stands for; `None` is a lost byte. `readings` picks, for each
    inner `?`, whether it is a lost byte (False) or a folded `？` (True). The first and last
    marks are lost bytes: that is where the pairing went wrong."""
    out: list[int | None] = []
    k = 0
    for pos, ch in enumerate(span):
        if ch == "\ufffd" or (ch == "?" and pos in (0, len(span) - 1)):
            out.append(None)
            continue
        if ch == "?":
            folded = readings[k]
            k += 1
            if not folded:
                out.append(None)
                continue
        ch = FOLDED.get(ch, ch)
        try:
            out.extend(ch.encode("gbk"))
        except UnicodeEncodeError:
            return None
    return out


def _pair(items: list[int | None]) -> str | None:
    """Decode a byte stream as GBK from its first byte; lost bytes make `〓`, a bad pair fails."""
    out: list[str] = []
    i = 0
    while i < len(items):
        b = items[i]
        if b is not None and b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        t = items[i + 1] if i + 1 < len(items) else None
        if b is None and t is not None and t < 0x40:
            out.append(LOST)  # a lone lost byte before ASCII
            i += 1
            continue
        if b is None or t is None:
            out.append(LOST)
        else:
            try:
                out.append(bytes([b, t]).decode("gbk"))
            except UnicodeDecodeError:
                return None
        i += 2
    return "".join(out)


def repair_shifted(span: str, after_mark: bool = False) -> str | None:
    """The best re-paired reading of a suspicious span, or None when it is not mojibake.

    `after_mark`: the span follows a comma-like mark, where a question mark cannot stand,
    so its first `?` is certainly a lost byte (as strong a sign as `??` or `?!`)."""
    if not span.strip("?"):
        return None  # only question marks: `repair.mojibake_lost_run` decides
    if "?" not in span and "!" not in span:
        # U+FFFD with no folded marks: the decoder already consumed the bad bytes, so nothing
        # pairs wrongly after it; each U+FFFD is one 〓 (`repair.replacement_char`)
        return None
    strong = after_mark or (len(span) >= 2 and span[1] in "!?\ufffd")
    body = span.strip(LOST_MARKS + "!")
    if not body and len(span) < 3:
        return None
    if body and not strong and span[-1] not in LOST_MARKS:
        return None
    if not strong and len(span) < 3:
        return None
    ambiguous = span[1:-1].count("?")
    if ambiguous > MAX_AMBIGUOUS:
        return None
    best: str | None = None
    for readings in itertools.product((True, False), repeat=ambiguous):
        items = _items(span, readings)
        decoded = _pair(items) if items is not None else None
        if decoded is None or not all_common(decoded):
            continue
        if best is None or decoded.count(LOST) < best.count(LOST):
            best = decoded
    if best is None:
        return None
    source_rare = rare_count(span.strip(LOST_MARKS))
    if best.count(LOST) == len(best) or rare_count(best) < source_rare or strong:
        return best
    return None


def find_shifted(text: str, _options: Options) -> Iterable[Change]:
    if "?" not in text and "\ufffd" not in text:
        return
    for m in SHIFTED.finditer(text):
        if text[m.start() - 1] in QUESTION_ENDINGS:
            continue  # `为什么??我`, `真的吗?!你`: real marks after a question
        fixed = repair_shifted(m.group(), after_mark=text[m.start() - 1] in MID_SENTENCE)
        if fixed is not None and fixed != m.group():
            yield Change(m.start(), m.end(), fixed)


# --- lossy encoding: one `?` per character the target codec lacked ---------------

#: Characters that end a question: `?` runs after them are real question marks (`为什么??`).
QUESTION_ENDINGS: str = _DATA["lost_run"]["question_endings"]
#: Inside a sentence, a run of `?` this long stands for lost characters ...
LOST_RUN_MIN: int = _DATA["lost_run"]["min_length"]
#: ... and a shorter run too when a mid-sentence mark follows (a question never ends in `，`).
MID_SENTENCE: str = _DATA["lost_run"]["mid_sentence"]
LOST_RUN = re.compile(rf"(?<=[{CJK_CLASS}])\?{{2,}}(?=[{CJK_CLASS}{MID_SENTENCE}])")


def lost_run(m: re.Match[str]) -> str:
    """`文件名为??????，` -> six 〓: a lossy encode wrote `?` for every character it could not."""
    before = m.string[m.start() - 1]
    after = m.string[m.end()]
    if before in QUESTION_ENDINGS:
        return m.group()
    if len(m.group()) < LOST_RUN_MIN and after not in MID_SENTENCE:
        return m.group()
    return LOST * len(m.group())


# --- one `?` inside a word ----------------------------------------------------------

#: A `?` after one of these cannot end a question ...
NEVER_ENDS: str = _DATA["lost_in_word"]["never_ends"]
#: ... nor before one of these begin the next sentence, unless a word starts there.
NEVER_BEGINS: str = _DATA["lost_in_word"]["never_begins"]
BEGINS_ANYWAY: tuple[str, ...] = tuple(_DATA["lost_in_word"]["begins_anyway"])
LOST_IN_WORD = re.compile(rf"(?<=[{CJK_CLASS}])\?(?=[{CJK_CLASS}])")


def lost_in_word(m: re.Match[str]) -> str:
    """`我?们` -> `我〓们`: a `?` where no question can end stands for a lost character."""
    text, at = m.string, m.start()
    before, after = text[at - 1], text[at + 1]
    if before in QUESTION_ENDINGS:
        return m.group()
    if before in NEVER_ENDS or (after in NEVER_BEGINS and not text.startswith(BEGINS_ANYWAY, at + 1)):
        return LOST
    return m.group()


# --- unrecoverable -------------------------------------------------------------

LOST_WITH_READING = re.compile(rf"[{LOST_MARKS}][(（]?({SYLLABLE_RUN}[{TONE_DIGITS}]?)[)）]")


def lost_with_reading(m: re.Match[str]) -> str:
    """`?cái)` -> 〓 when the letters are one pinyin syllable with its tone (a mark or a digit):
    a converter's reading. `真的吗?(laugh)` and `好吗?(hao)` keep their question mark."""
    letters = m.group(1)
    if is_syllable(letters) and (is_toned(letters) or letters[-1] in TONE_DIGITS):
        return LOST
    return m.group()


#: U+FFFD twice, written as UTF-8 and read as GBK.
KUNJINKAO_TEXT: str = _DATA["unrecoverable"]["kunjinkao"]
KUNJINKAO = re.compile(re.escape(KUNJINKAO_TEXT))
REPLACEMENT = re.compile("\ufffd")

MOJIBAKE_UTF8_AS_GBK = RULES.add(
    Rule("repair.mojibake_gbk", "repair", "UTF-8 text that was decoded as GBK, reversed", find_utf8_as_gbk)
)
MOJIBAKE_LATIN1 = RULES.regex(
    "repair.mojibake_latin1", "repair", LATIN1_RUN, latin1_as_gbk, "GBK text read as Latin-1, reversed"
)
MOJIBAKE_LOST_READING = RULES.regex(
    "repair.mojibake_lost_char",
    "repair",
    LOST_WITH_READING,
    lost_with_reading,
    "a character lost to `?` with its converter reading left behind, marked 〓",
    needles=tuple(LOST_MARKS),
)
MOJIBAKE_LOST_RUN = RULES.regex(
    "repair.mojibake_lost_run",
    "repair",
    LOST_RUN,
    lost_run,
    "a run of `?` inside a sentence (a lossy encode), one 〓 per character",
    needles=("??",),
)
MOJIBAKE_SHIFTED = RULES.add(
    Rule(
        "repair.mojibake_shifted",
        "repair",
        "GBK read one byte off: re-paired, lost chars 〓",
        find_shifted,
        could_apply=containing(*LOST_MARKS),
    )
)
MOJIBAKE_LOST_IN_WORD = RULES.regex(
    "repair.mojibake_lost_in_word",
    "repair",
    LOST_IN_WORD,
    lost_in_word,
    "a `?` inside a word, where no question can end, marked 〓",
    needles=("?",),
)
MOJIBAKE_KUNJINKAO = RULES.regex(
    "repair.mojibake_kunjinkao",
    "repair",
    KUNJINKAO,
    LOST,
    "锟斤拷 (lost bytes written twice) marked 〓",
    needles=(KUNJINKAO_TEXT,),
)
MOJIBAKE_REPLACEMENT = RULES.regex(
    "repair.replacement_char",
    "repair",
    REPLACEMENT,
    LOST,
    "U+FFFD replacement characters marked 〓",
    needles=("\ufffd",),
)

# --- lint: what must never be left in finished text ----------------------------

RESIDUE = re.compile(rf"\?!|[\ufffd]|{re.escape(KUNJINKAO_TEXT)}|(?<=[{CJK_CLASS}])\?(?=[{CJK_CLASS}])")

MOJIBAKE_RESIDUE = RULES.regex(
    "repair.mojibake_residue",
    "lint",
    RESIDUE,
    LOST,
    "mojibake left in finished text: `?!`, U+FFFD, 锟斤拷, an ASCII `?` between hanzi",
    # every match holds one of these: a text without them is not scanned by the alternation
    needles=("?", "\ufffd", KUNJINKAO_TEXT[0]),
)
