"""A registry of named rules shared by the flow (fix mode) and `zhclean lint` (check mode).

In the spirit of autocorrect: every rule has a stable name such as
`punct.fullwidth_comma`; it finds the spans of a text it would change and
what each becomes. Each module keeps its rules in a `RuleList`; each stage lists its
modules' rules in the order they run; the pipeline's catalogue is the union, in order. The flow applies those changes and logs each one as an
`Edit`; the linter reports them as violations. Any rule can be switched off
by name (see `Options.disabled_rules`).
"""

from __future__ import annotations

import re
import re._parser as regex_parser  # the standard library's own parser of patterns (3.11+)
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any

from zhclean.tasks.core.model import Edit
from zhclean.tasks.core.options import Options


@dataclass(slots=True)
class Change:
    """Replace text[start:end] with `replacement`.

    Not frozen: a frozen dataclass sets each field through `object.__setattr__`, and finders
    make about two million of these for 1,000 documents (0.59 against 0.21 us each)."""

    start: int
    end: int
    replacement: str


Finder = Callable[[str, Options], Iterable[Change]]
#: A cheap test that a rule could change a text at all (`None`: always try the finder).
Precheck = Callable[[str], object]


def containing(*needles: str) -> Precheck:
    """A precheck: the text holds at least one of `needles` (one regex, searched in C: a Python
    loop over the needles cost more than most finders it spared). Single characters make a
    character class, which the regex engine scans for far faster than an alternation."""
    if needles and all(len(n) == 1 for n in needles):
        return re.compile("[" + "".join(re.escape(n) for n in needles) + "]").search
    return re.compile("|".join(re.escape(n) for n in needles)).search


#: Opcodes of a parsed pattern that look at text a match does not consume (anchors, `\b`,
#: lookarounds) or depend on an earlier group: with any of them, text around a piece can stop a
#: match the piece holds.
_CONTEXT_OPCODES = frozenset(
    {regex_parser.AT, regex_parser.ASSERT, regex_parser.ASSERT_NOT, regex_parser.GROUPREF_EXISTS}
)


def _context_free(items: Iterable[tuple[Any, Any]]) -> bool:
    """No opcode of `_CONTEXT_OPCODES` in a parsed pattern, its groups, branches and repeats."""
    return all(op not in _CONTEXT_OPCODES and all(map(_context_free, _nested(arg))) for op, arg in items)


def _nested(arg: Any) -> Iterator[Any]:
    """The sub-patterns inside an opcode's argument (a group's, a branch's, a repeat's)."""
    if isinstance(arg, regex_parser.SubPattern):
        yield arg
    elif isinstance(arg, tuple | list):
        for part in arg:
            yield from _nested(part)


@cache
def is_local(precheck: Precheck) -> bool:
    """Whether `precheck` is a regex search that nothing outside a match can stop: no anchor, no
    word boundary, no lookaround. Such a test that holds for one piece of a text holds for the
    whole, so one search of many texts joined answers for all of them (`could_apply_to_any`).
    A test written as a function (`has_edge_space` looks at the text's ends) is not."""
    pattern = getattr(precheck, "__self__", None)
    if not isinstance(pattern, re.Pattern) or getattr(precheck, "__name__", "") != "search":
        return False
    if not isinstance(pattern.pattern, str):
        return False
    return _context_free(regex_parser.parse(pattern.pattern, pattern.flags))


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    """A named rule. `stage` is the group of rules the pipeline runs together (and what an
    Edit records as its stage); the pipeline stage that owns the rule lists it in its `RULES`.

    `find` is None for a rule whose decision the stage code makes (see `RuleList.declare`).

    `lint` says whether a match counts when checking finished text; `severity` says whether
    it is an `error` (a STYLE violation: lint fails) or a `warning` (needs a human, e.g. a
    quote whose partner the source lost: reported, never guessed). `could_apply`, when set,
    is false for any text the rule would leave alone: most lines give most rules nothing to
    do, and the test is much cheaper than running the finder.
    """

    name: str
    stage: str
    description: str
    find: Finder | None
    lint: bool = True
    severity: str = "error"
    could_apply: Precheck | None = None
    #: why the rule cannot be switched off (None: `--disable` switches it off)
    fixed: str | None = None
    #: what `could_apply` is asked of: `mask(text)` when set (a guarded rule tests the text with
    #: its protected spans masked), else the text. A loop over many rules masks a text once.
    mask: Callable[[str], str] | None = None

    def might_change(self, text: str, masked: dict[Callable[[str], str], str] | None = None) -> bool:
        """False when the precheck proves the rule leaves `text` alone. `masked`: the text as each
        mask made it, kept by a caller that asks many rules about one text (filled here)."""
        pre, mask = self.could_apply, self.mask
        if pre is None:
            return True
        if mask is None:
            return bool(pre(text))
        if masked is None:
            return bool(pre(mask(text)))
        subject = masked.get(mask)
        if subject is None:
            subject = masked[mask] = mask(text)
        return bool(pre(subject))


