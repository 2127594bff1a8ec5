"""Check the import contracts of pyproject.toml with import-linter.

The code is installed as `zhclean.tasks` / `zhclean.flows` from the top-level folders
`tasks/` and `flows/` (setuptools `package-dir`). import-linter reads a package from
disk, so it is shown the installed shape: a temporary `zhclean/` folder holding the
package's `__init__.py` and links to `tasks/` and `flows/`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="zhclean-imports-") as tmp:
        package = Path(tmp) / "zhclean"
        package.mkdir()
        shutil.copy(ROOT / "zhclean" / "__init__.py", package / "__init__.py")
        for name in ("tasks", "flows"):
            (package / name).symlink_to(ROOT / name, target_is_directory=True)
        env = {**os.environ, "PYTHONPATH": tmp}
        lint = Path(sys.executable).parent / "lint-imports"
        return subprocess.run(
            [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=tmp, env=env
        ).returncode


if __name__ == "__main__":
    sys.exit(main())
