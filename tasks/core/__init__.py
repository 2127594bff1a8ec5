"""The core every layer builds on: the document model, run options, the rule engine, the stage contract, rule data loading."""
