"""Property tests over the whole per-document normalisation, with random Unicode text.

Invariants: ingest refuses only empty, blank or control-heavy input and never
raises anything else; all output text is NFC and encodes to UTF-8; no CJK
ideograph disappears without a record; and a second pass over the output
changes no article text (see `test_second_pass_changes_no_text` for what
exactly is compared, and why).
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhclean.tasks.core.model import Document
from zhclean.tasks.pipeline.accounting import describe, unaccounted
from zhclean.tasks.pipeline.run import normalize_document
from zhclean.tasks.stages.ingest.decode import BINARY_CONTROL_SHARE, IngestError, control_share

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def chars(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.characters(min_codepoint=lo, max_codepoint=hi, exclude_categories=["Cs"])


#: The kinds of characters a damaged Chinese corpus holds, each drawn often enough to matter.
PIECES = st.one_of(
    chars(0x4E00, 0x9FFF),  # CJK ideographs
    chars(0x3400, 0x4DBF),  # CJK extension A
    chars(0xF900, 0xFAFF),  # CJK compatibility ideographs (NFC changes them)
    chars(0x3000, 0x303F),  # CJK punctuation
    chars(0xFF01, 0xFF5E),  # full-width forms
    st.sampled_from(list("，。、；：？！“”‘’（）《》【】…—·")),
    chars(0x20, 0x7E),  # ASCII, punctuation and Markdown marks included
    st.sampled_from(list("#*_[]<>`|\\")),
    chars(0x00, 0x1F),  # controls, NUL included
    chars(0x1F300, 0x1FAFF),  # emoji
    chars(0x0300, 0x036F),  # combining marks
    chars(0x0590, 0x06FF),  # Hebrew and Arabic (RTL)
    st.sampled_from(["\n", "\n\n", "\r\n", "\u200b", "\u00a0", "\ufeff", "\u2028"]),
)
TEXTS = st.lists(PIECES, max_size=120).map("".join)

#: Refusals that random UTF-8 text may legitimately get.
BLANK_KINDS = {"empty", "whitespace_only"}


def output_texts(doc: Document) -> list[str]:
    """Every piece of text an edition shows: titles, subtitles, authors, blocks."""
    out: list[str] = []
    for a in doc.articles:
        out += [a.title, a.subtitle or "", *a.authors]
        out += [b.text for b in a.blocks]
    return out


def edition_text(doc: Document) -> list[str]:
    """The text a reader gets, once: a title taken from the start of the first paragraph
    (an article with no heading) is that paragraph's text, so it is not repeated."""
    out: list[str] = []
    for a in doc.articles:
        derived = bool(a.blocks) and a.blocks[0].text.startswith(a.title)
        out += [] if derived else [a.title]
        out += [a.subtitle or "", *a.authors, *(b.text for b in a.blocks)]
    return [t for t in out if t]


def normalize_or_refuse(text: str) -> Document | None:
    """The document, or None for an allowed refusal; anything else fails the test."""
    data = text.encode()
    try:
        return normalize_document(data, "fuzz.txt")
    except IngestError as err:
        if err.kind == "binary":
            assert control_share(data) > BINARY_CONTROL_SHARE, str(err)
        else:
            assert err.kind in BLANK_KINDS, str(err)
            assert not "".join(ch for ch in text if ch.isprintable() and not ch.isspace()).strip(
                "\u200b\ufeff"
            )
        return None


@FUZZ
@given(TEXTS)
def test_never_raises_and_output_is_nfc_utf8(text: str) -> None:
    doc = normalize_or_refuse(text)
    if doc is None:
        return
    for piece in output_texts(doc):
        assert unicodedata.is_normalized("NFC", piece), piece
        piece.encode("utf-8")  # no lone surrogates: raises if one slipped through


@FUZZ
@given(TEXTS)
def test_no_cjk_ideograph_lost_without_a_record(text: str) -> None:
    doc = normalize_or_refuse(text)
    if doc is None:
        return
    if doc.encoding not in ("utf-8", "utf-8-sig"):  # control-heavy input read as BOM-less UTF-16
        assert control_share(text.encode()) > BINARY_CONTROL_SHARE
        return
    missing = unaccounted(text, doc)
    assert not missing, describe(missing)


@FUZZ
@given(TEXTS)
def test_second_pass_changes_no_text(text: str) -> None:
    """Normalising the output again must not change it.

    The Markdown-free output (`edition_text`: titles and blocks, one per line) is fed back in.
    Segmentation may legitimately cut it differently the second time (a first
    paragraph can become a title, two short lines can be joined), so what is
    compared is the article text with the cut points and whitespace ignored:
    every character the first pass kept, in order.
    """
    first = normalize_or_refuse(text)
    if first is None or not first.articles:
        return
    second = normalize_or_refuse("\n".join(edition_text(first)))
    assert second is not None, "the output of a pass is never refused"
    assert squeeze(edition_text(second)) == squeeze(edition_text(first))


def squeeze(texts: list[str]) -> str:
    return "".join("".join(t.split()) for t in texts)
