"""zhclean stages: pure functions over the document model, each returning its edits."""

__version__ = "0.1.0"
