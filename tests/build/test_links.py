"""Internal links and anchors are checked by every build (`--strict` and `validation:` in
mkdocs.yml): a broken one fails it. External links are listed in a report built without network."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_build.finish import external_links
from tests.conftest import ROOT

from .variant import build_variant, copy_docs

SEED_SOURCE = "https://about.gitlab.com/handbook/support/workflows/customer_emergencies_workflows.html"


@pytest.mark.parametrize(
    "link, named",
    [
        ("[broken](qualifying.md#no-such-section)", "no-such-section"),
        ("[broken](#no-such-section-here)", "no-such-section-here"),
        ("[broken](no-such-page.md)", "no-such-page.md"),
    ],
)
def test_a_broken_internal_link_fails_the_build(tmp_path, link, named):
    docs = copy_docs(tmp_path)
    page = docs / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nSee {link}.\n", encoding="utf-8")
    done = build_variant(tmp_path / "site", docs_dir=docs)
    assert done.returncode != 0, "the build accepted a broken link"
    assert named in done.stdout + done.stderr


def test_the_external_link_report_lists_every_external_link_with_its_pages(built_site):
    report = (built_site / external_links.REPORT).read_text(encoding="utf-8")
    rows = dict(line.split("\t") for line in report.splitlines() if not line.startswith("#"))
    # The attribution in every page's footer links the runbook's source.
    assert set(rows[SEED_SOURCE].split()) >= {"/", "qualifying/", "about/"}
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in rows
    assert not any(url.startswith("http://127.0.0.1:8000/") for url in rows), "the site's own URL is not external"


def test_the_report_command_needs_only_the_built_site(built_site, tmp_path):
    copy = tmp_path / "site"
    copy.mkdir()
    for page in ("index.html", "sitemap.xml"):
        (copy / page).write_bytes((built_site / page).read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "site_build.finish.external_links", str(copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert SEED_SOURCE in done.stdout and (copy / external_links.REPORT).is_file()
