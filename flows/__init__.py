"""Prefect flows and the command line that runs them.

Prefect's settings are applied here, before any module of this package imports Prefect.
"""

from zhclean.flows.settings import configure_prefect

configure_prefect()
