"""Every built page carries the strict Content-Security-Policy before anything it governs, and
nothing in any page would need it loosened: no inline script, no inline event handler, no
javascript: URL (the browser tests then prove the pages work under it)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_build.finish import csp

# Script types a browser does not run: data blocks such as Material's __config.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head_elements: list[tuple[str, dict]] = []
        self.in_head = False
        self.problems: list[str] = []
        self.policies: list[str] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head_elements.append((tag, attributes))
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attributes.get("content") or "")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> inline event handler")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}> javascript: URL")
        if (
            tag == "script"
            and "src" not in attributes
            and (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES
        ):
            self._script = attributes

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:80]!r}")


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pyodide" not in p.relative_to(site).parts)


@pytest.fixture(scope="module")
def scans(built_site) -> dict[str, PageScan]:
    found = {}
    for path in built_pages(built_site):
        scan = PageScan()
        scan.feed(path.read_text(encoding="utf-8"))
        found[str(path.relative_to(built_site))] = scan
    assert "index.html" in found and "404.html" in found
    return found


def test_the_policy_is_strict():
    directives = dict(part.strip().split(" ", 1) for part in csp.POLICY.split(";"))
    for required in ("default-src", "script-src", "worker-src", "style-src", "img-src", "object-src", "base-uri"):
        assert required in directives, required
    script = directives["script-src"].split()
    assert script == ["'self'", "'wasm-unsafe-eval'"]  # no 'unsafe-inline', no 'unsafe-eval', no host
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert not any("*" in value or "http" in value for value in directives.values())


def test_every_page_carries_the_policy_before_anything_it_governs(scans):
    for name, scan in scans.items():
        assert scan.policies == [csp.POLICY], name
        first = [tag for tag, attrs in scan.head_elements if not (tag == "meta" and "charset" in attrs)][0]
        assert first == "meta", f"{name}: the policy must come first in <head>, found <{first}> before it"


def test_no_page_needs_inline_script_or_handlers(scans):
    problems = {name: scan.problems for name, scan in scans.items() if scan.problems}
    assert problems == {}