def could_apply_to_any(rules: Iterable[Rule], texts: Sequence[str]) -> list[Rule]:
    """The rules of `rules` that might change one of `texts`, in order: those whose precheck is
    local (`is_local`) and finds nothing in all the texts joined (each masked as the rule masks
    it) are left out. One search per rule for many texts instead of one per rule and text:
    most rules have nothing to do in most documents (measured: 65 % of a report's lint
    prechecks failed for the whole document)."""
    joined: dict[Callable[[str], str] | None, str] = {}
    kept: list[Rule] = []
    for rule in rules:
        pre = rule.could_apply
        if pre is None or not is_local(pre):
            kept.append(rule)
            continue
        subject = joined.get(rule.mask)
        if subject is None:
            pieces = texts if rule.mask is None else map(rule.mask, texts)
            subject = joined[rule.mask] = "\n".join(pieces)
        if pre(subject):
            kept.append(rule)
    return kept


class RuleList(list[Rule]):
    """The ordered rules of one module: a stage lists its modules' `RULES` in the order they run.

    Nothing is registered globally by importing a module, so the order in which rules run is
    written down once, in the stage (as autocorrect keeps one explicit list of rules)."""

    def add(self, rule: Rule) -> Rule:
        if any(r.name == rule.name for r in self):
            raise ValueError(f"rule {rule.name!r} defined twice")
        self.append(rule)
        return rule

    def regex(self, *args: Any, **kwargs: Any) -> Rule:
        """Add a `regex_rule` (same arguments)."""
        return self.add(regex_rule(*args, **kwargs))

    def declare(self, name: str, stage: str, description: str, *, fixed: str | None = None) -> Rule:
        """Add a rule whose decision is made by stage code rather than a text finder (a line
        moved to metadata, two lines joined, an article cut). It is in the catalogue like any
        rule, `--disable` switches it off unless `fixed` says why it cannot be."""
        return self.add(Rule(name, stage, description, None, lint=False, fixed=fixed))


def regex_rule(
    name: str,
    stage: str,
    pattern: str | re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    description: str,
    lint: bool = True,
    needles: tuple[str, ...] = (),
) -> Rule:
    """A rule that replaces every match of `pattern` (a string uses `Match.expand`).

    `needles`: substrings of which every match contains at least one; a text holding none of
    them is skipped without running the regex (a cheap "could this apply at all" test, as
    most lines of a corpus give most rules nothing to do)."""
    compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
    if isinstance(replacement, str) and "\\" not in replacement:
        # a template without a backslash has no group in it: it is its own expansion, which
        # `Match.expand` would parse again at every match (Python 3.11 keeps no parsed template)
        literal = replacement

        def find_literal(text: str, _options: Options) -> Iterable[Change]:
            for m in compiled.finditer(text):
                if literal != m.group(0):
                    yield Change(m.start(), m.end(), literal)

        finder: Finder = find_literal
    else:

        def find(text: str, _options: Options) -> Iterable[Change]:
            for m in compiled.finditer(text):
                new = m.expand(replacement) if isinstance(replacement, str) else replacement(m)
                if new != m.group(0):
                    yield Change(m.start(), m.end(), new)

        finder = find

    return Rule(name, stage, description, finder, lint, could_apply=containing(*needles) if needles else None)


