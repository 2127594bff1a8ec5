"""Where the test inputs are, for test modules at any depth under tests/."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
RAW = ROOT / "raw"
UNSEEN = TESTS / "fixtures" / "unseen"
CASES = TESTS / "cases"
