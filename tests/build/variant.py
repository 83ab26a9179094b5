"""Build the site as configured by mkdocs.yml but with a few settings changed (a site_url with a
path, a temporary copy of docs/ with a deliberate mistake), without touching the working tree.

A child config INHERITs mkdocs.yml; MkDocs resolves the child's relative paths against the child's
own folder, so the path-like settings are restated as absolute paths into this checkout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from site_build.build import read_config
from tests.conftest import ROOT, build_site


def _main_config() -> dict:
    return read_config(ROOT / "mkdocs.yml")


def copy_docs(into: Path) -> Path:
    """A private copy of docs/ to break on purpose."""
    target = into / "docs"
    shutil.copytree(ROOT / "docs", target)
    return target


def build_variant(
    target: Path, *, site_url: str | None = None, docs_dir: Path | None = None, snapshot: Path | None = None
) -> subprocess.CompletedProcess:
    main = _main_config()
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs_dir or ROOT / main.get("docs_dir", "docs")),
        "theme": {"custom_dir": str(ROOT / main["theme"]["custom_dir"])},  # merged into mkdocs.yml's theme
        "hooks": [str(ROOT / hook) for hook in main.get("hooks", [])],
    }
    if site_url:
        config["site_url"] = site_url
    if snapshot:  # another handbook snapshot in place of handbook/customer_emergencies_workflows.md
        config["extra"] = {"seed": {"file": str(snapshot)}}  # merged into mkdocs.yml's extra.seed
    child = target.parent / f"{target.name}.mkdocs.yml"
    child.write_text(json.dumps(config, indent=1))  # JSON is YAML
    return build_site(target, "--config-file", str(child))
