"""Under each engine (scripts/build --engine mkdocs|properdocs|zensical) the pages carry their
rendered widgets, the Content-Security-Policy, the early start of Python and the runtime, and the
markers' HTML is the same whichever engine wrote the page."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from site_build import build, markers
from site_build.finish import csp
from site_build.render import handbook_pages

ENGINES = ("mkdocs", "properdocs", "zensical")
_WIDGET = re.compile(r'<section [^>]*data-checker="licence".*?</section>', re.DOTALL)


def pages(site):
    return [p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_checker_page_carries_its_widget_policy_early_start_and_runtime(engine_site, engine):
    site = engine_site(engine)
    licence = (site / "licence" / "index.html").read_text(encoding="utf-8")
    assert _WIDGET.search(licence), f"{engine}: the licence checker's form was not rendered"
    assert "<!-- checker:" not in licence
    head = licence[: licence.index("</head>")]
    charset = re.search(r"<meta charset=[^>]*>", head, re.IGNORECASE)
    assert head[charset.end() :].startswith(csp.META), f"{engine}: the policy is not right after <meta charset>"
    starter = '<script async fetchpriority="high" src="../assets/checkers/start-python.js" data-start-python></script>'
    assert starter in head, f"{engine}: no early start in <head>"
    assert head.index(csp.META) < head.index(starter) < head.index('rel="stylesheet"'), (
        f"{engine}: the early start is not between the policy and the stylesheets"
    )
    runtime = site / "assets" / "pyodide"
    for name in (
        "pyodide.mjs",
        "pyodide.asm.wasm",
        "python_startup.zip",
        "runtime.json",
        "pyodide-lock.json",
        "checkers-0.1.0-py3-none-any.whl",
    ):
        assert (runtime / name).is_file(), f"{engine}: {name} is not in the built site"
    assert (site / "assets" / "pyodide" / "pyodide.asm.wasm.br").is_file(), f"{engine}: no precompressed siblings"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_is_finished(engine_site, engine):
    site = engine_site(engine)
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert csp.META in html, f"{engine}: {page.relative_to(site)} has no policy"
        assert markers.SITE_ROOT not in html, f"{engine}: {page.relative_to(site)} keeps a root placeholder"
        assert not re.search(r"^<!-- [a-z-]+(: [^ ]+)? -->$", html, re.MULTILINE), (
            f"{engine}: a marker was left as a comment"
        )
    assert (site / "404.html").is_file() and csp.META in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ("properdocs", "zensical"))
def test_markers_render_the_same_under_every_engine(engine_site, engine):
    def widgets(site, page):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        return re.findall(
            r'<section [^>]*class="checker.*?</section>|<fieldset class="flow-checklist".*?</fieldset>'
            r'|<div class="glossary">.*?</div>|<div class="drills".*?</details></div>'
            r'|<figure class="flowchart.*?</figure>',
            html,
            re.DOTALL,
        )

    for page in ("licence", "paged", "saas", "us-federal", "glossary", "drills"):
        expected = widgets(engine_site("mkdocs"), page)
        assert expected, page
        assert widgets(engine_site(engine), page) == expected, f"{engine}: {page} differs from MkDocs' build"


def test_under_zensical_a_bad_marker_names_the_page(engine_site):
    """Zensical has no hooks: the page's name comes from its own rendering context, the same
    object its render() gives every Markdown instance (zensical.extensions.context)."""
    engine_site("zensical")  # installed
    script = (
        "import markdown\n"
        "from zensical.extensions.context import ContextExtension, Page\n"
        "from site_build.markers import MarkerExtension, MarkerError\n"
        "page = Page(url='about/', path='about.md')\n"
        "md = markdown.Markdown(extensions=[ContextExtension(page=page, config={}), MarkerExtension()])\n"
        "try:\n"
        "    md.convert('<!-- checker: nope -->')\n"
        "except MarkerError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [str(build.engine_python("zensical")), "-c", script],
        env=build.engine_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("about.md: cannot render <!-- checker: nope -->"), done.stdout + done.stderr


def sitemap_paths(site) -> set[str]:
    return set(re.findall(r"<loc>[^<]*?//[^/]+/([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))


# Material's search index, or Zensical's (its own search, a dialog reading search.json).
SEARCH_INDEXES = {"search/search_index.json": "docs", "search.json": "items"}


def searched_pages(site) -> tuple[str, set[str]]:
    """The search index's file and the pages it covers."""
    for name, key in SEARCH_INDEXES.items():
        if (site / name).is_file():
            entries = json.loads((site / name).read_text(encoding="utf-8"))[key]
            return name, {entry["location"].split("#")[0] for entry in entries}
    raise AssertionError(f"no search index in {site}")


@pytest.mark.parametrize("engine", ("properdocs", "zensical"))
def test_the_sitemap_search_and_offline_copy_cover_the_same_pages(engine_site, engine):
    mkdocs, other = engine_site("mkdocs"), engine_site(engine)
    assert sitemap_paths(other) == sitemap_paths(mkdocs)
    index, searched = searched_pages(other)
    assert searched == searched_pages(mkdocs)[1], f"{engine}: search covers other pages than MkDocs' build"
    manifest = json.loads((other / "offline-manifest.json").read_text(encoding="utf-8"))["files"]
    expected = json.loads((mkdocs / "offline-manifest.json").read_text(encoding="utf-8"))["files"]
    pages = {path for path, entry in manifest.items() if entry["kind"] == "page"}
    assert pages == {path for path, entry in expected.items() if entry["kind"] == "page"}
    assert index in manifest, f"{engine}: the offline copy has no search index"
    assert (other / "sw.js").is_file() and (other / "404.html").is_file()


def test_every_engine_reads_the_handbook_snapshot_mkdocs_yml_names():
    """MkDocs' hook reads the snapshot mkdocs.yml names; Zensical, without hooks, reads it from the
    markers' extension at its first handbook section (handbook_pages.render_handbook): the same file."""
    named = build.ROOT / build.read_config()["extra"]["seed"]["file"]
    assert named.resolve() == handbook_pages.SNAPSHOT.resolve()
