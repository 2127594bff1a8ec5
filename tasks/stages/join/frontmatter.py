"""A Markdown document's front matter: read for its fields and its title, taken out of the text."""

from __future__ import annotations

from typing import Any

import yaml

from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.join.candidate import Candidate
from zhclean.tasks.stages.join.data import FRONT_MATTER_FIELD, FRONT_MATTER_TITLE
from zhclean.tasks.stages.join.rules import DEFAULT_OPTIONS, RULE_FRONT_MATTER
from zhclean.tasks.text.markdown import front_matter_span


def front_matter(
    lines: list[Line], options: Options = DEFAULT_OPTIONS
) -> tuple[int, dict[str, Any], Candidate | None, list[Edit], list[Removed]]:
    """A leading `---` block of `key: value` lines: how many lines it takes, its fields, and its
    `title` as a top heading (the key is the edit's `before`). `(0, {}, None, [], [])` when there is none.

    The fields are read as YAML (every scalar a string, as written), so a nested value stays nested
    (`l10n:` over `  sourceCommit: …`, `tags:` over `  - 客户端错误`); front matter that is no valid
    YAML is read line by line, each `key: value` a field."""
    span = front_matter_span([line.text for line in lines]) if options.enabled(RULE_FRONT_MATTER) else None
    if span is None:
        return 0, {}, None, [], []
    first, close = span
    inside = [line for line in lines[first + 1 : close] if line.text.strip()]
    fields: dict[str, Any] = {}
    title: Candidate | None = None
    title_key = ""
    edits: list[Edit] = []
    removed = [Removed(lines[first].text.strip(), RULE_FRONT_MATTER, lines[first].number)]
    removed.append(Removed(lines[close].text.strip(), RULE_FRONT_MATTER, lines[close].number))
    for line in inside:
        m = FRONT_MATTER_FIELD.match(line.text.strip())
        key, value = (m.group(1), m.group(2).strip().strip("'\"")) if m else ("", line.text.strip())
        top = FRONT_MATTER_FIELD.match(line.text) is not None  # not a key nested under another
        if m and top and key.lower() == FRONT_MATTER_TITLE and value and title is None:
            title_key = key
            title = Candidate(value, line.number, 1)
            edits.append(
                Edit("join", RULE_FRONT_MATTER, line.text[: line.text.index(value)], "", line.number, 0)
            )
            continue
        if m:
            fields[key] = value
        removed.append(Removed(line.text.strip(), RULE_FRONT_MATTER, line.number))
    parsed = yaml_fields("\n".join(line.text for line in lines[first + 1 : close]))
    if parsed is not None:
        fields = {k: v for k, v in parsed.items() if not (title is not None and k == title_key)}
    return close + 1, fields, title, edits, removed


def yaml_fields(text: str) -> dict[str, Any] | None:
    """Front matter read as YAML with every scalar a string (`2` and `2024-01-01` as written), or
    None when it is no mapping of YAML."""
    try:
        parsed = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds no objects
    except yaml.YAMLError:
        return None
    return {str(k): v for k, v in parsed.items()} if isinstance(parsed, dict) else None
