"""What a deployment of the flow accepts: typed parameters (the UI form and the API refuse a bad
value) and the `prefect.yaml` that `prefect deploy` users deploy from."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from prefect.exceptions import ParameterTypeError

from zhclean.flows.normalize_corpus import normalize_corpus
from zhclean.tasks.pipeline.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]


def test_the_parameter_schema_lists_the_script_tables_runners_and_rules():
    properties = normalize_corpus.parameters.model_dump()["properties"]
    assert properties["script_table"]["enum"] == ["t2s", "tw2s", "hk2s", "tw2sp"]
    assert properties["runner"]["enum"] == ["processes", "dask"]
    [rules, none] = properties["disabled_rules"]["anyOf"]
    assert none == {"type": "null"}
    names = rules["items"]["enum"]
    assert "punct.fullwidth_comma" in names and "punct." in names
    # every rule but those that cannot be switched off, and every group prefix; nothing else
    fixed = {name for name, entry in CATALOGUE.items() if entry.rule.fixed}
    assert "ingest.line_end_crlf" in fixed
    assert set(names) == (set(CATALOGUE) - fixed) | {name.split(".")[0] + "." for name in CATALOGUE}
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("parameters", "said"),
    [
        ({"script_table": "s2t"}, "script_table: Input should be 't2s', 'tw2s', 'hk2s' or 'tw2sp'"),
        ({"runner": "ray"}, "runner: Input should be 'processes' or 'dask'"),
        (
            {"disabled_rules": ["punct.fullwidth_coma"]},
            "disabled_rules.0: Value error, unknown rule 'punct.fullwidth_coma' (did you mean "
            "punct.fullwidth_comma,",
        ),
        (
            {"disabled_rules": ["punct.dash", "ingest.line_end_cr"]},
            "disabled_rules.1: Value error, rule 'ingest.line_end_cr' cannot be switched off",
        ),
    ],
)
def test_a_bad_parameter_is_refused_with_a_clear_message(parameters, said):
    with pytest.raises(ParameterTypeError) as caught:
        normalize_corpus.validate_parameters(parameters)
    assert said in str(caught.value)


def test_good_parameters_validate():
    assert normalize_corpus.validate_parameters(
        {"disabled_rules": ["punct.dash", "space."], "script_table": "tw2s", "runner": "dask"}
    ) == {
        "raw_dir": "raw",
        "out_dir": "output",
        "disabled_rules": ["punct.dash", "space."],
        "pangu": False,
        "script_table": "tw2s",
        "force": False,
        "workers": 0,
        "runner": "dask",
        "address": None,
        "licence": None,
    }


def test_prefect_yaml_deploys_the_flow_with_its_schedule_limit_and_valid_parameters(monkeypatch):
    """Read as `prefect deploy` reads it: its model, then `{{ $VAR }}` from the environment."""
    from prefect.cli.deploy._models import PrefectYamlModel
    from prefect.client.schemas.objects import ConcurrencyLimitStrategy
    from prefect.flows import load_flow_from_entrypoint
    from prefect.schedules import Cron
    from prefect.utilities.templating import apply_values

    monkeypatch.setenv("PWD", "/srv/zhclean")
    raw = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = PrefectYamlModel.model_validate(raw).deployments
    config = apply_values(deployment.model_dump(exclude_unset=True), dict(), remove_notset=False)

    assert load_flow_from_entrypoint(config["entrypoint"]) is normalize_corpus
    assert normalize_corpus.validate_parameters(config["parameters"]) == {
        "raw_dir": "/srv/zhclean/raw",
        "out_dir": "/srv/zhclean/output",
        "disabled_rules": [],
        "pangu": False,
        "script_table": "t2s",
        "force": False,
        "workers": 0,
        "runner": "processes",
        "address": None,
        "licence": None,
    }
    [schedule] = config["schedules"]
    cron = Cron(schedule["cron"], timezone=schedule["timezone"])
    assert (cron.cron, cron.timezone) == ("0 3 * * *", "Asia/Shanghai")
    limit = config["concurrency_limit"]
    assert (limit["limit"], ConcurrencyLimitStrategy(limit["collision_strategy"])) == (
        1,
        ConcurrencyLimitStrategy.ENQUEUE,
    )
    assert config["enforce_parameter_schema"] is True
    pull = apply_values(raw["pull"], dict(), remove_notset=False)
    assert pull == [{"prefect.deployments.steps.set_working_directory": {"directory": "/srv/zhclean"}}]
