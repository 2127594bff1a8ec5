"""Non-body text: running heads, page numbers, section labels, masthead, TOC, web furniture.

Runs after repair and script conversion (simplified text, raw line numbers)
and before paragraphs are joined: a running head often sits between the two
halves of a sentence split by a page break, and repetition across the whole
document is its best signal. Each kind of furniture has its own detector
module; this one runs them in order, each seeing only the lines the earlier
ones left (subtitle cues first, whose numbers look like page numbers; then the
TOC, since its entries look like footers; the masthead
after running heads, so a periodical title above it is already known).

A rule switched off by name (`Options.disabled_rules`) leaves its lines in
the body and takes nothing from them into metadata (see `_detect`); a detector
whose rules are all switched off does not run.

Whatever leaves the body is either kept in `metadata` or recorded in
`removed` with the rule name as reason; a claimed line whose CJK text is
only partly in metadata (a label such as `主办`, a dateline's date) leaves the
rest as a `Removed` record, so the CJK accounting balances.

Metadata contract (what segmentation and the editions may rely on):

- `toc`: list of `{"page": int|None, "title": str, "author": str|None,
  "section": str|None, "line": int}`, in TOC order; `line` is the raw line of
  the entry, `section` the TOC heading the entry sits under; `"subtitle": str`
  is added when a `——…` line follows the title.
- `section_labels`: list of `{"line": int, "text": str, "latin": str|None}`
  for labels such as `XX观察 GUANCHA`; articles starting after `line` (until
  the next label) belong to section `text`.
- `date`: ISO 8601 (`2020-03-20T10:52` or `2020-03-20`); `source`: str;
  `original_title`: str; `editors`: list of names (web editor credits and
  newspaper page-editor credits alike).
- `authors`: list of names (or a unit) from a web dateline's `作者：` field.
- `edition`: a newspaper page header's `{"page": str, "name": str|None,
  "line": int}` (`page` as printed: `"3"`, `"A05"`; `paper` added when the
  header names the paper too); the page's date goes to `date`.
- `masthead`: dict of label -> value as printed (spaces removed from the
  label), e.g. `{"主办": "...", "地址": "...", "编委会": {"主编": [names]}}`;
  unlabelled masthead lines under `其他`, notices under `说明`.
- `periodical`: the periodical's title when the masthead names it (`《…》编辑部`).
- `issue`: `{"text": str, "number": int, "year"?: int, "total"?: int}`.
- `running_heads`: the distinct running-head texts (without page numbers).
- `page_marks`: list of `{"line": int, "page": int}` from footers and bare
  page numbers: the page that ends (or starts) at that raw line.
- `law_history`: list of `{"line": int, "date": str|None, "text": str}`, a law's
  dated notes of enactment and amendment (wrapped lines joined), in order.
- `date_lines`: list of `{"line": int, "date": str}`, each date line next to a
  title (ISO, ROC years converted); the first is also `date`.
- `cues`: list of `{"line": int, "start": str, "end": str, "number"?: int}`, a
  subtitle file's cue timings (the timing line's raw number; times as printed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from zhclean.tasks.core.model import Edit, Line, Removed
from zhclean.tasks.core.options import Options
from zhclean.tasks.stages.furniture import (
    cues,
    date_lines,
    law_history,
    markers,
    markup,
    masthead,
    page_header,
    running_heads,
    section_labels,
    toc,
    web_meta,
)
from zhclean.tasks.stages.furniture.base import Found, has_cjk, leftover

Detector = Callable[[list[Line], set[int], Options], Found]


@dataclass(slots=True)
class Furniture:
    lines: list[Line]
    metadata: dict[str, Any] = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)


def _find_toc(lines: list[Line], taken: set[int], options: Options) -> Found:
    return toc.find_toc(
        lines, taken, is_field=lambda text: masthead.parse_field(text) is not None, options=options
    )


def _plain(detect: Callable[[list[Line], set[int]], Found]) -> Detector:
    """A detector that needs no options (the rules it claims under are checked by `_detect`)."""
    return lambda lines, taken, _options: detect(lines, taken)


#: The detectors in the order they run, each with the rules it claims lines under: a
#: detector runs unless all of them are switched off.
DETECTORS: tuple[tuple[tuple[str, ...], Detector], ...] = (
    ((cues.RULE,), _plain(cues.find_cues)),
    ((toc.RULE,), _find_toc),
    ((masthead.ISSUE_RULE,), _plain(masthead.find_issue_lines)),
    ((running_heads.RULE,), _plain(running_heads.find_running_heads)),
    ((running_heads.PAGE_RULE,), _plain(running_heads.find_page_numbers)),
    ((page_header.RULE,), _plain(page_header.find_page_headers)),
    ((masthead.RULE,), _plain(masthead.find_masthead)),
    ((section_labels.RULE,), _plain(section_labels.find_section_labels)),
    ((law_history.RULE,), _plain(law_history.find_law_history)),
    ((date_lines.RULE,), _plain(date_lines.find_date_lines)),
    (tuple(r.name for r in web_meta.RULES), _plain(web_meta.find_web_furniture)),
    (tuple(r.name for r in markers.RULES), _plain(markers.find_markers)),
)
#: The detector modules in the order the stage lists their rules (about the order `DETECTORS`
#: runs them; the markup detector last).
MODULES = (
    cues,
    toc,
    masthead,
    running_heads,
    page_header,
    section_labels,
    law_history,
    date_lines,
    web_meta,
    markers,
    markup,
)
#: The rules of the markup detector, which also reads the edits of the stages before (the
#: tags the repair stage took out of a line).
MARKUP_RULES = tuple(r.name for r in markup.RULES)


def _merge(metadata: dict[str, Any], new: dict[str, Any]) -> None:
    """Lists from several detectors (page marks) extend; anything else is set once."""
    for key, value in new.items():
        if isinstance(value, list) and isinstance(metadata.get(key), list):
            metadata[key].extend(value)
        else:
            metadata.setdefault(key, value)


#: A detector is run again at most this many times to drop lines of switched-off rules.
MAX_RERUNS = 4


def _detect(detect: Detector, lines: list[Line], taken: set[int], options: Options) -> Found:
    """Run one detector, with the lines of its switched-off rules hidden from it.

    A detector reads metadata from the lines it claims (a dateline's date and
    source). When the user switches off one of its rules, the line stays in
    the body, so its value must not reach the metadata either: the detector is
    run again with those lines hidden (as if already taken), until none of its
    claims is switched off. Hiding a line can end a cluster early (a TOC or a
    masthead stops at a taken line), which is the conservative outcome.
    """
    hidden: set[int] = set()
    found = detect(lines, taken, options)
    for _ in range(MAX_RERUNS):
        off = {c.index for c in found.claims if not options.enabled(c.rule)}
        if not off:
            return found
        hidden |= off
        found = detect(lines, taken | hidden, options)
    found.claims = [c for c in found.claims if options.enabled(c.rule)]
    return found


def strip_furniture(lines: list[Line], options: Options, earlier: Iterable[Edit] = ()) -> Furniture:
    """Take non-body lines out of the text into metadata or the removed list; `earlier` are the
    edits of the stages before (the markup detector reads the repair stage's tag records)."""
    taken: set[int] = set()
    result = Furniture(lines)
    before = tuple(earlier)

    def find_markup(lines: list[Line], taken: set[int], _options: Options) -> Found:
        return markup.find_markup(lines, taken, before)

    for rules, detect in (*DETECTORS, (MARKUP_RULES, find_markup)):
        if not any(options.enabled(rule) for rule in rules):
            continue
        found = _detect(detect, lines, taken, options)
        claims = [c for c in found.claims if c.index not in taken]
        if not claims:
            continue
        _merge(result.metadata, found.metadata)
        result.edits.extend(found.edits)
        for claim in sorted(claims, key=lambda c: c.index):
            taken.add(claim.index)
            line = lines[claim.index]
            rest = leftover(line.text, claim.kept) if claim.kept else line.text.strip()
            if not claim.kept or has_cjk(rest):
                result.removed.append(Removed(rest, claim.rule, line.number))
    if "page_marks" in result.metadata:
        result.metadata["page_marks"].sort(key=lambda m: m["line"])
    result.lines = [ln for i, ln in enumerate(lines) if i not in taken]
    return result
