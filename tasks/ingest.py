"""Bytes to text: encoding detection, BOM, NUL and control characters out.

Everything after this stage works on `str`. Unusable input (empty, binary,
huge, undecodable) raises `IngestError` with a reason, so the flow can report
the file and go on with the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasks.model import Edit, Problem
from tasks.options import Options


class IngestError(Exception):
    """A raw file that cannot be turned into text; `kind` is a stable problem name."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    edits: list[Edit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, name: str, options: Options) -> Decoded:
    """Decode raw bytes; newlines normalised to LF, control characters removed with edits."""
    if len(data) > options.max_file_bytes:
        raise IngestError("huge", f"{name}: {len(data)} bytes is over the {options.max_file_bytes}-byte limit")
    if not data.strip():
        raise IngestError("empty", f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("gb18030", errors="replace"), "gb18030"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    edits: list[Edit] = []
    for n, line in enumerate(text.split("\n"), 1):
        for m in CONTROL.finditer(line):
            edits.append(Edit("ingest", "ingest.control_char", m.group(), "", n, m.start()))
    return Decoded(CONTROL.sub("", text), encoding, edits)
