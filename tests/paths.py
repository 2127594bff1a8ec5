"""Where the test inputs are, for test modules at any depth under tests/."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
RAW = ROOT / "raw"
UNSEEN = TESTS / "fixtures" / "unseen"
CASES = TESTS / "cases"

#: Ways out of the editions a server must refuse (404), sent as written: a browser would resolve
#: `..` before sending. Shared by the server's own tests and the browser's.
OUTSIDE_EDITIONS = [
    "/files/../secret.txt",
    "/files/%2e%2e/secret.txt",
    "/files/json/%2e%2e/%2e%2e/secret.txt",
    "/files/json/..%2f..%2fsecret.txt",
    "/files//etc/passwd",
    "/files/%2fetc%2fpasswd",
    "/files/json/leak.json",  # a symlink inside the build, pointing outside
]
