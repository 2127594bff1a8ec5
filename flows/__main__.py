"""`python -m flows` runs the zhclean command line."""

from zhclean.flows.cli import main

main()
