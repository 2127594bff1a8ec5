"""Unicode repair with ftfy, configured so it keeps Chinese typography (STYLE.md section 6).

ftfy's defaults damage Chinese text: `fix_character_width` folds full-width
punctuation and U+3000, `uncurl_quotes` straightens “ ”, and NFKC turns `…`
into `...`. This configuration keeps all of those and still repairs Latin
mojibake (UTF-8 read as Windows-1252), stray C1 controls and surrogates.
HTML entities are left to `repair.html_entity`, and line breaks to ingest
(the text arrives here one line at a time).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import ftfy

from zhclean.tasks.core.data import load
from zhclean.tasks.core.options import Options
from zhclean.tasks.core.rules import Change, Rule, RuleList
from zhclean.tasks.stages.repair.gbk import LATIN1_RUN, latin1_as_gbk
from zhclean.tasks.text.forms import SMALL_FORM_RE, find_small_forms

#: This module's rules, in the order they run.
RULES = RuleList()

_DATA = load(__file__, "ftfy")

#: ftfy's configuration that keeps full-width forms, curly quotes and `…` (see data/ftfy.toml).
CHINESE_SAFE = ftfy.TextFixerConfig(**_DATA["config"])


def fix(text: str) -> str:
    """ftfy with the Chinese-safe configuration."""
    return ftfy.fix_text(text, CHINESE_SAFE)


def explain(text: str) -> list[str]:
    """The names of the ftfy steps that changed `text` (for diagnostics and tests)."""
    result = ftfy.fix_and_explain(text, CHINESE_SAFE)
    return [f"{step}:{arg}" for step, arg in result.explanation or []]


#: Text made only of these has nothing ftfy would fix (ASCII, CJK, full-width forms): checking
#: this first skips ftfy, the costliest per-line step, on almost every line of a Chinese corpus.
NOTHING_FOR_FTFY = re.compile(_DATA["precheck"]["nothing_for_ftfy"])


def gbk_runs(text: str) -> list[tuple[int, int]]:
    """Latin-1 runs that are GBK read as Latin-1 (`ÕâÊÇ`), not UTF-8 read as Latin-1 (`cafÃ©`).

    ftfy would "repair" parts of them as broken UTF-8 and destroy the bytes
    `repair.mojibake_latin1` (which runs later) needs; a run that decodes as
    strict UTF-8 is left to ftfy."""
    runs = []
    for m in LATIN1_RUN.finditer(text):
        try:
            m.group().encode("latin-1").decode("utf-8")
            continue
        except UnicodeError:
            pass
        if latin1_as_gbk(m) != m.group():
            runs.append(m.span())
    return runs


def might_need_ftfy(text: str) -> bool:
    return NOTHING_FOR_FTFY.fullmatch(text) is None


def find_ftfy(text: str, _options: Options) -> Iterable[Change]:
    """What ftfy changes, as minimal replaced spans so each one is logged."""
    if NOTHING_FOR_FTFY.fullmatch(text):
        return
    fixed = fix(text)
    if fixed == text:
        return
    keep = gbk_runs(text)
    matcher = difflib.SequenceMatcher(None, text, fixed, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal" and not any(a < max(i2, i1 + 1) and i1 < b for a, b in keep):
            yield Change(i1, i2, fixed[j1:j2])


FTFY = RULES.add(
    Rule(
        "repair.ftfy",
        "repair",
        "ftfy (Chinese-safe config): Latin mojibake, C1 controls",
        find_ftfy,
        could_apply=might_need_ftfy,
        lint=False,
    )
)

#: Small-form marks (`﹐﹔﹗`) become full-width here already, before lines are joined into
#: paragraphs: the join decides from a line's last mark whether a sentence ends there. The
#: typography rule `punct.small_form` does the same for text that skips repair (and in lint).
SMALL_FORM = RULES.add(
    Rule(
        "repair.small_form",
        "repair",
        "small-form/vertical variants -> full-width, before lines are joined",
        find_small_forms,
        lint=False,
        could_apply=SMALL_FORM_RE.search,
    )
)
