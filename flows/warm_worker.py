"""Imported by the fork server (`pool.FORK_SERVER_PRELOAD`): the pipeline imported and run once
(`pool.warm_up`), so that every worker the server forks starts warm instead of warming itself.

A module of its own because the fork server can only import modules: nothing else imports it.
"""

from zhclean.flows.pool import warm_up

warm_up()