@lru_cache(maxsize=1024)
def enabled_rules(rules: tuple[Rule, ...], group: str, options: Options) -> tuple[Rule, ...]:
    """The enabled rules of `rules` in one group, in order (a rule of group `lint` only checks).

    Called once per line and group, so the answer is cached."""
    return tuple(r for r in rules if r.find is not None and r.stage == group and options.enabled(r.name))


def apply_rule(rule: Rule, text: str, options: Options, line: int) -> tuple[str, list[Edit]]:
    """Apply one rule's non-overlapping changes, logging each as an Edit with its offset."""
    if rule.find is None or not rule.might_change(text):
        return text, []
    return _apply_found(rule, rule.find, text, options, line)


_START = attrgetter("start")


def _apply_found(rule: Rule, find: Finder, text: str, options: Options, line: int) -> tuple[str, list[Edit]]:
    """`apply_rule` once the precheck has passed (`find` is the rule's finder)."""
    changes = sorted(find(text, options), key=_START)
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


def apply_rules(
    rules: tuple[Rule, ...], group: str, text: str, options: Options, line: int
) -> tuple[str, list[Edit]]:
    """Run every enabled rule of `rules` in `group` over `text`, in order.

    Most rules leave most texts alone and say so in their precheck, so the prechecks are asked
    here, in the loop (a text masked once per state, not once per rule), and only a rule that
    might change the text is applied: the same result as `apply_rule` for each, with a fifth of
    the calls (measured: 81 % of a corpus's rule applications end at the precheck)."""
    edits: list[Edit] = []
    masked: dict[Callable[[str], str], str] = {}  # the text as each mask made it, until it changes
    for rule in enabled_rules(rules, group, options):
        if not rule.might_change(text, masked):
            continue
        text, new = _apply_found(rule, rule.find, text, options, line)  # type: ignore[arg-type]
        if new:
            edits.extend(new)
            masked.clear()
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


@lru_cache(maxsize=256)
def lint_rules(rules: tuple[Rule, ...], stages: frozenset[str] | None, options: Options) -> tuple[Rule, ...]:
    """The enabled lint rules of `rules` in `stages` (all when None), in order: asked once per
    block checked, so the answer is cached (the loop over the whole catalogue was a fifth of lint)."""
    return tuple(
        r
        for r in rules
        if r.find is not None and r.lint and options.enabled(r.name) and (stages is None or r.stage in stages)
    )


def check(
    rules: Iterable[Rule], text: str, options: Options, line: int = 0, stages: Iterable[str] | None = None
) -> list[Violation]:
    """Report what the lint-enabled `rules` would change in `text`, without changing it."""
    wanted = frozenset(stages) if stages is not None else None
    return check_each(lint_rules(tuple(rules), wanted, options), text, options, line)


def check_each(rules: Iterable[Rule], text: str, options: Options, line: int = 0) -> list[Violation]:
    """`check` with the rules to ask already chosen (lint rules with a finder, enabled)."""
    found: list[Violation] = []
    masked: dict[Callable[[str], str], str] = {}  # the text as each mask made it
    for rule in rules:
        if not rule.might_change(text, masked):
            continue
        for c in rule.find(text, options):
            context = text[max(0, c.start - 8) : c.end + 8]
            found.append(Violation(rule.name, line, c.start, text[c.start : c.end], context, rule.severity))
    return found
