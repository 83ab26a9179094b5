"""Build the site with one of three engines, then finish it the same way (site_build/finish/__init__.py):

    scripts/build [--engine mkdocs|properdocs|zensical] [--site-dir DIR]

- `mkdocs` (the default): MkDocs 1.6.1 from the project's .venv; its hook runs the finishing step.
- `properdocs`: ProperDocs 1.6.7, the maintained fork of MkDocs 1.6, which reads mkdocs.yml and runs
  its hooks as they are (the finishing step runs afterwards, with the project's Python).
- `zensical`: Zensical 0.1.2, the newest that installs here (0.1.3 and 0.1.4 need a `zensical-ui`
  the registry does not have). It runs the markers' Python-Markdown extension from mkdocs.yml but
  ignores `hooks:` (what they do is done without them: adr/0010), and only writes a site inside the
  folder of its config file: it builds in a scratch copy of docs/, overrides/ and mkdocs.yml, and
  the result is moved to DIR.

ProperDocs and Zensical are installed on first use, each into its own venv under
.cache/engines/<engine>-<version>/, so the project's .venv stays as requirements.txt says.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path
from urllib.parse import urlparse

import yaml

from site_build import finish

ROOT = Path(__file__).resolve().parent.parent
ENGINES_DIR = ROOT / ".cache" / "engines"
# Exact pins, like requirements.txt: the Python-Markdown side must match the project's.
MARKDOWN_PINS = ("Markdown==3.11.3", "pymdown-extensions==13.1.2")
ENGINE_PINS = {
    "properdocs": ("properdocs==1.6.7", "mkdocs==1.6.1", "mkdocs-material==9.8.2", *MARKDOWN_PINS),
    "zensical": ("zensical==0.1.2", *MARKDOWN_PINS),
}
ENGINES = ("mkdocs", *ENGINE_PINS)
# What a Zensical build reads, copied into its scratch project.
ZENSICAL_PROJECT = ("mkdocs.yml", "docs", "overrides")
# Overrides of Material for MkDocs' markup that Zensical's own UI replaces: Material 9.8's search
# partial (kept for axe's aria-dialog-name) hides Zensical's search dialog, which works without it.
ZENSICAL_LEAVES_OUT = ("overrides/partials/search.html",)


class EngineError(RuntimeError):
    pass


def engine_python(engine: str) -> Path:
    """The Python of the engine's own venv, installed on first use."""
    if engine == "mkdocs":
        return Path(sys.executable)
    pins = ENGINE_PINS[engine]
    tag = hashlib.sha256("\n".join(pins).encode()).hexdigest()[:12]
    home = ENGINES_DIR / f"{engine}-{tag}"
    python = home / "bin" / "python"
    if python.exists():
        return python
    # Install beside it and rename into place: a build that stops half-way leaves no broken venv.
    # The engine is always run as `python -m <engine>`, which does not depend on the venv's path.
    partial = home.with_name(f"{home.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    print(f"build: installing {', '.join(pins)} into {home.relative_to(ROOT)}", file=sys.stderr)
    venv.create(partial, with_pip=True)
    done = subprocess.run(
        [str(partial / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise EngineError(f"cannot install {engine}: {done.stderr.strip()[-2000:]}")
    try:
        partial.rename(home)
    except OSError:  # another build installed it first
        shutil.rmtree(partial, ignore_errors=True)
    return python


def engine_env(**extra: str) -> dict[str, str]:
    # The markers' extension and the checkers are imported from the repository by every engine.
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    return {**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1", **extra}


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise EngineError(f"{' '.join(argv[2:4])} failed:\n{done.stdout}{done.stderr}")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its !!python/name tags name."""


_AnyTagLoader.add_multi_constructor("", lambda loader, tag, node: None)


def read_config(config: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml's settings, its !!python/name values left as None."""
    return yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def site_base() -> str:
    """The path of mkdocs.yml's site_url: the sub-path the site is built for."""
    return urlparse(read_config().get("site_url") or "/").path or "/"


def build(engine: str, site_dir: Path) -> Path:
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    site_dir = site_dir.resolve()
    python = str(engine_python(engine))
    if engine == "mkdocs":  # the hook finishes the site
        _run([python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], ROOT, engine_env())
        return site_dir
    if engine == "properdocs":
        _run(
            [python, "-m", "properdocs", "build", "--strict", "--site-dir", str(site_dir)],
            ROOT,
            engine_env(HANDBOOK_FINISH="separately"),
        )
    else:
        with tempfile.TemporaryDirectory(prefix="handbook-zensical-") as scratch:
            project = Path(scratch)
            for name in ZENSICAL_PROJECT:
                source = ROOT / name
                (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
            for name in ZENSICAL_LEAVES_OUT:
                (project / name).unlink()
            _run([python, "-m", "zensical", "build", "--strict", "--config-file", "mkdocs.yml"], project, engine_env())
            shutil.rmtree(site_dir, ignore_errors=True)
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(project / "site", site_dir)
    finish.finish(site_dir, site_base())
    return site_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/build", description="Build and finish the site with one engine.")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    try:
        built = build(args.engine, args.site_dir)
    except (EngineError, finish.FinishError) as error:
        print(f"build: {error}", file=sys.stderr)
        return 1
    print(f"build: {args.engine} wrote {built}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
