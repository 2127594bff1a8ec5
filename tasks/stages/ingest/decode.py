"""Bytes to text: encoding detection, BOM, bad bytes, NUL and control characters out.

Everything after this stage works on NFC `str` with LF line ends. Unusable
input (empty, whitespace only, binary, huge, undecodable) raises `IngestError`
with a stable kind and a plain-words reason, so the flow can report the file
and go on with the others.

Why the decisions are made in this order:
- A BOM is proof, so it wins over any guess.
- Binary files are refused before guessing, or a PNG would be "decoded" as Big5.
- Strict UTF-8 is tried before any detector: valid UTF-8 of any length is
  almost never another encoding, while detectors guess wrong on short texts.
- A file that is mostly good UTF-8 with a few bad bytes keeps its good parts
  (one `〓` per bad sequence, reported); it is never re-decoded as GBK, which
  would turn every good character into garbage.
- Only then is the file a legacy Chinese encoding: charset-normalizer proposes
  the candidates and `encoding_score` settles GBK against Big5 by where the
  characters sit in each code table.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from zhclean.tasks.core.data import load
from zhclean.tasks.core.model import Edit, Problem
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import RuleList
from zhclean.tasks.text.charsets import CJK_CLASS

#: This stage's rules: decisions its code makes, declared so they can be listed and disabled.
RULES = RuleList()


class IngestError(Exception):
    """A raw file that cannot be turned into text; `kind` is a stable problem name.

    Kinds: empty, whitespace_only, binary, huge, undecodable, unreadable.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    edits: list[Edit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# --- binary detection -------------------------------------------------------

_DATA = load(__file__, "decode")

#: File signatures of formats that are never text (images, archives, documents, executables).
MAGIC_NUMBERS: dict[bytes, str] = {bytes.fromhex(sig): what for sig, what in _DATA["magic_numbers"].items()}

#: Bytes that do not occur in text in any ASCII-compatible encoding (tab, LF, VT, FF, CR excluded).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
#: Above this share of control bytes a file without a UTF-16 pattern is binary (binary formats
#: are NUL-heavy; a few stray controls in a short text must not reach it).
BINARY_CONTROL_SHARE: float = _DATA["binary_control_share"]
#: What a BOM-less UTF-16 reading must almost entirely consist of: ASCII, CJK, CJK punctuation.
UTF16_TYPICAL = re.compile(rf"[\t\n\r\x20-\x7e\u3000-\u303f{CJK_CLASS}\uff00-\uffef]")
UTF16_TYPICAL_SHARE: float = _DATA["utf16_typical_share"]

# --- byte order marks -------------------------------------------------------

#: Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# --- UTF-8 with damage against a legacy encoding ------------------------------

#: Detection looks at this much of a file (decoding always covers all of it).
SAMPLE_BYTES: int = _DATA["sample_bytes"]
#: Mostly UTF-8: at least this many valid CJK-range (3-byte) characters per bad sequence.
UTF8_CHARS_PER_BAD: int = _DATA["utf8_chars_per_bad"]
WIDE_CHAR = re.compile("[\u0800-\uffff]")
#: With no legacy reading, UTF-8 with `〓` is still used while bad bytes stay under this share.
MAX_BAD_BYTE_SHARE: float = _DATA["max_bad_byte_share"]
#: A legacy reading below this plausibility (0..1, see `encoding_score`) is not believed.
MIN_LEGACY_SCORE: float = _DATA["min_legacy_score"]
#: Legacy Chinese encodings, GB first: on a tie the mainland encoding is the likelier one.
GB_CODECS: tuple[str, ...] = tuple(_DATA["gb_codecs"])
BIG5_CODECS: tuple[str, ...] = tuple(_DATA["big5_codecs"])
LEGACY_CODECS = GB_CODECS + BIG5_CODECS

# --- cleaning ---------------------------------------------------------------

#: Marks a bad byte sequence between decoding and cleaning (a strict decoder never emits it).
PLACEHOLDER = "\udc00"
#: What a reader sees in place of an undecodable sequence (GB/T convention for a missing glyph).
GETA = "〓"
#: NUL, other C0 controls and DEL, and bad-sequence placeholders: one character class, because
#: the regex engine scans a class about three times faster than an alternation (50 MB lines).
CLEAN = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\udc00]+")
#: A matched run split by kind: NULs, other controls, placeholders.
PIECES = re.compile(r"(\x00+)|([\x01-\x08\x0e-\x1f\x7f]+)|(\udc00+)")
#: The characters CLEAN matches, to find the first one with fast substring searches.
CLEAN_CHARS = tuple(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, 0xDC00]))
#: Line ends other than LF; VT and FF are page/line breaks in OCR output.
LINE_ENDS = (("\r\n", "crlf"), ("\r", "cr"), ("\x0b", "vt"), ("\x0c", "ff"))
#: Characters that carry no text: a file of only these is `whitespace_only`.
BLANK = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"

