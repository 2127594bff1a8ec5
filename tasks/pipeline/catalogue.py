"""The rule catalogue: every rule of every stage, in the order the pipeline runs them.

Every name that can appear as an edit kind or a removed reason is here, with the
stage that owns it, its description, whether lint checks it, and, when it cannot
be switched off, why. `zhclean rules` lists it, `zhclean lint` checks with it, and
`--disable` is checked against it, so a typo never silently disables nothing.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zhclean.tasks.core.rules import Rule
from zhclean.tasks.pipeline.run import STAGES


@dataclass(frozen=True, slots=True)
class Entry:
    """A rule and the pipeline stage that runs it."""

    stage: str
    rule: Rule


def _build() -> dict[str, Entry]:
    catalogue: dict[str, Entry] = {}
    for stage in STAGES:
        for rule in stage.rules:
            if rule.name in catalogue:
                raise ValueError(f"rule {rule.name!r} is listed by two stages")
            catalogue[rule.name] = Entry(stage.name, rule)
    return catalogue


CATALOGUE: dict[str, Entry] = _build()
#: Every rule, in the order they run.
ALL_RULES: tuple[Rule, ...] = tuple(e.rule for e in CATALOGUE.values())


class UnknownRule(ValueError):
    """`--disable` named something that is neither a rule nor a group prefix of rules."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown rule {name!r}{hint}; `zhclean rules` lists them")
        self.name = name
        self.suggestions = suggestions


def check_disabled(names: Iterable[str]) -> None:
    """Raise `UnknownRule` for a name that matches no rule (a prefix ending in '.' matches a group),
    and `ValueError` for a rule that cannot be switched off."""
    for name in names:
        if name.endswith("."):
            if not any(n.startswith(name) for n in CATALOGUE):
                groups = sorted({n.split(".")[0] + "." for n in CATALOGUE})
                raise UnknownRule(name, difflib.get_close_matches(name, groups, n=3))
            continue
        entry = CATALOGUE.get(name)
        if entry is None:
            raise UnknownRule(name, difflib.get_close_matches(name, list(CATALOGUE), n=3, cutoff=0.6))
        if entry.rule.fixed:
            raise ValueError(f"rule {name!r} cannot be switched off: {entry.rule.fixed}")


def _package_files() -> list[Path]:
    """The code and rule data the output depends on."""
    package = Path(__file__).resolve().parent.parent
    return sorted(
        p for p in package.rglob("*") if p.suffix in {".py", ".toml", ".txt", ".json"} and p.is_file()
    )


def rules_fingerprint() -> str:
    """A short hash of the catalogue (names, stages, descriptions), the code and the rule data.

    Stored in the manifest, so a scheduled run can tell outputs made by other rules."""
    digest = hashlib.sha256()
    for name, entry in CATALOGUE.items():
        digest.update(f"{name}|{entry.stage}|{entry.rule.stage}|{entry.rule.description}\n".encode())
    package = Path(__file__).resolve().parent.parent
    for path in _package_files():
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
