"""Shared fixtures: one site build and one server per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def build_site(target: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site") / "site"
    done = build_site(target)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    return target


@pytest.fixture(scope="session")
def engine_site(tmp_path_factory, built_site):
    """engine -> the site as that engine builds it (scripts/build), built once per session; the
    engine is installed on first use (site_build/build.py)."""
    from site_build import build

    sites = {"mkdocs": built_site}

    def site(engine: str) -> Path:
        if engine not in sites:
            sites[engine] = build.build(engine, tmp_path_factory.mktemp(engine) / "site")
        return sites[engine]

    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    from site_build.serve import serve_in_thread

    server, url = serve_in_thread(built_site)
    yield url
    server.shutdown()
