"""zhclean: clean, simplified-Chinese editions from raw Chinese document corpora.

The batch product is the `zhclean` command (a Prefect flow over a folder). From
Python, the same stages and rules are a few functions, in the manner of ftfy::

    >>> import zhclean
    >>> zhclean.clean_text("他說:「今天天氣很好」")
    '他说：“今天天气很好”'

- `clean_text(text)`: repair -> script -> typography on a fragment (line by line).
- `clean_text_and_explain(text)`: the same, with every edit (rule, before, after, place).
- `to_simplified(text)`: only the script conversion (OpenCC tables, `script_table=`).
- `typeset(text)`: only punctuation, quotes and spacing (`block_type="heading"` for a headline).
- `normalize(data, name)`: one whole document (bytes or str) to a `Document` with articles.

Every function takes the run options as keywords: `disable=` (rule names or group
prefixes such as `"punct."`; an unknown name raises `UnknownRule`), `pangu=` (one
space between CJK and Latin) and `script_table=` (`t2s`, `tw2s`, `hk2s`, `tw2sp`).
The modules below are imported on first use, so `import zhclean` stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhclean.tasks.core.model import Document, Edit
    from zhclean.tasks.core.options import Options

__all__ = ["clean_text", "clean_text_and_explain", "normalize", "options", "to_simplified", "typeset"]


def options(disable: Iterable[str] = (), pangu: bool = False, script_table: str = "t2s") -> Options:
    """Run options, checked: an unknown rule name or script table raises ValueError."""
    from zhclean.tasks.core.options import SCRIPT_TABLES, Options
    from zhclean.tasks.pipeline.catalogue import check_disabled

    names = list(disable)
    check_disabled(names)
    if script_table not in SCRIPT_TABLES:
        raise ValueError(f"script_table must be one of {', '.join(SCRIPT_TABLES)}, not {script_table!r}")
    return Options(disabled_rules=frozenset(names), pangu=pangu, script_table=script_table)


def clean_text_and_explain(text: str, **opts: Any) -> tuple[str, list[Edit]]:
    """Repair, convert to simplified and typeset `text`; return it with the edits made."""
    from zhclean.tasks.pipeline.fragments import clean_fragment

    return clean_fragment(text, options(**opts))


def clean_text(text: str, **opts: Any) -> str:
    """Repair, convert to simplified and typeset `text` (each line one paragraph)."""
    return clean_text_and_explain(text, **opts)[0]


def to_simplified(text: str, **opts: Any) -> str:
    """Convert traditional or mixed script to simplified, nothing else."""
    from zhclean.tasks.pipeline.fragments import convert_fragment

    return convert_fragment(text, options(**opts))[0]


def typeset(text: str, block_type: str = "paragraph", **opts: Any) -> str:
    """Fix punctuation, quotes and spacing only (STYLE.md sections 2 and 3)."""
    from zhclean.tasks.pipeline.fragments import typeset_fragment

    return typeset_fragment(text, options(**opts), block_type)[0]


def normalize(data: bytes | str, name: str = "document.txt", **opts: Any) -> Document:
    """One whole document through every stage: articles, metadata and every edit.

    Raises `IngestError` for input that is empty, binary or undecodable."""
    from zhclean.tasks.pipeline.run import normalize_document

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return normalize_document(raw, name, options(**opts))
