"""Download the pinned pure-Python wheels the Pyodide test run installs (tests/pyodide/requirements.txt)
into .cache/, once per version of that file. `python -m tests.pyodide.wheels` prints their paths."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = Path(__file__).with_name("requirements.txt")


def _pins() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def ensure_wheels() -> list[Path]:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:16]
    folder = ROOT / ".cache" / "pyodide-test-wheels" / digest
    wheels = sorted(folder.glob("*.whl"))
    if len(wheels) != len(_pins()):
        partial = folder.with_name(f"{digest}.{os.getpid()}.partial")  # renamed into place when complete
        shutil.rmtree(partial, ignore_errors=True)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--only-binary",
                ":all:",
                "--no-deps",
                "-d",
                str(partial),
                "-r",
                str(REQUIREMENTS),
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pip download of {REQUIREMENTS.name} failed:\n{done.stdout}\n{done.stderr}")
        shutil.rmtree(folder, ignore_errors=True)
        try:
            partial.rename(folder)
        except OSError:  # another run got there first with the same pins
            shutil.rmtree(partial, ignore_errors=True)
        wheels = sorted(folder.glob("*.whl"))
    # Pyodide installs these by unpacking them: only pure-Python wheels will do.
    impure = [w.name for w in wheels if not w.name.endswith("-none-any.whl")]
    if impure:
        raise RuntimeError(f"not pure-Python wheels: {impure}")
    return wheels


if __name__ == "__main__":
    print("\n".join(str(wheel) for wheel in ensure_wheels()))
