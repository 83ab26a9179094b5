"""axe-core finds nothing on any page of the built site, in the light and the dark scheme, with
every checker answered (results, copy buttons and pictures are checked too, not just the forms).

axe-core is a devDependency from npm (package-lock.json), evaluated into the page by the test:
it is never part of the site."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT

from .helpers import answer_every_checker, page_paths

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}  # emulated preference, Material scheme


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated through DevTools, so the page's CSP (script-src 'self') does not apply to it.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Content the browser skips off screen (content-visibility: auto) has no computed colours, so axe
    # would report its contrast as failing; draw it first, as the reader gets it once scrolled to it.
    page.evaluate("""() => { for (const node of document.querySelectorAll('*'))
        if (getComputedStyle(node).contentVisibility === 'auto') node.style.contentVisibility = 'visible'; }""")
    settle_transitions(page)
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "where": [
                " ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                for node in v["nodes"]
            ][:5],
        }
        for v in found
    ]


def settle_transitions(page) -> None:
    """Wait until no CSS transition or animation of finite length is running.

    Answering a checker scrolls the page; once the reader is past the first heading, Material fades
    the header's title from the site's name to the page's. Mid-fade the text is part-transparent, and
    axe measures that blend as failing contrast (a CI run failed so, on `when-stuck/` in the dark
    scheme). The reader sees the settled colours; so does axe, once this returns."""
    for _ in range(3):
        # Two frames: Material reacts to the scroll on the next frame, and its transition starts then.
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        running = page.evaluate("""() => Promise.all(document.getAnimations()
            .filter(a => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.then(() => 1, () => 1))).then(done => done.length)""")
        if not running:
            return


def test_axe_core_is_installed_from_the_lock_file():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["dev"] is True  # never shipped to readers
    assert AXE.is_file(), "run `npm ci` (scripts/test does it)"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_axe_violations_with_every_checker_answered(watch, site_url, built_site, scheme):
    preference, material_scheme = SCHEMES[scheme]
    page = watch.page
    page.emulate_media(color_scheme=preference)
    report = {}
    answered = []
    for path in page_paths(built_site):
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == material_scheme, path
        answered += answer_every_checker(watch)
        violations = axe_violations(page)
        if violations:
            report[path or "(home)"] = violations
    assert report == {}, json.dumps(report, indent=1)
    print(f"{scheme}: answered {answered}")
