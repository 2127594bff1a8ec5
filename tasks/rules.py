"""A registry of named rules shared by the flow (fix mode) and `zhclean lint` (check mode).

In the spirit of autocorrect: every rule has a stable name such as
`punct.fullwidth_comma`; it finds the spans of a text it would change and
what each becomes. The flow applies those changes and logs each one as an
`Edit`; the linter reports them as violations. Any rule can be switched off
by name (see `Options.disabled_rules`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tasks.model import Edit
from tasks.options import Options


@dataclass(frozen=True, slots=True)
class Change:
    """Replace text[start:end] with `replacement`."""

    start: int
    end: int
    replacement: str


Finder = Callable[[str, Options], Iterable[Change]]
#: A cheap test that a rule could change a text at all (`None`: always try the finder).
Precheck = Callable[[str], object]


def containing(*needles: str) -> Precheck:
    """A precheck: the text holds at least one of `needles`."""
    return lambda text: any(n in text for n in needles)


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule. `stage` groups rules the pipeline runs together, in registration order.

    `lint` says whether a match counts when checking finished text; `severity` says whether
    it is an `error` (a STYLE violation: lint fails) or a `warning` (needs a human, e.g. a
    quote whose partner the source lost: reported, never guessed). `could_apply`, when set,
    is false for any text the rule would leave alone: most lines give most rules nothing to
    do, and the test is much cheaper than running the finder.
    """

    name: str
    stage: str
    description: str
    find: Finder
    lint: bool = True
    severity: str = "error"
    could_apply: Precheck | None = None


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; names are unique."""
    if rule.name in REGISTRY:
        raise ValueError(f"rule {rule.name!r} registered twice")
    REGISTRY[rule.name] = rule
    return rule


def regex_rule(
    name: str,
    stage: str,
    pattern: str | re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    description: str,
    lint: bool = True,
    needles: tuple[str, ...] = (),
) -> Rule:
    """Register a rule that replaces every match of `pattern` (a string uses `Match.expand`).

    `needles`: substrings of which every match contains at least one; a text holding none of
    them is skipped without running the regex (a cheap "could this apply at all" test, as
    most lines of a corpus give most rules nothing to do)."""
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern

    def find(text: str, _options: Options) -> Iterable[Change]:
        for m in compiled.finditer(text):
            new = m.expand(replacement) if isinstance(replacement, str) else replacement(m)
            if new != m.group(0):
                yield Change(m.start(), m.end(), new)

    return register(
        Rule(name, stage, description, find, lint, could_apply=containing(*needles) if needles else None)
    )


def rules_for(stage: str, options: Options) -> tuple[Rule, ...]:
    """The enabled rules of one stage, in the order they were registered.

    Called once per line and stage, so the answer is cached (keyed on the registry's
    size too, as registering a rule changes it).
    """
    return _rules_for(stage, options, len(REGISTRY))


@lru_cache(maxsize=256)
def _rules_for(stage: str, options: Options, _registry_size: int) -> tuple[Rule, ...]:
    return tuple(r for r in REGISTRY.values() if r.stage == stage and options.enabled(r.name))


def apply_rule(rule: Rule, text: str, options: Options, line: int) -> tuple[str, list[Edit]]:
    """Apply one rule's non-overlapping changes, logging each as an Edit with its offset."""
    if rule.could_apply is not None and not rule.could_apply(text):
        return text, []
    changes = sorted(rule.find(text, options), key=lambda c: c.start)
    if not changes:
        return text, []
    out: list[str] = []
    edits: list[Edit] = []
    pos = 0
    for c in changes:
        if c.start < pos:  # overlapping proposals: keep the first
            continue
        out.append(text[pos : c.start])
        before = text[c.start : c.end]
        edits.append(Edit(rule.stage, rule.name, before, c.replacement, line, c.start))
        out.append(c.replacement)
        pos = c.end
    out.append(text[pos:])
    return "".join(out), edits


def apply_stage(stage: str, text: str, options: Options, line: int) -> tuple[str, list[Edit]]:
    """Run every enabled rule of `stage` over `text`, in order."""
    edits: list[Edit] = []
    for rule in rules_for(stage, options):
        text, new = apply_rule(rule, text, options, line)
        edits.extend(new)
    return text, edits


@dataclass(frozen=True, slots=True)
class Violation:
    """A place where finished text breaks a rule (check mode)."""

    rule: str
    line: int
    column: int
    found: str
    context: str
    severity: str = "error"


def check(text: str, options: Options, line: int = 0, stages: Iterable[str] | None = None) -> list[Violation]:
    """Report what the lint-enabled rules would change in `text`, without changing it."""
    wanted = set(stages) if stages is not None else None
    found: list[Violation] = []
    for rule in REGISTRY.values():
        if not rule.lint or not options.enabled(rule.name):
            continue
        if wanted is not None and rule.stage not in wanted:
            continue
        if rule.could_apply is not None and not rule.could_apply(text):
            continue
        for c in rule.find(text, options):
            context = text[max(0, c.start - 8) : c.end + 8]
            found.append(Violation(rule.name, line, c.start, text[c.start : c.end], context, rule.severity))
    return found


def rules_fingerprint() -> str:
    """A short hash of the rule set (names, stages, descriptions) and the stage code.

    Stored in the manifest, so a scheduled run can tell outputs made by other rules.
    """
    digest = hashlib.sha256()
    for rule in REGISTRY.values():
        digest.update(f"{rule.name}|{rule.stage}|{rule.description}\n".encode())
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