# --- the rules: each kind of edit this stage writes, in the order they apply ----

#: One rule per kind of line end, `ingest.line_end_crlf` ...
LINE_END_RULES = {
    kind: RULES.declare(
        f"ingest.line_end_{kind}",
        "ingest",
        f"{kind.upper()} line ends become LF (one edit per kind and file)",
        fixed="every later stage splits lines at LF; another line end left in would sit inside a line",
    )
    for _, kind in LINE_ENDS
}
NUL_RULE = RULES.declare("ingest.nul", "ingest", "NUL characters removed")
CONTROL_RULE = RULES.declare(
    "ingest.control_char", "ingest", "C0 control characters and DEL removed (tab and line ends excepted)"
)
INVALID_BYTES_RULE = RULES.declare(
    "ingest.invalid_bytes",
    "ingest",
    f"byte sequences invalid in the file's encoding, each replaced by {GETA} and reported",
    fixed=f"a byte sequence that decodes to no character must become some character; {GETA} marks the place",
)
NFC_RULE = RULES.declare("ingest.nfc", "ingest", "Unicode NFC, so later rules see one form per character")

_local = threading.local()


def _mark_bad(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: remember the bad bytes, leave a placeholder, go on."""
    assert isinstance(err, UnicodeDecodeError)
    _local.bad.append(err.object[err.start : err.end])
    return PLACEHOLDER, err.end


codecs.register_error("zhclean.mark", _mark_bad)


def decode_marked(data: bytes, codec: str) -> tuple[str, list[bytes]]:
    """Decode, replacing each maximal ill-formed subsequence by a placeholder; return the bad bytes."""
    _local.bad = []
    try:
        return data.decode(codec, errors="zhclean.mark"), _local.bad
    finally:
        _local.bad = []


def reject_magic(data: bytes, name: str) -> None:
    """Raise `binary` for a known non-text file signature."""
    for magic, what in MAGIC_NUMBERS.items():
        if data.startswith(magic):
            raise IngestError("binary", f"{name}: this is {what}, not a text file")


def control_share(data: bytes) -> float:
    """Share of control bytes in a sample, NUL padding at the end left out (it is cleaned, not binary)."""
    sample = data[:SAMPLE_BYTES].rstrip(b"\x00")
    if not sample:
        return 1.0
    return (len(sample) - len(sample.translate(None, CONTROL_BYTES))) / len(sample)


def reject_controls(data: bytes, name: str) -> None:
    """Raise `binary` for a high share of control bytes (checked after UTF-16, which has NULs)."""
    share = control_share(data)
    if share > BINARY_CONTROL_SHARE:
        raise IngestError("binary", f"{name}: {round(100 * share)}% of the bytes are control bytes, not text")


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when a file with NULs reads as Chinese or ASCII text in UTF-16.

    ASCII and newlines in UTF-16 carry NUL bytes; a file with none is never
    tried (any even-length bytes decode as UTF-16). The reading must decode
    strictly and be almost all ASCII, CJK ideographs or CJK punctuation, which
    random bytes read as UTF-16 are not (they spread over the whole BMP).
    """
    sample = data[: SAMPLE_BYTES & ~1]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    shares: dict[str, float] = {}
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        shares[codec] = len(UTF16_TYPICAL.findall(text)) / len(text)
    best = max(shares, key=shares.__getitem__, default=None)
    return best if best and shares[best] >= UTF16_TYPICAL_SHARE else None


def _gb_weight(ch: str) -> float:
    """How typical `ch` is of GB text: GB2312 hanzi and symbols 1 (level 2: 0.5), GBK extension 0.5.

    The GBK extension holds the traditional forms, so a traditional text saved
    as GBK scores about 0.5; kana, Greek, box drawing and user rows (where
    Big5's common characters land) score 0.
    """
    raw = ch.encode("gb18030")
    if len(raw) != 2:
        return 0.0
    lead, trail = raw
    if lead <= 0xA0:
        return 0.5  # GBK/3
    if trail >= 0xA1:
        if 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7:
            return 1.0
        return 0.5 if 0xD8 <= lead <= 0xF7 else 0.0
    return 0.5 if lead >= 0xAA else 0.0  # GBK/4, or GBK/5 and user rows


def _big5_weight(ch: str, codec: str) -> float:
    """How typical `ch` is of Big5 text: frequent hanzi and symbols 1, less frequent half, rest 0.

    Big5-HKSCS reads a few byte pairs as two code points (`Ê̄` for 88 62): a combining mark
    that has no bytes of its own then weighs 0 (it is no typical Big5 character)."""
    try:
        raw = ch.encode(codec)
    except UnicodeEncodeError:
        return 0.0
    if len(raw) != 2:
        return 0.0
    code = raw[0] << 8 | raw[1]
    if 0xA140 <= code <= 0xA3BF or 0xA440 <= code <= 0xC67E:
        return 1.0
    return 0.5 if 0xC940 <= code <= 0xF9D5 else 0.0


def encoding_score(text: str, codec: str) -> float:
    """Plausibility (0..1) of a legacy reading: the mean typicality of its non-ASCII characters.

    The same bytes read in the wrong table land in its rare corners: Big5's
    common characters (leads A4-AF) fall in GB's kana/Greek/user rows, and
    GB's common characters often fall outside Big5 or in its rarer half.
    """
    wide = [ch for ch in text[: SAMPLE_BYTES // 2] if ord(ch) > 0x7F]
    if not wide:
        return 1.0
    weigh = _gb_weight if codec in GB_CODECS else lambda ch: _big5_weight(ch, codec)
    return sum(weigh(ch) for ch in wide) / len(wide)


def legacy_reading(data: bytes) -> tuple[str, float] | None:
    """The most plausible legacy Chinese codec for `data` and its score, or None.

    charset-normalizer proposes the codecs whose reading is not a mess; every
    codec that decodes the whole file strictly is then scored.
    """
    proposed = {m.encoding for m in from_bytes(data[:SAMPLE_BYTES], cp_isolation=list(LEGACY_CODECS))}
    best: tuple[str, float] | None = None
    for codec in [c for c in LEGACY_CODECS if c in proposed] or LEGACY_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = encoding_score(text, codec)
        if best is None or score > best[1]:
            best = (codec, score)
        if codec in BIG5_CODECS:
            break  # the Big5 supersets only matter when plain Big5 fails
    return best


def utf8_damage(data: bytes) -> tuple[int, int]:
    """(valid 3-byte characters, bad sequences) in a sample read as UTF-8."""
    text = data[:SAMPLE_BYTES].decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return len(WIDE_CHAR.findall(text)) - bad, bad


def choose_decoding(data: bytes, name: str) -> tuple[str, str, list[bytes]]:
    """Decode `data`: (text with placeholders, codec name, bad byte sequences)."""
    reject_magic(data, name)
    for bom, codec in BOMS:
        if data.startswith(bom):
            text, bad = decode_marked(data[len(bom) :], codec.removesuffix("-sig"))
            return text, codec, bad
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if utf8 is None or control_share(data) > BINARY_CONTROL_SHARE:  # else it is UTF-8 with a few NULs
        codec16 = utf16_without_bom(data)
        if codec16:
            text, bad = decode_marked(data, codec16)
            return text, codec16, bad
    reject_controls(data, name)
    if utf8 is not None:
        return utf8, "utf-8", []
    wide, bad_count = utf8_damage(data)
    if wide < UTF8_CHARS_PER_BAD * bad_count:
        legacy = legacy_reading(data)
        if legacy and legacy[1] >= MIN_LEGACY_SCORE:
            return data.decode(legacy[0]), legacy[0], []
    text, bad = decode_marked(data, "utf-8")
    lost = sum(len(b) for b in bad)
    if lost > MAX_BAD_BYTE_SHARE * len(data):
        raise IngestError(
            "undecodable",
            f"{name}: not UTF-8, UTF-16, GB18030 or Big5 ({lost} of {len(data)} bytes cannot be decoded)",
        )
    return text, "utf-8", bad


def normalize_line_ends(text: str) -> tuple[str, list[Edit]]:
    """CRLF, CR, VT and FF become LF: one summary edit per kind of line end (not one per line)."""
    edits: list[Edit] = []
    for end, kind in LINE_ENDS:
        at = text.find(end)
        if at >= 0:
            edits.append(Edit("ingest", LINE_END_RULES[kind].name, end, "\n", text.count("\n", 0, at) + 1))
            text = text.replace(end, "\n")
    return text, edits


def clean(text: str, bad: list[bytes], options: Options | None = None) -> tuple[str, list[Edit]]:
    """One pass: placeholders to `〓`, NUL runs and other control runs out, each run an edit.

    With `ingest.nul` or `ingest.control_char` switched off, those runs stay in the text.

    The scan starts at the first such character and line numbers are counted
    incrementally between matches, so the pass stays linear on a file of a
    million lines or one 50 MB line.
    """
    first = min((i for ch in CLEAN_CHARS if (i := text.find(ch)) >= 0), default=-1)
    if first < 0:
        return text, []
    options = options or Options()
    keep_nul = not options.enabled(NUL_RULE.name)
    keep_control = not options.enabled(CONTROL_RULE.name)
    edits: list[Edit] = []
    pending = iter(bad)
    line_start = text.rfind("\n", 0, first) + 1
    line, scanned = text.count("\n", 0, line_start) + 1, line_start

    def replace(m: re.Match[str]) -> str:
        nonlocal line, line_start, scanned
        at = first + m.start()  # the match is in text[first:]
        newlines = text.count("\n", scanned, at)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, at) + 1
        scanned = at
        out = []
        for piece in PIECES.finditer(m.group()):
            nul, control, marks = piece.groups()
            offset = at + piece.start() - line_start
            if nul:
                if keep_nul:
                    out.append(nul)
                else:
                    edits.append(Edit("ingest", NUL_RULE.name, nul, "", line, offset))
            elif control:
                if keep_control:
                    out.append(control)
                else:
                    edits.append(Edit("ingest", CONTROL_RULE.name, control, "", line, offset))
            else:
                shown = " | ".join(next(pending).hex(" ") for _ in marks)
                edits.append(
                    Edit(
                        "ingest", INVALID_BYTES_RULE.name, f"<bytes {shown}>", GETA * len(marks), line, offset
                    )
                )
                out.append(GETA * len(marks))
        return "".join(out)

    return text[:first] + CLEAN.sub(replace, text[first:]), edits


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection on slices (C speed on long lines)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def to_nfc(text: str) -> tuple[str, list[Edit]]:
    """NFC, so later rules see one form per character; each changed line span is an edit."""
    if unicodedata.is_normalized("NFC", text):
        return text, []
    edits: list[Edit] = []
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        if unicodedata.is_normalized("NFC", line):
            continue
        new = unicodedata.normalize("NFC", line)
        head = _common_prefix(line, new)
        tail = _common_prefix(line[head:][::-1], new[head:][::-1])
        edits.append(
            Edit("ingest", NFC_RULE.name, line[head : len(line) - tail], new[head : len(new) - tail], n, head)
        )
        lines[n - 1] = new
    return "\n".join(lines), edits


def decode(data: bytes, name: str, options: Options) -> Decoded:
    """Decode raw bytes to clean NFC text with LF line ends; every change is an edit."""
    if len(data) > options.max_file_bytes:
        raise IngestError(
            "huge", f"{name}: {len(data)} bytes is over the limit of {options.max_file_bytes} bytes"
        )
    if not data:
        raise IngestError("empty", f"{name}: the file is empty (0 bytes)")
    text, encoding, bad = choose_decoding(data, name)
    text, edits = normalize_line_ends(text)
    text, cleaned = clean(text, bad, options)
    text, nfc = to_nfc(text) if options.enabled(NFC_RULE.name) else (text, [])
    if not text.strip(BLANK):
        raise IngestError("whitespace_only", f"{name}: the file holds only whitespace, no text")
    problems = []
    if bad:
        first = next(e.line for e in cleaned if e.kind == INVALID_BYTES_RULE.name)
        problems.append(
            Problem(
                name,
                "ingest",
                INVALID_BYTES_RULE.name,
                f"{name}: {len(bad)} byte sequence(s) are not valid {encoding} and were replaced by "
                f"{GETA} (first on line {first})",
            )
        )
    return Decoded(text, encoding, edits + cleaned + nfc, problems)
