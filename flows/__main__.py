"""`python -m flows` runs the zhclean command line."""

from flows.cli import main

main()
