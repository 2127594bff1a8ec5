"""Run options: what a user may switch (STYLE.md defaults are the defaults here)."""

from __future__ import annotations

from dataclasses import dataclass, field

#: OpenCC tables that convert to simplified Chinese (the only direction this product needs).
SCRIPT_TABLES = ("t2s", "tw2s", "hk2s", "tw2sp")
#: A raw file larger than this is reported as "huge" and not processed.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    """Switches shared by the flow and `zhclean lint`.

    disabled_rules: rule names (or prefixes ending in '.') that must not run.
    pangu: put one space between CJK and half-width runs instead of none.
    script_table: the OpenCC table used for traditional -> simplified.
    """

    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    pangu: bool = False
    script_table: str = "t2s"
    max_file_bytes: int = MAX_FILE_BYTES

    def enabled(self, rule_name: str) -> bool:
        """True unless the rule, or a group prefix of it such as `punct.`, is switched off."""
        for off in self.disabled_rules:
            if rule_name == off or (off.endswith(".") and rule_name.startswith(off)):
                return False
        return True
