"""Presentation forms of punctuation that print has full-width forms for (data: `data/forms.toml`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change

#: Small-form and vertical variants -> the full-width forms of print.
SMALL_FORMS: dict[str, str] = load(__file__, "forms")["small_forms"]
SMALL_FORM_RE = re.compile("[" + "".join(SMALL_FORMS) + "]")


def find_small_forms(text: str, _options: Options) -> Iterator[Change]:
    for m in SMALL_FORM_RE.finditer(text):
        yield Change(m.start(), m.end(), SMALL_FORMS[m.group()])
