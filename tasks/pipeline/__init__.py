"""The pipeline: the stage list and how a document runs through it (run.py), the rule catalogue, accounting."""
