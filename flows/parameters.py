"""The flow's parameter types: closed sets as `Literal`, so a bad value never starts a run.

Prefect builds the parameter schema of the flow (and of every deployment of it) from these
annotations. A `Literal` becomes an `enum` in that schema, which gives the UI form a choice
list, makes the server refuse a deployment run with any other value (deployments enforce
their schema), and makes pydantic refuse it when the flow is called from Python. The sets
are computed from what exists (the OpenCC tables the script stage converts with, the rule
catalogue), never listed by hand, so a new table or rule is accepted without an edit here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, WithJsonSchema

from zhclean.tasks.core.options import SCRIPT_TABLES, Options
from zhclean.tasks.pipeline.catalogue import CATALOGUE, check_disabled


def switchable_rule_names() -> tuple[str, ...]:
    """What `disabled_rules` accepts: every rule that can be switched off, then every group
    prefix (`punct.`), as `--disable` does; the rules that cannot be switched off are left out."""
    rules = tuple(name for name, entry in CATALOGUE.items() if not entry.rule.fixed)
    groups = tuple(sorted({name.split(".")[0] + "." for name in CATALOGUE}))
    return rules + groups


#: An OpenCC table that converts to simplified Chinese (`Options.script_table`).
ScriptTable = Literal[SCRIPT_TABLES]  # type: ignore[valid-type]
#: ... the one the flow uses unless told (`Options`' default).
DEFAULT_SCRIPT_TABLE: ScriptTable = Options().script_table


def _known_rule(name: str) -> str:
    """A name `--disable` accepts, else the CLI's message (with the closest names), not a list of 115."""
    check_disabled([name])
    return name


#: A rule name or group prefix that `disabled_rules` may switch off: an `enum` in the schema,
#: checked in Python by the catalogue, whose error names the closest rules.
RuleName = Annotated[
    str,
    AfterValidator(_known_rule),
    WithJsonSchema({"type": "string", "enum": list(switchable_rule_names())}),
]
#: Where the documents are normalised: a local process pool or a Dask cluster.
Runner = Literal["processes", "dask"]
